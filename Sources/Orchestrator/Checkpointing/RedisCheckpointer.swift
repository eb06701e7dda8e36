import GraphRuntime
import Shared

/// Graph checkpoints in Redis, one hash per session (`session:{sid}:checkpoint`, see
/// docs/architecture.md), saved compare-and-set on their version by a Lua script and expiring
/// with the session.
public struct RedisCheckpointer: Checkpointer {
    private let redis: RedisClient
    private let ttlSeconds: Int

    public init(redis: RedisClient, ttlSeconds: Int) {
        self.redis = redis
        self.ttlSeconds = ttlSeconds
    }

    /// The checkpoint key of a thread (a session id).
    public static func key(threadID: String) -> String { "session:{\(threadID)}:checkpoint" }

    // KEYS[1] checkpoint hash; ARGV: version, status, next node ('' for none), run id, state, ttl.
    // Refuses unless the stored version is exactly one less than the new one.
    private static let saveScript = RedisScript("""
        local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
        if current + 1 ~= tonumber(ARGV[1]) then return redis.error_reply('CONFLICT ' .. current) end
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'status', ARGV[2], 'node', ARGV[3], 'run_id', ARGV[4], 'state', ARGV[5])
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        return current + 1
        """)

    public func load(threadID: String) async throws -> StoredCheckpoint? {
        let reply = try await redis.send(RedisCommand("HMGET", Self.key(threadID: threadID),
                                                      "version", "status", "node", "run_id", "state"))
        guard let fields = reply.array, fields.count == 5, let version = fields[0].int else { return nil }
        guard let statusText = fields[1].string, let status = StoredCheckpoint.Status(rawValue: statusText),
              let state = fields[4].bytes else {
            throw GraphError.corruptCheckpoint(threadID: threadID, reason: "missing status or state")
        }
        let node = fields[2].string.flatMap { $0.isEmpty ? nil : $0 }
        return StoredCheckpoint(version: version, status: status, nextNode: node, runID: fields[3].string ?? "",
                                state: state)
    }

    public func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws {
        do {
            try await Self.saveScript.run(on: redis, keys: [Self.key(threadID: threadID)], arguments: [
                checkpoint.version, checkpoint.status.rawValue, checkpoint.nextNode ?? "", checkpoint.runID,
                checkpoint.state, ttlSeconds,
            ])
        } catch RedisError.server(let message) where message.hasPrefix("CONFLICT") {
            throw GraphError.checkpointConflict(threadID: threadID, expectedVersion: checkpoint.version - 1)
        }
    }

    public func delete(threadID: String) async throws {
        try await redis.send("DEL", Self.key(threadID: threadID))
    }
}
