import Shared

// What thing an utterance asks for, beyond the names it says: a thing the lexicon does not know
// ("a doll for my niece"), what a use asks ("what do you have for running?"), the category a thing
// goes with ("a desk lamp"), and a name after "by" (an author).
extension SpecExtractor {
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

    /// "One" and "ones" as the tokenizer leaves them ("one" is read as the number 1).
    static let oneWords: Set<String> = ["one", "ones", "1"]

    /// "A matte one", "a hand carved one": up to three words searched for right before "one" say
    /// what the thing discussed should have, one feature, not a thing of their own (before, the
    /// kind tier ranked matte screen guards with the lipsticks).
    static func makeDescriptionsOfOneFeatures(_ words: [String], consumed: [Bool], _ result: inout Extraction) {
        for (index, word) in words.enumerated() where index > 0 && oneWords.contains(word) {
            var start = index
            while start > 0, index - start < 3, !consumed[start - 1], result.keywords.contains(words[start - 1]) { start -= 1 }
            guard start < index else { continue }
            let described = Array(words[start..<index])
            result.keywords.removeAll(where: described.contains)
            let feature = described.joined(separator: " ")
            if !result.features.contains(feature) { result.features.append(feature) }
        }
    }

    /// Verbs that read as plurals after what they say of the product: "battery life matters",
    /// "comfort counts" (before, a search for "matters" in every category).
    private static let verbsLikePlurals: Set<String> = [
        "matters", "counts", "works", "helps", "means", "seems", "looks", "sounds", "fits", "lasts", "goes", "comes",
        "makes", "needs", "wants", "says", "beats", "wins", "rules", "sucks", "rocks",
    ]

    /// Plain praise that may stand between the article and the name: "a nice speaker".
    private static let plainAdjectives: Set<String> = ["good", "nice", "great", "decent", "very", "really", "new", "cool"]

    /// Whether the utterance opens by asking for a thing ("a", "an", "some", after an optional
    /// opener, or a common plural without them) whose name is a word the lexicon does not know,
    /// and names no category, brand or change to the last search ("instead" aside). Up to three words the lexicon recognised
    /// (a colour, a feature: "a red dress", "a waterproof bluetooth speaker") or plain praise
    /// may come before the name. Such a word is a keyword; the caller decides what it replaces.
    static func asksForUnknownThing(_ words: [String], recognised: [Bool], _ said: Extraction) -> Bool {
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
        // "A matte one": a word the lexicon does not know, before a noun that stands for the
        // product discussed, says what that product should be (before, a search for "matte" alone).
        guard said.keywords.first == noun, !standInNouns.contains(noun),
              !words[(position + 1)...].prefix(3).contains(where: oneWords.contains),
              hasArticle || !verbsLikePlurals.contains(noun) else { return false }
        // "Bluetooth speaker waterproof for the beach": a common noun after words that describe
        // it asks for it without an article, where a lone word may be a slip ("asdf"); so does
        // one that what it is for follows ("lamp for my desk": before, a search for desks).
        return hasArticle || isCommonPlural(noun)
            || Lexicon.commonEnglishWords.contains(noun)
                && (position > start || position + 1 < words.count && ["for", "with", "that"].contains(words[position + 1]))
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
    static func asksForUse(_ words: [String], _ said: Extraction) -> Bool {
        guard said.categories.isEmpty, said.weakCategories.isEmpty, said.brands.isEmpty,
              said.useCase != nil || !said.keywords.isEmpty else { return false }
        return useOpeners.contains { words.starts(with: $0) }
    }

    /// Words that end the name of a thing: "a desk lamp for reading", "a phone case under 20".
    static let phraseEnders: Set<String> = [
        "for", "under", "with", "without", "that", "which", "in", "from", "to", "and", "or", "below", "less", "around",
        "about", "over", "than", "on", "at", "by", "like", "within", "up", "please",
    ]
    /// Endings of words that describe a product rather than name one: "a keyboard mechanical".
    private static let describingEndings = ["ed", "ly", "al", "ous", "ful", "less", "able", "ible", "ive", "ic", "ish", "proof"]
    /// Nouns after a product's name that are still that product, or what is said about it:
    /// materials ("a jacket leather"), its variants ("camera body", "phone bundle"), requests.
    private static let sameProductNouns: Set<String> = MaterialWords.nouns.union([
        "body", "kit", "bundle", "combo", "deal", "deals", "package", "computer", "replacement", "brand", "size", "style",
        "pack", "packs", "multipack",
        "price", "prices", "review", "reviews", "recommendation", "recommendations", "suggestion", "suggestions",
        "options", "idea", "ideas", "gift", "gifts", "sale", "today", "now", "online", "store", "shop",
    ])

    /// "A desk lamp", "phone case", "a laptop charger under 30": a category's name ending in a
    /// singular word, right before a common noun the lexicon does not know that ends the
    /// thing's name, is what the thing goes with, as in "a lamp for my desk", not what is
    /// wanted. Such a category becomes a weak one (named only if nothing else is) and its words
    /// keywords before the noun; returns whether one did.
    static func movesCompanionCategory(_ tokens: [Token], consumed: [Bool],
                                       _ categoryPhrases: [(name: String, range: Range<Int>)],
                                       _ result: inout Extraction) -> Bool {
        for (name, range) in categoryPhrases {
            let last = tokens[range.upperBound - 1].text, next = range.upperBound
            // "A phone charger", "a camera bag" where the catalog has categories of chargers and
            // bags: what goes with a phone, searched by its whole name, not phones (before, the
            // first category named won and "charger" was lost) nor any charger.
            if !last.hasSuffix("s") || last.hasSuffix("ss"), next < tokens.count, Self.accessoryNouns.contains(tokens[next].text),
               let thing = categoryPhrases.first(where: { $0.range.lowerBound == next })?.range,
               thing.upperBound == tokens.count || phraseEnders.contains(tokens[thing.upperBound].text) {
                // A phrase may name several categories ("camera": the catalog's "Cameras" and "camera").
                let named = categoryPhrases.filter { $0.range.lowerBound >= range.lowerBound && $0.range.upperBound <= thing.upperBound }
                result.categories.removeAll { category in named.contains { $0.name == category } }
                let words = tokens[range.lowerBound..<thing.upperBound].map(\.text).filter { !Lexicon.keywordStopwords.contains($0) }
                result.keywords.insert(contentsOf: words.filter { !result.keywords.contains($0) }, at: 0)
                return true
            }
            guard !last.hasSuffix("s") || last.hasSuffix("ss"), next < tokens.count, !consumed[next],
                  tokens[next].number == nil else { continue }
            let noun = tokens[next].text
            guard result.keywords.contains(noun), Lexicon.commonEnglishWords.contains(noun), !sameProductNouns.contains(noun),
                  !standInNouns.contains(noun), !genericNouns.contains(noun), !qualityWords.contains(noun),
                  !describingEndings.contains(where: noun.hasSuffix),
                  next + 1 == tokens.count || consumed[next + 1] || phraseEnders.contains(tokens[next + 1].text)
            else { continue }
            // Every category the phrase names ("laptop": the catalog's "Laptops" and "laptops").
            let named = categoryPhrases.filter { $0.range == range }.map(\.name)
            result.categories.removeAll(where: named.contains)
            if !result.weakCategories.contains(name) { result.weakCategories.insert(name, at: 0) }
            // Searched for by its whole name: a desk lamp, not any lamp (nor, widened, any desk:
            // the reply then says none is named so).
            let companion = tokens[range].map(\.text).filter { !result.keywords.contains($0) && !Lexicon.keywordStopwords.contains($0) }
            result.keywords.insert(contentsOf: companion, at: result.keywords.firstIndex(of: noun) ?? 0)
            return true
        }
        return false
    }

    /// "A formal watch": a category named by a describing word (`describingEndings`: the shared
    /// data's "footwear > formal") right before another category's name that ends the thing's
    /// name says which kind of that category, as "sleeping" of "sleeping bags" does: the category
    /// is the second's, the word a kind word searched for. Before, the first category named won,
    /// and "a formal watch for men" listed formal shoes. So is it said elsewhere in the message
    /// ("a perfume for my girlfriend, something floral", where the catalog has "floral" flowers:
    /// before, the word was dropped). Unless the first category's listings use the other's
    /// word: "formal shoes" are the catalog's formal ones, not sneakers.
    static func movesDescribingCategory(_ tokens: [Token], _ categoryPhrases: [(name: String, range: Range<Int>)],
                                        listingWords: [String: Set<String>], _ result: inout Extraction) {
        for (_, range) in categoryPhrases where range.count == 1 {
            let word = tokens[range.lowerBound].text, next = range.upperBound
            guard describingEndings.contains(where: word.hasSuffix) else { continue }
            let describing = categoryPhrases.filter { $0.range == range }.map(\.name)
            let adjacent = categoryPhrases.first(where: { $0.range.lowerBound == next }).map(\.range).flatMap { thing in
                thing.upperBound == tokens.count || phraseEnders.contains(tokens[thing.upperBound].text) ? thing : nil
            }
            guard let thing = adjacent ?? categoryPhrases.first(where: { phrase in
                !phrase.range.overlaps(range) && !describing.contains(phrase.name)
                    && !describingEndings.contains { tokens[phrase.range.upperBound - 1].text.hasSuffix($0) }
            })?.range else { continue }
            let named = categoryPhrases.filter { $0.range == thing }.map(\.name)
            let thingWords = tokens[thing].map(\.text)
            guard !named.contains(where: describing.contains), !describing.contains(where: { category in
                listingWords[category.lowercased()].map { words in
                    thingWords.contains { WordForms.contains(words, eitherNumberOf: $0) }
                } ?? false
            }) else { continue }
            result.categories.removeAll { describing.contains($0) && !named.contains($0) }
            if !result.keywords.contains(word) { result.keywords.insert(word, at: 0) }
            if !result.kindWords.contains(word) { result.kindWords.insert(word, at: 0) }
            return
        }
    }

    /// Colours named after a drink, and the things for the drink that follow them: "wine
    /// glasses" are glasses for wine (before, burgundy glasses), as "a wine rack" is a rack for it.
    private static let drinkColors: Set<String> = ["wine", "champagne", "coffee", "chocolate"]
    private static let drinkware: Set<String> = [
        "glass", "glasses", "rack", "racks", "opener", "openers", "cooler", "coolers", "fridge", "bottle", "bottles", "decanter",
        "aerator", "stopper", "stoppers", "chiller", "cabinet", "flute", "flutes", "mug", "mugs", "maker", "makers", "grinder",
        "cup", "cups", "set", "bar", "tumbler", "tumblers",
    ]

    /// Whether the colour word at `index` names a drink that the next word is a thing for.
    static func namesDrinkware(after index: Int, in tokens: [Token]) -> Bool {
        drinkColors.contains(tokens[index].text) && index + 1 < tokens.count && drinkware.contains(tokens[index + 1].text)
    }

    /// Whether the token at `index` is one of a name of two to four words right after "by" ("by
    /// agatha christie"), none of them a number or a word that ends a phrase. One word after "by"
    /// may still be a typo of a brand's name ("headphnes by sonny").
    static func followsBy(_ index: Int, in tokens: [Token]) -> Bool {
        func isNameWord(_ token: Token) -> Bool {
            token.number == nil && token.text != "by" && !phraseEnders.contains(token.text)
                && !Lexicon.keywordStopwords.contains(token.text)
        }
        var start = index
        while start > 0, index - start < 4, isNameWord(tokens[start - 1]) { start -= 1 }
        guard start > 0, tokens[start - 1].text == "by" else { return false }
        var end = start
        while end < tokens.count, end - start < 4, isNameWord(tokens[end]) { end += 1 }
        return end - start >= 2
    }

    /// The words after "by" that no name took, up to four ("something by agatha christie",
    /// "books by tolkien under 20"): an author when the search is for books
    /// (`EmbeddedInterpreter.merge`), else keywords as any unknown words.
    static func nameAfterBy(_ tokens: [Token], consumed: [Bool]) -> [String] {
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
}
