/// One ranked product as the client sees it (protocol.md §3).
public struct ProductResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var brand: String?
    public var category: String
    /// In `currency`, the product's own.
    public var price: Double
    public var currency: String
    public var url: String?
    public var imageURL: String?
    public var rating: Double?
    public var reviewCount: Int?
    public var marketplace: String
    public var attributes: [String: String]
    /// 0–1 ranking score.
    public var score: Double
    /// Why it fits, in words a shopper understands ("under $1,000", "16GB RAM").
    public var matchReasons: [String]
    /// The listing's description, given only for a product looked up by id (`GET
    /// /v1/products/{id}`), which a question about that product reads; search results leave it out
    /// (`nil`, not encoded): they are sent and stored on every turn, and no reply reads them.
    public var description: String?
    /// The price the listing says it usually sells at, given, like `description`, only for a
    /// product looked up by id: "is it on sale?" is answered from it ("$249, down from $329").
    public var listPrice: Double?

    public init(
        id: String, title: String, brand: String?, category: String, price: Double, currency: String,
        url: String? = nil, imageURL: String? = nil, rating: Double? = nil, reviewCount: Int? = nil,
        marketplace: String, attributes: [String: String] = [:], score: Double = 0, matchReasons: [String] = [],
        description: String? = nil, listPrice: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.brand = brand
        self.category = category
        self.price = price
        self.currency = currency
        self.url = url
        self.imageURL = imageURL
        self.rating = rating
        self.reviewCount = reviewCount
        self.marketplace = marketplace
        self.attributes = attributes
        self.score = score
        self.matchReasons = matchReasons
        self.description = description
        self.listPrice = listPrice
    }

    enum CodingKeys: String, CodingKey {
        case id, title, brand, category, price, currency, url
        case imageURL = "image_url"
        case rating
        case reviewCount = "review_count"
        case marketplace, attributes, score
        case matchReasons = "match_reasons"
        case description
        case listPrice = "list_price"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        brand = try c.decodeIfPresent(String.self, forKey: .brand)
        category = try c.decode(String.self, forKey: .category)
        price = try c.decode(Double.self, forKey: .price)
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? "USD"
        url = try c.decodeIfPresent(String.self, forKey: .url)
        imageURL = try c.decodeIfPresent(String.self, forKey: .imageURL)
        rating = try c.decodeIfPresent(Double.self, forKey: .rating)
        reviewCount = try c.decodeIfPresent(Int.self, forKey: .reviewCount)
        marketplace = try c.decode(String.self, forKey: .marketplace)
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        score = try c.decodeIfPresent(Double.self, forKey: .score) ?? 0
        matchReasons = try c.decodeIfPresent([String].self, forKey: .matchReasons) ?? []
        description = try c.decodeIfPresent(String.self, forKey: .description)
        listPrice = try c.decodeIfPresent(Double.self, forKey: .listPrice)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(brand, forKey: .brand)
        try c.encode(category, forKey: .category)
        try c.encode(price, forKey: .price)
        try c.encode(currency, forKey: .currency)
        try c.encode(url, forKey: .url)
        try c.encode(imageURL, forKey: .imageURL)
        try c.encode(rating, forKey: .rating)
        try c.encode(reviewCount, forKey: .reviewCount)
        try c.encode(marketplace, forKey: .marketplace)
        try c.encode(attributes, forKey: .attributes)
        try c.encode(score, forKey: .score)
        try c.encode(matchReasons, forKey: .matchReasons)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(listPrice, forKey: .listPrice)
    }
}

extension ProductResult {
    /// The value the product states under `key` (an `AttributeName.key`), whichever way its
    /// listing writes the key ("Response Time" for `response_time`).
    public func attribute(_ key: String) -> String? {
        attributes[key] ?? attributes.first { AttributeName.key($0.key) == key }?.value
    }

    /// The discount in whole per cent of a price at least 5 % below the list price; `nil` for
    /// any other (a few cents off is no sale).
    public static func discount(price: Double, listPrice: Double?) -> Int? {
        guard let listPrice, listPrice > price * 1.05, price > 0 else { return nil }
        return Int(((1 - price / listPrice) * 100).rounded())
    }

    /// Whether the product is of `brand`, ignoring case: its brand is it, or its title names it
    /// as whole words ("Sapphire Pulse AMD Radeon RX 7600" is an AMD card, made by Sapphire)
    /// before any word that makes the rest what it goes with ("Phone Holder For Apple iPhone 6"
    /// is no Apple product).
    /// A chip maker's product line, which a card's title names instead of the maker ("Gigabyte
    /// GeForce RTX 4060 Ti" is an NVIDIA card), is the maker too.
    public func isOf(brand: String) -> Bool {
        if let own = self.brand, own.lowercased() == brand.lowercased() { return true }
        let name = TextWords.of(brand)
        guard let first = name.first else { return false }
        // Most titles do not have the brand's first word at all: no words to split then (a
        // reply asks this of every product it names, and splitting was a tenth of its cost).
        let lines = Self.productLines[brand.lowercased()] ?? []
        guard title.containsASCII(caseInsensitive: first) != false
                || lines.contains(where: { title.containsASCII(caseInsensitive: $0[0]) != false }) else { return false }
        var titleWords = TextWords.of(title)
        if let end = titleWords.firstIndex(where: Self.accessoryWords.contains) { titleWords.removeSubrange(end...) }
        func named(_ words: [String]) -> Bool {
            titleWords.count >= words.count
                && (0...(titleWords.count - words.count)).contains { titleWords[$0..<($0 + words.count)].elementsEqual(words) }
        }
        return named(name) || lines.contains(where: named)
    }

    /// Words with which a title says the product is for children ("Fire HD 8 Kids Edition"), in
    /// both numbers: the catalog compares titles singular, a reply in either number.
    public static let childrenTitleWords = ["kid", "kids", "children", "child", "toddler", "toddlers", "youth", "junior"]

    /// Title words after which a brand is what the product goes with, not its maker.
    static let accessoryWords: Set<String> = ["for", "compatible", "fits", "fit"]

    /// Product lines by their maker, lower-cased, as whole words of a title: a line's name with
    /// its series ("GeForce RTX"), as a "Radeon-style" cooler names none.
    static let productLines: [String: [[String]]] = [
        "nvidia": [["geforce", "rtx"], ["geforce", "gtx"]], "amd": [["radeon", "rx"]],
    ]
}

/// How one marketplace answered a search.
public struct SourceStatus: Sendable, Hashable, Codable {
    public var marketplace: String
    public var count: Int
    public var latencyMilliseconds: Int
    /// `nil` when the source answered; otherwise why not ("deadline exceeded").
    public var error: String?

    public init(marketplace: String, count: Int, latencyMilliseconds: Int, error: String? = nil) {
        self.marketplace = marketplace
        self.count = count
        self.latencyMilliseconds = latencyMilliseconds
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case marketplace, count
        case latencyMilliseconds = "latency_ms"
        case error
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        marketplace = try c.decode(String.self, forKey: .marketplace)
        count = try c.decode(Int.self, forKey: .count)
        latencyMilliseconds = try c.decode(Int.self, forKey: .latencyMilliseconds)
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(marketplace, forKey: .marketplace)
        try c.encode(count, forKey: .count)
        try c.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try c.encode(error, forKey: .error)
    }
}

/// What a search across marketplaces returns: the ranked products and each source's status.
public struct SearchResults: Sendable, Hashable, Codable {
    public var products: [ProductResult]
    /// Matches before the limit was applied, summed over the sources.
    public var totalFound: Int
    public var sources: [SourceStatus]

    public init(products: [ProductResult], totalFound: Int, sources: [SourceStatus]) {
        self.products = products
        self.totalFound = totalFound
        self.sources = sources
    }

    /// The most product ids a search may exclude (the catalog's `exclude_ids`: products shown on
    /// earlier pages of the same search).
    public static let maximumExcludedIDs = 1000

    enum CodingKeys: String, CodingKey {
        case products
        case totalFound = "total_found"
        case sources
    }
}
