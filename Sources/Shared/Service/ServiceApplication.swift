import Hummingbird
import Logging
import ServiceLifecycle

extension ListenAddress {
    /// The Hummingbird configuration for this address, named after the process.
    public func applicationConfiguration(serverName: String) -> ApplicationConfiguration {
        ApplicationConfiguration(address: .hostname(host, port: port), serverName: serverName)
    }

    /// The configuration for the Unix socket listener, when `socketPath` names one. A socket file
    /// left by an earlier run is replaced.
    public func socketApplicationConfiguration(serverName: String) -> ApplicationConfiguration? {
        socketPath.map { ApplicationConfiguration(address: .unixDomainSocket(path: $0), serverName: serverName) }
    }
}

/// A router with the project's JSON error middleware and the operational routes every process has.
public func makeServiceRouter(
    metrics: MetricsRegistry, readiness: @escaping @Sendable () async -> [ReadinessProbe]
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: JSONErrorMiddleware())
    router.addOperationalRoutes(metrics: metrics, readiness: readiness)
    return router
}
