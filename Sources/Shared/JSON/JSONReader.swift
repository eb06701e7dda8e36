import Foundation

/// JSON text that could not be read: malformed, nested deeper than `JSONReader.maximumDepth`, or
/// without a member the reading type needs.
public struct JSONReadError: Error, CustomStringConvertible {
    public let description: String
    /// The byte offset where reading stopped.
    public let offset: Int

    public init(_ description: String, at offset: Int) {
        self.description = "\(description) at byte \(offset)"
        self.offset = offset
    }
}

/// A pull parser over UTF-8 JSON: the caller asks for the value it expects next (an object's
/// members, a string, a number…) and gets it without a tree in between. It reads what is written
/// on every request (checkpoints, service responses, import rows), where `JSONDecoder`'s `Data`
/// copy, `Decoder` containers and boxed values were a fifth of a worker's CPU.
///
/// A type reads itself with `init(json:)` (`JSONReadable`); its Codable form stays the reference,
/// and tests check that both read the same JSON alike.
public struct JSONReader: ~Copyable {
    public static let maximumDepth = 64
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads the single JSON value of `bytes` (whitespace around it allowed, nothing else) with `body`.
    public static func read<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONReader) throws(JSONReadError) -> Result
    ) throws(JSONReadError) -> Result {
        var reader = JSONReader(bytes)
        let result = try body(&reader)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.error("text after the JSON value") }
        return result
    }

    public static func read<Result>(
        _ bytes: some Collection<UInt8>, _ body: (inout JSONReader) throws(JSONReadError) -> Result
    ) throws(JSONReadError) -> Result {
        try withoutActuallyEscaping(body) { body throws(JSONReadError) in
            let read: (UnsafeBufferPointer<UInt8>) -> Swift.Result<Result, JSONReadError> = { buffer in
                do throws(JSONReadError) { return .success(try Self.read(buffer, body)) } catch { return .failure(error) }
            }
            let result = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
            return try result.get()
        }
    }

    /// A value of a type that reads itself.
    public static func decode<Value: JSONReadable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws(JSONReadError) -> Value {
        try read(bytes) { reader throws(JSONReadError) in try Value(json: &reader) }
    }

    // MARK: Structure

    /// Reads an object, calling `member` with each key when the reader stands before that key's
    /// value, which `member` must read (or `skip`). A repeated key is passed again.
    public mutating func object(_ member: (inout JSONReader, String) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try enter(UInt8(ascii: "{"), "an object")
        try elements(closing: UInt8(ascii: "}")) { reader throws(JSONReadError) in
            reader.skipWhitespace()
            guard reader.peek == UInt8(ascii: "\"") else { throw reader.error("expected a member name") }
            let key = try reader.rawString()
            reader.skipWhitespace()
            guard reader.peek == UInt8(ascii: ":") else { throw reader.error("expected ':'") }
            reader.index += 1
            try member(&reader, key)
        }
        depth -= 1
    }

    /// Reads an array, calling `element` for each element, which it must read.
    public mutating func array(_ element: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try enter(UInt8(ascii: "["), "an array")
        try elements(closing: UInt8(ascii: "]"), element)
        depth -= 1
    }

    /// Reads an array whose elements `element` returns.
    public mutating func array<Element>(of element: (inout JSONReader) throws(JSONReadError) -> Element) throws(JSONReadError) -> [Element] {
        var values: [Element] = []
        try array { reader throws(JSONReadError) in values.append(try element(&reader)) }
        return values
    }

    /// Whether the next value is `null`; if it is, it is read.
    public mutating func readNull() throws(JSONReadError) -> Bool {
        skipWhitespace()
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Reads and drops the next value, whatever it is (checked as strictly as when read).
    public mutating func skip() throws(JSONReadError) {
        skipWhitespace()
        switch peek ?? 0 {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try object { reader, _ throws(JSONReadError) in try reader.skip() }
        case UInt8(ascii: "["): try array { reader throws(JSONReadError) in try reader.skip() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    /// What the next value is, without reading it.
    public enum Kind { case string, number, bool, null, array, object }

    public mutating func nextKind() throws(JSONReadError) -> Kind {
        skipWhitespace()
        switch peek ?? 0 {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("expected a value")
        }
    }

    // MARK: Scalars

    public mutating func string() throws(JSONReadError) -> String {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw error("expected a string") }
        return try rawString()
    }

    /// A string, or `nil` for `null`.
    public mutating func optionalString() throws(JSONReadError) -> String? {
        try readNull() ? nil : string()
    }

    public mutating func double() throws(JSONReadError) -> Double {
        skipWhitespace()
        return try number()
    }

    public mutating func optionalDouble() throws(JSONReadError) -> Double? {
        try readNull() ? nil : double()
    }

    /// A number that must be a whole number in `Int`'s range (`3` or `3.0`, not `3.5`).
    public mutating func int() throws(JSONReadError) -> Int {
        let start = index
        let value = try double()
        guard value == value.rounded(), let whole = Int(exactly: value) else {
            throw JSONReadError("expected a whole number", at: start)
        }
        return whole
    }

    public mutating func optionalInt() throws(JSONReadError) -> Int? {
        try readNull() ? nil : int()
    }

    public mutating func bool() throws(JSONReadError) -> Bool {
        skipWhitespace()
        switch peek ?? 0 {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw error("expected true or false")
        }
    }

    /// `["a","b"]`; `null` reads as empty.
    public mutating func strings() throws(JSONReadError) -> [String] {
        if try readNull() { return [] }
        return try array { reader throws(JSONReadError) in try reader.string() }
    }

    /// `{"key":"value",…}`; `null` reads as empty. A repeated key keeps the last value, as
    /// `JSONDecoder` does.
    public mutating func stringObject() throws(JSONReadError) -> [String: String] {
        if try readNull() { return [:] }
        var members: [String: String] = [:]
        members.reserveCapacity(8)  // a product's attributes: grown one by one, the table was rebuilt three times
        try object { reader, key throws(JSONReadError) in members[key] = try reader.string() }
        return members
    }

    /// An error at the reader's position, for a type that finds a value it cannot take.
    public func error(_ description: String) -> JSONReadError {
        JSONReadError(description, at: index)
    }

    /// The error for a member a type needs and did not find.
    public func missing(_ key: String) -> JSONReadError {
        JSONReadError("missing member \"\(key)\"", at: index)
    }

    // MARK: Lexing

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func enter(_ opening: UInt8, _ what: String) throws(JSONReadError) {
        skipWhitespace()
        guard peek == opening else { throw error("expected \(what)") }
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        depth += 1
        index += 1
    }

    /// Reads comma-separated elements after an opening bracket up to `closing`.
    private mutating func elements(
        closing: UInt8, _ element: (inout JSONReader) throws(JSONReadError) -> Void
    ) throws(JSONReadError) {
        skipWhitespace()
        if peek == closing {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard let separator = peek else { throw error("unexpected end") }
            index += 1
            if separator == closing { return }
            guard separator == UInt8(ascii: ",") else { throw JSONReadError("expected ',' or a closing bracket", at: index - 1) }
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

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw error("unexpected end") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("expected \(word)")
        }
        index += count
    }

    /// A JSON number (RFC 8259 grammar). One without an exponent and of at most 15 digits (prices,
    /// ratings, counts: nearly all) is their integer divided by a power of ten, both exact in a
    /// `Double`, so the one rounding of the division gives what `Double(_:)` would; any other is
    /// parsed by `Double(_:)`, which costs a string and `strtod`.
    private mutating func number() throws(JSONReadError) -> Double {
        let start = index
        let isNegative = peek == UInt8(ascii: "-")
        if isNegative { index += 1 }
        let integerStart = index
        var digits: UInt64 = 0
        skipDigits(accumulating: &digits)
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw JSONReadError("expected a number", at: start)
        }
        var fractionDigits = 0
        if peek == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            skipDigits(accumulating: &digits)
            fractionDigits = index - fractionStart
            guard fractionDigits > 0 else { throw error("expected a digit") }
        }
        if let byte = peek, byte | 0x20 == UInt8(ascii: "e") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            skipDigits()
            guard index > exponentStart else { throw error("expected a digit") }
        } else if integerDigits + fractionDigits <= 15 {
            // Below 10^15 < 2^53 and a power of ten up to 10^15: both exact.
            let magnitude = Double(digits) / Self.powersOfTen[fractionDigits]
            return isNegative ? -magnitude : magnitude
        }
        let text = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONReadError("number out of range", at: start) }
        return value
    }

    private static let powersOfTen: [Double] = (0...15).map { power in (0..<power).reduce(1.0) { product, _ in product * 10 } }

    private mutating func skipDigits() {
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
    }

    /// `skipDigits`, adding the digits to `value` (which wraps past 19 digits: only read for 15 or fewer).
    private mutating func skipDigits(accumulating value: inout UInt64) {
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return }
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
    }

    /// Passes a string without building it when it is plain ASCII without escapes (most skipped
    /// values); anything else is read, so it is checked as any string is.
    private mutating func skipString() throws(JSONReadError) {
        var end = index + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                index = end + 1
                return
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { break }
            end += 1
        }
        _ = try rawString()
    }

    /// `utf8` as a String, or `nil` when it is not valid UTF-8. `String(validating:as:)` is
    /// generic over the encoding and looked up type metadata on every call (2–3 % of a worker's
    /// CPU); decoding with repair and checking that nothing was repaired is the same test, and
    /// ASCII (`isASCII`, as the caller's scan found) needs no check.
    static func string(validating utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool = false) -> String? {
        var text = String(decoding: utf8, as: UTF8.self)
        if isASCII || utf8.isEmpty { return text }
        return text.withUTF8 { $0.count == utf8.count && memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 } ? text : nil
    }

    /// A JSON string starting at the opening quote. Runs without escapes are copied as they are
    /// (validated as UTF-8); escapes are decoded, surrogate pairs joined.
    private mutating func rawString() throws(JSONReadError) -> String {
        let opening = index
        index += 1  // "
        let start = index
        var highBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = Self.string(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), isASCII: highBits < 0x80)
                index += 1
                guard let text else { throw JSONReadError("invalid UTF-8 in a string", at: opening) }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error("control character in a string") }
            highBits |= byte
            index += 1
        }
        // Slow path: the string has escapes.
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = utf8.withUnsafeBufferPointer({ Self.string(validating: $0) }) else {
                    throw JSONReadError("invalid UTF-8 in a string", at: opening)
                }
                return text
            case UInt8(ascii: "\\"):
                guard let escape = peek else { throw error("unexpected end") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape().utf8)
                default: throw JSONReadError("invalid escape", at: index - 2)
                }
            case 0..<0x20:
                throw JSONReadError("control character in a string", at: index - 1)
            default:
                utf8.append(byte)
            }
        }
        throw JSONReadError("unterminated string", at: opening)
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a surrogate pair; a lone
    /// surrogate becomes U+FFFD.
    private mutating func unicodeEscape() throws(JSONReadError) -> String {
        let first = try hexQuad()
        var scalar = Unicode.Scalar(first)
        if (0xD800..<0xDC00).contains(first), bytes.count - index >= 6,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else { throw error("invalid surrogate pair") }
            scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        }
        return String(Character(scalar ?? "\u{FFFD}"))
    }

    private mutating func hexQuad() throws(JSONReadError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index] | 0x20  // ASCII letters to lower case; digits unchanged
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: throw JSONReadError("invalid \\u escape", at: index - 1)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

/// A type that reads itself from JSON with a `JSONReader`, faster than its `Decodable` form and
/// reading the same JSON to the same value.
public protocol JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReadError)
}
