import Hummingbird
import Logging
import Shared
import Understanding

/// Builds the orchestrator: Redis first (stopped last), the worker pool that runs the
/// conversation graph, and an HTTP server for `/health`, `/ready` and `/metrics`.
public func buildApplication(
    _ config: OrchestratorConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("orchestrator", level: .info)
) async throws -> some ApplicationProtocol {
    let redis = RedisClient(configuration: config.common.redis, logger: logger)
    let pool = try makeWorkerPool(config, redis: redis, logger: logger)
    let router = makeServiceRouter(metrics: metrics) { [await redis.readinessProbe()] }
    var app = Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "orchestrator"),
                          logger: logger)
    app.addServices(redis, pool)
    return app
}

/// The worker pool with the production conversation: the configured understanding engine (its
/// vocabulary from the catalog service), the catalog and media clients, Redis checkpoints.
public func makeWorkerPool(_ config: OrchestratorConfiguration, redis: RedisClient, logger: Logger) throws -> WorkerPool {
    let vocabulary = UnderstandingEngineFactory.makeVocabularyProvider(
        catalogBaseURL: config.catalogURL, configuration: config.understanding, logger: logger)
    let engine = try UnderstandingEngineFactory.makeEngine(config.understanding, vocabulary: vocabulary, logger: logger)
    let services = ConversationServices(
        engine: engine,
        // A turn makes one call at a time, so a connection per turn slot is never closed for want of room.
        catalog: CatalogClient(http: ServiceHTTPClient(service: "catalog-service", baseURL: config.catalogURL,
                                                       timeout: config.serviceTimeout, breaker: config.serviceBreaker,
                                                       maxIdleConnections: config.worker.concurrency, logger: logger)),
        media: MediaClient(http: ServiceHTTPClient(service: "media-service", baseURL: config.mediaURL,
                                                   timeout: config.serviceTimeout, breaker: config.serviceBreaker,
                                                   maxIdleConnections: config.worker.concurrency, logger: logger)),
        mediaStore: MediaStore(redis: redis), maxClarifications: config.maxClarifications,
        resultLimit: config.resultLimit)
    let graph = try ConversationGraph.make(
        services, checkpointer: RedisCheckpointer(redis: redis, ttlSeconds: config.common.sessionTTLSeconds))
    return WorkerPool(settings: config.worker, redis: redis, runner: ConversationRunner(graph: graph, engineRunsInProcess: services.engineRunsInProcess,
                                                                               eventLinger: config.eventLinger),
                      workerID: config.common.instanceID, sessionTTLSeconds: config.common.sessionTTLSeconds,
                      logger: logger)
}
