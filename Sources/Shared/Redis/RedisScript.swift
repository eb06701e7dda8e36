import Synchronization

/// A Lua script run with `EVALSHA`, loaded on first use and again after `NOSCRIPT`
/// (a restarted or failed-over Redis forgets loaded scripts).
public final class RedisScript: Sendable {
    public let source: String
    private let sha = Mutex<String?>(nil)

    public init(_ source: String) {
        self.source = source
    }

    /// Runs the script with `keys` and `arguments`; error replies of the script throw `RedisError.server`.
    @discardableResult
    public func run(
        on redis: RedisClient, keys: [String], arguments: [any RedisArgument] = [], timeout: Duration? = nil
    ) async throws -> RedisValue {
        for _ in 0..<2 {
            let loaded = try await loadedSHA(on: redis)
            let command = RedisCommand("EVALSHA", [loaded, keys.count] + keys + arguments)
            do {
                return try await redis.send(command, timeout: timeout)
            } catch RedisError.server(let message) where message.hasPrefix("NOSCRIPT") {
                sha.withLock { $0 = nil }
            }
        }
        throw RedisError.server("NOSCRIPT script could not be loaded")
    }

    private func loadedSHA(on redis: RedisClient) async throws -> String {
        if let known = sha.withLock({ $0 }) { return known }
        let reply = try await redis.send(RedisCommand("SCRIPT", "LOAD", source))
        guard let loaded = reply.string else {
            throw RedisError.unexpectedReply(command: "SCRIPT LOAD", reply: "\(reply)")
        }
        sha.withLock { $0 = loaded }
        return loaded
    }
}
