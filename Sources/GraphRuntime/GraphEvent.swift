/// What a running graph reports, in order, to whoever runs it.
public enum GraphEvent<Custom: Sendable>: Sendable {
    case nodeStarted(node: String)
    case nodeFinished(node: String)
    /// A piece of streamed text from a node (a reply being generated).
    case token(node: String, text: String)
    /// A node-specific payload (the worker maps these to protocol events).
    case custom(node: String, payload: Custom)
}

/// Receives a graph's events. Awaited inline, so events keep their order and a slow sink slows
/// the graph down instead of buffering without bound.
public typealias GraphEventSink<Custom: Sendable> = @Sendable (GraphEvent<Custom>) async throws -> Void
