/// Any JSON value, as the importer and the store read it.
enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null
}

/// The JSON text was malformed (or nested deeper than `JSONScanner.maximumDepth`).
struct JSONSyntaxError: Error {}

/// A small JSON parser over UTF-8 bytes. The importer parses one JSON Lines row per call and the
/// store parses each product's attribute object per search, so this avoids `JSONDecoder`'s
/// `Data` copy, its `Decoder` machinery and the thrown errors a "try each type" `Decodable` enum
/// costs on every value.
struct JSONScanner: ~Copyable {
    static let maximumDepth = 32
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The single JSON value in `bytes` (surrounding whitespace allowed, nothing else).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes)
        let value = try scanner.value(depth: 0)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw JSONSyntaxError() }
        return value
    }

    static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONValue? { try? parse(buffer) }
        let parsed = bytes.withContiguousStorageIfAvailable(parseBuffer) ?? Array(bytes).withUnsafeBufferPointer(parseBuffer)
        guard let parsed else { throw JSONSyntaxError() }
        return parsed
    }

    /// A flat `{"key":"value",…}` object of strings, as the store writes attributes, read straight
    /// into a dictionary (no `JSONValue` in between: this runs for every candidate of every search).
    /// Members that are not strings are left out; anything but an object gives `[:]`, so a damaged
    /// column never fails a search.
    static func parseStringObject(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var scanner = JSONScanner(bytes)
        return (try? scanner.stringObject()) ?? [:]
    }

    private mutating func stringObject() throws(JSONSyntaxError) -> [String: String] {
        var members: [String: String] = [:]
        skipWhitespace()
        try forEachMember { scanner, key throws(JSONSyntaxError) in
            scanner.skipWhitespace()
            if scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: "\"") {
                members[key] = try scanner.string()
            } else {
                _ = try scanner.value(depth: 1)
            }
        }
        return members
    }

    /// Reads an object from its `{`, calling `member` with each key once the scanner stands
    /// before that key's value, which `member` reads.
    private mutating func forEachMember(
        _ member: (inout JSONScanner, String) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "{"))
        try forEachElement(closing: UInt8(ascii: "}")) { scanner throws(JSONSyntaxError) in
            scanner.skipWhitespace()
            guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError()
            }
            let key = try scanner.string()
            scanner.skipWhitespace()
            try scanner.expect(UInt8(ascii: ":"))
            try member(&scanner, key)
        }
    }

    /// Reads comma-separated elements after an opening bracket up to `closing`, each with `element`.
    private mutating func forEachElement(
        closing: UInt8, _ element: (inout JSONScanner) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        skipWhitespace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard index < bytes.count else { throw JSONSyntaxError() }
            let separator = bytes[index]
            index += 1
            if separator == closing { return }
            guard separator == UInt8(ascii: ",") else { throw JSONSyntaxError() }
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw JSONSyntaxError() }
        skipWhitespace()
        guard index < bytes.count else { throw JSONSyntaxError() }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try forEachMember { scanner, key throws(JSONSyntaxError) in
            members[key] = try scanner.value(depth: depth + 1)  // a repeated key keeps the last value, as JSONDecoder does
        }
        return .object(members)
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1  // [
        var elements: [JSONValue] = []
        try forEachElement(closing: UInt8(ascii: "]")) { scanner throws(JSONSyntaxError) in
            elements.append(try scanner.value(depth: depth + 1))
        }
        return .array(elements)
    }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard index < bytes.count, bytes[index] == byte else { throw JSONSyntaxError() }
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw JSONSyntaxError() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw JSONSyntaxError()
        }
        index += count
    }

    /// A JSON number (RFC 8259 grammar), parsed by the standard library's `Double(_:)`.
    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        skipDigits()
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw JSONSyntaxError()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            skipDigits()
            guard index > fractionStart else { throw JSONSyntaxError() }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            skipDigits()
            guard index > exponentStart else { throw JSONSyntaxError() }
        }
        let text = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONSyntaxError() }
        return value
    }

    private mutating func skipDigits() {
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
    }

    /// A JSON string starting at the opening quote. Runs without escapes are copied as they are
    /// (validated as UTF-8 by `String(validating:)`); escapes are decoded, surrogate pairs joined.
    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1  // "
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                guard let text else { throw JSONSyntaxError() }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw JSONSyntaxError() }
            index += 1
        }
        // Slow path: the string has escapes.
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw JSONSyntaxError() }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw JSONSyntaxError() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape().utf8)
                default: throw JSONSyntaxError()
                }
            case 0..<0x20:
                throw JSONSyntaxError()
            default:
                utf8.append(byte)
            }
        }
        throw JSONSyntaxError()
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair; a lone
    /// surrogate becomes U+FFFD, as Foundation's decoder does not accept it either way.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> String {
        let first = try hexQuad()
        var scalar = Unicode.Scalar(first)
        if (0xD800..<0xDC00).contains(first), bytes.count - index >= 6,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else { throw JSONSyntaxError() }
            scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        }
        return String(Character(scalar ?? "\u{FFFD}"))
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw JSONSyntaxError() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index] | 0x20  // ASCII letters to lower case; digits unchanged
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: throw JSONSyntaxError()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
