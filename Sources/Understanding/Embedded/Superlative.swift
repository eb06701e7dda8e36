import Shared

/// "Which one is the cheapest?", "which is best rated?": a question about the list shown, answered
/// by the shown product that is first by that measure. Before, the words sorted the search again,
/// or, when it was sorted so already, showed its next page.
///
/// Only measures the products shown keep (price, rating, reviews). One that is an attribute
/// ("which one is the lightest?") is `AttributeSuperlative`'s, answered after a catalog lookup.
enum Superlative: Equatable {
    /// `bestMatch`: "which one do you recommend?", the first shown, which the search ranked best
    /// for what was asked (before, the search's next page).
    case cheapest, dearest, bestRated, mostReviewed, bestMatch
    /// "Which is cheapest per ounce?": by the price per unit of what each holds, which titles and
    /// the amounts the state keeps say ("CeraVe Moisturizing Cream, 19 oz").
    case cheapestPer(UnitPrice)

    /// The words that say each measure: any one of them, or a pair of adjacent words.
    private static let phrases: [(words: [String], measure: Superlative)] = [
        (["cheapest"], .cheapest), (["cheaper"], .cheapest), (["least", "expensive"], .cheapest),
        (["lowest", "price"], .cheapest), (["most", "affordable"], .cheapest),
        (["priciest"], .dearest), (["dearest"], .dearest), (["most", "expensive"], .dearest),
        (["highest", "price"], .dearest),
        (["best", "rated"], .bestRated), (["highest", "rated"], .bestRated), (["top", "rated"], .bestRated),
        (["best", "rating"], .bestRated), (["highest", "rating"], .bestRated), (["best", "reviews"], .bestRated),
        (["most", "reviews"], .mostReviewed), (["most", "reviewed"], .mostReviewed), (["most", "popular"], .mostReviewed),
        (["recommend"], .bestMatch), (["you", "pick"], .bestMatch), (["you", "choose"], .bestMatch),
        (["should", "i", "get"], .bestMatch), (["should", "i", "buy"], .bestMatch), (["should", "i", "choose"], .bestMatch),
    ]
    /// Words that may come with a superlative question without making it a request.
    private static let fillers: Set<String> = ProductQuestion.fillers.union(ProductQuestion.questionWords).union([
        "which", "got", "gets", "are", "these", "those", "them", "out", "would", "say", "your", "best",
    ])

    /// The measure a message asks for the best shown product by: it says "which" and a measure,
    /// and nothing that would be a request of its own ("which is cheapest in red" searches again).
    static func asked(in tokens: [Token]) -> Superlative? {
        unitPriceAsked(in: tokens) ?? measure(askedIn: tokens, phrases: phrases, fillers: fillers)
    }

    /// Words of a question about the lowest price per unit, besides the unit's.
    private static let unitPriceWords: Set<String> = ["cheapest", "lowest", "best", "price", "cost", "value", "per"]

    /// "Which is cheapest per ounce?", "what's the best price per gb?": a "which" question of
    /// `unitPriceWords` and one unit after "per", and otherwise only `fillers`.
    private static func unitPriceAsked(in tokens: [Token]) -> Superlative? {
        guard asksWhich(tokens), let per = tokens.firstIndex(where: { $0.text == "per" }), per + 1 < tokens.count,
              let unit = UnitPrice(unitWord: tokens[per + 1].text) else { return nil }
        let others = tokens.indices.filter { $0 != per + 1 }
        let isAsking = { (token: Token) in token.isSpelledOne || unitPriceWords.contains(token.text) || fillers.contains(token.text) }
        guard others.allSatisfy({ isAsking(tokens[$0]) }) else { return nil }
        return .cheapestPer(unit)
    }

    /// The measure a yes-or-no question names one shown product by: "does the cheapest one have
    /// gps?", "is the best rated one waterproof?" (before, a search sorted by price for gps).
    static func named(in tokens: [Token]) -> Superlative? {
        guard let first = tokens.first?.text, ProductQuestion.yesNoOpeners.contains(first) else { return nil }
        for index in tokens.indices.dropLast() where tokens[index].text == "the" {
            for phrase in phrases {
                let end = index + 1 + phrase.words.count
                guard end < tokens.count, zip(phrase.words, tokens[(index + 1)...]).allSatisfy({ $0 == $1.text }),
                      tokens[end].isSpelledOne else { continue }
                return phrase.measure
            }
        }
        return nil
    }

    /// Whether the message asks which of the products: "which one…", or opens with "what's the"
    /// or "what is the" ("what's the thickest?" searched again, and put the best matches first).
    static func asksWhich(_ tokens: [Token]) -> Bool {
        if tokens.contains(where: { $0.text == "which" }) || saysOfThose(tokens) { return true }
        guard tokens.count > 2 else { return false }
        return tokens[0].text == "whats" && tokens[1].text == "the"
            || tokens[0].text == "what" && tokens[1].text == "is" && tokens[2].text == "the"
    }

    /// Whether the message picks among products named before: "the cheapest of those", "… of
    /// them", "… of the ones that fold".
    static func saysOfThose(_ tokens: [Token]) -> Bool {
        ofThoseEnd(tokens) != nil
    }

    /// The index after "of those", "of these", "of them" or "of the ones"; `nil` without them.
    private static func ofThoseEnd(_ tokens: [Token]) -> Int? {
        for index in tokens.indices.dropLast() where tokens[index].text == "of" {
            if ["those", "these", "them"].contains(tokens[index + 1].text) { return index + 2 }
            if index + 2 < tokens.count, tokens[index + 1].text == "the", tokens[index + 2].text == "ones" { return index + 3 }
        }
        return nil
    }

    /// Where the words that say which of them start ("… of the ones that fold", "of those with
    /// a hood"): what the last answer named them by, read from it (`ProductQuestion.picked`),
    /// not words of the question.
    private static func subsetClauseStart(_ tokens: [Token]) -> Int? {
        guard let end = ofThoseEnd(tokens), end < tokens.count, ["that", "which", "with", "who"].contains(tokens[end].text) else {
            return nil
        }
        return end
    }

    /// The measure of a "which" question (`asksWhich`): the message says the words of one of
    /// `phrases`' measures (once or more), and otherwise only `fillers`; `nil` for any other.
    static func measure<Measure: Equatable>(askedIn tokens: [Token], phrases: [(words: [String], measure: Measure)],
                                            fillers: Set<String>) -> Measure? {
        guard asksWhich(tokens) else { return nil }
        var measure: Measure?
        var index = 0
        let end = subsetClauseStart(tokens) ?? tokens.count
        while index < end {
            if let (words, found) = phrases.first(where: { phrase in
                end - index >= phrase.words.count
                    && zip(phrase.words, tokens[index...]).allSatisfy { $0 == $1.text }
            }) {
                guard measure == nil || measure == found else { return nil }  // two measures: which one?
                measure = found
                index += words.count
                continue
            }
            // "one" is read as the number 1 ("which one is…").
            guard tokens[index].isSpelledOne || fillers.contains(tokens[index].text) else { return nil }
            index += 1
        }
        return measure
    }

    /// The shown product first by this measure (the earlier one in the list on a tie); `nil` when
    /// none says it (no rating given).
    func pick(among shown: [ProductResult]) -> ProductResult? {
        if self == .bestMatch { return shown.first }
        var best: (product: ProductResult, value: Double)?
        for product in shown {
            guard let value = value(of: product) else { continue }
            if let current = best, current.value >= value { continue }
            best = (product, value)
        }
        return best?.product
    }

    /// The product's value by this measure, larger being better. Prices compare in dollars: a list
    /// may mix rupees and dollars (the default rates: a question about the list reads no catalog).
    func value(of product: ProductResult) -> Double? {
        switch self {
        case .cheapest: -Self.dollars(product)
        case .dearest: Self.dollars(product)
        case .bestRated: product.rating.map { $0 * 1e9 + Double(product.reviewCount ?? 0) }
        case .mostReviewed: product.reviewCount.map(Double.init)
        case .bestMatch: nil  // the list's order (`pick`)
        case .cheapestPer(let unit): unit.price(of: product).map { -$0 }
        }
    }

    private static let rates = CurrencyRates()

    /// The product's price in US dollars, as far as the rates know its currency.
    static func dollars(_ product: ProductResult) -> Double {
        rates.price(of: product, in: "USD")
    }

    /// "the cheapest", "the best rated": how the reply names the measure.
    var name: String {
        switch self {
        case .cheapest: "the cheapest"
        case .dearest: "the most expensive"
        case .bestRated: "the best rated"
        case .mostReviewed: "the most reviewed"
        case .bestMatch: "the best match for what you asked"
        case .cheapestPer(let unit): "the cheapest per \(unit.name)"
        }
    }
}
