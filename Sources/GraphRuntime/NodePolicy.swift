/// How one node is run: its deadline and which failures are retried.
public struct NodePolicy: Sendable {
    /// Deadline for one attempt of the node; `nil` for none. A node that only computes needs
    /// none: cancellation is cooperative, so a deadline could not stop it anyway, and arming one
    /// costs a timer and a child task every time the node runs.
    public var timeout: Duration?
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Delay before the second attempt; doubles with each further attempt.
    public var backoff: Duration
    /// Whether an error (including `GraphError.nodeTimedOut`) is worth another attempt.
    public var shouldRetry: @Sendable (any Error) -> Bool

    public init(timeout: Duration? = .seconds(30), maxAttempts: Int = 1, backoff: Duration = .milliseconds(50),
                shouldRetry: @escaping @Sendable (any Error) -> Bool = { _ in true }) {
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.shouldRetry = shouldRetry
    }

    public static let `default` = NodePolicy()
    /// No deadline and no retry: for nodes that only compute.
    public static let untimed = NodePolicy(timeout: nil)
}
