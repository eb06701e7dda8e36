/// "The cheapest SSD per TB", "the best price per GB": an order by a product's price divided by
/// how much it holds, asked as the measure `price_per_<unit>` with the value `least`
/// (`MeasureOrder`): `"price_per_tb": "least"`. The understanding engines write it, the catalog
/// ranks by it (and gives "$44.99 per TB" as a reason), and a reply says the order.
public struct UnitPrice: Sendable, Hashable {
    /// The unit, lower-cased as `Measure.units` has it ("tb").
    public let unit: String
    /// How a reply names it: "TB", "oz".
    public let name: String
    private let kind: Kind

    /// What a unit measures. Weights and volumes are one kind: a moisturiser's "1.7 oz" and "50 ml"
    /// are the same amount of cream, within the 5 % `Measure` allows a fluid ounce.
    private enum Kind: Sendable, Hashable {
        case bytes, amount

        var units: Set<String> {
            switch self {
            case .bytes: Self.byteUnits
            case .amount: Self.amountUnits
            }
        }

        // Built once: `units(in:)` reads them for every product a search ranks by a unit price.
        private static let byteUnits: Set<String> = ["mb", "gb", "tb"]
        private static let amountUnits: Set<String> = ["g", "gram", "grams", "kg", "kgs", "lb", "lbs", "pound", "pounds", "oz",
                                                       "ounce", "ounces", "ml", "l", "liter", "liters", "litre", "litres"]
    }

    /// Units a price can be asked per, by the words that say them, with their `Measure` name and
    /// how a reply names them.
    private static let units: [String: (unit: String, name: String, kind: Kind)] = {
        let names: [(words: [String], unit: String, name: String, kind: Kind)] = [
            (["tb", "tbs", "terabyte", "terabytes"], "tb", "TB", .bytes),
            (["gb", "gbs", "gig", "gigs", "gigabyte", "gigabytes"], "gb", "GB", .bytes),
            (["oz", "ounce", "ounces"], "oz", "oz", .amount), (["ml"], "ml", "ml", .amount),
            (["l", "liter", "liters", "litre", "litres"], "l", "liter", .amount),
            (["lb", "lbs", "pound", "pounds"], "lb", "lb", .amount), (["kg", "kgs", "kilo", "kilos"], "kg", "kg", .amount),
            (["gram", "grams"], "g", "gram", .amount),
        ]
        return Dictionary(uniqueKeysWithValues: names.flatMap { entry in entry.words.map { ($0, (entry.unit, entry.name, entry.kind)) } })
    }()

    /// The prefix of the measure's key: `price_per_tb`.
    public static let keyPrefix = "price_per_"

    /// The unit a word names ("terabytes", "tb", "ounce"): `nil` for any other word.
    public init?(unitWord word: String) {
        guard let known = Self.units[word] else { return nil }
        (unit, name, kind) = known
    }

    /// The unit price a spec attribute's key asks for ("price_per_tb"); `nil` for any other key.
    public init?(key: String) {
        guard key.hasPrefix(Self.keyPrefix), let known = Self.units[String(key.dropFirst(Self.keyPrefix.count))],
              known.unit == key.dropFirst(Self.keyPrefix.count) else { return nil }
        (unit, name, kind) = known
    }

    /// Whether `attributes` (a spec's, or what a turn said) ask for an order by a price per unit.
    public static func isAsked(in attributes: [String: String]) -> Bool {
        attributes.keys.contains { UnitPrice(key: $0) != nil }
    }

    /// The spec attribute's key: `price_per_tb`.
    public var key: String { Self.keyPrefix + unit }

    /// Attributes that say how much a product holds, in the order they are read ("capacity" of
    /// an SSD or a memory kit, not a laptop's "ram" before its "storage").
    private static let amountKeys = ["capacity", "storage", "size", "volume", "net_weight", "net_contents", "weight"]

    /// How many of the unit the product holds: its first attribute of `amountKeys` that states an
    /// amount of the unit's kind, else the first its title names ("2TB", "1.7 oz"); `nil` when
    /// neither does.
    public func units(in product: ProductResult) -> Double? {
        let kindUnits = kind.units
        for key in Self.amountKeys {
            guard let value = product.attribute(key) else { continue }
            if let stated = Measure.stated(inTitle: value, units: kindUnits) { return inUnit(stated) }
        }
        return Measure.stated(inTitle: product.title, units: kindUnits).flatMap(inUnit)
    }

    private func inUnit(_ stated: (number: Double, unit: String)) -> Double? {
        guard let scale = Measure.units[stated.unit], let unitScale = Measure.units[unit], unitScale > 0 else { return nil }
        return stated.number * scale / unitScale
    }

    /// The product's price per unit, in its currency; `nil` when it states no amount of the unit's kind.
    public func price(of product: ProductResult) -> Double? {
        guard let units = units(in: product), units > 0 else { return nil }
        return product.price / units
    }
}
