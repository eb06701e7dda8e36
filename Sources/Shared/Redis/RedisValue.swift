/// A reply from Redis, read off the socket into a `Sendable` value.
public enum RedisValue: Sendable, Hashable {
    /// A bulk string; binary safe.
    case bulk([UInt8])
    /// A simple status reply such as `OK` or `QUEUED`.
    case status(String)
    case integer(Int64)
    case array([RedisValue])
    /// A nil bulk string or nil array.
    case null
    /// An error reply (`ERR ...`, `NOSCRIPT ...`, `BUSYGROUP ...`); the text after the prefix is kept.
    case error(String)

    /// The reply as text: bulk strings (UTF-8, lossy-free only for valid UTF-8), statuses and integers.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        case .integer(let value): String(value)
        default: nil
        }
    }

    /// The reply as an integer: integer replies and bulk strings holding a decimal integer.
    public var int: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .bulk(let bytes): Int(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// The raw bytes of a bulk string.
    public var bytes: [UInt8]? {
        if case .bulk(let bytes) = self { return bytes }
        return nil
    }

    /// The elements of an array reply; `nil` for any other reply.
    public var array: [RedisValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The message of an error reply.
    public var errorMessage: String? {
        if case .error(let message) = self { return message }
        return nil
    }

    /// Pairs of a flat `[field, value, field, value…]` array (HGETALL, XRANGE fields) as a dictionary.
    public var fieldValues: [String: String]? {
        guard let values = array else { return nil }
        var result: [String: String] = [:]
        result.reserveCapacity(values.count / 2)
        var index = 0
        while index + 1 < values.count {
            if let field = values[index].string, let value = values[index + 1].string { result[field] = value }
            index += 2
        }
        return result
    }
}
