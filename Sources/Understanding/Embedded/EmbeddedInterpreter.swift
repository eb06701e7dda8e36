import Shared

/// The embedded engine's logic for one vocabulary: synchronous, deterministic, no I/O.
///
/// Budgets: "under X" sets `max`, "over X" sets `min`, "between X and Y" / "X-Y" set both, a bare
/// amount with a currency ("$500 laptop") is a ceiling, and "around X" sets the band
/// `[0.8·X, 1.2·X]` (±20 %, rounded to whole units). "Cheaper" lowers the ceiling to 90 % of the
/// cheapest product shown (80 % of the old ceiling when nothing was shown).
public struct EmbeddedInterpreter: Sendable {
    let extractor: SpecExtractor
    public var vocabulary: CatalogVocabulary { extractor.lexicon.vocabulary }

    public init(vocabulary: CatalogVocabulary = .builtIn) {
        extractor = SpecExtractor(vocabulary: vocabulary)
    }

    // MARK: need_media_ops

    public func mediaDecision(for turn: TurnContext) -> MediaDecision {
        let needsTranscript = turn.attachments.contains(.audio) && turn.transcript == nil
        let needsVision = turn.attachments.contains(.image) && turn.image == nil
        switch (needsTranscript, needsVision) {
        case (true, true): return .both
        case (true, false): return .transcribe
        case (false, true): return .vision
        case (false, false): return .skip
        }
    }

    // MARK: build_requirement_spec

    /// The session's spec after this turn; small talk and a question about a product shown
    /// leave it as it was, "start over" empties it (`specAfterSearchlessTurn`).
    public func spec(for turn: TurnContext) -> RequirementSpec {
        let tokens = Self.withoutLeadingNo(Tokenizer.tokenize(turn.utterance), utterance: turn.utterance)
        if let kept = specAfterSearchlessTurn(turn, tokens: tokens) { return kept }
        // "What's the max weight of the first one?" before any was shown: the search as it was,
        // shown now; the question's words are no wishes (before, "max" and "weight" were searched).
        if turn.lastShown.isEmpty, var kept = turn.currentSpec, MeasureQuestion.asked(in: tokens) != nil,
           ProductQuestion.namesOneProduct(tokens.map(\.text)) {
            kept.missingFields = []
            return kept
        }
        var said = extractor.extract(tokens: tokens)
        addImage(turn.image, to: &said)
        if said.categories.isEmpty, let suggested = acceptedSuggestion(turn, said: said) { said.categories = [suggested] }
        // "Start over, I need sneakers" after red sneakers: not red ones of the old size.
        var base = SmallTalk.startsOver(tokens) ? nil : turn.currentSpec
        // "Go back to the laptops" after tablets: the laptop search as it was.
        if let category = said.categories.first, category.lowercased() != base?.category?.lowercased(),
           Self.returnsToEarlierSearch(tokens), let earlier = earlierSearch(for: category, in: turn) {
            base = earlier
            said.keywords.removeAll { $0 == "back" }
        }
        return merge(said, into: base, turn: turn)
    }

    /// The tokens without a "no" that answers on its own before a comma or a stop ("no, earbuds"
    /// corrects what was asked: before, it read as "no earbuds" and lost them).
    static func withoutLeadingNo(_ tokens: [Token], utterance: String) -> [Token] {
        guard let first = tokens.first, ["no", "nope", "nah"].contains(first.text), tokens.count > 1 else { return tokens }
        let rest = utterance.drop { $0.isWhitespace }.dropFirst(first.text.count)
        let marks: Set<Character> = [",", ".", "!", "-", "\u{2013}", "\u{2014}", ";", ":"]
        guard let mark = rest.first(where: { !$0.isWhitespace }), marks.contains(mark) else { return tokens }
        return Array(tokens.dropFirst())
    }

    private func addImage(_ image: ImageAttributesData?, to said: inout Extraction) {
        guard let image else { return }
        if said.categories.isEmpty {
            for label in image.labels {
                let fromLabel = extractor.extract(label)
                if let category = fromLabel.categories.first {
                    said.categories.append(category)
                    if said.brands.isEmpty { said.brands = fromLabel.brands }
                    break
                }
            }
        }
        if said.colors.isEmpty, let dominant = image.colors.max(by: { $0.fraction < $1.fraction }),
           dominant.fraction >= 0.25 {
            let fromColor = extractor.extract(dominant.name)
            said.colors.append(fromColor.colors.first ?? dominant.name.lowercased())
        }
    }

    /// The shown products (those with a price) "cheaper" and "pricier" compare with: the ones by
    /// `brands`, the turn's ("something cheaper from Sony" means than the Sony shown) or else the
    /// search's ("vitamix", then "cheaper": than the Vitamix shown); all when none is by them.
    /// Of those, the ones whose title names no other gender than `gender` when any do: cheaper
    /// women's shoes are cheaper than the women's shown, not than the men's that filled up the
    /// list (the state keeps titles, not attributes, of the products shown). Of those, the ones
    /// whose titles name every feature asked for when any do: cheaper OLED TVs are cheaper than
    /// the OLED ones shown, not than the $229 LED TV that filled up the list.
    static func shownCompared(_ shown: [ProductResult], brands: [String], gender: String? = nil,
                              features: [String] = []) -> [ProductResult] {
        let named = products(shown, byAnyOf: brands)
        var compared = (named.isEmpty ? shown : named).filter { $0.price > 0 }
        if let asked = askedGender(gender) {
            let forAsked = compared.filter { product in Self.gender(of: product).map { $0 == asked || $0 == "unisex" } ?? true }
            if !forAsked.isEmpty { compared = forAsked }
        }
        let featureWords = features.filter(Lexicon.featureNames.contains).map(WordForms.words)
        guard !featureWords.isEmpty else { return compared }
        let withFeatures = compared.filter { product in featureWords.allSatisfy { title(product.title, hasAllOf: $0) } }
        return withFeatures.isEmpty ? compared : withFeatures
    }

    /// The products of `shown` of the kind `spec` asks for by a word of its own (`wantedKind`),
    /// when any is; else all of them.
    static func shownOfWantedKind(_ shown: [ProductResult], spec: RequirementSpec) -> [ProductResult] {
        guard let wanted = wantedKind(spec) else { return shown }
        let ofKind = shown.filter { product($0, isOf: wanted) }
        return ofKind.isEmpty ? shown : ofKind
    }

    /// The gender a spec's `gender` value asks for, unless it is none or unisex (for either).
    static func askedGender(_ value: String?) -> String? {
        guard let asked = value.flatMap(Gender.named(in:)), asked != "unisex" else { return nil }
        return asked
    }

    /// The gender a product is for: the one its attributes state, else its title's ("… Men's
    /// Running Shoes"). The products the state keeps as shown have titles only.
    static func gender(of product: ProductResult) -> String? {
        if let stated = product.attributes.first(where: { AttributeName.normalized($0.key) == "gender" }) {
            return Gender.named(in: stated.value)
        }
        return Gender.named(in: product.title)
    }

    /// The products of one of `brands` (`ProductResult.isOf(brand:)`: by brand, or named in the title).
    static func products(_ products: some Sequence<ProductResult>, byAnyOf brands: [String]) -> [ProductResult] {
        products.filter { product in brands.contains(where: product.isOf(brand:)) }
    }

    /// Whether words said after "by" are a person's name: two or more ("jane austen"), or one no
    /// dictionary has ("tolkien"). "By christmas", "by tomorrow" are when.
    static func isPersonsName(_ words: [String]) -> Bool {
        !words.contains(where: whenWords.contains)
            && (words.count >= 2 || words.contains { !Lexicon.commonEnglishWords.contains($0) })
    }

    /// Names of months and holidays, which the dictionary of common words leaves out (days are
    /// stop words, which end the words after "by"; "christmas" is a word of titles too).
    private static let whenWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "christmas", "xmas", "easter", "thanksgiving", "halloween", "hanukkah", "diwali", "eid", "valentines",
    ]

    /// Operating systems only Apple makes, as the lexicon names them (`Lexicon.attributeValues`).
    static let appleSystems: Set<String> = ["macOS", "iOS", "iPadOS"]
    /// Other makers' systems and lines, as keywords: what asking for Apple's replaces.
    static let otherSystems: Set<String> = ["android", "windows", "chromebook", "chromebooks", "chromeos"]
    /// Apple's product lines, as keywords: what another maker's system replaces.
    static let appleLines: Set<String> = ["macbook", "macbooks", "mac", "iphone", "iphones", "ipad", "ipads"]

    func merge(_ said: Extraction, into previous: RequirementSpec?, turn: TurnContext) -> RequirementSpec {
        var said = said
        // "Quiet switches" after keyboards: a word the category's listings use names a part or a
        // kind of its products, which refines the search (before, a search for switches anywhere).
        if said.asksForUnknownThing, let noun = said.keywords.first, let category = previous?.category,
           let words = extractor.lexicon.listingWords[category.lowercased()], WordForms.contains(words, eitherNumberOf: noun) {
            said.asksForUnknownThing = false
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
        var category = said.categories.first
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

        var spec: RequirementSpec
        var startsNewSearch = false
        // A spec without a category either awaits the answer to "which kind of product?", which
        // completes it, or was searched for by name ("a doll"), which a category replaces.
        let awaitsCategory = previous?.missingFields.contains("category") == true
        // "A doll for my niece" after headphones asks for another thing, not for doll headphones.
        // "What do you have for running?" after a search by name ("a gift … who likes coffee"),
        // even one still waiting for its category: it names what to look for now.
        let asksForAnotherUse = said.asksForUse && previous?.category == nil
        let asksAnew = category == nil && (said.asksForUnknownThing && !awaitsCategory || asksForAnotherUse)
        if let previous, !asksAnew,
           (previous.category == nil && awaitsCategory) || category == nil || previous.category == category {
            spec = previous
        } else {
            // A different category starts a new search: the old category's details do not carry over.
            spec = RequirementSpec()
            startsNewSearch = true
        }
        let previousCategory = previous?.category
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
        // Budget. "Cheaper" compares with the brands this turn names, else the search's.
        let comparedBrands = !said.brands.isEmpty ? said.brands : said.refinements.contains(.clearBrands) ? [] : spec.brands
        let comparedGender = said.attributes["gender"] ?? spec.attributes["gender"]
        if said.refinements.contains(.clearBudget) {
            spec.budget = RequirementSpec.Budget(currency: spec.budget.currency)
        }
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
            let shown = sameAs.map { [$0.price] }
                ?? Self.shownCompared(turn.lastShown, brands: comparedBrands, gender: comparedGender, features: spec.features).map(\.price)
            if let cheapest = shown.min() {
                spec.budget.max = (cheapest * 0.9).rounded(.down)
                if let min = spec.budget.min, let max = spec.budget.max, min >= max { spec.budget.min = nil }
            } else if let ceiling = spec.budget.max {
                spec.budget.max = (ceiling * 0.8).rounded(.down)
            } else {
                spec.sort = .priceAscending
            }
        } else if said.refinements.contains(.pricier) {
            let shown = Self.shownCompared(turn.lastShown, brands: comparedBrands, gender: comparedGender, features: spec.features).map(\.price)
            if let dearest = shown.max() ?? spec.budget.max {
                spec.budget.min = dearest.rounded(.down)
                spec.budget.max = nil
            } else {
                spec.sort = .priceDescending
            }
        }

        // Brands.
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
        if said.attributes.keys.contains(where: { UnitPrice(key: $0) != nil }) {
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
        if let (measure, order) = ranked.min(by: { $0.0.rawValue < $1.0.rawValue }) { RankedMeasure.apply(measure, order, to: &spec, said: said.attributes) }

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
            if !said.attributes.keys.contains(where: { UnitPrice(key: $0) != nil }) {
                for key in spec.attributes.keys where UnitPrice(key: key) != nil { spec.attributes[key] = nil }
            }
        }
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

        // A floor above the ceiling finds nothing, and the catalog refuses it: the ceiling stays,
        // the bound shoppers name most ("more than 1000 watch under 200 dollars", a voice note's
        // "watts" heard as "watch", asked for blenders over $1,000 and under $200, and the turn
        // failed).
        if let low = spec.budget.min, let high = spec.budget.max, low > high { spec.budget.min = nil }

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
                  !spec.attributes.keys.contains(where: { UnitPrice(key: $0) != nil }),
                  previous == nil || startsNewSearch || previousCategory == nil,
                  let known = spec.category.flatMap({ extractor.lexicon.knowledge[$0.lowercased()] }),
                  known.isPriceVariable {
            missing.append("budget")
        }
        spec.missingFields = missing
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

    /// - Parameter kind: the keywords that say which kind of the category is wanted
    ///   (`Extraction.kindWords`), written before its name: "camping sleeping bags".
    static func query(for spec: RequirementSpec, kind: [String] = []) -> String? {
        var parts: [String] = []
        if let color = spec.attributes["color"] { parts.append(color) }
        parts += spec.brands
        parts += spec.features.prefix(2)
        if let useCase = spec.useCase, !(spec.category.map { isNamed($0, by: useCase) } ?? false) { parts.append(useCase) }
        if let category = spec.category {
            // "lego" of "a lego set" is the brand LEGO already: not "LEGO lego building sets".
            parts += kind.filter { word in word != spec.useCase && !spec.brands.contains { $0.lowercased() == word } }
            parts.append(category.lowercased())
        } else {
            parts += namedThings(spec)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The words that name what is wanted when no category does ("doll"): the keywords but the use case.
    static func namedThings(_ spec: RequirementSpec) -> [String] {
        Array(spec.keywords.filter { $0 != spec.useCase }.prefix(3))
    }

    static func confidence(_ spec: RequirementSpec, _ said: Extraction) -> Double {
        guard said.tokenCount > 0 || spec.category != nil else { return 0.1 }
        var score = 0.3
        if spec.category != nil { score += 0.3 }
        if !spec.budget.isOpen { score += 0.15 }
        if !spec.brands.isEmpty { score += 0.05 }
        if !spec.attributes.isEmpty || !spec.features.isEmpty { score += 0.05 }
        if spec.useCase != nil { score += 0.05 }
        if said.tokenCount > 0 {
            score += 0.1 * min(1, Double(said.recognised) / Double(said.tokenCount) * 2)
        }
        return min(0.95, (score * 100).rounded() / 100)
    }
}
