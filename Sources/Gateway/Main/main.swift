import Gateway
import Shared

await ProcessRunner.run(name: "gateway") { source in
    let config = try GatewayConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
