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
        let bytes = (try? JSONCoding.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Makes every error answer `{"error":{"code","message"}}`: `AppError`s as they are, Hummingbird's
/// own `HTTPError`s (unknown route, body too large) by status, and anything else as a 500 whose
/// details go to the log only.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            if error.code == .internal {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            return .json(error.body, status: error.status)
        } catch let error as HTTPError {
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
            return .json(AppError(code, message).body, status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return .json(AppError(.internal, "internal error").body, status: .internalServerError)
        }
    }
}
