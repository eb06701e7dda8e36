import Shared

/// Sends a connection the stored events of its session after the last one it was sent
/// (`ChatConnection.lastSent`), page by page.
struct HistoryReplay: Sendable {
    let sessions: SessionStore
    let eventHistoryMax: Int

    /// Replays the history; `false` when it stays unreadable (Redis errors, a restart in progress,
    /// are retried for about 10 s), so the caller can re-read it later.
    func run(for connection: ChatConnection) async -> Bool {
        for _ in 0..<max(1, eventHistoryMax / 500 + 2) {  // bounded: the history is bounded
            guard let page = await readPage(sessionID: connection.sessionID, after: connection.lastSent) else {
                return false
            }
            // A page comes from 500 stream entries, each one or more events, less those of the
            // first entry up to `lastSent`: only an empty page says the history is done.
            if page.isEmpty { return true }
            connection.sendReplayed(page)
        }
        return true
    }

    /// One page of history, retried with backoff for about 10 s; `nil` when Redis stays unavailable.
    private func readPage(sessionID: String, after: EventID?) async -> [StoredEvent]? {
        var delay = Duration.milliseconds(20)
        for _ in 0..<25 {
            if let page = try? await sessions.events(of: sessionID, after: after, limit: 500) { return page }
            do {
                try await Task.sleep(for: delay)  // backoff between retries of a failed read
            } catch {
                return nil
            }
            delay = min(delay * 2, .milliseconds(500))
        }
        return nil
    }
}
