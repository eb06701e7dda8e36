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

    /// Runs the script once per call, all in one pipeline (one round trip), in order. Each reply
    /// is returned as is (an error reply does not stop the later calls: scripts that must not run
    /// after a failed one check a version or lease themselves). Reloads after `NOSCRIPT`.
    public func pipeline(
        on redis: RedisClient, calls: [(keys: [String], arguments: [any RedisArgument])], timeout: Duration? = nil
    ) async throws -> [RedisValue] {
        var replies: [RedisValue] = []
        var next = 0
        for _ in 0..<2 where next < calls.count {
            let loaded = try await loadedSHA(on: redis)
            let batch = try await redis.pipeline(calls[next...].map { call in
                RedisCommand("EVALSHA", [loaded, call.keys.count] + call.keys + call.arguments)
            }, timeout: timeout)
            // Keep what ran; from the first NOSCRIPT on (a restarted Redis), load and send again.
            let ran = batch.firstIndex { $0.errorMessage?.hasPrefix("NOSCRIPT") == true } ?? batch.count
            replies += batch[..<ran]
            next += ran
            if ran < batch.count { sha.withLock { $0 = nil } }
        }
        guard next == calls.count else { throw RedisError.server("NOSCRIPT script could not be loaded") }
        return replies
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
