import Shared

// rank_and_compose: what the products found lack of what was asked, said before the reply names
// them (the catalog ranks by most wishes and filters by few, so the best matches may miss some).
extension EmbeddedInterpreter {
    /// What `products` lack of what was asked, one sentence each: the gender ("Only one of
    /// these three is for women; the others are for men."), the colour, an amount ("None of the best
    /// matches is for 6 people or more.") or a feature ("None of the best matches
    /// mentions "waterproof".").
    /// - Parameter parts: words of the category's listings asked for that none of `products`
    ///   mentions (`partsNoneMentions`), said with the features none has.
    static func unmetWishes(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>, parts: [String]) -> [String] {
        let values = valuesMet(spec, products)
        let fewOfThem = [brandCaveat(spec, products), genderCaveat(spec, products), childrenCaveat(spec, products),
                         colorCaveat(spec, products), screenSizeCaveat(spec, products),
                         weightBoundCaveat(spec, products), childsAgeCaveat(spec, products),
                         newestFeatureCaveat(spec, products)].compactMap { $0 }
            + partlyMetValuesCaveats(values, of: products.count)
        let amounts = amountsNoneHas(spec, products).map { amount in
            // "… is for 6 people or more.", not "states a capacity of 6 person".
            if let people = people(in: amount.value) {
                return "None of the best matches is for \(Tokenizer.formatNumber(people)) people or more."
            }
            return "None of the best matches states \(amount.name) of \(amount.value) or more."
        }
            // The other values asked for that none has ("cushioning: high"): the catalog ranks by
            // them and filters nothing, so "more cushioning" under a budget no cushioned shoe
            // meets listed the same shoes without a word.
            + values.filter { $0.met == 0 }.map { noneHasSentence($0.reason) }
            + (orderNoneStates(spec, products).map { ["None of the best matches states its \($0), so I couldn't order them by it."] } ?? [])
        let features = featuresNoneHas(spec, products) + parts.filter { !spec.features.contains($0) }
        return fewOfThem + amounts + (features.isEmpty ? [] : ["None of the best matches mentions \(features.map { "\"\($0)\"" }.joined(separator: " or "))."])
    }

    /// `unmetWishes` (with the parts none mentions) as a reply says them before its opening: each
    /// sentence, then a space; "" for none.
    func unmetWishesSaid(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String {
        let wishes = Self.unmetWishes(spec, products, parts: partsNoneMentions(spec, products))
        return wishes.isEmpty ? "" : wishes.joined(separator: " ") + " "
    }

    /// "None of the best matches is by Agatha Christie.", "… works with iPhone.", else "… states
    /// "cushioning: high"." (`AttributeName.reason`).
    static func noneHasSentence(_ reason: String) -> String {
        if reason.hasPrefix("by ") || reason.hasPrefix("for ") { return "None of the best matches is \(reason)." }
        if reason.hasPrefix("works with ") { return "None of the best matches \(reason)." }
        return "None of the best matches states \"\(reason)\"."
    }

    /// Attribute values a reply's description names ("mystery books by Agatha Christie").
    static let describedKeys = ["genre", "author"]

    /// Whether the catalog gave the product `reason` as a match reason (or a longer one that
    /// starts with it: "16GB RAM" of "16GB RAM DDR5"), whatever the case.
    static func product(_ product: ProductResult, hasReason reason: String) -> Bool {
        let wanted = reason.lowercased()
        return product.matchReasons.contains { $0.lowercased().hasPrefix(wanted) }
    }

    /// How many of `products` meet each attribute value asked for that no other caveat or the
    /// opening covers (`otherwiseSaidKeys`, amounts, bounds, orders: "cushioning: high",
    /// "resolution: 4K", "genre: mystery"), by the catalog's reason for it.
    static func valuesMet(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [(key: String, reason: String, met: Int)] {
        spec.attributes.sorted { $0.key < $1.key }.compactMap { key, value in
            guard !otherwiseSaidKeys.contains(key), amountAttributes[key] == nil, !key.hasSuffix("_min"), !key.hasSuffix("_max"),
                  MeasureOrder(value: value) == nil else { return nil }
            let reason = AttributeName.reason(key: key, value: value)
            return (key, reason, products.count { product($0, hasReason: reason) })
        }
    }

    /// The spec without the described values (`describedKeys`) that some of `products` do not
    /// meet: the reply names products by what all of them are.
    static func withoutPartlyMet(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> RequirementSpec {
        var named = spec
        for (key, _, met) in valuesMet(spec, products) where met < products.count && describedKeys.contains(key) {
            named.attributes[key] = nil
        }
        if childrenCaveat(spec, products) != nil { named.useCase = nil }
        if weightBoundCaveat(spec, products) != nil { (named.attributes["weight_min"], named.attributes["weight_max"]) = (nil, nil) }
        return named
    }

    /// "None of the best matches is made for kids: they are for men or women." for clothes or
    /// shoes asked for a child ("a hoodie for my son") when each of `products` is for an adult
    /// by its gender (before, "the top 3 hoodies for kids" listed a women's and two men's).
    static func childrenCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard spec.useCase == Lexicon.childrenUse, !products.isEmpty else { return nil }
        // Whom each is for: its gender, or "adults" said in a unisex title ("Gildan Adult Heavy Blend").
        let whom = products.map { product -> [String]? in
            let genders = Self.genders(of: product)
            if !genders.isEmpty, genders.allSatisfy({ $0 == "men" || $0 == "women" }) { return genders }
            return WordForms.words(product.title).contains { $0 == "adult" || $0 == "adults" } ? ["adults"] : nil
        }
        guard whom.allSatisfy({ $0 != nil }) else { return nil }
        let genders = Set(whom.compactMap { $0 }.joined())
        let forWhom = genders.contains("adults") ? "adults" : genders.sorted().joined(separator: " or ")
        return "None of the best matches is made for kids: \(products.count == 1 ? "it is" : "they are") for \(forWhom)."
    }

    /// "None of the best matches says it is made for children." when a child's age was asked
    /// ("headphones for my 8 year old") of things whose listings state no age: the catalog ranks
    /// an age only where listings state one (toys, books), so studio headphones were listed for an
    /// 8-year-old without a word. A product that states an age, is a toy, says "kids" in its title
    /// or "for children" in its description, is made for them; `childrenCaveat` speaks of clothes.
    static func childsAgeCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let age = spec.attributes["age"].flatMap(Double.init), age < 13, !products.isEmpty,
              spec.useCase != Lexicon.childrenUse else { return nil }
        let forChildren = products.contains { product in
            product.attributes.keys.contains { AttributeName.key($0) == "age" } || title(product.category, hasAnyOf: childrensDepartments)
                || title(product.title, hasAnyOf: childrenWords)
                || childrenPhrases.contains { WordForms.has($0, in: product.description ?? "") }
        }
        return forChildren ? nil : "None of the best matches says it is made for children."
    }

    /// Words with which a title says the product is for children: the catalog's, and "boys" or
    /// "girls" ("Girls' Running Shoes").
    private static let childrenWords = ProductResult.childrenTitleWords + ["boys", "girls"]
    /// What a description says of a product for children; not its "kids" alone ("good for travel,
    /// pets and kids in motion" of a camera, "kids' rooms" of a TV).
    private static let childrenPhrases = ["for kids", "for children", "young readers", "for toddlers", "child-friendly",
                                          "kid-friendly", "kid-proof", "for boys", "for girls"]
    /// Words of categories whose things are for children ("Toys > Building Sets").
    private static let childrensDepartments = ["toys", "toy", "building", "games", "puzzles", "baby"]

    /// "Only one of these three states "genre: mystery"." for a value asked for that some of the
    /// `count` products meet (`valuesMet`; none meeting it: `unmetWishes`): before, only for a
    /// book's genre or author, and a Full HD monitor was listed among "4K" ones without a word.
    static func partlyMetValuesCaveats(_ values: [(key: String, reason: String, met: Int)], of count: Int) -> [String] {
        values.compactMap { _, reason, met in
            guard met > 0, met < count else { return nil }
            let verb = reason.hasPrefix("by ") ? (met == 1 ? "is " : "are ") : (met == 1 ? "states " : "state ")
            let said = reason.hasPrefix("by ") ? reason : "\"\(reason)\""
            return "Only \(counted(met)) of these \(counted(count)) \(verb)\(said)."
        }
    }

    /// "Only one of these three is by LEGO.": the brands asked for rank first, but a product the
    /// rest fits better (sets for the age asked for) may come before the brand's others. (None
    /// of the brands: the reply's own opening; every one of the brand's in the list: "I found
    /// only one match for…".)
    static func brandCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard !spec.brands.isEmpty else { return nil }
        let matching = Self.products(products, byAnyOf: spec.brands).count
        guard matching > 0, matching < products.count else { return nil }
        let brands = spec.brands.joined(separator: " or ")
        return "Only \(counted(matching)) of these \(counted(products.count)) \(matching == 1 ? "is" : "are") by \(brands)."
    }

    /// How many of `products` come in the colour asked for, said when some do not ("Only two of
    /// these three come in green."): a colour ranks, it filters nothing, so "Coleman" after
    /// green tents lists Coleman's tents of every colour. (None in it: the reply's own opening.)
    static func colorCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let color = spec.attributes["color"] else { return nil }
        let matching = products.filter { product($0, isIn: color) }.count
        guard matching > 0, matching < products.count else { return nil }
        return "Only \(counted(matching)) of these \(counted(products.count)) \(matching == 1 ? "comes" : "come") in \(color)."
    }

    /// How many of `products` have the screen size asked for, said when not all do: a size
    /// ranks and filters nothing, so OLED TVs asked for at 55 inches, which come only bigger,
    /// were listed without a word. The catalog gives each one that has it the reason "55 inch screen".
    static func screenSizeCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let size = spec.attributes["screen_size"], MeasureOrder(value: size) == nil, !products.isEmpty else { return nil }
        let reason = AttributeName.reason(key: "screen_size", value: size)
        let matching = products.filter { product($0, hasReason: reason) }.count
        guard matching < products.count else { return nil }
        if matching == 0 { return "None of the best matches has a \(size) screen." }
        return "Only \(counted(matching)) of these \(counted(products.count)) \(matching == 1 ? "has" : "have") a \(size) screen."
    }

    /// How many of `products` state no weight when a weight was bounded ("lighter than 10 lb"):
    /// the catalog keeps out those that state a weight outside the bound, and keeps those that
    /// state none, so "the tents weighing 10 lb or less" may include some of unknown weight.
    static func weightBoundCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let bound = weightBound(spec), !products.isEmpty else { return nil }
        let stating = products.filter(statesWeight).count
        guard stating < products.count else { return nil }
        if stating == 0 { return "None of the best matches states its weight, so I couldn't check it is \(bound)." }
        return "Only \(counted(stating)) of these \(counted(products.count)) \(stating == 1 ? "states its" : "state their") weight; "
            + "the \(products.count - stating == 1 ? "other may not be" : "others may not be") \(bound)."
    }

    private static func statesWeight(_ product: ProductResult) -> Bool {
        product.attributes.keys.contains { AttributeName.key($0) == "weight" }
    }

    /// The weight bounds asked, as a reply says them: "10 lb or less", "5 kg or more", "2 to 4 kg".
    static func weightBound(_ spec: RequirementSpec) -> String? {
        switch (spec.attributes["weight_min"], spec.attributes["weight_max"]) {
        case (let least?, let most?): "\(least) to \(most)"
        case (let least?, nil): "\(least) or more"
        case (nil, let most?): "\(most) or less"
        case (nil, nil): nil
        }
    }

    /// A count of products a reply lists, in words up to three ("two").
    static func counted(_ number: Int) -> String {
        (1...3).contains(number) ? ["one", "two", "three"][number - 1] : String(number)
    }

    /// How many of `products` are for another gender than the one asked for, said when some
    /// are: the catalog ranks them last and filters none out, so a search for women's shoes
    /// under $100 that finds one pair fills up with men's. A product's gender is the one its
    /// attributes state, else its title ("… Men's Running Shoes"); a unisex one is for either.
    static func genderCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let asked = askedGender(spec.attributes["gender"]) else { return nil }
        let others = products.compactMap { product -> [String]? in
            let genders = Self.genders(of: product)
            return genders.isEmpty || Gender.suits(genders, asked: asked) ? nil : genders
        }
        guard !others.isEmpty else { return nil }
        let forOthers = "for " + Set(others.joined()).sorted().joined(separator: " or ")
        let matching = products.count - others.count
        if matching == 0 { return "None of the best matches is for \(asked): \(products.count == 1 ? "it is" : "they are") \(forOthers)." }
        return "Only \(counted(matching)) of these \(counted(products.count)) \(matching == 1 ? "is" : "are") for \(asked); "
            + (others.count == 1 ? "the other is \(forOthers)." : "the others are \(forOthers).")
    }

    /// The amounts of which more serves as well, by attribute key: how a reply names each, and
    /// the keys a product may state it under.
    static let amountAttributes: [String: (name: String, keys: Set<String>)] = [
        "capacity": ("a capacity", ["capacity"]), "ram": ("memory", ["ram", "memory"]), "storage": ("storage", ["storage"]),
        "refresh_rate": ("a refresh rate", ["refresh_rate"]), "battery": ("a battery", ["battery", "battery_capacity"]),
        "power": ("a power", ["power", "wattage"]), "battery_life": ("a battery life", ["battery_life", "battery_hours"]),
        "runtime": ("a run time", ["runtime", "run_time"]),
        "piece_count": ("a piece count", ["piece_count", "pieces"]), "cores": ("a core count", ["cores", "core_count"]),
        "laptop_sleeve": ("a laptop sleeve", ["laptop_sleeve"]), "water_resistance": ("a water resistance", ["water_resistance"]),
        "max_weight": ("a maximum weight", ["max_weight", "weight_capacity", "maximum_weight"]),
    ]

    /// The amounts asked for ("capacity": "6 person", "ram": "32GB") that none of `products`
    /// states at least as much of, read with their units (`Measure`), or names in its title
    /// ("… 32GB RAM …"). A product that does not state one has too little, as the catalog ranks it.
    static func amountsNoneHas(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [(name: String, value: String)] {
        spec.attributes.sorted { $0.key < $1.key }.compactMap { key, value in
            guard let amount = amountAttributes[key], let wanted = Measure.amount(value) else { return nil }
            // People asked of a capacity in quarts are the people it feeds (`Measure.peopleFed`).
            let isPeople = key == "capacity" && peopleAsked(spec) != nil
            func had(_ stated: String) -> Double { (isPeople ? Measure.peopleFed(byCapacity: stated) : nil) ?? Measure.amount(stated) ?? 0 }
            // The catalog ranks the products that have it first: the first one nearly always settles it.
            let valueWords = WordForms.words(value)
            let someHaveIt = products.contains { product in
                product.attributes.contains { amount.keys.contains(AttributeName.normalized($0.key)) && had($0.value) >= wanted }
                    || Measure.stated(key, inTitle: product.title).map { had($0.value) >= wanted } == true
                    // A title's bytes first: most do not have the words, and need not be split.
                    || valueWords.allSatisfy { WordForms.has($0, in: product.title) }
                    && valueWords.allSatisfy(Set(WordForms.words(product.title)).contains)
            }
            return someHaveIt ? nil : (amount.name, value)
        }
    }

    /// Keys of wanted attributes that the reply's other caveats or its opening cover, or whose
    /// match the catalog words otherwise ("55 inch screen", "size 10"; amounts: `amountAttributes`).
    private static let otherwiseSaidKeys: Set<String> = RequirementSpec.constraintKeys.union(["color", "excluded_color", "gender", "age",
                                                                                                 "size", "screen_size"])

    /// The measure the spec orders by ("weight" of "the lightest") when none of `products`
    /// states it: the catalog puts those that do first, so the order decided nothing.
    static func orderNoneStates(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let order = RankedMeasure.said(spec), !products.contains(where: { RankedMeasure.states($0, key: order.key) })
        else { return nil }
        return order.name
    }

    /// The spec's features of the lexicon ("waterproof") that none of `products` has: the
    /// catalog gives each product that has one the feature's words as a reason. A part asked
    /// for ("a phone with a good camera") is no such feature: every phone has one, and few
    /// listings say so.
    static func featuresNoneHas(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [String] {
        spec.features.filter { feature in
            Lexicon.featureNames.contains(feature.lowercased()) && !products.contains { Self.product($0, hasFeature: feature) }
        }
    }

    /// Whether the catalog gave the product the feature as a reason; a discount is said as one
    /// ("20% off"), not as "on sale".
    static func product(_ product: ProductResult, hasFeature feature: String) -> Bool {
        let reason = feature.lowercased()
        return reason == "on sale" ? product.matchReasons.contains { $0.hasSuffix("% off") } : product.matchReasons.contains(reason)
    }

    /// How many of `products` have the feature asked for last, said when some but not all do:
    /// features rank and filter nothing, so "something warmer" after waterproof jackets listed
    /// two rain shells above the one insulated jacket without a word.
    static func newestFeatureCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let feature = spec.features.last, Lexicon.featureNames.contains(feature.lowercased()) else { return nil }
        let matching = products.filter { product($0, hasFeature: feature) }.count
        guard matching > 0, matching < products.count else { return nil }
        return "Only \(counted(matching)) of these \(counted(products.count)) \(matching == 1 ? "mentions" : "mention") \"\(feature)\"."
    }

    /// Keywords that the category's listings use for a part or a kind of its products ("what about
    /// a grinder?" after coffee makers: `merge` refines the search with it) that none of
    /// `products` mentions in its title, its description (as a word: "ice" of "crushes ice", not
    /// of "device"), an attribute's value or a reason the catalog gave: the
    /// catalog ranks by them and filters nothing, so coffee makers under $150, none with a
    /// grinder, were listed without a word. Other keywords (what a son studies) are left unsaid.
    /// Parts named by a use's word ("rain cover", "travel case": `SpecExtractor.partsNamedByUse`)
    /// are said whole when none of `products` mentions them, whatever the category's listings say.
    func partsNoneMentions(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [String] {
        guard let category = spec.category, !spec.keywords.isEmpty, !products.isEmpty else { return [] }
        let namedByUse = zip(spec.keywords, spec.keywords.dropFirst()).compactMap { use, part -> String? in
            guard SpecExtractor.partsNamedByUse.contains(part),
                  extractor.lexicon.phrases[use]?.contains(where: { if case .useCase = $0 { true } else { false } }) == true
            else { return nil }
            return use + " " + part
        }
        let unmentioned = namedByUse.filter { phrase in
            !products.contains { product in
                WordForms.has(phrase, in: product.title) || WordForms.has(phrase, in: product.description ?? "")
                    || product.attributes.contains { WordForms.has(phrase, in: $0.value) }
                    // The catalog's 'matches "kids case"' of a "Kids Edition … Kid-Proof Case".
                    || product.matchReasons.contains { WordForms.has(phrase, in: $0) }
            }
        }
        let listingWords = extractor.lexicon.listingWords[category.lowercased()]
        let said = Set(WordForms.words((spec.query ?? "") + " " + (spec.useCase ?? ""))).union(namedByUse.flatMap(WordForms.words))
        return unmentioned + spec.keywords.filter { keyword in
            // A model number ("rtx 4070" of laptops that have a 4060) names a product whatever
            // the category's listings say: before, RTX 4060 laptops were listed without a word.
            let isModelNumber = keyword.utf8.contains { $0 &- UInt8(ascii: "0") < 10 }
            guard !said.contains(keyword),
                  isModelNumber || listingWords.map({ WordForms.contains($0, eitherNumberOf: keyword) }) == true else { return false }
            return !products.contains { Self.product($0, mentions: keyword) }
        }
    }

    /// Whether the product's title or description has the word (in either number, or a
    /// material's adjective: "wooden" of "wood"), or an attribute value or a match reason has it.
    static func product(_ product: ProductResult, mentions word: String) -> Bool {
        let forms = [word] + (MaterialWords.adjectives[word] ?? [])
        return title(product.title, hasAnyOf: forms) || title(product.description ?? "", hasAnyOf: forms)
            // An attribute's name says what the product has unless its value says it has not:
            // "side_panel": "Tempered Glass" mentions a side panel.
            || product.attributes.contains { key, value in
                WordForms.has(word, in: value) || !AttributeName.isNegative(value) && WordForms.has(word, in: AttributeName.spoken(key))
            }
            || product.matchReasons.contains { WordForms.has(word, in: $0) }
    }
}
