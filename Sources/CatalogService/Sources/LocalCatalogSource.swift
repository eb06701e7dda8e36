import Foundation
import Shared

/// The local SQLite catalog as a marketplace.
public struct LocalCatalogSource: MarketplaceSource {
    public let name: String
    public let store: CatalogStore
    public let rates: CurrencyRates

    public init(name: String = "local", store: CatalogStore, rates: CurrencyRates) {
        self.name = name
        self.store = store
        self.rates = rates
    }

    public func search(_ request: SourceRequest) async throws -> SourceAnswer {
        let spec = request.spec
        var words = Ranker.queryTokens(of: spec)
        for text in spec.features + spec.brands + Array(spec.attributes.values) {
            words += Ranker.tokens(text)
        }
        if request.categoryTerms == nil, let category = spec.category {
            words += Ranker.tokens(category)  // an unknown category still says what the shopper wants
        }
        var seen: Set<String> = []
        let unique = words.filter { word in word.count > 1 || word.allSatisfy(\.isNumber) }
            .filter { seen.insert($0).inserted }.prefix(16)
        // Each word is a quoted FTS5 string (quotes inside doubled), so no input is FTS syntax.
        let fullText = unique.isEmpty ? nil
            : unique.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " OR ")
        let order: LocalQuery.Order = switch spec.sort {
        case .relevance: .relevance
        case .rating: .popularity
        case .priceAscending: .priceAscending
        case .priceDescending: .priceDescending
        }
        let query = LocalQuery(
            fullText: fullText, categoryTerms: request.categoryTerms, priceBounds: priceBounds(spec.budget),
            excludedBrands: spec.excludedBrands.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            order: order, limit: request.limit)
        var fallback: LocalQuery?
        if fullText != nil, request.categoryTerms != nil {
            // Few text matches inside a known category: fill up with the category's best sellers.
            fallback = query
            fallback?.fullText = nil
            fallback?.order = order == .relevance ? .popularity : order
        }
        let (products, total) = try await store.search(query, fillingUpWith: fallback)
        return SourceAnswer(candidates: products.map { candidate(from: $0) }, totalFound: total)
    }

    /// The budget as one bound per known currency, so an INR product meets a USD budget.
    func priceBounds(_ budget: RequirementSpec.Budget) -> [LocalQuery.PriceBound]? {
        guard !budget.isOpen else { return nil }
        return rates.currencies.compactMap { currency in
            let min = budget.min.flatMap { rates.convert($0, from: budget.currency, to: currency) }
            let max = budget.max.flatMap { rates.convert($0, from: budget.currency, to: currency) }
            if budget.min != nil, min == nil { return nil }
            if budget.max != nil, max == nil { return nil }
            // A hair of slack for rounding; the ranker re-checks the exact bound.
            return LocalQuery.PriceBound(currency: currency, min: min.map { $0 * (1 - 1e-9) }, max: max.map { $0 * (1 + 1e-9) })
        }
    }

    func candidate(from stored: StoredProduct) -> RankCandidate {
        RankCandidate(product: stored.productResult(marketplace: name), description: stored.record.description,
                      listPrice: stored.record.listPrice, relevance: stored.relevance, words: stored.words)
    }
}

extension StoredProduct {
    /// The product as clients see it. A product with no current price shows 0 and says so.
    func productResult(marketplace: String) -> ProductResult {
        var attributes = record.attributes
        if record.price == nil { attributes["availability"] = "no current price" }
        return ProductResult(
            id: record.publicID, title: record.title, brand: record.brand,
            category: record.categoryPath.joined(separator: " > "), price: record.price ?? 0, currency: record.currency,
            url: record.url, imageURL: record.imageURL, rating: record.rating, reviewCount: record.ratingCount,
            marketplace: marketplace, attributes: attributes)
    }
}
