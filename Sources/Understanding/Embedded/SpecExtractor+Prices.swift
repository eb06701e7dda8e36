import Shared

// MARK: Prices

/// Budgets in an utterance: "under 800", "between 200 and 400", "$1.5k", "around 50 euros"; a
/// number before a unit of measure is no money.
extension SpecExtractor {
    /// Words a model's number follows: "rtx 4070", "ryzen 7", "iphone 15", "series 9".
    static let modelLineWords: Set<String> = [
        "rtx", "gtx", "rx", "arc", "ryzen", "core", "series", "iphone", "galaxy", "pixel", "model", "version", "gen",
        "generation", "ps", "xbox", "macbook", "ipad", "watch", "rog", "thinkpad", "xps", "zenbook", "vivobook", "mx",
        "forerunner", "fenix", "venu", "airpods", "kindle", "playstation", "switch",
    ]

    private enum Bound {
        case max, min, around, between, from

        /// What the bound means when denied: nothing over 800 is at most 800, no less than 50 at least 50.
        var negated: Bound {
            switch self {
            case .max: .min
            case .min: .max
            default: self
            }
        }
    }

    private static let cuesBefore: [([String], Bound)] = [
        (["less", "than"], .max), (["lower", "than"], .max), (["cheaper", "than"], .max), (["less", "then"], .max),
        (["up", "to"], .max), (["at", "most"], .max),
        (["under"], .max), (["below"], .max), (["max"], .max), (["maximum"], .max),
        // Slips of the keys: "wireles headphones undr 100".
        (["undr"], .max), (["udner"], .max), (["unde"], .max), (["uner"], .max), (["unter"], .max), (["belw"], .max),
        (["upto"], .max), (["within"], .max), (["budget"], .max), (["beneath"], .max), (["sub"], .max),
        (["spend"], .max), (["afford"], .max), (["cap"], .max), (["ceiling"], .max), (["limit"], .max),
        (["more", "than"], .min), (["greater", "than"], .min), (["higher", "than"], .min), (["at", "least"], .min),
        (["starting", "at"], .min), (["upwards", "of"], .min), (["north", "of"], .min), (["over"], .min),
        (["above"], .min), (["minimum"], .min), (["min"], .min),
        (["close", "to"], .around), (["range", "of"], .around), (["around"], .around), (["about"], .around),
        (["approximately"], .around), (["approx"], .around), (["roughly"], .around), (["near"], .around),
        (["like"], .around), (["ballpark"], .around), (["circa"], .around),
        (["between"], .between), (["from"], .from),
    ]
    private static let cuesAfter: [([String], Bound)] = [
        (["or", "less"], .max), (["or", "under"], .max), (["or", "below"], .max), (["and", "under"], .max),
        (["and", "below"], .max), (["at", "most"], .max), (["max"], .max), (["tops"], .max), (["maximum"], .max),
        (["or", "cheaper"], .max),
        (["or", "more"], .min), (["and", "up"], .min), (["and", "above"], .min), (["or", "above"], .min),
        (["plus"], .min), (["minimum"], .min), (["at", "least"], .min), (["and", "over"], .min),
        (["or", "so"], .around), (["ish"], .around), (["give", "or", "take"], .around),
    ]
    private static let fillers: Set<String> = ["of", "is", "a", "be", "was", "my", "the", "just", "only", "say", "it",
                                               "to", "spending", "around"]
    private static let currencyBefore: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
        "inr": "INR", "rs": "INR", "jpy": "JPY", "cad": "CAD", "aud": "AUD", "chf": "CHF", "us": "USD",
    ]
    private static let currencyAfter: [String: String] = [
        "dollars": "USD", "dollar": "USD", "bucks": "USD", "buck": "USD", "usd": "USD", "euros": "EUR",
        "euro": "EUR", "eur": "EUR", "pounds": "GBP", "pound": "GBP", "quid": "GBP", "gbp": "GBP",
        "rupees": "INR", "rupee": "INR", "inr": "INR", "rs": "INR", "yen": "JPY", "jpy": "JPY", "cad": "CAD",
        "aud": "AUD", "chf": "CHF", "francs": "CHF", "$": "USD", "€": "EUR", "£": "GBP",
    ]

    /// One amount: where it sits, its value, and what marks it as money.
    private struct Amount {
        var start: Int
        var end: Int  // exclusive: the number plus its k / currency word
        var value: Double
        var currency: String?
        var hasThousands: Bool
    }

    /// Reads the amount at `index`: `$ 1.5 k`, `500 bucks`, `usd 300`.
    private func amount(at index: Int, _ tokens: [Token], _ consumed: [Bool]) -> Amount? {
        var start = index
        var currency: String?
        if index > 0, !consumed[index - 1], let code = Self.currencyBefore[tokens[index - 1].text] {
            currency = code
            start = index - 1
        }
        guard let number = tokens[index].number, !consumed[index] else { return nil }
        var value = number
        var end = index + 1
        var hasThousands = false
        if end < tokens.count, tokens[end].text == "k" || tokens[end].text == "thousand" {
            value *= 1000
            hasThousands = true
            end += 1
        }
        if end < tokens.count, let code = Self.currencyAfter[tokens[end].text] {
            if !(tokens[end].text == "$" && currency != nil) { currency = currency ?? code }
            end += 1
            if end < tokens.count, tokens[end].text == "dollars" || tokens[end].text == "dollar",
               ["canadian", "australian"].contains(tokens[end - 1].text) {
                end += 1
            }
        } else if end + 1 < tokens.count, ["canadian", "australian", "us"].contains(tokens[end].text),
                  tokens[end + 1].text.hasPrefix("dollar") {
            currency = ["canadian": "CAD", "australian": "AUD", "us": "USD"][tokens[end].text]
            end += 2
        }
        return Amount(start: start, end: end, value: value, currency: currency, hasThousands: hasThousands)
    }

    private func cue(endingBefore index: Int, _ tokens: [Token], _ consumed: [Bool]) -> (Bound, Int)? {
        var position = index - 1
        var skipped = 0
        while position >= 0 && skipped <= 2 {
            if consumed[position] { return nil }
            for (words, bound) in Self.cuesBefore where words.count <= position + 1 {
                var matches = true
                for (offset, word) in words.enumerated() where tokens[position - words.count + 1 + offset].text != word {
                    matches = false
                    break
                }
                if matches {
                    let start = position - words.count + 1
                    // "What about 1000?", "how about 65?": an amount offered instead, not one roughly.
                    if words == ["about"], start > 0, ["what", "how"].contains(tokens[start - 1].text) { return nil }
                    if Self.comparisons.contains(words[0]), let negation = negation(before: start, tokens, consumed) {
                        return (bound.negated, negation)
                    }
                    return (bound, start)
                }
            }
            guard Self.fillers.contains(tokens[position].text) else { return nil }
            position -= 1
            skipped += 1
        }
        return nil
    }

    /// The cues a negation turns around ("not over 800"); "can't spend 800" and "no budget" stay what they say.
    private static let comparisons: Set<String> = [
        "less", "lower", "cheaper", "under", "below", "beneath", "more", "greater", "higher", "over", "above",
    ]
    /// Words that deny a bound said after them: "nothing over 800", "I don't want to spend more than 800".
    private static let boundNegations: Set<String> = [
        "no", "not", "nothing", "never", "none", "dont", "doesnt", "cant", "cannot", "wont", "shouldnt", "wouldnt",
        "mustnt", "isnt",
    ]
    /// Words that may stand between a negation and the bound it denies: "not a penny over", "can't spend more than".
    private static let negationBridges: Set<String> = [
        "i", "we", "want", "wanna", "to", "spend", "spending", "pay", "paying", "cost", "costing", "go", "going", "be",
        "a", "an", "penny", "cent", "dime", "single", "anything", "something", "it", "that", "really", "much", "way",
        "afford", "willing", "able", "trying", "plan", "planning", "looking", "at", "need",
    ]

    /// Where a negation stands right before the cue at `start`, across only the words that may bridge them.
    private func negation(before start: Int, _ tokens: [Token], _ consumed: [Bool]) -> Int? {
        var position = start - 1
        while position >= 0 && start - position <= 6 && !consumed[position] {
            let word = tokens[position].text
            if Self.boundNegations.contains(word) { return position }
            guard Self.negationBridges.contains(word) else { return nil }
            position -= 1
        }
        return nil
    }

    private func cue(startingAt index: Int, _ tokens: [Token]) -> (Bound, Int)? {
        for (words, bound) in Self.cuesAfter where index + words.count <= tokens.count {
            var matches = true
            for (offset, word) in words.enumerated() where tokens[index + offset].text != word {
                matches = false
                break
            }
            if matches { return (bound, index + words.count) }
        }
        return nil
    }

    /// "80 plus gold", "80+ certified": a power supply's efficiency rating (a feature), not $80 or more.
    private static func namesEfficiencyRating(at index: Int, _ tokens: [Token]) -> Bool {
        index + 2 < tokens.count && tokens[index].text == "80" && tokens[index + 1].text == "plus"
            && efficiencyRatingWords.contains(tokens[index + 2].text)
    }
    private static let efficiencyRatingWords = Set(Lexicon.efficiencyRatings + ["certified", "rated"])

    func scanPrices(_ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) {
        let mentionsCanadian = tokens.contains { $0.text == "cad" || $0.text == "canadian" }
        var index = 0
        while index < tokens.count {
            guard tokens[index].number != nil, !consumed[index], !Self.namesEfficiencyRating(at: index, tokens),
                  let first = amount(at: index, tokens, consumed),
                  // A spelled "one" is the product ("a thick one, at least …"), not a dollar.
                  first.currency != nil || tokens[index].isTyped || tokens[index].number != 1 else {
                index += 1
                continue
            }
            var before = cue(endingBefore: first.start, tokens, consumed)
            // A range: "200 to 400", "between 200 and 400", "from $1k to 2k".
            var second: Amount?
            if first.end + 1 < tokens.count, ["to", "and", "or"].contains(tokens[first.end].text) {
                var next = first.end + 1
                if next < tokens.count, Self.currencyBefore[tokens[next].text] != nil { next += 1 }
                let connector = tokens[first.end].text
                let isRange = connector == "to" || before?.0 == .between
                if isRange, next < tokens.count, tokens[next].number != nil,
                   let candidate = amount(at: next, tokens, consumed),
                   !isUnit(candidate.end, tokens) {
                    second = candidate
                }
            }
            if var upper = second {
                var lower = first
                if upper.hasThousands && !lower.hasThousands && lower.value * 1000 <= upper.value {
                    lower.value *= 1000
                }
                if lower.value > upper.value { swap(&lower.value, &upper.value) }
                result.minPrice = lower.value
                result.maxPrice = upper.value
                result.currency = lower.currency ?? upper.currency ?? result.currency
                let start = before?.1 ?? lower.start
                for position in start..<upper.end { consumed[position] = true }
                result.recognised += upper.end - start
                index = upper.end
                continue
            }
            // A cue before the amount wins: in "under 800 and over 500", "and over" belongs to 500.
            // A hedge before it does not: "like 400 max" is at most 400 (it was $320–$480).
            var after = before == nil || before?.0 == .around ? cue(startingAt: first.end, tokens) : nil
            if before?.0 == .around, let bound = after?.0, bound == .max || bound == .min {
                before = nil
            } else if before != nil {
                after = nil
            }
            let isMoney = first.currency != nil || first.hasThousands
            // 4k and 8k with nothing else saying money are resolutions.
            if first.hasThousands && first.currency == nil && before == nil && after == nil,
               tokens[index].number == 4 || tokens[index].number == 8, first.end == index + 2,
               tokens[index + 1].text == "k" {
                result.attributes["resolution"] = Tokenizer.formatNumber(tokens[index].number ?? 4) + "K"
                consumed[index] = true
                consumed[index + 1] = true
                result.recognised += 2
                index += 2
                continue
            }
            // "at least 6mm", "under 2 kg": a measure, not money.
            if first.currency == nil, !first.hasThousands, isUnit(first.end, tokens) {
                index = first.end
                continue
            }
            if before?.0 == .from { before = (.min, before?.1 ?? first.start) }
            guard let bound = before?.0 ?? after?.0 ?? (isMoney ? Bound.max : nil) else {
                // "With an rtx 4070": a model's number, no budget (it answered "what's your budget?" with $4,070).
                let isModelNumber = first.start > 0 && Self.modelLineWords.contains(tokens[first.start - 1].text)
                if !isUnit(first.end, tokens), !isModelNumber { result.bareNumbers.append(first.value) }
                index = first.end
                continue
            }
            switch bound {
            case .max: result.maxPrice = first.value
            case .min, .from: result.minPrice = first.value
            case .between: result.maxPrice = first.value
            case .around:
                // The documented band: ±20 % around the amount.
                result.minPrice = (first.value * 0.8).rounded()
                result.maxPrice = (first.value * 1.2).rounded()
            }
            if let currency = first.currency { result.currency = currency }
            let start = before?.1 ?? first.start
            let end = after?.1 ?? first.end
            for position in start..<end { consumed[position] = true }
            result.recognised += end - start
            index = end
        }
        if mentionsCanadian && result.currency == "USD" { result.currency = "CAD" }
        // A currency named elsewhere ("under 300, in euros"); not a unit a weight took ("lighter
        // than 10 pounds under 300" is $300, not £300).
        if result.currency == nil, result.hasBudget,
           let position = tokens.indices.first(where: { !consumed[$0] && Self.currencyAfter[tokens[$0].text] != nil }) {
            result.currency = Self.currencyAfter[tokens[position].text]
        }
    }

    /// Units of measures that are no money: after one, a number is no price ("at least 6mm").
    private static let measureUnits: Set<String> = [
        "hz", "inch", "inches", "inchs", "mp", "w", "watt", "watts", "mah", "p", "qt", "quart", "quarts", "l", "liter",
        "liters", "litre", "litres", "ml", "pieces", "piece", "pcs", "cores", "core", "gb", "tb", "mb", "mm", "cm", "m", "kg",
        "g", "lb", "lbs", "oz", "ft", "feet", "foot", "person", "persons", "people", "cup", "cups", "hours", "hour", "hrs",
        "hr", "minutes", "mins",
    ]

    private func isUnit(_ index: Int, _ tokens: [Token]) -> Bool {
        guard index < tokens.count else { return false }
        return Self.capacityUnits[tokens[index].text] != nil || Self.measureUnits.contains(tokens[index].text)
    }
}

// MARK: Prices per unit

extension SpecExtractor {
    /// Words near "per TB" that make it a price asked per unit: "the cheapest per TB", "best price
    /// per GB", "lowest cost per ounce". They are taken with it: the order is by the price per
    /// unit, not by the price ("cheapest" alone sorts by price).
    private static let unitPriceWords: Set<String> = ["cheapest", "cheaper", "lowest", "lower", "best", "price", "prices", "cost",
                                                      "costs", "value", "priced", "dollars", "dollar", "bucks", "$", "money"]
    /// Words between them and the unit: "cheapest ssd per tb", "the best price per gb".
    private static let unitPriceFillers: Set<String> = ["the", "a", "an", "in", "of", "terms", "by", "most", "for"]

    /// Reads "cheapest per TB", "best price per GB", "most GB per dollar", "the most storage for
    /// the money per TB" into `"price_per_tb": "least"` (`UnitPrice`), consuming its words.
    func scanUnitPrice(_ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) {
        for index in tokens.indices.dropLast() where tokens[index].text == "per" && !consumed[index] {
            // "Price per TB": the unit after "per"; "GB per dollar": the unit before it, and the money after.
            let taken: [Int]
            let unitPrice: UnitPrice
            if let unit = UnitPrice(unitWord: tokens[index + 1].text),
               let start = unitPriceStart(before: index, tokens, consumed) {
                // Not the product between them ("cheapest ssd per tb").
                taken = (start..<index).filter {
                    Self.unitPriceWords.contains(tokens[$0].text) || Self.unitPriceFillers.contains(tokens[$0].text)
                }
                    + [index, index + 1]
                unitPrice = unit
            } else if index > 0, let unit = UnitPrice(unitWord: tokens[index - 1].text),
                      ["dollar", "dollars", "buck", "bucks", "$"].contains(tokens[index + 1].text) {
                var start = index - 1
                while start > 0, !consumed[start - 1], ["most", "more", "the", "best"].contains(tokens[start - 1].text) { start -= 1 }
                taken = Array(start...(index + 1))
                unitPrice = unit
            } else {
                continue
            }
            result.attributes[unitPrice.key] = MeasureOrder.least.rawValue
            for position in taken where !consumed[position] {
                consumed[position] = true
                result.recognised += 1
            }
            return
        }
    }

    /// Where the words asking for a low price before "per" at `index` start: the earliest of
    /// `unitPriceWords` among up to four words before it, across fillers and one other word (the
    /// product: "cheapest ssd per tb"); `nil` when none is.
    private func unitPriceStart(before index: Int, _ tokens: [Token], _ consumed: [Bool]) -> Int? {
        var start: Int?
        var others = 0
        var position = index - 1
        while position >= 0, index - position <= 4, !consumed[position] {
            let word = tokens[position].text
            if Self.unitPriceWords.contains(word) {
                start = position
            } else if !Self.unitPriceFillers.contains(word) {
                others += 1
                if others > 1 { break }
            }
            position -= 1
        }
        return start
    }
}
