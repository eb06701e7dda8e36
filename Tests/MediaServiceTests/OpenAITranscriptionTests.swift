import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MediaService
import NIOCore
import Shared
import Synchronization
import Testing

/// The `openai` engine against a local double of `/v1/audio/transcriptions` that reads the real
/// multipart upload and answers in the real `verbose_json` shape, or misbehaves on purpose.
@Suite(.timeLimit(.minutes(2)))
struct OpenAITranscriptionTests {
    enum Behaviour: String { case ok, slow, malformed, failing, noSegments }

    /// What the double received, for the assertions.
    final class Received: Sendable {
        let uploads = Mutex<[(model: String?, format: String?, fileStart: [UInt8], authorization: String?)]>([])
    }

    func makeDouble(_ behaviour: Behaviour, received: Received) -> some ApplicationProtocol {
        let router = Router()
        router.post("/v1/audio/transcriptions") { request, _ -> Response in
            let type = request.headers[.contentType] ?? ""
            guard let boundary = type.split(separator: "boundary=").last.map(String.init), type.hasPrefix("multipart/form-data") else {
                return Response(status: .badRequest)
            }
            let body = try await request.body.collect(upTo: 10 << 20)
            let parts = MultipartParts(body: Array(body.readableBytesView), boundary: boundary)
            received.uploads.withLock {
                $0.append((parts["model"].map { String(decoding: $0, as: UTF8.self) },
                           parts["response_format"].map { String(decoding: $0, as: UTF8.self) },
                           Array((parts["file"] ?? []).prefix(4)), request.headers[.authorization]))
            }
            let json: String
            switch behaviour {
            case .ok:
                json = #"{"task":"transcribe","language":"english","duration":1.5,"text":" Show me two hundred dollar sneakers.","segments":[{"id":0,"avg_logprob":-0.2,"no_speech_prob":0.01,"text":" Show me two hundred dollar sneakers."}]}"#
            case .noSegments:
                json = #"{"text":"red shoes"}"#
            case .slow:
                try await Task.sleep(for: .seconds(3))  // the double plays a server slower than the client's timeout
                json = #"{"text":"late"}"#
            case .malformed:
                json = #"{"txt": 42"#
            case .failing:
                return Response(status: .internalServerError)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    func transcribe(_ behaviour: Behaviour) async throws -> (Result<SpeechResult, SpeechEngineError>, Received) {
        let received = Received()
        let audio = try WAVFile(bytes: WAVBuilder().build(samples: [Int16](repeating: 0, count: 8_000)), maxDurationSeconds: 60)
        let result = try await makeDouble(behaviour, received: received).test(.live) { client in
            let port = try #require(client.port)
            let http = ServiceHTTPClient(service: "transcription engine", baseURL: "http://127.0.0.1:\(port)",
                                         timeout: .milliseconds(500), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)),
                                         logger: .init(label: "test"))
            let engine = OpenAITranscriptionEngine(client: http, model: "whisper-test", apiKey: "sk-test")
            do {
                return Result<SpeechResult, SpeechEngineError>.success(try await engine.transcribe(audio, deadline: .now + .seconds(5)))
            } catch let error as SpeechEngineError {
                return .failure(error)
            }
        }
        return (result, received)
    }

    @Test func multipartUploadIsSentAndTheAnswerNormalised() async throws {
        let (result, received) = try await transcribe(.ok)
        let answer = try result.get()
        #expect(answer.transcript.text == "show me 200 dollar sneakers")
        #expect(answer.transcript.engine == "openai")
        #expect(abs(answer.transcript.confidence - 0.811) < 0.002)
        #expect(answer.transcript.durationMilliseconds == 500)
        let upload = try #require(received.uploads.withLock { $0.first })
        #expect(upload.model == "whisper-test")
        #expect(upload.format == "verbose_json")
        #expect(upload.fileStart == Array("RIFF".utf8))
        #expect(upload.authorization == "Bearer sk-test")
    }

    @Test func anAnswerWithoutSegmentsHasNoConfidence() async throws {
        let answer = try await transcribe(.noSegments).0.get()
        #expect(answer.transcript.text == "red shoes")
        #expect(answer.transcript.confidence == 0)
    }

    @Test func aSlowEndpointTimesOut() async throws {
        let (result, received) = try await transcribe(.slow)
        guard case .failure(.timeout) = result else { Issue.record("expected a timeout, got \(result)"); return }
        #expect(received.uploads.withLock { $0.count } == 2, "retried once")
    }

    @Test func malformedAndFailingAnswersAreEngineFailures() async throws {
        for behaviour in [Behaviour.malformed, .failing] {
            let (result, _) = try await transcribe(behaviour)
            guard case .failure(.failed) = result else { Issue.record("\(behaviour): expected a failure, got \(result)"); continue }
        }
    }

    @Test func engineFailuresReachTheClientAsJSONErrors() async throws {
        let received = Received()
        try await makeDouble(.malformed, received: received).test(.live) { double in
            let port = try #require(double.port)
            var config = MediaConfiguration(listen: .init(host: "127.0.0.1", port: 0))
            config.speech.engine = .openai
            config.speech.openAIBaseURL = "http://127.0.0.1:\(port)"
            config.speech.openAITimeout = .milliseconds(500)
            let media = try await buildApplication(config)
            try await media.test(.router) { client in
                let wav = WAVBuilder().build(samples: [Int16](repeating: 0, count: 1_600))
                try await client.execute(uri: "/v1/transcribe", method: .post, headers: [.contentType: "audio/wav"], body: ByteBuffer(bytes: wav)) { response in
                    #expect(response.status == .serviceUnavailable)
                    let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(body.error.code == "service_unavailable")
                }
            }
        }
    }
}

/// A minimal multipart/form-data reader for the double: name → part body.
struct MultipartParts {
    private var parts: [String: [UInt8]] = [:]

    init(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var sections: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<index + delimiter.count].elementsEqual(delimiter) {
                if index > start { sections.append(Array(body[start..<index])) }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        let separator = Array("\r\n\r\n".utf8)
        for section in sections {
            guard let split = (0..<max(0, section.count - 3)).first(where: { section[$0..<$0 + 4].elementsEqual(separator) }) else { continue }
            let headers = String(decoding: section[..<split], as: UTF8.self)
            guard let nameRange = headers.range(of: "name=\"") else { continue }
            let name = String(headers[nameRange.upperBound...].prefix { $0 != "\"" })
            var content = Array(section[(split + 4)...])
            if content.suffix(2) == [13, 10] { content.removeLast(2) }
            parts[name] = content
        }
    }

    subscript(name: String) -> [UInt8]? { parts[name] }
}
