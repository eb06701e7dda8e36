import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket
import ServiceLifecycle
import Shared
import Synchronization

/// What the gateway needs of an upgrade request, read from its head before the upgrade.
public struct UpgradeRequest: Sendable {
    public var uri: String
    public var headers: HTTPFields
    public var remoteAddress: String
    /// The `Host` header (HTTPFields keep it as the `:authority` pseudo-header elsewhere).
    public var host: String?
}

/// The answer to an upgrade request: refuse with an HTTP error (protocol.md §1.1), or run `handler`.
enum UpgradeDecision: Sendable {
    case refuse(AppError)
    case accept(GatewaySocketHandler)
}

/// Runs one accepted socket; returns once its channel closed (or after starting the close).
typealias GatewaySocketHandler = @Sendable (ChatSocketIO, GatewaySocketContext) async -> Void

/// What a gateway socket gets besides its channel.
struct GatewaySocketContext: Sendable {
    let logger: Logger
    /// Fires when the server shuts down gracefully.
    let shutdown: ShutdownSignal
}

/// Graceful shutdown of the server, delivered to a socket's own handlers: the socket decides
/// itself when to close (answer the frame in flight, then close with 1001).
final class ShutdownSignal: Sendable {
    private let state = Mutex<(isFired: Bool, handlers: [@Sendable () -> Void])>((false, []))

    /// Runs `handler` on shutdown (at once if it already happened).
    func onShutdown(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.isFired { return true }
            state.handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    func fire() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            state.isFired = true
            defer { state.handlers = [] }
            return state.handlers
        }
        for handler in handlers { handler() }
    }
}

/// An HTTP/1 child channel that upgrades `GET /ws/chat` to a WebSocket.
///
/// Unlike `HTTP1WebSocketUpgradeChannel`, which answers every refused upgrade with an empty 400, a
/// refusal here is a plain HTTP response with the protocol's status and JSON error body
/// (401 `unauthorized`, 404 `session_not_found`, 503 `over_capacity`, 429 `rate_limited`).
struct GatewayChannel: ServerChildChannel, HTTPChannelHandler {
    enum UpgradeResult: Sendable {
        case websocket(ChatSocketIO, GatewaySocketHandler, Logger)
        case notUpgraded(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        case refused(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, AppError, Logger)
    }

    struct Value: ServerChildChannelValue {
        let upgradeResult: EventLoopFuture<UpgradeResult>
        let channel: any Channel
    }

    /// The outcome of one channel's upgrade decision, handed from `shouldUpgrade` to the pipeline setup.
    final class DecisionBox: Sendable {
        let value = Mutex<UpgradeDecision?>(nil)
    }

    let responder: HTTPChannelHandler.Responder
    let path: String
    let maxFrameSize: Int
    let decide: @Sendable (UpgradeRequest, Logger) async -> UpgradeDecision

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Each channel keeps its last receive buffer for reuse. NIO's default first size, 2 KiB,
            // would then be held by every idle socket; its frames (pongs) are tens of bytes. The
            // size still doubles after each full read, for upgrade requests and media.
            try channel.syncOptions?.setOption(
                ChannelOptions.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536))
            let box = DecisionBox()
            let path = self.path
            let decide = self.decide
            let maxFrameSize = self.maxFrameSize
            let remote = channel.remoteAddress?.ipAddress ?? "unknown"
            let upgrader = NIOTypedWebSocketServerUpgrader<UpgradeResult>(
                maxFrameSize: maxFrameSize,
                enableAutomaticErrorHandling: false,  // ProtocolErrorHandler below: error frame, then 1009
                shouldUpgrade: { channel, head in
                    let requestPath = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
                    guard requestPath == path, head.method == .GET else {
                        box.value.withLock { $0 = .refuse(AppError(.notFound, "no WebSocket at this path")) }
                        return channel.eventLoop.makeSucceededFuture(nil)
                    }
                    var fields = HTTPFields()
                    for header in head.headers {
                        if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
                    }
                    let request = UpgradeRequest(uri: head.uri, headers: fields, remoteAddress: remote,
                                                 host: head.headers.first(name: "host"))
                    let promise = channel.eventLoop.makePromise(of: HTTPHeaders?.self)
                    promise.completeWithTask {
                        let decision = await decide(request, logger)
                        box.value.withLock { $0 = decision }
                        if case .accept = decision { return HTTPHeaders() }
                        return nil
                    }
                    return promise.futureResult
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        guard case .accept(let handler) = box.value.withLock({ $0 }) else {
                            throw ChannelError.inappropriateOperationForState
                        }
                        let io = ChatSocketIO(channel: channel)
                        try channel.pipeline.syncOperations.addHandler(ProtocolErrorHandler(maxFrameBytes: maxFrameSize))
                        try channel.pipeline.syncOperations.addHandler(
                            ChatFrameHandler(io: io, maxMessageBytes: maxFrameSize, closeTimeout: .seconds(5)))
                        return UpgradeResult.websocket(io, handler, logger)
                    }
                })
            let serverUpgradeConfiguration = NIOTypedHTTPServerUpgradeConfiguration(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try channel.pipeline.syncOperations.addHandler(
                            HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
                        let asyncChannel = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                            wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                        if case .refuse(let error) = box.value.withLock({ $0 }) {
                            return UpgradeResult.refused(asyncChannel, error, logger)
                        }
                        return UpgradeResult.notUpgraded(asyncChannel)
                    }
                })
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration<UpgradeResult>(
                upgradeConfiguration: serverUpgradeConfiguration)
            configuration.enablePipelining = false
            configuration.enableErrorHandling = false
            configuration.enableResponseHeaderValidation = false
            let result = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
                configuration: configuration)
            return Value(upgradeResult: result, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgradeResult.get() {
            case .notUpgraded(let http1):
                await handleHTTP(asyncChannel: http1, logger: logger)
            case .refused(let http1, let error, _):
                await writeRefusal(error, on: http1)
            case .websocket(let io, let handler, let logger):
                // This task is the socket's only one: it runs the handler, then waits for the
                // close handshake (bounded by the frame handler's close timeout).
                let signal = ShutdownSignal()
                await withGracefulShutdownHandler {
                    await withTaskCancellationHandler {
                        await handler(io, GatewaySocketContext(logger: logger, shutdown: signal))
                        io.close(code: 1000, reason: "")  // ignored when a close already started
                        try? await io.channel.closeFuture.get()
                    } onCancel: {
                        io.channel.close(promise: nil)
                    }
                } onGracefulShutdown: {
                    signal.fire()
                }
            }
        } catch {
            logger.debug("socket ended", metadata: ["error": "\(error)"])
        }
    }

    /// protocol.md §1.1: refusals are plain HTTP with `{"error":{"code","message"}}`.
    private func writeRefusal(_ error: AppError, on channel: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>) async {
        let body = (try? JSONCoding.encode(error.body)).map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
        let head = HTTPResponse(status: .init(code: error.code.httpStatus), headerFields: [
            .connection: "close", .contentType: "application/json; charset=utf-8",
            .contentLength: "\(body.readableBytes)",
        ])
        try? await channel.executeThenClose { _, outbound in
            try await outbound.write(contentsOf: [.head(head), .body(body), .end(nil)])
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with the gateway's WebSocket upgrade at `path`.
    static func gateway(
        path: String, maxFrameSize: Int, decide: @escaping @Sendable (UpgradeRequest, Logger) async -> UpgradeDecision
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GatewayChannel(responder: responder, path: path, maxFrameSize: maxFrameSize, decide: decide)
        }
    }
}
