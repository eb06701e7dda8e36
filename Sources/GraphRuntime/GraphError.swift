/// Failures of the graph runtime itself (a node's own errors are rethrown as they are).
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The graph definition is inconsistent (unknown node in an edge, no entry point, …).
    case invalidGraph(String)
    /// A node ran longer than its policy's timeout (after the last attempt).
    case nodeTimedOut(node: String, after: Duration)
    /// More node executions in one run than the step limit: a loop in the routing.
    case stepLimitExceeded(limit: Int)
    /// A conditional edge routed to a node that does not exist.
    case unknownRoute(from: String, to: String)
    /// The stored checkpoint is newer than the one this run read: another worker owns the thread.
    case checkpointConflict(threadID: String, expectedVersion: Int)
    /// The stored checkpoint could not be decoded as this graph's state.
    case corruptCheckpoint(threadID: String, reason: String)

    public var description: String {
        switch self {
        case .invalidGraph(let why): "invalid graph: \(why)"
        case .nodeTimedOut(let node, let after): "node \(node) timed out after \(after)"
        case .stepLimitExceeded(let limit): "step limit of \(limit) exceeded"
        case .unknownRoute(let from, let to): "edge from \(from) routed to unknown node \(to)"
        case .checkpointConflict(let thread, let version): "checkpoint of \(thread) moved past version \(version)"
        case .corruptCheckpoint(let thread, let reason): "checkpoint of \(thread) is unreadable: \(reason)"
        }
    }
}
