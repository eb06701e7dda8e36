import Hummingbird
import Logging
import Shared

/// Builds the media-service's HTTP server.
public func buildApplication(
    _ config: MediaConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("media-service", level: .info)
) async throws -> some ApplicationProtocol {
    let router = makeServiceRouter(metrics: metrics) { [ReadinessProbe(name: "process", isReady: true)] }
    addImageRoutes(to: router, analyzer: config.image.makeAnalyzer(logger: logger))
    return Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "media-service"),
                       logger: logger)
}
