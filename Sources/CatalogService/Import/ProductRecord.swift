import Foundation
import Shared

/// One product as stored in the local catalog: the common fields of `../shared/data/README.md`.
public struct ProductRecord: Sendable, Hashable {
    public var source: String
    public var sourceID: String
    public var title: String
    public var brand: String?
    public var categoryPath: [String]
    public var price: Double?
    public var listPrice: Double?
    /// ISO 4217, upper case.
    public var currency: String
    public var description: String?
    public var rating: Double?
    public var ratingCount: Int?
    public var imageURL: String?
    public var url: String?
    /// Attribute values flattened to text (lists joined with ", ").
    public var attributes: [String: String]

    public init(
        source: String, sourceID: String, title: String, brand: String? = nil, categoryPath: [String] = [],
        price: Double? = nil, listPrice: Double? = nil, currency: String = "USD", description: String? = nil,
        rating: Double? = nil, ratingCount: Int? = nil, imageURL: String? = nil, url: String? = nil,
        attributes: [String: String] = [:]
    ) {
        self.source = source
        self.sourceID = sourceID
        self.title = title
        self.brand = brand
        self.categoryPath = categoryPath
        self.price = price
        self.listPrice = listPrice
        self.currency = currency
        self.description = description
        self.rating = rating
        self.ratingCount = ratingCount
        self.imageURL = imageURL
        self.url = url
        self.attributes = attributes
    }

    /// The id clients see: `source:source_id`, unique across sources.
    public var publicID: String { "\(source):\(sourceID)" }
}

/// Why one input row was not imported.
public struct RowRejection: Error, Sendable, Equatable {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }
}

/// Turns one JSON Lines row (the shared data schema) into a `ProductRecord`, or says why not.
public enum ProductRecordParser {
    public static let maximumTitleLength = 1_000

    /// - Parameters:
    ///   - defaultSource: used when the row has no `source`.
    ///   - defaultCurrency: used when the row has no `currency`.
    public static func parseJSONLine(
        _ bytes: some Collection<UInt8>, defaultSource: String, defaultCurrency: String
    ) throws(RowRejection) -> ProductRecord {
        let parsed: [String: JSONValue]?
        do {
            // Only the schema's fields are built; the rest of a row (specifications, HTML, variants)
            // is checked and skipped.
            parsed = try JSONScanner.parseObject(bytes, keeping: schemaFields)
        } catch {
            throw RowRejection("invalid JSON")
        }
        guard let fields = parsed else { throw RowRejection("not a JSON object") }
        try checkTypes(of: fields)
        return try record(from: fields, defaultSource: defaultSource, defaultCurrency: defaultCurrency)
    }

    private enum Kind { case scalar, text, textList, object }

    /// The common fields of the shared data schema, in schema order, with their JSON types.
    private static let schema: [(String, Kind)] = [
        ("id", .scalar), ("source", .text), ("title", .text), ("brand", .text), ("category_path", .textList),
        ("price", .scalar), ("list_price", .scalar), ("currency", .text), ("description", .text),
        ("rating", .scalar), ("rating_count", .scalar), ("image_urls", .textList), ("url", .text),
        ("attributes", .object),
    ]
    private static let schemaFields = Set(schema.map(\.0))

    /// The common fields' JSON types, checked in schema order so the first wrong one is named
    /// (`null` always allowed; unknown keys ignored).
    static func checkTypes(of fields: [String: JSONValue]) throws(RowRejection) {
        for (name, kind) in schema {
            guard let value = fields[name] else { continue }
            let isValid = switch (kind, value) {
            case (_, .null), (.scalar, .number), (.scalar, .string), (.text, .string), (.object, .object): true
            case (.textList, .array(let list)):
                list.allSatisfy { if case .string = $0 { true } else { $0 == .null } }
            default: false
            }
            guard isValid else { throw RowRejection("\(name) has the wrong type") }
        }
    }

    static func record(
        from fields: [String: JSONValue], defaultSource: String, defaultCurrency: String
    ) throws(RowRejection) -> ProductRecord {
        let id: String
        switch fields["id"] {
        case .string(let text)? where !trimmed(text).isEmpty: id = text
        case .number(let number)?: id = formatNumber(number)
        default: throw RowRejection("missing id")
        }
        guard let title = nonEmptyText(fields["title"]) else { throw RowRejection("missing title") }
        guard title.count <= maximumTitleLength else { throw RowRejection("title too long") }
        let source = nonEmptyText(fields["source"]) ?? defaultSource
        guard !source.isEmpty, !source.utf8.contains(UInt8(ascii: ":")) else { throw RowRejection("invalid source") }
        let price = try number(fields["price"], name: "price")
        let listPrice = try number(fields["list_price"], name: "list_price")
        if let price, price < 0 { throw RowRejection("negative price") }
        let currency = (nonEmptyText(fields["currency"]) ?? defaultCurrency).uppercased()
        guard currency.utf8.count == 3,
              currency.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            throw RowRejection("invalid currency")
        }
        var rating = try number(fields["rating"], name: "rating")
        if let value = rating, !(0...10).contains(value) { rating = nil }
        // Clamped before the conversion: Int(_:) traps on a Double out of its range.
        let ratingCount = try number(fields["rating_count"], name: "rating_count").map { Int(min(max(0, $0), 1e15)) }
        let path = texts(fields["category_path"]).map { trimmed($0, newlines: false) }.filter { !$0.isEmpty }
        var attributes: [String: String] = [:]
        // Each stored attribute's key by its `AttributeName.key`, worked out once per row.
        var keys: [String: String] = [:]
        if case .object(let raw)? = fields["attributes"] {
            var names: [(key: String, name: String)] = []
            names.reserveCapacity(raw.count)
            for key in raw.keys { names.append((key, AttributeName.key(key))) }
            let statesPricePerGB = names.contains { $0.name == "price_per_gb" }
            for (key, name) in names {
                guard let value = raw[key], let text = statedValue(value, key: key, name: name, statesPricePerGB: statesPricePerGB),
                      !text.isEmpty else { continue }
                attributes[key] = text
                if keys[name] == nil { keys[name] = key }
            }
            addImpliedAttributes(to: &attributes, keys: &keys)
        }
        // The department a product is filed under says whom it is for ("Footwear > Men's
        // Footwear > …"), when its attributes do not: the ranker and the reply read `gender`.
        if keys["gender"] == nil, let gender = path.dropLast().lazy.compactMap(Gender.department(in:)).first {
            attributes["gender"] = gender
        }
        return ProductRecord(
            source: source, sourceID: id, title: completedTitle(title, attributes: attributes, keys: keys, kind: path.last),
            brand: nonEmptyText(fields["brand"]), categoryPath: path,
            price: price, listPrice: listPrice, currency: currency, description: nonEmptyText(fields["description"]),
            rating: rating, ratingCount: ratingCount, imageURL: texts(fields["image_urls"]).first,
            url: nonEmptyText(fields["url"]), attributes: attributes)
    }

    /// The strings of a list (other elements skipped); `[]` for anything but a list.
    private static func texts(_ value: JSONValue?) -> [String] {
        guard case .array(let list)? = value else { return [] }
        return list.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    private static func nonEmptyText(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        let result = trimmed(text)
        return result.isEmpty ? nil : result
    }

    /// `text` without leading and trailing white space (and newlines unless `newlines` is false).
    /// Most values have none, so that case costs two byte checks and no Foundation call.
    static func trimmed(_ text: String, newlines: Bool = true) -> String {
        func isPlain(_ byte: UInt8?) -> Bool {
            guard let byte else { return true }
            return byte > 0x20 && byte < 0x80
        }
        if isPlain(text.utf8.first), isPlain(text.utf8.last) { return text }
        return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// A number, a numeric string, or null/absent; anything else rejects the row.
    private static func number(_ value: JSONValue?, name: String) throws(RowRejection) -> Double? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)?:
            guard number.isFinite else { throw RowRejection("\(name) is not a number") }
            return number
        case .string(let text)?:
            let cleaned = trimmed(text.contains(",") ? text.replacingOccurrences(of: ",", with: "") : text, newlines: false)
            if cleaned.isEmpty { return nil }
            guard let double = Double(cleaned), double.isFinite else { throw RowRejection("\(name) is not a number") }
            return double
        default:
            throw RowRejection("\(name) is not a number")
        }
    }

    static func attributeText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return trimmed(text)
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let number): return formatNumber(number)
        case .array(let list):
            let parts = list.compactMap { attributeText($0) }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        case .object, .null: return nil
        }
    }

    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
