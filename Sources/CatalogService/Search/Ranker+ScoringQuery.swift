import Shared

// What the ranker's scoring needs of a spec, worked out once per ranking: apart from how each
// candidate is scored.
extension Ranker {
    /// What scoring needs of the spec, worked out once per ranking rather than per candidate.
    struct ScoringQuery {
        /// The shopper's words (`queryTokens`).
        var tokens: [String]
        /// Each feature's words, with the feature as a reason reads, its other words
        /// (`featureSynonyms`) and whether it is `onSaleFeature`.
        var features: [(words: [String], reason: String, synonyms: [[String]], isOnSale: Bool)]
        /// Each wanted attribute (sorted by key) with its match reason.
        var attributes: [(wanted: WantedAttribute, reason: String)]
        /// "under $1,000", "between $250 and $600", "over $50"; `nil` without a budget.
        var budgetReason: String?
        /// The keywords' words that say which kind of product of the category is wanted
        /// ("espresso" of the query "espresso coffee makers"): those the query has too, but
        /// neither the category's words nor the use case's nor a noun for any product. Keywords
        /// the query leaves out ("waist 32") are searched, but name no kind. A title with all of
        /// them names that kind. A category the catalog does not know names the kind by its last word
        /// and that word's synonyms when no keyword does ("tent" of "Tents": a catalog that files its tents under
        /// "outdoors > camping" listed a backpack, and shirts by the brand "People" for "a tent
        /// for 2 people", before them).
        var kindWords: [String]
        /// Whether a title names the kind only with every one of `kindWords` (they are the words of
        /// the shopper's kind: "hard drive", where "drive" alone made pen drives one), or with any
        /// (they are a name's synonyms).
        var kindNeedsEveryWord = true
        /// Of a thing searched for by name, with no category (`kindWords` of two words or more):
        /// its head noun as `SearchService.nameHead` found it ("cooker" of "rice cooker", "case"
        /// of "iphone 15 case"). Titles with it rank after those with every kind word and before
        /// the rest, so the closest to a thing the catalog lacks are of its kind (before, "Rice"
        /// and "Rice Lights" for a rice cooker, with pressure cookers stocked).
        var kindHead: String?
        /// The positions in `attributes` of the amounts asked for, of which more serves as well
        /// ("4 person", "16GB").
        var amountIndices: [Int]
        /// The measure the spec asks to rank by ("the biggest"), which is no attribute wanted.
        var order: OrderedMeasure?
        /// Keys of the measures bounded in their units ("weight" of `"weight_max": "10 lb"`): a
        /// product that states one says so in its reasons ("weighs 6 lb 5 oz"), as it met the bound.
        var measuredBoundKeys: [String]
        /// Whether the shopper's words only name the category ("graphics cards"), with features,
        /// brands or a colour asked: every product of it matches the name, and the rest have
        /// reasons of their own.
        var namesOnlyCategory: Bool
        /// Whether the spec asks for a use ("fitness").
        var asksForUse: Bool
        /// `tokens`' other words, in their order: a use's (`useSynonyms`: "gym" of "fitness"), else a
        /// keyword's other forms (`wordFamily`: "vlogger", "vlog" of "vlogging"); empty for most words.
        var tokenOtherWords: [[String]]
        /// Whether each of `tokens` is a word of the use, found with them, and how many are.
        var tokenIsUse: [Bool]
        var useTokenCount: Int
        /// The use's words that are not among `tokens` (a spec whose query leaves the use out),
        /// each with its other words.
        var useWordsOutsideQuery: [[String]]
        /// Whether each of `tokens` is a keyword's word that nothing else ranks by: not the
        /// category's, a feature's, the use's or a brand's.
        var tokenIsKeyword: [Bool]

        init(spec: RequirementSpec, rates: CurrencyRates? = nil, categoryIsKnown: Bool = true, nameHead: String? = nil) {
            tokens = Ranker.queryTokens(of: spec)
            features = spec.features.map { feature in
                let reason = feature.trimmingWhitespace.lowercased()
                return (Ranker.tokens(feature), reason, Ranker.featureSynonyms[reason] ?? [], reason == Ranker.onSaleFeature)
            }
            let categoryWords = Set(Ranker.tokens(spec.category ?? ""))
            // The features, colour and brands asked have reasons of their own ("programmable
            // coffee makers" says nothing "programmable" does not).
            let saidOtherwise = categoryWords.union(features.flatMap(\.words)).union(spec.brands.flatMap(Ranker.tokens))
                .union(Ranker.tokens(spec.attributes["color"] ?? ""))
            namesOnlyCategory = !categoryWords.isEmpty && tokens.allSatisfy(saidOtherwise.contains)
            // The use's words, each with the words listings say it with.
            let useWords = Ranker.tokens(spec.useCase ?? "").map { [$0] + (Ranker.useSynonyms[$0] ?? []) }
            let tokens = self.tokens
            asksForUse = !useWords.isEmpty
            tokenIsUse = tokens.map { token in useWords.contains { $0[0] == token } }
            useTokenCount = tokenIsUse.count(where: { $0 })
            useWordsOutsideQuery = useWords.filter { !tokens.contains($0[0]) }
            let allKeywordWords = Set(spec.keywords.flatMap(Ranker.tokens))
            let keywordWords = allKeywordWords.subtracting(saidOtherwise)
                .subtracting(useWords.flatMap { $0 })
            tokenIsKeyword = tokens.map(keywordWords.contains)
            // Other forms only of a keyword's word: the category's, a feature's and a use's have
            // synonyms of their own.
            let isKeyword = tokenIsKeyword
            tokenOtherWords = tokens.indices.map { index in
                let useSynonyms = Ranker.useSynonyms[tokens[index]] ?? []
                return useSynonyms.isEmpty && isKeyword[index] ? Ranker.wordFamily(tokens[index]) : useSynonyms
            }
            let notKind = categoryWords.union(Ranker.tokens(spec.useCase ?? "")).union(Ranker.genericNouns)
            let queryWords = Set(Ranker.tokens(spec.query ?? ""))
            kindWords = Array(allKeywordWords.intersection(queryWords).subtracting(notKind)).sorted()
            // The kind's words rank by their own tier (`namesKind`), all of them together: one of
            // them alone is no keyword found ("drive" of "hard drive" put a $79.98 "Portable Drive"
            // before a $69 one in "the cheapest external hard drive").
            if !kindWords.isEmpty {
                let kinds = Set(kindWords)
                tokenIsKeyword = tokens.map { keywordWords.contains($0) && !kinds.contains($0) }
            }
            if kindWords.count > 1, let nameHead, kindWords.contains(nameHead) { kindHead = nameHead }
            if kindWords.isEmpty, !categoryIsKnown, let noun = Ranker.tokens(spec.category ?? "").last,
               !Ranker.genericNouns.contains(noun) {
                kindWords = CategoryVocabulary.oneWordNames(of: noun)
                kindNeedsEveryWord = false
            }
            // Size bounds are constraints (`SizeBound`) and orders a tier (`OrderedMeasure`), not
            // attributes a product has.
            let attributes = spec.attributes.filter {
                Ranker.sizeBound(name: $0.key, value: $0.value) == nil && $0.key != Ranker.excludedColorKey
                    && !RequirementSpec.constraintKeys.contains($0.key)
                    && MeasureOrder(value: $0.value) == nil
            }
                .sorted(by: { $0.key < $1.key }).map { key, wanted in
                (wanted: WantedAttribute(key: key, value: wanted), reason: AttributeName.reason(key: key, value: wanted))
            }
            self.attributes = attributes
            amountIndices = attributes.indices.filter { attributes[$0].wanted.quantity != nil }
            order = OrderedMeasure(spec: spec, rates: rates)
            measuredBoundKeys = Array(Set(Ranker.sizeBounds(of: spec).filter(\.isMeasured).map(\.key))).sorted()
            let currency = spec.budget.currency
            budgetReason = switch (spec.budget.min, spec.budget.max) {
            case (let min?, let max?):
                "between \(CurrencyRates.format(min, currency: currency)) and \(CurrencyRates.format(max, currency: currency))"
            case (nil, let max?): "under \(CurrencyRates.format(max, currency: currency))"
            case (let min?, nil): "over \(CurrencyRates.format(min, currency: currency))"
            case (nil, nil): nil
            }
        }
    }
}
