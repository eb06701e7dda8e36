/// The condition did not become true before the deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let what: String
    public var description: String { "deadline exceeded waiting for \(what)" }
}

/// Awaits `operation`, failing with `DeadlineExceeded` if it takes longer than `timeout`.
public func withDeadline<T: Sendable>(
    _ timeout: Duration = .seconds(10), _ what: String = "operation",
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)  // the deadline itself, not a synchronisation
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded(what: what) }
        return value
    }
}

/// Re-checks `condition` until it holds, failing after `timeout`. For state that has no event to
/// await (a process that must come back); each check is itself a real round trip.
public func eventually(
    _ timeout: Duration = .seconds(10), _ what: String = "condition", _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: .milliseconds(10))  // backoff between checks, bounded by the deadline
    }
    throw DeadlineExceeded(what: what)
}
