import GraphRuntime
import Shared
import Synchronization

/// The checkpointer of one running turn: it saves each node's checkpoint together with the
/// events the node produced, in one script fenced by the lease (docs/architecture.md, "Life of
/// a turn"). Each checkpoint waits in `events` for the next write: the linger's deadline write
/// `ConversationRunner` asks for when a node that may take a while starts, or the worker's, with
/// the turn's `done`. A crash in between repeats what ran since the last write: deterministic
/// nodes and the service calls (reads) that ended within the linger.
///
/// Over a `RedisCheckpointer` the checkpoint and the events go in one script; over any other
/// checkpointer (the in-memory one of tests) the checkpoint is saved first, then the events.
///
/// Its first load over a `RedisCheckpointer` returns the checkpoint the worker read with the
/// turn's start (`prefetched`), saving a round trip.
struct TurnCheckpointer: Checkpointer {
    let base: any Checkpointer
    let events: TurnEvents
    var prefetched: PrefetchedCheckpoint?

    func load(threadID: String) async throws -> StoredCheckpoint? {
        if base is RedisCheckpointer, let checkpoint = prefetched?.take() { return try checkpoint.get() }
        return try await base.load(threadID: threadID)
    }

    func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws {
        try await save(threadID: threadID, draft: CheckpointDraft(checkpoint))
    }

    func save(threadID: String, draft: CheckpointDraft) async throws {
        guard base is RedisCheckpointer else {
            try await base.save(threadID: threadID, draft.encoded())
            try await events.flush()
            return
        }
        // Deferred: nothing is sent or encoded here; a refusal surfaces as
        // `SessionEventLog.CommitError` from the write that sends it, and a channel a later save
        // of the same commit replaces is never encoded.
        try await events.commit(with: RedisCheckpointer.versionedWrite(threadID: threadID, draft), deferred: true)
    }

    func delete(threadID: String) async throws {
        try await base.delete(threadID: threadID)
    }
}

/// A session's checkpoint as the worker read it with the turn's start (`SessionQueue.Attempt`),
/// for the turn's first checkpoint load. Taken once: later loads read Redis.
public final class PrefetchedCheckpoint: Sendable {
    private let checkpoint: Mutex<Result<StoredCheckpoint?, any Error>?>

    public init(_ checkpoint: Result<StoredCheckpoint?, any Error>) {
        self.checkpoint = Mutex(checkpoint)
    }

    /// The checkpoint the first time; `nil` after.
    public func take() -> Result<StoredCheckpoint?, any Error>? {
        checkpoint.withLock { checkpoint in
            defer { checkpoint = nil }
            return checkpoint
        }
    }
}
