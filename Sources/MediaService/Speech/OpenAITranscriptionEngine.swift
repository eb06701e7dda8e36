import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Shared

/// Any OpenAI-compatible `POST /v1/audio/transcriptions` endpoint (OpenAI, Whisper servers): the
/// WAV file as a multipart upload, `verbose_json` answers so the segments' log-probabilities give
/// a confidence. Timeouts, retries and the circuit breaker come from `ServiceHTTPClient`.
public final class OpenAITranscriptionEngine: SpeechEngine {
    public let name = "openai"
    private let client: ServiceHTTPClient
    private let model: String
    private let apiKey: String?

    public init(client: ServiceHTTPClient, model: String, apiKey: String?) {
        self.client = client
        self.model = model
        self.apiKey = apiKey
    }

    /// The answer's fields this engine reads; everything else is ignored.
    struct Answer: Decodable {
        struct Segment: Decodable {
            var avgLogprob: Double?
            var noSpeechProb: Double?
            enum CodingKeys: String, CodingKey {
                case avgLogprob = "avg_logprob"
                case noSpeechProb = "no_speech_prob"
            }
        }

        var text: String
        var duration: Double?
        var segments: [Segment]?
    }

    public func transcribe(_ audio: WAVFile, deadline: ContinuousClock.Instant) async throws(SpeechEngineError) -> SpeechResult {
        let boundary = "media-service-\(UUID().uuidString)"
        var form = MultipartForm(boundary: boundary)
        form.addField("model", model)
        form.addField("response_format", "verbose_json")
        form.addFile("file", filename: "audio.wav", contentType: "audio/wav", bytes: audio.encodedBytes())
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey)")) }

        let clock = ContinuousClock()
        let start = clock.now
        let response: ServiceResponse
        do {
            // Transcribing the same file twice is harmless, so a failed attempt may be retried.
            response = try await client.send(.POST, "/v1/audio/transcriptions", body: form.bytes,
                                             contentType: "multipart/form-data; boundary=\(boundary)",
                                             headers: headers, isIdempotent: true)
        } catch {
            if case .timeout = error { throw .timeout(error.description) }
            throw .failed(error.description)
        }
        let elapsed = clock.now - start
        guard (200..<300).contains(response.status) else {
            throw .failed("transcription endpoint answered HTTP \(response.status)")
        }
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: Data(response.body.readableBytesView))
        } catch {
            throw .failed("transcription endpoint answered malformed JSON")
        }
        // Whisper's avg_logprob is per token; exp of it is the mean token probability. Without
        // segments there is no evidence either way and the confidence says so with 0.
        let segments = answer.segments ?? []
        let probabilities = segments.compactMap { segment -> Double? in
            guard let logprob = segment.avgLogprob, logprob.isFinite else { return nil }
            return exp(min(0, logprob)) * (1 - min(1, max(0, segment.noSpeechProb ?? 0)))
        }
        let confidence = probabilities.isEmpty ? 0 : probabilities.reduce(0, +) / Double(probabilities.count)
        let words = answer.text.lowercased()
            .split(whereSeparator: { $0.isWhitespace })
            .map { $0.trimmingCharacters(in: CharacterSet.punctuationCharacters.subtracting(["'", "-", "$", "%"])) }
            .filter { !$0.isEmpty }
        let text = NumberWords.digitize(words).joined(separator: " ")
        return SpeechResult(
            transcript: TranscriptData(text: text, confidence: (confidence * 1000).rounded() / 1000,
                                       durationMilliseconds: audio.durationMilliseconds, engine: name),
            decodeMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            passes: name)
    }

    public func readinessProbe() async -> ReadinessProbe {
        ReadinessProbe(name: "speech", isReady: true, detail: "openai-compatible endpoint \(client.baseURL)")
    }
}

/// A `multipart/form-data` body (RFC 7578).
struct MultipartForm {
    let boundary: String
    private(set) var bytes: [UInt8] = []

    init(boundary: String) { self.boundary = boundary }

    mutating func addField(_ name: String, _ value: String) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    mutating func addFile(_ name: String, filename: String, contentType: String, bytes file: [UInt8]) {
        bytes += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
            + "Content-Type: \(contentType)\r\n\r\n").utf8)
        bytes += file
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
    }
}
