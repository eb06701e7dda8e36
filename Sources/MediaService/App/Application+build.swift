import Hummingbird
import Logging
import Shared

/// Builds the media-service's HTTP server: speech and image routes, `/health`, `/ready`, `/metrics`.
/// - Parameters:
///   - speech: an engine to use instead of the configured one (tests share one set of loaded
///     decoders between many apps); `nil` makes the configured engine, which for `pocketsphinx`
///     generates the shopping model and loads the decoders here, once, before the server starts.
public func buildApplication(
    _ config: MediaConfiguration, speech: (any SpeechEngine)? = nil, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("media-service", level: .info)
) async throws -> some ApplicationProtocol {
    let engine: any SpeechEngine
    if let speech {
        engine = speech
    } else {
        engine = try await makeSpeechEngine(config.speech, logger: logger)
    }
    let router = makeServiceRouter(metrics: metrics) { [await engine.readinessProbe()] }
    TranscribeRoutes(engine: engine, limits: config.limits, queueTimeout: config.speech.queueTimeout).add(to: router)
    addImageRoutes(to: router, analyzer: config.image.makeAnalyzer(logger: logger))
    var app = Application(router: router, configuration: config.listen.applicationConfiguration(serverName: "media-service"),
                          logger: logger)
    // The same routes on a Unix socket (`MEDIA_SOCKET`), for workers on this machine.
    if let socket = config.listen.socketApplicationConfiguration(serverName: "media-service") {
        app.addServices(Application(router: router, configuration: socket, logger: logger))
    }
    return app
}

/// Makes the configured speech engine. For `pocketsphinx` this writes the shopping model into
/// `modelDirectory` (when it changed) and loads the decoders: seconds, once per process.
public func makeSpeechEngine(_ config: SpeechConfiguration, logger: Logger) async throws -> any SpeechEngine {
    switch config.engine {
    case .pocketsphinx:
        let clock = ContinuousClock()
        let start = clock.now
        // sphinx_lm_convert and the model files block for seconds: not on the cooperative pool.
        let engine = try await runOnDedicatedThread { () throws(any Error) -> PocketSphinxEngine in
            let files = try SpeechModelBuilder.prepare(in: config.modelDirectory, systemModelDirectory: config.systemModelDirectory)
            return try PocketSphinxEngine(files: files, decoderCount: config.decoderCount,
                                          fallbackConfidence: config.fallbackConfidence)
        }
        logger.info("speech engine loaded", metadata: [
            "engine": "pocketsphinx", "speech.decoders": "\(config.decoderCount)",
            "load_ms": "\((clock.now - start).milliseconds)",
        ])
        return engine
    case .openai:
        let client = ServiceHTTPClient(service: "transcription engine", baseURL: config.openAIBaseURL,
                                       timeout: config.openAITimeout, maxResponseBytes: 4 << 20, logger: logger)
        return OpenAITranscriptionEngine(client: client, model: config.openAIModel, apiKey: config.openAIAPIKey)
    }
}
