import Foundation
import Logging
import NIOHTTP1
import NIOCore
import Shared
import Synchronization

/// eBay's Browse API (`GET /buy/browse/v1/item_summary/search`) with an application token from the
/// OAuth client-credentials flow (`POST /identity/v1/oauth2/token`), cached until shortly before
/// it expires and fetched again after a 401.
public final class EbayBrowseSource: MarketplaceSource {
    public struct Credentials: Sendable {
        public var clientID: String
        public var clientSecret: String

        public init(clientID: String, clientSecret: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
    }

    public let name: String
    public let marketplaceID: String
    private let credentials: Credentials
    private let client: ServiceHTTPClient
    private let token: Mutex<(value: String, expires: ContinuousClock.Instant)?> = Mutex(nil)

    static let scope = "https://api.ebay.com/oauth/api_scope"

    /// - Parameter baseURL: `https://api.ebay.com` in production, a local double in tests.
    public init(name: String = "ebay", baseURL: String, credentials: Credentials, marketplaceID: String = "EBAY_US",
                timeout: Duration, logger: Logger) {
        self.name = name
        self.marketplaceID = marketplaceID
        self.credentials = credentials
        client = ServiceHTTPClient(service: name, baseURL: baseURL, timeout: timeout,
                                   retry: RetryPolicy(maxAttempts: 1), logger: logger)
    }

    struct TokenResponse: Decodable {
        var accessToken: String
        var expiresIn: Int

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
        }
    }

    struct SearchResponse: Decodable {
        var total: Int?
        var itemSummaries: [ItemSummary]?
    }

    struct ItemSummary: Decodable {
        struct Amount: Decodable {
            var value: String
            var currency: String
        }
        struct Image: Decodable { var imageUrl: String? }
        struct Category: Decodable { var categoryName: String? }

        var itemId: String
        var title: String
        var price: Amount?
        var image: Image?
        var itemWebUrl: String?
        var condition: String?
        var categories: [Category]?
        var brand: String?
    }

    func accessToken(forceRefresh: Bool = false) async throws -> String {
        if !forceRefresh, let cached = token.withLock({ $0 }), cached.expires > .now { return cached.value }
        let basic = Data("\(credentials.clientID):\(credentials.clientSecret)".utf8).base64EncodedString()
        let form = "grant_type=client_credentials&scope=" + Self.formEncode(Self.scope)
        let response: ServiceResponse
        do {
            response = try await client.send(
                .POST, "/identity/v1/oauth2/token", body: Array(form.utf8),
                contentType: "application/x-www-form-urlencoded", headers: [("Authorization", "Basic \(basic)")],
                isIdempotent: true)
        } catch {
            throw SourceFailure("token request failed: \(error)")
        }
        guard response.status == 200 else { throw SourceFailure("token request refused: HTTP \(response.status)") }
        let decoded: TokenResponse
        do { decoded = try response.decode(TokenResponse.self) } catch {
            throw SourceFailure("invalid token response")
        }
        // Renew a minute early so a token never expires in flight.
        let expires = ContinuousClock.now + .seconds(max(0, decoded.expiresIn - 60))
        token.withLock { $0 = (decoded.accessToken, expires) }
        return decoded.accessToken
    }

    public func search(_ request: SourceRequest) async throws -> SourceAnswer {
        let spec = request.spec
        var words = [spec.query ?? ""] + spec.keywords + spec.features
        if words.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }), let category = spec.category {
            words = [category]
        }
        let text = words.filter { !$0.isEmpty }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return SourceAnswer(candidates: [], totalFound: 0) }
        var parameters = [("q", String(text.prefix(100))), ("limit", String(min(200, max(1, request.limit))))]
        if !spec.budget.isOpen {
            let low = spec.budget.min.map { String(format: "%.2f", $0) } ?? ""
            let high = spec.budget.max.map { String(format: "%.2f", $0) } ?? ""
            parameters.append(("filter", "price:[\(low)..\(high)],priceCurrency:\(spec.budget.currency.uppercased())"))
        }
        let path = "/buy/browse/v1/item_summary/search?" + parameters.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        var response = try await send(path, token: try await accessToken())
        if response.status == 401 {
            response = try await send(path, token: try await accessToken(forceRefresh: true))
        }
        guard response.status == 200 else { throw SourceFailure("search failed: HTTP \(response.status)") }
        let decoded: SearchResponse
        do { decoded = try response.decode(SearchResponse.self) } catch {
            throw SourceFailure("invalid search response")
        }
        let candidates = (decoded.itemSummaries ?? []).compactMap { item -> RankCandidate? in
            guard let amount = item.price, let price = Double(amount.value) else { return nil }
            var attributes: [String: String] = [:]
            if let condition = item.condition { attributes["condition"] = condition }
            let product = ProductResult(
                id: "\(name):\(item.itemId)", title: item.title, brand: item.brand,
                category: item.categories?.compactMap(\.categoryName).first ?? "eBay", price: price,
                currency: amount.currency, url: item.itemWebUrl, imageURL: item.image?.imageUrl,
                marketplace: name, attributes: attributes)
            return RankCandidate(product: product)
        }
        return SourceAnswer(candidates: candidates, totalFound: decoded.total ?? candidates.count)
    }

    private func send(_ path: String, token: String) async throws -> ServiceResponse {
        do {
            return try await client.send(
                .GET, path, headers: [("Authorization", "Bearer \(token)"), ("X-EBAY-C-MARKETPLACE-ID", marketplaceID)])
        } catch {
            throw SourceFailure("search failed: \(error)")
        }
    }

    /// application/x-www-form-urlencoded / query component encoding.
    static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
