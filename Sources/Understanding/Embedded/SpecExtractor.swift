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
        let specNouns = scanUnits(tokens, &consumed, &result)
        scanPrices(tokens, &consumed, &result)
        let categoryPhrases = scanPhrases(tokens, &consumed, &result, specNouns: specNouns)
        let namesCompanion = Self.movesCompanionCategory(tokens, consumed: consumed, categoryPhrases, &result)
        result.nameAfterBy = Self.nameAfterBy(tokens, consumed: consumed)
        let words = tokens.map(\.text)
        result.asksForUnknownThing = namesCompanion && result.categories.isEmpty && result.refinements.subtracting([.replace]).isEmpty
            || Self.asksForUnknownThing(words, recognised: consumed, result)
        result.asksForUse = Self.asksForUse(words, result)
        return result
    }

    /// Ways of asking for something before its name: "i need", "do you have", "how about".
    private static let requestOpeners: [[String]] = [
        ["i", "want"], ["i", "need"], ["i", "would", "like"], ["id", "like"], ["im", "looking", "for"],
        ["i", "am", "looking", "for"], ["looking", "for"], ["show", "me"], ["find", "me"], ["get", "me"],
        ["do", "you", "have"], ["have", "you", "got"], ["how", "about"], ["what", "about"], ["now"], ["ok"], ["okay"],
        ["actually"],
    ]
    /// Nouns that stand for the product already discussed: "a cheaper one", "a pair with a mic".
    private static let standInNouns: Set<String> = [
        "one", "ones", "pair", "model", "version", "kind", "type", "thing", "option", "set", "piece", "bit", "little",
        "different", "other", "new", "better", "good", "nice", "similar",
    ]

    /// Plain praise that may stand between the article and the name: "a nice speaker".
    private static let plainAdjectives: Set<String> = ["good", "nice", "great", "decent", "very", "really", "new", "cool"]

    /// Whether the utterance opens by asking for a thing ("a", "an", "some", after an optional
    /// opener, or a common plural without them) whose name is a word the lexicon does not know,
    /// and names no category, brand or change to the last search ("instead" aside). Up to three words the lexicon recognised
    /// (a colour, a feature: "a red dress", "a waterproof bluetooth speaker") or plain praise
    /// may come before the name. Such a word is a keyword; the caller decides what it replaces.
    private static func asksForUnknownThing(_ words: [String], recognised: [Bool], _ said: Extraction) -> Bool {
        // A category named only as what the thing goes with ("a lamp for my desk", "a stand for my
        // laptop") does not make it that category.
        guard said.categories.isEmpty, said.brands.isEmpty,
              said.refinements.subtracting([.replace]).isEmpty,
              !said.keywords.isEmpty else { return false }
        var start = 0
        for opener in requestOpeners where words.starts(with: opener) {
            start = opener.count
            break
        }
        guard start < words.count else { return false }
        // "Bluetooth speakers under 50" asks as plainly as "a bluetooth speaker", by a plural.
        let hasArticle = ["a", "an", "some"].contains(words[start])
        var position = hasArticle ? start + 1 : start
        while position < words.count, position - start <= 3,
              recognised[position] || plainAdjectives.contains(words[position]) {
            position += 1
        }
        guard position < words.count else { return false }
        let noun = words[position]
        guard said.keywords.first == noun, !standInNouns.contains(noun) else { return false }
        // "Bluetooth speaker waterproof for the beach": a common noun after words that describe
        // it asks for it without an article, where a lone word may be a slip ("asdf").
        return hasArticle || isCommonPlural(noun) || position > start && Lexicon.commonEnglishWords.contains(noun)
    }

    /// Whether the word is an English plural of a common word ("speakers", "kettles"), not a
    /// slip of the keys ("asdf"), which still asks which kind of product is wanted.
    private static func isCommonPlural(_ word: String) -> Bool {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") else { return false }
        let common = Lexicon.commonEnglishWords
        return common.contains(word) || common.contains(String(word.dropLast()))
            || word.hasSuffix("es") && common.contains(String(word.dropLast(2)))
    }

    /// Ways of asking what there is: "what do you have for …", "anything for …".
    private static let useOpeners: [[String]] = [
        ["what", "do", "you", "have", "for"], ["what", "have", "you", "got", "for"], ["do", "you", "have", "anything", "for"],
        ["anything", "for"], ["something", "for"], ["got", "anything", "for"], ["what", "is", "there", "for"],
        ["whats", "there", "for"], ["what", "about", "something", "for"], ["how", "about", "something", "for"],
    ]

    /// Whether the utterance opens by asking what there is for a use, naming no category, brand
    /// or thing ("what do you have for running?"); "for" followed by a person is no use ("something
    /// for my dad" names nobody's words to search).
    private static func asksForUse(_ words: [String], _ said: Extraction) -> Bool {
        guard said.categories.isEmpty, said.weakCategories.isEmpty, said.brands.isEmpty,
              said.useCase != nil || !said.keywords.isEmpty else { return false }
        return useOpeners.contains { words.starts(with: $0) }
    }

    // MARK: Specs with units

    static let capacityUnits: [String: String] = [
        "gb": "GB", "gig": "GB", "gigs": "GB", "gigabyte": "GB", "gigabytes": "GB",
        "tb": "TB", "terabyte": "TB", "terabytes": "TB",
    ]
    private static let ramWords: Set<String> = ["ram", "memory", "ddr4", "ddr5", "ddr"]
    private static let storageWords: Set<String> = ["ssd", "storage", "hdd", "hard", "nvme", "drive", "disk", "emmc",
                                                    "space", "rom"]

    /// Words before a number that say which attribute it is: "size 10", "waist 32", "aged 10".
    private static let keyBeforeNumber: [String: String] = ["size": "size", "waist": "size", "age": "age", "aged": "age",
                                                             "ages": "age"]

    private static let yearWords: Set<String> = ["year", "years", "yr", "yrs"]
    private static let personWords: Set<String> = ["person", "persons", "people"]
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

    /// Whether a number can be a person's age in years.
    private static func isAge(_ value: Double) -> Bool { value == value.rounded() && (1...120).contains(value) }

    /// Returns the positions of nouns that name a spec ("16gb RAM", "1tb SSD"): they name a
    /// category only when nothing else does ("16gb ram laptop" is a laptop).
    private func scanUnits(_ tokens: [Token], _ consumed: inout [Bool], _ result: inout Extraction) -> Set<Int> {
        var specNouns: Set<Int> = []
        for index in tokens.indices {
            guard let value = tokens[index].number, !consumed[index] else { continue }
            let number = Tokenizer.formatNumber(value)
            // "size 10"; "waist 32" is the size of jeans and trousers; "aged 10" is whose a toy is.
            if index > 0, let key = Self.keyBeforeNumber[tokens[index - 1].text], key != "age" || Self.isAge(value) {
                result.attributes[key] = number
                consumed[index - 1] = true
                consumed[index] = true
                result.recognised += 2
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
            guard index + 1 < tokens.count else { continue }
            let unit = tokens[index + 1].text
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
                case let unit where (unit == "cup" || unit == "cups") && value == value.rounded() && (1...30).contains(value):
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
            guard let key else { continue }
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

    // MARK: Names

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
        var words: [String] = []
        words.reserveCapacity(lexicon.maxPhraseLength)
        while index < tokens.count {
            if consumed[index] {
                index += 1
                continue
            }
            // Longest phrase first.
            var matched: (meanings: [Meaning], length: Int)?
            // Matched as a typo of a name ("labtop"): the name, not the typed word, is what was meant.
            var isTypo = false
            var length = min(lexicon.maxPhraseLength, tokens.count - index)
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
            if matched == nil, token.number == nil, let (_, meanings) = lexicon.fuzzyMatch(token.text) {
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
                    } else if token.text.count >= 3, !Lexicon.keywordStopwords.contains(token.text), !isDenied {
                        appendKeyword(token.text, &result)
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
                        let phrase = tokens[index..<(index + length)].lazy.map(\.text).joined(separator: " ")
                        if relation == .part, !isNegated, !result.features.contains(phrase) {
                            result.features.append(phrase)
                        }
                    } else if specNouns.contains(index) {
                        if !result.weakCategories.contains(name) { result.weakCategories.append(name) }
                        // "The cheapest 1tb ssd" is an SSD, "32gb ddr5" DDR5 memory: not a hard drive.
                        let kinds = tokens[index..<(index + length)].map(\.text).filter(Lexicon.kindNames.contains)
                        if !kinds.isEmpty { result.weakKindWords[name, default: []] += Self.narrowingWords(kinds, of: name) }
                    } else if !isNegated {
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
                            for word in Self.narrowingWords(phraseWords, of: name) {
                                appendKeyword(word, &result)
                                if !result.kindWords.contains(word) { result.kindWords.append(word) }
                            }
                        }
                        // "sleeping bags": the unknown word right before the name says which kind.
                        if !isNamedAgain, index > 0, let before = result.keywords.last, before == tokens[index - 1].text,
                           !Self.narrowingWords([before], of: name).isEmpty, !result.kindWords.contains(before) {
                            result.kindWords.append(before)
                        }
                    }
                case .brand(let name):
                    // "A monitor for my macbook": the brand of what it goes with, not a wish.
                    if !isNegated, Self.relation(at: index, in: tokens) == .companion { break }
                    if isNegated {
                        if !result.excludedBrands.contains(name) { result.excludedBrands.append(name) }
                    } else if !result.brands.contains(name) {
                        result.brands.append(name)
                    }
                case .color(let name):
                    if isNegated {
                        if !result.excludedColors.contains(name) { result.excludedColors.append(name) }
                    } else if !result.colors.contains(name) {
                        result.colors.append(name)
                    }
                case .condition(let value): result.condition = value
                case .useCase(let value):
                    if !isNegated && result.useCase == nil {
                        result.useCase = value
                        if index > 0, let before = result.keywords.last, before == tokens[index - 1].text {
                            result.useQualifiers.append(before)
                        }
                    }
                case .feature(let value):
                    if !isNegated && !result.features.contains(value) { result.features.append(value) }
                case .sort(let order): result.sort = order
                case .gender(let value): result.attributes["gender"] = value
                case .size(let value): result.attributes["size"] = value
                case .attribute(let key, let value): result.attributes[key] = value
                case .refinement(let refinement): result.refinements.insert(refinement)
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

    /// Words that end the name of a thing: "a desk lamp for reading", "a phone case under 20".
    private static let phraseEnders: Set<String> = [
        "for", "under", "with", "without", "that", "which", "in", "from", "to", "and", "or", "below", "less", "around",
        "about", "over", "than", "on", "at", "by", "like", "within", "up", "please",
    ]
    /// Endings of words that describe a product rather than name one: "a keyboard mechanical".
    private static let describingEndings = ["ed", "ly", "al", "ous", "ful", "less", "able", "ible", "ive", "ic", "ish", "proof"]
    /// Nouns after a product's name that are still that product, or what is said about it:
    /// materials ("a jacket leather"), its variants ("camera body", "phone bundle"), requests.
    private static let sameProductNouns: Set<String> = [
        "cotton", "leather", "wool", "linen", "silk", "denim", "steel", "wood", "bamboo", "plastic", "metal", "glass",
        "aluminum", "aluminium", "nylon", "polyester", "mesh", "suede", "canvas", "rubber", "foam", "fleece",
        "body", "kit", "bundle", "combo", "deal", "deals", "package", "computer", "replacement", "brand", "size", "style",
        "pack", "packs", "multipack",
        "price", "prices", "review", "reviews", "recommendation", "recommendations", "suggestion", "suggestions",
        "options", "idea", "ideas", "gift", "gifts", "sale", "today", "now", "online", "store", "shop",
    ]

    /// "A desk lamp", "phone case", "a laptop charger under 30": a category's name ending in a
    /// singular word, right before a common noun the lexicon does not know that ends the
    /// thing's name, is what the thing goes with, as in "a lamp for my desk", not what is
    /// wanted. Such a category becomes a weak one (named only if nothing else is) and its words
    /// keywords before the noun; returns whether one did.
    private static func movesCompanionCategory(_ tokens: [Token], consumed: [Bool],
                                               _ categoryPhrases: [(name: String, range: Range<Int>)],
                                               _ result: inout Extraction) -> Bool {
        for (name, range) in categoryPhrases {
            let last = tokens[range.upperBound - 1].text, next = range.upperBound
            guard !last.hasSuffix("s") || last.hasSuffix("ss"), next < tokens.count, !consumed[next],
                  tokens[next].number == nil else { continue }
            let noun = tokens[next].text
            guard result.keywords.contains(noun), Lexicon.commonEnglishWords.contains(noun), !sameProductNouns.contains(noun),
                  !standInNouns.contains(noun), !genericNouns.contains(noun), !describingEndings.contains(where: noun.hasSuffix),
                  next + 1 == tokens.count || consumed[next + 1] || phraseEnders.contains(tokens[next + 1].text)
            else { continue }
            result.categories.removeAll { $0 == name }
            if !result.weakCategories.contains(name) { result.weakCategories.insert(name, at: 0) }
            // Searched for by its whole name: a desk lamp, not any lamp (nor, widened, any desk:
            // the reply then says none is named so).
            let companion = tokens[range].map(\.text).filter { !result.keywords.contains($0) && !Lexicon.keywordStopwords.contains($0) }
            result.keywords.insert(contentsOf: companion, at: result.keywords.firstIndex(of: noun) ?? 0)
            return true
        }
        return false
    }

    /// The words after "by" that no name took, up to four ("something by agatha christie",
    /// "books by tolkien under 20"): an author when the search is for books
    /// (`EmbeddedInterpreter.merge`), else keywords as any unknown words.
    private static func nameAfterBy(_ tokens: [Token], consumed: [Bool]) -> [String] {
        for (index, token) in tokens.enumerated() where token.text == "by" && !consumed[index] {
            var words: [String] = []
            var position = index + 1
            while position < tokens.count, words.count < 4, !consumed[position], tokens[position].number == nil,
                  !phraseEnders.contains(tokens[position].text), !Lexicon.keywordStopwords.contains(tokens[position].text) {
                words.append(tokens[position].text)
                position += 1
            }
            if !words.isEmpty { return words }
        }
        return []
    }

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
    private static let searchVerbs: Set<String> = ["looking", "shopping", "searching", "search", "look", "shop"]
    /// Words that may stand between "with" or "for" and the name: "with a good camera", "for my laptop".
    private static let nameLeadIns: Set<String> = [
        "a", "an", "the", "my", "your", "his", "her", "our", "their", "good", "great", "nice", "decent", "big",
        "large", "small", "new", "old", "built", "in", "builtin", "front", "rear", "main", "better", "best",
    ]

    private static let possessives: Set<String> = ["my", "your", "his", "her", "our", "their"]

    /// `.part` for a category name after "with" ("a phone with a good camera"), `.companion`
    /// after "for" and a possessive ("a sleeve for my laptop"; "for a laptop" and "looking for
    /// my laptop" ask for one), reading back over lead-in words only; `nil` when the name is
    /// what is asked for.
    static func relation(at index: Int, in tokens: [Token]) -> CategoryRelation? {
        var position = index - 1
        var isOwned = false
        while position >= 0, nameLeadIns.contains(tokens[position].text), index - position <= 3 {
            if possessives.contains(tokens[position].text) { isOwned = true }
            position -= 1
        }
        guard position >= 0 else { return nil }
        let word = tokens[position].text
        if partWords.contains(word) { return .part }
        if word == "for", isOwned, position == 0 || !searchVerbs.contains(tokens[position - 1].text) { return .companion }
        return nil
    }

    /// Words for any product, which narrow no category ("espresso machine": "machine").
    private static let genericNouns: Set<String> = [
        "machine", "machines", "maker", "makers", "device", "devices", "unit", "units", "set", "sets", "system",
        "systems", "thing", "things", "gadget", "gadgets", "appliance", "appliances",
    ]

    /// The words of `phrase`, which named the category `name`, that say which of its products:
    /// neither the name's words (in either number) nor generic nouns nor stop words.
    static func narrowingWords(_ phrase: [String], of name: String) -> [String] {
        let nameWords = Set(WordForms.words(name))
        func isNameWord(_ word: String) -> Bool { WordForms.contains(nameWords, eitherNumberOf: word) }
        // "smart watch" is the name "smartwatches" spelled apart: no narrower kind.
        if isNameWord(phrase.joined()) { return [] }
        return phrase.filter { word in
            word.count >= 3 && !isNameWord(word) && !genericNouns.contains(word) && !Lexicon.keywordStopwords.contains(word)
                && !word.allSatisfy(\.isNumber)
        }
    }

    private func appendKeyword(_ word: String, _ result: inout Extraction) {
        if !result.keywords.contains(word) && result.keywords.count < 8 { result.keywords.append(word) }
    }
}
