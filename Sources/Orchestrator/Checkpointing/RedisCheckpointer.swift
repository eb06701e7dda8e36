import GraphRuntime
import Shared

/// Graph checkpoints in Redis, one hash per session (`session:{sid}:checkpoint`, see
/// docs/architecture.md), saved compare-and-set on their version by the session event log's commit
/// script (which can carry the node's events too) and expiring with the session.
public struct RedisCheckpointer: Checkpointer {
    private let redis: RedisClient
    private let ttlSeconds: Int

    public init(redis: RedisClient, ttlSeconds: Int) {
        self.redis = redis
        self.ttlSeconds = ttlSeconds
    }

    /// The checkpoint key of a thread (a session id).
    public static func key(threadID: String) -> String { SessionKeys(threadID).checkpoint }

    /// The hash field of a state channel.
    static func field(ofChannel name: String) -> String { "ch:\(name)" }

    public func load(threadID: String) async throws -> StoredCheckpoint? {
        try Self.checkpoint(fromHash: try await redis.send(Self.loadCommand(threadID: threadID)), threadID: threadID)
    }

    /// The command that reads a thread's checkpoint, for a caller that pipelines it with others.
    static func loadCommand(threadID: String) -> RedisCommand {
        RedisCommand("HGETALL", key(threadID: threadID))
    }

    /// The checkpoint in the reply to `loadCommand`; `nil` when there is none.
    static func checkpoint(fromHash reply: RedisValue, threadID: String) throws -> StoredCheckpoint? {
        guard let entries = reply.array, !entries.isEmpty else { return nil }
        var fields: [String: [UInt8]] = [:]
        var channels: [String: [UInt8]] = [:]
        var index = 0
        while index + 1 < entries.count {
            if let name = entries[index].string, let value = entries[index + 1].bytes {
                if name.hasPrefix("ch:") { channels[String(name.dropFirst(3))] = value } else { fields[name] = value }
            }
            index += 2
        }
        // A checkpoint written before states had channels holds the whole state in `state`.
        if channels.isEmpty, let whole = fields["state"] { channels[StoredCheckpoint.wholeStateChannel] = whole }
        guard let version = fields["version"].flatMap({ Int(String(decoding: $0, as: UTF8.self)) }) else { return nil }
        guard let status = fields["status"].flatMap({ StoredCheckpoint.Status(rawValue: String(decoding: $0, as: UTF8.self)) }),
              !channels.isEmpty else {
            throw GraphError.corruptCheckpoint(threadID: threadID, reason: "missing status or state")
        }
        let node = fields["node"].map { String(decoding: $0, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 }
        return StoredCheckpoint(version: version, status: status, nextNode: node,
                                runID: fields["run_id"].map { String(decoding: $0, as: UTF8.self) } ?? "",
                                channels: channels)
    }

    /// Saves compare-and-set on the version, through the event log's commit script with no events.
    public func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws {
        do {
            try await SessionEventLog(redis: redis, ttlSeconds: ttlSeconds)
                .commit([], sessionID: threadID, write: Self.versionedWrite(threadID: threadID, checkpoint))
        } catch SessionEventLog.CommitError.versionConflict {
            throw GraphError.checkpointConflict(threadID: threadID, expectedVersion: checkpoint.version - 1)
        }
    }

    /// The same save as `save`, as a write that `SessionEventLog.commit` makes together with events.
    public static func versionedWrite(threadID: String, _ checkpoint: StoredCheckpoint) -> SessionEventLog.VersionedWrite {
        versionedWrite(threadID: threadID, CheckpointDraft(checkpoint))
    }

    /// A run's save as a write whose channels are encoded when it is sent (`SessionEventLog.commit`).
    public static func versionedWrite(threadID: String, _ draft: CheckpointDraft) -> SessionEventLog.VersionedWrite {
        var fields: [(String, SessionEventLog.VersionedWrite.FieldValue)] = [
            ("status", .init(Array(draft.status.rawValue.utf8))), ("node", .init(Array((draft.nextNode ?? "").utf8))),
            ("run_id", .init(Array(draft.runID.utf8))),
        ]
        for channel in draft.channels.sorted(by: { $0.name < $1.name }) {
            fields.append((field(ofChannel: channel.name), .init(making: channel.encode)))
        }
        return SessionEventLog.VersionedWrite(key: key(threadID: threadID), version: draft.version, fields: fields)
    }

    public func delete(threadID: String) async throws {
        try await redis.send("DEL", Self.key(threadID: threadID))
    }
}
