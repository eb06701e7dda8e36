import Hummingbird
import Logging
import Shared

/// Builds the gateway: Redis first (stopped last), then the HTTP server.
public func buildApplication(
    _ config: GatewayConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("gateway", level: .info)
) async throws -> some ApplicationProtocol {
    let redis = RedisClient(configuration: config.common.redis, logger: logger)
    let router = makeServiceRouter(metrics: metrics) { [await redis.readinessProbe()] }
    router.get("/") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: GatewayPage.placeholder)))
    }
    var app = Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "gateway"),
                          logger: logger)
    app.addServices(redis)
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
