import Synchronization

/// The turns this process runs and which of them were asked to stop, fed by the sessions'
/// control channel, so checking for cancellation between nodes costs no Redis round trip.
final class CancellationRegistry: Sendable {
    private struct State {
        /// Running turn id → session id.
        var running: [String: String] = [:]
        var cancelled: Set<String> = []
    }

    private let state = Mutex(State())

    func begin(turnID: String, sessionID: String) {
        state.withLock { $0.running[turnID] = sessionID }
    }

    func end(turnID: String) {
        state.withLock { state in
            state.running[turnID] = nil
            state.cancelled.remove(turnID)
        }
    }

    /// Marks a turn cancelled if this process runs it.
    func cancel(turnID: String) {
        state.withLock { state in
            if state.running[turnID] != nil { state.cancelled.insert(turnID) }
        }
    }

    func isCancelled(_ turnID: String) -> Bool {
        state.withLock { $0.cancelled.contains(turnID) }
    }

    /// Running turns with their sessions, to re-check durable flags after a pub/sub gap.
    var runningTurns: [(turnID: String, sessionID: String)] {
        state.withLock { $0.running.map { ($0.key, $0.value) } }
    }
}
