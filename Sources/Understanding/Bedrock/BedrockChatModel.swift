import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// Settings of AWS Bedrock Runtime.
public struct BedrockConfiguration: Sendable, Hashable {
    public var region: String
    /// `anthropic.claude-3-haiku-20240307-v1:0`, an inference profile id, or an ARN.
    public var modelID: String
    /// `https://bedrock-runtime.{region}.amazonaws.com` unless overridden (VPC endpoints, tests).
    public var endpoint: String

    public init(region: String, modelID: String, endpoint: String? = nil) {
        self.region = region
        self.modelID = modelID
        let base = endpoint ?? "https://bedrock-runtime.\(region).amazonaws.com"
        self.endpoint = base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}

/// Bedrock Runtime `Converse` and `ConverseStream`, signed with SigV4; the stream's
/// `application/vnd.amazon.eventstream` frames are decoded with their CRCs checked.
public final class BedrockChatModel: ChatModel {
    public let configuration: BedrockConfiguration
    public var name: String { "bedrock:\(configuration.modelID)" }
    private let credentials: AWSCredentialsProvider
    private let http: ModelHTTP
    private let idleTimeout: Duration
    /// The clock used for signatures (tests pin it).
    private let now: @Sendable () -> Date

    public init(_ configuration: BedrockConfiguration, credentials: AWSCredentialsProvider, client: HTTPClient = .shared,
                retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(250), maxDelay: .seconds(4)),
                timeout: Duration = .seconds(20), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.credentials = credentials
        http = ModelHTTP(model: "bedrock:\(configuration.modelID)", client: client, retry: retry, headTimeout: timeout)
        idleTimeout = timeout
        self.now = now
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let body = try self.body(request)
        let response = try await http.send { try await self.signedRequest(operation: "converse", body: body) }
        let bytes: ByteBuffer
        do { bytes = try await response.body.collect(upTo: 4 << 20) } catch {
            throw ModelError.transport(model: name, reason: "answer cut off: \(error)")
        }
        guard let value = try? JSONValue.parse(String(buffer: bytes)) else {
            throw ModelError.malformed(model: name, reason: "answer is not JSON")
        }
        guard case .array(let content) = value["output"]?["message"]?["content"] else {
            throw ModelError.malformed(model: name, reason: "no output.message.content")
        }
        let text = content.compactMap { $0["text"]?.stringValue }.joined()
        guard !text.isEmpty else { throw ModelError.malformed(model: name, reason: "no text in the answer") }
        return text
    }

    public func stream(_ request: ChatRequest) -> TokenStream {
        let state = EventStreamState()
        let name = self.name
        return TokenStream(unfolding: { [self] in
            if state.isFinished { return nil }
            if state.body == nil {
                let body = try self.body(request)
                let response = try await http.send { try await self.signedRequest(operation: "converse-stream", body: body) }
                state.body = BodyIteratorBox(response.body)
            }
            guard let bodyIterator = state.body else { return nil }
            while true {
                if let message = state.pending.first {
                    state.pending.removeFirst()
                    if let text = try Self.text(of: message, model: name, state: state) { return text }
                    if state.isFinished { return nil }
                    continue
                }
                let chunk = try await withModelTimeout(idleTimeout, model: name) { try await bodyIterator.next() }
                guard let chunk else {
                    state.isFinished = true
                    if state.sawStop { return nil }
                    throw ModelError.malformed(model: name, reason: "stream ended before messageStop")
                }
                do { state.pending += try state.decoder.feed(chunk.readableBytesView) } catch {
                    throw ModelError.malformed(model: name, reason: "\(error)")
                }
            }
        })
    }

    /// The text an event carries; exceptions become errors.
    private static func text(of message: EventStreamMessage, model: String, state: EventStreamState) throws -> String? {
        let payload = try? JSONValue.parse(String(decoding: message.payload, as: UTF8.self))
        switch message.string(":message-type") {
        case "event":
            switch message.string(":event-type") {
            case "contentBlockDelta":
                guard let text = payload?["delta"]?["text"]?.stringValue else { return nil }
                return text.isEmpty ? nil : text
            case "messageStop":
                state.sawStop = true
                return nil
            case "metadata":
                if state.sawStop { state.isFinished = true }
                return nil
            default:
                return nil
            }
        case "exception":
            let kind = message.string(":exception-type") ?? "exception"
            let code = kind.lowercased().contains("throttl") ? 429 : 500
            throw ModelError.status(model: model, code: code, message: "\(kind): \(payload?["message"]?.stringValue ?? "")")
        default:
            let code = message.string(":error-code") ?? "error"
            throw ModelError.status(model: model, code: 500, message: "\(code): \(message.string(":error-message") ?? "")")
        }
    }

    func body(_ request: ChatRequest) throws -> [UInt8] {
        var object: [String: JSONValue] = [
            "messages": .array(request.messages.map { message in
                .object(["role": .string(message.role.rawValue), "content": .array([.object(["text": .string(message.text)])])])
            }),
            "inferenceConfig": .object([
                "maxTokens": .number(Double(request.maxTokens)), "temperature": .number(request.temperature),
            ]),
        ]
        if let system = request.system { object["system"] = .array([.object(["text": .string(system)])]) }
        return Array(try JSONEncoder().encode(JSONValue.object(object)))
    }

    /// A request signed for now: `POST /model/{id}/{operation}`.
    func signedRequest(operation: String, body: [UInt8]) async throws -> HTTPClientRequest {
        let credentials = try await self.credentials.credentials()
        let modelPath = SigV4Signer.encode(configuration.modelID, keepSlash: false)
        let path = "/model/\(modelPath)/\(operation)"
        guard let url = URL(string: configuration.endpoint + path), let host = url.host else {
            throw ModelError.transport(model: name, reason: "invalid Bedrock endpoint \(configuration.endpoint)")
        }
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        let date = now()
        var headers: [(String, String)] = [
            ("host", hostHeader), ("x-amz-date", SigV4Signer.timestamps(date).stamp),
            ("content-type", "application/json"),
        ]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: "bedrock")
        let signature = signer.sign(method: "POST", path: path, query: "", headers: headers,
                                    payloadHash: SigV4Signer.hexSHA256(body), date: date)
        var request = HTTPClientRequest(url: configuration.endpoint + path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "authorization", value: signature.authorization)
        request.headers.add(name: "accept", value: operation == "converse" ? "application/json" : "application/vnd.amazon.eventstream")
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}

/// Where a ConverseStream answer is. `@unchecked Sendable`: one consumer at a time (see `IteratorBox`).
final class EventStreamState: @unchecked Sendable {
    var body: BodyIteratorBox?
    var decoder = EventStreamDecoder()
    var pending: [EventStreamMessage] = []
    var sawStop = false
    var isFinished = false
}
