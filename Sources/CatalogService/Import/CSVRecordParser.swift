import Foundation

/// A streaming RFC 4180 CSV parser: quoted fields may hold commas, quotes (`""`) and newlines.
/// Memory is bounded by `maximumRecordLength`; a longer record is reported once as a `nil` record.
struct CSVRecordParser {
    let maximumRecordLength: Int
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var recordLength = 0
    private var isQuoted = false
    private var quoteSeen = false  // a quote inside a quoted field: an escape or the closing quote
    private var isDiscarding = false

    init(maximumRecordLength: Int = 1 << 20) {
        self.maximumRecordLength = maximumRecordLength
    }

    mutating func feed(_ chunk: some Collection<UInt8>, _ emit: ([String]?) throws -> Void) rethrows {
        for byte in chunk {
            if isDiscarding {
                if byte == UInt8(ascii: "\n") { isDiscarding = false; resetRecord() }
                continue
            }
            recordLength += 1
            if recordLength > maximumRecordLength {
                // Drop the rest of this physical line; a quoted newline inside it cannot be told apart.
                isDiscarding = true
                try emit(nil)
                continue
            }
            if isQuoted {
                if quoteSeen {
                    quoteSeen = false
                    if byte == UInt8(ascii: "\"") { field.append(byte); continue }
                    isQuoted = false  // that quote closed the field; handle this byte below
                } else if byte == UInt8(ascii: "\"") {
                    quoteSeen = true
                    continue
                } else {
                    field.append(byte)
                    continue
                }
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty:
                isQuoted = true
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\n"):
                endField()
                let record = fields
                resetRecord()
                if !(record.count == 1 && record[0].isEmpty) { try emit(record) }
            case UInt8(ascii: "\r"):
                continue
            default:
                field.append(byte)
            }
        }
    }

    mutating func finish(_ emit: ([String]?) throws -> Void) rethrows {
        if quoteSeen { quoteSeen = false; isQuoted = false }
        guard !isDiscarding, !(fields.isEmpty && field.isEmpty) else { resetRecord(); return }
        endField()
        let record = fields
        resetRecord()
        try emit(record)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func resetRecord() {
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        recordLength = 0
        isQuoted = false
        quoteSeen = false
    }
}

/// Which CSV column holds which product field, given as the import request's query parameters
/// (`id=sku&title=name&price=sale_price&attr.color=Colour&source=myshop`); values are header names.
public struct CSVColumnMapping: Sendable, Equatable {
    /// Query keys naming columns. The currency column is `currency_column`: `currency` alone is
    /// the import's default currency.
    public static let fieldNames = ["id", "title", "brand", "category", "price", "list_price", "currency_column",
                                    "description", "rating", "rating_count", "image_url", "url"]
    /// Product field → column header.
    public var columns: [String: String]
    /// Attribute name → column header.
    public var attributeColumns: [String: String]
    /// Separator of category path elements inside the category column.
    public var categorySeparator: String

    public init(columns: [String: String], attributeColumns: [String: String] = [:], categorySeparator: String = ">") {
        self.columns = columns
        self.attributeColumns = attributeColumns
        self.categorySeparator = categorySeparator
    }

    /// Reads the mapping from query parameters; `id` and `title` are required.
    public init(parameters: [(String, String)]) throws(CatalogError) {
        var columns: [String: String] = [:]
        var attributes: [String: String] = [:]
        var separator = ">"
        for (key, value) in parameters {
            if key.hasPrefix("attr.") {
                let name = String(key.dropFirst(5))
                guard !name.isEmpty, !value.isEmpty else { throw .invalidMapping("empty attribute mapping \(key)") }
                attributes[name] = value
            } else if Self.fieldNames.contains(key) {
                guard !value.isEmpty else { throw .invalidMapping("empty column name for \(key)") }
                columns[key == "currency_column" ? "currency" : key] = value
            } else if key == "category_separator" {
                guard !value.isEmpty else { throw .invalidMapping("empty category_separator") }
                separator = value
            }
        }
        for required in ["id", "title"] where columns[required] == nil {
            throw .invalidMapping("the \(required) column must be given (?\(required)=COLUMN)")
        }
        self.init(columns: columns, attributeColumns: attributes, categorySeparator: separator)
    }

    /// Column indexes for a header row; every mapped column must be present.
    func resolve(header: [String]) throws(CatalogError) -> [String: Int] {
        var indexes: [String: Int] = [:]
        let trimmed = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (field, column) in columns {
            guard let index = trimmed.firstIndex(of: column) else { throw .invalidMapping("no column named \(column)") }
            indexes[field] = index
        }
        for (name, column) in attributeColumns {
            guard let index = trimmed.firstIndex(of: column) else { throw .invalidMapping("no column named \(column)") }
            indexes["attr." + name] = index
        }
        return indexes
    }

    /// The row as the JSON-shaped fields `ProductRecordParser.record(from:)` reads.
    func fields(of row: [String], indexes: [String: Int]) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        var attributes: [String: JSONValue] = [:]
        for (key, index) in indexes where index < row.count {
            let value = row[index]
            if key.hasPrefix("attr.") {
                attributes[String(key.dropFirst(5))] = .string(value)
            } else if key == "category" {
                fields["category_path"] = .array(value.components(separatedBy: categorySeparator).map { .string($0) })
            } else if key == "image_url" {
                fields["image_urls"] = .array(value.isEmpty ? [] : [.string(value)])
            } else {
                fields[key] = .string(value)
            }
        }
        fields["attributes"] = .object(attributes)
        return fields
    }
}
