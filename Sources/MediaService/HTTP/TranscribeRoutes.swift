import Foundation
import Hummingbird
import Logging
import Metrics
import Shared

/// The answer of `POST /v1/transcribe`: the protocol's `transcript` fields plus timings.
struct TranscribeResponse: Encodable {
    struct Timings: Encodable {
        var decodeMilliseconds: Int
        var totalMilliseconds: Int
        enum CodingKeys: String, CodingKey {
            case decodeMilliseconds = "decode_ms"
            case totalMilliseconds = "total_ms"
        }
    }

    var transcript: TranscriptData
    var timings: Timings

    enum CodingKeys: String, CodingKey {
        case text, confidence
        case durationMilliseconds = "duration_ms"
        case engine, timings
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transcript.text, forKey: .text)
        try container.encode(transcript.confidence, forKey: .confidence)
        try container.encode(transcript.durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(transcript.engine, forKey: .engine)
        try container.encode(timings, forKey: .timings)
    }
}

/// `POST /v1/transcribe`: the raw WAV file as the body.
struct TranscribeRoutes: Sendable {
    /// `audio/wav` and the aliases browsers and recorders send.
    static let acceptedTypes: Set<String> = ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/x-pn-wav"]

    let engine: any SpeechEngine
    let limits: MediaLimits
    let queueTimeout: Duration

    func add(to router: Router<BasicRequestContext>) {
        router.post("/v1/transcribe") { request, context in
            try await self.transcribe(request, logger: context.logger)
        }
    }

    func transcribe(_ request: Request, logger: Logger) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = Counter(label: "media_transcriptions_total", dimensions: [("engine", engine.name)])
        guard let type = MediaUpload.mediaType(of: request), Self.acceptedTypes.contains(type) else {
            Counter(label: "media_transcription_refusals_total", dimensions: [("reason", "unsupported_type")]).increment()
            throw AppError(.unsupportedMediaType, "Send the audio as audio/wav (PCM, 16-bit, 8–48 kHz, mono or stereo).")
        }
        let bytes = try await MediaUpload.body(of: request, maxBytes: limits.audioMaxBytes, kind: "audio file")
        let audio: WAVFile
        do {
            audio = try WAVFile(bytes: bytes, maxDurationSeconds: limits.audioMaxSeconds)
        } catch {
            Counter(label: "media_transcription_refusals_total", dimensions: [("reason", "invalid_audio")]).increment()
            logger.debug("audio refused", metadata: ["audio.bytes": "\(bytes.count)", "reason": "\(error)"])
            switch error {
            case .invalid(let reason): throw AppError(.mediaInvalid, "The audio file is invalid: \(reason).")
            case .unsupportedFormat(let reason): throw AppError(.unsupportedMediaType, "The audio format is not supported: \(reason).")
            case .tooLarge(let reason): throw AppError(.payloadTooLarge, "The audio file is too long: \(reason).")
            }
        }
        let result: SpeechResult
        do {
            result = try await engine.transcribe(audio, deadline: start + queueTimeout)
        } catch {
            logger.warning("transcription failed", metadata: ["engine": "\(engine.name)", "error": "\(error)"])
            switch error {
            case .busy: throw AppError(.unavailable, "All speech decoders are busy; try again shortly.")
            case .timeout(let detail): throw AppError(.timeout, "The speech engine took too long to answer.", detail: detail)
            case .failed(let detail): throw AppError(.serviceUnavailable, "The speech engine is unavailable right now.", detail: detail)
            }
        }
        let total = clock.now - start
        outcome.increment()
        Timer(label: "media_transcribe_duration_seconds", dimensions: [("engine", engine.name)])
            .recordNanoseconds(Int64(total.milliseconds) * 1_000_000)
        logger.debug("audio transcribed", metadata: [
            "audio.duration_ms": "\(audio.durationMilliseconds)", "speech.passes": "\(result.passes)",
            "speech.decode_ms": "\(result.decodeMilliseconds)",
        ])
        return Response.json(TranscribeResponse(
            transcript: result.transcript,
            timings: .init(decodeMilliseconds: result.decodeMilliseconds, totalMilliseconds: total.milliseconds)))
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
