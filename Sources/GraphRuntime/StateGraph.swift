/// The name that ends a run when an edge routes to it.
public let END = "__end__"

/// What a node returns: its new state, and whether the run goes on.
public enum NodeStep<State: Sendable>: Sendable {
    /// Follow the node's outgoing edge.
    case next(State)
    /// End the run awaiting input; the next run starts at `resumeAt` with this state.
    case interrupt(State, resumeAt: String)
}

/// What a node sees of the run besides the state.
public struct NodeContext<Custom: Sendable>: Sendable {
    public let threadID: String
    public let runID: String
    public let node: String
    /// 1 for the first attempt, 2 for the first retry, …
    public let attempt: Int
    let sink: GraphEventSink<Custom>
    let cancellationCheck: @Sendable () async -> Bool

    /// Sends a node-specific event to the run's sink.
    public func emit(_ payload: Custom) async throws {
        try await sink(.custom(node: node, payload: payload))
    }

    /// Streams a piece of text (a reply) to the run's sink.
    public func emitToken(_ text: String) async throws {
        try await sink(.token(node: node, text: text))
    }

    /// Whether the run was asked to stop; long nodes check it at their own safe points.
    public func isCancelled() async -> Bool {
        if Task.isCancelled { return true }
        return await cancellationCheck()
    }
}

/// A node's work: from the state before it to its step.
public typealias NodeBody<State: Sendable, Custom: Sendable> =
    @Sendable (State, NodeContext<Custom>) async throws -> NodeStep<State>

/// A typed state graph: nodes as async functions over `State`, normal and conditional edges, an
/// entry point, interrupts that end a run awaiting input, and a checkpoint after every node.
/// `Custom` is the type of the node-specific events the graph emits.
public struct StateGraph<State: Codable & Sendable, Custom: Sendable>: Sendable {
    enum Edge: Sendable {
        case direct(String)
        case conditional(@Sendable (State) -> String, destinations: Set<String>)
    }

    struct Node: Sendable {
        let policy: NodePolicy
        let body: NodeBody<State, Custom>
    }

    var nodes: [String: Node] = [:]
    var edges: [String: Edge] = [:]
    var entryPoint: String?

    public init() {}

    public mutating func addNode(_ name: String, policy: NodePolicy = .default, _ body: @escaping NodeBody<State, Custom>) {
        nodes[name] = Node(policy: policy, body: body)
    }

    /// After `from`, always run `to` (or `END`).
    public mutating func addEdge(from: String, to: String) {
        edges[from] = .direct(to)
    }

    /// After `from`, run the node `route` names from the state; it must be one of `destinations`.
    public mutating func addConditionalEdges(
        from: String, destinations: Set<String>, _ route: @escaping @Sendable (State) -> String
    ) {
        edges[from] = .conditional(route, destinations: destinations)
    }

    public mutating func setEntryPoint(_ name: String) {
        entryPoint = name
    }

    /// Checks the graph and makes it runnable.
    /// - Parameter stepLimit: most node executions in one run, against routing loops.
    public func compile(
        checkpointer: any Checkpointer, stepLimit: Int = 50, deadlines: any NodeDeadlines = TaskSleepDeadlines()
    ) throws(GraphError) -> CompiledGraph<State, Custom> {
        guard let entryPoint else { throw .invalidGraph("no entry point") }
        guard nodes[entryPoint] != nil else { throw .invalidGraph("entry point \(entryPoint) is not a node") }
        for name in nodes.keys where edges[name] == nil {
            throw .invalidGraph("node \(name) has no outgoing edge")
        }
        for (from, edge) in edges {
            guard nodes[from] != nil else { throw .invalidGraph("edge from unknown node \(from)") }
            let targets: Set<String> = switch edge {
            case .direct(let to): [to]
            case .conditional(_, let destinations): destinations
            }
            for target in targets where target != END && nodes[target] == nil {
                throw .invalidGraph("edge from \(from) to unknown node \(target)")
            }
        }
        return CompiledGraph(graph: self, entryPoint: entryPoint, checkpointer: checkpointer, stepLimit: stepLimit,
                             deadlines: deadlines)
    }
}
