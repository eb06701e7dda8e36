import Hummingbird
import Logging
import Shared

/// Builds the catalog-service's HTTP server.
public func buildApplication(
    _ config: CatalogConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("catalog-service", level: .info)
) async throws -> some ApplicationProtocol {
    let router = makeServiceRouter(metrics: metrics) { [ReadinessProbe(name: "process", isReady: true)] }
    return Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "catalog-service"),
                       logger: logger)
}
