import Orchestrator
import Shared

await ProcessRunner.run(name: "orchestrator") { source in
    let config = try OrchestratorConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
