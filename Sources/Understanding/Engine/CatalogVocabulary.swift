import Shared

/// The catalog's own names for categories and brands: what the engines recognise and what they
/// write into a `RequirementSpec` (the catalog matches them case-insensitively).
///
/// Wire shapes (catalog-service): `GET /v1/categories` →
/// `{"categories":[{"name":"Laptops","path":["Electronics","Laptops"],"count":23}]}` and
/// `GET /v1/brands` → `{"brands":[{"name":"Dell","count":12,"categories":["Electronics","Laptops"]}]}`.
public struct CatalogVocabulary: Sendable, Hashable, Codable {
    public struct Category: Sendable, Hashable, Codable {
        public var name: String
        public var path: [String]
        public var count: Int
        /// Words its listings use, most used first, as the catalog counts them (singular): a
        /// follow-up naming one ("quiet switches" after keyboards) refines the search of this
        /// category rather than asking for another thing. Empty when the catalog sends none.
        public var words: [String]

        public init(name: String, path: [String] = [], count: Int = 0, words: [String] = []) {
            self.name = name
            self.path = path.isEmpty ? [name] : path
            self.count = count
            self.words = words
        }

        enum CodingKeys: String, CodingKey { case name, path, count, words }

        /// Whether none of `categories` is under it: "Running Shoes", not "Shoes", of both.
        public func isNarrowest(among categories: [Category]) -> Bool {
            !categories.contains { $0.path.count > path.count && $0.path.starts(with: path) }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            path = try c.decodeIfPresent([String].self, forKey: .path) ?? [name]
            count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 0
            words = try c.decodeIfPresent([String].self, forKey: .words) ?? []
        }
    }

    public struct Brand: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int
        /// The categories (names of any level) it has products in, most first: a brand named by
        /// an ordinary word ("Instant", "Core", "Fully") is meant only of those. Empty when unknown.
        public var categories: [String]

        public init(name: String, count: Int = 0, categories: [String] = []) {
            self.name = name
            self.count = count
            self.categories = categories
        }

        enum CodingKeys: String, CodingKey { case name, count, categories }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 0
            categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        }
    }

    public var categories: [Category]
    public var brands: [Brand]
    /// The rates the catalog converts prices by (`GET /v1/categories`' `currency_rates`).
    public var rates = CurrencyRates()

    enum CodingKeys: String, CodingKey { case categories, brands }

    public init(categories: [Category], brands: [Brand], rates: CurrencyRates = CurrencyRates()) {
        self.categories = categories
        self.brands = brands
        self.rates = rates
    }

    /// The catalog's vocabulary merged with the built-in one: the catalog's names win, and
    /// built-in entries the catalog lacks stay recognisable.
    public func merged(withFallback fallback: CatalogVocabulary = .builtIn) -> CatalogVocabulary {
        var categories = self.categories
        let known = Set(categories.map { $0.name.lowercased() })
        // A built-in category the catalog stocks under another of its names ("Video Cards" for
        // "Graphics Cards"): the catalog's name stands for it (`Lexicon` gives it the built-in
        // knowledge), rather than the built-in name as a category with no products.
        let knownSynonyms = Set(categories.map { CategoryKnowledge.synonymForm(of: $0.name) })
        let namedOtherwise = Set(BuiltInVocabulary.knowledge.filter { $0.synonyms.contains(where: knownSynonyms.contains) }
            .map { $0.name.lowercased() })
        // Built-in categories rank after the catalog's in clarifying examples.
        categories += fallback.categories.filter { !known.contains($0.name.lowercased()) && !namedOtherwise.contains($0.name.lowercased()) }
            .map { CatalogVocabulary.Category(name: $0.name, path: $0.path, count: 0) }
        // A catalog that does not say what a brand makes leaves what the built-in one knows.
        let fallbackBrands = Dictionary(fallback.brands.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var brands = self.brands.map { brand in
            var brand = brand
            if brand.categories.isEmpty { brand.categories = fallbackBrands[brand.name.lowercased()]?.categories ?? [] }
            return brand
        }
        let knownBrands = Set(brands.map { $0.name.lowercased() })
        brands += fallback.brands.filter { !knownBrands.contains($0.name.lowercased()) }
        return CatalogVocabulary(categories: categories, brands: brands, rates: rates)
    }

    /// Category names for a clarifying question, most stocked first.
    public func exampleCategories(_ limit: Int) -> [String] {
        Array(categories.enumerated()
            .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
            .prefix(limit).map(\.element.name))
    }
}

/// The wire shapes of the catalog's vocabulary routes.
struct CategoriesResponse: Decodable, Sendable {
    var categories: [CatalogVocabulary.Category]
    /// Absent from a catalog older than the field: the default rates stand.
    var currencyRates: [String: Double]?

    enum CodingKeys: String, CodingKey { case categories, currencyRates = "currency_rates" }
}
struct BrandsResponse: Decodable, Sendable { var brands: [CatalogVocabulary.Brand] }
