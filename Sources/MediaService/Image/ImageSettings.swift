import Logging
import Shared

/// The media-service's image settings (see `env.example`, section media-service images).
public struct ImageSettings: Sendable, Equatable {
    /// `MEDIA_IMAGE_ENGINE`: `pixels` (default, offline) or `vision`.
    public var engine: ImageEngineKind
    /// `MEDIA_IMAGE_MAX_BYTES` (1 KiB–100 MiB, default 20 MiB) and `MEDIA_IMAGE_MAX_PIXELS`
    /// (1–200 M, default 50 M), checked from the header before decoding.
    public var limits: ImageLimits
    /// `MEDIA_VISION_BASE_URL` (default `https://api.openai.com/v1`), `MEDIA_VISION_MODEL`
    /// (default `gpt-4o-mini`), `MEDIA_VISION_API_KEY` (secret, optional), `MEDIA_VISION_TIMEOUT_S`
    /// (0.5–120, default 15). Read only when the engine is `vision`.
    public var vision: VisionSettings?

    public init(engine: ImageEngineKind = .pixels, limits: ImageLimits = ImageLimits(), vision: VisionSettings? = nil) {
        self.engine = engine
        self.limits = limits
        self.vision = vision
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        engine = try source.choice("media.image.engine", default: ImageEngineKind.pixels)
        limits = ImageLimits(
            maxBytes: try source.int("media.image.max_bytes", default: 20 << 20, in: 1024...(100 << 20)),
            maxPixels: try source.int("media.image.max_pixels", default: 50_000_000, in: 1...200_000_000))
        if engine == .vision {
            vision = VisionSettings(
                baseURL: try source.httpURL("media.vision.base_url", default: "https://api.openai.com/v1"),
                model: source.string("media.vision.model", default: "gpt-4o-mini"),
                apiKey: source.optionalString("media.vision.api_key", isSecret: true),
                timeout: try source.seconds("media.vision.timeout_s", default: .seconds(15), in: 0.5...120))
        }
    }

    /// The analyser these settings describe.
    public func makeAnalyzer(logger: Logger) -> ImageAnalyzer {
        let describer: (any ImageDescribing)? = switch engine {
        case .pixels: nil
        case .vision: vision.map { VisionEngine(settings: $0, logger: logger) }
        }
        return ImageAnalyzer(limits: limits, describer: describer, logger: logger)
    }
}
