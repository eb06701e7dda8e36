import Shared
import Understanding

/// The orchestrator's settings (see `env.example`).
public struct OrchestratorConfiguration: Sendable {
    public var common: CommonConfiguration
    /// `ORCHESTRATOR_HOST` / `ORCHESTRATOR_PORT` (default 9090): health, readiness and metrics only.
    public var listen: ListenAddress
    /// Concurrency, partitions, leases, claiming, dead letters, timeouts.
    public var worker: WorkerSettings
    /// `CATALOG_SERVICE_URL` (default http://127.0.0.1:8081).
    public var catalogURL: String
    /// `MEDIA_SERVICE_URL` (default http://127.0.0.1:8082).
    public var mediaURL: String
    /// `SERVICE_TIMEOUT_S`: per-attempt deadline of a call to the catalog or media service.
    public var serviceTimeout: Duration
    /// `SERVICE_BREAKER_FAILURES` (default 5) failed calls in a row open a service's circuit;
    /// `SERVICE_BREAKER_OPEN_S` (default 1) is how long its calls then fail fast before one probe.
    /// One probe a second costs a down service nothing, and a service back after a one-second
    /// restart is used again a second later, not five (docs/performance.md, round 10).
    public var serviceBreaker: CircuitBreakerPolicy
    /// `MAX_CLARIFICATIONS` per session (default 2).
    public var maxClarifications: Int
    /// `RESULT_LIMIT`: products shown per search (default 8).
    public var resultLimit: Int
    /// `EVENT_LINGER_S` (default 0.04): the longest a turn's event waits to share a write with
    /// later ones; zero writes before every node that may take a while.
    public var eventLinger: Duration
    /// `LLM_ENGINE` and the engines' settings.
    public var understanding: UnderstandingConfiguration

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 9090),
                worker: WorkerSettings = .init(), catalogURL: String = "http://127.0.0.1:8081",
                mediaURL: String = "http://127.0.0.1:8082", serviceTimeout: Duration = .seconds(10),
                serviceBreaker: CircuitBreakerPolicy = CircuitBreakerPolicy(openDuration: .seconds(1)), maxClarifications: Int = 2, resultLimit: Int = 8, eventLinger: Duration = .milliseconds(40),
                understanding: UnderstandingConfiguration = UnderstandingConfiguration()) {
        self.common = common
        self.listen = listen
        self.worker = worker
        self.catalogURL = catalogURL
        self.mediaURL = mediaURL
        self.serviceTimeout = serviceTimeout
        self.serviceBreaker = serviceBreaker
        self.maxClarifications = maxClarifications
        self.resultLimit = resultLimit
        self.eventLinger = eventLinger
        self.understanding = understanding
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        // Each default is the memberwise initialisers' (this type's and `WorkerSettings`'), named once.
        let defaults = OrchestratorConfiguration()
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "orchestrator", defaultPort: defaults.listen.port)
        worker = WorkerSettings(
            concurrency: try source.int("orchestrator.concurrency", default: defaults.worker.concurrency, in: 1...1024),
            partitions: try source.int("turn.partitions", default: defaults.worker.partitions, in: 1...1024),
            leaseDuration: try source.seconds("session.lease.s", default: defaults.worker.leaseDuration, in: 0.2...300),
            claimIdle: try source.seconds("claim.idle.s", default: defaults.worker.claimIdle, in: 0.3...600),
            maxDeliveries: try source.int("max.deliveries", default: defaults.worker.maxDeliveries, in: 1...100),
            turnTimeout: try source.seconds("turn.timeout.s", default: defaults.worker.turnTimeout, in: 1...3600),
            historyLimit: try source.int("event.history.max", default: defaults.worker.historyLimit, in: 10...1_000_000))
        guard worker.claimIdle > worker.leaseDuration else {
            throw source.invalid("claim.idle.s", source.raw("claim.idle.s"), "more than SESSION_LEASE_S, so a live lease is never raced")
        }
        catalogURL = try source.httpURL("catalog.service.url", default: defaults.catalogURL, allowsUnixSocket: true)
        mediaURL = try source.httpURL("media.service.url", default: defaults.mediaURL, allowsUnixSocket: true)
        serviceTimeout = try source.seconds("service.timeout.s", default: defaults.serviceTimeout, in: 0.1...300)
        serviceBreaker = CircuitBreakerPolicy(
            failureThreshold: try source.int("service.breaker.failures", default: defaults.serviceBreaker.failureThreshold,
                                             in: 1...1000),
            openDuration: try source.seconds("service.breaker.open.s", default: defaults.serviceBreaker.openDuration,
                                             in: 0.1...600))
        maxClarifications = try source.int("max.clarifications", default: defaults.maxClarifications, in: 0...10)
        resultLimit = try source.int("result.limit", default: defaults.resultLimit, in: 1...50)
        eventLinger = try source.seconds("event.linger.s", default: defaults.eventLinger, in: 0...1)
        understanding = try UnderstandingConfiguration(from: source)
    }
}
