import Shared

// Attribute values the ranker reads as more than text: quantities of which more serves as well
// ("144Hz" met by "180Hz") and size ranges ("7-13" holds size 10).

/// An amount with a unit of which more serves a shopper at least as well as what they asked for:
/// a refresh rate, memory or storage, a battery's charge, a camera's megapixels, the people a tent
/// sleeps, a motor's power. "144Hz" asked is met by "180Hz"; "16GB" by "32 GB" or "1TB"; "4 person"
/// by "6 person"; "1200W" by "1400W". Sizes and weights are not such amounts.
struct Quantity: Sendable, Hashable {
    /// Units by name: the measure they belong to and their size in its smallest unit.
    static let units = countedUnits
        // What an air fryer or a backpack holds ("6 qt", "30L"). Not ounces: a weight as often.
        .merging(measured("volume", Measure.quartsAndLitres.union(["ml"]))) { first, _ in first }
        // What a chair holds ("max_weight": "400 lb"); a product's own weight is ranked as an
        // order ("the lightest"), never asked as an amount.
        .merging(measured("mass", ["lb", "lbs", "pound", "pounds", "kg", "kgs"])) { first, _ in first }

    /// The other units, each with its measure and size here: frequencies, bytes, charge, pixels,
    /// people, times, depths and coffee cups (counted, not a volume).
    private static let countedUnits: [String: (measure: String, scale: Double)] = [
        "hz": ("frequency", 1), "khz": ("frequency", 1_000),
        "mb": ("bytes", 1), "gb": ("bytes", 1_024), "tb": ("bytes", 1_048_576),
        "mah": ("charge", 1), "mp": ("pixels", 1),
        "w": ("power", 1), "watt": ("power", 1), "watts": ("power", 1), "kw": ("power", 1_000),
        "person": ("people", 1), "persons": ("people", 1), "people": ("people", 1),
        "min": ("time", 1), "mins": ("time", 1), "minutes": ("time", 1),
        "h": ("time", 60), "hr": ("time", 60), "hrs": ("time", 60), "hour": ("time", 60), "hours": ("time", 60),
        "day": ("time", 1_440), "days": ("time", 1_440),
        // A watch's water resistance: "50m", "5 ATM" (10 m a bar).
        "m": ("depth", 1), "meters": ("depth", 1), "metres": ("depth", 1), "atm": ("depth", 10),
        // What a coffee maker brews ("12 cups"): a coffee cup, not a measuring cup of volume.
        "cup": ("cups", 1), "cups": ("cups", 1),
    ]

    /// `names` as units of `measure`, each of the size `Measure.units` gives it.
    private static func measured(_ measure: String, _ names: Set<String>) -> [String: (measure: String, scale: Double)] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, (measure, Measure.units[$0]!)) })
    }

    let measure: String
    /// In the measure's smallest unit.
    let amount: Double

    /// Attributes that count things, stated as plain numbers ("cores": "8"): more serves as well.
    static let countKeys: Set<String> = ["cores", "threads", "piece_count", "baskets", "buttons"]
    /// Sizes of which more serves: a 16 inch laptop sleeve holds a 15 inch laptop.
    static let roomKeys: Set<String> = ["laptop_sleeve"]

    /// "144Hz", "16 GB", "1TB SSD" (the first number and the unit right after it), or the number
    /// of an attribute that counts things or holds one (`countKeys`, `roomKeys`, by
    /// `AttributeName.key`: "8", "15.6 inch"); `nil` for anything else.
    init?(_ text: String, key: String = "") {
        guard let (number, rest) = Ranker.leadingNumberAndRest(text) else { return nil }
        if Self.countKeys.contains(key) || Self.roomKeys.contains(key), rest.allSatisfy({ $0 == " " || $0.isLetter }) {
            measure = key
            amount = number
            return
        }
        // The unit: the ASCII letters after the number (and any spaces), lower-cased.
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        let name = rest.utf8.drop { $0 == UInt8(ascii: " ") }.prefix(while: isLetter)
        guard !name.isEmpty, name.count <= 7,
              let unit = Self.units[String(decoding: name.map { $0 | 0x20 }, as: UTF8.self)] else { return nil }
        measure = unit.measure
        amount = number * unit.scale
    }

    /// This amount as a share of `other` (0.5 for "16GB" of "32GB"); `nil` for another measure.
    /// A volume asked for people is the people it feeds (`Measure.millilitresPerPerson`): "6 qt"
    /// meets "4 person".
    func share(of other: Quantity) -> Double? {
        guard other.amount > 0 else { return nil }
        if measure == other.measure { return amount / other.amount }
        if measure == "volume", other.measure == "people" { return amount / Measure.millilitresPerPerson / other.amount }
        return nil
    }
}

/// A product's attributes as the ranker compares them with a spec's: worked out once when the
/// product is read (the store's cache keeps them with it), not again in every search that ranks it.
public struct ComparableAttributes: Sendable, Hashable {
    struct Attribute: Sendable, Hashable {
        /// The value as the product has it.
        var value: String
        /// `AttributeName.key` of the name: lower-cased, `_` for spaces and hyphens, an alias as
        /// the key it stands for ("colour" is "color").
        var key: String
        /// The value lower-cased and without spaces: wanted values are looked for in it. A colour's
        /// is followed by the colours its shades belong to ("navy" is "navy+blue": a navy product
        /// is one "in blue").
        var compactValue: String
        /// The value as an amount of which more serves as well, if it is one.
        var quantity: Quantity?
        /// The name's words (`Ranker.tokens`) when the value is a plain no (`AttributeName.isNegative`),
        /// else none: a feature named by these words is one the product lacks.
        var deniedWords: [String]
    }

    /// Sorted by name, so every search meets them in the same order.
    let list: [Attribute]
    /// The compact values of the attributes that state what kind of thing the product is
    /// (`typeKeys`): usually none or one.
    let typeValues: [String]

    init(_ attributes: [String: String]) {
        list = attributes.sorted { $0.key < $1.key }.map { name, value in
            let key = AttributeName.key(name)
            var compact = Ranker.compact(value)
            if key == "color" { compact += ColorShades.families(named: value).map { "+" + $0 }.joined() }
            if key == "resolution" { compact += DisplayResolution.names(of: compact).map { "+" + $0 }.joined() }
            return Attribute(value: value, key: key, compactValue: compact, quantity: Quantity(value, key: key),
                             deniedWords: AttributeName.isNegative(value) ? Ranker.tokens(name) : [])
        }
        typeValues = list.filter { Self.typeKeys.contains($0.key) }.map(\.compactValue)
    }
}

extension ComparableAttributes {
    /// Keys under which a product states what kind of thing it is ("product_type": "moisturizer").
    static let typeKeys: Set<String> = ["type", "product_type", "item_type", "format"]

    /// Whether the product's type names `word` (a normalised word): a "CeraVe Moisturizing
    /// Cream" of type "moisturizer" is a moisturizer, though its title does not say so.
    func typeNames(_ word: String) -> Bool {
        typeValues.contains { $0.containsBytes(of: word) }
    }
}

/// Colour names that are shades of a plainer one a shopper asks for: "in blue" is met by navy.
enum ColorShades {
    static let families: [(shade: String, family: String)] = [
        ("navy", "blue"), ("cobalt", "blue"), ("indigo", "blue"), ("denim", "blue"),
        ("maroon", "red"), ("burgundy", "red"), ("crimson", "red"), ("scarlet", "red"), ("wine", "red"),
        ("charcoal", "gray"), ("graphite", "gray"), ("slate", "gray"), ("grey", "gray"),
        ("olive", "green"), ("emerald", "green"), ("mint", "green"), ("lime", "green"), ("sage", "green"),
        ("ivory", "white"), ("cream", "white"),
        ("violet", "purple"), ("lavender", "purple"), ("lilac", "purple"), ("plum", "purple"),
        ("fuchsia", "pink"), ("magenta", "pink"), ("rose", "pink"),
        ("tan", "brown"), ("camel", "brown"), ("chocolate", "brown"), ("coffee", "brown"),
    ]

    /// The families of the shades a colour value names as words ("Navy / Wine": blue, red),
    /// except those it names itself; whole words, so "titanium" names no tan.
    static func families(named value: String) -> [String] {
        let words = value.lowercased().split { !$0.isLetter }
        var found: [String] = []
        for (shade, family) in families where words.contains(Substring(shade)) {
            if !words.contains(Substring(family)), !found.contains(family) { found.append(family) }
        }
        return found
    }
}

/// The names of a display resolution, one of which a shopper asks for and another a product
/// states: "4K" is "3840x2160" is "UHD", so a monitor stating its pixels is a 4K one.
enum DisplayResolution {
    static let groups: [[String]] = [
        ["3840x2160", "4k", "uhd", "2160p", "ultrahd"], ["2560x1440", "qhd", "1440p", "wqhd", "2k"],
        ["1920x1080", "fhd", "1080p", "fullhd"], ["1280x720", "720p"], ["5120x2880", "5k"], ["7680x4320", "8k", "4320p"],
    ]

    /// The other names of the resolution a compact value (lower-cased, without spaces) names.
    static func names(of compact: String) -> [String] {
        guard let group = groups.first(where: { $0.contains(where: compact.containsBytes(of:)) }) else { return [] }
        return group.filter { !compact.containsBytes(of: $0) }
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

/// The ages a product is for, as catalogs write them: "8+", "3 years and up", "9-14", "18+ years".
/// The upper bound of an open range is any age.
struct AgeRange {
    let lower: Double
    let upper: Double

    /// - Parameter text: the value lower-cased and without spaces (`compactValue`): "3yearsandup".
    init?(_ text: String) {
        let numbers = text.split { !$0.isNumber && $0 != "." }.compactMap { Double($0) }
        guard let first = numbers.first else { return nil }
        if text.contains("-"), numbers.count == 2 {
            (lower, upper) = (first, numbers[1])
        } else if text.contains("+") || text.contains("up") || text.contains("older") {
            (lower, upper) = (first, .infinity)
        } else {
            return nil
        }
    }

    /// The age at which a range is for adults: toys say "14+", "16+" or "18+" for them, where a
    /// "4+" set holds an adult's age too but is made for children.
    static let adultFrom = 14.0

    /// The oldest child a children's range from `lower` up is made for: a "2+" set (big bricks
    /// for toddlers) holds an 8-year-old's age but is no present for one; "6+" is.
    var oldestChild: Double { max(lower * 2, lower + 4) }

    /// Whether the range holds `age`: a number of years, or `adult` (a range from `adultFrom`).
    /// A children's range without an end ("4+") holds the ages up to `oldestChild`.
    func contains(_ age: String) -> Bool {
        if age == "adult" { return lower >= Self.adultFrom }
        guard let value = Double(age) else { return false }
        let end = upper == .infinity && lower < Self.adultFrom ? oldestChild : upper
        return (lower...end).contains(value)
    }
}
