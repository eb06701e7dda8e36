import Synchronization

/// A circuit breaker for one downstream service: after `failureThreshold` consecutive failures it
/// opens and calls fail fast; after `openDuration` one probe call is allowed (half-open); the
/// probe's success closes it again, its failure reopens it.
public final class CircuitBreaker: Sendable {
    public enum Phase: Sendable, Equatable {
        case closed
        case open(until: ContinuousClock.Instant)
        case halfOpen
    }

    private struct State {
        var phase: Phase = .closed
        var consecutiveFailures = 0
        var isProbeInFlight = false
    }

    public let policy: CircuitBreakerPolicy
    private let state = Mutex(State())

    public init(policy: CircuitBreakerPolicy) {
        self.policy = policy
    }

    public var phase: Phase { state.withLock { $0.phase } }

    /// Whether a call may go out now. In half-open state only one probe is admitted at a time.
    public func admit(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            switch state.phase {
            case .closed:
                return true
            case .open(let until):
                guard now >= until else { return false }
                state.phase = .halfOpen
                state.isProbeInFlight = true
                return true
            case .halfOpen:
                guard !state.isProbeInFlight else { return false }
                state.isProbeInFlight = true
                return true
            }
        }
    }

    public func recordSuccess() {
        state.withLock { state in
            state.phase = .closed
            state.consecutiveFailures = 0
            state.isProbeInFlight = false
        }
    }

    public func recordFailure(now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            state.consecutiveFailures += 1
            state.isProbeInFlight = false
            if state.phase == .halfOpen || state.consecutiveFailures >= policy.failureThreshold {
                state.phase = .open(until: now + policy.openDuration)
            }
        }
    }
}
