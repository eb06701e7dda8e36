import Crypto
import Foundation
import Shared

/// HS256 JSON Web Tokens: just what the gateway needs (`sub` and `exp`).
public struct JWTSigner: Sendable {
    private let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// A token for `subject` that expires at `expiresAt`.
    public func sign(subject: String, expiresAt: Timestamp) -> String {
        let header = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims: [String: Any] = ["sub": subject, "exp": expiresAt.millisecondsSince1970 / 1000,
                                     "iat": Timestamp.now().millisecondsSince1970 / 1000]
        let body = (try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])) ?? Data("{}".utf8)
        let signingInput = header + "." + Base64URL.encode(body)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Data(signature))
    }

    /// The token's subject when the token is well formed, signed with this key and not expired.
    /// - Throws: `AppError(.unauthorized)` with a short reason.
    public func verify(_ token: String, now: Timestamp = .now()) throws(AppError) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let claimsData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else {
            throw AppError(.unauthorized, "malformed token")
        }
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["alg"] as? String == "HS256" else {
            throw AppError(.unauthorized, "unsupported token algorithm")
        }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw AppError(.unauthorized, "invalid token signature")
        }
        guard let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any] else {
            throw AppError(.unauthorized, "malformed token claims")
        }
        guard let subject = claims["sub"] as? String, UserID.isValid(subject) else {
            throw AppError(.unauthorized, "token has no valid 'sub'")
        }
        guard let expiry = (claims["exp"] as? NSNumber)?.doubleValue else {
            throw AppError(.unauthorized, "token has no 'exp'")
        }
        guard Double(now.millisecondsSince1970) / 1000 < expiry else { throw AppError(.unauthorized, "token expired") }
        return subject
    }
}

/// User ids as the gateway accepts them: 1 to 128 printable characters without spaces.
enum UserID {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text.unicodeScalars.allSatisfy { $0.value > 32 && $0.value != 127 }
    }
}

/// base64url without padding (RFC 7515 §2).
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
