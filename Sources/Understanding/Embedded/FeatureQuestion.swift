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
                                                "compatible", "connect", "support", "supports"]

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
        let question = (start == 0 ? tokens : Array(tokens[start...])).filter { !brands.contains($0.text) }
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
        guard said.categories.isEmpty || namesAPart, said.weakCategories.isEmpty || !said.attributes.isEmpty || namesAPart,
              said.brands.isEmpty, said.excludedBrands.isEmpty,
              said.colors.isEmpty, said.excludedColors.isEmpty, !said.hasBudget, said.bareNumbers.isEmpty,
              said.attributes.isEmpty || first != "any" && said.attributes.keys.allSatisfy({ !shopperAttributes.contains($0) }),
              said.refinements.isEmpty, said.sort == nil || asksBest && said.sort == .rating, said.useCase == nil || asksBest,
              // "Any by stephen king?" asks for an author's books.
              said.nameAfterBy.isEmpty,
              // The state keeps no list prices of the products shown: the catalog finds those on sale.
              !said.features.contains("on sale"),
              var question = asked(in: asksBest ? tokens.filter { !gradingWords.contains($0.text) } : tokens, said: said,
                                   startsAfter: { listPronouns.contains($0.text) || $0.text == "are" || $0.text == "is" })
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
        // "A backlit keyboard": a feature that describes a part, said with it; "is the keyboard
        // backlit?": the part it is said of.
        var describedPart: String?
        if phrasing == .is, features.count == 1, ProductQuestion.asksAboutAPart(tokens) {
            describedPart = texts[2]
        } else if features.count == 1, !isState, stateEndings.contains(where: features[0].hasSuffix),
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

/// What one listing states about one feature.
enum FeatureFinding: Equatable {
    /// It has it: an attribute says so (quoted), or its name does (`nil`).
    case has(evidence: String?)
    /// An attribute named by the feature says it has not ("noise cancelling: no").
    case lacks(evidence: String)
    /// Only its description mentions it, or says it has not ("no Wi-Fi").
    case described(DescriptionMention)
    /// Only an attribute about the same thing, quoted ("water resistance: 50m" for "waterproof").
    case related(String)
    case unstated

    /// Attribute name words that are about a feature without naming it: quoted, not read as yes or no.
    static let relatedAttributeWords: [String: Set<String>] = [
        "waterproof": ["water", "ip", "rating"], "wireless": ["connectivity", "bluetooth", "connection"],
        "bluetooth": ["connectivity", "wireless", "connection"], "noise cancelling": ["noise", "anc"],
        "long battery life": ["battery"], "lightweight": ["weight"], "portable": ["weight", "size"], "numpad": ["layout"],
    ]

    /// The attribute whose value one of `products` names the feature by ("layout: tenkeyless"
    /// for "which ones are tenkeyless?"): another value of it says a product is not so ("layout:
    /// 75%"), where before it "did not say". Not a colour: a listing is of one colour of several sold.
    static func keyValued(_ feature: String, among products: [ProductResult]) -> String? {
        let wanted = WordForms.words(feature)
        guard !wanted.isEmpty else { return nil }
        for product in products {
            for attribute in product.attributes.sorted(by: { $0.key < $1.key }) {
                let key = AttributeName.normalized(attribute.key)
                let value = WordForms.words(attribute.value)
                guard key != "color", !negativeValues.contains(value.joined(separator: " ")), !value.isEmpty,
                      words(wanted, areNamedBy: attribute.value),
                      !wanted.allSatisfy({ word in WordForms.words(attribute.key).contains(word) }) else { continue }
                return key
            }
        }
        return nil
    }

    /// Whether `text` names every one of the words `wanted`: as a word, or, a word of four letters
    /// or more, by a word it begins ("fold" by "foldable").
    static func words(_ wanted: [String], areNamedBy text: String) -> Bool {
        let have = WordForms.words(text)
        return wanted.allSatisfy { word in have.contains { $0 == word || word.count >= 4 && $0.hasPrefix(word) } }
    }

    /// Words that make a material another's likeness, right before its name: "synthetic leather"
    /// is no leather ("a synthetic waterproof shell" is waterproof).
    static let imitationWords: Set<String> = ["synthetic", "faux", "vegan", "pu", "imitation", "fake", "artificial", "leatherette"]

    /// Attributes that say a product has a feature by stating any value: "insulation: down".
    static let statingAttributes = ["insulated": "insulation", "backlit": "backlight"]

    /// Attribute values that say "has not".
    static let negativeValues: Set<String> = ["no", "false", "none", "n", "0", "without", "not included"]

    /// What `product`'s listing states about `feature`: an attribute named by it ("gps: yes",
    /// "noise_cancelling: no"), else its title or an attribute's value naming it, else its
    /// description (of a product looked up by id), else an attribute about the same thing. A word
    /// of four letters or more is named by the words it begins ("fold" by "foldable").
    /// - Parameters:
    ///   - attributeKey: the attribute the feature is a value of ("resolution" of "4k"), if any.
    ///   - aboutWords: other words of the question, which may name the attribute about the
    ///     feature ("video" of "does it shoot 4k video?"), as the feature's own words may ("screen"
    ///     of "a big screen").
    static func of(_ product: ProductResult, feature: String, attributeKey: String? = nil, aboutWords: [String] = []) -> FeatureFinding {
        let words = WordForms.words
        let wanted = words(feature)
        func names(_ text: String) -> Bool { Self.words(wanted, areNamedBy: text) }
        func quoted(_ attribute: (key: String, value: String)) -> String {
            "\(attribute.key.split(separator: "_").joined(separator: " ")): \(attribute.value)"
        }
        // "Is it on sale?": its prices say, not its words (a product looked up by id has its list price).
        if feature == RequirementSpec.onSaleFeature, let listPrice = product.listPrice, product.price > 0 {
            let price = PriceFormat.amount(product.price, currency: product.currency)
            guard let discount = ProductResult.discount(price: product.price, listPrice: listPrice) else {
                return .lacks(evidence: "\(price), its usual price")
            }
            return .has(evidence: "\(price), down from \(PriceFormat.amount(listPrice, currency: product.currency)): \(discount)% off")
        }
        let attributes = product.attributes.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        // "Does it have 2 baskets?": a count of what an attribute names, which its value says.
        if let first = wanted.first, let count = Double(first), wanted.count > 1 {
            let thing = Array(wanted.dropFirst())
            if let stated = attributes.first(where: { attribute in
                let have = Set(words(attribute.key))
                return thing.allSatisfy { WordForms.contains(have, eitherNumberOf: $0) }
            }), let amount = Measure.amount(stated.value) {
                return amount >= count ? .has(evidence: quoted(stated)) : .related(quoted(stated))
            }
        }
        // "Is it insulated?": any insulation stated ("insulation: down") says yes, as "gps: yes" does.
        let statingKey = statingAttributes[feature]
        if let stated = attributes.first(where: { names($0.key) || AttributeName.normalized($0.key) == statingKey }) {
            return negativeValues.contains(words(stated.value).joined(separator: " ")) ? .lacks(evidence: quoted(stated))
                : .has(evidence: quoted(stated))
        }
        // Its words, else those listings say it with ("fleece" for "insulated": "is it warm?").
        let said = [wanted] + (FeatureSynonyms.byFeature[feature] ?? []).map(words)
        if names(product.title) { return .has(evidence: nil) }
        if let synonym = said.dropFirst().first(where: { Self.words($0, areNamedBy: product.title) }) {
            return .has(evidence: "its name says \"\(synonym.joined(separator: " "))\"")
        }
        if let (stated, named) = attributes.lazy.compactMap({ attribute in
            said.first { Self.words($0, areNamedBy: attribute.value) }.map { (attribute, $0) }
        }).first {
            // "Is it leather?" of "material: synthetic leather": neither yes nor no (before, yes).
            let value = words(stated.value)
            let isImitation = named.first.map { first in
                zip(value, value.dropFirst()).contains { imitationWords.contains($0) && $1.hasPrefix(first) }
            } ?? false
            return isImitation ? .related(quoted(stated)) : .has(evidence: quoted(stated))
        }
        if let description = product.description,
           let mention = said.lazy.compactMap({ DescriptionMention.find($0, in: description) }).first {
            return .described(mention)
        }
        let related = (relatedAttributeWords[feature] ?? []).union(attributeKey.map { words($0) } ?? [])
            .union(aboutWords).union(wanted.filter { $0.count >= 3 })
        // The attribute the feature is a value of, else the one whose name shares the most words
        // with the question ("ok for oily skin?": "skin type: sensitive", not "product type").
        // Its colour only when a colour is asked: "is it color accurate?" is no question of the
        // one colour a listing is of.
        if let key = attributeKey, let stated = attributes.first(where: { AttributeName.normalized($0.key) == key }) {
            return .related(quoted(stated))
        }
        var best: (attribute: (key: String, value: String), shared: Int)?
        for attribute in attributes where attributeKey == "color" || AttributeName.normalized(attribute.key) != "color" {
            let shared = Set(words(attribute.key)).intersection(related).count
            if shared > (best?.shared ?? 0) { best = (attribute, shared) }
        }
        if let best { return .related(quoted(best.attribute)) }
        return .unstated
    }
}

extension EmbeddedInterpreter {
    /// The answer to a yes-or-no question about features of one product, first in the reply
    /// about it; `nil` when the question names no feature.
    /// - Parameter brands: lower-cased brands the message may name the product by.
    func featureAnswer(_ product: ProductResult, tokens: [Token], brands: Set<String> = []) -> String? {
        FeatureQuestion.aboutOneProduct(in: tokens, extractor: extractor, brands: brands).map { featureAnswer(product, question: $0) }
    }

    /// The answer to `question` about one product: yes with what its listing states, no, or
    /// that it does not say.
    func featureAnswer(_ product: ProductResult, question: FeatureQuestion) -> String {
        var question = question
        // "Is the keyboard wireless?" of a keyboard is of the whole product: "it is wireless".
        if let part = question.describedPart, WordForms.contains(Set(WordForms.words(product.title)), eitherNumberOf: part) {
            question.describedPart = nil
        }
        let answers = question.features.map { feature -> String in
            let (yes, no, unsaid) = switch question.phrasing {
            case .has: ("Yes, it has \(question.spoken(feature))", "No, it has no \(question.named(feature))",
                        "whether it has \(question.spoken(feature))")
            case .is:
                if let part = question.describedPart {
                    ("Yes, its \(part) is \(feature)", "No, its \(part) is not \(feature)", "whether its \(part) is \(feature)")
                } else {
                    ("Yes, it is \(feature)", "No, it is not \(feature)", "whether it is \(feature)")
                }
            case .mentions: ("Yes, its listing mentions \"\(feature)\"", "No", "anything about \"\(feature)\"")
            case .comesIn: ("Yes, it comes in \(FeatureQuestion.comesIn(feature))",
                            "No, it does not come in \(FeatureQuestion.comesIn(feature))",
                            "whether it comes in \(FeatureQuestion.comesIn(feature))")
            case .worksWith: ("Yes, it works with \(feature)", "No, it does not work with \(feature)", "whether it works with \(feature)")
            }
            // A listing is of one colour: others may be sold, and a search finds them.
            let searchHint = question.attributeKeys[feature] == "color" ? " Say \"in \(feature)\" to look for \(feature) ones." : ""
            switch FeatureFinding.of(product, feature: feature, attributeKey: question.attributeKeys[feature],
                                     aboutWords: question.aboutWords) {
            case .has(let evidence?): return "\(yes) (\(evidence))."
            case .has(nil): return "\(yes): its name says so."
            case .described(let mention): return "\(mention.isNegated ? no : yes): its description says \"\(mention.quote)\"."
            case .lacks(let evidence): return "\(no) (\(evidence))."
            case .related(let stated): return "Its listing states \(stated)." + searchHint
            case .unstated: return "Its listing does not say \(unsaid)." + searchHint
            }
        }
        return answers.joined(separator: " ")
    }

    /// The answer to a question about a feature of every shown product ("do they fold?"): which
    /// have it, which state they have not, and which do not say, by their short names.
    /// - Parameter which: what the products are as the answer says it: "shown", "compared" (some
    ///   of those shown), "by Ninja".
    func featureAnswer(among products: [ProductResult], question: FeatureQuestion, which: String = "shown") -> String {
        let names = Self.shortNames(products)
        let answers = question.features.map { feature -> String in
            var has: [String] = [], lacks: [String] = [], unstated: [String] = []
            let valueKey = FeatureFinding.keyValued(feature, among: products)
            for (name, product) in zip(names, products) {
                let finding = FeatureFinding.of(product, feature: feature, attributeKey: question.attributeKeys[feature],
                                                aboutWords: question.aboutWords)
                let saysNothingOfIt = switch finding {
                case .unstated, .related: true
                default: false
                }
                if let valueKey, saysNothingOfIt,
                   let other = product.attributes.first(where: { AttributeName.normalized($0.key) == valueKey && Self.states($0.value) }) {
                    lacks.append("\(name) (\(other.value))")  // "tenkeyless" of keyboards whose layout is "75%"
                    continue
                }
                switch finding {
                case .has: has.append(name)
                case .described(let mention) where mention.isNegated: lacks.append("\(name) (\"\(mention.quote)\")")
                case .described(let mention): has.append("\(name) (\"\(mention.quote)\")")
                case .lacks: lacks.append(name)
                case .related(let stated): unstated.append("\(name) (\(stated))")
                case .unstated: unstated.append(name)
                }
            }
            let total = products.count
            func verb(_ count: Int) -> String {
                switch question.phrasing {
                case .has: count == 1 ? "has \(question.spoken(feature))" : "have \(question.named(feature))"
                case .is: count == 1 ? "is \(feature)" : "are \(feature)"
                case .mentions: count == 1 ? "mentions \"\(feature)\"" : "mention \"\(feature)\""
                case .comesIn: count == 1 ? "comes in \(FeatureQuestion.comesIn(feature))" : "come in \(FeatureQuestion.comesIn(feature))"
                case .worksWith: count == 1 ? "works with \(feature)" : "work with \(feature)"
                }
            }
            guard !has.isEmpty || !lacks.isEmpty else {
                let says = question.phrasing == .mentions ? "anything about \"\(feature)\"" : "whether it \(verb(1))"
                return "None of the \(total) \(which) says \(says)"
                    + (unstated.contains { $0.hasSuffix(")") } ? ": " + Self.list(unstated) + "." : ".")
                    + " Ask about one of them to see all it states."
            }
            var parts: [String] = []
            if has.count == total {
                parts.append("\(total == 2 ? "Both" : "All \(total)") \(which) \(verb(total)).")
            } else if !has.isEmpty {
                parts.append("\(has.count) of the \(total) \(which) \(verb(has.count)): \(Self.list(has)).")
            } else {
                parts.append("None of the \(total) \(which) \(verb(1)).")
            }
            if !lacks.isEmpty, has.count < total {
                parts.append("\(Self.list(lacks, opening: true)) \(lacks.count == 1 ? "does" : "do") not.")
            }
            if !unstated.isEmpty {
                parts.append("\(Self.list(unstated, opening: true)) \(unstated.count == 1 ? "does" : "do") not say.")
            }
            return parts.joined(separator: " ")
        }
        return answers.joined(separator: " ")
    }

    /// "the A, the B and the C"; "The A, …" to open a sentence.
    private static func list(_ names: [String], opening: Bool = false) -> String {
        let named = names.map { Self.the($0) }
        let text = named.count > 1 ? named.dropLast().joined(separator: ", ") + " and " + named[named.count - 1] : named.first ?? ""
        return opening ? text.prefix(1).uppercased() + text.dropFirst() : text
    }
}
