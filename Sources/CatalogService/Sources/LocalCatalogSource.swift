import Foundation
import Shared

/// The local SQLite catalog as a marketplace.
public struct LocalCatalogSource: MarketplaceSource {
    public let name: String
    public let store: CatalogStore
    public let rates: CurrencyRates
    /// Each currency's worth in US dollars, by which searches order prices (`LocalQuery.priceScale`).
    let priceScale: [String: Double]
    /// Its SQLite file and index are in this process.
    public var answersInProcess: Bool { true }

    public init(name: String = "local", store: CatalogStore, rates: CurrencyRates) {
        self.name = name
        self.store = store
        self.rates = rates
        priceScale = Dictionary(uniqueKeysWithValues: rates.currencies.compactMap { code in
            rates.convert(1, from: code, to: "USD").map { (code, $0) }
        })
    }

    public func search(_ request: SourceRequest) async throws -> SourceAnswer {
        let spec = request.spec
        var text = Self.textQuery(for: spec, categoryIsKnown: request.categoryTerms != nil, nameHead: request.nameHead)
        if let widensBy = text?.widensBy, widensBy.count > 1 {
            text?.widensBy = try await Self.withoutCategoryNames(widensBy, store: store)
        }
        let order: LocalQuery.Order = switch spec.sort {
        case .relevance: .relevance
        case .rating: .popularity
        case .priceAscending: .priceAscending
        case .priceDescending: .priceDescending
        }
        let query = LocalQuery(
            text: text, categoryTerms: request.categoryTerms, priceBounds: priceBounds(spec.budget),
            excludedBrands: spec.excludedBrands.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            order: order, limit: request.limit, priceScale: priceScale)
        var fallback: LocalQuery?
        if text != nil, request.categoryTerms != nil {
            // Few text matches inside a known category: fill up with the category's best sellers.
            fallback = query
            fallback?.text = nil
            fallback?.order = order == .relevance ? .popularity : order
        }
        let (products, total) = try await store.search(query, fillingUpWith: fallback)
        return SourceAnswer(candidates: products.map { candidate(from: $0) }, totalFound: total)
    }

    /// The spec's words for the full-text index, AND first: each query word, feature word and
    /// wanted attribute word is a group of its own, the brands asked for one group (any of them),
    /// and an unknown category's words (it still says what the shopper wants) a group each.
    /// One-letter words are left out unless they are numbers; `nil` when no word is left.
    ///
    /// Without a known category to keep a widened search to the right kind of product, it widens
    /// only by the words that name the product: the query's words that are no feature, wanted
    /// attribute, brand, use or qualifier of the unknown category, and that category's last word
    /// (`withoutCategoryNames` then drops those that name a category of the catalog).
    static func textQuery(for spec: RequirementSpec, categoryIsKnown: Bool, nameHead: String? = nil) -> TextQuery? {
        func usable(_ words: [String]) -> [String] {
            words.filter { word in
                // ASCII words (nearly all) by their bytes, without breaking them into Characters.
                guard word.isAllASCII else { return word.count > 1 || word.allSatisfy(\.isNumber) }
                return word.utf8.count > 1 || word.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
            }
        }
        // A feature of one word is found by the words listings say it with too, one of them
        // ("simple": "Plain Gold Chain"; `Ranker.featureSynonyms`): before, only the ranking knew
        // them, and the products that say them seldom reached it.
        // So is one an attribute's name states (a keyboard's "switches"), which only the ranking
        // reads as the attribute's.
        var featureGroups: [String: [String]] = [:]
        for feature in spec.features {
            let words = usable(Ranker.tokens(feature)), name = feature.trimmingWhitespace.lowercased()
            guard words.count == 1 else { continue }
            let synonyms = (Ranker.featureSynonyms[name] ?? []) + [FeatureSynonyms.statingAttributes[name].map(Ranker.tokens) ?? []]
            let found = usable(synonyms.filter { $0.count == 1 }.map { $0[0] })
            if !found.isEmpty { featureGroups[words[0]] = words + found }
        }
        let queryWords = usable(Ranker.queryTokens(of: spec))
        // A word spelled two ways in listings finds either ("saree": "Silk Sari").
        var groups = queryWords.map { featureGroups[$0] ?? [$0] + (SpellingVariants.other(of: $0).map { [$0] } ?? []) }
        // An excluded colour is a filter (`Ranker.isExcluded`) and an order ("most") a tier of the
        // ranking (`Ranker.OrderedMeasure`), not words to find.
        let wanted = spec.attributes.filter {
            $0.key != Ranker.excludedColorKey && !RequirementSpec.constraintKeys.contains($0.key) && MeasureOrder(value: $0.value) == nil
        }
        var qualifiers: [String] = []
        for feature in spec.features {
            let words = usable(Ranker.tokens(feature))
            let group = words.count == 1 ? featureGroups[words[0]] : nil
            qualifiers += group ?? words
            groups += group.map { [$0] } ?? words.map { [$0] }
        }
        for text in wanted.sorted(by: { $0.key < $1.key }).map(\.value) {
            let words = usable(Ranker.tokens(text))
            qualifiers += words
            groups += words.map { [$0] }
        }
        let categoryWords = categoryIsKnown ? [] : usable(spec.category.map(Ranker.tokens) ?? [])
        groups += categoryWords.map { [$0] }
        let brandWords = usable(spec.brands.flatMap(Ranker.tokens))
        groups.append(brandWords)
        var text = TextQuery(groups: groups, needsEveryGroup: true)
        if !categoryIsKnown {
            // A use ("for a wedding") says what the thing is for, not what it is: a widened search
            // by it found a TV for "a suit for a party".
            let useWords = spec.useCase.map(Ranker.tokens) ?? []
            // An unknown category is named by its last word: the words before qualify it, and
            // alone find other things ("power" of "power supplies" found blenders with "Power"
            // in their titles, on a catalog without power supplies).
            let categoryQualifiers = categoryWords.dropLast()
            var widensBy = Set(queryWords).subtracting(qualifiers).subtracting(brandWords).subtracting(useWords)
                .union(categoryWords.suffix(1)).subtracting(categoryQualifiers)
            // So is a thing asked for by name, with no category ("rice cooker", "iphone 15 case"):
            // by its head noun (`SearchService.nameHead`); the words before only score what it
            // finds (before, "Rice" and rice lights for a rice cooker, with pressure cookers stocked).
            if let nameHead, widensBy.count > 1, widensBy.contains(nameHead) { widensBy = [nameHead] }
            text.widensBy = widensBy
        }
        return text.groups.isEmpty ? nil : text
    }

    /// The words a widened search without a known category may find products by, without those
    /// that name a category of the catalog: "desk lamp" asked for a lamp, where "desk" alone found
    /// desks (had desks been wanted, the category would be known). All of them when every word
    /// names one.
    static func withoutCategoryNames(_ words: Set<String>, store: CatalogStore) async throws -> Set<String> {
        var kept = words
        for word in words where try await store.firstKnownCategoryTerm([CategoryVocabulary.canonicalTerm(word)]) != nil {
            kept.remove(word)
        }
        return kept.isEmpty ? words : kept
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
        // A product without a price gains an attribute saying so: the ranker works those out again.
        RankCandidate(product: stored.productResult(marketplace: name), description: stored.record.description,
                      listPrice: stored.record.listPrice, relevance: stored.relevance, words: stored.words,
                      comparableAttributes: stored.record.price == nil ? nil : stored.comparableAttributes)
    }
}

extension StoredProduct {
    /// The product as clients see it. A product with no current price shows 0 and says so.
    func productResult(marketplace: String) -> ProductResult {
        var attributes = record.attributes
        if record.price == nil { attributes["availability"] = "no current price" }
        return ProductResult(
            id: row.publicID, title: record.title, brand: record.brand,
            category: row.category, price: record.price ?? 0, currency: record.currency,
            url: record.url, imageURL: record.imageURL, rating: record.rating, reviewCount: record.ratingCount,
            marketplace: marketplace, attributes: attributes)
    }

    /// The product as one looked up by id is given: with its description, up to
    /// `describedLength` characters (cut at a word), and its list price, which questions about it read.
    func describedProductResult(marketplace: String) -> ProductResult {
        var product = productResult(marketplace: marketplace)
        product.listPrice = record.listPrice
        product.description = record.description.flatMap { text in
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count > Self.describedLength else { return text.isEmpty ? nil : text }
            let cut = text.prefix(Self.describedLength)
            return String(cut[..<(cut.lastIndex(where: \.isWhitespace) ?? cut.endIndex)]) + "…"
        }
        return product
    }

    /// How much of a description a product looked up by id carries: imported listings run to
    /// thousands of characters, and the part a shopper's question finds is nearly always early.
    static let describedLength = 1_000
}
