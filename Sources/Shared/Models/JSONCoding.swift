import Foundation

/// The project's JSON encoder and decoder settings in one place. Field names come from each
/// type's explicit `CodingKeys`, so no key strategy is set.
public enum JSONCoding {
    /// A new encoder: compact output, `/` not escaped. Encoders are not shared across threads.
    public static func makeEncoder(sortedKeys: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = sortedKeys ? [.withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes]
        return encoder
    }

    public static func encode(_ value: some Encodable) throws -> Data {
        try makeEncoder().encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: some Collection<UInt8>) throws -> T {
        try JSONDecoder().decode(type, from: Data(data))
    }
}
