import Shared

/// A token bucket: `rate` tokens per second up to `burst`; one token per frame or attempt.
/// A value type: callers keep it under their own lock.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private var updatedAt: ContinuousClock.Instant

    init(rate: Double, burst: Double, now: ContinuousClock.Instant = .now) {
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.updatedAt = now
    }

    /// Takes one token when one is available.
    mutating func take(now: ContinuousClock.Instant = .now) -> Bool {
        let elapsed = now - updatedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * rate)
        updatedAt = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Whether the bucket is full again (so it can be forgotten).
    func isIdle(now: ContinuousClock.Instant) -> Bool {
        let elapsed = now - updatedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return tokens + seconds * rate >= burst
    }
}

/// Token buckets by key (user id, client address), pruned of idle ones.
struct KeyedBuckets: Sendable {
    let rate: Double
    let burst: Double
    private var buckets: [String: TokenBucket] = [:]
    private var takesSincePrune = 0

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
    }

    mutating func take(_ key: String, now: ContinuousClock.Instant = .now) -> Bool {
        takesSincePrune += 1
        if takesSincePrune >= 10_000 {
            takesSincePrune = 0
            buckets = buckets.filter { !$0.value.isIdle(now: now) }
        }
        return buckets[key, default: TokenBucket(rate: rate, burst: burst, now: now)].take(now: now)
    }
}
