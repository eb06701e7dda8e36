import Logging
import NIOCore
import NIOPosix
import Shared
import Synchronization

/// How a turn ended, when it did not fail.
public enum TurnEnd: Sendable, Equatable {
    case completed
    case awaitingAnswer
    case cancelled

    var stage: WorkflowStage {
        switch self {
        case .completed: .completed
        case .awaitingAnswer: .awaitingAnswer
        case .cancelled: .cancelled
        }
    }
}

/// Emits the events of one turn to the session's history and live channel.
///
/// Events are written in batches to spare round trips: `buffer` keeps an event in memory
/// (adjacent `token` pieces of one node are joined into one event), `commit` closes a batch with
/// a checkpoint, and the batches waiting go out together, joined into one script (one live
/// message, one checkpoint write), with the next `flush`, `emit` or undeferred `commit`, or
/// when a `flush(within:)` deadline passes first. Every write is fenced by the session lease
/// when `leaseHolder` is set, so a worker that lost the lease writes nothing more.
public final class TurnEvents: Sendable {
    public let sessionID: String
    public let turnID: String
    let log: SessionEventLog
    let leaseHolder: String?

    private struct Buffer {
        /// Closed batches, each with its checkpoint, waiting to be sent.
        var commits: [SessionEventLog.Commit] = []
        /// Events of the batch being filled.
        var events: [SessionEventLog.Pending] = []
        /// When the oldest unsent event was buffered.
        var since: ContinuousClock.Instant?
    }

    /// A write promised by `flush(within:)`: the timer until its deadline, then the write itself.
    private struct Lingering {
        var timer: Scheduled<Void>?
        var write: Task<Void, any Error>?
        /// Counts the writes that took the pending batches; a timer armed before the latest one
        /// finds nothing of its own to write.
        var generation: UInt64 = 0
    }

    private let buffer = Mutex(Buffer())
    private let lingering = Mutex(Lingering())

    public init(sessionID: String, turnID: String, log: SessionEventLog, leaseHolder: String? = nil) {
        self.sessionID = sessionID
        self.turnID = turnID
        self.log = log
        self.leaseHolder = leaseHolder
    }

    /// Keeps an event for the next write; a token right after a token of the same node extends it.
    /// - Parameter once: a name (`results`, `clarification`) for events the turn shows at most once,
    ///   even when a node runs again after a crash.
    public func buffer(_ data: EventData, once: String? = nil) {
        buffer.withLock { buffer in
            if buffer.since == nil { buffer.since = .now }
            if case .token(let piece) = data, once == nil, let last = buffer.events.last, last.once == nil,
               case .token(let previous) = last.event.data, previous.node == piece.node {
                buffer.events[buffer.events.count - 1].event.data = .token(TokenData(text: previous.text + piece.text,
                                                                                      node: piece.node))
                return
            }
            buffer.events.append(SessionEventLog.Pending(ServerEvent(data, sessionID: sessionID, turnID: turnID),
                                                         once: once))
        }
    }

    /// How long the oldest unsent event has waited (zero when none).
    public var bufferedFor: Duration {
        buffer.withLock { $0.since.map { ContinuousClock.now - $0 } ?? .zero }
    }

    /// Writes everything buffered and this event now.
    /// - Returns: this event's id, or `nil` when a `once` event of this turn was already written.
    @discardableResult
    public func emit(_ data: EventData, once: String? = nil) async throws -> EventID? {
        buffer(data, once: once)
        return try await send().last ?? nil
    }

    /// Writes everything buffered now.
    public func flush() async throws {
        try await send()
    }

    /// Writes everything buffered within `linger` of the oldest unsent event, unless another
    /// write takes it first. Called before a step that may take a while: when the step does, the
    /// shopper sees what happened so far at that deadline; when it does not, it all shares the
    /// turn's next write, one round trip and one live entry fewer. A failed deadline write is
    /// thrown by the next write. `linger` zero writes now.
    public func flush(within linger: Duration) async throws {
        guard linger > .zero else {
            try await send()
            return
        }
        // An earlier deadline's write is awaited first (its failure is thrown here), so this
        // deadline gets a timer of its own: two slow steps in a row each show by their deadline.
        if lingering.withLock({ $0.write != nil }) { try await settleLingering() }
        let since = buffer.withLock { $0.since } ?? .now
        let delay = TimeAmount(max(.zero, since + linger - .now))
        lingering.withLock { lingering in
            guard lingering.timer == nil, lingering.write == nil else { return }
            let generation = lingering.generation
            let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
            lingering.timer = loop.scheduleTask(in: delay) { [self] in writeLingering(generation) }
        }
    }

    /// The deadline of `flush(within:)` passed: takes what is pending and writes it, unless a
    /// write took it meanwhile.
    private func writeLingering(_ generation: UInt64) {
        lingering.withLock { lingering in
            guard lingering.generation == generation, lingering.timer != nil else { return }
            lingering.timer = nil
            let commits = takeBuffered()
            guard !commits.isEmpty else { return }
            lingering.write = Task { [self] in
                _ = try await log.commit(commits, sessionID: sessionID, leaseHolder: leaseHolder)
            }
        }
    }

    /// Disarms a `flush(within:)` deadline, or waits for its write, before anything else is
    /// written: the batches must reach Redis in order, each checkpoint being a compare-and-set on
    /// the one before. Rethrows that write's failure.
    public func settleLingering() async throws {
        let (timer, write) = lingering.withLock { lingering in
            defer {
                lingering.timer = nil
                lingering.write = nil
                lingering.generation &+= 1
            }
            return (lingering.timer, lingering.write)
        }
        timer?.cancel()
        try await write?.value
    }

    /// Closes the buffered events into a batch with `write` (a checkpoint), so both are written
    /// in one script. A `deferred` batch waits for the next write (the graph's saves: their
    /// batches then share one round trip, and a crash before it repeats only what ran since the
    /// last write).
    public func commit(with write: SessionEventLog.VersionedWrite, deferred: Bool = false) async throws {
        buffer.withLock { buffer in
            buffer.commits.append(SessionEventLog.Commit(buffer.events, write: write))
            buffer.events = []
        }
        if !deferred { try await send() }
    }

    /// Sends the closed batches and the open events in one round trip.
    /// - Returns: the ids of the last batch's events.
    @discardableResult
    private func send() async throws -> [EventID?] {
        let commits = try await takePending()
        guard !commits.isEmpty else { return [] }
        return try await log.commit(commits, sessionID: sessionID, leaseHolder: leaseHolder).last ?? []
    }

    /// Takes what waits to be written, once an earlier `flush(within:)` is settled, for the
    /// worker to pipeline with the turn's `done`: the closed batches joined into one commit (one
    /// script, one live entry), with the open events at its end, so they can never be written
    /// when its checkpoint was refused.
    func takePending() async throws -> [SessionEventLog.Commit] {
        try await settleLingering()
        return takeBuffered()
    }

    /// `takePending` without settling a `flush(within:)`.
    private func takeBuffered() -> [SessionEventLog.Commit] {
        buffer.withLock { buffer in
            var commits = buffer.commits
            if !buffer.events.isEmpty {
                if commits.isEmpty { commits.append(SessionEventLog.Commit([])) }
                commits[commits.count - 1].events += buffer.events
            }
            buffer = Buffer()
            return SessionEventLog.Commit.joined(commits)
        }
    }
}

/// What a turn runner gets: the turn, its event emitter, a cancellation check and a logger.
public struct RunningTurn: Sendable {
    public let turn: TurnRecord
    public let events: TurnEvents
    /// True once `cancel` (or an interrupting message) asked this turn to stop.
    public let isCancelled: @Sendable () async -> Bool
    public let logger: Logger
    /// The session's checkpoint, read with the turn's start; a runner whose graph checkpoints in
    /// Redis starts from it instead of reading it again.
    public let checkpoint: PrefetchedCheckpoint?

    public init(turn: TurnRecord, events: TurnEvents, isCancelled: @escaping @Sendable () async -> Bool, logger: Logger,
                checkpoint: PrefetchedCheckpoint? = nil) {
        self.turn = turn
        self.events = events
        self.isCancelled = isCancelled
        self.logger = logger
        self.checkpoint = checkpoint
    }
}

/// Runs one turn: the conversation graph in production, simpler graphs in tests. The worker
/// handles ordering, leases, crash recovery, the final `done` and error reporting around it.
/// Events a runner leaves buffered in `RunningTurn.events` are written by the worker, in the
/// same round trip as the turn's `done`.
public protocol TurnRunner: Sendable {
    /// Runs the turn to its end, emitting its events (not `done`, which the worker writes).
    /// - Returns: how it ended. Session fields to persist go in `TurnOutcome.sessionFields`.
    /// - Throws: the failure; the worker maps it to an `error` event and `done(failed)`.
    func run(_ context: RunningTurn) async throws -> TurnOutcome
}

/// A finished turn: how it ended and the session fields (`spec`, `clarification_count`,
/// `last_results`…) to store with its `done`.
public struct TurnOutcome: Sendable, Equatable {
    public var end: TurnEnd
    public var sessionFields: [String: String]

    public init(_ end: TurnEnd, sessionFields: [String: String] = [:]) {
        self.end = end
        self.sessionFields = sessionFields
    }
}
