import Metrics
import Prometheus

/// The process's Prometheus registry. `main` bootstraps swift-metrics with it (once); `/metrics`
/// renders it. Tests pass a fresh, unbootstrapped registry.
public final class MetricsRegistry: Sendable {
    public let prometheus: PrometheusCollectorRegistry

    public init(prometheus: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.prometheus = prometheus
    }

    /// Makes the registry every swift-metrics metric in this process reports to. Call from `main` only.
    public static func bootstrap() -> MetricsRegistry {
        let registry = MetricsRegistry()
        var factory = PrometheusMetricsFactory(registry: registry.prometheus)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }

    /// The text exposition format (version 0.0.4).
    public func render() -> [UInt8] {
        prometheus.emitToBuffer()
    }
}
