import Shared
import Synchronization

/// One open socket: who it belongs to, its heartbeat and rate-limit state, and the feed of what
/// its delivery loop must send.
final class ChatConnection: Sendable {
    /// What the delivery loop of a connection processes, in order.
    enum Feed: Sendable {
        /// Live events from one `session:{sid}:live` message, in id order.
        case live([StoredEvent])
        /// Pub/sub may have lost messages: re-read the history after the last event sent.
        case resync
        /// A connection-level frame (`ping`, `notice`), sent as is.
        case frame(String)
        /// Close the socket once no client frame is being processed.
        case close(code: UInt16, reason: String)
    }

    struct State: Sendable {
        var missedPongs = 0
        var bucket: TokenBucket
        var strikes = 0
        var isProcessing = false
        var pendingClose: (code: UInt16, reason: String)?
        var isClosing = false
        var needsResync = false
    }

    let id: UInt64
    let userID: String
    let sessionID: String
    let remoteAddress: String
    let connectedAt: Timestamp
    let feed: AsyncStream<Feed>
    private let continuation: AsyncStream<Feed>.Continuation
    let state: Mutex<State>

    init(id: UInt64, userID: String, sessionID: String, remoteAddress: String, bucket: TokenBucket) {
        self.id = id
        self.userID = userID
        self.sessionID = sessionID
        self.remoteAddress = remoteAddress
        self.connectedAt = .now()
        (feed, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(4096))
        state = Mutex(State(bucket: bucket))
    }

    /// Queues an item for the delivery loop. When the queue overflows (a client far behind), the
    /// oldest items are dropped and the next delivery re-reads the history, so nothing is skipped.
    func push(_ item: Feed) {
        if case .dropped = continuation.yield(item) {
            state.withLock { $0.needsResync = true }
        }
    }

    /// Asks the delivery loop to re-read the history before its next item.
    func markResyncNeeded() {
        state.withLock { $0.needsResync = true }
    }

    /// Whether items were dropped since the last call.
    func takeResyncNeed() -> Bool {
        state.withLock { state in
            defer { state.needsResync = false }
            return state.needsResync
        }
    }

    func finish() { continuation.finish() }

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

    /// Ends processing; a close requested meanwhile happens now.
    func endProcessing() {
        let pending = state.withLock { state -> (code: UInt16, reason: String)? in
            state.isProcessing = false
            guard let pending = state.pendingClose else { return nil }
            state.pendingClose = nil
            state.isClosing = true
            return pending
        }
        if let pending { push(.close(code: pending.code, reason: pending.reason)) }
    }
}
