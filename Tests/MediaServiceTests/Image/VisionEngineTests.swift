import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MediaService
import NIOCore
import Shared
import Synchronization
import Testing

/// The `vision` engine against a local double of an OpenAI-compatible chat endpoint that speaks
/// the real wire format and misbehaves on request.
@Suite(.timeLimit(.minutes(2)))
struct VisionEngineTests {
    typealias T = TestImages

    /// What the double saw, for checking the request the engine sent.
    final class Seen: Sendable {
        /// Request bodies, as received.
        let requests = Mutex<[Data]>([])
        let authorizations = Mutex<[String]>([])
    }

    /// The double's answer: the assistant message `content`, or a raw body/status, or a delay.
    enum Mode: Sendable {
        case content(String)
        case raw(String, status: Int)
        case slow
    }

    static func withChatDouble(_ mode: Mode, _ body: @escaping @Sendable (Int, Seen) async throws -> Void) async throws {
        let seen = Seen()
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let data = try await request.body.collect(upTo: 4 << 20)
            seen.requests.withLock { $0.append(Data(data.readableBytesView)) }
            seen.authorizations.withLock { $0.append(request.headers[.authorization] ?? "") }
            switch mode {
            case .content(let content):
                let answer: [String: Any] = [
                    "id": "chatcmpl-1", "object": "chat.completion", "model": "test-vision",
                    "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": content]]],
                ]
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: answer))))
            case .raw(let text, let status):
                return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            case .slow:
                try await Task.sleep(for: .seconds(6))  // the behaviour under test: much slower than the engine's timeout
                return Response(status: .ok)
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(try #require(client.port), seen) }
    }

    static func analyzer(port: Int, timeout: Duration = .seconds(2)) -> ImageAnalyzer {
        let settings = VisionSettings(baseURL: "http://127.0.0.1:\(port)/v1", model: "test-vision", apiKey: "sk-test",
                                      timeout: timeout)
        return ImageAnalyzer(describer: VisionEngine(settings: settings, logger: Logger(label: "test"), retry: .none))
    }

    static let sneaker = try? ImageEncoder.jpeg(T.object(T.rgb(205, 30, 38), on: T.rgb(250, 250, 250), width: 800, height: 600))

    @Test func labelsAndAttributesComeFromTheModelAndColoursFromThePixels() async throws {
        let content = #"{"labels": ["Sneakers", "running shoes"], "attributes": {"category": "Sneakers", "material": "mesh", "pattern": "striped"}}"#
        try await Self.withChatDouble(.content(content)) { port, seen in
            let bytes = try #require(Self.sneaker)
            let answer = try await Self.analyzer(port: port).analyse(ByteBuffer(bytes: bytes), contentType: "image/jpeg")
            #expect(answer.engine == "vision")
            #expect(answer.labels == ["sneakers", "running shoes"])
            #expect(answer.attributes["category"] == "sneakers")
            #expect(answer.attributes["material"] == "mesh")
            // Measured attributes win over the model's words.
            #expect(answer.attributes["pattern"] == "solid")
            #expect(answer.colors.first?.name == "red")

            // The request is a real chat completion with the image as a data URL part.
            let body = try #require(seen.requests.withLock { $0.first })
            let request = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect(request["model"] as? String == "test-vision")
            #expect(seen.authorizations.withLock { $0 } == ["Bearer sk-test"])
            let messages = try #require(request["messages"] as? [[String: Any]])
            let parts = try #require(messages.last?["content"] as? [[String: Any]])
            let imagePart = try #require(parts.first { $0["type"] as? String == "image_url" })
            let url = try #require((imagePart["image_url"] as? [String: Any])?["url"] as? String)
            #expect(url.hasPrefix("data:image/jpeg;base64,"))
            let jpeg = try #require(Data(base64Encoded: String(url.dropFirst("data:image/jpeg;base64,".count))))
            let sent = try Array(jpeg).withUnsafeBytes { try ImageDecoder.decode($0, declared: .jpeg, limits: ImageLimits()) }
            #expect(max(sent.width, sent.height) <= 512)
        }
    }

    @Test func aFencedJSONAnswerIsAccepted() async throws {
        let content = "Here you go:\n```json\n{\"labels\": [\"handbag\"], \"attributes\": {\"material\": \"leather\", \"size\": 3}}\n```"
        try await Self.withChatDouble(.content(content)) { port, _ in
            let bytes = try #require(Self.sneaker)
            let answer = try await Self.analyzer(port: port).analyse(ByteBuffer(bytes: bytes), contentType: "image/jpeg")
            #expect(answer.engine == "vision")
            #expect(answer.labels == ["handbag"])
            #expect(answer.attributes["size"] == "3")
        }
    }

    @Test(arguments: [
        Mode.content("I think it is a shoe."),
        Mode.content(#"{"labels": "shoe"}"#),
        Mode.content(#"{"labels": [42, null]}"#),
        Mode.content(#"{"labels": ["shoe"], "attributes": ["red"]}"#),
        Mode.content(#"{"labels": ["shoe""#),
        Mode.raw(#"{"choices": []}"#, status: 200),
        Mode.raw("<html>bad gateway</html>", status: 200),
        Mode.raw(#"{"error": {"message": "overloaded"}}"#, status: 500),
        Mode.raw(#"{"error": {"message": "bad key"}}"#, status: 401),
        Mode.slow,
    ])
    func aFailingModelStillGetsThePixelAnswer(mode: Mode) async throws {
        try await Self.withChatDouble(mode) { port, _ in
            let bytes = try #require(Self.sneaker)
            let started = ContinuousClock.now
            let answer = try await Self.analyzer(port: port, timeout: .milliseconds(300))
                .analyse(ByteBuffer(bytes: bytes), contentType: "image/jpeg")
            #expect(answer.engine == "pixels")
            #expect(answer.labels.isEmpty)
            #expect(answer.colors.first?.name == "red")
            // The timeout bounds the wait (the slow double takes 6 s; the margin is for a loaded machine).
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test func descriptionsAreValidatedAndBounded() throws {
        let long = String(repeating: "x", count: 500)
        let parsed = try VisionEngine.parseDescription(
            #"{"labels": ["  T-Shirt\n", "t-shirt", "\#(long)"], "attributes": {"Colour Name": "Dark\tBlue", "bad-key!": "x", "nested": {"a": 1}}}"#)
        #expect(parsed.labels == ["t-shirt", String(repeating: "x", count: 60)])
        #expect(parsed.attributes == ["colour_name": "dark blue"])
        #expect(throws: ImageEngineError.self) { try VisionEngine.parseDescription(#"{"labels": []}"#) }
    }
}
