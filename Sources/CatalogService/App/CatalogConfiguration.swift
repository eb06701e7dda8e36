import Shared

/// The catalog-service's settings (see `env.example`).
public struct CatalogConfiguration: Sendable {
    public var common: CommonConfiguration
    /// `CATALOG_HOST` / `CATALOG_PORT` (default 8081).
    public var listen: ListenAddress

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 8081)) {
        self.common = common
        self.listen = listen
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "catalog", defaultPort: 8081)
    }
}
