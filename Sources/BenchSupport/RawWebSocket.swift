import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A minimal WebSocket client on NIO for the benchmarks (`gateway-bench`, `loadgen`): a handshake,
/// masked text frames out, unmasked frames in; it answers the gateway's JSON `ping` with `pong` by
/// itself. Small per connection, so one process can hold tens of thousands, and cheap per frame,
/// so a load generator on the same machine leaves the cores to the stack it measures.
public final class RawWebSocketHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: every field is touched only on the channel's event loop.
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private var buffer = ByteBuffer()
    private var isUpgraded = false
    private let request: String
    let upgraded: EventLoopPromise<Void>
    /// Text frames other than pings, for the caller, on the channel's event loop; nil when it
    /// does not listen.
    let onText: (@Sendable (ByteBuffer) -> Void)?
    /// The gateway's heartbeat pings answered so far.
    public let pings = Atomic<Int>(0)

    init(host: String, port: Int, path: String, upgraded: EventLoopPromise<Void>, onText: (@Sendable (ByteBuffer) -> Void)?) {
        self.request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        self.upgraded = upgraded
        self.onText = onText
    }

    public func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        upgraded.fail(ChannelError.ioOnClosedChannel)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if buffer.readableBytes == 0 && isUpgraded {
            buffer = incoming  // the usual case: no partial frame waiting, so no copy
        } else {
            buffer.writeBuffer(&incoming)
        }
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
                if Self.eventType(of: frame.payload) == "ping" {
                    pings.add(1, ordering: .relaxed)
                    context.writeAndFlush(wrapOutboundOut(Self.frame(text: #"{"type":"pong"}"#)), promise: nil)
                } else {
                    onText?(frame.payload)
                }
            } else if frame.opcode == 0x8 {
                context.close(promise: nil)
            }
        }
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else {
            buffer.discardReadBytes()
        }
    }

    /// The next whole frame: its opcode and payload (a slice of the buffer, not a copy).
    private func nextFrame() -> (opcode: UInt8, payload: ByteBuffer)? {
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
        guard buffer.readableBytes >= offset + length,
              let payload = buffer.getSlice(at: buffer.readerIndex + offset, length: length) else { return nil }
        buffer.moveReaderIndex(forwardBy: offset + length)
        return (first & 0x0F, payload)
    }

    /// The `type` of a JSON event (`{"event_id":…,"type":"ack",…}`), read from its bytes without
    /// decoding the event: the first `"type":"` and the string after it.
    public static func eventType(of payload: ByteBuffer) -> String? {
        stringValue(after: typeKey, in: payload)
    }

    /// The string after the first `key` (a key with its `:"`, as `"code":"`), or nil. For the
    /// project's own compact events, whose strings of interest hold no escaped quote.
    public static func stringValue(after key: [UInt8], in payload: ByteBuffer) -> String? {
        guard let start = firstIndex(of: key, in: payload) else { return nil }
        let view = payload.readableBytesView
        let from = view.index(view.startIndex, offsetBy: start + key.count)
        guard let end = view[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: view[from..<end], as: UTF8.self)
    }

    private static let typeKey = Array(#""type":""#.utf8)

    /// Where `needle` first occurs in the payload's readable bytes, as an offset.
    public static func firstIndex(of needle: [UInt8], in payload: ByteBuffer) -> Int? {
        payload.withUnsafeReadableBytes { bytes in
            guard let first = needle.first, bytes.count >= needle.count else { return nil }
            var index = 0
            while index <= bytes.count - needle.count {
                if bytes[index] == first {
                    var matched = 1
                    while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// A masked text frame (clients must mask).
    public static func frame(text: String) -> ByteBuffer {
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
/// - Parameter onText: the payloads of text frames other than pings, on the channel's event loop.
public func openRawWebSocket(group: any EventLoopGroup, host: String, port: Int, path: String, source: String?,
                             onText: (@Sendable (ByteBuffer) -> Void)? = nil) async throws -> (any Channel, RawWebSocketHandler) {
    let loop = group.next()
    let upgraded = loop.makePromise(of: Void.self)
    let handler = RawWebSocketHandler(host: host, port: port, path: path, upgraded: upgraded, onText: onText)
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
