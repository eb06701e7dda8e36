import NIOCore
import NIOWebSocket
import Shared

/// Answers WebSocket protocol errors found while decoding frames, as NIO's own
/// `WebSocketProtocolErrorHandler` does (close frame, then close), except that a frame over the
/// size limit first gets the protocol's `error` frame with `message_too_large` (protocol.md
/// §1.4), so the client learns why the socket closes with 1009. The oversized payload is never
/// read: the decoder refuses it from the frame header.
final class ProtocolErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Never
    typealias OutboundOut = WebSocketFrame

    private let maxFrameBytes: Int

    init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NIOWebSocketError {
            if error == .invalidFrameLength {
                let event = ServerEvent(.error(ErrorData(AppError(.messageTooLarge,
                                                                  "frame is larger than \(maxFrameBytes) bytes"))))
                if let json = try? JSONCoding.encode(event) {
                    let text = context.channel.allocator.buffer(bytes: json)
                    context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: text)), promise: nil)
                }
            }
            var data = context.channel.allocator.buffer(capacity: 2)
            data.write(webSocketErrorCode: error == .invalidFrameLength ? .messageTooLarge : .protocolError)
            let loopBound = context.loopBound
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)))
                .whenComplete { _ in loopBound.value.close(promise: nil) }
        }
        context.fireErrorCaught(error)
    }
}

@available(*, unavailable)
extension ProtocolErrorHandler: Sendable {}
