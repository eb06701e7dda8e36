import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Shared

/// Who a request or socket belongs to: a Bearer JWT (header or `?token=`), or in `dev` mode `?user_id=`.
public struct Authenticator: Sendable {
    public let mode: GatewayConfiguration.AuthMode
    public let signer: JWTSigner

    public init(mode: GatewayConfiguration.AuthMode, secret: String) {
        self.mode = mode
        self.signer = JWTSigner(secret: secret)
    }

    /// The user id of the request.
    /// - Throws: `AppError(.unauthorized)` when no valid credential is present.
    public func userID(headers: HTTPFields, query: [String: String]) throws(AppError) -> String {
        if let authorization = headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                throw AppError(.unauthorized, "Authorization must be 'Bearer <token>'")
            }
            return try signer.verify(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        }
        if let token = query["token"] { return try signer.verify(token) }
        if mode == .dev, let user = query["user_id"] {
            guard UserID.isValid(user) else { throw AppError(.unauthorized, "invalid user_id") }
            return user
        }
        throw AppError(.unauthorized, mode == .dev ? "a token or user_id is required" : "a token is required")
    }

    public func userID(request: Request) throws(AppError) -> String {
        try userID(headers: request.headers, query: request.uri.queryParameters.flatDictionary())
    }
}

extension FlatDictionary where Key == Substring, Value == Substring {
    /// The first value of each query parameter, decoded.
    func flatDictionary() -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self where result[String(key)] == nil { result[String(key)] = String(value) }
        return result
    }
}
