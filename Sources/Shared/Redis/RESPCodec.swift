import NIOCore
import NIOPosix

/// The Redis serialization protocol (RESP2), the reading side: replies read into `RedisValue`s
/// as they arrive. Commands are encoded when made (`RedisCommand`, `RESPCommandWriter`).
enum RESP {
    /// A reply that could not be read: the connection is out of step and must be closed.
    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads one whole reply from the front of `buffer`, consuming it; `nil` (consuming nothing)
    /// when the buffer does not hold a whole reply yet.
    static func readReply(from buffer: inout ByteBuffer) throws(ProtocolError) -> RedisValue? {
        var cursor = buffer
        guard let value = try read(&cursor) else { return nil }
        buffer = cursor
        return value
    }

    private static func read(_ buffer: inout ByteBuffer) throws(ProtocolError) -> RedisValue? {
        guard let kind = buffer.readInteger(as: UInt8.self), let line = readLine(&buffer) else { return nil }
        switch kind {
        case UInt8(ascii: "+"):
            return .status(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "-"):
            return .error(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: ":"):
            return .integer(try integer(line))
        case UInt8(ascii: "$"):
            let length = try integer(line)
            if length < 0 { return .null }
            guard buffer.readableBytes >= Int(length) + 2, let bytes = buffer.readBytes(length: Int(length)) else {
                return nil
            }
            buffer.moveReaderIndex(forwardBy: 2)
            return .bulk(bytes)
        case UInt8(ascii: "*"):
            let count = try integer(line)
            if count < 0 { return .null }
            var elements: [RedisValue] = []
            elements.reserveCapacity(Int(min(count, 4096)))
            for _ in 0..<count {
                guard let element = try read(&buffer) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        default:
            throw ProtocolError(description: "unknown reply type byte \(kind)")
        }
    }

    /// The bytes up to the next `\r\n`, consuming both; `nil` when no whole line is buffered.
    private static func readLine(_ buffer: inout ByteBuffer) -> ByteBufferView? {
        let view = buffer.readableBytesView
        guard let cr = view.firstIndex(of: 0x0D), cr + 1 < view.endIndex else { return nil }
        let line = view[view.startIndex..<cr]
        buffer.moveReaderIndex(forwardBy: cr - view.startIndex + 2)
        return line
    }

    private static func integer(_ line: ByteBufferView) throws(ProtocolError) -> Int64 {
        var value: Int64 = 0
        var negative = false
        var sawDigit = false
        for (offset, byte) in line.enumerated() {
            if offset == 0 && byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                throw ProtocolError(description: "bad integer in reply")
            }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { throw ProtocolError(description: "integer overflow in reply") }
            value = sum
            sawDigit = true
        }
        guard sawDigit else { throw ProtocolError(description: "empty integer in reply") }
        return negative ? -value : value
    }
}

extension RESPReplyHandler {
    /// Opens a socket to the Redis of `configuration` on `eventLoop` (keep-alive on, Nagle off for
    /// TCP), its replies read by a `RESPReplyHandler` with these closures. The future completes on
    /// `eventLoop`.
    static func connect(_ configuration: RedisConfiguration, on eventLoop: any EventLoop,
                        received: @escaping (RedisValue) -> Void,
                        closed: @escaping (any Channel, String) -> Void) -> EventLoopFuture<any Channel> {
        // The closures are called on `eventLoop` only, which is where the channel is set up.
        let handlers = NIOLoopBound((received: received, closed: closed), eventLoop: eventLoop)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        RESPReplyHandler(received: handlers.value.received, closed: handlers.value.closed))
                }
            }
        let connecting: EventLoopFuture<any Channel> =
            switch configuration.address {
            case .tcp(let host, let port):
                bootstrap.channelOption(.socketOption(.tcp_nodelay), value: 1).connect(host: host, port: port)
            case .unix(let path):
                bootstrap.connect(unixDomainSocketPath: path)
            }
        return connecting.hop(to: eventLoop)
    }
}

extension ByteBufferAllocator {
    /// The RESP bytes of `commands`, in order, in one buffer (one write for them all).
    func buffer(of commands: [RedisCommand]) -> ByteBuffer {
        var buffer = buffer(capacity: commands.reduce(0) { $0 + $1.resp.count })
        for command in commands { buffer.writeBytes(command.resp) }
        return buffer
    }
}

/// Reads replies off a Redis socket as its bytes arrive (a reply split across reads waits for
/// the rest) and hands each to `received`, in order; `closed` gets the channel and why it closed.
/// A reply that cannot be read closes the connection: it is out of step.
final class RESPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let received: (RedisValue) -> Void
    private let closed: (any Channel, String) -> Void
    private var buffered: ByteBuffer?
    private var closeReason = "connection closed by the server"

    init(received: @escaping (RedisValue) -> Void, closed: @escaping (any Channel, String) -> Void) {
        self.received = received
        self.closed = closed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if var pending = buffered {
            pending.writeBuffer(&incoming)
            incoming = pending
        }
        do {
            while let reply = try RESP.readReply(from: &incoming) { received(reply) }
        } catch {
            closeReason = "\(error)"
            context.close(promise: nil)
            return
        }
        if incoming.readableBytes == 0 {
            buffered = nil
        } else {
            incoming.discardReadBytes()
            buffered = incoming
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeReason = "\(error)"
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed(context.channel, closeReason)
    }
}
