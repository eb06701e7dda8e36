import Shared

/// The orchestrator's settings (see `env.example`).
public struct OrchestratorConfiguration: Sendable {
    public var common: CommonConfiguration
    /// `ORCHESTRATOR_HOST` / `ORCHESTRATOR_PORT` (default 9090).
    public var listen: ListenAddress

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 9090)) {
        self.common = common
        self.listen = listen
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "orchestrator", defaultPort: 9090)
    }
}
