import Shared

extension Ranker {
    /// The order a spec asks for by a measure (`MeasureOrder`: `"screen_size": "most"` for "the
    /// biggest TV"): the products that state the most of it first (or the least), then those
    /// that do not state it. A tier of the ranking, after the ones for what was asked of the
    /// products (brand, amounts, kind, colour, features) and before the spec's `sort`.
    struct OrderedMeasure {
        /// `AttributeName.key` of the measured attribute.
        var key: String
        var order: MeasureOrder

        init?(spec: RequirementSpec) {
            guard let (key, order) = MeasureOrder.asked(in: spec.attributes) else { return nil }
            self.key = AttributeName.key(key)
            self.order = order
        }

        /// The product's amount of the measure, comparable across units, and its value as a reason
        /// says it: its attribute's ("7450 MB/s", "3 lb 2 oz"), else for a screen the size its
        /// title names ("65 inch"). `nil` when it states none that reads as an amount.
        func stated(by product: ProductResult, attributes: ComparableAttributes) -> (amount: Double, value: String)? {
            for attribute in attributes.list where attribute.key == key {
                if let amount = MeasuredAmount.read(attribute.value, isWeight: key == "weight") {
                    return (amount, attribute.value.trimmingWhitespace)
                }
            }
            guard key == "screen_size", let inches = Ranker.screenInches(inTitle: product.title) else { return nil }
            let whole = inches.rounded() == inches && abs(inches) < 1e15
            return (inches, (whole ? String(Int(inches)) : String(inches)) + " inch")
        }

        /// Whether `left` comes before `right` by the measure; `nil` on a tie. A product that
        /// states no amount comes after every one that does.
        func precedes(_ left: Double?, _ right: Double?) -> Bool? {
            switch (left, right) {
            case (nil, nil): return nil
            case (_?, nil): return true
            case (nil, _?): return false
            case (let left?, let right?):
                guard left != right else { return nil }
                return order == .most ? left > right : left < right
            }
        }
    }
}

/// An attribute's value read as an amount whose units compare: "3 lb 12 oz" is 1.70 kg, "2 qt"
/// more than "48 oz", "2TB" more than "500GB", "5.0 GHz" more than "4600 MHz". A number without
/// a known unit is read as it is ("24" cores, "1380W"); a value without a number is none.
enum MeasuredAmount {
    /// Units by name: their size in their measure's smallest unit. An ounce is a fluid ounce but
    /// in a weight (`isWeight`), where it is an ounce of mass.
    static let units: [String: Double] = [
        // Mass, in grams.
        "g": 1, "kg": 1_000, "lb": 453.592, "lbs": 453.592, "pound": 453.592, "pounds": 453.592,
        // Volume, in millilitres.
        "ml": 1, "l": 1_000, "liter": 1_000, "liters": 1_000, "litre": 1_000, "litres": 1_000,
        "qt": 946.353, "quart": 946.353, "quarts": 946.353, "cup": 236.588, "cups": 236.588, "gal": 3_785.41,
        "oz": 29.5735,
        // Length, in millimetres.
        "mm": 1, "cm": 10, "m": 1_000, "in": 25.4, "inch": 25.4, "inches": 25.4, "ft": 304.8,
        // Data, in megabytes; frequency, in hertz; time, in minutes; power, in watts.
        "mb": 1, "gb": 1_024, "tb": 1_048_576,
        "hz": 1, "khz": 1_000, "mhz": 1_000_000, "ghz": 1_000_000_000,
        "min": 1, "mins": 1, "minutes": 1, "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
        "w": 1, "kw": 1_000,
    ]
    static let ounceOfMass = 28.3495

    /// The amount of `value` in its measure's smallest unit; a second amount right after the
    /// first in a smaller unit adds to it ("3 lb 12 oz", "1 hour 30 minutes").
    static func read(_ value: String, isWeight: Bool) -> Double? {
        guard let (number, rest) = Ranker.leadingNumberAndRest(value) else { return nil }
        guard let (unit, afterUnit) = unit(after: rest, isWeight: isWeight) else { return number }
        var amount = number * unit
        if let (second, restAfter) = Ranker.leadingNumberAndRest(String(afterUnit)),
           let (smaller, _) = self.unit(after: restAfter, isWeight: isWeight), smaller < unit {
            amount += second * smaller
        }
        return amount
    }

    /// The size of the unit that starts `text` (after spaces), and what follows it.
    private static func unit(after text: Substring, isWeight: Bool) -> (size: Double, rest: Substring)? {
        let trimmed = text.drop { $0 == " " }
        let name = trimmed.prefix { $0.isASCII && $0.isLetter }
        guard !name.isEmpty, let size = units[name.lowercased()] else { return nil }
        return (name.lowercased() == "oz" && isWeight ? ounceOfMass : size, trimmed[name.endIndex...])
    }
}
