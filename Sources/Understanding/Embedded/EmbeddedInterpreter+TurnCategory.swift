import Shared

// build_requirement_spec, its first step: which category a turn names, and whether an ordinary
// word that is also a brand's name ("instant", "slim fit") names the brand or is a word searched
// for. `merge` (EmbeddedInterpreter+Merge.swift) starts from it.
extension EmbeddedInterpreter {
    /// The category the turn asks for (`nil` when it names none), with `said` adjusted to it: a
    /// spec's noun ("16gb ram") names one only when nothing else does, a genre or an author's name
    /// asks for books, "more ram for my pc" for the part, a use narrows shoes to running shoes, and
    /// a number said "in 32" is a size of sized things.
    func category(of said: inout Extraction, previous: RequirementSpec?, turn: TurnContext) -> String? {
        // "Quiet switches" after keyboards: a word the category's listings use names a part or a
        // kind of its products, which refines the search (before, a search for switches anywhere).
        if said.asksForUnknownThing, let noun = said.keywords.first, let category = previous?.category,
           listingsUse(noun, in: category) {
            said.asksForUnknownThing = false
        }
        // "A floral one", "something floral" after perfumes: a category's name said of the thing
        // discussed is a word of its kind, "floral perfumes" (before, floral bouquets). "A gaming
        // one" after laptops: a gaming laptop (before, the Gaming department).
        if previous?.category != nil, said.categories.count == 1, let word = Self.describingWord(in: turn.utterance),
           Lexicon.normalize(said.categories[0]) == word {
            said.categories = []
            if !said.keywords.contains(word) { said.keywords.append(word) }
        }
        // "15 inch laptop" after "a backpack for my laptop": the laptop it must hold (before, a
        // search for laptops), whose size `amountKey` says as the backpack states it.
        if let previous, let holder = previous.category, said.categories.count == 1,
           let feature = Lexicon.companionFeatures[holder.lowercased()]?[said.categories[0].lowercased()],
           previous.features.contains(feature), said.attributes["screen_size"] != nil {
            said.categories = []
        }
        // "16gb ram" names a category only when nothing else does, now or before; "for my desk"
        // after an unknown thing ("a lamp") names what it goes with, not what is wanted.
        // "A gaming monitor" in a catalog with a "Gaming" department: the use names no category when
        // another one is named (before, gaming speakers and mice for "a gaming monitor with 144hz").
        var category = said.categories.first { said.categories.count == 1 || !Self.isNamed($0, by: said.useCase) }
            ?? (previous?.category == nil && !said.asksForUnknownThing ? said.weakCategories.first : nil)
        if let category, let kinds = said.weakKindWords[category] {
            for word in kinds where !said.keywords.contains(word) { said.keywords.append(word) }
            for word in kinds where !said.kindWords.contains(word) { said.kindWords.append(word) }
        }
        // "A mystery", "something horror": a genre is of books, unless something else is named;
        // so is "something by charlotte bronte": of the catalog's products, only books are by a
        // person (a brand said after "by" is a brand).
        if category == nil, previous?.category == nil, said.attributes["genre"] != nil || Self.isPersonsName(said.nameAfterBy),
           let books = vocabulary.categories.first(where: { $0.name.lowercased() == "books" }) {
            category = books.name
        }
        // "I need more ram for my pc": the part itself, when nothing names what it goes in (before,
        // "which kind of product?"); how much more is then no amount of it.
        if category == nil, previous?.category == nil {
            for case .moreOf(let key) in said.refinements {
                guard let part = extractor.lexicon.category(namedBy: key) else { continue }
                category = part
                said.refinements.remove(.moreOf(key))
                break
            }
        }
        // "A backpack for my laptop", "ram for my pc": what the product goes with.
        if let kind = category ?? previous?.category { addCompanionWishes(to: &said, category: kind, utterance: turn.utterance) }
        // Sneakers, or shoes, for running are running shoes: "shoes first" after "i want to start
        // running, what do i need?" (before, every kind of shoe).
        let use = said.useCase ?? (previous?.category == nil ? previous?.useCase : nil)
        if use == "running", let running = runningShoes(narrowing: category) { category = running }
        // "Running shoes for trails": trail running shoes, as "trail running shoes" asks (before,
        // running shoes for hiking, which no running shoe mentions).
        if said.useCase == "hiking", (category ?? previous?.category)?.lowercased() == "running shoes" {
            said.useCase = nil
            if !said.keywords.contains("trail") {
                said.keywords.append("trail")
                said.kindWords.append("trail")
            }
        }
        let knowledge = category.flatMap { extractor.lexicon.knowledge[$0.lowercased()] }
        // "In 32" of jeans or shoes: a size, not a model number's keyword or a budget.
        if let size = said.numberMaybeSize, said.attributes["size"] == nil,
           (knowledge ?? previous?.category.flatMap { extractor.lexicon.knowledge[$0.lowercased()] })?.isSized == true {
            said.attributes["size"] = size
            said.keywords.removeAll { $0 == size }
            said.bareNumbers.removeAll { Tokenizer.formatNumber($0) == size }
        }
        if let capacity = said.pendingCapacity, said.attributes["ram"] == nil || said.attributes["storage"] == nil {
            let text = Tokenizer.formatNumber(capacity.value) + capacity.unit
            let categoryName = (category ?? previous?.category)?.lowercased() ?? ""
            let isStorage = capacity.unit == "TB" || capacity.value >= 128
                || ["phones", "tablets", "storage"].contains(categoryName)
            if isStorage {
                if said.attributes["storage"] == nil { said.attributes["storage"] = text }
            } else if said.attributes["ram"] == nil {
                said.attributes["ram"] = text
            }
        }
        // "An external hard drive": a word said with the category that, before its name, names a
        // narrower category of the catalog ("External Storage" in "Storage") asks for that one.
        // Before, every drive of "Storage", the internal ones too.
        if let broad = category { category = narrowerCategory(of: broad, qualifiedBy: said.keywords) ?? broad }
        readOrdinaryWordBrands(in: &said, category: category ?? previous?.category)
        return category
    }

    /// The word that describes the thing discussed in "a floral one", "something floral",
    /// "something more formal": the message's only word besides the article, "more" and "one", or
    /// after "something".
    static func describingWord(in utterance: String) -> String? {
        guard utterance.utf8.count <= 40 else { return nil }  // most messages: no split
        var words = WordForms.words(utterance)
        if words.count > 2, words[words.count - 2] == "more" || words[1] == "more" {
            words.remove(at: words[1] == "more" ? 1 : words.count - 2)
        }
        switch words.count {
        case 2 where words[0] == "something": return words[1]
        case 2 where SpecExtractor.oneWords.contains(words[1]): return words[0]
        case 3 where ["a", "an", "the"].contains(words[0]) && SpecExtractor.oneWords.contains(words[2]): return words[1]
        default: return nil
        }
    }

    /// Whether the listings of `category`, or of a category under it, use `word` in either number:
    /// "apples" after groceries, whose fruits' listings say "apple" (before, a search of every
    /// category for "apples", which found iPad covers).
    func listingsUse(_ word: String, in category: String) -> Bool {
        let listingWords = extractor.lexicon.listingWords, name = category.lowercased()
        if let words = listingWords[name], WordForms.contains(words, eitherNumberOf: word) { return true }
        return vocabulary.categories.contains { under in
            Self.path(under.path, isUnder: category)
                && listingWords[under.name.lowercased()].map { WordForms.contains($0, eitherNumberOf: word) } == true
        }
    }

    /// Whether a category filed at `path` is under the category named `broader` (one of the
    /// departments before its own name).
    static func path(_ path: [String], isUnder broader: String) -> Bool {
        let broader = broader.lowercased()
        return path.dropLast().contains { $0.lowercased() == broader }
    }

    /// Whether the catalog files `category` under the category named `broader`.
    func isCategory(_ category: String, under broader: String) -> Bool {
        extractor.lexicon.knowledge[category.lowercased()].map { Self.path($0.path, isUnder: broader) } ?? false
    }

    /// The category under `category` named by one of `words` before its name, if the catalog has it.
    func narrowerCategory(of category: String, qualifiedBy words: [String]) -> String? {
        guard !words.isEmpty else { return nil }
        let name = Lexicon.normalize(category)
        for word in words {
            guard let narrower = extractor.lexicon.category(namedBy: "\(word) \(name)"), narrower != category,
                  isCategory(narrower, under: category) else { continue }
            return narrower
        }
        return nil
    }

    /// "Fully modular", "an instant camera", "a core i7 laptop", "hunter green": an ordinary word
    /// that is also a brand's name names the brand of a category it makes, or said alone
    /// ("champion" after hoodies); otherwise it is a word searched for (before, the brand Fully
    /// for a power supply, and Instant's pots for an instant camera).
    private func readOrdinaryWordBrands(in said: inout Extraction, category: String?) {
        let saysNothingElse = said.categories.isEmpty && said.weakCategories.isEmpty && said.keywords.isEmpty
            && said.attributes.isEmpty && said.features.isEmpty && said.useCase == nil
        for (brand, word) in said.ordinaryWordBrands.sorted(by: { $0.key < $1.key }) {
            let makes = extractor.lexicon.ordinaryWordBrands[brand] ?? []
            let phrase = word.split(separator: " ").map(String.init)
            // The catalog narrows by a category's words: "Storage" is "Internal Storage" too.
            let isMeant = saysNothingElse || makes.isEmpty || category.map { category in
                let words = Set(WordForms.words(category))
                // "Slim fit" of jeans, where a brand "Slim Fit" sells jeans too: words the
                // category's listings use, a cut, not the brand.
                if phrase.count > 1, let used = extractor.lexicon.listingWords[category.lowercased()],
                   phrase.allSatisfy(used.contains) {
                    return false
                }
                return makes.contains { Set(WordForms.words($0)).isSuperset(of: words) }
            } ?? false
            guard !isMeant else { continue }
            said.brands.removeAll { $0 == brand }
            for part in phrase where !said.keywords.contains(part) { said.keywords.append(part) }
        }
        said.ordinaryWordBrands = [:]
    }
}
