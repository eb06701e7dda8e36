import Hummingbird
import Logging
import Shared

/// Builds the orchestrator: Redis first (stopped last), then its operational HTTP server.
public func buildApplication(
    _ config: OrchestratorConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("orchestrator", level: .info)
) async throws -> some ApplicationProtocol {
    let redis = RedisClient(configuration: config.common.redis, logger: logger)
    let router = makeServiceRouter(metrics: metrics) { [await redis.readinessProbe()] }
    var app = Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "orchestrator"),
                          logger: logger)
    app.addServices(redis)
    return app
}
