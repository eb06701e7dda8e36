/// A value that can be sent as one argument of a Redis command.
public protocol RedisArgument: Sendable {
    /// Appends the value as one RESP bulk string (`$<length>\r\n<bytes>\r\n`).
    func appendBulk(to resp: inout RESPCommandWriter)
}

extension String: RedisArgument {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(utf8) }
}

extension Substring: RedisArgument {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(utf8) }
}

extension Int: RedisArgument {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(String(self).utf8) }
}

extension Int64: RedisArgument {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(String(self).utf8) }
}

extension Double: RedisArgument {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(String(self).utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    public func appendBulk(to resp: inout RESPCommandWriter) { resp.bulk(self) }
}

/// One Redis command with its arguments, binary safe, encoded as RESP (an array of bulk strings)
/// once, when it is made: a worker's scripts carry dozens of arguments, and keeping each in its
/// own array, copied again into the socket's buffer, cost an allocation and two copies apiece.
public struct RedisCommand: Sendable, CustomStringConvertible {
    /// The command as it is written to the socket.
    public let resp: [UInt8]
    /// The command name, for logs and errors; arguments are never logged (they may hold user data).
    public let name: String
    /// How many arguments follow the name.
    public let argumentCount: Int

    public init(_ name: String, _ arguments: [any RedisArgument]) {
        var writer = RESPCommandWriter(count: arguments.count + 1)
        name.appendBulk(to: &writer)
        for argument in arguments { argument.appendBulk(to: &writer) }
        resp = writer.bytes
        self.name = name
        argumentCount = arguments.count
    }

    public init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments)
    }

    public var description: String { "\(name) (\(argumentCount) arguments)" }
}

/// Writes a command's RESP array, one bulk string per argument.
public struct RESPCommandWriter {
    fileprivate private(set) var bytes: [UInt8] = []
    private static let crlf: [UInt8] = [0x0D, 0x0A]

    fileprivate init(count: Int) {
        bytes.reserveCapacity(64 + 24 * count)
        header(UInt8(ascii: "*"), count)
    }

    /// Appends `value` as a bulk string.
    public mutating func bulk(_ value: some Collection<UInt8>) {
        header(UInt8(ascii: "$"), value.count)
        bytes.append(contentsOf: value)
        bytes.append(contentsOf: Self.crlf)
    }

    /// `<kind><decimal count>\r\n`, the digits written in place.
    private mutating func header(_ kind: UInt8, _ count: Int) {
        bytes.append(kind)
        var divisor = 1
        while divisor <= count / 10 { divisor *= 10 }
        var rest = count
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
        bytes.append(contentsOf: Self.crlf)
    }
}
