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

/// How a node's attempt is raced against its deadline. The runtime's own (`TaskSleepDeadlines`)
/// needs nothing but Swift Concurrency; a process with a timer wheel of its own (NIO's event
/// loops) passes one built on it to `compile(checkpointer:stepLimit:deadlines:)`.
public protocol NodeDeadlines: Sendable {
    /// `operation`'s result, or `nil` when `timeout` passed first. Either way `operation` has
    /// stopped when this returns: past the deadline it is cancelled and awaited.
    func run<Value: Sendable>(
        within timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value?
}

/// A deadline as a child task that sleeps, raced with the attempt in a task group. Each use
/// costs two child tasks and a timer of the concurrency runtime (on Linux, Dispatch's).
public struct TaskSleepDeadlines: NodeDeadlines {
    public init() {}

    public func run<Value: Sendable>(
        within timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
