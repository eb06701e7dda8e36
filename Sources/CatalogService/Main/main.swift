import CatalogService
import Shared

await ProcessRunner.run(name: "catalog-service") { source in
    let config = try CatalogConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
