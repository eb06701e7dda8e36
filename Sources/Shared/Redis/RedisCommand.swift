/// A value that can be sent as one argument of a Redis command.
public protocol RedisArgument: Sendable {
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument { public var redisBytes: [UInt8] { Array(utf8) } }
extension Substring: RedisArgument { public var redisBytes: [UInt8] { Array(utf8) } }
extension Int: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }
extension Int64: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }
extension Double: RedisArgument { public var redisBytes: [UInt8] { Array(String(self).utf8) } }
extension Array: RedisArgument where Element == UInt8 { public var redisBytes: [UInt8] { self } }

/// One Redis command with its arguments, binary safe.
public struct RedisCommand: Sendable, CustomStringConvertible {
    public var arguments: [[UInt8]]

    public init(_ name: String, _ arguments: [any RedisArgument]) {
        self.arguments = [Array(name.utf8)] + arguments.map(\.redisBytes)
    }

    public init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments)
    }

    /// The command name, for logs and errors; arguments are never logged (they may hold user data).
    public var name: String { arguments.first.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    public var description: String { "\(name) (\(arguments.count - 1) arguments)" }
}
