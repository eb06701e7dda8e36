import GraphRuntime
import Shared

/// Runs a turn through the conversation graph: the worker's `TurnRunner` in production.
/// Node starts become `progress` events (`search_marketplaces` and `rank_and_compose` send their
/// own, which say what this turn does there), streamed text `token` events, node payloads their
/// protocol events; the session's state is the graph's checkpoint.
///
/// Events are batched (see `TurnEvents`): a node's events are committed with its checkpoint in
/// one script, and those commits wait to share one round trip, at most `eventLinger`: when a
/// node that may take a while (a service call, a remote engine) starts, what is pending is
/// written by that deadline, so the shopper sees the step then if the node is still running; a
/// node that is quick lets everything go out with the next write, usually the worker's `done`.
/// Streamed text is written at least every `eventLinger` while it is generated.
public struct ConversationRunner: TurnRunner {
    let graph: ConversationGraph.Graph
    /// Whether the understanding engine answers in process (the embedded one): then its nodes
    /// are instant and their `progress` waits for the node's commit.
    let engineRunsInProcess: Bool
    /// `EVENT_LINGER_S`: the longest an event waits before it is written. Zero writes what is
    /// pending as each node that may take a while starts, and each piece of streamed text.
    let eventLinger: Duration

    public init(graph: ConversationGraph.Graph, engineRunsInProcess: Bool = false,
                eventLinger: Duration = .milliseconds(40)) {
        self.graph = graph
        self.engineRunsInProcess = engineRunsInProcess
        self.eventLinger = eventLinger
    }

    public func run(_ turn: RunningTurn) async throws -> TurnOutcome {
        let events = turn.events
        let record = turn.turn
        let engineRunsInProcess = self.engineRunsInProcess, linger = eventLinger
        let outcome = try await graph.run(
            threadID: record.sessionID, runID: record.turnID, initialState: ConversationState(),
            applyInput: { $0.begin(record) },
            sink: { event in
                switch event {
                case .nodeStarted(let node):
                    // A node that announces itself sends its progress as its first payload (below).
                    guard let known = ConversationGraph.Node(rawValue: node), !known.announcesItself else { return }
                    events.buffer(.progress(known.progress))
                    // Before a node that may take a while: the checkpoints waiting so far and this
                    // progress, in one round trip by the linger's deadline.
                    if !known.isInstant(engineRunsInProcess: engineRunsInProcess) { try await events.flush(within: linger) }
                case .token(let node, let text):
                    events.buffer(.token(TokenData(text: text, node: node)))
                    if events.bufferedFor >= linger { try await events.flush() }
                case .custom(let node, let payload):
                    events.buffer(payload.data, once: payload.once)
                    // A node's own progress: as above, once it is buffered.
                    if case .progress = payload.data, let known = ConversationGraph.Node(rawValue: node),
                       !known.isInstant(engineRunsInProcess: engineRunsInProcess) {
                        try await events.flush(within: linger)
                    }
                case .nodeFinished:
                    break
                }
            },
            isCancelled: turn.isCancelled,
            checkpointer: TurnCheckpointer(base: graph.checkpointer, events: events, prefetched: turn.checkpoint))
        // A deadline write still on its way fails the run, not the worker's finish.
        try await events.settleLingering()
        // What is still buffered goes out with the turn's `done` (the worker's finish).
        switch outcome {
        case .completed(let state): return TurnOutcome(.completed, sessionFields: state.sessionFields)
        case .interrupted(let state, _): return TurnOutcome(.awaitingAnswer, sessionFields: state.sessionFields)
        case .cancelled(let state, _): return TurnOutcome(.cancelled, sessionFields: state.sessionFields)
        }
    }
}

extension ConversationGraph.Node {
    /// Whether the node finishes in microseconds: no service call, and engine calls only when
    /// the engine runs in process.
    func isInstant(engineRunsInProcess: Bool) -> Bool {
        switch self {
        case .parseInput, .done: true
        case .transcribeAudio, .extractImageAttrs, .searchMarketplaces: false
        case .needMediaOps, .buildRequirementSpec, .needClarify, .askClarifyingQuestion, .rankAndCompose:
            engineRunsInProcess
        }
    }
}
