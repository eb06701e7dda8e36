import Shared

/// The media-service's settings (see `env.example`). Tests build the struct directly.
public struct MediaConfiguration: Sendable {
    public var common: CommonConfiguration
    /// `MEDIA_HOST` / `MEDIA_PORT` (default 8082).
    public var listen: ListenAddress
    /// Upload limits, checked before decoding.
    public var limits: MediaLimits
    public var speech: SpeechConfiguration

    /// Image limits, engine and vision endpoint: `MEDIA_IMAGE_*`, `MEDIA_VISION_*`.
    public var image = ImageSettings()

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 8082),
                limits: MediaLimits = .init(), speech: SpeechConfiguration = .init()) {
        self.common = common
        self.listen = listen
        self.limits = limits
        self.speech = speech
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "media", defaultPort: 8082, readsSocket: true)
        limits = try MediaLimits(from: source)
        speech = try SpeechConfiguration(from: source)
        image = try ImageSettings(from: source)
    }
}

/// What uploads the service accepts, checked from the request and the file header before any
/// decoding, so an oversized or bomb file is refused cheaply.
public struct MediaLimits: Sendable, Equatable {
    /// `MEDIA_AUDIO_MAX_BYTES` (default 10 MiB, 1 KiB–200 MiB).
    public var audioMaxBytes: Int
    /// `MEDIA_AUDIO_MAX_SECONDS` (default 60, 1–600): the longest recording, from the WAV header.
    public var audioMaxSeconds: Double
    // Image limits are `ImageSettings`' (`MEDIA_IMAGE_MAX_BYTES`, `MEDIA_IMAGE_MAX_PIXELS`).

    public init(audioMaxBytes: Int = 10 << 20, audioMaxSeconds: Double = 60) {
        self.audioMaxBytes = audioMaxBytes
        self.audioMaxSeconds = audioMaxSeconds
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        audioMaxBytes = try source.int("media.audio.max.bytes", default: 10 << 20, in: 1024...(200 << 20))
        audioMaxSeconds = try source.double("media.audio.max.seconds", default: 60, in: 1...600)
    }
}

/// Speech-to-text settings.
public struct SpeechConfiguration: Sendable, Equatable {
    public enum Engine: String, Sendable, CaseIterable {
        case pocketsphinx
        case openai
    }

    /// `MEDIA_SPEECH_ENGINE`: pocketsphinx (default, offline) | openai.
    public var engine: Engine
    /// `MEDIA_SPEECH_DECODERS` (default 2, 1–32): decoders loaded at start, each with its own thread.
    public var decoderCount: Int
    /// `MEDIA_SPEECH_QUEUE_TIMEOUT_S` (default 10, 0.1–120): how long a request waits for a decoder.
    public var queueTimeout: Duration
    /// `MEDIA_SPEECH_MODEL_DIR` (default `run/speech-model`): where the generated shopping model and
    /// dictionary are written at start.
    public var modelDirectory: String
    /// `MEDIA_SPEECH_SYSTEM_MODEL_DIR` (default `/usr/share/pocketsphinx/model/en-us`).
    public var systemModelDirectory: String
    /// `MEDIA_SPEECH_FALLBACK_CONFIDENCE` (default 0.85, 0–1): below this mean word posterior
    /// of the shopping pass, the general model decodes the recording again.
    public var fallbackConfidence: Double
    /// `MEDIA_OPENAI_BASE_URL` (default https://api.openai.com): an OpenAI-compatible server.
    public var openAIBaseURL: String
    /// `MEDIA_OPENAI_MODEL` (default whisper-1).
    public var openAIModel: String
    /// `MEDIA_OPENAI_API_KEY` (secret; optional for local servers).
    public var openAIAPIKey: String?
    /// `MEDIA_OPENAI_TIMEOUT_S` (default 30, 0.1–300): per attempt.
    public var openAITimeout: Duration

    public init(engine: Engine = .pocketsphinx, decoderCount: Int = 2, queueTimeout: Duration = .seconds(10),
                modelDirectory: String = "run/speech-model",
                systemModelDirectory: String = SpeechModelBuilder.systemModelDirectory,
                fallbackConfidence: Double = 0.85, openAIBaseURL: String = "https://api.openai.com",
                openAIModel: String = "whisper-1", openAIAPIKey: String? = nil, openAITimeout: Duration = .seconds(30)) {
        self.engine = engine
        self.decoderCount = decoderCount
        self.queueTimeout = queueTimeout
        self.modelDirectory = modelDirectory
        self.systemModelDirectory = systemModelDirectory
        self.fallbackConfidence = fallbackConfidence
        self.openAIBaseURL = openAIBaseURL
        self.openAIModel = openAIModel
        self.openAIAPIKey = openAIAPIKey
        self.openAITimeout = openAITimeout
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        engine = try source.choice("media.speech.engine", default: Engine.pocketsphinx)
        decoderCount = try source.int("media.speech.decoders", default: 2, in: 1...32)
        queueTimeout = try source.seconds("media.speech.queue.timeout.s", default: .seconds(10), in: 0.1...120)
        modelDirectory = source.string("media.speech.model.dir", default: "run/speech-model")
        systemModelDirectory = source.string("media.speech.system.model.dir", default: SpeechModelBuilder.systemModelDirectory)
        fallbackConfidence = try source.double("media.speech.fallback.confidence", default: 0.85, in: 0...1)
        openAIBaseURL = try source.httpURL("media.openai.base.url", default: "https://api.openai.com")
        openAIModel = source.string("media.openai.model", default: "whisper-1")
        openAIAPIKey = source.optionalString("media.openai.api.key", isSecret: true)
        openAITimeout = try source.seconds("media.openai.timeout.s", default: .seconds(30), in: 0.1...300)
    }
}
