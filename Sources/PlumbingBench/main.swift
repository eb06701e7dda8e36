#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

// plumbing-bench: a TCP echo server on SwiftNIO that does nothing but send back what it reads.
// `scripts/plumbing-floor.py` measures its CPU per round trip, next to Redis's for `PING`: the
// least a message costs a process of the stack on this machine before any work is done with it
// (docs/performance.md, "The plumbing floor").
//
//   plumbing-bench [PORT] [LOOP_THREADS]     (default 9555, 1)

/// Writes every read back at once.
final class EchoHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.writeAndFlush(data, promise: nil)
    }
}

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
guard arguments.allSatisfy({ $0 != nil }), arguments.count <= 2 else {
    print("usage: plumbing-bench [PORT] [LOOP_THREADS]")
    exit(2)
}
let port = arguments.first.flatMap { $0 } ?? 9555
let threads = arguments.dropFirst().first.flatMap { $0 } ?? 1
let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
let server = try await ServerBootstrap(group: group)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { $0.pipeline.addHandler(EchoHandler()) }
    .bind(host: "127.0.0.1", port: port).get()
print("plumbing-bench: echoing on 127.0.0.1:\(port) with \(threads) event loop thread(s)")
try await server.closeFuture.get()
