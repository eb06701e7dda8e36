import Shared

/// Any JSON value, as the importer and the store read it.
enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null
}

/// The JSON text was malformed (or nested deeper than `JSONScanner.maximumDepth`).
struct JSONSyntaxError: Error {}

/// The importer's and the store's JSON reading, on `Shared`'s `JSONReader`: one JSON Lines row
/// into a `JSONValue` per call, and each product's attribute object per search.
enum JSONScanner {
    static let maximumDepth = 32

    /// The single JSON value in `bytes` (surrounding whitespace allowed, nothing else).
    static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try JSONReader.read(bytes) { reader throws(JSONReadError) in try JSONValue(json: &reader, depth: 0) }
        } catch {
            throw JSONSyntaxError()
        }
    }

    /// The members of the JSON object in `bytes` whose names are in `keys` (the others are
    /// checked and skipped, not built); `nil` when `bytes` is valid JSON but not an object.
    static func parseObject(_ bytes: some Collection<UInt8>, keeping keys: Set<String>) throws(JSONSyntaxError) -> [String: JSONValue]? {
        do {
            return try JSONReader.read(bytes) { reader throws(JSONReadError) -> [String: JSONValue]? in
                guard try reader.nextKind() == .object else {
                    _ = try JSONValue(json: &reader, depth: 0)
                    return nil
                }
                var members: [String: JSONValue] = [:]
                try reader.object { reader, key throws(JSONReadError) in
                    // A repeated key keeps the last value, as JSONDecoder does.
                    if keys.contains(key) { members[key] = try JSONValue(json: &reader, depth: 1) } else { try reader.skip() }
                }
                return members
            }
        } catch {
            throw JSONSyntaxError()
        }
    }

    /// A flat `{"key":"value",…}` object of strings, as the store writes attributes, read straight
    /// into a dictionary (no `JSONValue` in between: this runs for every candidate of every search).
    /// Members that are not strings are left out; anything but an object gives `[:]`, so a damaged
    /// column never fails a search.
    static func parseStringObject(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String] {
        let members = try? JSONReader.read(bytes) { reader throws(JSONReadError) -> [String: String] in
            var members: [String: String] = [:]
            try reader.object { reader, key throws(JSONReadError) in
                if try reader.nextKind() == .string { members[key] = try reader.string() } else { try reader.skip() }
            }
            return members
        }
        return members ?? [:]
    }
}

extension JSONValue {
    init(json reader: inout JSONReader, depth: Int) throws(JSONReadError) {
        guard depth < JSONScanner.maximumDepth else { throw reader.error("nested too deep") }
        switch try reader.nextKind() {
        case .string: self = .string(try reader.string())
        case .number: self = .number(try reader.double())
        case .bool: self = .bool(try reader.bool())
        case .null:
            _ = try reader.readNull()
            self = .null
        case .array:
            self = .array(try reader.array(of: { reader throws(JSONReadError) in try JSONValue(json: &reader, depth: depth + 1) }))
        case .object:
            var members: [String: JSONValue] = [:]
            // A repeated key keeps the last value, as JSONDecoder does.
            try reader.object { reader, key throws(JSONReadError) in members[key] = try JSONValue(json: &reader, depth: depth + 1) }
            self = .object(members)
        }
    }
}
