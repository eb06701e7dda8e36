import Logging
import NIOHTTP1
import Shared

/// Where an engine gets the catalog's categories and brands.
public protocol VocabularyProvider: Sendable {
    /// The current vocabulary. Never fails: a provider that cannot reach its source answers with
    /// what it has (its cache, else the built-in vocabulary).
    func vocabulary() async -> CatalogVocabulary
}

/// A fixed vocabulary (the built-in one by default).
public struct StaticVocabularyProvider: VocabularyProvider {
    public let fixed: CatalogVocabulary

    public init(_ vocabulary: CatalogVocabulary = .builtIn) {
        fixed = vocabulary
    }

    public func vocabulary() async -> CatalogVocabulary { fixed }
}

/// The catalog service's vocabulary over HTTP, cached for `refreshInterval` and merged with the
/// built-in one (so categories the catalog lacks today stay recognisable).
///
/// A failed refresh keeps the last good vocabulary and retries after `retryInterval`; with no
/// good vocabulary yet it answers with the built-in one.
public actor HTTPVocabularyProvider: VocabularyProvider {
    private let client: ServiceHTTPClient
    private let refreshInterval: Duration
    private let retryInterval: Duration
    private let logger: Logger
    private let clock = ContinuousClock()
    private var cached: CatalogVocabulary?
    private var nextRefresh: ContinuousClock.Instant?
    /// Fetches that reached the catalog; for tests and metrics.
    public private(set) var fetchCount = 0

    public init(client: ServiceHTTPClient, refreshInterval: Duration = .seconds(300),
                retryInterval: Duration = .seconds(10), logger: Logger) {
        self.client = client
        self.refreshInterval = refreshInterval
        self.retryInterval = retryInterval
        self.logger = logger
    }

    public func vocabulary() async -> CatalogVocabulary {
        if let nextRefresh, clock.now < nextRefresh { return cached ?? .builtIn }
        // Set before the await so concurrent callers do not all refresh at once.
        nextRefresh = clock.now.advanced(by: retryInterval)
        do {
            let categories = try await client.json(.GET, "/v1/categories", as: CategoriesResponse.self).categories
            let brands = try await client.json(.GET, "/v1/brands", as: BrandsResponse.self).brands
            fetchCount += 1
            let fresh = CatalogVocabulary(
                categories: categories.filter { !$0.name.isEmpty }, brands: brands.filter { !$0.name.isEmpty }
            ).merged()
            cached = fresh
            nextRefresh = clock.now.advanced(by: refreshInterval)
            logger.debug("catalog vocabulary refreshed", metadata: [
                "vocabulary.categories": "\(categories.count)", "vocabulary.brands": "\(brands.count)",
            ])
            return fresh
        } catch {
            logger.debug("catalog vocabulary refresh failed", metadata: ["error": "\(error)"])
            return cached ?? .builtIn
        }
    }
}
