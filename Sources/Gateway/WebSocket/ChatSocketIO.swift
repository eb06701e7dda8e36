import NIOCore
import NIOWebSocket
import Shared
import Synchronization

/// What a socket's task reads, in order.
enum SocketInput: Sendable {
    /// A whole text message (fragments already joined).
    case text(String)
    /// A whole binary message (protocol.md §1.4: answered with `unsupported_frame`).
    case binary
    /// A fragmented message grew past the frame limit (protocol.md §1.4: `message_too_large`, 1009).
    case tooLarge
    /// The connection's delivery needs the socket's task: replay history, then drain what queued meanwhile.
    case deliveryWake
    /// A client message already parsed and admitted on the event loop, for the task to handle;
    /// `isProcessing`: `ChatConnection.beginProcessing()` was already called for it.
    case admitted(ClientMessage, isProcessing: Bool)
    /// A message whose enqueue met a Redis that forgot the script, for the task to finish
    /// (`TurnQueue.enqueueAfterNoScript`); it is being processed.
    case retryEnqueue(ClientMessage, TurnQueue.Request)
}

/// Handles a whole text message on the channel's event loop, holding the socket's claim (see
/// `ChatSocketIO.received(_:)`); it ends the claim with `ChatSocketIO.endClaim(handing:)`.
typealias FastPath = @Sendable (String) -> Void

/// A server-initiated close, sent down the pipeline to `ChatFrameHandler` as a user outbound event.
struct SocketCloseRequest: Sendable {
    var code: UInt16
    var reason: String
}

/// The socket task's and the delivery's side of an upgraded channel: the inbox of whole client
/// messages filled by `ChatFrameHandler` on the event loop, and frame writes straight to the channel.
///
/// Writes are not awaited. One made on the channel's event loop goes to the channel at once when
/// nothing handed over earlier is still waiting there; any other is handed to the loop in call
/// order (the loop runs its tasks first in, first out). Either way frames leave in the order they
/// were written. The delivery
/// checks `isWritable` before sending history events, so a client that stops reading does not
/// grow the outbound buffer without bound (see `ChatConnection`).
final class ChatSocketIO: Sendable {
    /// Reading stops (no `read()` passes the frame handler) while this many inputs wait, and
    /// starts again once the task has taken half of them.
    static let inboxLimit = 32

    private struct Inbox {
        var items = CircularBuffer<SocketInput>(initialCapacity: 4)
        var waiter: CheckedContinuation<SocketInput?, Never>?
        var isFinished = false
        var isReadPaused = false
        /// Set once the socket is set up; cleared when it finishes (it holds the connection).
        var fastPath: FastPath?
        /// The event loop handles a message (its enqueue may be in flight): the task, parked, is
        /// not woken and inputs wait behind it, so messages are still answered in order.
        var isClaimed = false
    }

    let channel: any Channel
    private let inbox = Mutex(Inbox())
    /// Writes and close requests handed to the loop that have not run yet.
    private let handedOver = Atomic(0)

    init(channel: any Channel) {
        self.channel = channel
    }

    // MARK: Outbound (any thread)

    /// Sends one text frame.
    func write(_ text: String) {
        write([text])
    }

    /// Sends text frames in order with one flush: the events of one live entry leave in one
    /// socket write (a write to a loopback client costs about as much as the frames it carries).
    func write(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        let channel = self.channel
        onLoopInOrder {
            for text in texts {
                channel.write(WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: text)),
                              promise: nil)
            }
            channel.flush()
        }
    }

    /// Runs `operation` on the channel's loop after every operation handed over before it: at once
    /// when `mayRunHere`, called there and none is waiting (a live message read on this loop, an
    /// answer to a frame), else as a task of the loop.
    private func onLoopInOrder(mayRunHere: Bool = true, _ operation: @escaping @Sendable () -> Void) {
        if mayRunHere, channel.eventLoop.inEventLoop, handedOver.load(ordering: .relaxed) == 0 {
            operation()
            return
        }
        handedOver.add(1, ordering: .relaxed)
        channel.eventLoop.execute { [self] in
            operation()
            handedOver.subtract(1, ordering: .relaxed)
        }
    }

    /// Starts the close handshake (ignored once one started); the channel closes when the client
    /// answers, or after the close timeout.
    func close(code: UInt16, reason: String) {
        let channel = self.channel
        // Always later: a close is often asked for by the frame handler, in the middle of its read.
        onLoopInOrder(mayRunHere: false) {
            channel.triggerUserOutboundEvent(SocketCloseRequest(code: code, reason: reason), promise: nil)
        }
    }

    /// Whether the channel's outbound buffer is below its high-water mark.
    var isWritable: Bool { channel.isWritable }

    // MARK: Inbound

    /// The next input; `nil` once the channel closed or the waiting task was cancelled.
    func next() async -> SocketInput? {
        let (item, resumeReading) = inbox.withLock { inbox -> (SocketInput??, Bool) in
            guard let item = inbox.items.popFirst() else {
                return (inbox.isFinished ? .some(nil) : nil, false)
            }
            return (.some(item), Self.shouldResumeReading(&inbox))
        }
        if resumeReading { resumeRead() }
        if let item { return item }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<SocketInput?, Never>) in
                let ready = inbox.withLock { inbox -> SocketInput?? in
                    if let item = inbox.items.popFirst() { return .some(item) }
                    if inbox.isFinished || Task.isCancelled { return .some(nil) }
                    inbox.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }

    // MARK: Fast path (event loop)

    /// Lets the event loop handle text messages itself (`fastPath`) while the socket's task has
    /// nothing else to do. Called by the task once setup is done.
    func installFastPath(_ fastPath: @escaping FastPath) {
        inbox.withLock { inbox in
            if !inbox.isFinished { inbox.fastPath = fastPath }
        }
    }

    /// A whole message from the frame handler, on the event loop. A text message goes to the fast
    /// path when the socket's task waits for input with nothing queued (the common case: one message
    /// at a time); the claim keeps every later input waiting until the fast path ends it, so
    /// messages are handled one at a time, in order, by either side. Anything else goes to the task.
    func received(_ item: SocketInput) {
        if case .text(let text) = item {
            let fastPath = inbox.withLock { inbox -> FastPath? in
                guard let fastPath = inbox.fastPath, !inbox.isClaimed, inbox.waiter != nil, inbox.items.isEmpty else {
                    return nil
                }
                inbox.isClaimed = true
                return fastPath
            }
            if let fastPath { return fastPath(text) }
        }
        enqueue(item)
    }

    /// Ends the event loop's claim, on the event loop. `item` (a message the fast path hands over)
    /// goes to the task before anything queued; otherwise a text message queued meanwhile is
    /// handled on the loop under a new claim, and any other input wakes the task.
    func endClaim(handing item: SocketInput? = nil) {
        enum Next {
            case none
            case task(CheckedContinuation<SocketInput?, Never>, SocketInput)
            case fastPath(FastPath, String)
        }
        var resumeReading = false
        let next = inbox.withLock { inbox -> Next in
            guard inbox.isClaimed else { return .none }
            if let item, !inbox.isFinished { inbox.items.prepend(item) }
            if item == nil, case .text(let text)? = inbox.items.first, let fastPath = inbox.fastPath {
                inbox.items.removeFirst()
                resumeReading = Self.shouldResumeReading(&inbox)
                return .fastPath(fastPath, text)
            }
            inbox.isClaimed = false
            guard let waiter = inbox.waiter, let first = inbox.items.popFirst() else { return .none }
            inbox.waiter = nil
            resumeReading = Self.shouldResumeReading(&inbox)
            return .task(waiter, first)
        }
        if resumeReading { resumeRead() }
        switch next {
        case .none: break
        case .task(let waiter, let input): waiter.resume(returning: input)
        case .fastPath(let fastPath, let text): fastPath(text)
        }
    }

    /// Queues an input for the socket's task (from the event loop, or from the delivery).
    func enqueue(_ item: SocketInput) {
        let waiter = inbox.withLock { inbox -> CheckedContinuation<SocketInput?, Never>? in
            guard !inbox.isFinished else { return nil }
            if !inbox.isClaimed, let waiter = inbox.waiter {
                inbox.waiter = nil
                return waiter
            }
            inbox.items.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// No more inputs: the channel closed (or the task was cancelled); a waiting `next()` returns `nil`.
    func finish() {
        let waiter = inbox.withLock { inbox -> CheckedContinuation<SocketInput?, Never>? in
            inbox.isFinished = true
            inbox.items.removeAll()
            inbox.fastPath = nil  // it holds the connection, which holds this
            defer { inbox.waiter = nil }
            return inbox.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Called by the frame handler for each `read()`: `false` (and reading paused) while the inbox is full.
    func admitRead() -> Bool {
        inbox.withLock { inbox in
            if inbox.items.count >= Self.inboxLimit {
                inbox.isReadPaused = true
                return false
            }
            return true
        }
    }

    private static func shouldResumeReading(_ inbox: inout Inbox) -> Bool {
        guard inbox.isReadPaused, inbox.items.count <= inboxLimit / 2 else { return false }
        inbox.isReadPaused = false
        return true
    }

    private func resumeRead() {
        let channel = self.channel
        channel.eventLoop.execute { channel.read() }
    }
}
