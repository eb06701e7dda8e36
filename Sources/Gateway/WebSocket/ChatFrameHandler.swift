import NIOCore
import NIOWebSocket

/// The WebSocket protocol of one upgraded channel, on its event loop: joins fragmented messages
/// and hands whole ones to the socket's task (`ChatSocketIO`), answers WebSocket pings, and runs
/// the close handshake (RFC 6455 §5.5, §7).
///
/// It replaces hummingbird-websocket's per-socket actor, its `NIOAsyncChannel` streams and the task
/// that hosts them: an idle socket then costs its channel and one suspended task. It keeps that
/// handler's behaviour: no extensions (reserved bits close with 1002), UTF-8 not validated (text is
/// decoded with repair, as before), the messages' size limit applied to joined fragments, a close
/// answered with 1000 (1002 for a malformed one), and a server close waiting up to `closeTimeout`
/// for the client's answer.
final class ChatFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private enum State {
        case open
        /// The server sent its close frame and waits for the client's.
        case closing(Scheduled<Void>?)
        case closed
    }

    private let io: ChatSocketIO
    private let maxMessageBytes: Int
    private let closeTimeout: TimeAmount
    private var state = State.open
    /// The first frames of a fragmented message, and whether it is text.
    private var fragments: (data: ByteBuffer, isText: Bool)?
    /// A joined message went over the limit: later data frames are dropped until the close.
    private var isRefusingData = false

    init(io: ChatSocketIO, maxMessageBytes: Int, closeTimeout: TimeAmount) {
        self.io = io
        self.maxMessageBytes = maxMessageBytes
        self.closeTimeout = closeTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .connectionClose:
            receivedClose(frame, context: context)
        case .ping:
            guard case .open = state else { return }
            let payload = frame.unmaskedData
            guard frame.fin, payload.readableBytes < 126 else {
                startClose(code: .protocolError, reason: nil, context: context)
                return
            }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: payload)), promise: nil)
        case .pong:
            // The heartbeat is the protocol's JSON ping/pong; WebSocket pongs need no answer.
            if !frame.fin { startClose(code: .protocolError, reason: nil, context: context) }
        case .text, .binary, .continuation:
            guard case .open = state, !isRefusingData else { return }  // closing: drain until the client answers
            guard frame.reservedBits.isEmpty else {
                startClose(code: .protocolError, reason: nil, context: context)
                return
            }
            receivedData(frame, context: context)
        default:
            startClose(code: .protocolError, reason: nil, context: context)
        }
    }

    private func receivedData(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        var message: (data: ByteBuffer, isText: Bool)
        if frame.opcode == .continuation {
            guard var started = fragments else {
                startClose(code: .protocolError, reason: nil, context: context)
                return
            }
            fragments = nil
            var data = frame.unmaskedData
            guard started.data.readableBytes + data.readableBytes <= maxMessageBytes else {
                isRefusingData = true
                io.enqueue(.tooLarge)  // the socket's task answers message_too_large, then closes with 1009
                return
            }
            started.data.writeBuffer(&data)
            message = started
        } else {
            guard fragments == nil else {
                startClose(code: .protocolError, reason: nil, context: context)
                return
            }
            message = (frame.unmaskedData, frame.opcode == .text)
        }
        guard frame.fin else {
            fragments = message
            return
        }
        io.received(message.isText ? .text(String(buffer: message.data)) : .binary)
    }

    private func receivedClose(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        switch state {
        case .open:
            // Answer with 1000, or 1002 when the close frame is malformed (as WSCore did).
            var payload = frame.unmaskedData
            let size = payload.readableBytes
            let code = payload.readWebSocketErrorCode()
            let reasonIsValid = payload.readableBytes == 0 || payload.readString(length: payload.readableBytes) != nil
            var answer = WebSocketErrorCode.normalClosure
            if !reasonIsValid || (size > 0 && code == nil) {
                answer = .protocolError
            } else if case .unknown(let number) = code, number < 3000 || number > 4999 {
                answer = .protocolError
            }
            state = .closed
            io.finish()
            context.writeAndFlush(wrapOutboundOut(Self.closeFrame(answer, reason: nil, allocator: context.channel.allocator)))
                .whenComplete { [loopBound = context.loopBound] _ in loopBound.value.close(promise: nil) }
        case .closing(let timeout):
            timeout?.cancel()
            state = .closed
            io.finish()
            context.close(promise: nil)
        case .closed:
            break
        }
    }

    /// Sends a close frame and waits for the client's answer, up to `closeTimeout`.
    private func startClose(code: WebSocketErrorCode, reason: String?, context: ChannelHandlerContext) {
        guard case .open = state else { return }
        fragments = nil
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(code, reason: reason, allocator: context.channel.allocator)),
                              promise: nil)
        let loopBound = context.loopBound
        let timeout = context.eventLoop.scheduleTask(in: closeTimeout) { loopBound.value.close(promise: nil) }
        state = .closing(timeout)
    }

    private static func closeFrame(_ code: WebSocketErrorCode, reason: String?, allocator: ByteBufferAllocator) -> WebSocketFrame {
        var data = allocator.buffer(capacity: 2 + (reason?.utf8.count ?? 0))
        data.write(webSocketErrorCode: code)
        if let reason { data.writeString(reason) }
        return WebSocketFrame(fin: true, opcode: .connectionClose, data: data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let request = event as? SocketCloseRequest else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        startClose(code: WebSocketErrorCode(codeNumber: Int(request.code)), reason: request.reason, context: context)
        promise?.succeed()
    }

    func read(context: ChannelHandlerContext) {
        // Backpressure: a client that sends faster than its task handles messages waits in TCP.
        // `ChatSocketIO` calls `read()` again once its task has taken half of the inbox.
        if io.admitRead() { context.read() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .closing(let timeout) = state { timeout?.cancel() }
        state = .closed
        io.finish()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // A client that caught up: history events skipped while it was not reading are re-read.
        if context.channel.isWritable { io.enqueue(.deliveryWake) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Frame decoding errors are answered by ProtocolErrorHandler (error frame, close code, close);
        // anything else (a reset connection) ends the socket.
        if !(error is NIOWebSocketError) { context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension ChatFrameHandler: Sendable {}
