import Shared

// What a category's products state: the sizes "bigger" and "small" compare, the key an amount is
// stated under, which categories have a screen or are books, and what a use asks of them.
extension EmbeddedInterpreter {
    /// "Bigger" and "smaller": a screen size one inch past the size asked for, or past the last
    /// bound either way ("55 inch", "bigger": 56 or more; then "smaller": 55 or less), or, for a
    /// product with a screen, past the largest (smallest) size the products shown name in their
    /// titles ("… 27 inch QHD Gaming Monitor"). "Bigger" of a thing for people is for one more than
    /// the most of the capacity asked for and the shown ones' ("6-Person Tent": 7 person). Else a feature.
    /// `including` keeps the size itself as the bound ("not bigger than that": 55 or less).
    func resize(_ spec: inout RequirementSpec, bigger: Bool, including: Bool = false, shown: [ProductResult]) {
        let (towards, away) = bigger ? ("screen_size_min", "screen_size_max") : ("screen_size_max", "screen_size_min")
        let current = spec.attributes["screen_size"] ?? spec.attributes[towards] ?? spec.attributes[away]
        let shownInches = Self.hasScreen(spec) ? shown.compactMap { Measure.stated(inTitle: $0.title, units: ["inch", "inches", "in"])?.number } : []
        if let inches = current.flatMap({ Double($0.split(separator: " ").first ?? "") })
            ?? (bigger ? shownInches.max() : shownInches.min()) {
            spec.attributes["screen_size"] = nil
            spec.attributes[bigger ? "screen_size_min" : "screen_size_max"] =
                Tokenizer.formatNumber(including ? inches : bigger ? inches + 1 : inches - 1) + " inch"
            spec.attributes[bigger ? "screen_size_max" : "screen_size_min"] = nil
            return
        }
        let people = [Self.peopleAsked(spec)].compactMap { $0 }
            + shown.compactMap { Measure.stated(inTitle: $0.title, units: ["person", "people", "persons", "man"])?.number }
        if bigger, let most = people.max() {
            spec.attributes["capacity"] = Tokenizer.formatNumber(most.rounded(.down) + 1) + " person"
            return
        }
        // "Something bigger" of backpacks, "nothing too big" of TVs before any was shown: the
        // biggest (smallest) first by the size their category states (capacity, screen size), else
        // the feature "large" or "compact" (before, always the feature, which few listings say).
        RankedMeasure.apply(.size, bigger ? .most : .least, to: &spec, said: [:])
    }

    /// "Something lighter", "like the second one but lighter": lighter than every one of
    /// `compared` (the products shown, or the one liked) that states its weight, the lightest
    /// first, as "cheaper" is cheaper than every one shown (before, the feature "lightweight",
    /// which a search that had it already answered with its next page). `false`, the spec
    /// unchanged, when none states a weight.
    func lighten(_ spec: inout RequirementSpec, than compared: [ProductResult], said: [String: String]) -> Bool {
        let weights = compared.compactMap { product -> (grams: Double, text: String)? in
            guard let stated = product.attribute("weight"), let grams = Measure.measuredAmount(stated), grams > 0 else { return nil }
            return (grams, stated)
        }
        guard let lightest = weights.min(by: { $0.grams < $1.grams }) else { return false }
        spec.attributes["weight_min"] = nil
        spec.attributes["weight_max"] = Self.weight(below: lightest.grams, metric: Self.isMetricWeight(lightest.text))
        RankedMeasure.apply(.weight, .least, to: &spec, said: said)
        return true
    }

    /// Whether the words compare weights ("lighter", "less heavy", "weighs less"), which the
    /// feature "lightweight" also reads.
    static func comparesWeight(_ tokens: [Token]) -> Bool {
        tokens.indices.contains { index in
            let word = tokens[index].text
            return word == "lighter" || word == "less" && index > 0 && ["weighs", "weigh"].contains(tokens[index - 1].text)
                || word == "heavy" && index > 0 && tokens[index - 1].text == "less"
        }
    }

    /// A round weight just under `grams`, as a bound reads (`weight_max`, which the catalog keeps
    /// inclusive): "3.1 lb" under 3 lb 2 oz, "12.4 oz" under 12.5 oz, "849 g", "1.1 kg" under 1.2 kg.
    static func weight(below grams: Double, metric: Bool) -> String {
        func tenthBelow(_ amount: Double) -> Double { ((amount - 0.001) * 10).rounded(.down) / 10 }
        if metric {
            return grams < 1_000 ? "\(Int((grams - 0.001).rounded(.down))) g" : Tokenizer.formatNumber(tenthBelow(grams / 1_000)) + " kg"
        }
        let pounds = grams / (Measure.units["lb"] ?? 453.592)
        if pounds > 1 { return Tokenizer.formatNumber(tenthBelow(pounds)) + " lb" }
        return Tokenizer.formatNumber(max(0.1, tenthBelow(grams / (Measure.units["oz"] ?? 28.3495)))) + " oz"
    }

    /// Whether a weight is stated in grams or kilograms.
    private static func isMetricWeight(_ text: String) -> Bool {
        let words = WordForms.words(text)
        return words.contains { word in
            ["g", "kg", "kgs", "gram", "grams"].contains(word) || word.hasSuffix("kg")
                || word.hasSuffix("g") && word.first?.isNumber == true
        }
    }

    /// A size no attribute states, as a feature in place of the opposite one: "large screen" (a
    /// product with a screen) or "large", or "compact". Before, a bigger tent was a "large screen" one.
    static func askForSizeFeature(_ spec: inout RequirementSpec, bigger: Bool) {
        let large = hasScreen(spec) ? "large screen" : "large"
        let feature = bigger ? large : "compact"
        spec.features.removeAll { $0 == (bigger ? "compact" : large) }
        if !spec.features.contains(feature) { spec.features.append(feature) }
    }

    /// The key products of `category` state an amount under: a drive's storage and a memory
    /// kit's memory are their `capacity` (`RankedMeasure.key`), a backpack's screen size the
    /// laptop its sleeve holds ("for a 15 inch laptop"), a desk's its width ("a 60 inch desk"), a
    /// vacuum's battery life its `runtime`, a camera's resolution the `video` it films; other keys
    /// are themselves.
    static func amountKey(_ key: String, category: String?) -> String {
        if key == "screen_size", category?.lowercased() == "backpacks" { return "laptop_sleeve" }
        if key == "screen_size", category?.lowercased() == "desks" { return "width" }
        // A camera's "4k" is what it films, which cameras state as "video" (before, "None of the
        // best matches states resolution: 4K" of eight 4K cameras).
        if key == "resolution", category?.lowercased() == "cameras" { return "video" }
        if key == "battery_life" || key == "runtime", let stated = RankedMeasure.batteryLife.key(inCategory: category) { return stated }
        let measure: RankedMeasure? = key == "storage" ? .storage : key == "ram" ? .memory : nil
        return measure?.key(inCategory: category) == "capacity" ? "capacity" : key
    }

    /// The amount of a part a product's title states, as a spec asks for it (`AmountStep`'s
    /// reading and writing): memory as the GB before "RAM", storage as the amount before "SSD" and
    /// the like, else as the largest amount that is no memory's ("Google Pixel 8 Pro, 256GB":
    /// "256GB"). `nil` for other parts, or when the title states none.
    static func amount(of part: String, statedIn title: String) -> (key: String, value: String)? {
        let key = ["ram", "memory"].contains(part) ? "ram" : ["storage", "ssd", "space"].contains(part) ? "storage" : ""
        guard let step = AmountStep.measures[key] else { return nil }
        if let amount = step.stated(in: title) { return (key, step.written(amount)) }
        guard key == "storage", let memory = AmountStep.measures["ram"] else { return nil }
        let tokens = Tokenizer.tokenize(title)
        let unnamed = tokens.indices.dropLast().compactMap { index -> Double? in
            guard let number = tokens[index].number, let size = step.titleUnits[tokens[index + 1].text],
                  !(index + 2 < tokens.count && memory.titleNouns.contains(tokens[index + 2].text)) else { return nil }
            return number * size
        }
        return unnamed.max().map { (key, step.written($0)) }
    }

    /// Whether an attribute names what a product of the category serves rather than what it is:
    /// "a gpu for 1440p gaming" drives that resolution, which no graphics card states (the reply
    /// said none of them did).
    static func saysWhatItServes(_ key: String, category: String?) -> Bool {
        key == "resolution" && category?.lowercased() == "graphics cards"
    }

    /// Whether the category is books or one under them ("Fiction" of "Books > Fiction").
    func isBooks(_ category: String) -> Bool {
        let path = extractor.lexicon.knowledge[category.lowercased()]?.path ?? [category]
        return path.contains { $0.lowercased() == "books" }
    }

    /// The people the thing asked for is for ("capacity": "4 person": a tent for 4, an air fryer
    /// for a family of 4); `nil` when the spec asks no such capacity.
    static func peopleAsked(_ spec: RequirementSpec) -> Double? {
        spec.attributes["capacity"].flatMap(people(in:))
    }

    /// The people a capacity value counts ("4 person": 4); `nil` for any other amount.
    static func people(in value: String) -> Double? {
        value.hasSuffix("person") ? Measure.amount(value) : nil
    }

    /// The catalog's running shoes, when `category` is shoes or sneakers that a use of running
    /// narrows to them; else `nil`.
    func runningShoes(narrowing category: String?) -> String? {
        guard ["sneakers", "shoes"].contains(category?.lowercased() ?? "") else { return nil }
        return vocabulary.categories.first { $0.name.lowercased() == "running shoes" }?.name
    }

    /// Words that ask for more of an amount without naming it: "is there one with more?".
    static let moreWords: Set<String> = ["more", "bigger", "larger", "higher", "longer"]

    /// The measure the shopper's last message asked about ("how much storage does it have?"),
    /// and whether of one product rather than of every one shown.
    static func measureAskedLast(in turn: TurnContext) -> (question: MeasureQuestion, isAboutOne: Bool)? {
        guard let last = turn.earlierUserMessage else { return nil }
        let tokens = Tokenizer.tokenize(last)
        guard let question = MeasureQuestion.asked(in: tokens) else { return nil }
        return (question, !MeasureQuestion.isAboutTheList(tokens))
    }

    /// Whether the spec's category is one of `screenCategories`.
    static func hasScreen(_ spec: RequirementSpec) -> Bool {
        spec.category.map { screenCategories.contains($0.lowercased()) } ?? false
    }

    /// Categories whose products have a screen, by lower-cased name: "bigger" is their screen's size.
    static let screenCategories: Set<String> = ["laptops", "monitors", "tvs", "phones", "tablets", "desktops"]

    /// Sets the amounts the spec's use asks of its category (`Lexicon.useNeeds`: 16GB of memory
    /// for a laptop for video editing) that the search does not ask for otherwise. A later use
    /// leaves them: the spec cannot tell them from amounts the shopper asked for, and they only rank.
    static func applyUseNeeds(_ spec: inout RequirementSpec) {
        guard let use = spec.useCase, let needs = spec.category.flatMap({ Lexicon.useNeeds[$0.lowercased()]?[use] }) else { return }
        for (key, value) in needs where spec.attributes[key] == nil { spec.attributes[key] = value }
    }

    /// Whether the category's name has the use case's words ("running" of "Running Shoes"):
    /// "running shoes for running" says it twice.
    static func isNamed(_ category: String, by useCase: String?) -> Bool {
        // Most uses are not in their category's name at all: no words to split then.
        guard let useCase, let first = useCase.split(separator: " ").first,
              WordForms.has(first.dropLast(first.count > 3 ? 1 : 0), in: category) else { return false }
        let nameWords = Set(WordForms.words(category))
        return WordForms.words(useCase).allSatisfy { WordForms.contains(nameWords, eitherNumberOf: $0) }
    }
}
