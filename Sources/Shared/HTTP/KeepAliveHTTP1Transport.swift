import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// HTTP/1.1 over plain TCP to one host, or over a Unix socket, on keep-alive connections: the
/// transport for `http://` and `http+unix://` calls between the stack's own services
/// (`ServiceHTTPClient` picks it; `https://` goes through AsyncHTTPClient).
///
/// It is a pipeline of NIO's HTTP/1 encoder and decoder and a handler that gathers one whole
/// response per request, nothing more: AsyncHTTPClient's pool manager, request state machines and
/// streamed bodies were about a tenth of a worker's CPU per turn. One request runs on a connection
/// at a time; an idle connection on the caller's own event loop is preferred, so a worker task on
/// a loop does not hop threads for its call.
public final class KeepAliveHTTP1Transport: Sendable {
    /// Why an exchange failed.
    public enum Failure: Error, Equatable {
        /// No connection could be made: the request was never sent.
        case connectFailed(String)
        /// The deadline passed before the whole response arrived.
        case timedOut
        /// The connection closed or broke before the whole response arrived.
        case connectionClosed(String)
        /// The response body is larger than allowed.
        case responseTooLarge(limit: Int)
        /// The calling task was cancelled; the connection is closed.
        case cancelled
    }

    /// Where the service listens.
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// A Unix socket's path: a service on the same machine, without TCP's work in the kernel.
        case unixSocket(path: String)
    }

    public let endpoint: Endpoint
    /// The `Host` header of every request.
    private let hostHeader: String
    let connectTimeout: TimeAmount
    let maxResponseBytes: Int
    private let group: any EventLoopGroup
    /// Idle connections kept; more are closed after their response.
    let maxIdleConnections: Int
    private let idle = Mutex<[Connection]>([])

    /// - Parameter maxIdleConnections: connections kept open between calls. A caller that may have
    ///   more calls in flight at once than this opens and closes a connection for each call over it,
    ///   so set it to the caller's concurrency.
    public init(endpoint: Endpoint, connectTimeout: Duration = .seconds(1), maxResponseBytes: Int,
                maxIdleConnections: Int = 16, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.endpoint = endpoint
        switch endpoint {
        case .tcp(let host, let port):
            let hostName = host.contains(":") ? "[\(host)]" : host  // an IPv6 literal is bracketed
            hostHeader = port == 80 ? hostName : "\(hostName):\(port)"
        case .unixSocket:
            hostHeader = "localhost"
        }
        self.connectTimeout = TimeAmount(connectTimeout)
        self.maxResponseBytes = maxResponseBytes
        self.maxIdleConnections = max(1, maxIdleConnections)
        self.group = group
    }

    deinit {
        for connection in idle.withLock({ $0 }) { connection.channel.close(promise: nil) }
    }

    /// Sends one request and gathers its whole response.
    /// - Parameter headers: sent as given, after `Host` and `Content-Length`.
    public func execute(method: HTTPMethod, path: String, headers: [(String, String)], body: [UInt8]?,
                        deadline: NIODeadline) async throws(Failure) -> (head: HTTPResponseHead, body: ByteBuffer) {
        let connection = try await connection()
        var requestHeaders = HTTPHeaders()
        requestHeaders.reserveCapacity(headers.count + 2)
        requestHeaders.add(name: "Host", value: hostHeader)
        if body != nil || [.POST, .PUT, .PATCH].contains(method) {
            requestHeaders.add(name: "Content-Length", value: String(body?.count ?? 0))
        }
        for (name, value) in headers { requestHeaders.add(name: name, value: value) }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: requestHeaders)
        let promise = connection.channel.eventLoop.makePromise(of: ResponseGatherer.Response.self)
        connection.channel.eventLoop.execute {
            connection.gatherer.send(head, body: body, on: connection.channel, deadline: deadline, promise: promise)
        }
        do {
            // A cancelled caller (a turn cancelled, a node past its timeout) stops waiting at once.
            let response = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                connection.channel.eventLoop.execute { connection.gatherer.fail(.cancelled) }
            }
            if response.keepAlive { release(connection) } else { connection.channel.close(promise: nil) }
            return (response.head, response.body)
        } catch let failure as Failure {
            connection.channel.close(promise: nil)
            throw failure
        } catch {
            connection.channel.close(promise: nil)
            throw .connectionClosed("\(error)")
        }
    }

    private struct Connection: Sendable {
        let channel: any Channel
        let gatherer: ResponseGatherer
    }

    /// An idle connection (one on the caller's event loop first) or a new one.
    private func connection() async throws(Failure) -> Connection {
        let current = MultiThreadedEventLoopGroup.currentEventLoop
        let reused: Connection? = idle.withLock { idle in
            idle.removeAll { !$0.channel.isActive }
            guard !idle.isEmpty else { return nil }
            let index = current.flatMap { loop in idle.lastIndex { $0.channel.eventLoop === loop } } ?? idle.count - 1
            return idle.remove(at: index)
        }
        if let reused { return reused }
        let loop = current ?? group.next()
        let gatherer = ResponseGatherer(maxBodyBytes: maxResponseBytes)
        do {
            let bootstrap = ClientBootstrap(group: loop)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(gatherer)
                    }
                }
            let channel = switch endpoint {
            case .tcp(let host, let port):
                try await bootstrap.channelOption(.socketOption(.tcp_nodelay), value: 1).connect(host: host, port: port).get()
            case .unixSocket(let path):
                try await bootstrap.connect(unixDomainSocketPath: path).get()
            }
            return Connection(channel: channel, gatherer: gatherer)
        } catch {
            throw .connectFailed("\(error)")
        }
    }

    private func release(_ connection: Connection) {
        let kept = idle.withLock { idle in
            guard idle.count < maxIdleConnections else { return false }
            idle.append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }
}

/// Gathers the one response of the request in flight on its connection. Used on the
/// connection's event loop only.
final class ResponseGatherer: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    struct Response: Sendable {
        var head: HTTPResponseHead
        var body: ByteBuffer
        /// Whether the connection can carry another request.
        var keepAlive: Bool
    }

    private let maxBodyBytes: Int
    private var promise: EventLoopPromise<Response>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var timeout: Scheduled<Void>?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Writes a request whose response completes `promise`, failing it at `deadline`.
    func send(_ head: HTTPRequestHead, body: [UInt8]?, on channel: any Channel, deadline: NIODeadline,
              promise: EventLoopPromise<Response>) {
        guard channel.isActive else {
            promise.fail(KeepAliveHTTP1Transport.Failure.connectionClosed("closed before the request"))
            return
        }
        self.promise = promise
        self.head = nil
        self.body = nil
        timeout = channel.eventLoop.scheduleTask(deadline: deadline) { [weak self] in
            self?.fail(.timedOut)
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body, !body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var part):
            if (body?.readableBytes ?? 0) + part.readableBytes > maxBodyBytes {
                fail(.responseTooLarge(limit: maxBodyBytes))
                context.close(promise: nil)
                return
            }
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            guard let head, let promise else { return }
            let response = Response(head: head, body: body ?? context.channel.allocator.buffer(capacity: 0),
                                    keepAlive: head.isKeepAlive)
            finish()
            promise.succeed(response)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.connectionClosed("connection closed"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.connectionClosed("\(error)"))
        context.close(promise: nil)
    }

    /// Fails the request in flight, if any (the connection is then closed by its caller).
    func fail(_ failure: KeepAliveHTTP1Transport.Failure) {
        guard let promise else { return }
        finish()
        promise.fail(failure)
    }

    private func finish() {
        timeout?.cancel()
        timeout = nil
        promise = nil
        head = nil
        body = nil
    }
}
