import Foundation

/// How a run ended.
public enum RunOutcome<State: Sendable>: Sendable {
    /// The run reached `END`.
    case completed(State)
    /// A node interrupted the run awaiting input.
    case interrupted(State, resumeAt: String)
    /// The run was cancelled before `node`; the state is as of the last finished node.
    case cancelled(State, before: String)
}

/// A checked graph bound to a checkpointer; runs are resumable across processes.
public struct CompiledGraph<State: Codable & Sendable, Custom: Sendable>: Sendable {
    let graph: StateGraph<State, Custom>
    let entryPoint: String
    public let checkpointer: any Checkpointer
    public let stepLimit: Int
    /// How nodes with a timeout are raced against it.
    let deadlines: any NodeDeadlines
    let codec = StateCodec<State>()

    /// Runs the graph for one input on a thread.
    ///
    /// Where it starts depends on the thread's checkpoint: none → the entry point with
    /// `initialState`; a `running` checkpoint of this same `runID` (its worker died) → the node after
    /// the last finished one, with the input already applied; `interrupted` → the node the
    /// interrupt named; otherwise (`completed`, or an abandoned run) → the entry point with the
    /// stored state. `applyInput` adds the new input to the state except when resuming the same run.
    ///
    /// A checkpoint is saved after every node, before its `nodeFinished` event.
    /// - Parameters:
    ///   - isCancelled: checked before every node (the safe points).
    ///   - runCheckpointer: the checkpointer for this run instead of the compiled one; a worker
    ///     passes one that commits each checkpoint together with the events of its node.
    public func run(
        threadID: String, runID: String, initialState: State,
        applyInput: @Sendable (inout State) -> Void,
        sink: @escaping GraphEventSink<Custom>,
        isCancelled: @escaping @Sendable () async -> Bool = { false },
        checkpointer runCheckpointer: (any Checkpointer)? = nil
    ) async throws -> RunOutcome<State> {
        let store = runCheckpointer ?? checkpointer
        var state: State
        var node: String
        var version = 0
        var saved: StateSnapshot<State>?  // the state as stored: a save writes only the channels that differ
        if let checkpoint = try await store.load(threadID: threadID) {
            version = checkpoint.version
            let decoded = try decode(checkpoint.channels, base: initialState, threadID: threadID)
            state = decoded.state
            saved = decoded.isComplete ? StateSnapshot(decoded.state) : nil
            switch checkpoint.status {
            case .running where checkpoint.runID == runID:
                node = checkpoint.nextNode ?? entryPoint
            case .interrupted:
                node = checkpoint.nextNode ?? entryPoint
                applyInput(&state)
            default:
                node = entryPoint
                applyInput(&state)
            }
        } else {
            state = initialState
            node = entryPoint
            applyInput(&state)
        }

        var steps = 0
        while true {
            let cancelRequested = await isCancelled()
            if Task.isCancelled || cancelRequested {
                version += 1
                try await save(to: store, &saved, threadID, version, .completed, nil, runID, state)
                return .cancelled(state, before: node)
            }
            steps += 1
            guard steps <= stepLimit else { throw GraphError.stepLimitExceeded(limit: stepLimit) }
            guard let definition = graph.nodes[node] else { throw GraphError.unknownRoute(from: "checkpoint", to: node) }

            try await sink(.nodeStarted(node: node))
            let step = try await execute(definition, node: node, state: state, threadID: threadID, runID: runID,
                                         sink: sink, isCancelled: isCancelled)
            version += 1
            switch step {
            case .next(let newState):
                state = newState
                let next = try successor(of: node, in: state)
                if next == END {
                    try await save(to: store, &saved, threadID, version, .completed, nil, runID, state)
                    try await sink(.nodeFinished(node: node))
                    return .completed(state)
                }
                try await save(to: store, &saved, threadID, version, .running, next, runID, state)
                try await sink(.nodeFinished(node: node))
                node = next
            case .interrupt(let newState, let resumeAt):
                guard graph.nodes[resumeAt] != nil else { throw GraphError.unknownRoute(from: node, to: resumeAt) }
                state = newState
                try await save(to: store, &saved, threadID, version, .interrupted, resumeAt, runID, state)
                try await sink(.nodeFinished(node: node))
                return .interrupted(state, resumeAt: resumeAt)
            }
        }
    }

    /// The state stored for a thread, if any.
    /// - Parameter base: the state the channels of a `ChanneledState` are restored on (the runs' initial state).
    public func storedState(threadID: String, base: State) async throws -> State? {
        guard let checkpoint = try await checkpointer.load(threadID: threadID) else { return nil }
        return try decode(checkpoint.channels, base: base, threadID: threadID).state
    }

    private func successor(of node: String, in state: State) throws -> String {
        switch graph.edges[node] {
        case .direct(let to):
            return to
        case .conditional(let route, let destinations):
            let to = route(state)
            guard destinations.contains(to) else { throw GraphError.unknownRoute(from: node, to: to) }
            return to
        case nil:
            throw GraphError.invalidGraph("node \(node) has no outgoing edge")
        }
    }

    /// Runs a node under its policy: a deadline per attempt, retries with doubling backoff.
    private func execute(
        _ definition: StateGraph<State, Custom>.Node, node: String, state: State, threadID: String, runID: String,
        sink: @escaping GraphEventSink<Custom>, isCancelled: @escaping @Sendable () async -> Bool
    ) async throws -> NodeStep<State> {
        let policy = definition.policy
        var attempt = 1
        while true {
            let context = NodeContext(threadID: threadID, runID: runID, node: node, attempt: attempt, sink: sink,
                                      cancellationCheck: isCancelled)
            do {
                guard let timeout = policy.timeout else { return try await definition.body(state, context) }
                guard let step = try await deadlines.run(within: timeout, { try await definition.body(state, context) }) else {
                    throw GraphError.nodeTimedOut(node: node, after: timeout)
                }
                return step
            } catch {
                guard attempt < policy.maxAttempts, policy.shouldRetry(error), !Task.isCancelled else { throw error }
                try await Task.sleep(for: policy.backoff * (1 << min(attempt - 1, 16)))
                attempt += 1
            }
        }
    }

    private func save(
        to store: any Checkpointer, _ saved: inout StateSnapshot<State>?, _ threadID: String, _ version: Int,
        _ status: StoredCheckpoint.Status, _ next: String?, _ runID: String, _ state: State
    ) async throws {
        let snapshot = StateSnapshot(state)
        try await store.save(threadID: threadID, draft: CheckpointDraft(
            version: version, status: status, nextNode: next, runID: runID, channels: codec.changes(in: snapshot, since: saved)))
        saved = snapshot
    }

    private func decode(_ channels: [String: [UInt8]], base: State, threadID: String) throws -> (state: State, isComplete: Bool) {
        do {
            return try codec.decode(channels, base: base)
        } catch {
            throw GraphError.corruptCheckpoint(threadID: threadID, reason: "\(error)")
        }
    }
}
