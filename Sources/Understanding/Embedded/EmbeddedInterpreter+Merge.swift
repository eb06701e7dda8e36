import Shared

// build_requirement_spec: what one turn said (`Extraction`) merged into the search so far. A new
// category (which one a turn names: EmbeddedInterpreter+TurnCategory.swift) starts a new search;
// otherwise each part of the turn refines its own part of the spec (the budget, the brands, the
// attributes and orders, the words searched), and what is still missing is worked out last.
extension EmbeddedInterpreter {
    /// The spec after this turn: `said` merged into `previous` (`nil` before any search).
    /// - Parameter tokens: the turn's words, as `said` was read from them.
    func merge(_ said: Extraction, into previous: RequirementSpec?, turn: TurnContext, tokens: [Token]) -> RequirementSpec {
        var said = said
        let category = category(of: &said, previous: previous, turn: turn)
        var spec: RequirementSpec
        var startsNewSearch = false
        // A spec without a category either awaits the answer to "which kind of product?", which
        // completes it, or was searched for by name ("a doll"), which a category replaces.
        let awaitsCategory = previous?.missingFields.contains("category") == true
        // "A doll for my niece" after headphones asks for another thing, not for doll headphones.
        // "What do you have for running?" after a search by name ("a gift … who likes coffee"),
        // even one still waiting for its category: it names what to look for now.
        let asksForAnotherUse = said.asksForUse && previous?.category == nil
        // "A motherboard for a ryzen 7 7800x3d" typed after a misheard voice note's "which kind of
        // ride product?": the request said again, by the thing it named, replaces the one waiting
        // (before, "ride" stayed and the search was for "motherboard ride").
        let restates = awaitsCategory && said.asksForUnknownThing
            && said.keywords.first.map { previous?.keywords.contains($0) == true } == true
        let asksAnew = category == nil && (said.asksForUnknownThing && !awaitsCategory || asksForAnotherUse || restates)
        if let previous, !asksAnew,
           (previous.category == nil && awaitsCategory) || category == nil || previous.category == category {
            spec = previous
        } else {
            // A different category starts a new search: the old category's details do not carry over.
            spec = RequirementSpec()
            startsNewSearch = true
        }
        if let category { spec.category = category }
        // "For running" after shoes narrows the same search to running shoes (before, sneakers
        // stayed among them); its size and the rest carry over.
        if category == nil, !startsNewSearch, said.useCase == "running", let running = runningShoes(narrowing: spec.category) {
            spec.category = running
        }

        // "A cheaper one with the same storage": the amount the product talked about has (before,
        // a search for storage drives), and cheaper than it.
        let sameAs = said.sameParts.isEmpty ? nil
            : ProductQuestion.productDiscussed(in: turn.history, among: turn.lastShown) ?? turn.lastShown.first
        if let sameAs {
            for part in said.sameParts {
                guard let (key, amount) = Self.amount(of: part, statedIn: sameAs.title) else { continue }
                said.attributes[key] = amount
            }
        }
        // "Is there one with more?" after "how much storage does it have?": more of what was asked
        // (before, the next page), and, as "one with more storage" then, more than that product has
        // (before, more than every product shown).
        var amountComparedWith: (asked: String?, shown: [ProductResult])? = nil
        let saysNothingElse = said.refinements.isEmpty && said.features.isEmpty && said.keywords.isEmpty && said.attributes.isEmpty
        if !startsNewSearch, saysNothingElse || said.refinements.contains(where: \.isMoreOf),
           let asked = Self.measureAskedLast(in: turn) {
            let key = asked.question.keys.first { AmountStep.measures[$0] != nil }
            if saysNothingElse, Tokenizer.tokenize(turn.utterance).contains(where: { Self.moreWords.contains($0.text) }) {
                // A measure without usual steps ("how many pieces does it have?"): the most of it first.
                if let key { said.refinements.insert(.moreOf(key)) } else { said.attributes[asked.question.keys[0]] = "most" }
            }
            if asked.isAboutOne, let key, said.refinements.contains(.moreOf(key)),
               let discussed = ProductQuestion.productDiscussed(in: turn.history, among: turn.lastShown),
               let step = AmountStep.measures[key] {
                let amount = Self.amount(of: key, statedIn: discussed.title)?.value ?? step.stated(in: discussed.title).map(step.written)
                amountComparedWith = (amount, amount == nil ? [discussed] : [])
            }
        }
        // A shown product named as a wish: others like it, or never it again.
        let liked = mergeShownProductWishes(&said, into: &spec, startsNewSearch: startsNewSearch, turn: turn, tokens: tokens)
        // "Like the first but with more ram": more than it has (before, more than every one shown).
        if let liked, amountComparedWith == nil, said.refinements.contains(where: \.isMoreOf) { amountComparedWith = (nil, [liked]) }
        // "Something lighter": than the products shown (or the one liked), when they state weights.
        if said.features.contains("lightweight"), !startsNewSearch, Self.comparesWeight(tokens),
           lighten(&spec, than: liked.map { [$0] } ?? Self.shownOfWantedKind(turn.lastShown, spec: spec), said: said.attributes) {
            said.features.removeAll { $0 == "lightweight" }
        }
        mergeBudget(said, into: &spec, previous: previous, startsNewSearch: startsNewSearch, turn: turn, sameAs: sameAs ?? liked)
        Self.mergeBrands(said, into: &spec, previous: previous, startsNewSearch: startsNewSearch)
        mergeWishes(&said, into: &spec, category: category, startsNewSearch: startsNewSearch, turn: turn,
                    amountComparedWith: amountComparedWith)
        mergeWords(said, into: &spec, previous: previous)
        // "A winter jacket for my daughter, she is 12": a child's things are girls' (before, men's
        // and women's jackets came among them without a word). So are kids' shoes "for a boy", once
        // a search was for kids (before, the same search's next page); a son or a daughter alone
        // may be grown up.
        let isForChild = spec.attributes["age"].flatMap(Double.init).map { $0 < 13 }
            ?? (previous?.keywords.contains(where: ProductResult.childrenTitleWords.contains) == true)
        if spec.attributes["gender"] == nil, isForChild, let gender = Self.childsGender(tokens) {
            spec.attributes["gender"] = gender
        }
        // A floor above the ceiling finds nothing, and the catalog refuses it: the ceiling stays,
        // the bound shoppers name most ("more than 1000 watch under 200 dollars", a voice note's
        // "watts" heard as "watch", asked for blenders over $1,000 and under $200, and the turn
        // failed).
        if let low = spec.budget.min, let high = spec.budget.max, low > high { spec.budget.min = nil }
        spec.missingFields = missingFields(of: spec, said: said, previous: previous, startsNewSearch: startsNewSearch)
        // The kind of the category asked for stays in the query while the category does.
        let keptKind = startsNewSearch ? [] : Self.kindWords(of: previous)
        // "Trail running" of running shoes: a kind of the category the use names.
        let qualifiers = !said.useQualifiers.isEmpty && spec.category.map { Self.isNamed($0, by: spec.useCase) } == true
            ? said.useQualifiers : []
        let kind = (keptKind + said.kindWords + qualifiers).filter(spec.keywords.contains)
            .reduce(into: [String]()) { kept, word in if !kept.contains(word) { kept.append(word) } }
        spec.query = Self.query(for: spec, kind: kind)
        spec.confidence = Self.confidence(spec, said)
        return spec
    }

    /// "boys" or "girls" when the words name a child of one ("my son", "her niece"), else `nil`.
    static func childsGender(_ tokens: [Token]) -> String? {
        let boys = tokens.contains { ["son", "sons", "boy", "boys", "nephew", "grandson"].contains($0.text) }
        let girls = tokens.contains { ["daughter", "daughters", "girl", "girls", "niece", "granddaughter"].contains($0.text) }
        return boys == girls ? nil : boys ? "boys" : "girls"
    }

    /// The budget after the turn: a budget said, a bare number answering "what's your budget?", a
    /// bound moved ("actually make that 1000"), a mid-range, or "cheaper" / "pricier" than the
    /// products shown (the brands this turn names, else the search's).
    /// - Parameter sameAs: the product "a cheaper one with the same storage" is compared with.
    private func mergeBudget(_ said: Extraction, into spec: inout RequirementSpec, previous: RequirementSpec?, startsNewSearch: Bool,
                             turn: TurnContext, sameAs: ProductResult?) {
        if let pounds = poundsOfWeight(said, category: spec.category, turn: turn) {
            spec.attributes["weight_max"] = Tokenizer.formatNumber(pounds) + " lb"
            return
        }
        let comparedBrands = !said.brands.isEmpty ? said.brands : said.refinements.contains(.clearBrands) ? [] : spec.brands
        let comparedGender = said.attributes["gender"] ?? spec.attributes["gender"]
        if said.refinements.contains(.clearBudget) {
            spec.budget = RequirementSpec.Budget(currency: spec.budget.currency)
        }
        // A shown product's price in the budget's currency, as the catalog converts it: a list may
        // mix rupees and dollars (before, "cheaper" than a ₹350 and a $49.99 product was under $44).
        let currency = said.currency ?? spec.budget.currency
        func price(_ product: ProductResult) -> Double { vocabulary.rates.price(of: product, in: currency) }
        if said.hasBudget {
            spec.budget = RequirementSpec.Budget(min: said.minPrice, max: said.maxPrice,
                                                 currency: said.currency ?? spec.budget.currency)
        } else if previous?.missingFields.contains("budget") == true, !startsNewSearch,
                  !said.refinements.contains(.clearBudget), let amount = said.bareNumbers.first {
            // The answer to "what's your budget?" can be a bare number.
            spec.budget = RequirementSpec.Budget(max: amount, currency: said.currency ?? spec.budget.currency)
        } else if !startsNewSearch, said.refinements.contains(.replace) || said.refinements.contains(.append),
                  let amount = said.bareNumbers.first,
                  let bound = spec.budget.max ?? spec.budget.min, amount >= bound / 5, amount <= bound * 5 {
            // "Actually make that 1000" after "under 800", "or maybe 250" after "200 max": the same
            // bound, moved (before, the next page under $800). A number far from it is no price
            // ("how about 65?" of TVs).
            if spec.budget.max != nil { spec.budget.max = amount } else { spec.budget.min = amount }
        } else if said.refinements.contains(.midRange),
                  let examples = spec.category.flatMap({ extractor.lexicon.knowledge[$0.lowercased()] })?.budgetExamples,
                  examples.count >= 2 {
            // "A mid-range phone": between the category's usual low and middle prices ($300–$700).
            spec.budget = RequirementSpec.Budget(min: Double(examples[0]), max: Double(examples[1]), currency: spec.budget.currency)
        } else if said.refinements.contains(.cheaper) {
            // "Like the second one but cheaper": cheaper than that one (before, than every one shown).
            let shown = (sameAs ?? Self.productNamedByPlace(in: turn)).map { [price($0)] }
                ?? Self.shownPriced(turn.lastShown, spec: spec, brands: comparedBrands, gender: comparedGender).map(price)
            if let cheapest = shown.min() {
                // Whole units, or cents under 10: 90 % of a $1.98 phone holder is $1.78, not $1.
                let ceiling = cheapest * 0.9
                spec.budget.max = ceiling >= 10 ? ceiling.rounded(.down) : (ceiling * 100).rounded(.down) / 100
                if let min = spec.budget.min, let max = spec.budget.max, min >= max { spec.budget.min = nil }
            } else if let ceiling = spec.budget.max {
                spec.budget.max = (ceiling * 0.8).rounded(.down)
            } else {
                spec.sort = .priceAscending
            }
        } else if said.refinements.contains(.pricier) {
            let shown = Self.productNamedByPlace(in: turn).map { [price($0)] }
                ?? Self.shownPriced(turn.lastShown, spec: spec, brands: comparedBrands, gender: comparedGender).map(price)
            if let dearest = shown.max() ?? spec.budget.max {
                spec.budget.min = dearest.rounded(.down)
                spec.budget.max = nil
            } else {
                spec.sort = .priceDescending
            }
        }

    }

    /// The shown products "cheaper" and "pricier" compare with (`shownCompared`); only the first
    /// when the search named its thing without a category of the catalog and none of them is
    /// named so (`wantedKind`), as the reply offered them ("These 3 are the closest"), the
    /// closest first. Before, "a cheaper one" after a $29.99 iPhone case and ₹164 phone holders
    /// that filled up the list was under $1. Products of a category are all of it.
    static func shownPriced(_ shown: [ProductResult], spec: RequirementSpec, brands: [String], gender: String?) -> [ProductResult] {
        let compared = shownCompared(shown, brands: brands, gender: gender, features: spec.features)
        guard spec.category == nil, let wanted = wantedKind(spec), let first = compared.first,
              !compared.contains(where: { product($0, isOf: wanted) }) else { return compared }
        return [first]
    }

    /// The shown product the turn names by its place in the list ("the second one", "#3"), if any.
    static func productNamedByPlace(in turn: TurnContext) -> ProductResult? {
        guard !turn.lastShown.isEmpty else { return nil }
        let tokens = Tokenizer.tokenize(turn.utterance)
        return tokens.indices.lazy.compactMap { index in
            ProductQuestion.place(namedAt: index, in: tokens, text: turn.utterance, shownCount: turn.lastShown.count)
        }.first { $0 < turn.lastShown.count }.map { turn.lastShown[$0] }
    }

    /// "A tent under 10 pounds": a weight in pounds, when the word names less money than a
    /// quarter of the category's lowest usual budget (a tent's $100); "a tent under 100 pounds"
    /// stays £100, and "£10" or "10 quid" money. `nil` for any other turn.
    private func poundsOfWeight(_ said: Extraction, category: String?, turn: TurnContext) -> Double? {
        guard said.currency == "GBP", said.minPrice == nil, let pounds = said.maxPrice,
              let lowest = category.flatMap({ extractor.lexicon.knowledge[$0.lowercased()] })?.budgetExamples.first,
              pounds <= Double(lowest) / 4 else { return nil }
        let words = Tokenizer.tokenize(turn.utterance).map(\.text)
        guard words.contains(where: { $0 == "pounds" || $0 == "pound" }),
              !words.contains(where: { ["£", "gbp", "quid", "sterling"].contains($0) }) else { return nil }
        return pounds
    }

    /// The brands after the turn: those said replace the search's (or join them after "also",
    /// "or"), and those denied are never wanted.
    private static func mergeBrands(_ said: Extraction, into spec: inout RequirementSpec, previous: RequirementSpec?,
                                    startsNewSearch: Bool) {
        if said.refinements.contains(.clearBrands) { spec.brands = [] }
        if !said.brands.isEmpty {
            if said.refinements.contains(.append) && previous != nil && !startsNewSearch {
                for brand in said.brands where !spec.brands.contains(brand) { spec.brands.append(brand) }
            } else {
                spec.brands = said.brands
            }
            spec.excludedBrands.removeAll { said.brands.contains($0) }
        }
        for brand in said.excludedBrands where !spec.excludedBrands.contains(brand) {
            spec.excludedBrands.append(brand)
        }
        spec.brands.removeAll { spec.excludedBrands.contains($0) }
        // "Nvidia only": the brands a filter until none is asked for (a new search starts without).
        if said.brandsOnly, !spec.brands.isEmpty { spec.attributes[RequirementSpec.brandsOnlyKey] = "yes" }
        if spec.brands.isEmpty { spec.attributes[RequirementSpec.brandsOnlyKey] = nil }
    }

    /// The attributes, amounts, orders, features, use, condition and sort after the turn.
    /// - Parameter amountComparedWith: what "is there one with more?" compares with, when it asks
    ///   of one product discussed.
    private func mergeWishes(_ said: inout Extraction, into spec: inout RequirementSpec, category: String?, startsNewSearch: Bool,
                             turn: TurnContext, amountComparedWith: (asked: String?, shown: [ProductResult])?) {
        let knowledge = category.flatMap { extractor.lexicon.knowledge[$0.lowercased()] }
        // "27 inch or bigger": 27 inches or more (before, "bigger" than 27: 28 or more); "no bigger
        // than 55 inch": 55 or less (before, 56 or more).
        for (inclusive, key, alone) in [(Refinement.orBigger, "screen_size_min", Refinement.bigger),
                                        (.orSmaller, "screen_size_max", .smaller)]
        where said.refinements.contains(inclusive) {
            if let size = said.attributes.removeValue(forKey: "screen_size") {
                said.attributes[key] = size
            } else {
                said.refinements.insert(alone)
            }
        }
        // Attributes. "2tb nvme ssd", "32gb ddr5 ram": of a drive or a memory kit, the amount is
        // its capacity, as those state it (`RankedMeasure.key`).
        // "Cheapest per TB": one order at a time, as `RankedMeasure.apply` keeps it.
        if UnitPrice.isAsked(in: said.attributes) {
            for (key, value) in spec.attributes where MeasureOrder(value: value) != nil { spec.attributes[key] = nil }
        }
        for (key, value) in said.attributes where !Self.saysWhatItServes(key, category: spec.category) {
            spec.attributes[Self.amountKey(key, category: spec.category)] = value
        }
        // A bound said now replaces a size said before ("a 24 inch monitor", then "27 or bigger").
        if said.attributes["screen_size_min"] != nil || said.attributes["screen_size_max"] != nil, said.attributes["screen_size"] == nil {
            spec.attributes["screen_size"] = nil
        }
        // "What about windows ones?" after MacBooks: a system Apple does not make asks for other
        // brands (before, Apple laptops that say "windows" nowhere).
        if let system = said.attributes["os"], !Self.appleSystems.contains(system) {
            spec.brands.removeAll { $0.lowercased() == "apple" }
            spec.keywords.removeAll(where: Self.appleLines.contains)
        } else if said.brands.contains(where: { $0.lowercased() == "apple" }) {
            // "Any iphones?" after Android phones: Apple's, whatever other system was asked for.
            if let system = spec.attributes["os"], !Self.appleSystems.contains(system) { spec.attributes["os"] = nil }
            spec.keywords.removeAll(where: Self.otherSystems.contains)
        }
        if said.refinements.contains(.clearColor) {
            spec.attributes["color"] = nil
            spec.attributes["excluded_color"] = nil
        }
        if said.refinements.contains(.otherColor), let color = spec.attributes["color"] {
            // "Any other colors?": not the one shown.
            spec.attributes["color"] = nil
            spec.attributes["excluded_color"] = color
        }
        if let color = said.colors.first {
            spec.attributes["color"] = color
            if spec.attributes["excluded_color"] == color { spec.attributes["excluded_color"] = nil }
        }
        if !said.excludedColors.isEmpty {
            spec.attributes["excluded_color"] = said.excludedColors.joined(separator: ",")
            if let color = spec.attributes["color"], said.excludedColors.contains(color) { spec.attributes["color"] = nil }
        }
        if let size = said.softSize {
            if knowledge?.isSized == true || (category == nil && spec.category.flatMap {
                extractor.lexicon.knowledge[$0.lowercased()] }?.isSized == true) {
                if spec.attributes["size"] == nil { spec.attributes["size"] = size }
            } else if size != "M", spec.category != nil {
                // "A small standing desk", "a large backpack": an order by the size its category
                // states (a desk's width, a backpack's capacity, a screen's size), as "the
                // smallest" asks, else the feature "compact" or "large".
                RankedMeasure.apply(.size, size == "L" ? .most : .least, to: &spec, said: said.attributes)
            }
        }
        // "Bigger", "more ram": than the products shown too, while they are this search's, and of
        // those the ones of the kind asked for ("a longer battery" of earbuds is longer than the
        // earbuds', not than the over-ear headphones shown after them).
        let shown = startsNewSearch ? [] : Self.shownOfWantedKind(turn.lastShown, spec: spec)
        // "Not bigger than that": the size so far is kept as the bound.
        let keepsSize = said.refinements.contains(.orBigger) || said.refinements.contains(.orSmaller)
        if said.refinements.contains(.bigger) { resize(&spec, bigger: true, including: keepsSize, shown: shown) }
        if said.refinements.contains(.smaller) { resize(&spec, bigger: false, including: keepsSize, shown: shown) }
        // An amount the turn names ("more ram, 32gb") is what it asks for.
        for case .moreOf(let key) in said.refinements where said.attributes[key] == nil {
            let stated = Self.amountKey(key, category: spec.category)
            let (asked, compared) = amountComparedWith ?? (spec.attributes[stated], shown)
            // The step of the amount as stated: a vacuum's battery life is its run time, in minutes.
            guard let next = (AmountStep.measures[stated] ?? AmountStep.measures[key])?.next(after: asked, shown: compared, key: stated)
            else { continue }
            spec.attributes[stated] = next
        }

        // One order at a time ("the biggest and lightest" is rare): the same one for the same words.
        let ranked = said.refinements.compactMap { refinement -> (RankedMeasure, MeasureOrder)? in
            if case .ranked(let measure, let order) = refinement { (measure, order) } else { nil }
        }
        if let (measure, order) = ranked.min(by: { $0.0.rawValue < $1.0.rawValue }) {
            RankedMeasure.apply(measure, order, to: &spec, said: said.attributes)
        }

        // "Something by agatha christie": a book's author, which the catalog's books state.
        if !said.nameAfterBy.isEmpty, spec.category.map(isBooks) == true {
            spec.attributes["author"] = said.nameAfterBy.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            said.keywords.removeAll(where: said.nameAfterBy.contains)
        }
        // "Even lighter" after a weight said with a number: the lightest first, by the weights the
        // listings state (before, the feature "lightweight" beside the bound, which reordered nothing).
        if said.features.contains("lightweight"), spec.attributes["weight_max"] != nil || spec.attributes["weight_min"] != nil {
            said.features.removeAll { $0 == "lightweight" }
            RankedMeasure.apply(.weight, .least, to: &spec, said: said.attributes)
        }
        for feature in said.features where !spec.features.contains(feature) { spec.features.append(feature) }
        if let useCase = said.useCase { spec.useCase = useCase }
        if category != nil || said.useCase != nil { Self.applyUseNeeds(&spec) }
        if let condition = said.condition { spec.condition = condition }
        if let sort = said.sort {
            spec.sort = sort
            // "Just the cheapest" after "cheapest per TB": by price, not per TB.
            if !UnitPrice.isAsked(in: said.attributes) {
                for key in spec.attributes.keys where UnitPrice(key: key) != nil { spec.attributes[key] = nil }
            }
        }
    }

    /// The words searched after the turn: its use and keywords joined to the search's, the words
    /// it denies kept out of titles.
    private func mergeWords(_ said: Extraction, into spec: inout RequirementSpec, previous: RequirementSpec?) {
        var keywords = spec.keywords
        // A new use replaces the last one among the words searched too ("for hiking" after "for cooking").
        if let useCase = said.useCase, let replaced = previous?.useCase, replaced != useCase { keywords.removeAll { $0 == replaced } }
        if let useCase = said.useCase, !keywords.contains(useCase) { keywords.append(useCase) }
        for word in said.keywords where !keywords.contains(word) { keywords.append(word) }
        // "Not a standing one": a word the titles must not have, searched for no more; said again
        // without a negation, wanted again.
        var excluded = spec.attributes[RequirementSpec.excludedWordsKey].map { $0.split(separator: ",").map(String.init) } ?? []
        excluded.removeAll { said.keywords.contains($0) || said.features.contains($0) }
        for word in said.excludedWords where !excluded.contains(word) { excluded.append(word) }
        keywords.removeAll(where: excluded.contains)
        spec.features.removeAll(where: excluded.contains)
        spec.attributes[RequirementSpec.excludedWordsKey] = excluded.isEmpty ? nil : excluded.joined(separator: ",")
        // "A watch, not a smartwatch" where "watch" named Smartwatches: the department above it
        // (not for a kind within it: "headphones, not earbuds").
        if let category = spec.category, !said.excludedWords.isEmpty,
           case let named = Set(WordForms.words(category)),
           said.excludedWords.contains(where: { WordForms.contains(named, eitherNumberOf: $0) }),
           let path = extractor.lexicon.knowledge[category.lowercased()]?.path, path.count > 1 {
            spec.category = path[path.count - 2]
        }
        spec.keywords = Array(keywords.suffix(10))

    }

    /// What the spec still misses: its category, else, once per search, a budget for a category
    /// whose prices vary widely.
    private func missingFields(of spec: RequirementSpec, said: Extraction, previous: RequirementSpec?, startsNewSearch: Bool) -> [String] {
        // What is still missing. The budget is asked once per search: when the category has just
        // become known and its prices vary widely, and the shopper named no price level ("a cheap
        // laptop" is searched cheapest first, "the cheapest SSD per TB" by its price per TB).
        var missing: [String] = []
        // A thing asked for by words the catalog's categories do not know ("a doll") is searched
        // for by those words, in this turn and the ones that refine it: a question offering the
        // known categories would not help. Unknown words said otherwise ("asdf") still ask.
        let isSearchedByName = !Self.namedThings(spec).isEmpty && (said.asksForUnknownThing || previous.map {
            $0.category == nil && !Self.namedThings($0).isEmpty && !$0.missingFields.contains("category")
        } == true)
        if spec.category == nil, !isSearchedByName {
            missing.append("category")
        } else if spec.budget.isOpen, !said.refinements.contains(.clearBudget),
                  spec.sort != .priceAscending, spec.sort != .priceDescending,
                  !UnitPrice.isAsked(in: spec.attributes),
                  previous == nil || startsNewSearch || previous?.category == nil,
                  let known = spec.category.flatMap({ extractor.lexicon.knowledge[$0.lowercased()] }),
                  known.isPriceVariable, spec.category.map(isStocked) ?? true {
            missing.append("budget")
        }
        return missing
    }

    /// Whether the catalog has the category: `false` for a built-in one the catalog's
    /// vocabulary lacks (merged in with no products), whose budget is not worth asking and whose
    /// search finds only things named by the other words.
    func isStocked(_ category: String) -> Bool {
        extractor.lexicon.unstockedCategories.isEmpty || !extractor.lexicon.unstockedCategories.contains(category.lowercased())
    }
}
