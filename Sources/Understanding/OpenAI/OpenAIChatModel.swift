import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// Settings of an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp server, Ollama, OpenAI).
public struct OpenAIConfiguration: Sendable, Hashable {
    /// Up to and including the API version: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`.
    public var baseURL: String
    public var model: String
    /// Sent as `Authorization: Bearer`; local servers need none.
    public var apiKey: String?

    public init(baseURL: String, model: String, apiKey: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.apiKey = apiKey
    }
}

/// `POST {base}/chat/completions`, whole (`stream: false`) or streamed as server-sent events.
public final class OpenAIChatModel: ChatModel {
    public let configuration: OpenAIConfiguration
    public var name: String { "openai:\(configuration.model)" }
    private let http: ModelHTTP
    /// Longest wait for the next chunk of a streamed answer.
    private let idleTimeout: Duration

    public init(_ configuration: OpenAIConfiguration, client: HTTPClient = .shared,
                retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(4)),
                timeout: Duration = .seconds(20)) {
        self.configuration = configuration
        http = ModelHTTP(model: "openai:\(configuration.model)", client: client, retry: retry, headTimeout: timeout)
        idleTimeout = timeout
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let body = try self.body(request, stream: false)
        let response = try await http.send { self.httpRequest(body) }
        let bytes: ByteBuffer
        do { bytes = try await response.body.collect(upTo: 4 << 20) } catch {
            throw ModelError.transport(model: name, reason: "answer cut off: \(error)")
        }
        guard let value = try? JSONValue.parse(String(buffer: bytes)) else {
            throw ModelError.malformed(model: name, reason: "answer is not JSON")
        }
        guard case .array(let choices) = value["choices"], let first = choices.first,
              let content = first["message"]?["content"]?.stringValue else {
            throw ModelError.malformed(model: name, reason: "no choices[0].message.content")
        }
        return content
    }

    public func stream(_ request: ChatRequest) -> TokenStream {
        let state = SSEStreamState()
        let name = self.name
        return TokenStream(unfolding: { [self] in
            if state.isFinished { return nil }
            if state.body == nil {
                let body = try self.body(request, stream: true)
                let response = try await http.send { self.httpRequest(body) }
                state.body = BodyIteratorBox(response.body)
            }
            guard let bodyIterator = state.body else { return nil }
            while true {
                if let event = state.pending.first {
                    state.pending.removeFirst()
                    if event == "[DONE]" {
                        state.isFinished = true
                        return nil
                    }
                    guard let value = try? JSONValue.parse(event) else {
                        throw ModelError.malformed(model: name, reason: "event is not JSON")
                    }
                    if let error = value["error"] {
                        throw ModelError.status(model: name, code: 200,
                                                message: error["message"]?.stringValue ?? "error event")
                    }
                    guard case .array(let choices) = value["choices"] else {
                        throw ModelError.malformed(model: name, reason: "event without choices")
                    }
                    guard let choice = choices.first else { continue }  // usage-only chunks
                    if let reason = choice["finish_reason"]?.stringValue, !reason.isEmpty { state.sawFinish = true }
                    if let text = choice["delta"]?["content"]?.stringValue, !text.isEmpty { return text }
                    continue
                }
                let chunk = try await withModelTimeout(idleTimeout, model: name) { try await bodyIterator.next() }
                guard let chunk else {
                    // The body ended: fine after [DONE] or a finish reason, truncated otherwise.
                    state.isFinished = true
                    if state.sawFinish { return nil }
                    throw ModelError.malformed(model: name, reason: "stream ended before [DONE]")
                }
                state.pending += state.parser.feed(chunk.readableBytesView)
            }
        })
    }

    func body(_ request: ChatRequest, stream: Bool) throws -> [UInt8] {
        var messages: [[String: String]] = []
        if let system = request.system { messages.append(["role": "system", "content": system]) }
        for message in request.messages { messages.append(["role": message.role.rawValue, "content": message.text]) }
        var object: [String: JSONValue] = [
            "model": .string(configuration.model),
            "messages": .array(messages.map { .object($0.mapValues { .string($0) }) }),
            "temperature": .number(request.temperature),
            "max_tokens": .number(Double(request.maxTokens)),
            "stream": .bool(stream),
        ]
        if request.expectsJSON { object["response_format"] = .object(["type": .string("json_object")]) }
        return Array(try JSONEncoder().encode(JSONValue.object(object)))
    }

    private func httpRequest(_ body: [UInt8]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        if let key = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}

/// A response body's iterator, shared between a stream's successive `next()` calls.
/// `@unchecked Sendable`: used by one consumer at a time (see `IteratorBox`).
final class BodyIteratorBox: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ body: HTTPClientResponse.Body) {
        iterator = body.makeAsyncIterator()
    }

    func next() async throws -> ByteBuffer? {
        try await iterator.next()
    }
}

/// Where an SSE answer is. `@unchecked Sendable`: one consumer at a time (see `IteratorBox`).
final class SSEStreamState: @unchecked Sendable {
    var body: BodyIteratorBox?
    var parser = SSEParser()
    var pending: [String] = []
    var sawFinish = false
    var isFinished = false
}
