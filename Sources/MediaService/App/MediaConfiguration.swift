import Shared

/// The media-service's settings (see `env.example`).
public struct MediaConfiguration: Sendable {
    public var common: CommonConfiguration
    /// `MEDIA_HOST` / `MEDIA_PORT` (default 8082).
    public var listen: ListenAddress

    // MARK: Images (issue 8, image part)
    /// Image limits, engine and vision endpoint: `MEDIA_IMAGE_*`, `MEDIA_VISION_*`.
    public var image = ImageSettings()
    // MARK: -

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 8082)) {
        self.common = common
        self.listen = listen
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "media", defaultPort: 8082)
        image = try ImageSettings(from: source)  // images
    }
}
