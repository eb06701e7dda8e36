/// Every error code the cluster shows a client, with its HTTP status and WebSocket behaviour,
/// mapped in this one place (protocol.md §1.1, §1.4, §2).
public enum ErrorCode: String, Sendable, Codable, CaseIterable {
    // Refusals before the WebSocket upgrade and HTTP API errors.
    case unauthorized
    case sessionNotFound = "session_not_found"
    case overCapacity = "over_capacity"
    case rateLimited = "rate_limited"
    case notFound = "not_found"
    case badRequest = "bad_request"
    case forbiddenOrigin = "forbidden_origin"
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case unprocessable = "unprocessable"
    // Socket input errors.
    case invalidJSON = "invalid_json"
    case invalidMessage = "invalid_message"
    case unsupportedFrame = "unsupported_frame"
    case messageTooLarge = "message_too_large"
    case mediaInvalid = "media_invalid"
    case busy
    case unavailable
    // Turn failures.
    case llmUnavailable = "llm_unavailable"
    case serviceUnavailable = "service_unavailable"
    case timeout
    case `internal`

    /// The HTTP status of this error on the HTTP API and in pre-upgrade refusals.
    public var httpStatus: Int {
        switch self {
        case .unauthorized: 401
        case .forbiddenOrigin: 403
        case .sessionNotFound, .notFound: 404
        case .payloadTooLarge, .messageTooLarge: 413
        case .unsupportedMediaType: 415
        case .unprocessable: 422
        case .rateLimited: 429
        case .badRequest, .invalidJSON, .invalidMessage, .unsupportedFrame, .mediaInvalid: 400
        case .busy: 409
        case .internal: 500
        case .overCapacity, .unavailable, .llmUnavailable, .serviceUnavailable: 503
        case .timeout: 504
        }
    }

    /// Whether the same request may succeed if the client tries again later.
    public var isRetryable: Bool {
        switch self {
        case .overCapacity, .rateLimited, .busy, .unavailable, .llmUnavailable, .serviceUnavailable, .timeout: true
        default: false
        }
    }

    /// The WebSocket close code when this error ends the connection (protocol.md §1.4), else `nil`.
    public var closeCode: UInt16? {
        switch self {
        case .messageTooLarge: 1009
        default: nil
        }
    }

    /// Whether a turn that failed with this code ends with `done(failed)`.
    public var failsTurn: Bool {
        switch self {
        case .llmUnavailable, .serviceUnavailable, .timeout, .internal: true
        default: false
        }
    }
}

/// An error with a protocol code and a message that is safe to show the client.
///
/// Each edge (the gateway's socket, each HTTP service) maps its domain errors to this once;
/// internals never reach a client: `detail` goes to logs only.
public struct AppError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    /// Shown to the client: short, with no internal names, paths or ids other than the client's own.
    public var message: String
    /// For logs only.
    public var detail: String?

    public init(_ code: ErrorCode, _ message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(message)" + (detail.map { " (\($0))" } ?? "") }

    /// The JSON error body every HTTP error uses: `{"error":{"code","message"}}`.
    public var body: ErrorBody { ErrorBody(error: .init(code: code.rawValue, message: message)) }
}

/// `{"error":{"code":"…","message":"…"}}`.
public struct ErrorBody: Sendable, Codable, Equatable {
    public struct Content: Sendable, Codable, Equatable {
        public var code: String
        public var message: String
    }

    public var error: Content
}
