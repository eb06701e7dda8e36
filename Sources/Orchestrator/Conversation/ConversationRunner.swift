import GraphRuntime
import Shared

/// Runs a turn through the conversation graph: the worker's `TurnRunner` in production.
/// Node starts become `progress` events, streamed text `token` events, node payloads their
/// protocol events; the session's state is the graph's checkpoint.
public struct ConversationRunner: TurnRunner {
    let graph: ConversationGraph.Graph

    public init(graph: ConversationGraph.Graph) {
        self.graph = graph
    }

    public func run(_ turn: RunningTurn) async throws -> TurnOutcome {
        let events = turn.events
        let record = turn.turn
        let outcome = try await graph.run(
            threadID: record.sessionID, runID: record.turnID, initialState: ConversationState(),
            applyInput: { $0.begin(record) },
            sink: { event in
                switch event {
                case .nodeStarted(let node):
                    if let known = ConversationGraph.Node(rawValue: node) { try await events.emit(.progress(known.progress)) }
                case .token(let node, let text):
                    try await events.emit(.token(TokenData(text: text, node: node)))
                case .custom(_, let payload):
                    try await events.emit(payload.data, once: payload.once)
                case .nodeFinished:
                    break
                }
            },
            isCancelled: turn.isCancelled)
        switch outcome {
        case .completed(let state): return TurnOutcome(.completed, sessionFields: state.sessionFields)
        case .interrupted(let state, _): return TurnOutcome(.awaitingAnswer, sessionFields: state.sessionFields)
        case .cancelled(let state, _): return TurnOutcome(.cancelled, sessionFields: state.sessionFields)
        }
    }
}
