import Shared

/// What a speech engine returns for one recording: the protocol's `transcript` fields plus the
/// time spent decoding.
public struct SpeechResult: Sendable, Equatable {
    public var transcript: TranscriptData
    /// Time spent in the engine (decoder passes or the remote call), in milliseconds.
    public var decodeMilliseconds: Int
    /// Which passes ran: `domain`, `domain+general`, or the remote engine's name.
    public var passes: String
}

/// Why an engine could not transcribe a valid recording. Mapped to HTTP once, in the routes.
public enum SpeechEngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All decoders stayed busy until the request's deadline (503, retryable).
    case busy
    /// The remote engine did not answer in time (504).
    case timeout(String)
    /// The engine failed or answered nonsense (503); the reason goes to logs only.
    case failed(String)

    public var description: String {
        switch self {
        case .busy: "all decoders are busy"
        case .timeout(let reason): "engine timed out: \(reason)"
        case .failed(let reason): "engine failed: \(reason)"
        }
    }
}

/// A speech-to-text engine, chosen by `MEDIA_SPEECH_ENGINE`.
public protocol SpeechEngine: Sendable {
    /// `pocketsphinx` or `openai`: the `engine` field of the answer.
    var name: String { get }
    /// Transcribes a validated WAV recording.
    func transcribe(_ audio: WAVFile, deadline: ContinuousClock.Instant) async throws(SpeechEngineError) -> SpeechResult
    /// The engine's `/ready` probe.
    func readinessProbe() async -> ReadinessProbe
}
