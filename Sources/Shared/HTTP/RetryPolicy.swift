/// How a service call is retried.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Delay before the second attempt; doubles each time, up to `maxDelay`, with jitter.
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(2)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause before attempt `attempt + 1` (attempt counts from 1): exponential, with "equal
    /// jitter" (half fixed, half random) so retries of many callers spread out.
    public func delay(after attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        return ceiling / 2 + ceiling / 2 * Double.random(in: 0...1)
    }
}

/// When a circuit breaker opens and how long it stays open.
public struct CircuitBreakerPolicy: Sendable, Equatable {
    /// Consecutive failed calls that open the circuit.
    public var failureThreshold: Int
    /// How long calls fail fast before one probe call is let through.
    public var openDuration: Duration

    public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(5)) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }
}
