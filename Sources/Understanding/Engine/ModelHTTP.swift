import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// HTTP for model APIs: a request per attempt (so each attempt can be signed afresh), throttling
/// (429, Bedrock's `ThrottlingException`) and 5xx retried with backoff and jitter, connection
/// failures retried, other errors returned at once.
struct ModelHTTP: Sendable {
    let model: String
    let client: HTTPClient
    let retry: RetryPolicy
    /// Bound on the wait for the response head of one attempt.
    let headTimeout: Duration

    /// Sends until a non-retryable answer; returns the 2xx response with its body unread.
    func send(_ makeRequest: @Sendable () async throws -> HTTPClientRequest) async throws -> HTTPClientResponse {
        var attempt = 0
        while true {
            attempt += 1
            let request = try await makeRequest()
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: .nanoseconds(Int64(nanoseconds(headTimeout))))
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                throw ModelError.timeout(model: model)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                if attempt >= retry.maxAttempts { throw ModelError.transport(model: model, reason: "\(error)") }
                try await Task.sleep(for: retry.delay(after: attempt))
                continue
            }
            let code = Int(response.status.code)
            if (200..<300).contains(code) { return response }
            let body = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            let isRetryable = code == 429 || code >= 500 || body.contains("ThrottlingException")
            if !isRetryable || attempt >= retry.maxAttempts {
                throw ModelError.status(model: model, code: code, message: Self.errorMessage(body))
            }
            try await Task.sleep(for: retry.delay(after: attempt))
        }
    }

    /// The readable part of an error body: OpenAI's `error.message`, Bedrock's `message`.
    static func errorMessage(_ body: String) -> String {
        if let value = try? JSONValue.parse(body) {
            if let message = value["error"]?["message"]?.stringValue { return message }
            if let message = value["message"]?.stringValue ?? value["Message"]?.stringValue { return message }
        }
        return String(body.prefix(200))
    }

    private func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }
}

/// Server-sent events: bytes in, each event's `data` out (multi-line data joined by newlines).
struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []
    private var hasData = false

    /// Feeds bytes; returns the events they completed.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let event = take(String(decoding: line, as: UTF8.self)) { events.append(event) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        return events
    }

    private mutating func take(_ line: String) -> String? {
        if line.isEmpty {
            guard hasData else { return nil }
            defer {
                data.removeAll()
                hasData = false
            }
            return data.joined(separator: "\n")
        }
        if line.hasPrefix(":") { return nil }  // a comment (keep-alive)
        if line.hasPrefix("data:") {
            var value = line.dropFirst(5)
            if value.first == " " { value = value.dropFirst() }
            data.append(String(value))
            hasData = true
        }
        return nil
    }
}
