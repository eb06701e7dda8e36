import Shared

// need_clarify and ask_clarifying_q: whether a question is needed, which, and which category an
// answer to a suggested one accepts.
extension EmbeddedInterpreter {
    // MARK: need_clarify

    public func clarifyDecision(for turn: TurnContext, spec: RequirementSpec) -> ClarifyDecision {
        if let decision = searchlessDecision(turn) { return decision }
        let missing = spec.missingFields.filter { $0 == "category" || $0 == "budget" }
        var decision = ClarifyDecision(shouldAsk: !missing.isEmpty && turn.clarificationCount < turn.maxClarifications,
                                       missingFields: missing)
        // The same question twice helps nobody: when the answer ("yes", "ok") changed nothing it
        // would ask, or the shopper went past it before ("under 100", then "for the office"),
        // search with what is known, and keep the session's other question.
        if decision.shouldAsk, case let question = question(for: spec, decision: decision, turn: turn),
           turn.history.contains(where: { $0.role == .assistant && $0.text.hasSuffix(question) }) {
            decision.shouldAsk = false
        }
        return decision
    }

    // MARK: ask_clarifying_q

    /// `question(for:decision:)` for this turn: after "something else" or "none of those", the
    /// kinds the last question offered are left out (before, the same question was not asked
    /// twice, so it searched "products for cooking" and found none).
    public func question(for spec: RequirementSpec, decision: ClarifyDecision, turn: TurnContext) -> String {
        // The worker has put this turn's words in the history already: the question is the last answer.
        guard Self.asksForOtherKinds(turn.utterance), let last = turn.history.last(where: { $0.role == .assistant }) else {
            return question(for: spec, decision: decision)
        }
        return question(for: spec, decision: decision, excluding: Set(Self.kindsOffered(in: last.text)))
    }

    /// Words with which a shopper turns down every kind a question offered.
    private static let otherKindPhrases: [[String]] = [
        ["something", "else"], ["anything", "else"], ["none", "of", "those"], ["none", "of", "these"], ["none", "of", "them"],
        ["neither"], ["something", "different"], ["other", "things"], ["other", "options"], ["what", "else"], ["not", "those"],
    ]

    /// Whether the message turns down the kinds offered ("something else", "none of those").
    static func asksForOtherKinds(_ utterance: String) -> Bool {
        let words = Tokenizer.tokenize(utterance).map(\.text)
        return otherKindPhrases.contains { phrase in
            words.indices.contains { words[$0...].starts(with: phrase) }
        }
    }

    /// The kinds (spoken names) a category question offered: "Which kind of … — a, b, c?" or
    /// "Do you mean a, or another kind of … product?".
    static func kindsOffered(in question: String) -> [String] {
        if let named = suggestedCategory(in: question) { return [named] }
        guard question.hasSuffix("?"), let which = question.firstRange(of: "Which kind of "),
              let dash = question[which.upperBound...].firstRange(of: " — ") else { return [] }
        return question[dash.upperBound...].dropLast().split(separator: ", ").map(String.init)
    }

    /// One short question about the most important missing field, with examples from the catalog.
    /// - Parameter excluding: kinds (spoken names) not to offer again; when they are all the
    ///   kinds there are, the question says so.
    public func question(for spec: RequirementSpec, decision: ClarifyDecision, excluding: Set<String> = []) -> String {
        if decision.missingFields.first == "budget", let category = spec.category {
            let known = extractor.lexicon.knowledge[category.lowercased()]
            let examples = (known?.budgetExamples.isEmpty == false ? known?.budgetExamples : nil) ?? [100, 300, 600]
            let money = examples.map { PriceFormat.amount(Double($0), currency: spec.budget.currency) }
            let lower = money.dropLast().map { "under \($0)" }
            let options = lower + (money.last.map { ["or more than \($0)"] } ?? [])
            return "What's your budget for \(WordForms.counted(category)) — \(options.joined(separator: ", "))?"
        }
        var examples: [String]
        // What the question asks the kind of: "product", "Fully product", "product for cooking".
        var kindOf = "product"
        // The word with which one example is offered: "Do you mean …, or another kind of cooking product?".
        var suggestedWith: String?
        if let brand = spec.brands.first {
            // What the catalog has of the brand, most first (before, the built-in list's guess,
            // or the catalog's biggest departments for a brand it lacked: "which kind of Fully
            // product — running shoes, headphones, skincare?" of a desk maker).
            let makes = vocabulary.brands.first { $0.name == brand }?.categories ?? []
            examples = makes.filter { name in
                vocabulary.categories.contains { $0.name == name && $0.count > 0 && $0.isNarrowest(among: vocabulary.categories) }
            }
            kindOf = "\(brand) product"
            suggestedWith = brand
        } else if let (word, named) = categoriesNaming(spec) {
            // "he likes coffee": the catalog's categories with that word, not the same question again.
            examples = named
            kindOf = "\(word) product"
            suggestedWith = word
        } else if let (feature, named) = categoriesListing(spec.features) {
            // "Something for my back pain": the categories whose listings say "lumbar support"
            // (before, the catalog's biggest departments).
            examples = named
            kindOf = "\(feature) product"
            suggestedWith = feature
        } else if let useCase = spec.useCase ?? Self.childsUse(spec), case let named = affordable(categoriesServing(useCase), spec),
                  !named.isEmpty {
            // "A gift for my mom, she loves cooking": the kitchen's categories, not the biggest ones.
            examples = named
            kindOf = "product for \(useCase)"
            suggestedWith = useCase
        } else if let (word, named) = categoriesListing(spec.keywords) {
            // "My dad likes grilling": the categories whose listings say "grilling" (before,
            // "computer components, memory, peripherals").
            examples = named
            kindOf = "\(word) product"
            suggestedWith = word
        } else if let gender = Self.askedGender(spec.attributes["gender"]), case let named = categoriesSellingTo(gender),
                  named.count >= 2 {
            // "Something for my wife's birthday": what the catalog sells to women (before, its
            // biggest departments: "computer components, memory, peripherals?").
            examples = named
            kindOf = "product for \(gender)"
        } else {
            examples = []
        }
        if !excluding.isEmpty, !examples.isEmpty {
            // "Something else" when the kinds offered were all there are: say so, not them again.
            let offered = examples.filter { excluding.contains(WordForms.spoken($0)) }
            if offered.count == examples.count {
                let names = offered.prefix(3).map(WordForms.spoken)
                let all = names.count == 1 ? "\(names[0]) are the only kind" : "\(Self.listed(names)) are all the kinds"
                return all.prefix(1).uppercased() + all.dropFirst() + " of \(kindOf) I have. "
                    + "Would \(names.count == 1 ? "that" : "one of them") do, or is there something else I can look for?"
            }
            examples.removeAll { excluding.contains(WordForms.spoken($0)) }
        }
        if let suggestedWith, examples.count == 1 { return Self.suggestion(of: WordForms.spoken(examples[0]), word: suggestedWith) }
        let kind = "Which kind of \(kindOf) are you looking for"
        if examples.count < 2, let most = spec.budget.max {
            // "A gift under 50 for a coworker": kinds of product the budget buys, not the biggest departments.
            let leaves = vocabulary.categories.filter { $0.count > 0 && $0.isNarrowest(among: vocabulary.categories) }
            examples = leaves.filter { reaches(most, $0.name) == true && !excluding.contains(WordForms.spoken($0.name)) }
                .sorted { $0.count > $1.count }.map(\.name)
        }
        if examples.count < 2 {
            examples = vocabulary.exampleCategories(3 + excluding.count).filter { !excluding.contains(WordForms.spoken($0)) }
        }
        let list = examples.prefix(3).map(WordForms.spoken)
        return "\(kind) — \(list.joined(separator: ", "))?"
    }

    /// "Let's start with the laptops; ask me for mice after.": a request for two kinds of product
    /// ("a laptop and a mouse for college") searches for the first, and the question or the
    /// reply says so (before, the mouse was dropped without a word). `nil` when the turn names
    /// one kind, or the search is for another than the first it names.
    func laterKindNote(_ turn: TurnContext, spec: RequirementSpec, opening: Bool) -> String? {
        let text = turn.utterance
        // Every reply asks this: a look at the bytes first (`String.contains` of a string cost a
        // reply more than the rest of its notes together).
        guard let asked = spec.category, WordForms.has(" and ", in: text) || WordForms.has(" plus ", in: text) else { return nil }
        let tokens = Tokenizer.tokenize(text)
        // The second kind is named after the "and": a price ("between 500 and 1500") names none.
        guard let and = tokens.firstIndex(where: { $0.text == "and" || $0.text == "plus" }),
              tokens[(and + 1)...].contains(where: { $0.number == nil && $0.text.utf8.count >= 3 }),
              let later = extractor.extract(tokens: Array(tokens[(and + 1)...])).categories.first,
              later.lowercased() != asked.lowercased(),
              extractor.extract(tokens: Array(tokens[..<and])).categories.first?.lowercased() == asked.lowercased()
        else { return nil }
        return opening ? "Let's start with the \(WordForms.counted(asked)); ask me for \(WordForms.counted(later)) after."
            : "Ask me for \(WordForms.counted(later)) next."
    }

    /// The categories whose cheaper products the spec's budget reaches (the lowest of their
    /// `budgetExamples` within half as much again): "something for my brother who games, around
    /// 50 bucks" offered laptops and graphics cards. All of them when none is, or without a budget.
    func affordable(_ categories: [String], _ spec: RequirementSpec) -> [String] {
        guard let most = spec.budget.max else { return categories }
        let reached = categories.filter { reaches(most, $0) ?? true }
        return reached.isEmpty ? categories : reached
    }

    /// Whether a budget of at most `most` reaches the cheaper products of `category` (the lowest
    /// of its `budgetExamples` within half as much again); `nil` when the category has none.
    private func reaches(_ most: Double, _ category: String) -> Bool? {
        (extractor.lexicon.knowledge[category.lowercased()]?.budgetExamples.first).map { Double($0) <= most * 1.5 }
    }

    /// "Kids" for a spec whose age is a child's ("something under 50 for a 5 year old"): the
    /// question offers toys, not the biggest departments.
    static func childsUse(_ spec: RequirementSpec) -> String? {
        guard let age = spec.attributes["age"].flatMap(Double.init), age < 13 else { return nil }
        return "kids"
    }

    /// The first word of the spec's query and keywords that names categories of the catalog
    /// ("coffee": Coffee Makers), with those categories, most stocked first.
    func categoriesNaming(_ spec: RequirementSpec) -> (word: String, categories: [String])? {
        let words = ((spec.query ?? "") + " " + spec.keywords.joined(separator: " ")).lowercased()
            .split { !$0.isLetter }.map(String.init).filter { $0.count > 2 }
        for word in words {
            let named = vocabulary.categories.filter { category in
                WordForms.contains(Set(WordForms.words(category.name)), eitherNumberOf: word)
            }.sorted { $0.count > $1.count }.map(\.name)
            // A brand's leaf under a kind ("Prithish Coffee Mugs" of "Coffee Mugs", as Flipkart
            // files them) is no other kind: before, "coffee mugs, prithish coffee mugs, printland
            // coffee mugs?".
            let kinds = named.filter { name in
                !named.contains { other in other != name && name.lowercased().hasSuffix(" " + other.lowercased()) }
            }
            if !kinds.isEmpty { return (word, kinds) }
        }
        return nil
    }

    /// The narrowest categories whose listings are for `gender` (their words say it, as "For
    /// Women" titles do, or their path has its department: "Women's Footwear") and whose path
    /// names no other gender's department, the most stocked of each top-level department first,
    /// so a question offers kinds of several: "western wear, necklaces, deodorants". A brand's
    /// leaf is offered as the kind above it ("Maxima Wrist Watches": wrist watches).
    func categoriesSellingTo(_ gender: String) -> [String] {
        let stocked = vocabulary.categories.filter { $0.count > 0 }
        let forGender = stocked.filter { category in
            let departments = category.path.compactMap(Gender.department(in:))
            guard departments.allSatisfy({ $0 == gender }), category.isNarrowest(among: stocked) else { return false }
            return !departments.isEmpty || extractor.lexicon.listingWords[category.name.lowercased()]?.contains(gender) == true
        }
        let kinds = forGender.map { category -> (name: String, department: String, count: Int) in
            let department = category.path.first ?? category.name
            guard category.path.count >= 2, case let parent = category.path[category.path.count - 2],
                  category.name.lowercased().hasSuffix(" " + parent.lowercased()),
                  let above = stocked.first(where: { $0.name == parent }) else { return (category.name, department, category.count) }
            // Ranked by its own count: a department's brand leaf ("Navaksha Men's Clothing") is
            // no reason to offer the department before the kinds beside it.
            return (above.name, department, category.count)
        }
        var departments: Set<String> = []
        return kinds.sorted { $0.count > $1.count }.filter { departments.insert($0.department).inserted }.map(\.name)
    }

    /// The first of `phrases` (features, keywords) whose words the listings of some categories
    /// use (`CatalogVocabulary.Category.words`: "lumbar" and "support" of office chairs), with
    /// those categories, the narrowest, most stocked first; `nil` when no category's listings say one.
    func categoriesListing(_ phrases: [String]) -> (phrase: String, categories: [String])? {
        for phrase in phrases {
            let words = WordForms.words(phrase)
            guard !words.isEmpty else { continue }
            let having = vocabulary.categories.filter { category in
                guard category.count > 0, let listed = extractor.lexicon.listingWords[category.name.lowercased()] else { return false }
                return words.allSatisfy { WordForms.contains(listed, eitherNumberOf: $0) }
            }
            // "Meat" and "seafood", not the "groceries" they are in.
            let narrowest = having.filter { $0.isNarrowest(among: having) }
            if !narrowest.isEmpty { return (phrase, narrowest.sorted { $0.count > $1.count }.map(\.name)) }
        }
        return nil
    }

    /// The catalog's categories that serve a use case (`Lexicon.useCaseCategoryWords`: a word of
    /// the name, or of the department it is in), the most stocked first; the narrowest ones
    /// when a department and its categories both match ("coffee makers", not "kitchen"), and
    /// only those the catalog has when it has any.
    func categoriesServing(_ useCase: String) -> [String] {
        guard let words = Lexicon.useCaseCategoryWords[useCase].map(Set.init) else { return [] }
        func hasWord(_ text: String) -> Bool {
            WordForms.words(text).contains { WordForms.contains(words, eitherNumberOf: $0) }
        }
        var serving = vocabulary.categories.filter { $0.path.contains(where: hasWord) }
        // The built-in vocabulary's categories the catalog lacks (count 0) would find nothing.
        if serving.contains(where: { $0.count > 0 }) { serving.removeAll { $0.count == 0 } }
        let narrowest = serving.filter { $0.isNarrowest(among: serving) }
        return narrowest.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
            .map(\.element.name)
    }

    // MARK: answers to a suggestion

    /// Words that say yes to a question on their own ("yes", "sure, please").
    static let affirmations: Set<String> = ["yes", "yeah", "yep", "yup", "sure", "ok", "okay", "right", "correct",
                                            "exactly", "please", "that", "those", "one", "ones", "them", "it", "indeed"]

    /// The category a "yes" accepts: the one the last question suggested (`suggestion(of:word:)`).
    /// So does an answer that names no other thing but says which of them ("not lego", "under
    /// 40" to "Do you mean building sets…?"; before, a search for "building" in every category;
    /// "the cordless kind" to "Do you mean vacuum cleaners…?").
    func acceptedSuggestion(_ turn: TurnContext, said: Extraction) -> String? {
        let words = turn.utterance.lowercased().split { !$0.isLetter }.map(String.init)
        let saysWhich = said.keywords.isEmpty && !said.asksForUnknownThing && said.useCase == nil && said.weakCategories.isEmpty
            && (!said.brands.isEmpty || !said.excludedBrands.isEmpty || said.hasBudget || !said.colors.isEmpty
                || !said.features.isEmpty)
        guard !words.isEmpty, saysWhich || words.allSatisfy(Self.affirmations.contains),
              let asked = Self.lastAssistantMessage(turn),
              let suggested = Self.suggestedCategory(in: asked) else { return nil }
        return extractor.extract(suggested).categories.first
    }

    /// What the assistant said last in the session (the question a short answer answers).
    static func lastAssistantMessage(_ turn: TurnContext) -> String? {
        turn.history.last(where: { $0.role == .assistant })?.text
    }

    /// A question suggesting one category of the catalog for a word the shopper used.
    static func suggestion(of category: String, word: String) -> String {
        "Do you mean \(category), or another kind of \(word) product?"
    }

    /// The category a `suggestion(of:word:)` question named.
    static func suggestedCategory(in question: String) -> String? {
        let prefix = "Do you mean ", separator = ", or another kind of "
        guard question.hasPrefix(prefix) else { return nil }
        let rest = question.dropFirst(prefix.count)
        guard let end = rest.firstRange(of: separator), end.lowerBound > rest.startIndex else { return nil }
        return String(rest[..<end.lowerBound])
    }
}
