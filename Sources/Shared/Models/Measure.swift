/// An amount as an attribute states it ("5 lb 10 oz", "9.9 lb", "57 hours", "27 inch", "1TB"),
/// in the smallest unit of its measure; each number's unit right after it, a bare number as is.
/// The engines read shown products' amounts with it, and the catalog ranks by it ("the lightest").
public enum Measure {
    /// Units by name and their size in their measure's smallest unit (weights in grams, lengths
    /// in millimetres, times in minutes, bytes in megabytes, volumes in millilitres, clock speeds
    /// in megahertz). An ounce is one of mass: a fluid ounce is within 5 % of it.
    public static let units: [String: Double] = [
        "g": 1, "gram": 1, "grams": 1, "kg": 1_000, "kgs": 1_000, "lb": 453.592, "lbs": 453.592, "pound": 453.592,
        "pounds": 453.592, "oz": 28.3495, "ounce": 28.3495, "ounces": 28.3495,
        "mm": 1, "cm": 10, "inch": 25.4, "inches": 25.4, "in": 25.4, "ft": 304.8, "feet": 304.8,
        "min": 1, "mins": 1, "minute": 1, "minutes": 1, "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
        "day": 1_440, "days": 1_440,
        "mb": 1, "gb": 1_024, "tb": 1_048_576, "ml": 1, "l": 1_000, "liter": 1_000, "liters": 1_000, "litre": 1_000, "litres": 1_000,
        "qt": 946.353, "quart": 946.353, "quarts": 946.353, "cup": 236.588, "cups": 236.588, "gal": 3_785.41,
        "person": 1, "people": 1, "persons": 1, "w": 1, "watt": 1, "watts": 1, "kw": 1_000, "mah": 1,
        "mhz": 1, "ghz": 1_000,
    ]

    /// A cubic foot in millilitres, said in two words ("cu ft").
    static let millilitresPerCubicFoot = 28_316.8

    /// The units a cooking capacity is stated in: quarts and litres ("6 qt", "5.5L"). Ounces and
    /// cups say how much a blender or a coffee maker holds, which no one eats.
    public static let quartsAndLitres: Set<String> = ["qt", "quart", "quarts", "l", "liter", "liters", "litre", "litres"]

    /// What a cooking capacity holds for one person: about a quart (a family of 4 wants an air
    /// fryer of 4 qt or more), in millilitres.
    public static let millilitresPerPerson = units["qt"]!

    /// The people a capacity stated in `quartsAndLitres` feeds ("6 qt": 6.3); `nil` for any other text.
    public static func peopleFed(byCapacity text: String) -> Double? {
        let words = words(text)
        for index in words.indices.dropLast() where quartsAndLitres.contains(words[index + 1]) {
            if let number = Double(words[index]), let scale = units[words[index + 1]] { return number * scale / millilitresPerPerson }
        }
        return nil
    }

    /// The sum of the text's amounts ("5 lb 10 oz" is 2,551 g); `nil` when it has no number.
    public static func amount(_ text: String) -> Double? {
        sum(text)?.total
    }

    /// `amount` when the text names a unit of `units` ("9.9 lb", "330 g"), `nil` for a bare number:
    /// a bound in pounds is no bound on "4.5".
    public static func measuredAmount(_ text: String) -> Double? {
        guard let (total, hasUnit) = sum(text), hasUnit else { return nil }
        return total
    }

    /// The sum of the text's amounts and whether any had a unit.
    private static func sum(_ text: String) -> (total: Double, hasUnit: Bool)? {
        let words = words(text)
        var total: Double?
        var hasUnit = false
        var index = 0
        while index < words.count {
            guard let number = Double(words[index]) else {
                index += 1
                continue
            }
            // "0.6 cu ft": a toaster oven's volume, which read as 0.6 ranked it the smallest air fryer.
            if index + 2 < words.count, words[index + 1] == "cu" || words[index + 1] == "cubic",
               words[index + 2] == "ft" || words[index + 2] == "feet" || words[index + 2] == "foot" {
                total = (total ?? 0) + number * Self.millilitresPerCubicFoot
                hasUnit = true
                index += 3
                continue
            }
            let scale = index + 1 < words.count ? units[words[index + 1]] : nil
            total = (total ?? 0) + number * (scale ?? 1)
            hasUnit = hasUnit || scale != nil
            index += scale == nil ? 1 : 2
        }
        return total.map { ($0, hasUnit) }
    }

    /// The text's words, lower-cased, with each number apart from a unit written onto it:
    /// "16GB RAM" is "16", "gb", "ram"; "1,900 g" is "1900", "g".
    private static func words(_ text: String) -> [String] {
        let lower = text.lowercased()
        let grouped = lower.contains(",") ? withoutThousandsCommas(lower) : lower
        return grouped.split { !($0.isLetter || $0.isNumber || $0 == ".") }.flatMap(splittingNumber)
    }

    /// `text` without the commas that group a number's thousands ("1,900"): a comma between a
    /// digit and three more that end the number.
    private static func withoutThousandsCommas(_ text: String) -> String {
        let characters = Array(text)
        var kept = ""
        for (index, character) in characters.enumerated() {
            if character == ",", index > 0, characters[index - 1].isNumber, index + 3 < characters.count,
               characters[(index + 1)...(index + 3)].allSatisfy(\.isNumber),
               index + 4 == characters.count || !characters[index + 4].isNumber {
                continue
            }
            kept.append(character)
        }
        return kept
    }

    /// The first number a title names right before one of `units`, and that unit: 27 and "inch"
    /// of "27 inch" or "27-inch", 6 and "person" of "6-Person", 16 and "gb" of "16GB RAM". With
    /// `nouns`, only a number and unit followed by one of them ("ram" for memory, not "256GB SSD").
    /// With `skippingSides`, not a side of a size ("80" of "50 x 80 cm").
    public static func stated(inTitle title: String, units: Set<String>, nouns: Set<String> = [],
                              skippingSides: Bool = false) -> (number: Double, unit: String)? {
        let words = words(title)
        for index in words.indices.dropLast() where units.contains(words[index + 1]) {
            guard let number = Double(words[index]), number > 0 else { continue }
            if skippingSides, index > 0, words[index - 1] == "x" { continue }
            if nouns.isEmpty || (index + 2 < words.count && nouns.contains(words[index + 2])) { return (number, words[index + 1]) }
        }
        return nil
    }

    /// Measures a listing's title may state where its attributes do not, by attribute key, with
    /// the units it states them in: a yoga mat's thickness ("… Yoga Mat (6mm)"), what a bottle or
    /// a cooker holds ("… 1000 ml Water Bottle", "Ultra 8 L Pressure Cooker"), an appliance's power
    /// ("Black & Decker SB3220 500 W Hand Blender"). A screen's size is read from titles on its
    /// own (`"65\""` too).
    public static let statedInTitles: [String: Set<String>] = [
        "thickness": ["mm", "cm"], "capacity": quartsAndLitres.union(["ml"]), "power": ["w", "watt", "watts", "kw"],
    ]

    /// The amount of the measure `key` names that the title states (`statedInTitles`), in the
    /// measure's smallest unit, and as the title writes it ("6 mm"); `nil` when it states none.
    public static func stated(_ key: String, inTitle title: String) -> (amount: Double, value: String)? {
        // Not a side of a size ("50 x 80 cm" of a bath mat is no thickness).
        guard let units = statedInTitles[key],
              let (number, unit) = stated(inTitle: title, units: units, skippingSides: true) else { return nil }
        // Units as titles write them: "7 L", "500 W", not "7 l", "500 w".
        let written = ["l": "L", "w": "W", "kw": "kW"][unit] ?? unit
        return (number * (Self.units[unit] ?? 1), NumberText.plain(number) + " " + written)
    }

    /// "16gb" as "16" and "gb"; any other word as it is.
    private static func splittingNumber(_ word: Substring) -> [String] {
        guard let first = word.first, first.isNumber,
              let unitStart = word.firstIndex(where: { $0.isLetter }) else { return [String(word)] }
        return [String(word[..<unitStart]), String(word[unitStart...])]
    }
}
