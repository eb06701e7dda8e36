import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A minimal WebSocket client on NIO for the benchmark: a handshake, masked text frames out,
/// unmasked frames in; it answers the gateway's JSON `ping` with `pong` by itself. Small per
/// connection, so one process can hold tens of thousands.
final class RawSocketHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: every field is touched only on the channel's event loop.
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var buffer = ByteBuffer()
    private var isUpgraded = false
    private let request: String
    let upgraded: EventLoopPromise<Void>
    /// Text frames other than pings, for the caller (ack latency); nil when it does not listen.
    let onText: (@Sendable (String) -> Void)?
    let pings = Atomic<Int>(0)

    init(host: String, port: Int, path: String, upgraded: EventLoopPromise<Void>, onText: (@Sendable (String) -> Void)?) {
        self.request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        self.upgraded = upgraded
        self.onText = onText
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(ChannelError.ioOnClosedChannel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if !isUpgraded {
            guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
                  let end = text.range(of: "\r\n\r\n") else { return }
            let head = text[..<end.lowerBound]
            guard head.hasPrefix("HTTP/1.1 101") else {
                upgraded.fail(ChannelError.inappropriateOperationForState)
                context.close(promise: nil)
                return
            }
            buffer.moveReaderIndex(forwardBy: text.utf8.distance(from: text.startIndex, to: end.upperBound))
            isUpgraded = true
            upgraded.succeed()
        }
        while let frame = nextFrame() {
            if frame.opcode == 0x1 {
                if frame.payload.contains("\"type\":\"ping\"") {
                    pings.add(1, ordering: .relaxed)
                    context.writeAndFlush(wrapOutboundOut(Self.frame(text: #"{"type":"pong"}"#)), promise: nil)
                } else {
                    onText?(frame.payload)
                }
            } else if frame.opcode == 0x8 {
                context.close(promise: nil)
            }
        }
        buffer.discardReadBytes()
    }

    private func nextFrame() -> (opcode: UInt8, payload: String)? {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let second = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return nil }
        var offset = 2
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let extended = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt16.self) else { return nil }
            length = Int(extended)
            offset = 4
        } else if length == 127 {
            guard let extended = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt64.self) else { return nil }
            length = Int(extended)
            offset = 10
        }
        guard buffer.readableBytes >= offset + length else { return nil }
        let payload = buffer.getString(at: buffer.readerIndex + offset, length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: offset + length)
        return (first & 0x0F, payload)
    }

    /// A masked text frame (clients must mask).
    static func frame(text: String) -> ByteBuffer {
        let payload = Array(text.utf8)
        var out = ByteBuffer()
        out.writeInteger(UInt8(0x81))
        if payload.count < 126 {
            out.writeInteger(UInt8(0x80 | payload.count))
        } else {
            out.writeInteger(UInt8(0x80 | 126))
            out.writeInteger(UInt16(payload.count))
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        out.writeBytes(mask)
        out.writeBytes(payload.enumerated().map { $1 ^ mask[$0 % 4] })
        return out
    }
}

/// Opens one raw socket from `source` (an address in 127.0.0.0/8) and waits for the upgrade.
func openSocket(group: any EventLoopGroup, host: String, port: Int, path: String, source: String?,
                onText: (@Sendable (String) -> Void)? = nil) async throws -> (any Channel, RawSocketHandler) {
    let loop = group.next()
    let upgraded = loop.makePromise(of: Void.self)
    let handler = RawSocketHandler(host: host, port: port, path: path, upgraded: upgraded, onText: onText)
    var bootstrap = ClientBootstrap(group: loop)
        .channelOption(.socketOption(.so_reuseaddr), value: 1)
        .connectTimeout(.seconds(10))
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) }
        }
    if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
    let channel = try await bootstrap.connect(host: host, port: port).get()
    try await upgraded.futureResult.get()
    return (channel, handler)
}
