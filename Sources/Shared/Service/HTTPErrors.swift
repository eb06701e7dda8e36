import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension AppError: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: code.httpStatus) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        .json(body, status: status)
    }
}

extension Response {
    /// A JSON response from an `Encodable` value.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONCoding.httpBody(value))))
    }
}

extension JSONCoding {
    /// `value` as an HTTP body's JSON; `{}` should it not encode (every body type here does).
    public static func httpBody(_ value: some Encodable) -> Data {
        (try? encode(value)) ?? Data("{}".utf8)
    }
}

/// Makes every error answer `{"error":{"code","message"}}`, as `AppError.answer(for:)` maps it,
/// and logs the details of every internal one.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = AppError.answer(for: error)
            if answer.error.code == .internal {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            return .json(answer.error.body, status: answer.status)
        }
    }
}

extension AppError {
    /// What a request that failed with `error` answers: an `AppError` as it is, Hummingbird's own
    /// `HTTPError`s (unknown route, body too large) by status, and anything else as a 500 whose
    /// details must go to the log only. The one place errors become HTTP statuses and codes.
    public static func answer(for error: any Error) -> (status: HTTPResponse.Status, error: AppError) {
        switch error {
        case let error as AppError:
            return (error.status, error)
        case let error as HTTPError:
            let code: ErrorCode = switch error.status.code {
            case 401: .unauthorized
            case 404: .notFound
            case 413: .payloadTooLarge
            case 415: .unsupportedMediaType
            case 422: .unprocessable
            case 429: .rateLimited
            case 400..<500: .badRequest
            case 503: .unavailable
            default: .internal
            }
            let message = error.body ?? (error.status.code == 404 ? "no such route" : error.status.reasonPhrase)
            return (error.status, AppError(code, message))
        default:
            return (.internalServerError, AppError(.internal, "internal error"))
        }
    }
}
