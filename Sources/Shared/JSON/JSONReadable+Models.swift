/// Readers for the models the workers and services read on every turn: the catalog's search
/// response, the requirement spec and the checkpoint's fields. Each reads what its `Decodable`
/// form reads: the same keys and defaults, unknown keys skipped, a missing required member an
/// error (`JSONReadableTests` checks each against `JSONDecoder`).

extension String: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) { self = try reader.string() }
}

extension Int: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) { self = try reader.int() }
}

extension Double: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) { self = try reader.double() }
}

extension Bool: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) { self = try reader.bool() }
}

extension Optional: JSONReadable where Wrapped: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self = try reader.readNull() ? nil : Wrapped(json: &reader)
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self = try reader.array { reader throws(JSONReadError) in try Element(json: &reader) }
    }
}

extension JSONReader {
    /// A value of a `RawRepresentable` string enum.
    public mutating func rawValue<Value: RawRepresentable>(_ type: Value.Type) throws(JSONReadError) -> Value
    where Value.RawValue == String {
        let text = try string()
        guard let value = Value(rawValue: text) else { throw error("unknown \(Value.self) \"\(text)\"") }
        return value
    }

    /// A required member's value, or the error naming it.
    public func required<Value>(_ value: Value?, _ key: String) throws(JSONReadError) -> Value {
        guard let value else { throw missing(key) }
        return value
    }
}

extension ProductResult: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var id, title, category, marketplace: String?
        var price: Double?
        var brand, url, imageURL: String?
        var currency = "USD"
        var rating: Double?
        var reviewCount: Int?
        var attributes: [String: String] = [:]
        var score = 0.0
        var matchReasons: [String] = []
        var description: String?
        var listPrice: Double?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "id": id = try reader.string()
            case "title": title = try reader.string()
            case "brand": brand = try reader.optionalString()
            case "category": category = try reader.string()
            case "price": price = try reader.double()
            case "currency": currency = try reader.optionalString() ?? "USD"
            case "url": url = try reader.optionalString()
            case "image_url": imageURL = try reader.optionalString()
            case "rating": rating = try reader.optionalDouble()
            case "review_count": reviewCount = try reader.optionalInt()
            case "marketplace": marketplace = try reader.string()
            case "attributes": attributes = try reader.stringObject()
            case "score": score = try reader.optionalDouble() ?? 0
            case "match_reasons": matchReasons = try reader.strings()
            case "description": description = try reader.optionalString()
            case "list_price": listPrice = try reader.optionalDouble()
            default: try reader.skip()
            }
        }
        self.init(id: try reader.required(id, "id"), title: try reader.required(title, "title"), brand: brand,
                  category: try reader.required(category, "category"), price: try reader.required(price, "price"),
                  currency: currency, url: url, imageURL: imageURL, rating: rating, reviewCount: reviewCount,
                  marketplace: try reader.required(marketplace, "marketplace"), attributes: attributes, score: score,
                  matchReasons: matchReasons, description: description, listPrice: listPrice)
    }
}

extension SourceStatus: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var marketplace: String?
        var count, latency: Int?
        var error: String?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "marketplace": marketplace = try reader.string()
            case "count": count = try reader.int()
            case "latency_ms": latency = try reader.int()
            case "error": error = try reader.optionalString()
            default: try reader.skip()
            }
        }
        self.init(marketplace: try reader.required(marketplace, "marketplace"), count: try reader.required(count, "count"),
                  latencyMilliseconds: try reader.required(latency, "latency_ms"), error: error)
    }
}

extension SearchResults: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var products: [ProductResult]?
        var totalFound: Int?
        var sources: [SourceStatus]?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "products": products = try [ProductResult](json: &reader)
            case "total_found": totalFound = try reader.int()
            case "sources": sources = try [SourceStatus](json: &reader)
            default: try reader.skip()
            }
        }
        self.init(products: try reader.required(products, "products"), totalFound: try reader.required(totalFound, "total_found"),
                  sources: try reader.required(sources, "sources"))
    }
}

extension RequirementSpec.Budget: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self.init()
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "min": min = try reader.optionalDouble()
            case "max": max = try reader.optionalDouble()
            case "currency": currency = try reader.optionalString() ?? "USD"
            default: try reader.skip()
            }
        }
    }
}

extension RequirementSpec: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self.init()
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "category": category = try reader.optionalString()
            case "query": query = try reader.optionalString()
            case "keywords": keywords = try reader.strings()
            case "budget": budget = try reader.readNull() ? Budget() : Budget(json: &reader)
            case "brands": brands = try reader.strings()
            case "excluded_brands": excludedBrands = try reader.strings()
            case "attributes": attributes = try reader.stringObject()
            case "features": features = try reader.strings()
            case "use_case": useCase = try reader.optionalString()
            case "condition": condition = try reader.optionalString()
            case "sort": sort = try reader.readNull() ? .relevance : reader.rawValue(SortOrder.self)
            case "missing_fields": missingFields = try reader.strings()
            case "confidence": confidence = try reader.optionalDouble() ?? 0
            default: try reader.skip()
            }
        }
    }
}

extension TranscriptData: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var text, engine: String?
        var confidence: Double?
        var duration: Int?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "text": text = try reader.string()
            case "confidence": confidence = try reader.double()
            case "duration_ms": duration = try reader.int()
            case "engine": engine = try reader.string()
            default: try reader.skip()
            }
        }
        self.init(text: try reader.required(text, "text"), confidence: try reader.required(confidence, "confidence"),
                  durationMilliseconds: try reader.required(duration, "duration_ms"), engine: try reader.required(engine, "engine"))
    }
}

extension NamedColor: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var name, hex: String?
        var fraction: Double?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "name": name = try reader.string()
            case "hex": hex = try reader.string()
            case "fraction": fraction = try reader.double()
            default: try reader.skip()
            }
        }
        self.init(name: try reader.required(name, "name"), hex: try reader.required(hex, "hex"),
                  fraction: try reader.required(fraction, "fraction"))
    }
}

extension ImageAttributesData: JSONReadable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var colors: [NamedColor]?
        var attributes: [String: String]?
        var labels: [String]?
        var engine: String?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "colors": colors = try [NamedColor](json: &reader)
            case "attributes": attributes = try reader.stringObject()
            case "labels": labels = try reader.strings()
            case "engine": engine = try reader.string()
            default: try reader.skip()
            }
        }
        self.init(colors: try reader.required(colors, "colors"), attributes: try reader.required(attributes, "attributes"),
                  labels: try reader.required(labels, "labels"), engine: try reader.required(engine, "engine"))
    }
}
