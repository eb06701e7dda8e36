/// The names products give their attributes, as the catalog and the engines compare them.
public enum AttributeName {
    /// `name` lower-cased, with spaces and hyphens as `_` ("Refresh Rate": "refresh_rate",
    /// "RAM": "ram"). A name in that form already, as most are, is returned as it is, uncopied.
    public static func normalized(_ name: String) -> String {
        // Only ASCII capitals, spaces, hyphens and non-ASCII bytes can change.
        guard name.utf8.contains(where: { (65...90).contains($0) || $0 == 32 || $0 == 45 || $0 >= 0x80 }) else { return name }
        return String(decoding: name.lowercased().utf8.map { $0 == 32 || $0 == 45 ? 95 : $0 }, as: UTF8.self)
    }

    /// An attribute's name as keys compare: `normalized`, and an alias (`colour`, `memory`,
    /// `screen`…) as the key it stands for.
    public static func key(_ name: String) -> String {
        let normalized = normalized(name)
        return aliases[normalized] ?? normalized
    }

    /// Attribute names, normalised, that stand for another key.
    public static let aliases: [String: String] = [
        "colour": "color", "color_name": "color", "colour_name": "color",
        "memory": "ram", "ram_size": "ram", "system_memory": "ram",
        "screen": "screen_size", "display_size": "screen_size", "screen_size_inches": "screen_size",
        "age_range": "age", "ages": "age", "recommended_age": "age", "age_group": "age",
        "pieces": "piece_count", "core_count": "cores", "wattage": "power",
        // Flipkart's "Ideal For: Women, Girls": whom it is made for.
        "ideal_for": "gender",
    ]

    /// Keys (as `key` gives them) of the amounts a follow-up asks more of than the products shown
    /// have ("longer battery" of earbuds that last 8 hours): what the conversation keeps of a
    /// shown product's attributes, which most titles do not state.
    /// A weight is kept too, for "something lighter".
    public static let steppedAmounts: Set<String> = ["ram", "storage", "capacity", "refresh_rate", "battery_life", "runtime",
                                                      "power", "weight", "cores"]

    /// How a shopper reads that a product has an attribute value: "16GB RAM", "in black",
    /// "size 10", "for women", else "name: value" ("cushioning: high"). The catalog gives its
    /// matches these reasons, and a reply looks for them.
    public static func reason(key name: String, value: String) -> String {
        let value = value.trimmingWhitespace
        let key = key(name)
        if key.hasPrefix(UnitPrice.keyPrefix) { return value }  // "$44.99 per TB"
        switch key {
        case "color": return "in \(value.lowercased())"
        case "size": return "size \(value)"
        case "ram": return "\(value) RAM"
        case "storage": return "\(value) storage"
        case "screen_size": return "\(value) screen"
        case "age":
            if value.lowercased() == "adult" { return "for adults" }
            // "an 8-year-old", "an 11-year-old", "an 18-year-old".
            let article = value == "11" || value == "18" || value.hasPrefix("8") ? "an" : "a"
            return "for \(article) \(value)-year-old"
        case "author": return "by \(value)"
        case "switches": return "\(value) switches"
        case "cores": return value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) ? "\(value) cores" : value
        case "compatibility": return "works with \(value)"
        case "socket": return "fits \(value)"
        case "laptop_sleeve": return "fits a \(value) laptop"
        case "max_weight": return "holds \(value)"
        case "weight": return "weighs \(value)"
        case "gender":
            let listed = Gender.listed(in: value)
            if listed.contains("unisex") { return "unisex" }
            guard let last = listed.last else { return "for \(value.lowercased())" }
            // "Women, Girls": "for women or girls".
            return "for " + (listed.count == 1 ? last : listed.dropLast().joined(separator: ", ") + " or " + last)
        default: return "\(spoken(name)): \(value)"
        }
    }

    /// The name as a sentence says it: `_` as spaces ("memory_size": "memory size"). Byte by
    /// byte: Foundation's `replacingOccurrences` builds an `NSString` each call.
    public static func spoken(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// Attribute values that say "has not" ("wireless": "no").
    public static let negativeValues: Set<String> = ["no", "false", "none", "n", "0", "without"]

    /// Whether `value` is one of `negativeValues`, ignoring case and surrounding spaces. It runs for
    /// every attribute of every product a search reads, so a longer value is refused before any
    /// copy, and an ASCII one is compared byte by byte.
    public static func isNegative(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard utf8.count <= 16 else { return false }
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return negativeValues.contains(value.trimmingWhitespace.lowercased()) }
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let trimmed = utf8.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        let lowered = trimmed.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return negativeValues.contains(String(decoding: lowered, as: UTF8.self))
    }
}

extension String {
    /// The string without leading and trailing whitespace as `CharacterSet.whitespaces` has it
    /// (space separators and tab), without going through `NSString`.
    public var trimmingWhitespace: String {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value > 0x7F && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
