import Shared

/// A yes-or-no question about a feature: of one shown product ("does the first one have gps?",
/// "is it waterproof?") or of all of them ("do they fold?", "which ones are waterproof?", "are
/// any of them wireless?"). Answered from what each listing states (`FeatureFinding`), never
/// guessed.
struct FeatureQuestion: Equatable {
    /// How the question asks, and so how the answer says it.
    enum Phrasing: Equatable {
        /// "Does it have gps?": "it has gps".
        case has
        /// "Is it waterproof?": "it is waterproof".
        case `is`
        /// "Do they fold?": a verb, said back as a word the listing mentions.
        case mentions
        /// "Does it come in blue?": "it comes in blue".
        case comesIn
        /// "Is it compatible with amd?", "does it work with android?": "it works with amd" (before,
        /// "whether it is amd").
        case worksWith
    }

    /// The features asked about: the lexicon's names ("noise canceling" is "noise cancelling"),
    /// else the words asked about ("a rain fly", "fold").
    var features: [String]
    var phrasing: Phrasing
    /// The attribute a feature read as one is about ("4k": "resolution"), whose value the answer
    /// quotes when it does not name the feature.
    var attributeKeys: [String: String] = [:]
    /// The article the shopper said before a feature named in their words ("a timer"), which an
    /// answer that it has it says too.
    var article: String?
    /// The question's other words that may name what the feature is about: "video" in "does it
    /// shoot 4k video?", whose attribute ("video: 1080p") the answer quotes when none names it.
    var aboutWords: [String] = []

    /// The feature as an answer says it has it: "a timer", "gps".
    func spoken(_ feature: String) -> String {
        article.map { "\($0) \(named(feature))" } ?? named(feature)
    }

    /// What a product comes in, as an answer says it: "wide sizes" of the feature "wide" ("do any
    /// come in wide sizes?": before, "whether it comes in wide"), else the feature.
    static func comesIn(_ feature: String) -> String {
        ["wide": "wide sizes", "slim fit": "a slim fit", "hooded": "a hooded style"][feature] ?? feature
    }

    /// The part a feature describes, said after it ("keyboard" in "does it have a backlit
    /// keyboard?"), which the answer names with it: "it has a backlit keyboard", not "a backlit".
    var describedPart: String?

    /// The feature with the part it describes: "backlit keyboard".
    func named(_ feature: String) -> String {
        describedPart.map { "\(feature) \($0)" } ?? feature
    }

    /// Words that open a question about one product's features: "does it have…", "any warranty?".
    static let openers: Set<String> = ProductQuestion.yesNoOpeners.union(["any", "got"])
    /// Words that open a question about the shown products' features: "are they…", "which ones…".
    static let listOpeners: Set<String> = ProductQuestion.yesNoOpeners.union(["any", "are", "which"])
    /// Words that stand for the shown products together.
    static let listPronouns: Set<String> = ["they", "them", "these", "those", "ones", "any"]
    /// Words after which a question names what the product has.
    static let haveWords: Set<String> = ["have", "has", "include", "includes", "come"]
    /// Words before "for" that ask what a product suits: "is it good for hot soup?".
    private static let suitabilityWords: Set<String> = ["good", "great", "ok", "okay", "suitable", "fine", "ideal", "safe"]
    /// Endings of a feature that says a state rather than a thing ("backlit", "waterproof",
    /// "foldable"): "does it have a backlight?" is whether it is backlit.
    private static let stateEndings = ["ed", "lit", "proof", "able", "less"]
    /// Words that grade a feature, which listings do not say: "do they have good grip?" asks
    /// which mention grip.
    private static let gradeWords: Set<String> = ["good", "great", "nice", "decent", "solid", "strong", "excellent"]
    /// Words that say whose: not part of the feature's name.
    private static let possessives: Set<String> = ["its", "their"]
    /// Attributes of the shopper rather than of a product: asking "do they come in size 10?"
    /// asks for a search.
    private static let shopperAttributes: Set<String> = ["size", "gender", "age"]
    /// Words between the question's opening and the feature: "does it have a mic?", "does it
    /// work with android?".
    private static let articles: Set<String> = ["a", "an", "the", "any", "please", "with", "of", "work", "works",
                                                "compatible", "connect", "support", "supports",
                                                // "Is it good for gaming too?": not "gaming too".
                                                "too", "also", "either"]

    /// The question about one product, or `nil` when the tokens ask none.
    /// - Parameter brands: lower-cased brands the message may name the product by ("is the
    ///   corsair one rechargeable?", "the logitech one, is it rechargeable?").
    static func aboutOneProduct(in tokens: [Token], extractor: SpecExtractor, brands: Set<String> = []) -> FeatureQuestion? {
        // The question may follow the product it is about: "the second one, does it have noise
        // cancelling?" (before, its details came without an answer).
        guard let start = tokens.firstIndex(where: { openers.contains($0.text) }),
              tokens[..<start].allSatisfy({ ProductQuestion.fillers.contains($0.text) || ProductQuestion.placeWords.contains($0.text)
                  || ProductQuestion.ordinals[$0.text] != nil || $0.text == "last" || ($0.number != nil && !$0.isTyped)
                  || brands.contains($0.text) }) else { return nil }
        // The brand that names it is "it": "is the keychron hot swappable?" asks "is it hot
        // swappable?" (before, the words after "the" opened no feature, and no answer came).
        var question: [Token] = []
        for token in start == 0 ? tokens[...] : tokens[start...] {
            guard brands.contains(token.text) else { question.append(token); continue }
            if question.last?.text == "the" { question.removeLast() }
            if question.last?.text != "it" { question.append(Token("it")) }
        }
        // "one" is read as the number 1 ("is the first one 4k?").
        return asked(in: question, said: extractor.extract(tokens: question)) {
            ProductQuestion.pronouns.contains($0.text) || $0.isSpelledOne
        }
    }

    /// The question about every shown product ("do they fold?", "which of them are wireless?"),
    /// or `nil` when the tokens ask none. A question that names one product ("does it…", "is the
    /// first one…") or asks for the best by a measure ("which is the cheapest?") is not one.
    static func aboutTheList(in tokens: [Token], extractor: SpecExtractor) -> FeatureQuestion? {
        guard let first = tokens.first?.text, listOpeners.contains(first) else { return nil }  // most requests
        let texts = tokens.map(\.text)
        // "Which one has the best autofocus?", "which is better for low light?": the listings
        // grade nothing, so the answer is which of them mention it (before, a search sorted by
        // rating, which left the word out).
        let asksBest = first == "which" && texts.contains(where: gradingWords.contains)
        // "Are they good for trail running?": whether the listings mention the use, not a search for it.
        let asksSuitability = ["are", "do", "would", "will", "can"].contains(first) && texts.contains(where: listPronouns.contains)
            && texts.indices.dropFirst().contains { texts[$0] == "for" && suitabilityWords.contains(texts[$0 - 1]) }
        guard texts.contains(where: listPronouns.contains)
                || ["which", "any"].contains(first),
              !ProductQuestion.namesOneProduct(texts),
              !texts.contains("you"),  // "do you have any dolls?" asks for more
              Superlative.asked(in: tokens) == nil, AttributeSuperlative.asked(in: tokens) == nil else { return nil }
        // Anything a search would use makes it a request: "any under $50?", "do they come in red?",
        // "any cheaper ones?", "are there any sony ones?", "any in size 10?". A spec the products
        // state is asked about ("are they 4k?") unless "any" opens ("any with 16gb ram?").
        let said = extractor.extract(tokens: tokens)
        // A category named by a spec's noun ("128gb storage") is the spec's; one named by a part
        // is the products' ("do they have backlit keyboards?"), unless "any" asks for it.
        let namesAPart = first != "any" && texts.contains(where: ProductQuestion.partWords.contains)
        // A weak category read from a feature's word names no product: "which ones have a laptop
        // sleeve?" of backpacks (before, a search with "laptop sleeve" added).
        let featureWords = Set(said.features.flatMap(WordForms.words))
        let weakCategories = said.weakCategories.filter { category in
            !WordForms.words(category).contains { WordForms.contains(featureWords, eitherNumberOf: $0) }
        }
        guard said.categories.isEmpty || namesAPart, weakCategories.isEmpty || !said.attributes.isEmpty || namesAPart,
              said.brands.isEmpty, said.excludedBrands.isEmpty,
              said.colors.isEmpty, said.excludedColors.isEmpty, !said.hasBudget, said.bareNumbers.isEmpty,
              said.attributes.isEmpty || first != "any" && said.attributes.keys.allSatisfy({ !shopperAttributes.contains($0) }),
              said.refinements.isEmpty, said.sort == nil || asksBest && said.sort == .rating,
              said.useCase == nil || asksBest || asksSuitability,
              // "Any by stephen king?" asks for an author's books.
              said.nameAfterBy.isEmpty,
              // The state keeps no list prices of the products shown: the catalog finds those on sale.
              !said.features.contains("on sale"),
              var question = asked(in: asksBest ? tokens.filter { !gradingWords.contains($0.text) } : tokens, said: said,
                                   startsAfter: { listPronouns.contains($0.text) || $0.text == "are" || $0.text == "is"
                                       || senseVerbs.contains($0.text) })
                  ?? bestPart(askedIn: texts, asksBest: asksBest),
              question.features.allSatisfy({ feature in
                  // The lexicon's features and specs ("5g", "4k") as they are; other words must say something.
                  said.features.contains(feature) || question.attributeKeys[feature] != nil
                      || ProductQuestion.partWords.contains(feature)
                      || WordForms.words(feature).contains { !Lexicon.keywordStopwords.contains($0) && $0.count > 2 }
              }) else { return nil }
        if asksBest {
            // "Best value", "best overall": a grade the listings do not state, which a search sorts by.
            guard question.features.allSatisfy({ !WordForms.words($0).allSatisfy(ungradedWords.contains) }) else { return nil }
            question.phrasing = .mentions
        }
        return question
    }

    /// "Which has the best screen?": a part of the products ("screen" is no search word), which
    /// the listings grade no more than autofocus, asked as which of them mention it (before, a
    /// search sorted by rating).
    private static func bestPart(askedIn texts: [String], asksBest: Bool) -> FeatureQuestion? {
        guard asksBest, let part = texts.first(where: ProductQuestion.partWords.contains) else { return nil }
        return FeatureQuestion(features: [part], phrasing: .mentions)
    }

    /// Verbs of how a product seems, before what is asked of it: "which one smells fresh?" (before,
    /// a search for "smells fresh").
    private static let senseVerbs: Set<String> = ["smells", "smell", "feels", "feel", "looks", "look", "sounds", "sound",
                                                  "tastes", "taste"]

    /// Words that ask what a product works with, before "with".
    private static let worksWithWords: Set<String> = ["work", "works", "compatible", "connect", "connects", "pair", "pairs"]

    /// Words that ask which shown product is best at something: left out of what is asked.
    private static let gradingWords: Set<String> = ["best", "better", "good", "great", "most", "for"]
    /// What "which one is best …" may ask that is no feature: what the shopper asks the search for.
    private static let ungradedWords: Set<String> = ["value", "price", "deal", "money", "quality", "overall", "option", "choice",
                                                      "pick", "buy", "me", "us", "budget", "one", "ones", "1", "rated", "rating"]

    /// - Parameters:
    ///   - said: what the extractor read in `tokens`.
    ///   - startsAfter: the words after which the feature is named when no "have" is said.
    private static func asked(in tokens: [Token], said: Extraction, startsAfter: (Token) -> Bool) -> FeatureQuestion? {
        let texts = tokens.map(\.text)
        let haveAt = texts.firstIndex(where: haveWords.contains)
        var features = said.features
        var attributeKeys: [String: String] = [:]
        // An attribute's value asked about ("is it 4k?": resolution 4K) is the feature; an order
        // ("least" of a price per unit or a weight) is none.
        for (key, value) in said.attributes.sorted(by: { $0.key < $1.key }) where MeasureOrder(value: value) == nil {
            let feature = value.lowercased()
            features.append(feature)
            attributeKeys[feature] = key
        }
        // "Does it come in blue?", "is it red?": the colour, which its listing states as one.
        if features.isEmpty, !said.colors.isEmpty {
            for color in said.colors {
                features.append(color)
                attributeKeys[color] = "color"
            }
        }
        // "Is the vitamix good for hot soup?": what it is good for, which listings mention or not
        // ("are they good for flat feet?": "1 of the 8 shown mentions "stability"", not "is stability").
        let goodFor = texts.indices.dropFirst().first { texts[$0] == "for" && suitabilityWords.contains(texts[$0 - 1]) }
        var article: String?
        if features.isEmpty {
            // "Does it flip its screen?": a possessive is within the feature, said without it ("flip
            // screen"), unless nothing else can open it ("is its screen big?").
            let opener = tokens.lastIndex { startsAfter($0) && !possessives.contains($0.text) } ?? tokens.lastIndex(where: startsAfter)
            let start = haveAt.map { $0 + 1 } ?? goodFor.map { $0 + 1 } ?? opener.map { $0 + 1 }
            if let start, start < texts.count {
                let phrase = texts[start...].filter {
                    !articles.contains($0) && !listPronouns.contains($0) && !possessives.contains($0) && !gradeWords.contains($0)
                }
                if !phrase.isEmpty { features = [phrase.joined(separator: " ")] }
                if ["a", "an"].contains(texts[start]), features.count == 1 { article = texts[start] }
            }
        }
        guard !features.isEmpty else { return nil }
        // "Does it have a laptop sleeve?": the article the shopper said before a feature the lexicon read.
        if article == nil, features.count == 1, let first = features[0].split(separator: " ").first,
           let at = texts.firstIndex(of: String(first)), at > 0, ["a", "an"].contains(texts[at - 1]) {
            article = texts[at - 1]
        } else if article == nil, features.count == 1, let haveAt, haveAt + 1 < texts.count, ["a", "an"].contains(texts[haveAt + 1]) {
            // Said by another name ("a mic" of the feature "microphone"): the article its name takes.
            article = features[0].first.map { "aeiou".contains($0) } == true ? "an" : "a"
        }
        let comesIn = haveAt.map { texts[$0].hasPrefix("come") && $0 + 1 < texts.count && texts[$0 + 1] == "in" } ?? false
        let worksWith = texts.indices.dropLast().contains { worksWithWords.contains(texts[$0]) && texts[$0 + 1] == "with" }
        // What it works with is what its listing's compatibility says.
        if worksWith { for feature in features where attributeKeys[feature] == nil { attributeKeys[feature] = "compatibility" } }
        // "Does it have a backlight?" asks for the feature "backlit": "whether it is backlit".
        let isState = !said.features.isEmpty && features.allSatisfy { feature in
            stateEndings.contains { feature.hasSuffix($0) } && !texts.contains(feature)
        }
        let phrasing: Phrasing = comesIn ? .comesIn
            : worksWith ? .worksWith
            : goodFor != nil ? .mentions
            : isState ? .is
            : haveAt != nil || ["has", "any", "got"].contains(texts[0]) ? .has
            : ["is", "are", "can", "will"].contains(texts[0]) || texts.contains("are") ? .is : .mentions
        // "A backlit keyboard": a feature that describes a part, said with it, as a value asked with
        // its attribute is ("brown switches": before, "1 of the 3 shown has brown") and a material
        // ("a leather strap": before, "whether it has a leather"); "is the keyboard backlit?": the
        // part it is said of.
        var describedPart: String?
        if phrasing == .is, features.count == 1, ProductQuestion.asksAboutAPart(tokens) {
            describedPart = texts[2]
        } else if features.count == 1, !isState,
                  stateEndings.contains(where: features[0].hasSuffix) || attributeKeys[features[0]] != nil
                    || MaterialWords.nouns.contains(features[0]),
           let at = texts.firstIndex(of: features[0]), at + 1 < texts.count, case let part = texts[at + 1],
           part.count >= 3, part.allSatisfy(\.isLetter), !Lexicon.keywordStopwords.contains(part), !listPronouns.contains(part),
           !ProductQuestion.pronouns.contains(part), !said.features.contains(where: { WordForms.words($0).contains(part) }) {
            describedPart = part
        }
        let featureWords = Set(features.flatMap(WordForms.words))
        let aboutWords = texts.filter { word in
            word.count >= 3 && word.allSatisfy(\.isLetter) && !featureWords.contains(word) && !Lexicon.keywordStopwords.contains(word)
                && !articles.contains(word) && !listPronouns.contains(word) && !haveWords.contains(word)
                && !ProductQuestion.yesNoOpeners.contains(word) && !ProductQuestion.pronouns.contains(word)
        }
        return FeatureQuestion(features: features, phrasing: phrasing, attributeKeys: attributeKeys, article: article,
                               aboutWords: aboutWords, describedPart: describedPart)
    }
}
