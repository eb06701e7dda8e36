/// What the shopper wants, as the understanding nodes build it (protocol.md §3).
///
/// Every field is always encoded: unknown values are `null` or empty, never invented.
public struct RequirementSpec: Sendable, Hashable, Codable {
    public enum SortOrder: String, Sendable, Codable, CaseIterable {
        case relevance
        case priceAscending = "price_asc"
        case priceDescending = "price_desc"
        case rating
    }

    /// A price range in one currency; either bound may be open.
    public struct Budget: Sendable, Hashable, Codable {
        public var min: Double?
        public var max: Double?
        /// ISO 4217 code.
        public var currency: String

        public init(min: Double? = nil, max: Double? = nil, currency: String = "USD") {
            self.min = min
            self.max = max
            self.currency = currency
        }

        public var isOpen: Bool { min == nil && max == nil }

        enum CodingKeys: String, CodingKey { case min, max, currency }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            min = try container.decodeIfPresent(Double.self, forKey: .min)
            max = try container.decodeIfPresent(Double.self, forKey: .max)
            currency = try container.decodeIfPresent(String.self, forKey: .currency) ?? "USD"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
            try container.encode(currency, forKey: .currency)
        }
    }

    /// The attribute that lists words, comma-separated, that a product's title must not have
    /// ("not a standing one" → `excluded_words: standing`): a constraint, like `excluded_color`.
    public static let excludedWordsKey = "excluded_words"
    /// The attribute that makes `brands` a filter when it is "yes" ("nvidia only", "just sony"):
    /// the catalog returns no product of another brand. Without it, brands asked for rank first
    /// and others fill the list.
    public static let brandsOnlyKey = "brands_only"
    /// The attribute that holds the id of a product shown before, when the shopper asked for
    /// products like it ("more like the third one"): the catalog ranks by likeness to it (its
    /// stated details, its price, its brand) and does not return it.
    public static let similarToKey = "similar_to"
    /// The attribute that lists, comma-separated, the ids of products shown before that the
    /// shopper turned down ("I don't like the first one"): the catalog returns none of them.
    public static let excludedProductsKey = "excluded_products"
    /// How many turned-down products a spec remembers: the oldest make room.
    public static let maximumExcludedProducts = 20
    /// Attributes that constrain which products are returned, not values a product has: no
    /// search words, no match reasons.
    public static let constraintKeys: Set<String> = [excludedWordsKey, brandsOnlyKey, similarToKey, excludedProductsKey]
    /// Whether `brands` is a filter (`brandsOnlyKey`).
    public var brandsAreOnly: Bool { !brands.isEmpty && attributes[Self.brandsOnlyKey] == "yes" }
    /// The ids of the products the shopper turned down (`excludedProductsKey`), oldest first.
    public var excludedProductIDs: [String] {
        attributes[Self.excludedProductsKey].map { $0.split(separator: ",").map(String.init).filter { !$0.isEmpty } } ?? []
    }
    /// The id of the product the shopper wants others like (`similarToKey`), if any.
    public var similarProductID: String? { attributes[Self.similarToKey].flatMap { $0.isEmpty ? nil : $0 } }
    /// The feature of a product that sells below its list price ("which ones are on sale?"): no
    /// listing says so in words, its prices do (`ProductResult.discount`).
    public static let onSaleFeature = "on sale"

    public var category: String?
    public var query: String?
    public var keywords: [String]
    public var budget: Budget
    public var brands: [String]
    public var excludedBrands: [String]
    public var attributes: [String: String]
    public var features: [String]
    public var useCase: String?
    public var condition: String?
    public var sort: SortOrder
    public var missingFields: [String]
    /// 0–1: how sure the understanding engine is of this spec.
    public var confidence: Double

    public init(
        category: String? = nil, query: String? = nil, keywords: [String] = [], budget: Budget = Budget(),
        brands: [String] = [], excludedBrands: [String] = [], attributes: [String: String] = [:],
        features: [String] = [], useCase: String? = nil, condition: String? = nil,
        sort: SortOrder = .relevance, missingFields: [String] = [], confidence: Double = 0
    ) {
        self.category = category
        self.query = query
        self.keywords = keywords
        self.budget = budget
        self.brands = brands
        self.excludedBrands = excludedBrands
        self.attributes = attributes
        self.features = features
        self.useCase = useCase
        self.condition = condition
        self.sort = sort
        self.missingFields = missingFields
        self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case category, query, keywords, budget, brands
        case excludedBrands = "excluded_brands"
        case attributes, features
        case useCase = "use_case"
        case condition, sort
        case missingFields = "missing_fields"
        case confidence
    }

    /// Lenient: absent fields take their empty value, so older checkpoints and partial model output decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        query = try c.decodeIfPresent(String.self, forKey: .query)
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        budget = try c.decodeIfPresent(Budget.self, forKey: .budget) ?? Budget()
        brands = try c.decodeIfPresent([String].self, forKey: .brands) ?? []
        excludedBrands = try c.decodeIfPresent([String].self, forKey: .excludedBrands) ?? []
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        features = try c.decodeIfPresent([String].self, forKey: .features) ?? []
        useCase = try c.decodeIfPresent(String.self, forKey: .useCase)
        condition = try c.decodeIfPresent(String.self, forKey: .condition)
        sort = try c.decodeIfPresent(SortOrder.self, forKey: .sort) ?? .relevance
        missingFields = try c.decodeIfPresent([String].self, forKey: .missingFields) ?? []
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(category, forKey: .category)
        try c.encode(query, forKey: .query)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(budget, forKey: .budget)
        try c.encode(brands, forKey: .brands)
        try c.encode(excludedBrands, forKey: .excludedBrands)
        try c.encode(attributes, forKey: .attributes)
        try c.encode(features, forKey: .features)
        try c.encode(useCase, forKey: .useCase)
        try c.encode(condition, forKey: .condition)
        try c.encode(sort, forKey: .sort)
        try c.encode(missingFields, forKey: .missingFields)
        try c.encode(confidence, forKey: .confidence)
    }
}

extension RequirementSpec {
    /// The keywords and features this spec adds to `previous` when it refines the same category's
    /// search ("with a usb port" after table lamps, "polarized ones" after sunglasses), or all of
    /// them when it is the first search, the answer to "which kind of product?" ("toys" after "a
    /// gift for a boy who loves dinosaurs"); `[]` for a new search, and for one without a category
    /// (its reply names the words it searched by).
    public func wordsAdded(since previous: RequirementSpec?) -> [String] {
        guard let previous, let category, !keywords.isEmpty || !features.isEmpty else { return [] }
        let isFirstSearch = previous.category == nil && previous.missingFields.contains("category")
        guard isFirstSearch || previous.category?.lowercased() == category.lowercased() else { return [] }
        return keywords.filter { isFirstSearch || !previous.keywords.contains($0) }
            + features.filter { isFirstSearch || !previous.features.contains($0) }
    }
}
