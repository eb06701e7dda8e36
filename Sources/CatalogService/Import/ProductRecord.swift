import Foundation

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
        _ bytes: some Collection<UInt8>, defaultSource: String, defaultCurrency: String, decoder: JSONDecoder = JSONDecoder()
    ) throws(RowRejection) -> ProductRecord {
        let row: JSONLineRow
        do {
            row = try decoder.decode(JSONLineRow.self, from: Data(bytes))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw RowRejection("not a JSON object")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw RowRejection("\(context.codingPath.first?.stringValue ?? "a field") has the wrong type")
        } catch {
            throw RowRejection("invalid JSON")
        }
        return try record(from: row.fields, defaultSource: defaultSource, defaultCurrency: defaultCurrency)
    }

    static func record(
        from fields: [String: Any], defaultSource: String, defaultCurrency: String
    ) throws(RowRejection) -> ProductRecord {
        let id: String
        switch fields["id"] {
        case let text as String where !text.trimmingCharacters(in: .whitespaces).isEmpty: id = text
        case let number as NSNumber where !isBoolean(number): id = formatNumber(number.doubleValue)
        default: throw RowRejection("missing id")
        }
        guard let title = (fields["title"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !title.isEmpty else { throw RowRejection("missing title") }
        guard title.count <= maximumTitleLength else { throw RowRejection("title too long") }
        let source = nonEmptyText(fields["source"]) ?? defaultSource
        guard !source.isEmpty, !source.contains(":") else { throw RowRejection("invalid source") }
        let price = try number(fields["price"], name: "price")
        let listPrice = try number(fields["list_price"], name: "list_price")
        if let price, price < 0 { throw RowRejection("negative price") }
        let currency = (nonEmptyText(fields["currency"]) ?? defaultCurrency).uppercased()
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw RowRejection("invalid currency")
        }
        var rating = try number(fields["rating"], name: "rating")
        if let value = rating, !(0...10).contains(value) { rating = nil }
        let ratingCount = try number(fields["rating_count"], name: "rating_count").map { Int(max(0, $0)) }
        let path: [String]
        switch fields["category_path"] {
        case let list as [Any]:
            path = list.compactMap { ($0 as? String)?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case let text as String:
            path = text.split(separator: ">").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        default: path = []
        }
        var attributes: [String: String] = [:]
        if let raw = fields["attributes"] as? [String: Any] {
            for (key, value) in raw {
                if let text = attributeText(value), !text.isEmpty { attributes[key] = text }
            }
        }
        let images = fields["image_urls"] as? [Any]
        return ProductRecord(
            source: source, sourceID: id, title: title, brand: nonEmptyText(fields["brand"]), categoryPath: path,
            price: price, listPrice: listPrice, currency: currency, description: nonEmptyText(fields["description"]),
            rating: rating, ratingCount: ratingCount, imageURL: images?.first as? String,
            url: nonEmptyText(fields["url"]), attributes: attributes)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization boxes JSON true/false as char-typed NSNumbers; JSON numbers never are.
        String(cString: number.objCType) == "c"
    }

    private static func nonEmptyText(_ value: Any?) -> String? {
        guard let text = (value as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }

    /// A number, a numeric string, or null/absent; anything else rejects the row.
    private static func number(_ value: Any?, name: String) throws(RowRejection) -> Double? {
        switch value {
        case nil, is NSNull: return nil
        case is ParsedBool: throw RowRejection("\(name) is not a number")
        case let number as NSNumber:
            let double = number.doubleValue
            guard double.isFinite else { throw RowRejection("\(name) is not a number") }
            return double
        case let text as String:
            let cleaned = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
            if cleaned.isEmpty { return nil }
            guard let double = Double(cleaned), double.isFinite else { throw RowRejection("\(name) is not a number") }
            return double
        default:
            throw RowRejection("\(name) is not a number")
        }
    }

    static func attributeText(_ value: Any) -> String? {
        switch value {
        case let text as String: return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case let flag as ParsedBool: return flag.value ? "yes" : "no"
        case let number as NSNumber:
            if isBoolean(number) { return number.boolValue ? "yes" : "no" }
            return formatNumber(number.doubleValue)
        case let list as [Any]:
            let parts = list.compactMap { attributeText($0) }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        default: return nil
        }
    }

    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// Any JSON value, decoded with `JSONDecoder` (much faster on Linux than `JSONSerialization`).
enum JSONValue: Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as `ProductRecordParser.record(from:)` reads it (the shapes `JSONSerialization` gives).
    var foundationValue: Any {
        switch self {
        case .string(let text): text
        case .number(let number): NSNumber(value: number)
        case .bool(let flag): ParsedBool(value: flag)
        case .array(let list): list.map(\.foundationValue)
        case .object(let object): object.mapValues(\.foundationValue)
        case .null: NSNull()
        }
    }
}

/// A JSON boolean, kept apart from numbers.
struct ParsedBool {
    var value: Bool
}

/// The shared data schema's common fields, decoded with their types (unknown keys are skipped),
/// so a row costs no dynamic casts.
struct JSONLineRow: Decodable {
    /// A number or a string holding one (some sources quote prices).
    enum Scalar: Decodable {
        case number(Double)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        var foundationValue: Any {
            switch self {
            case .number(let number): NSNumber(value: number)
            case .text(let text): text
            }
        }
    }

    var id: Scalar?
    var source: String?
    var title: String?
    var brand: String?
    var categoryPath: [String?]?
    var price: Scalar?
    var listPrice: Scalar?
    var currency: String?
    var description: String?
    var rating: Scalar?
    var ratingCount: Scalar?
    var imageURLs: [String?]?
    var url: String?
    var attributes: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case id, source, title, brand, price, currency, description, rating, url, attributes
        case categoryPath = "category_path"
        case listPrice = "list_price"
        case ratingCount = "rating_count"
        case imageURLs = "image_urls"
    }

    /// The row in the shape `ProductRecordParser.record(from:)` validates.
    var fields: [String: Any] {
        var fields: [String: Any] = [:]
        fields["id"] = id?.foundationValue
        fields["source"] = source
        fields["title"] = title
        fields["brand"] = brand
        fields["category_path"] = categoryPath?.compactMap { $0 }
        fields["price"] = price?.foundationValue
        fields["list_price"] = listPrice?.foundationValue
        fields["currency"] = currency
        fields["description"] = description
        fields["rating"] = rating?.foundationValue
        fields["rating_count"] = ratingCount?.foundationValue
        fields["image_urls"] = imageURLs?.compactMap { $0 }
        fields["url"] = url
        fields["attributes"] = attributes?.mapValues(\.foundationValue)
        return fields
    }
}
