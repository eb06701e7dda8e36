import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Shared
import Synchronization
import Testing

/// The plain-HTTP transport of `ServiceHTTPClient` against a raw TCP server that writes its
/// answers byte for byte (so chunked bodies and `Connection: close` are what the wire holds),
/// and against a real Hummingbird server.
@Suite(.timeLimit(.minutes(1)))
struct KeepAliveHTTP1TransportTests {
    /// Answers each request by its path: `/chunked` in two chunks, `/close` then closes the
    /// connection, `/together` once the gate holds as many of them as it waits for, anything else
    /// `ok` with a length. Counts the connections it accepted.
    final class WireServer: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var pending = ""
        private let gate: Gate

        init(gate: Gate) { self.gate = gate }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = pending.range(of: "\r\n\r\n") {
                let head = pending[..<end.lowerBound]
                pending.removeSubrange(..<end.upperBound)
                let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
                let answer = switch path {
                case "/chunked": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                case "/close": "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbye"
                default: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                }
                if path == "/together" {
                    gate.hold(NIOLoopBound(context, eventLoop: context.eventLoop))
                    continue
                }
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: answer)), promise: nil)
                if path == "/close" { context.close(promise: nil) }
            }
        }
    }

    /// Holds `/together` requests until `size` of them are in, then answers them all, so that many
    /// are in flight at once, each on its own connection.
    final class Gate: Sendable {
        let size: Int
        private let held = Mutex<[NIOLoopBound<ChannelHandlerContext>]>([])

        init(size: Int) { self.size = size }

        func hold(_ context: NIOLoopBound<ChannelHandlerContext>) {
            let released: [NIOLoopBound<ChannelHandlerContext>] = held.withLock { held in
                held.append(context)
                guard held.count == size else { return [] }
                defer { held.removeAll() }
                return held
            }
            for bound in released {
                bound.eventLoop.execute {
                    let context = bound.value
                    let answer = context.channel.allocator.buffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                    context.writeAndFlush(NIOAny(answer), promise: nil)
                }
            }
        }
    }

    /// Connections the wire server accepted.
    final class Counter: Sendable {
        private let count = Atomic(0)
        func add() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    func withWireServer(host: String = "127.0.0.1", together: Int = 1,
                        _ body: (Int, Counter) async throws -> Void) async throws {
        let accepted = Counter()
        let gate = Gate(size: together)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                accepted.add()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(WireServer(gate: gate))
                }
            }
            .bind(host: host, port: 0).get()
        defer { server.close(promise: nil) }
        try await body(try #require(server.localAddress?.port), accepted)
    }

    /// The wire server on a Unix socket in a fresh temporary folder; `body` gets the socket's path.
    func withWireServer(onSocket body: (String, Counter) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ka-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("service.sock").path
        let accepted = Counter()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                accepted.add()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(WireServer(gate: Gate(size: 1)))
                }
            }
            .bind(unixDomainSocketPath: path).get()
        defer { server.close(promise: nil) }
        try await body(path, accepted)
    }

    func client(_ port: Int, host: String = "127.0.0.1", path: String = "", maxResponseBytes: Int = 1 << 20,
                maxIdleConnections: Int = 16) -> ServiceHTTPClient {
        ServiceHTTPClient(service: "catalog-service", baseURL: "http://\(host):\(port)\(path)",
                          retry: RetryPolicy(maxAttempts: 1), maxResponseBytes: maxResponseBytes,
                          maxIdleConnections: maxIdleConnections, logger: Logger(label: "test"))
    }

    /// Sends `count` calls to `/together` at once, `waves` times over.
    func sendTogether(_ client: ServiceHTTPClient, count: Int, waves: Int) async throws {
        for _ in 0..<waves {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        let response = try await client.send(.GET, "/together")
                        #expect(String(buffer: response.body) == "ok")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func callsInFlightTogetherKeepTheirConnectionsForTheNextOnes() async throws {
        try await withWireServer(together: 24) { port, accepted in
            try await sendTogether(client(port, maxIdleConnections: 24), count: 24, waves: 3)
            #expect(accepted.value == 24)
        }
    }

    @Test func connectionsOverTheIdleLimitAreClosedAfterTheirAnswer() async throws {
        try await withWireServer(together: 24) { port, accepted in
            try await sendTogether(client(port, maxIdleConnections: 16), count: 24, waves: 3)
            // 24 the first time; then 16 are reused and 8 opened again, twice.
            #expect(accepted.value == 24 + 8 + 8)
        }
    }

    @Test func sequentialCallsShareOneConnection() async throws {
        try await withWireServer { port, accepted in
            let client = client(port)
            for _ in 0..<20 {
                let response = try await client.send(.GET, "/")
                #expect(String(buffer: response.body) == "ok")
            }
            #expect(accepted.value == 1)
        }
    }

    @Test func anIPv6LiteralBaseURLIsReached() async throws {
        do {
            try await withWireServer(host: "::1") { port, _ in
                let response = try await client(port, host: "[::1]").send(.GET, "/")
                #expect(String(buffer: response.body) == "ok")
            }
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EAFNOSUPPORT {
            print("skipped: this machine has no IPv6 loopback (\(error))")
        }
    }

    @Test func anHTTPUnixBaseURLReachesItsSocketOnKeptConnections() async throws {
        try await withWireServer(onSocket: { socketPath, accepted in
            let encoded = try #require(socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let client = ServiceHTTPClient(service: "catalog-service", baseURL: "http+unix://\(encoded)",
                                           retry: RetryPolicy(maxAttempts: 1), logger: Logger(label: "test"))
            for path in ["/", "/chunked", "/"] {
                let response = try await client.send(.GET, path)
                #expect(String(buffer: response.body) == (path == "/" ? "ok" : "hello world"))
            }
            #expect(accepted.value == 1)
        })
    }

    @Test func baseURLsNameTheirEndpoint() throws {
        let tcp = try #require(ServiceHTTPClient.plainEndpoint(of: "http://[::1]:8081/v1"))
        #expect(tcp.0 == .tcp(host: "::1", port: 8081))
        #expect(tcp.pathPrefix == "/v1")
        let unix = try #require(ServiceHTTPClient.plainEndpoint(of: "http+unix://%2Frun%2Fmy%20catalog.sock/v1"))
        #expect(unix.0 == .unixSocket(path: "/run/my catalog.sock"))
        #expect(unix.pathPrefix == "/v1")
        #expect(ServiceHTTPClient.plainEndpoint(of: "http+unix://relative.sock") == nil)
        #expect(ServiceHTTPClient.plainEndpoint(of: "https://example.com") == nil)
    }

    @Test func aChunkedAnswerIsGatheredWhole() async throws {
        try await withWireServer { port, _ in
            let response = try await client(port).send(.GET, "/chunked")
            #expect(response.status == 200)
            #expect(String(buffer: response.body) == "hello world")
        }
    }

    @Test func aConnectionTheServerClosesIsNotReused() async throws {
        try await withWireServer { port, accepted in
            let client = client(port)
            for path in ["/close", "/close", "/"] {
                let response = try await client.send(.GET, path)
                #expect(String(buffer: response.body) == (path == "/" ? "ok" : "bye"))
            }
            #expect(accepted.value == 3)
        }
    }

    @Test func anAnswerLargerThanTheLimitIsRefused() async throws {
        try await withWireServer { port, _ in
            await #expect(throws: ServiceCallError.invalidResponse(service: "catalog-service",
                                                                   reason: "response larger than 4 bytes")) {
                _ = try await client(port, maxResponseBytes: 4).send(.GET, "/chunked")
            }
        }
    }

    @Test func concurrentCallsEachGetTheirOwnAnswerUnderTheBaseURLsPath() async throws {
        let router = Router()
        router.post("/v1/echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            let id = request.headers[.init("X-Request-ID")!] ?? ""
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: id + ":" + String(buffer: body))))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { server in
            let client = client(try #require(server.port), path: "/v1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let response = try await client.send(.POST, "/echo", body: Array("body \(index)".utf8),
                                                             requestID: "r\(index)")
                        #expect(String(buffer: response.body) == "r\(index):body \(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
