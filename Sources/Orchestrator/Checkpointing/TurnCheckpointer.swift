import GraphRuntime
import Shared

/// The checkpointer of one running turn: it saves each node's checkpoint together with the
/// events the node produced, in one script fenced by the lease (docs/architecture.md, "Life of
/// a turn"). Each checkpoint waits in `events` for the next write: `ConversationRunner` makes
/// one before any node that is not instant (its `progress`), and the worker writes the last ones
/// with the turn's `done`; a crash in between only repeats instant, deterministic work.
///
/// Over a `RedisCheckpointer` the checkpoint and the events go in one script; over any other
/// checkpointer (the in-memory one of tests) the checkpoint is saved first, then the events.
struct TurnCheckpointer: Checkpointer {
    let base: any Checkpointer
    let events: TurnEvents

    func load(threadID: String) async throws -> StoredCheckpoint? {
        try await base.load(threadID: threadID)
    }

    func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws {
        guard base is RedisCheckpointer else {
            try await base.save(threadID: threadID, checkpoint)
            try await events.flush()
            return
        }
        // Deferred: nothing is sent here; a refusal surfaces as `SessionEventLog.CommitError` from
        // the write that sends it.
        try await events.commit(with: RedisCheckpointer.versionedWrite(threadID: threadID, checkpoint), deferred: true)
    }

    func delete(threadID: String) async throws {
        try await base.delete(threadID: threadID)
    }
}
