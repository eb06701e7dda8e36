import Logging
import NIOHTTP1
import Shared
import Synchronization

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
///
/// A class behind a lock rather than an actor: every engine call of every turn asks for the
/// vocabulary (four times a turn with the embedded engine), and an actor made each ask two
/// executor hops to read a cached value. Only a due refresh awaits anything.
public final class HTTPVocabularyProvider: VocabularyProvider {
    private struct Cache {
        var vocabulary: CatalogVocabulary?
        var nextRefresh: ContinuousClock.Instant?
        var fetchCount = 0
    }

    private let client: ServiceHTTPClient
    private let refreshInterval: Duration
    private let retryInterval: Duration
    private let logger: Logger
    private let clock = ContinuousClock()
    private let cache = Mutex(Cache())

    public init(client: ServiceHTTPClient, refreshInterval: Duration = .seconds(300),
                retryInterval: Duration = .seconds(10), logger: Logger) {
        self.client = client
        self.refreshInterval = refreshInterval
        self.retryInterval = retryInterval
        self.logger = logger
    }

    /// Fetches that reached the catalog; for tests and metrics.
    public var fetchCount: Int { cache.withLock { $0.fetchCount } }

    public func vocabulary() async -> CatalogVocabulary {
        let (cached, isDue) = cache.withLock { cache -> (CatalogVocabulary?, Bool) in
            let now = clock.now
            if let next = cache.nextRefresh, now < next { return (cache.vocabulary, false) }
            // Claimed under the lock, so concurrent callers do not all refresh at once.
            cache.nextRefresh = now.advanced(by: retryInterval)
            return (cache.vocabulary, true)
        }
        guard isDue else { return cached ?? .builtIn }
        do {
            let answer = try await client.json(.GET, "/v1/categories", as: CategoriesResponse.self)
            let categories = answer.categories
            let brands = try await client.json(.GET, "/v1/brands", as: BrandsResponse.self).brands
            let fresh = CatalogVocabulary(
                categories: categories.filter { !$0.name.isEmpty }, brands: brands.filter { !$0.name.isEmpty },
                rates: answer.currencyRates.map(CurrencyRates.init(unitsPerUSD:)) ?? CurrencyRates()
            ).merged()
            cache.withLock { cache in
                cache.vocabulary = fresh
                cache.fetchCount += 1
                cache.nextRefresh = clock.now.advanced(by: refreshInterval)
            }
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
