import NIOCore
import NIOWebSocket
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
}

/// A server-initiated close, sent down the pipeline to `ChatFrameHandler` as a user outbound event.
struct SocketCloseRequest: Sendable {
    var code: UInt16
    var reason: String
}

/// The socket task's and the delivery's side of an upgraded channel: the inbox of whole client
/// messages filled by `ChatFrameHandler` on the event loop, and frame writes straight to the channel.
///
/// Writes are not awaited: each is handed to the channel's event loop in call order (the loop runs
/// its tasks first in, first out), so frames leave in the order they were written. The delivery
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
    }

    let channel: any Channel
    private let inbox = Mutex(Inbox())

    init(channel: any Channel) {
        self.channel = channel
    }

    // MARK: Outbound (any thread)

    /// Sends one text frame.
    func write(_ text: String) {
        let channel = self.channel
        channel.eventLoop.execute {
            let buffer = channel.allocator.buffer(string: text)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: buffer), promise: nil)
        }
    }

    /// Starts the close handshake (ignored once one started); the channel closes when the client
    /// answers, or after the close timeout.
    func close(code: UInt16, reason: String) {
        let channel = self.channel
        channel.eventLoop.execute {
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

    /// Queues an input for the socket's task (from the event loop, or from the delivery).
    func enqueue(_ item: SocketInput) {
        let waiter = inbox.withLock { inbox -> CheckedContinuation<SocketInput?, Never>? in
            guard !inbox.isFinished else { return nil }
            if let waiter = inbox.waiter {
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
