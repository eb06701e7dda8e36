import Logging
import NIOHTTP1
import Shared

/// Another catalog-service instance, searched over its own `POST /v1/search` (local source only, so
/// two instances that federate with each other never loop).
public struct FederatedCatalogSource: MarketplaceSource {
    public let name: String
    private let client: ServiceHTTPClient

    public init(name: String, baseURL: String, timeout: Duration, logger: Logger) {
        self.name = name
        // One attempt: the fan-out's deadline is the budget, there is no time to retry.
        client = ServiceHTTPClient(service: name, baseURL: baseURL, timeout: timeout,
                                   retry: RetryPolicy(maxAttempts: 1), logger: logger)
    }

    struct Request: Encodable {
        var spec: RequirementSpec
        var limit: Int
        var sources: [String]
    }

    public func search(_ request: SourceRequest) async throws -> SourceAnswer {
        let results: SearchResults
        do {
            results = try await client.json(
                .POST, "/v1/search", body: Request(spec: request.spec, limit: request.limit, sources: ["local"]),
                as: SearchResults.self, isIdempotent: true)
        } catch {
            throw SourceFailure(error.description)
        }
        let candidates = results.products.map { product in
            var product = product
            product.marketplace = name
            return RankCandidate(product: product)
        }
        return SourceAnswer(candidates: candidates, totalFound: results.totalFound)
    }
}
