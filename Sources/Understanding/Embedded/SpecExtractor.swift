import Shared

/// Reads one utterance into an `Extraction`: specs with units first, then prices, then names
/// (longest phrase first, typos by fuzzy match), with negations turning names into exclusions.
///
/// Pure and deterministic; built once per vocabulary and shared.
struct SpecExtractor: Sendable {
    let lexicon: Lexicon

    init(vocabulary: CatalogVocabulary) {
        lexicon = Lexicon(vocabulary: vocabulary)
    }

    func extract(_ text: String) -> Extraction {
        extract(tokens: Tokenizer.tokenize(text))
    }

    /// `extract(_:)` of text the caller tokenised already.
    func extract(tokens: [Token]) -> Extraction {
        var consumed = [Bool](repeating: false, count: tokens.count)
        var result = Extraction()
        result.tokenCount = tokens.count
        let words = tokens.map(\.text)
        if let processor = ProcessorSocket.find(in: words) {
            for index in processor.range { consumed[index] = true }
            result.attributes["socket"] = processor.socket
            result.recognised += processor.range.count
        }
        let specNouns = scanUnits(tokens, &consumed, &result)
        scanUnitPrice(tokens, &consumed, &result)
        scanPrices(tokens, &consumed, &result)
        let categoryPhrases = scanPhrases(tokens, &consumed, &result, specNouns: specNouns)
        let namesCompanion = movesAccessoryHost(tokens, categoryPhrases, &result)
            || Self.movesCompanionCategory(tokens, consumed: consumed, categoryPhrases, &result)
        if !namesCompanion { Self.movesDescribingCategory(tokens, categoryPhrases, listingWords: lexicon.listingWords, &result) }
        result.nameAfterBy = Self.nameAfterBy(tokens, consumed: consumed)
        result.asksForUnknownThing = namesCompanion && result.categories.isEmpty && result.refinements.subtracting([.replace]).isEmpty
            || Self.asksForUnknownThing(words, recognised: consumed, result)
        result.asksForUse = Self.asksForUse(words, result)
        Self.makeDescriptionsOfOneFeatures(words, consumed: consumed, &result)
        return result
    }

    // MARK: Names

    /// Words of a model's name after its brand's: "macbook pro", "iphone 15 pro max".
    static let modelWords: Set<String> = ["pro", "air", "max", "mini", "plus", "ultra", "se"]

    /// Nouns that a use's word before them names a part with: "rain cover", "travel case".
    static let partsNamedByUse: Set<String> = ["cover", "covers", "fly", "case", "pouch", "skirt", "guard", "hood"]

    private static let negationConnectors: Set<String> = [
        "or", "nor", "and", "any", "from", "by", "the", "a", "an", "in", "color", "colour", "colors", "colours",
        "brand", "brands", "made", "products", "stuff", "anything", "things", "of", "please", "thanks",
    ]

    /// Returns each category the request names with the tokens of the phrase that named it.
    private func scanPhrases(_ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction,
                             specNouns: Set<Int>) -> [(name: String, range: Range<Int>)] {
        var categoryPhrases: [(name: String, range: Range<Int>)] = []
        var isNegated = false
        /// The kind of name ("brand", "color") the current negation excludes.
        var negatedKind: String?
        var index = 0
        while index < tokens.count {
            if consumed[index] {
                index += 1
                continue
            }
            // Longest phrase first.
            var matched: (meanings: [Meaning], length: Int)?
            // Matched as a typo of a name ("labtop"): the name, not the typed word, is what was meant.
            var isTypo = false
            var length = min(lexicon.longestPhraseStarting[tokens[index].text] ?? 1, tokens.count - index)
            while length >= 1 {
                if !consumed[index..<(index + length)].contains(true) {
                    let key = length == 1
                        ? tokens[index].text
                        : tokens[index..<(index + length)].lazy.map(\.text).joined(separator: " ")
                    if let meanings = lexicon.phrases[key] {
                        matched = (meanings, length)
                        break
                    }
                }
                length -= 1
            }
            let token = tokens[index]
            // A name after "by" is no typo of another ("by agatha christie" was the brand Amatra and
            // the category christmas): said after "by", an unknown word is an author's or a maker's.
            if matched == nil, token.number == nil, !Self.followsBy(index, in: tokens),
               let (_, meanings) = lexicon.fuzzyMatch(token.text) {
                matched = (meanings, 1)
                isTypo = true
            }
            guard let (meanings, length) = matched else {
                if token.number != nil {
                    // A model number after a name ("rtx 4070") is a keyword; a number word is not
                    // ("the black one").
                    if token.isTyped, index > 0, tokens[index - 1].number == nil,
                       !Lexicon.keywordStopwords.contains(tokens[index - 1].text) {
                        appendKeyword(token.text, &result)
                    }
                } else if isNegated && Self.negationConnectors.contains(token.text) {
                    // "not samsung or lg": the negation carries over.
                } else {
                    // "A hoodie that isn't itchy": a word denied is no word to search for.
                    let isDenied = isNegated
                    isNegated = false
                    if let size = Lexicon.softSizes[token.text] {
                        if !isDenied { result.softSize = size }
                    } else if token.text == "light", isWeight(lightAt: index, in: tokens) {
                        // "A gaming mouse that's light": before, a stop word, and the wish was lost.
                        if !isDenied && !result.features.contains("lightweight") { result.features.append("lightweight") }
                    } else if token.text.count >= 3, !Lexicon.keywordStopwords.contains(token.text),
                              !Self.isVerbOfWhatItDoes(at: index, in: tokens) {
                        if !isDenied {
                            appendKeyword(token.text, &result)
                        } else if !Self.qualityWords.contains(token.text), !result.excludedWords.contains(token.text) {
                            result.excludedWords.append(token.text)
                        }
                    }
                }
                index += 1
                continue
            }
            for position in index..<(index + length) { consumed[position] = true }
            result.recognised += length
            // "Not samsung or lg", "not red or blue": a negation carries over names of the kind it
            // began with, not to another kind ("not nike, white": white is wanted).
            let nameKind = Self.nameKind(of: meanings)
            if isNegated, let nameKind, let negatedKind, nameKind != negatedKind { isNegated = false }
            if isNegated, negatedKind == nil { negatedKind = nameKind }
            var negationStarts = false
            for meaning in meanings {
                switch meaning {
                case .negation:
                    negationStarts = true
                case .category(let name):
                    if let relation = Self.relation(at: index, in: tokens) {
                        // "with a good camera", "for my laptop": a part of the product asked for,
                        // or what it goes with; the category only when nothing else names one.
                        if !result.weakCategories.contains(name) { result.weakCategories.append(name) }
                        // "With memory presets": the part is the name with the words of no other
                        // meaning after it (which are searched for too).
                        var end = index + length
                        while relation == .part, end < tokens.count, end < index + length + 2, tokens[end].number == nil,
                              tokens[end].text.count >= 3, !Lexicon.keywordStopwords.contains(tokens[end].text),
                              lexicon.phrases[tokens[end].text] == nil {
                            end += 1
                        }
                        let phrase = tokens[index..<end].lazy.map(\.text).joined(separator: " ")
                        // "With at least 16gb ram": the amount says it (the attribute "ram"), not a feature "ram".
                        let hasAmount = tokens[max(0, index - 3)..<index].contains { $0.number != nil }
                        if relation == .part, index > 0, tokens[index - 1].text == "same" {
                            result.sameParts.append(phrase)  // "with the same storage": as the product talked about has it
                        } else if relation == .part, !isNegated, !hasAmount, !result.features.contains(phrase) {
                            result.features.append(phrase)
                        }
                    } else if specNouns.contains(index) {
                        if !result.weakCategories.contains(name) { result.weakCategories.append(name) }
                        // "The cheapest 1tb ssd" is an SSD, "32gb ddr5" DDR5 memory: not a hard drive.
                        let kinds = tokens[index..<(index + length)].map(\.text).filter(Lexicon.kindNames.contains)
                        if !kinds.isEmpty {
                            result.weakKindWords[name, default: []]
                                += Self.narrowingWords(kinds, of: name, builtInName: builtInName(of: name))
                        }
                    } else if isNegated {
                        // "A watch for my husband, not a smartwatch": a kind the products must not
                        // be (before, the words were dropped and smartwatches shown).
                        if length == 1, !result.excludedWords.contains(tokens[index].text) {
                            result.excludedWords.append(tokens[index].text)
                        }
                    } else {
                        // Named again by another phrase ("a coffee maker that makes espresso"):
                        // the category once, the kind its phrase says too.
                        let isNamedAgain = result.categories.contains(name)
                        if !isNamedAgain {
                            result.categories.append(name)
                            if !isTypo { categoryPhrases.append((name, index..<(index + length))) }
                        }
                        // "espresso machines" are Coffee Makers, but not any: the words that narrow
                        // the category are searched for too.
                        // One word is a name for the category ("notebook", "television"), not a
                        // kind of it: searching it first would only reorder the category; unless
                        // it is one of `Lexicon.kindNames` ("ssd", "earbuds", "dslr").
                        // A phrase that is also an attribute's value ("over ear" headphones) says it there.
                        let namesAnAttribute = meanings.contains { if case .attribute = $0 { true } else { false } }
                        let phraseWords = tokens[index..<(index + length)].map(\.text)
                        let phrase = phraseWords.joined(separator: " ")
                        if !isTypo, length > 1 || Lexicon.kindNames.contains(phrase), !namesAnAttribute,
                           !Lexicon.purposeNames.contains(phrase) {
                            for word in Self.narrowingWords(phraseWords, of: name, builtInName: builtInName(of: name)) {
                                appendKeyword(word, &result)
                                if !result.kindWords.contains(word) { result.kindWords.append(word) }
                            }
                        }
                        // "sleeping bags": the unknown word right before the name says which kind;
                        // so does an ordinary word that is a brand's too ("coffee tables": a
                        // brand "Coffee"), should the category make it a word searched for.
                        if !isNamedAgain, index > 0, case let before = tokens[index - 1].text,
                           before == result.keywords.last || result.ordinaryWordBrands.values.contains(before),
                           !Self.narrowingWords([before], of: name, builtInName: builtInName(of: name)).isEmpty,
                           !result.kindWords.contains(before) {
                            result.kindWords.append(before)
                        }
                    }
                case .brand(let name):
                    // "A monitor for my macbook": the brand of what it goes with, not a wish.
                    if !isNegated, Self.relation(at: index, in: tokens) == .companion {
                        // "For my macbook pro": the model's words name it too (before, the keyword "pro").
                        var next = index + length
                        while next < tokens.count, !consumed[next], Self.modelWords.contains(tokens[next].text) {
                            consumed[next] = true
                            result.recognised += 1
                            next += 1
                        }
                        break
                    }
                    if isNegated {
                        if !result.excludedBrands.contains(name) { result.excludedBrands.append(name) }
                    } else if !result.brands.contains(name) {
                        result.brands.append(name)
                        if Self.saysOnly(aboutBrandAt: index, length: length, in: tokens) { result.brandsOnly = true }
                        // An ordinary word said without "from", "by" or "brand": the category decides;
                        // before a word for who likes it, it is the thing liked ("a coffee lover").
                        if lexicon.ordinaryWordBrands[name] != nil, index + length < tokens.count,
                           Lexicon.likerWords.contains(tokens[index + length].text) {
                            result.brands.removeAll { $0 == name }
                            for token in tokens[index..<(index + length)] { appendKeyword(token.text, &result) }
                        } else if lexicon.ordinaryWordBrands[name] != nil, !Self.isSaidAsBrand(at: index, length: length, in: tokens) {
                            result.ordinaryWordBrands[name] = tokens[index..<(index + length)].map(\.text).joined(separator: " ")
                        }
                    }
                case .color(let name):
                    // "Wine glasses", "a champagne flute": the drink's things, no colour.
                    if length == 1, Self.namesDrinkware(after: index, in: tokens) {
                        appendKeyword(tokens[index].text, &result)
                        break
                    }
                    if isNegated {
                        if !result.excludedColors.contains(name) { result.excludedColors.append(name) }
                    } else if !result.colors.contains(name) {
                        result.colors.append(name)
                    }
                case .condition(let value): result.condition = value
                case .useCase(let value):
                    // "A book like the hunger games": a title's words, not a use.
                    // "A backpack with a rain cover", "headphones with a travel case": a part named
                    // by a use's word, searched for as words (before, the use "rain" and the keyword "cover").
                    if Self.isInLikeness(at: index, in: tokens)
                        || index + length < tokens.count && Self.partsNamedByUse.contains(tokens[index + length].text) {
                        for token in tokens[index..<(index + length)] { appendKeyword(token.text, &result) }
                        break
                    }
                    // "Kids" says who, not what for: a use said with it wins ("a laptop for my
                    // daughter starting college" is for school, not a child's); so does one said
                    // after "studies" ("studies graphic design").
                    if !isNegated && (result.useCase == nil || result.useIsReplaceable && value != Lexicon.childrenUse) {
                        result.useCase = value
                        result.useIsReplaceable = value == Lexicon.childrenUse
                            || length == 1 && Lexicon.studyWords.contains(tokens[index].text)
                        if index > 0, let before = result.keywords.last, before == tokens[index - 1].text {
                            result.useQualifiers.append(before)
                        }
                    }
                case .feature(let value):
                    if !isNegated && !result.features.contains(value) { result.features.append(value) }
                    // "Not a standing one": a one-word feature denied is a word of titles to keep out;
                    // so is one word said for a longer one ("jeans that aren't skinny": "skinny", not
                    // "slim fit"; before, nothing was kept out).
                    let denied = !value.contains(" ") ? value : length == 1 ? tokens[index].text : nil
                    if isNegated, let denied, !result.excludedWords.contains(denied) { result.excludedWords.append(denied) }
                case .sort(let order): result.sort = order
                case .gender(let value): result.attributes["gender"] = value
                case .size(let value): result.attributes["size"] = value
                case .attribute(let key, let value): result.attributes[key] = value
                case .refinement(let refinement):
                    result.refinements.insert(refinement)
                    if refinement == .onlyBrands { result.brandsOnly = true }
                }
            }
            if negationStarts {
                isNegated = true
                negatedKind = nil
            } else if !meanings.allSatisfy(Self.keepsNegation) {
                isNegated = false
            }
            index += length
        }
        return categoryPhrases
    }

    /// Whether the word at `index` is a verb that asks what a product does with what follows:
    /// "does it support 120hz?", "one that supports usb-c" (before, the keyword "support"; "arch
    /// support" keeps it).
    private static func isVerbOfWhatItDoes(at index: Int, in tokens: [Token]) -> Bool {
        ["support", "supports"].contains(tokens[index].text) && index > 0
            && ["it", "they", "that", "which", "does", "do", "can", "will", "must", "should"].contains(tokens[index - 1].text)
    }

    /// Whether "light" at `index` says how heavy a product is ("a light tent", "light and fast"),
    /// not a shade ("light grey"), how much it is used ("light gaming", "light use") or a lamp
    /// ("a ring light", "blue light").
    private func isWeight(lightAt index: Int, in tokens: [Token]) -> Bool {
        if index > 0, Self.lampWords.contains(tokens[index - 1].text) { return false }
        guard index + 1 < tokens.count else { return true }
        let next = tokens[index + 1].text
        if Self.lightUseWords.contains(next) { return false }
        return !(lexicon.phrases[next] ?? []).contains { meaning in
            switch meaning {
            case .color, .useCase: true
            default: false
            }
        }
    }

    /// Words after "light" that say how much a product is used, or what of it is pale: "light use".
    private static let lightUseWords: Set<String> = [
        "use", "usage", "user", "users", "duty", "browsing", "reading", "tasks", "work", "editing", "training",
        "exercise", "cooking", "mode", "colored", "coloured", "color", "colour", "colors", "colours", "shade",
        "shades", "wash", "roast", "cushioning", "bulb", "bulbs", "bar", "strip", "strips", "sleeper", "sleepers",
        "sensitive", "blocking", "therapy", "fixture", "fixtures",
    ]
    /// Words before "light" that make it a lamp: "a ring light", "blue light".
    private static let lampWords: Set<String> = [
        "ring", "night", "led", "desk", "reading", "book", "string", "fairy", "strobe", "flash", "bike", "head",
        "tail", "blue", "natural", "ambient", "rgb", "smart", "floor", "ceiling", "pendant", "porch", "flood",
        "work", "grow", "fill", "key", "studio", "video", "sun", "day", "low", "bright", "dim",
    ]

    /// Words that say how a product is, not what it is called: denied, "a hoodie that isn't itchy"
    /// wants no word left out of titles ("not too loud"); after a name, "a yoga mat, thick" is a
    /// thick yoga mat, not a mat's companion (`movesCompanionCategory`).
    static let qualityWords: Set<String> = ["itchy", "loud", "noisy", "bulky", "flimsy", "ugly", "scratchy",
                                            "complicated", "fancy", "huge", "tiny", "thin", "thick", "narrow",
                                            "wide", "short", "long", "soft", "hard", "stiff", "slow", "old",
                                            "big", "small", "heavy", "warm", "quiet", "sturdy", "strong", "cute", "fast"]

    /// Whether a phrase names a brand or a colour, the names a negation excludes.
    private static func nameKind(of meanings: [Meaning]) -> String? {
        for meaning in meanings {
            switch meaning {
            case .brand: return "brand"
            case .color: return "color"
            default: continue
            }
        }
        return nil
    }

    /// Names and "or" continue a negation: "no red or pink", "not samsung or lg".
    private static func keepsNegation(_ meaning: Meaning) -> Bool {
        switch meaning {
        case .brand, .color, .refinement(.append): true
        default: false
        }
    }

    /// How a category's name relates to the product asked for, when it is not that product.
    enum CategoryRelation { case part, companion }

    private static let partWords: Set<String> = ["with", "has", "having", "including", "includes"]
    /// Words before "have" that make what follows a part of a product: "does it have…", "do they have…".
    private static let haveSubjects: Set<String> = ["it", "they", "this", "that", "these", "those", "ones"]
    private static let searchVerbs: Set<String> = ["looking", "shopping", "searching", "search", "look", "shop"]
    /// Words that may stand between "with" or "for" and the name: "with a good camera", "for my laptop".
    private static let nameLeadIns: Set<String> = [
        "a", "an", "the", "my", "your", "his", "her", "our", "their", "good", "great", "nice", "decent", "big",
        "large", "small", "new", "old", "built", "in", "builtin", "front", "rear", "main", "better", "best", "same",
    ]

    private static let possessives: Set<String> = ["my", "your", "his", "her", "our", "their"]
    /// Words of an amount between "with" and a part: "with at least 16gb ram", "with more than 8 cores".
    private static let amountLeadIns: Set<String> = ["at", "least", "most", "more", "than", "over", "minimum", "min", "plus", "up", "to"]
    /// Words that end what "with" lists: "with a case for my phone and a charger" lists one part.
    private static let clauseEnds: Set<String> = ["for", "under", "that", "which", "but", "or", "below", "over"]

    /// Whether the word at `index` is said as a brand's name: "from fully", "by core", "the
    /// instant brand", "brand: jade".
    static func isSaidAsBrand(at index: Int, length: Int = 1, in tokens: [Token]) -> Bool {
        index > 0 && ["from", "by", "brand"].contains(tokens[index - 1].text)
            || index + length < tokens.count && ["brand", "brands"].contains(tokens[index + length].text)
    }

    /// Whether the brand named at `index` (`length` words) is all the shopper wants: "only
    /// nvidia", "just from sony", "i only want apple", "nvidia only", "sony ones only", "sony
    /// headphones only", "nothing but apple". ("No other brands" is a phrase of its own: `Refinement.onlyBrands`.)
    static func saysOnly(aboutBrandAt index: Int, length: Int, in tokens: [Token]) -> Bool {
        var before = index - 1
        while before >= 0, index - before <= 3, onlyLeadIns.contains(tokens[before].text) { before -= 1 }
        if before >= 0, onlyWords.contains(tokens[before].text)
            || before > 0 && tokens[before].text == "but" && tokens[before - 1].text == "nothing" {
            return true
        }
        var after = index + length
        while after < tokens.count, after - index - length < 2, onlyFollowers.contains(tokens[after].text) { after += 1 }
        if after < tokens.count, tokens[after].text == "only" { return true }
        // "Sony headphones only": the message's last word.
        let last = tokens.last { $0.text != "please" && $0.text != "pls" }
        return last?.text == "only"
    }

    private static let onlyWords: Set<String> = ["only", "just", "exclusively", "solely"]
    /// Words between "only" and the brand: "only from", "just want", "only show me".
    private static let onlyLeadIns: Set<String> = ["from", "by", "the", "want", "show", "me", "see", "buy", "get"]
    /// Words between the brand and "only": "sony ones only".
    private static let onlyFollowers: Set<String> = ["ones", "one", "products", "brand", "stuff", "models", "cards", "please"]

    /// `.part` for a category name after "with" ("a phone with a good camera"), `.companion`
    /// after "for" and a possessive ("a sleeve for my laptop"; "for a laptop" and "looking for
    /// my laptop" ask for one), reading back over lead-in words only; `nil` when the name is
    /// what is asked for.
    static func relation(at index: Int, in tokens: [Token]) -> CategoryRelation? {
        var position = index - 1
        var isOwned = false, isDefinite = false
        // An amount of the part is read over too: "with at least 16gb ram" (before, memory sticks).
        var amountWords = 0
        while position >= 0, index - position - amountWords <= 3 {
            let token = tokens[position]
            let isUnit = position > 0 && tokens[position - 1].number != nil && token.text.count <= 3  // "16 gb"
            if token.number != nil || isUnit || amountLeadIns.contains(token.text), amountWords < 4 {
                amountWords += 1
            } else if !nameLeadIns.contains(token.text) {
                break
            }
            if possessives.contains(token.text) { isOwned = true }
            if token.text == "the" { isDefinite = true }
            position -= 1
        }
        guard position >= 0 else { return nil }
        let word = tokens[position].text
        if partWords.contains(word) { return .part }
        // "What about the camera?" after phones: theirs, not a camera ("what about cameras?" asks for some).
        if isDefinite, word == "about" && position > 0 && ["what", "how"].contains(tokens[position - 1].text)
            || word == "and" && position == 0 {
            return .part  // "and the graphics card?" too
        }
        // "Does it have memory presets?" of a desk: a part of the product talked about, not
        // memory; "do you have memory?" asks for some.
        if word == "have", position > 0, tokens[position - 1].isSpelledOne || haveSubjects.contains(tokens[position - 1].text) {
            return .part
        }
        // "With 16gb ram and a good graphics card": the second part of a list after "with".
        if word == "and" || word == "plus", let with = tokens[max(0, position - 8)..<position].lastIndex(where: { partWords.contains($0.text) }),
           !tokens[with..<position].contains(where: { clauseEnds.contains($0.text) }) {
            return .part
        }
        if word == "for", isOwned, position == 0 || !searchVerbs.contains(tokens[position - 1].text) { return .companion }
        return nil
    }

    /// Whether the word at `index` is within what a thing is said to be like: "a book like the
    /// hunger games", "something similar to fortnite"; not "i'd like the one for gaming".
    static func isInLikeness(at index: Int, in tokens: [Token]) -> Bool {
        for position in stride(from: index - 1, through: max(0, index - 4), by: -1) {
            let word = tokens[position].text
            // "Like the …", "like gone girl" name one thing ("something like a gaming laptop" asks for one).
            if word == "like" {
                let next = tokens[position + 1]
                return !["a", "an", "some", "one"].contains(next.text) && next.number == nil
                    && (position == 0 || !likeAsWant.contains(tokens[position - 1].text))
            }
            if word == "to", position > 0, tokens[position - 1].text == "similar" { return true }
            if clauseEnds.contains(word) || word == "and" { return false }
        }
        return false
    }

    /// Words before "like" that make it a wish: "i'd like", "would like", "we like".
    private static let likeAsWant: Set<String> = ["i", "id", "d", "would", "we", "they", "you", "really", "also", "kids", "who", "that"]

    /// Whether the word alone names a category other than `name` ("desk": Desks).
    func namesOtherCategory(_ word: String, than name: String) -> Bool {
        lexicon.phrases[word]?.contains { if case .category(let other) = $0 { other != name } else { false } } ?? false
    }

    /// Words for any product, which narrow no category ("espresso machine": "machine").
    static let genericNouns: Set<String> = [
        "machine", "machines", "maker", "makers", "device", "devices", "unit", "units", "set", "sets", "system",
        "systems", "thing", "things", "gadget", "gadgets", "appliance", "appliances",
    ]

    /// The words of `phrase`, which named the category `name`, that say which of its products:
    /// neither the name's words (in either number) nor generic nouns nor stop words.
    /// - Parameter builtInName: the category's built-in name when the catalog calls it otherwise
    ///   (`CategoryKnowledge.builtInName`): "graphics card" narrows no "Video Cards".
    static func narrowingWords(_ phrase: [String], of name: String, builtInName: String? = nil) -> [String] {
        let nameWords = Set(WordForms.words(name) + (builtInName.map(WordForms.words) ?? []))
        func isNameWord(_ word: String) -> Bool { WordForms.contains(nameWords, eitherNumberOf: word) }
        // "smart watch" is the name "smartwatches" spelled apart: no narrower kind.
        if isNameWord(phrase.joined()) { return [] }
        return phrase.filter { word in
            word.count >= 3 && !isNameWord(word) && !genericNouns.contains(word) && !Lexicon.keywordStopwords.contains(word)
                && !word.allSatisfy(\.isNumber)
        }
    }

    /// The built-in name of a category the catalog calls otherwise (`CategoryKnowledge.builtInName`).
    func builtInName(of category: String) -> String? {
        lexicon.knowledge[category.lowercased()]?.builtInName
    }

    private func appendKeyword(_ word: String, _ result: inout Extraction) {
        if !result.keywords.contains(word) && result.keywords.count < 8 { result.keywords.append(word) }
    }
}
