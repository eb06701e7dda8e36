import Hummingbird
import Logging
import NIOPosix
import ServiceLifecycle
import Shared

/// Builds the gateway: Redis first (stopped last), then its pub/sub subscribers and the connection
/// manager, then the HTTP + WebSocket server (stopped first: it stops accepting, then each socket
/// answers its in-flight frame and closes with 1001).
public func buildApplication(
    _ config: GatewayConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("gateway", level: .info),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let redis = RedisClient(configuration: config.common.redis, logger: logger)
    // One subscriber per event loop: each reads the live messages of the sockets on its loop.
    let subscribers = RedisSubscribers(MultiThreadedEventLoopGroup.singleton.makeIterator().map { redis.makeSubscriber(on: $0) })
    let sessions = SessionStore(redis: redis, ttlSeconds: config.common.sessionTTLSeconds)
    let manager = ConnectionManager(config: config, subscribers: subscribers.all, sessions: sessions, logger: logger)
    let origins = OriginPolicy(allowed: config.allowedOrigins)
    let services = GatewayServices(
        config: config, redis: redis,
        sessions: sessions,
        turns: TurnQueue(redis: redis, partitions: config.turnPartitions, sessionTTLSeconds: config.common.sessionTTLSeconds),
        media: MediaStore(redis: redis, maxBytes: config.mediaMaxBytes),
        manager: manager, authenticator: Authenticator(mode: config.authMode, secret: config.jwtSecret),
        origins: origins, metrics: GatewayMetrics())
    let socket = ChatSocket(services: services)

    let router = makeServiceRouter(metrics: metrics) { [await redis.readinessProbe()] }
    router.add(middleware: CORSMiddleware(policy: origins))
    GatewayRoutes(services: services, socket: socket).add(to: router)

    var app = Application(
        router: router,
        server: .gateway(path: "/ws/chat", maxFrameSize: config.maxFrameBytes) { request, logger in
            await socket.decide(request, logger: logger)
        },
        configuration: config.listen.applicationConfiguration(serverName: "gateway"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
    app.addServices(redis, subscribers, manager)
    app.beforeServerStarts {
        // Doorbells rung before any worker runs must not be lost: the group exists from the start.
        do {
            try await services.turns.createConsumerGroups()
        } catch {
            logger.warning("consumer groups not created", metadata: ["error": "\(error)"])
        }
        // The enqueue script loaded before the first message, so that message already takes the
        // event loop's fast path (and a burst of first messages does not send a SCRIPT LOAD each).
        // Unreachable Redis is not fatal here: the first enqueue loads it then.
        do {
            _ = try await TurnQueue.enqueueScript.sha(on: redis)
        } catch {
            logger.warning("enqueue script not loaded", metadata: ["error": "\(error)"])
        }
    }
    return app
}

/// The `GET /` page until the web chat page lands.
enum GatewayPage {
    static let placeholder = """
        <!doctype html><html><head><meta charset="utf-8"><title>Product search</title></head>
        <body><h1>Conversational product search</h1>
        <p>Connect a WebSocket client to <code>/ws/chat</code>, or run <code>swift run chat</code>.</p>
        </body></html>
        """
}
