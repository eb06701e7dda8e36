import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Why a service call failed, after retries.
public enum ServiceCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The circuit breaker is open: the service failed repeatedly and is given time to recover.
    case circuitOpen(service: String)
    /// No answer within the per-attempt timeout.
    case timeout(service: String)
    /// The service could not be reached or the connection broke.
    case unreachable(service: String, reason: String)
    /// The service answered with an error status; `body` is its (truncated) answer.
    case status(service: String, code: Int, body: String)
    /// The answer could not be decoded.
    case invalidResponse(service: String, reason: String)

    public var description: String {
        switch self {
        case .circuitOpen(let service): "\(service): circuit open"
        case .timeout(let service): "\(service): timed out"
        case .unreachable(let service, let reason): "\(service): unreachable (\(reason))"
        case .status(let service, let code, _): "\(service): HTTP \(code)"
        case .invalidResponse(let service, let reason): "\(service): invalid response (\(reason))"
        }
    }

    /// The protocol error a turn reports for this failure. A request the service refused as
    /// it was (4xx, other than a timeout or a rate limit) is no outage: it would fail the same
    /// way again, so it is not retryable.
    public var appError: AppError {
        switch self {
        case .timeout(let service): AppError(.timeout, "The \(service) took too long to answer.", detail: description)
        case .status(let service, let code, _) where (400..<500).contains(code) && code != 408 && code != 429:
            AppError(.internal, "The \(Self.friendlyName(service)) could not handle this request.", detail: description)
        default: AppError(.serviceUnavailable, "The \(Self.friendlyName(self.service)) is unavailable right now.", detail: description)
        }
    }

    public var service: String {
        switch self {
        case .circuitOpen(let s), .timeout(let s), .unreachable(let s, _), .status(let s, _, _), .invalidResponse(let s, _): s
        }
    }

    private static func friendlyName(_ service: String) -> String { service.replacingOccurrences(of: "-", with: " ") }
}

/// A response from a service: status, headers and the whole body.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    /// The body as `T`: read by `JSONReader` when `T` reads itself (`JSONReadable`), otherwise
    /// by `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let readable = type as? any JSONReadable.Type,
           let value = try JSONReader.decode(readable, from: body.readableBytesView) as? T {  // `readable` is `T`
            return value
        }
        return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }
}

/// The HTTP client for service-to-service calls: a per-attempt timeout, retries with exponential
/// backoff and jitter for failures that are safe to retry, and a circuit breaker per service.
///
/// A failure is retried when the request never reached the service (connect refused or timed
/// out), when the service refused it outright (503, 429), or when the request is idempotent
/// (GET/HEAD/PUT/DELETE, or marked so by the caller) and failed in flight (timeout, reset, 5xx).
public final class ServiceHTTPClient: Sendable {
    public let service: String
    public let baseURL: String
    public let timeout: Duration
    public let retry: RetryPolicy
    public let breaker: CircuitBreaker
    /// Bodies larger than this are refused as invalid responses.
    public let maxResponseBytes: Int
    private let client: HTTPClient
    /// The transport for an `http://` base URL, with the URL's path (no trailing `/`).
    private let plain: (transport: KeepAliveHTTP1Transport, pathPrefix: String)?
    private let logger: Logger

    /// - Parameter maxIdleConnections: keep-alive connections an `http://` base URL keeps open
    ///   between calls; give it the caller's concurrency (see `KeepAliveHTTP1Transport`).
    public init(
        service: String, baseURL: String, timeout: Duration = .seconds(5), retry: RetryPolicy = RetryPolicy(),
        breaker: CircuitBreakerPolicy = CircuitBreakerPolicy(), maxResponseBytes: Int = 16 << 20,
        maxIdleConnections: Int = 16, client: HTTPClient = ServiceHTTPClient.sharedTransport, logger: Logger
    ) {
        self.service = service
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
        self.retry = retry
        self.breaker = CircuitBreaker(policy: breaker)
        self.maxResponseBytes = maxResponseBytes
        self.client = client
        self.logger = logger
        plain = Self.plainEndpoint(of: self.baseURL).map { endpoint, pathPrefix in
            (KeepAliveHTTP1Transport(endpoint: endpoint, maxResponseBytes: maxResponseBytes,
                                     maxIdleConnections: maxIdleConnections), pathPrefix)
        }
    }

    /// Where an `http://` URL or an `http+unix://` URL (the socket's path percent-encoded as its
    /// host, as AsyncHTTPClient writes it: `http+unix://%2Frun%2Fcatalog.sock/v1`) points, and its
    /// path; `nil` for other URLs.
    public static func plainEndpoint(of baseURL: String) -> (KeepAliveHTTP1Transport.Endpoint, pathPrefix: String)? {
        guard let url = URLComponents(string: baseURL), let host = url.percentEncodedHost, !host.isEmpty else { return nil }
        switch url.scheme?.lowercased() {
        case "http":
            var host = url.host ?? host
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // an IPv6 literal
            return (.tcp(host: host, port: url.port ?? 80), url.percentEncodedPath)
        case "http+unix":
            guard let path = host.removingPercentEncoding, path.hasPrefix("/") else { return nil }
            return (.unixSocket(path: path), url.percentEncodedPath)
        default:
            return nil
        }
    }

    /// Sends a request and returns the response of the last attempt. Answers with a 4xx status come
    /// back as responses (the caller decides what they mean); exhausted retries throw.
    /// - Parameters:
    ///   - isIdempotent: overrides the method's own idempotence (a search `POST` is idempotent).
    ///   - requestID: sent as `X-Request-ID` so the services' logs can be joined.
    public func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
        headers extraHeaders: [(String, String)] = [], isIdempotent: Bool? = nil, requestID: String? = nil
    ) async throws(ServiceCallError) -> ServiceResponse {
        let idempotent = isIdempotent ?? [.GET, .HEAD, .PUT, .DELETE, .OPTIONS].contains(method)
        var attempt = 0
        while true {
            attempt += 1
            guard breaker.admit() else { throw .circuitOpen(service: service) }
            let outcome = await attemptOnce(method, path, body: body, contentType: contentType,
                                            headers: extraHeaders, requestID: requestID)
            let failure: ServiceCallError
            let isSafeToRetry: Bool
            switch outcome {
            case .success(let response) where response.status < 500 && response.status != 429:
                breaker.recordSuccess()
                return response
            case .success(let response):
                failure = .status(service: service, code: response.status,
                                  body: String(buffer: response.body).prefix(512).description)
                // 503 and 429 say the request was not processed.
                isSafeToRetry = idempotent || response.status == 503 || response.status == 429
                if response.status != 429 { breaker.recordFailure() } else { breaker.recordSuccess() }
                if attempt >= retry.maxAttempts || !isSafeToRetry { return response }
            case .failure(let error, let wasSent):
                failure = error
                isSafeToRetry = idempotent || !wasSent
                breaker.recordFailure()
                if attempt >= retry.maxAttempts || !isSafeToRetry { throw error }
            }
            let delay = retry.delay(after: attempt)
            logger.debug("service call retried", metadata: [
                "service": "\(service)", "attempt": "\(attempt)", "error": "\(failure)",
                "delay_ms": "\(delay.wholeMilliseconds)",
            ])
            do { try await Task.sleep(for: delay) } catch { throw failure }
        }
    }

    /// `send`, then decodes a 2xx JSON answer; an error status throws `.status`.
    public func json<T: Decodable>(
        _ method: HTTPMethod, _ path: String, body: (some Encodable)? = Optional<Int>.none,
        as type: T.Type, isIdempotent: Bool? = nil, requestID: String? = nil
    ) async throws(ServiceCallError) -> T {
        var bytes: [UInt8]?
        if let body {
            if let body = body as? any JSONWritable {
                bytes = JSONWriter.encode(body)
            } else {
                do { bytes = Array(try JSONCoding.encode(body)) } catch {
                    throw .invalidResponse(service: service, reason: "request could not be encoded: \(error)")
                }
            }
        }
        let response = try await send(method, path, body: bytes, isIdempotent: isIdempotent, requestID: requestID)
        guard (200..<300).contains(response.status) else {
            throw .status(service: service, code: response.status, body: String(buffer: response.body).prefix(512).description)
        }
        do { return try response.decode(type) } catch {
            throw .invalidResponse(service: service, reason: "\(error)")
        }
    }

    /// The process-wide transport for `https://` service calls (`http://` ones go through
    /// `KeepAliveHTTP1Transport`, one per client). Unlike `HTTPClient.shared` it does not retry
    /// failed connection attempts until the request deadline: this client's own retry policy
    /// decides, so a service that is down is reported after a quick refusal, not a full timeout.
    public static let sharedTransport: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(1)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    private enum Outcome {
        case success(ServiceResponse)
        case failure(ServiceCallError, wasSent: Bool)
    }

    private func attemptOnce(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String,
        headers: [(String, String)], requestID: String?
    ) async -> Outcome {
        var allHeaders: [(String, String)] = []
        allHeaders.reserveCapacity(headers.count + 2)
        if body != nil { allHeaders.append(("Content-Type", contentType)) }
        if let requestID { allHeaders.append(("X-Request-ID", requestID)) }
        allHeaders += headers
        if let plain { return await attemptPlain(plain, method, path, body: body, headers: allHeaders) }
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        for (name, value) in allHeaders { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return .success(ServiceResponse(status: Int(response.status.code), headers: response.headers, body: body))
        } catch {
            return Self.classify(error, service: service)
        }
    }

    private func attemptPlain(
        _ plain: (transport: KeepAliveHTTP1Transport, pathPrefix: String), _ method: HTTPMethod, _ path: String,
        body: [UInt8]?, headers: [(String, String)]
    ) async -> Outcome {
        do {
            let (head, body) = try await plain.transport.execute(
                method: method, path: plain.pathPrefix + path, headers: headers, body: body,
                deadline: .now() + TimeAmount(timeout))
            return .success(ServiceResponse(status: Int(head.status.code), headers: head.headers, body: body))
        } catch {
            switch error {
            case .connectFailed(let reason):
                return .failure(.unreachable(service: service, reason: "connection refused (\(reason))"), wasSent: false)
            case .timedOut:
                return .failure(.timeout(service: service), wasSent: true)
            case .connectionClosed(let reason):
                return .failure(.unreachable(service: service, reason: reason), wasSent: true)
            case .cancelled:
                return .failure(.unreachable(service: service, reason: "cancelled"), wasSent: true)
            case .responseTooLarge(let limit):
                return .failure(.invalidResponse(service: service, reason: "response larger than \(limit) bytes"),
                                wasSent: true)
            }
        }
    }

    /// Whether the request can have reached the service decides whether a retry is always safe.
    private static func classify(_ error: any Error, service: String) -> Outcome {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return .failure(.unreachable(service: service, reason: "connect timeout"), wasSent: false)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .failure(.timeout(service: service), wasSent: true)
            case .remoteConnectionClosed:
                return .failure(.unreachable(service: service, reason: "connection closed"), wasSent: true)
            default:
                return .failure(.unreachable(service: service, reason: "\(error)"), wasSent: true)
            }
        }
        if error is NIOConnectionError || (error as? IOError)?.errnoCode == ECONNREFUSED
            || error is ChannelError && "\(error)".contains("connect") {
            return .failure(.unreachable(service: service, reason: "connection refused"), wasSent: false)
        }
        return .failure(.unreachable(service: service, reason: "\(error)"), wasSent: true)
    }
}
