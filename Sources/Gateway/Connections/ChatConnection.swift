import CoreMetrics
import Shared
import Synchronization

/// One open socket: who it belongs to, its heartbeat and rate-limit state, and the delivery of
/// what it must send.
///
/// Delivery has no task of its own. Live events, pings and notices are written to the socket as
/// they are pushed (by the instance's router and heartbeat), under the connection's lock, so they
/// leave in push order and `lastSent` moves with them. While history is being replayed (after
/// `connected`, after a subscriber reconnect, after the client fell behind) pushed items queue in
/// `pending` and are sent, skipping ids the replay already sent, when it ends: the seam between
/// replay and live has no gap and no duplicate. The replay itself runs in the socket's task,
/// woken through its inbox (`SocketInput.deliveryWake`). Pushed items also wait while a client
/// frame is processed, and follow its answer: a turn's events never reach the client before the
/// `ack` that names the turn, however fast the workers run it.
final class ChatConnection: Sendable {
    /// What delivery sends, in order.
    enum Feed: Sendable {
        /// Live events from one `session:{sid}:live` message, in id order.
        case live([StoredEvent])
        /// A connection-level frame (`ping`, `notice`), sent as is.
        case frame(String)
        /// Close the socket once no client frame is being processed.
        case close(code: UInt16, reason: String)
    }

    /// Items queued while a replay runs; past this the oldest are dropped and the history re-read.
    static let pendingLimit = 4096

    struct State: Sendable {
        var missedPongs = 0
        var bucket: TokenBucket
        var strikes = 0
        var isProcessing = false
        var pendingClose: (code: UInt16, reason: String)?
        var isClosing = false
        // Delivery.
        /// The id of the last history event sent; nothing at or below it is sent again.
        var lastSent: EventID?
        /// A replay is running or asked for: pushed items wait in `pending` (as they do while
        /// `isProcessing`). True from the start, so nothing goes out before `connected` and the
        /// initial catch-up.
        var isReplaying = true
        var pending: [Feed] = []
        /// Events may have been skipped (dropped while replaying, not sent while the client was
        /// not reading, a failed history read): re-read the history after `lastSent`.
        var needsResync = false
        /// A replay task runs (at most one at a time).
        var isReplayRunning = false
    }

    let id: UInt64
    let userID: String
    let sessionID: String
    let remoteAddress: String
    let connectedAt: Timestamp
    let io: ChatSocketIO
    let metrics: GatewayMetrics
    let state: Mutex<State>

    init(id: UInt64, userID: String, sessionID: String, remoteAddress: String, bucket: TokenBucket,
         io: ChatSocketIO, metrics: GatewayMetrics) {
        self.id = id
        self.userID = userID
        self.sessionID = sessionID
        self.remoteAddress = remoteAddress
        self.connectedAt = .now()
        self.io = io
        self.metrics = metrics
        state = Mutex(State(bucket: bucket))
    }

    // MARK: Delivery

    /// Sends an item now, or queues it while a replay runs.
    func push(_ item: Feed) {
        state.withLock { accept(item, &$0) }
    }

    /// After a subscriber reconnect: messages published during the gap are lost, re-read the history.
    func resync() {
        state.withLock { state in
            state.needsResync = true
            if !state.isReplaying { startReplay(&state) }
        }
    }

    /// Where the next replay starts: the id of the last history event sent.
    var lastSent: EventID? { state.withLock { $0.lastSent } }

    /// Sets `lastSent` before the first catch-up (a resumed session without `last_event_id`
    /// starts at its end).
    func setLastSent(_ id: EventID?) {
        state.withLock { $0.lastSent = id }
    }

    /// Sends replayed history events (ids above `lastSent` only) and advances `lastSent`.
    func sendReplayed(_ events: [StoredEvent]) {
        state.withLock { state in write(unsent(events, &state)) }
    }

    /// For the socket's task, on `deliveryWake`: `true` when it should start a replay of the
    /// history now (items pushed meanwhile queue until `endReplay`); `false` when none is needed
    /// or one already runs (it looks again when it ends).
    func beginReplay() -> Bool {
        state.withLock { state in
            guard !state.isReplayRunning, state.isReplaying || state.needsResync else { return false }
            state.isReplaying = true
            state.needsResync = false
            state.isReplayRunning = true
            return true
        }
    }

    /// Ends a replay (or the initial catch-up) and sends what queued meanwhile.
    /// - Parameter failed: the history could not be read. Queued live events are dropped (the
    ///   history has them) and the history is re-read with the next live item.
    func endReplay(failed: Bool) {
        state.withLock { state in
            state.isReplayRunning = false
            if failed {
                state.isReplaying = false
                state.needsResync = true
                let pending = state.pending
                state.pending = []
                for item in pending {
                    if case .live = item { continue }
                    send(item, &state)
                }
            } else if state.needsResync {
                io.enqueue(.deliveryWake)  // items were dropped meanwhile: once more, pending kept
            } else {
                state.isReplaying = false
                release(&state)
            }
        }
    }

    /// Hands what waited in `pending` to `accept` again, in order: sent now, or queued anew while
    /// a replay or a client frame still holds it.
    private func release(_ state: inout State) {
        let held = state.pending
        state.pending = []
        for item in held { accept(item, &state) }
    }

    private func accept(_ item: Feed, _ state: inout State) {
        guard state.isReplaying || state.isProcessing else {
            send(item, &state)
            return
        }
        if state.pending.count >= Self.pendingLimit {
            state.pending.removeFirst()
            state.needsResync = true
        }
        state.pending.append(item)
    }

    private func startReplay(_ state: inout State) {
        state.isReplaying = true
        io.enqueue(.deliveryWake)
    }

    private func send(_ item: Feed, _ state: inout State) {
        switch item {
        case .live(let batch):
            guard io.isWritable else {
                // The client is not reading: skip, and re-read the history once it is writable
                // again (ChatFrameHandler wakes the socket's task then).
                state.needsResync = true
                return
            }
            if state.needsResync {
                // Events may be missing before these: replay first, these follow.
                startReplay(&state)
                state.pending.append(item)
                return
            }
            write(unsent(batch, &state))  // ids the replay already sent are skipped
        case .frame(let text):
            write(text)
        case .close(let code, let reason):
            io.close(code: code, reason: reason)
        }
    }

    /// The frames of the events after `lastSent`, which moves past them.
    private func unsent(_ events: [StoredEvent], _ state: inout State) -> [String] {
        var frames: [String] = []
        for event in events {
            if let last = state.lastSent, event.id <= last { continue }
            frames.append(event.frame)
            state.lastSent = event.id
        }
        return frames
    }

    private func write(_ text: String) {
        write([text])
    }

    /// Writes the frames with one flush.
    private func write(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        io.write(texts)
        metrics.messagesOut.increment(by: Int64(texts.count))
    }

    // MARK: Heartbeat and closing

    /// The heartbeat: counts a ping sent; `false` when two pings went unanswered (close it).
    func heartbeat() -> Bool {
        state.withLock { state in
            if state.missedPongs >= 2 { return false }
            state.missedPongs += 1
            return true
        }
    }

    func receivedPong() { state.withLock { $0.missedPongs = 0 } }

    /// Asks the socket to close after the client frame being processed (if any) is answered.
    func requestClose(code: UInt16, reason: String) {
        let closeNow = state.withLock { state -> Bool in
            guard state.pendingClose == nil, !state.isClosing else { return false }
            if state.isProcessing {
                state.pendingClose = (code, reason)
                return false
            }
            state.isClosing = true
            return true
        }
        if closeNow { push(.close(code: code, reason: reason)) }
    }

    /// Whether a close was requested (the socket only drains until the handshake ends).
    var isClosing: Bool { state.withLock { $0.isClosing || $0.pendingClose != nil } }

    /// Marks a client frame as being processed; `false` when the socket is closing (drop the frame).
    func beginProcessing() -> Bool {
        state.withLock { state in
            guard !state.isClosing, state.pendingClose == nil else { return false }
            state.isProcessing = true
            return true
        }
    }

    /// Ends processing, once the frame's answer (`ack`, `error`) is written: what was pushed
    /// meanwhile follows it; a close requested meanwhile happens now.
    func endProcessing() {
        let pending = state.withLock { state -> (code: UInt16, reason: String)? in
            state.isProcessing = false
            if !state.isReplaying { release(&state) }
            guard let pending = state.pendingClose else { return nil }
            state.pendingClose = nil
            state.isClosing = true
            return pending
        }
        if let pending { push(.close(code: pending.code, reason: pending.reason)) }
    }
}
