import MediaService
import Shared

await ProcessRunner.run(name: "media-service") { source in
    let config = try MediaConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
