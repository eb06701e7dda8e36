import Synchronization

/// A Lua script run with `EVALSHA`, loaded on first use and again after `NOSCRIPT`
/// (a restarted or failed-over Redis forgets loaded scripts).
///
/// Every connection also loads every script created so far as soon as it connects
/// (`RedisScript.loadCommands`): a pipeline of several scripts must not meet a server that knows
/// only some of them, because the calls after a `NOSCRIPT` would run before it is re-sent.
public final class RedisScript: Sendable {
    public let source: String
    private let sha = Mutex<String?>(nil)
    private static let created = Mutex<[String]>([])

    public init(_ source: String) {
        self.source = source
        Self.created.withLock { $0.append(source) }
    }

    /// `SCRIPT LOAD` of every script created in this process, for a connection that just connected.
    static var loadCommands: [RedisCommand] {
        created.withLock { $0 }.map { RedisCommand("SCRIPT", "LOAD", $0) }
    }

    /// Runs the script with `keys` and `arguments`; error replies of the script throw `RedisError.server`.
    @discardableResult
    public func run(
        on redis: RedisClient, keys: [String], arguments: [any RedisArgument] = [], timeout: Duration? = nil
    ) async throws -> RedisValue {
        let replies = try await Self.pipeline(on: redis, [Call(self, keys: keys, arguments: arguments)], timeout: timeout)
        guard let reply = replies.first else { throw RedisError.unexpectedReply(command: "EVALSHA", reply: "none") }
        if let message = reply.errorMessage { throw RedisError.server(message) }
        return reply
    }

    /// Runs the script, then `commands` in the same round trip: right after the script, though not
    /// atomically with it (another client's command may run in between). Reloads after `NOSCRIPT`.
    /// - Returns: the script's reply (an error reply throws `RedisError.server`) and the commands'.
    public func run(
        on redis: RedisClient, keys: [String], arguments: [any RedisArgument] = [], followedBy commands: [RedisCommand],
        timeout: Duration? = nil
    ) async throws -> (script: RedisValue, commands: [RedisValue]) {
        for _ in 0..<2 {
            let call = try await Call(self, keys: keys, arguments: arguments).command(on: redis)
            let replies = try await redis.pipeline([call] + commands, timeout: timeout)
            guard replies.count == commands.count + 1 else {
                throw RedisError.unexpectedReply(command: "EVALSHA", reply: "\(replies)")
            }
            if Self.isNoScript(replies[0]) {
                redis.loadedScripts.withLock { $0.removeAll() }  // forgotten by a restarted Redis: load again
                continue
            }
            if let message = replies[0].errorMessage { throw RedisError.server(message) }
            return (replies[0], Array(replies.dropFirst()))
        }
        throw RedisError.server("NOSCRIPT script could not be loaded")
    }

    /// One run of a script, for `RedisScript.pipeline`.
    public struct Call: Sendable {
        public let script: RedisScript
        public let keys: [String]
        public let arguments: [any RedisArgument]

        public init(_ script: RedisScript, keys: [String], arguments: [any RedisArgument]) {
            self.script = script
            self.keys = keys
            self.arguments = arguments
        }

        /// The call's `EVALSHA`, its script loaded through `redis` first unless already loaded there.
        func command(on redis: RedisClient) async throws -> RedisCommand {
            RedisCommand("EVALSHA", [try await script.sha(on: redis), keys.count] + keys + arguments)
        }
    }

    /// Whether Redis refused a script it does not know (a restart or `SCRIPT FLUSH` forgot it).
    private static func isNoScript(_ reply: RedisValue) -> Bool {
        reply.errorMessage?.hasPrefix("NOSCRIPT") == true
    }

    /// Runs the calls (of one script or several) in order in one pipeline: one round trip. Each
    /// reply is returned as is; an error reply does not stop the later calls, so scripts that must
    /// not run after a failed one check a version or a lease themselves. Reloads after `NOSCRIPT`.
    public static func pipeline(on redis: RedisClient, _ calls: [Call], timeout: Duration? = nil) async throws -> [RedisValue] {
        var replies: [RedisValue] = []
        var next = 0
        for _ in 0..<2 where next < calls.count {
            var commands: [RedisCommand] = []
            for call in calls[next...] {
                // Loaded through this client before any call of the pipeline is sent, so the
                // server knows every script of it (or, restarted since, none).
                commands.append(try await call.command(on: redis))
            }
            let batch = try await redis.pipeline(commands, timeout: timeout)
            // Keep what ran; from the first NOSCRIPT on (a restarted Redis forgets every script),
            // load each remaining script again and send the rest once more.
            let ran = batch.firstIndex(where: isNoScript) ?? batch.count
            replies += batch[..<ran]
            next += ran
            if ran < batch.count { redis.loadedScripts.withLock { $0.removeAll() } }
        }
        guard next == calls.count else { throw RedisError.server("NOSCRIPT script could not be loaded") }
        return replies
    }

    /// The script's SHA-1 for `EVALSHA`, loaded through `redis` first unless this client already
    /// loaded it: for a pipeline that mixes the script with plain commands.
    public func sha(on redis: RedisClient) async throws -> String {
        let id = ObjectIdentifier(self)
        let known = redis.loadedScripts.withLock { $0.contains(id) }
        let loaded = try await loadedSHA(on: redis, reload: !known)
        redis.loadedScripts.withLock { _ = $0.insert(id) }
        return loaded
    }

    /// The script's SHA-1 when this client has loaded it already (and seen no `NOSCRIPT` since);
    /// `nil` means: call `sha(on:)`, which loads it.
    public func loadedSHA(on redis: RedisClient) -> String? {
        guard redis.loadedScripts.withLock({ $0.contains(ObjectIdentifier(self)) }) else { return nil }
        return sha.withLock { $0 }
    }

    private func loadedSHA(on redis: RedisClient, reload: Bool) async throws -> String {
        if !reload, let known = sha.withLock({ $0 }) { return known }
        let reply = try await redis.send(RedisCommand("SCRIPT", "LOAD", source))
        guard let loaded = reply.string else {
            throw RedisError.unexpectedReply(command: "SCRIPT LOAD", reply: "\(reply)")
        }
        sha.withLock { $0 = loaded }
        return loaded
    }
}
