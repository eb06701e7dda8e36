// Attribute values the ranker reads as more than text: quantities of which more serves as well
// ("144Hz" met by "180Hz") and size ranges ("7-13" holds size 10).

/// An amount with a unit of which more serves a shopper at least as well as what they asked for:
/// a refresh rate, memory or storage, a battery's charge, a camera's megapixels. "144Hz" asked is
/// met by "180Hz"; "16GB" by "32 GB" or "1TB". Sizes, weights and power are not such amounts.
struct Quantity: Equatable {
    /// Units by name: the measure they belong to and their size in its smallest unit.
    static let units: [String: (measure: String, scale: Double)] = [
        "hz": ("frequency", 1), "khz": ("frequency", 1_000),
        "mb": ("bytes", 1), "gb": ("bytes", 1_024), "tb": ("bytes", 1_048_576),
        "mah": ("charge", 1), "mp": ("pixels", 1),
    ]
    let measure: String
    /// In the measure's smallest unit.
    let amount: Double

    /// "144Hz", "16 GB", "1TB SSD" (the first number and the unit right after it); `nil` for
    /// anything else.
    init?(_ text: String) {
        guard let (number, rest) = Ranker.leadingNumberAndRest(text.lowercased()) else { return nil }
        let name = rest.drop { $0 == " " }.prefix { $0.isASCII && $0.isLetter }
        guard let unit = Self.units[String(name)] else { return nil }
        measure = unit.measure
        amount = number * unit.scale
    }

    /// Whether this is more of the same measure than `other`.
    func exceeds(_ other: Quantity) -> Bool {
        measure == other.measure && amount > other.amount
    }
}

/// A size range as the catalog writes it: numeric ("7-13") or lettered ("S-XXL").
struct SizeRange {
    static let letters = ["xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl"]
    let lower: Double
    let upper: Double
    let isLettered: Bool

    init?(_ text: String) {
        let bounds = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard bounds.count == 2 else { return nil }
        if let low = Double(bounds[0]), let high = Double(bounds[1]) {
            lower = low; upper = high; isLettered = false
        } else if let low = Self.letters.firstIndex(of: bounds[0]), let high = Self.letters.firstIndex(of: bounds[1]) {
            lower = Double(low); upper = Double(high); isLettered = true
        } else {
            return nil
        }
    }

    func contains(_ size: String) -> Bool {
        if isLettered, let index = Self.letters.firstIndex(of: size) { return (lower...upper).contains(Double(index)) }
        if !isLettered, let value = Double(size) { return (lower...upper).contains(value) }
        return false
    }
}
