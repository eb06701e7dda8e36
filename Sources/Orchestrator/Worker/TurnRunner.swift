import Logging
import Shared

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
public struct TurnEvents: Sendable {
    public let sessionID: String
    public let turnID: String
    let log: SessionEventLog

    public init(sessionID: String, turnID: String, log: SessionEventLog) {
        self.sessionID = sessionID
        self.turnID = turnID
        self.log = log
    }

    /// Appends one event of this turn.
    /// - Parameter once: a name (`results`, `clarification`) for events the turn shows at most once,
    ///   even when a node runs again after a crash.
    @discardableResult
    public func emit(_ data: EventData, once: String? = nil) async throws -> EventID? {
        try await log.append(ServerEvent(data, sessionID: sessionID, turnID: turnID), once: once)
    }
}

/// What a turn runner gets: the turn, its event emitter, a cancellation check and a logger.
public struct RunningTurn: Sendable {
    public let turn: TurnRecord
    public let events: TurnEvents
    /// True once `cancel` (or an interrupting message) asked this turn to stop.
    public let isCancelled: @Sendable () async -> Bool
    public let logger: Logger

    public init(turn: TurnRecord, events: TurnEvents, isCancelled: @escaping @Sendable () async -> Bool, logger: Logger) {
        self.turn = turn
        self.events = events
        self.isCancelled = isCancelled
        self.logger = logger
    }
}

/// Runs one turn: the conversation graph in production, simpler graphs in tests. The worker
/// handles ordering, leases, crash recovery, the final `done` and error reporting around it.
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
