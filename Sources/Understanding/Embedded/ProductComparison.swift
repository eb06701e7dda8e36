import Foundation
import Shared

/// A request to compare products shown last: "what's the difference between the first two?",
/// "compare 1 and 3", "the Sony vs the JBL", "which is better, the second or the third?". Before,
/// such a message was read as a question about the first product it named, and the answer spoke
/// of that one alone.
///
/// It needs a word that compares ("compare", "difference", "vs", "better"…) and two or three
/// shown products: named by place ("first", "2nd", "#3", "number 2", "the last one"), by brand
/// (the brand's first product in the list), or counted from the top ("the first two", "the top
/// three", "both").
/// Any other word makes it a request of its own ("compare the first two in red" searches again).
enum ProductComparison {
    /// Words that ask for a comparison.
    static let cues: Set<String> = [
        "compare", "comparing", "comparison", "difference", "differences", "differ", "different", "vs", "versus",
        "better",
    ]
    /// The cues that always ask about two or more products ("better" may ask about one: "is it
    /// better for running?").
    static let pairCues = cues.subtracting(["better", "different"])
    /// Words that may come with a comparison without making it another request.
    static let fillers: Set<String> = ProductQuestion.fillers.union(ProductQuestion.questionWords).union([
        "which", "or", "and", "them", "these", "those", "two", "three", "both", "top", "are", "s", "whats", "would",
        "you", "say", "recommend", "against", "with", "other", "each", "between", "than",
    ])
    /// The most products one answer compares.
    static let maximumCompared = 3
    /// Words that compare two products when "than" follows: "is the corsair one faster than the
    /// g.skill?" (before, a question whether the Corsairs had "faster than gskill").
    static let comparatives: Set<String> = [
        "faster", "slower", "lighter", "heavier", "bigger", "larger", "smaller", "thinner", "thicker", "cheaper",
        "quieter", "louder", "newer", "longer", "shorter", "stronger", "brighter", "sharper", "warmer", "comfier",
    ]

    /// The measure a comparative with "than" asks the compared products by ("faster than": the
    /// fastest), when the products' attributes state it; `nil` for any other comparison.
    static func comparativeMeasure(in tokens: [Token]) -> AttributeSuperlative? {
        guard let index = tokens.indices.first(where: { isComparative(at: $0, in: tokens) }) else { return nil }
        return AttributeSuperlative.asked(in: Tokenizer.tokenize("which " + tokens[index].text))
    }

    /// Whether the token at `index` is a comparative with "than" after it.
    private static func isComparative(at index: Int, in tokens: [Token]) -> Bool {
        comparatives.contains(tokens[index].text) && index + 1 < tokens.count && tokens[index + 1].text == "than"
    }

    /// The shown products the message compares, in the order it names them; `nil` when it is no
    /// comparison of two or more of them.
    /// - Parameters:
    ///   - text: the words `tokens` were read from ("#2" is a place in the list).
    ///   - history: the conversation, whose replies say which product "it" names beside one named
    ///     by place ("how does it compare to the second one?": `ProductQuestion.productDiscussed`).
    static func products(comparedIn tokens: [Token], text: String, among shown: [ProductResult],
                         history: [ConversationMessage] = []) -> [ProductResult]? {
        guard shown.count > 1, tokens.indices.contains(where: { cues.contains(tokens[$0].text) || isComparative(at: $0, in: tokens) })
        else { return nil }
        // A brand names its first product in the list: "the sony vs the bose" compares the best of each.
        let brands = ProductQuestion.productsByBrand(shown)
        var places: [Int] = []  // 0-based, in the order named
        func name(_ place: Int) { if place < shown.count, !places.contains(place) { places.append(place) } }
        let comparesByNumber = tokens.contains { $0.text == "compare" || $0.text == "vs" }
        let purpose = Self.purpose(in: tokens)
        for (index, token) in tokens.enumerated() where !purpose.contains(index) {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            if ["first", "top"].contains(token.text), let count = next?.number, count == count.rounded(), (2...3).contains(count) {
                // "the first two", "the top 3": counted from the top.
                for place in 0..<Int(count) { name(place) }
            } else if let place = ProductQuestion.place(namedAt: index, in: tokens, text: text, shownCount: shown.count) {
                name(place)
            } else if token.text == "last", index == tokens.count - 1 {
                name(shown.count - 1)  // "… and the last"
            } else if comparesByNumber, token.isTyped, let number = token.number, number == number.rounded(), number >= 1,
                      number <= Double(shown.count) {
                name(Int(number) - 1)  // typed numbers beside "compare": "compare 1 and 3"
            } else if let product = brands[token.text]?.first, let place = shown.firstIndex(of: product) {
                name(place)
            } else if token.text == "both" {
                if shown.count == 2 { name(0); name(1) }
            } else if cues.contains(token.text) || fillers.contains(token.text) || ProductQuestion.placeWords.contains(token.text)
                        || isComparative(at: index, in: tokens)
                        || (token.number != nil && !token.isTyped) {
                continue
            } else if token.number == nil, let place = place(namedByTitleWord: token.text, among: shown) {
                name(place)  // a product line: "is the pixel better than the iphone?" (it searched Google and Apple)
            } else if token.number == nil {
                return nil  // another wish: a request of its own
            }
        }
        if places.count == 1, tokens.contains(where: { ProductQuestion.pronouns.contains($0.text) }),
           let discussed = ProductQuestion.productDiscussed(in: history, among: shown), let place = shown.firstIndex(of: discussed) {
            // "How does it compare to the second one?", "is it better than the third?": the one talked about first.
            if place != places[0] { places.insert(place, at: 0) }
        }
        guard places.count > 1 else { return nil }
        return places.prefix(maximumCompared).map { shown[$0] }
    }

    /// The place of the first shown product whose title has `word` and that not every shown title
    /// has: a product line ("pixel", "iphone"), a model ("nuptse"); `nil` for a word of no title.
    private static func place(namedByTitleWord word: String, among shown: [ProductResult]) -> Int? {
        guard word.count >= 3, word.contains(where: \.isLetter) else { return nil }
        let titled = shown.indices.filter { WordForms.words(shown[$0].title).contains(word) }
        return titled.count < shown.count ? titled.first : nil
    }

    /// The words of what a comparison asks one to be better for: "which is better for long runs,
    /// the first or the second?" compares the two for that (before, "long runs" made it a request
    /// and the second one's details answered it), and "is the pixel better than the iphone for
    /// photos?". From after the first "for" after "better" to a place in the list.
    static func purpose(in tokens: [Token]) -> Range<Int> {
        guard let better = tokens.firstIndex(where: { $0.text == "better" }),
              let purposeFor = tokens[(better + 1)...].firstIndex(where: { $0.text == "for" }) else { return 0..<0 }
        let start = purposeFor + 1
        let end = tokens[start...].firstIndex { token in
            ["the", "or", "between", "and"].contains(token.text) || ProductQuestion.ordinals[token.text] != nil
        } ?? tokens.count
        return start..<end
    }

    /// The shown products the assistant's last answer compared ("Comparing the X and the Y: …"),
    /// in the list's order; `nil` when it compared none. "Which one has more storage?" right
    /// after "compare the first two" asks about those two, not the whole list.
    static func comparedLast(in history: [ConversationMessage], among shown: [ProductResult]) -> [ProductResult]? {
        guard let last = history.last(where: { $0.role == .assistant }), last.text.hasPrefix(opening),
              let end = last.text.range(of: ": ") else { return nil }
        let names = last.text[..<end.lowerBound]
        let compared = shown.filter { names.contains(EmbeddedInterpreter.the($0.title)) }
        return compared.count > 1 && compared.count < shown.count ? compared : nil
    }

    /// How a comparison's answer begins.
    static let opening = "Comparing "
}

extension EmbeddedInterpreter {
    /// The answer to the turn that compared `products`: the one first by the attribute it asked
    /// about ("which one is the lightest?", `AttributeSuperlative`), which have the feature it
    /// asked about ("do they fold?", `FeatureQuestion`), what each states of a measure ("how
    /// heavy are they?", `MeasureQuestion`), or how they compare.
    /// Products named by a brand they share ("the logitech one, is it rechargeable?") are answered
    /// so, after saying which they are.
    public func comparison(of products: [ProductResult], answering turn: TurnContext) -> String {
        let tokens = Tokenizer.tokenize(turn.utterance)
        if let (brand, ofBrand) = ProductQuestion.productsNamedByBrand(in: tokens, text: turn.utterance, among: turn.lastShown),
           ofBrand.prefix(ProductComparison.maximumCompared).map(\.id) == products.map(\.id) {
            // At most `maximumCompared` are looked up: the reply says so when the brand has more.
            let opening = "\(ofBrand.count) of the \(turn.lastShown.count) shown are by \(brand)"
                + (ofBrand.count > products.count ? "; I looked at the first \(products.count). " : ". ")
            let which = "by \(brand)"
            if QualityQuestion.isAsked(in: tokens.map(\.text)) {
                let ratings = QualityQuestion.answer(ranking: products, names: Self.shortNames(products))
                return opening + ratings + " " + comparison(of: products)
            }
            if let question = FeatureQuestion.aboutOneProduct(in: tokens, extractor: extractor, brands: [brand.lowercased()]) {
                return opening + featureAnswer(among: products, question: question, which: which)
            }
            if let measure = MeasureQuestion.asked(in: tokens) {
                return opening + measureAnswer(among: products, question: measure, which: which)
            }
            return opening + comparison(of: products)
        }
        // "Of the 3 just named": those the last answer named, asked "of those" (`listDecision`).
        let which = products.count == turn.lastShown.count ? "shown" : Superlative.saysOfThose(tokens) ? "just named" : "compared"
        if let (use, measure) = useServed(askedIn: tokens, category: turn.currentSpec?.category ?? products.first?.category) {
            // "Which is better for fps games?" of monitors: the highest refresh rate (before, which
            // listings mention "fps games": none). Then how they compare, or of the whole list
            // the first one's details, as "which has the highest refresh rate?".
            let opening = "For \(use), what matters most here is the \(measure.measureName). "
            guard products.count <= ProductComparison.maximumCompared else {
                return opening + measure.answer(among: products, of: which, details: productDetails)
            }
            let answer = measure.answer(among: products, of: which, details: nil)
            return opening + answer + (answer.hasSuffix(" ") ? "" : " ") + comparison(of: products)
        }
        switch listQuestion(tokens) {
        case .superlative(let superlative): return superlative.answer(among: products, of: which, details: productDetails)
        case .feature(let question):
            if let superlative = AttributeSuperlative.stated(askedIn: tokens, by: products) {
                return superlative.answer(among: products, of: which, details: productDetails)
            }
            return featureAnswer(among: products, question: question, which: which)
        case .measure(let measure): return measureAnswer(among: products, question: measure, which: which)
        case nil:
            // "What's the height range?": a measure asked of them without naming them.
            if let measure = MeasureQuestion.asked(in: tokens) { return measureAnswer(among: products, question: measure, which: which) }
            // "Is the corsair one faster than the g.skill?": which is, then how they compare.
            if let measure = ProductComparison.comparativeMeasure(in: tokens) {
                let answer = measure.answer(among: products, of: which, details: nil)
                return (answer.hasSuffix(" ") ? answer : answer + " ") + comparison(of: products)
            }
            return comparison(of: products)
        }
    }

    /// The use a question asks which product is better or best for ("which is best for fps
    /// games?": gaming), with the measure that use asks of `category`; `nil` when it asks for
    /// none or the use asks nothing of the category (`AttributeSuperlative.serving`).
    /// - Parameter category: the search's, or a product's path ("Electronics > Monitors").
    func useServed(askedIn tokens: [Token], category: String?) -> (use: String, measure: AttributeSuperlative)? {
        guard let grade = tokens.firstIndex(where: { $0.text == "better" || $0.text == "best" }),
              let purpose = tokens[(grade + 1)...].firstIndex(where: { $0.text == "for" }),
              let category = category?.split(separator: ">").last?.trimmingCharacters(in: .whitespaces),
              let use = extractor.extract(tokens: Array(tokens[(purpose + 1)...])).useCase,
              let measure = AttributeSuperlative.serving(use: use, category: category) else { return nil }
        return (use, measure)
    }

    /// How the products compare, from what the shop knows of them: price, rating, then the
    /// attributes that differ and those they share.
    public func comparison(of products: [ProductResult]) -> String {
        guard products.count > 1 else { return products.first.map(productDetails) ?? "" }
        let names = Self.shortNames(products)
        var text = ProductComparison.opening + Self.listed(products.map { Self.the($0.title) }) + ": "
        let prices = zip(names, products).map { "\(Self.the($0)) costs \(PriceFormat.amount($1.price, currency: $1.currency))" }
        text += Self.listed(prices)
        if products.count == 2, products[0].currency == products[1].currency, products[0].price != products[1].price {
            let cheaper = products[0].price < products[1].price ? 0 : 1
            // In cents: $59.99 - $29.99 is 30.000000000000004 in binary, which would show as "$30.00".
            let difference = (abs(products[0].price - products[1].price) * 100).rounded() / 100
            text += ", so \(Self.the(names[cheaper])) is \(PriceFormat.amount(difference, currency: products[0].currency)) cheaper"
        }
        text += "."
        let rated = zip(names, products).compactMap { name, product in
            product.rating.map { rating in
                "\(Self.the(name)) \(PriceFormat.rating(rating))"
                    + (product.reviewCount.map { $0 > 0 ? " by \(PriceFormat.count($0)) buyers" : "" } ?? "")
            }
        }
        if !rated.isEmpty { text += " Rated: " + Self.listed(rated) + "." }
        // Keys as they compare ("Color" of one listing is "color" of another): before, "Only the
        // Adidas states color (grey)" and "only the Glacier states Color (White)".
        let keys = Set(products.flatMap { $0.attributes.keys.map(AttributeName.key) }).subtracting(["availability"]).sorted()
        var differ: [String] = [], same: [String] = []
        // What only one of two states, by which one: "Only the Glacier states closure (Laced), …".
        // Before, each was a difference: "Closure: not stated against Laced", six of them.
        var statedByOne: [[String]] = products.count == 2 ? [[], []] : []
        for key in keys {
            let values = products.map { $0.attribute(key).map { Self.states($0) ? $0.trimmingCharacters(in: .whitespaces) : "" } ?? "" }
            let label = key.split(separator: "_").joined(separator: " ")
            if Set(values.map { $0.lowercased() }).count == 1 {
                if !values[0].isEmpty { same.append("\(label) (\(values[0]))") }
            } else if !statedByOne.isEmpty, values.count(where: { !$0.isEmpty }) == 1,
                      let only = values.firstIndex(where: { !$0.isEmpty }) {
                statedByOne[only].append("\(label) (\(values[only]))")
            } else {
                differ.append("\(label): " + values.map { $0.isEmpty ? "not stated" : $0 }.joined(separator: " against "))
            }
        }
        if !differ.isEmpty { text += " They differ in " + differ.prefix(6).joined(separator: "; ") + "." }
        for (index, stated) in statedByOne.enumerated() where !stated.isEmpty {
            let said = stated.count > 4 ? stated.prefix(4).joined(separator: ", ") + " and \(stated.count - 4) more" : Self.listed(stated)
            text += " Only \(Self.the(names[index])) states \(said)."
        }
        // "Both have the same baskets (1)": before, "Both have baskets 1".
        if !same.isEmpty {
            text += " \(products.count == 2 ? "Both" : "All") have the same " + Self.listed(Array(same.prefix(4))) + "."
        }
        return text
    }

    /// Each product's name in the comparison: its brand when no other compared product has it,
    /// else its title's first words (`shortTitle`), else its place ("first").
    static func shortNames(_ products: [ProductResult]) -> [String] {
        let brands = products.map { $0.brand?.trimmingCharacters(in: .whitespaces) ?? "" }
        let titles = products.map { shortTitle($0.title) }
        let firstWords = products.map { $0.title.split(separator: " ").first.map(String.init) ?? "" }
        return products.enumerated().map { index, product in
            let brand = brands[index]
            if !brand.isEmpty, brands.filter({ $0.lowercased() == brand.lowercased() }).count == 1 {
                // A brand its title does not say is no name for it: the "Alienware …" by Dell is the Alienware.
                if product.title.lowercased().contains(brand.lowercased()) { return brand }
                let first = firstWords[index]
                if first.count > 1, firstWords.filter({ $0.lowercased() == first.lowercased() }).count == 1 { return first }
            }
            let others = titles.enumerated().filter { $0.offset != index }.map(\.element)
            guard others.contains(titles[index]) else { return titles[index] }
            // Two "The North Face Men's" jackets: each named by the words that tell it apart
            // ("The North Face Men's Thermoball"); by its place only when its title does not.
            let otherTitles = products.enumerated().filter { $0.offset != index && titles[$0.offset] == titles[index] }.map(\.element.title)
            for length in 5...8 {
                let name = shortTitle(product.title, words: length)
                if name.split(separator: " ").count < length { break }
                if !otherTitles.contains(where: { shortTitle($0, words: length) == name }) { return name }
            }
            return index < placeNames.count ? "\(placeNames[index]) one" : "one numbered \(index + 1)"
        }
    }

    /// How a reply names a product by its place in the list: "the fifth one".
    private static let placeNames = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

    /// A title's name part: before its first comma or bracket, at most four words, without
    /// trailing punctuation ("Google Pixel 8, 128GB, Unlocked": "Google Pixel 8"; before,
    /// "Google Pixel 8," and "the Google Pixel 8, costs $699").
    static func shortTitle(_ title: String, words count: Int = 4) -> String {
        let name = title.split(whereSeparator: { $0 == "," || $0 == "(" || $0 == "|" }).first ?? Substring(title)
        let words = name.split(separator: " ").prefix(count).joined(separator: " ")
        return String(words.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed())
    }

    /// "the X", or the name itself when it begins with "The" ("The Ordinary …", "The North Face"),
    /// opening a sentence with "The X" when `opening`. A work by someone ("War and Peace by Leo
    /// Tolstoy …") takes no article: "the War and Peace" before.
    static func the(_ name: String, opening: Bool = false) -> String {
        if name.count > 4, name.prefix(4).lowercased() == "the " { return name }
        if let by = name.range(of: " by "), name[by.upperBound...].first?.isUppercase == true { return name }
        return (opening ? "The " : "the ") + name
    }

    /// "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
