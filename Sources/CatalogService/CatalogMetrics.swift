import Prometheus
import Shared

/// The catalog-service's own metrics, registered once in the process registry.
public struct CatalogMetrics: Sendable {
    public let searchDuration: DurationHistogram
    public let sourceFailures: Counter
    public let importedRows: Counter
    public let skippedRows: Counter
    public let imports: Counter

    public init(registry: MetricsRegistry) {
        let prometheus = registry.prometheus
        searchDuration = prometheus.makeDurationHistogram(
            descriptor: MetricNameDescriptor(metricName: "catalog_search_duration", unitName: "seconds",
                                             helpText: "time to answer POST /v1/search, all sources"),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                      .seconds(1), .seconds(2), .seconds(5)])
        sourceFailures = prometheus.makeCounter(descriptor: MetricNameDescriptor(
            metricName: "catalog_source_failures", unitName: "total", helpText: "marketplace sources that failed or timed out"))
        importedRows = prometheus.makeCounter(descriptor: MetricNameDescriptor(
            metricName: "catalog_import_rows_imported", unitName: "total", helpText: "rows written by imports"))
        skippedRows = prometheus.makeCounter(descriptor: MetricNameDescriptor(
            metricName: "catalog_import_rows_skipped", unitName: "total", helpText: "rows imports skipped as invalid"))
        imports = prometheus.makeCounter(descriptor: MetricNameDescriptor(
            metricName: "catalog_imports", unitName: "total", helpText: "finished imports"))
    }

    func record(_ report: ImportReport) {
        imports.increment()
        importedRows.increment(by: Int64(report.imported))
        skippedRows.increment(by: Int64(report.skipped))
    }
}
