import Shared

// Specs said with a unit: "16gb ram", "a 65 inch tv", "a tent for 4 people", "size 10", "for a
// 10 year old"; each read into the attribute its category states it by.
extension SpecExtractor {
    static let capacityUnits: [String: String] = [
        "gb": "GB", "gig": "GB", "gigs": "GB", "gigabyte": "GB", "gigabytes": "GB",
        "tb": "TB", "terabyte": "TB", "terabytes": "TB",
    ]
    /// A graphics card's "12gb of vram" is its memory too (before, an amount of nothing said).
    private static let ramWords: Set<String> = ["ram", "memory", "ddr4", "ddr5", "ddr", "vram", "gddr6", "gddr6x"]
    private static let storageWords: Set<String> = ["ssd", "storage", "hdd", "hard", "nvme", "drive", "disk", "emmc",
                                                    "space", "rom"]

    /// Words before a number that say which attribute it is: "size 10", "waist 32", "aged 10".
    private static let keyBeforeNumber: [String: String] = ["size": "size", "waist": "size", "age": "age", "aged": "age",
                                                             "ages": "age",
                                                             "inseam": "inseam"]

    private static let yearWords: Set<String> = ["year", "years", "yr", "yrs"]
    /// Who a child's present is for, before "is 8": "my son", "she", "the kid".
    private static let childWords: Set<String> = [
        "son", "daughter", "kid", "child", "boy", "girl", "nephew", "niece", "grandson", "granddaughter",
        "he", "she", "who", "brother", "sister", "cousin", "toddler",
    ]
    private static let ageVerbs: Set<String> = ["is", "turns", "turning", "turned", "just", "only", "almost", "nearly"]

    /// Where the words before the number at `index` that say a child is that old start ("is",
    /// "just turned", "she's"), when they do; the child's word itself is not taken.
    private static func childsAgeStart(before index: Int, in tokens: [Token], consumed: [Bool]) -> Int? {
        var start = index
        while start > 0, index - start < 3, ageVerbs.contains(tokens[start - 1].text), !consumed[start - 1] { start -= 1 }
        guard start > 0 else { return nil }
        let who = tokens[start - 1].text
        if who == "hes" || who == "shes" { return start - 1 }
        return start < index && childWords.contains(who) ? start : nil
    }
    /// Words that may follow a size said after "in": "in 32 please", "in 10 and black".
    private static let afterSize: Set<String> = ["please", "pls", "and", "or", "too", "instead", "then", "under", "for"]
    /// Words for whom shoes and clothes are sized, before a size: "women's 7".
    private static let sizedWearers: Set<String> = ["women", "womens", "woman", "men", "mens", "man", "kids", "boys", "girls", "youth"]
    /// Words that may follow "for two" when it counts people: "a tent for two under 200".
    private static let afterPeopleCount: Set<String> = ["under", "below", "with", "and", "that", "please", "in", "around", "less"]
    /// Words after a number that make it a leg's length: "32 waist 30 length".
    private static let inseamWords: Set<String> = ["length", "inseam"]
    private static let personWords: Set<String> = ["person", "persons", "people"]
    /// Things sized by how many people they are for, whose "for 2" is people, not a price.
    private static let thingsForPeople: Set<String> = ["tent", "tents"]
    /// "A family of 4", "a household of five": as many people.
    private static let householdWords: Set<String> = ["family", "household", "home"]

    /// Takes "big enough for (a)" before the people a thing is for ("a tent big enough for 4
    /// people"): the people say how big, and "big" is no word of a title.
    private static func consumeBigEnough(before start: Int, _ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) {
        var position = start - 1
        if position >= 0, tokens[position].text == "a" { position -= 1 }
        guard position >= 2, tokens[position].text == "for", tokens[position - 1].text == "enough",
              ["big", "large", "roomy", "spacious"].contains(tokens[position - 2].text) else { return }
        for taken in (position - 2)..<start where !consumed[taken] {
            consumed[taken] = true
            result.recognised += 1
        }
    }

    /// A number said with a word of `keyBeforeNumber` or `inseamWords` as its attribute states it:
    /// an inseam in inches ("30 inch"), a size or an age as it is.
    private static func value(of key: String, _ number: String) -> String {
        key == "inseam" ? number + " inch" : number
    }

    /// Whether a number can be a person's age in years.
    private static func isAge(_ value: Double) -> Bool { value == value.rounded() && (1...120).contains(value) }

    /// Returns the positions of nouns that name a spec ("16gb RAM", "1tb SSD"): they name a
    /// category only when nothing else does ("16gb ram laptop" is a laptop).
    func scanUnits(_ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) -> Set<Int> {
        var specNouns: Set<Int> = []
        for index in tokens.indices {
            guard let value = tokens[index].number, !consumed[index] else { continue }
            if Self.scanWeight(at: index, tokens, &consumed, &result) { continue }
            let number = Tokenizer.formatNumber(value)
            // "size 10"; "waist 32" is the size of jeans and trousers; "aged 10" is whose a toy is.
            // Not a word another number took: "32 waist 30 length".
            if index > 0, !consumed[index - 1], let key = Self.keyBeforeNumber[tokens[index - 1].text], key != "age" || Self.isAge(value) {
                result.attributes[key] = Self.value(of: key, number)
                consumed[index - 1] = true
                consumed[index] = true
                result.recognised += 2
                continue
            }
            // "My son is 8", "she's turning 10 (years old)": the age a toy or a book is for. Before,
            // an 8-year-old was shown an $850 collector's set.
            if let start = Self.childsAgeStart(before: index, in: tokens, consumed: consumed), Self.isAge(value), value < 18 {
                result.attributes["age"] = number
                var end = index
                if index + 2 < tokens.count, Self.yearWords.contains(tokens[index + 1].text), tokens[index + 2].text == "old" { end += 2 }
                for position in start...end { consumed[position] = true }
                result.recognised += end - start + 1
                continue
            }
            // "an air fryer for a family of 4 (people)": the people it is for, as "for 4 people" says.
            if index > 1, tokens[index - 1].text == "of", Self.householdWords.contains(tokens[index - 2].text),
               value == value.rounded(), (1...20).contains(value) {
                result.attributes["capacity"] = number + " person"
                let end = index + 1 < tokens.count && Self.personWords.contains(tokens[index + 1].text) ? index + 1 : index
                for position in (index - 2)...end { consumed[position] = true }
                result.recognised += end - index + 3
                Self.consumeBigEnough(before: index - 2, tokens, &consumed, &result)
                continue
            }
            // "An air fryer for two", "a tent for four": as many people. Spelled out and small only:
            // "for 10" may be a price.
            // Typed after a thing for people ("a tent for 2 for festivals") too.
            let isAfterPeoplesThing = index > 1 && Self.thingsForPeople.contains(tokens[index - 2].text)
            if index > 0, tokens[index - 1].text == "for", !tokens[index].isTyped || isAfterPeoplesThing, value == value.rounded(),
               (2...8).contains(value),
               index + 1 == tokens.count || Self.afterPeopleCount.contains(tokens[index + 1].text) || isAfterPeoplesThing {
                result.attributes["capacity"] = number + " person"
                consumed[index] = true
                result.recognised += 1
                continue
            }
            // "In 32", "in a 10", said last or before a connector: maybe a size (`numberMaybeSize`).
            // So is one after whom it is for: "women's 7", "mens 10.5" (before, the keyword "7").
            let before = index > 1 && tokens[index - 1].text == "a" ? index - 2 : index - 1
            let isAfterIn = before >= 0 && tokens[before].text == "in" && value == value.rounded() && (4...50).contains(value)
            let isAfterWhom = index > 0 && Self.sizedWearers.contains(tokens[index - 1].text) && (1...16).contains(value)
                && (value * 2).rounded() == value * 2
            if isAfterIn || isAfterWhom, index + 1 == tokens.count || Self.afterSize.contains(tokens[index + 1].text) {
                result.numberMaybeSize = number
            }
            guard index + 1 < tokens.count else { continue }
            let unit = tokens[index + 1].text
            // "34 waist", as "waist 34" says it; "30 length" (or "inseam") is the leg's, which no
            // size states (before, it replaced the waist as the size).
            if unit == "waist" || Self.inseamWords.contains(unit), value == value.rounded(), (20...60).contains(value) {
                let key = unit == "waist" ? "size" : "inseam"
                result.attributes[key] = Self.value(of: key, number)
                consumed[index] = true
                consumed[index + 1] = true
                result.recognised += 2
                continue
            }
            var key: String?
            var formatted = ""
            var length = 2
            if let capacity = Self.capacityUnits[unit] {
                var next = index + 2
                if next < tokens.count, tokens[next].text == "of" { next += 1 }
                let following = next < tokens.count ? tokens[next].text : ""
                if Self.ramWords.contains(following) {
                    key = "ram"
                    formatted = number + capacity
                    length = next - index
                    specNouns.insert(next)
                } else if Self.storageWords.contains(following) {
                    key = "storage"
                    formatted = number + capacity + (following == "ssd" || following == "nvme" ? " SSD" : "")
                    length = next - index
                    specNouns.insert(next)
                } else {
                    result.pendingCapacity = (value, capacity)
                }
            } else {
                switch unit {
                case "hz": (key, formatted) = ("refresh_rate", number + "Hz")
                case "inch", "inches", "inchs": (key, formatted) = ("screen_size", number + " inch")
                // "27 in", not "the second one in black": "in" is a unit after digits only.
                // Nor "a 2 in 1 laptop": a number right after it makes it a kind ("2-in-1").
                case "in" where tokens[index].isTyped && !(index + 2 < tokens.count && tokens[index + 2].number != nil):
                    (key, formatted) = ("screen_size", number + " inch")
                case "mp", "megapixel", "megapixels": (key, formatted) = ("megapixels", number + "MP")
                case "w", "watt", "watts": (key, formatted) = ("power", number + "W")
                case "mah": (key, formatted) = ("battery", number + "mAh")
                case "p" where [480, 720, 1080, 1440, 2160].contains(value): (key, formatted) = ("resolution", number + "p")
                case "qt", "quart", "quarts": (key, formatted) = ("capacity", number + " qt")
                // "A coffee maker that makes 12 cups", as coffee makers state it ("12 cups").
                // One cup is a single-serve one (`Lexicon.features`), not a capacity.
                case let unit where (unit == "cup" || unit == "cups") && value == value.rounded() && (2...30).contains(value):
                    (key, formatted) = ("capacity", number + " cups")
                case "l", "liter", "liters", "litre", "litres": (key, formatted) = ("capacity", number + "L")
                case "piece", "pieces", "pcs": (key, formatted) = ("piece_count", number)
                // "a tent for 4 people", "a 2-person tent": as the catalog states it ("4 person").
                // (A `where` clause applies to the last pattern of a `case` only: one pattern here.)
                case let unit where Self.personWords.contains(unit) && value == value.rounded()
                        && (1...20).contains(value):
                    (key, formatted) = ("capacity", number + " person")
                    Self.consumeBigEnough(before: index, tokens, &consumed, &result)
                case "core", "cores": (key, formatted) = ("cores", number)
                // "At least 30 hours battery", "a 40 hour battery life": how long a charge lasts (before,
                // a budget over $30). The battery's words after it are the same wish.
                // (A `where` clause applies to the last pattern of a `case` only: one pattern each here.)
                case let unit where Self.hourWords.contains(unit) && value > 0 && value <= 1_000:
                    (key, formatted) = ("battery_life", number + " hours")
                    length += Self.batteryWordsLength(after: index + 2, in: tokens)
                    Self.consumeLastingVerb(before: index, tokens, &consumed, &result)
                // "A 10 day battery": a watch's, in days.
                case let unit where (unit == "days" || unit == "day") && value >= 1 && value <= 90
                        && Self.batteryWordsLength(after: index + 2, in: tokens) > 0:
                    (key, formatted) = ("battery_life", number + " days")
                    length += Self.batteryWordsLength(after: index + 2, in: tokens)
                // "A vacuum that runs 60 minutes": its run on a charge (before, the use "running" and
                // the keywords "60" and "minutes"). Not a tent's setup ("sets up in 10 minutes").
                case let unit where Self.minuteWords.contains(unit) && value > 0 && value <= 600:
                    let setup = (max(0, index - 3)..<index).filter { Self.setupWords.contains(tokens[$0].text) }
                    guard setup.isEmpty else {
                        // "A tent that sets up in 10 minutes": the quickest to set up first (before, the
                        // keywords "sets", "10" and "minutes").
                        result.refinements.insert(.ranked(.setupTime, .least))
                        for position in (setup[0]...(index + 1)) where !consumed[position] {
                            consumed[position] = true
                            result.recognised += 1
                        }
                        continue
                    }
                    (key, formatted) = ("runtime", number + " minutes")
                    Self.consumeLastingVerb(before: index, tokens, &consumed, &result)
                // "a 10 year old", "a 10-year-old", "my 7 yo": the age a toy or a book is for.
                case let unit where Self.yearWords.contains(unit) && Self.isAge(value) && index + 2 < tokens.count
                        && tokens[index + 2].text == "old":
                    (key, formatted, length) = ("age", number, 3)
                case "yo" where Self.isAge(value): (key, formatted) = ("age", number)
                // A thickness or length ("6mm", "30 cm"): searched as the words products state it in.
                case "mm", "cm":
                    if result.keywords.count < 8 { result.keywords.append(number + unit) }
                    consumed[index] = true
                    consumed[index + 1] = true
                    result.recognised += 2
                    continue
                default: break
                }
            }
            if Self.capacityUnits[unit] != nil, key == nil {
                consumed[index] = true
                consumed[index + 1] = true
                result.recognised += 2
                continue
            }
            guard var key else { continue }
            // "60 inches wide", "taller than 48 inches": a width or a height, not a screen's size.
            if key == "screen_size", let (dimension, position) = Self.dimension(around: index, in: tokens, consumed: consumed) {
                key = dimension
                consumed[position] = true
                result.recognised += 1
            }
            // "between 40 and 50 inches", "40-50 inch": a range of screens, not a budget of 40.
            if key == "screen_size", let range = Self.rangeStart(before: index, in: tokens, consumed: consumed) {
                result.attributes["screen_size_min"] = Tokenizer.formatNumber(range.lower) + " inch"
                result.attributes["screen_size_max"] = formatted
                for position in range.start...(index + 1) { consumed[position] = true }
                result.recognised += index + 2 - range.start
                continue
            }
            result.attributes[key] = formatted
            for offset in 0..<length where index + offset < tokens.count { consumed[index + offset] = true }
            result.recognised += length
        }
        return specNouns
    }

    private static let hourWords: Set<String> = ["hours", "hour", "hrs", "hr"]
    private static let minuteWords: Set<String> = ["minutes", "minute", "mins"]

    /// Words of a setup time: a number of minutes near them is no run time.
    private static let setupWords: Set<String> = ["set", "setup", "sets", "pitch", "pitches", "assemble"]

    /// Consumes "runs" or "lasts" right before a duration at `index`, across "for", "up to", "at
    /// least": the duration says it ("runs for 60 minutes" is no use "running").
    private static func consumeLastingVerb(before index: Int, _ tokens: [Token], _ consumed: inout [Bool],
                                           _ result: inout Extraction) {
        var position = index - 1
        while position >= 0, index - position <= 3, !consumed[position] {
            let word = tokens[position].text
            if ["runs", "run", "lasts", "last"].contains(word) {
                consumed[position] = true
                result.recognised += 1
                return
            }
            guard ["for", "up", "to", "at", "least", "about", "around"].contains(word) else { return }
            position -= 1
        }
    }

    /// How many of the words at `start` name a battery's charge ("battery", "of battery life",
    /// "playtime"), said after how long it lasts.
    private static func batteryWordsLength(after start: Int, in tokens: [Token]) -> Int {
        var end = start
        if end < tokens.count, tokens[end].text == "of" { end += 1 }
        guard end < tokens.count, ["battery", "playtime", "runtime"].contains(tokens[end].text) else { return 0 }
        end += 1
        if end < tokens.count, tokens[end].text == "life" { end += 1 }
        return end - start
    }

    /// The dimension a length in inches at `index` is of, said right after it ("60 inches wide")
    /// or up to three words before it ("taller than 48 inches", "a height of 30 inches"), and
    /// where that word is.
    private static func dimension(around index: Int, in tokens: [Token], consumed: [Bool]) -> (key: String, position: Int)? {
        let positions = [index + 2] + (max(0, index - 3)..<index).reversed()
        for position in positions where position < tokens.count && !consumed[position] {
            if let key = dimensionWords[tokens[position].text] { return (key, position) }
        }
        return nil
    }

    /// Words that say which dimension a length is of.
    private static let dimensionWords: [String: String] = [
        "wide": "width", "wider": "width", "width": "width",
        "tall": "height", "taller": "height", "high": "height", "higher": "height", "height": "height",
        "long": "length", "longer": "length", "length": "length", "deep": "depth", "depth": "depth",
    ]

    /// Where a range ending in the number at `index` starts, and its lower number: "40 and",
    /// "40 to" ("40-50" is tokenised "40 to 50"), after an optional "between" or "from".
    private static func rangeStart(before index: Int, in tokens: [Token], consumed: [Bool]) -> (start: Int, lower: Double)? {
        guard index >= 2, ["and", "to"].contains(tokens[index - 1].text), let lower = tokens[index - 2].number,
              !consumed[index - 2], lower < tokens[index].number ?? 0 else { return nil }
        let hasOpener = index >= 3 && ["between", "from"].contains(tokens[index - 3].text) && !consumed[index - 3]
        // "and" joins a range only after "between": "a tv and 50 inch…" is no range.
        guard hasOpener || tokens[index - 1].text == "to" else { return nil }
        return (hasOpener ? index - 3 : index - 2, lower)
    }
}
