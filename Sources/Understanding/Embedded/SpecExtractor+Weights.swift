import Shared

// Weights said with a number: how heavy the product may be ("a tent lighter than 10 pounds",
// "a laptop under 3 lbs": `weight_max`, which the catalog filters by) and what a chair must hold
// ("for someone who weighs 300 lbs": `max_weight`, an amount of which more serves).
extension SpecExtractor {
    /// Units that always weigh, as the bound states them.
    private static let weightUnits: [String: String] = [
        "lb": "lb", "lbs": "lb", "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    ]
    /// Units that weigh only near a word of weight: "under 10 pounds" alone is money, "a 32 oz
    /// bottle" a volume, and "5g" a phone's network.
    private static let weightUnitsInContext: [String: String] = [
        "pound": "lb", "pounds": "lb", "oz": "oz", "ounce": "oz", "ounces": "oz", "gram": "g", "grams": "g",
    ]
    /// Words that make a nearby "pounds" or "ounces" a weight.
    private static let weightWords: Set<String> = ["weighs", "weigh", "weighing", "weight", "weights", "lighter", "heavier",
                                                   "heavy", "light"]
    /// Words before a weight that bound it from above ("under", "lighter than") or below.
    private static let upperBoundWords: Set<String> = ["under", "below", "less", "lighter", "max", "maximum", "most", "up",
                                                       "within", "lower"]
    private static let lowerBoundWords: Set<String> = ["over", "above", "more", "heavier", "least", "min", "minimum", "plus"]
    /// Words between a bound's word and its number: "less than", "up to", "no heavier than".
    private static let boundConnectors: Set<String> = ["than", "to", "at", "a", "of", "about", "around", "weighs", "weigh",
                                                       "weighing", "weight", "that", "which", "is", "be", "it", "and"]
    /// Words before a weight that say what a product holds, not what it weighs: "holds 300 lbs",
    /// "a weight capacity of 300 lb".
    private static let holdingWords: Set<String> = ["holds", "hold", "holding", "supports", "support", "supporting", "capacity",
                                                    "rated", "carries", "carry"]
    /// Who weighs a number of pounds when it is a person: "I weigh 250 lbs", "someone who weighs".
    private static let personWords: Set<String> = ["i", "im", "he", "she", "hes", "shes", "who", "someone", "somebody",
                                                   "person", "guy", "man", "woman", "me", "husband", "wife", "dad"]

    /// Reads a weight at the number `index` into `result.attributes`, consuming its words, when
    /// the word after the number is a unit of weight in its context.
    /// - Returns: whether it did.
    static func scanWeight(at index: Int, _ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) -> Bool {
        guard index + 1 < tokens.count, let value = tokens[index].number, value >= 0 else { return false }
        let word = tokens[index + 1].text
        let before = (max(0, index - 4)..<index).filter { !consumed[$0] }
        // "Weighs under 10 pounds", "10 pounds or lighter".
        let saysWeight = before.contains { weightWords.contains(tokens[$0].text) || holdingWords.contains(tokens[$0].text) }
            || ((index + 2)..<min(index + 4, tokens.count)).contains { weightWords.contains(tokens[$0].text) }
        guard let unit = weightUnits[word] ?? (saysWeight ? weightUnitsInContext[word] : nil) else { return false }
        let amount = Tokenizer.formatNumber(value) + " " + unit
        var start = index
        var end = index + 1
        // What a chair holds or a person weighs: an amount the product must carry. "For a 300 lb guy" too.
        if index + 2 < tokens.count, ["man", "guy", "person", "woman", "user", "adult"].contains(tokens[index + 2].text) {
            result.attributes["max_weight"] = amount
            end = index + 2
            if index > 0, tokens[index - 1].text == "a" { start = index - 1 }
            if start > 0, tokens[start - 1].text == "for" { start -= 1 }
        } else if let holding = before.last(where: { holdingWords.contains(tokens[$0].text) || isPersonWeighing(at: $0, tokens) }) {
            result.attributes["max_weight"] = amount
            start = holding
            // "For someone who weighs": whom it is for is said by the weight.
            while start > 0, !consumed[start - 1], personWords.contains(tokens[start - 1].text) || tokens[start - 1].text == "for" {
                start -= 1
            }
        } else {
            var isLowerBound = false
            // "Lighter than", "no more than" (a negated lower bound is an upper one), "up to",
            // "weighs at least": the nearest word of a bound before the number decides.
            var position = index - 1
            while position >= 0, index - position <= 4, !consumed[position] {
                let text = tokens[position].text
                if upperBoundWords.contains(text) || lowerBoundWords.contains(text) {
                    start = position
                    if position > 0, ["at", "up"].contains(tokens[position - 1].text) { start -= 1 }
                    let isNegated = start > 0 && ["no", "not"].contains(tokens[start - 1].text)
                    if isNegated { start -= 1 }
                    isLowerBound = lowerBoundWords.contains(text) != isNegated
                    break
                }
                guard boundConnectors.contains(text) || weightWords.contains(text) else { break }
                position -= 1
            }
            // "10 lb or less", "5 kg or more", "10 lbs max".
            if end + 2 < tokens.count, tokens[end + 1].text == "or" {
                let after = tokens[end + 2].text
                if ["less", "lighter", "under", "below"].contains(after) { (isLowerBound, end) = (false, end + 2) }
                if ["more", "heavier", "over", "above"].contains(after) { (isLowerBound, end) = (true, end + 2) }
            } else if end + 1 < tokens.count, ["max", "maximum", "tops"].contains(tokens[end + 1].text) {
                end += 1
            }
            // Without a bound ("a 3 lb laptop") the weight said is as heavy as the shopper wants it.
            result.attributes[isLowerBound ? "weight_min" : "weight_max"] = amount
        }
        // "Weighs under 10 lbs", "a weight capacity of 300 lb": the word of weight goes with it.
        if start > 0, !consumed[start - 1], weightWords.contains(tokens[start - 1].text) { start -= 1 }
        for position in start...end where !consumed[position] {
            consumed[position] = true
            result.recognised += 1
        }
        return true
    }

    /// Whether the word at `position` is "weigh(s)" said of a person: "I weigh", "who weighs".
    private static func isPersonWeighing(at position: Int, _ tokens: [Token]) -> Bool {
        guard ["weigh", "weighs"].contains(tokens[position].text), position > 0 else { return false }
        return personWords.contains(tokens[position - 1].text)
    }
}
