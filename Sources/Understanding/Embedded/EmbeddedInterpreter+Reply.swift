import Shared

// MARK: rank_and_compose

/// The reply to a search: what it found, named as the shopper asked for it only when the products
/// are that, and what to try when it found nothing.
extension EmbeddedInterpreter {
    /// The reply of `rank_and_compose`: what was found (`reply(for:results:turn:)`), then a
    /// second kind the turn asked for, to ask for next (`laterKindNote`).
    public func composedReply(_ turn: TurnContext, spec: RequirementSpec, results: SearchResults) -> String {
        let reply = reply(for: spec, results: results, turn: turn)
        return laterKindNote(turn, spec: spec, opening: false).map { reply + " " + $0 } ?? reply
    }

    /// The reply: how many matched, then the top three with price and why each fits.
    /// - Parameter turn: the turn replied to; when it asked for cheaper or pricier products and
    ///   none exist, the reply names the shown product that already is the cheapest or dearest.
    public func reply(for spec: RequirementSpec, results: SearchResults, turn: TurnContext? = nil) -> String {
        let products = results.products
        // "The top 3 mystery books" only when all three are (a caveat says how many are).
        let namedSpec = Self.withoutPartlyMet(spec, products.prefix(3))
        let what = Self.describe(namedSpec)
        let shownBefore = turn?.shownBefore ?? 0
        guard !products.isEmpty else {
            if shownBefore > 0 {
                return "That's all the \(what) I found: you have seen all \(shownBefore) of them. "
                    + "Ask again to start over from the best, or change the budget, brand or details to see others."
            }
            if let turn, let text = noneBeyondShown(turn, spec: spec) { return text }
            // "…any watches other than smartwatches": what was kept out, which may be all there is.
            let keptOut = spec.attributes[RequirementSpec.excludedWordsKey].map { words in
                " other than " + words.split(separator: ",").map { word in
                    extractor.lexicon.category(namedBy: String(word)).map(WordForms.counted) ?? "\"\(word)\" ones"
                }.joined(separator: " or ")
            } ?? ""
            var text = "I couldn't find any \(what)\(keptOut) right now."
            if let nearest = turn?.nearestOutsideBudget, let hint = Self.nearestHint(nearest, budget: spec.budget) {
                text += " " + hint
            } else if !spec.budget.isOpen { text += " A wider budget" + (spec.brands.isEmpty ? "" : " or another brand") + " may help." }
            else if !spec.brands.isEmpty { text += " Another brand may help." }
            else { text += " Try different words or fewer details." }
            return text
        }
        let top = products.prefix(3)
        var text: String
        let ofBrands = spec.brands.isEmpty ? [] : Self.products(top, byAnyOf: spec.brands)
        // A blue Sony among others' white headphones is no match for "white Sony headphones" (it
        // said "I found only one match for white Sony headphones").
        let isOfBrandInNoColor = spec.attributes["color"].map { color in
            !ofBrands.isEmpty && ofBrands.count < top.count && !ofBrands.contains { Self.product($0, isIn: color) }
        } ?? false
        if shownBefore > 0 {
            // A further page of the same search ("show me more"): which ones of how many. The
            // brands and colour asked for rank first, so a later page may have none of them.
            var described = namedSpec
            var others: [String] = []
            if !spec.brands.isEmpty, Self.products(products, byAnyOf: spec.brands).isEmpty {
                described.brands = []
                others.append("from other brands")
            }
            if let color = spec.attributes["color"], !products.contains(where: { Self.product($0, isIn: color) }) {
                described.attributes["color"] = nil
                others.append("in other colours")
            }
            let what = ([Self.describe(described)] + others).joined(separator: " ")
            let last = shownBefore + products.count
            text = turn.flatMap { alreadyInOrder($0, spec: spec) } ?? ""
            text += products.count == 1 ? "Here is one more of the \(what)" : "Here are \(products.count) more \(what)"
            text += " (\(shownBefore + 1)\(last > shownBefore + 1 ? "–\(last)" : "")"
            text += results.totalFound >= last ? " of \(results.totalFound) found): " : "): "
        } else if !spec.brands.isEmpty, ofBrands.isEmpty {
            // The brand is a preference the search could not meet: say so, not "the top 3 Sony …".
            text = "I couldn't find any \(what) right now. "
            text += top.count == 1 ? "The closest match from another brand: " : "The closest \(top.count) from other brands: "
        } else if isOfBrandInNoColor {
            text = "I couldn't find any \(what) right now. The closest \(top.count): "
        } else if !spec.brands.isEmpty, ofBrands.count < top.count,
                  Self.products(products, byAnyOf: spec.brands).count == ofBrands.count {
            // Fewer of the brand than the reply lists (the catalog puts them first): not "the top 3 Apple phones".
            text = "I found only \(ofBrands.count == 1 ? "one match" : "\(ofBrands.count) matches") for \(what); "
            text += "the closest from other brands follow: "
        } else if let wanted = Self.wantedKind(spec), !top.contains(where: { Self.product($0, isOf: wanted) }),
            // "A desk chair" is an office chair whatever its title says: "desk" names what it goes
            // with (not "I couldn't find any desk office chairs").
            !(spec.category.map { category in wanted.words.allSatisfy { extractor.namesOtherCategory($0, than: category) } } ?? false) {
            // "Sleeping bags" in a catalog whose bags are backpacks: not "the top 3 bags for camping";
            // a speaker asked for where only a tablet's description mentions one: not "the best match";
            // an electric toothbrush where only standing desks are electric: not "matching" either.
            text = "I couldn't find any \(wanted.name) right now. "
            text += top.count == 1 ? "This is the closest: " : "These \(top.count) are the closest: "
        } else if let color = spec.attributes["color"], !top.contains(where: { Self.product($0, isIn: color) }) {
            // A colour is a preference the search ranks by, not a filter: not "the top 3 red tents"
            // when the best matches for the rest are green.
            var uncolored = namedSpec
            uncolored.attributes["color"] = nil
            text = "None of the best matches comes in \(color). "
            text += top.count == 1 ? "Here is the best of the \(Self.describe(uncolored))" : "Here are the top \(top.count) \(Self.describe(uncolored))"
            text += results.totalFound > top.count ? " out of \(results.totalFound) found: " : ": "
        } else if case let caveats = Self.unmetWishes(spec, top, parts: partsNoneMentions(spec, top)), !caveats.isEmpty {
            // Genders, amounts and features rank too, they filter nothing: "cheaper" waterproof
            // jackets may find only a fleece, tents for 6 people under $100 only smaller ones.
            text = caveats.joined(separator: " ") + " "
            // Not "the top 3 green tents" after saying only one of them is green.
            var described = namedSpec
            if Self.colorCaveat(spec, top) != nil { described.attributes["color"] = nil }
            if Self.brandCaveat(spec, top) != nil { described.brands = [] }
            text += Self.opening(Self.describe(described), spec: spec, top: top, totalFound: results.totalFound)
        } else {
            // "The top 3 SSDs", not "the top 3 storage", when every one listed is one.
            let named = Self.ownKindName(spec, top).map { Self.describe(namedSpec, naming: $0) } ?? what
            text = Self.opening(named, spec: spec, top: top, totalFound: results.totalFound)
        }
        var lines: [String] = []
        for (position, product) in top.enumerated() {
            var line = "\(position + 1). \(product.title) at \(PriceFormat.amount(product.price, currency: product.currency))"
            var reasons = Array(product.matchReasons.prefix(3))
            if reasons.isEmpty, let rating = product.rating { reasons.append("rated \(PriceFormat.rating(rating))") }
            if !reasons.isEmpty { line += " — " + reasons.joined(separator: ", ") }
            lines.append(line)
        }
        text += lines.joined(separator: "; ") + "."
        if let first = top.first, let rating = first.rating, rating >= 4.5 {
            // By its brand when no other listed product has it: not "The Logitech" among three Logitechs.
            let brand = first.brand.flatMap { brand in
                top.dropFirst().contains { $0.brand?.lowercased() == brand.lowercased() } ? nil : brand
            }
            text += " \(brand.map { Self.the($0, opening: true) } ?? "The first one") is especially well rated."
        }
        if let note = Self.useNeedsNote(spec, top) ?? Self.peopleFedNote(spec, top) { text += " " + note }
        return text
    }

    /// "A quart feeds about one person, so I put those of 4 qt or more first.": people asked of
    /// a capacity the products state in quarts or litres (an air fryer for a family of 4), as
    /// the catalog ranks them (`Measure.millilitresPerPerson`). `nil` when the first product
    /// states no such capacity (a tent's is in people) or none of `products` feeds that many.
    static func peopleFedNote(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let people = peopleAsked(spec), let first = products.first,
              first.attributes.contains(where: { AttributeName.normalized($0.key) == "capacity" && Measure.peopleFed(byCapacity: $0.value) != nil }),
              amountsNoneHas(spec, products).isEmpty else { return nil }
        return "A quart feeds about one person, so I put those of \(Tokenizer.formatNumber(people)) qt or more first."
    }

    /// "Here are the top 3 TVs under $1,000, largest screen first, out of 8 found: ": the order
    /// by price asked for, or by a measure when the products state it (`orderNoneStates` says
    /// otherwise).
    static func opening(_ what: String, spec: RequirementSpec, top: ArraySlice<ProductResult>, totalFound: Int) -> String {
        let text = top.count == 1 ? "Here is the best match for \(what)" : "Here are the top \(top.count) \(what)"
        // The catalog puts those that meet more of the wishes first, and sorts by price within
        // them: "cheapest first" only when the prices listed say so.
        let prices = top.map(\.price)
        let rising = zip(prices, prices.dropFirst()).allSatisfy { $0 <= $1 }
        let falling = zip(prices, prices.dropFirst()).allSatisfy { $0 >= $1 }
        let byPrice: String? = switch spec.sort {
        case .priceAscending: rising ? "cheapest first" : "best matches first, then cheapest"
        case .priceDescending: falling ? "most expensive first" : "best matches first, then most expensive"
        case .relevance, .rating: nil
        }
        // The catalog orders by a measure before the sort, and by the features asked for before
        // that: "thickest first" only when the amounts listed say so.
        let byMeasure = RankedMeasure.said(spec).flatMap { said -> String? in
            guard orderNoneStates(spec, top) == nil else { return nil }
            return RankedMeasure.listedInOrder(top, spec: spec) ? said.order
                : "best matches first, then " + (said.order.hasSuffix(" first") ? String(said.order.dropLast(6)) : said.order)
        }
        guard top.count > 1, let order = byMeasure ?? byPrice else {
            return text + (totalFound > top.count ? " out of \(totalFound) found: " : ": ")
        }
        return text + ", " + order + (totalFound > top.count ? ", out of \(totalFound) found: " : ": ")
    }

    /// "For video editing, I put those with 16GB of memory or more first.": the amounts the
    /// search's use asks of its category (`Lexicon.useNeeds`) rank its products, though the
    /// shopper did not name them. `nil` when the search's amounts are others, or when none of
    /// `products` has them (the reply's caveat says so then).
    static func useNeedsNote(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard let use = spec.useCase, let needs = spec.category.flatMap({ Lexicon.useNeeds[$0.lowercased()]?[use] }),
              !needs.isEmpty, needs.allSatisfy({ spec.attributes[$0.key] == $0.value }) else { return nil }
        let unmet = Set(amountsNoneHas(spec, products).map(\.name))
        guard !needs.keys.contains(where: { amountAttributes[$0].map { unmet.contains($0.name) } ?? false }) else { return nil }
        let amounts = needs.sorted { $0.key < $1.key }.map { key, value in
            // "16GB of memory", "a refresh rate of 144Hz".
            key == "ram" || key == "storage" ? "\(value) of \(amountAttributes[key]?.name ?? key)"
                : "\(amountAttributes[key]?.name ?? key) of \(value)"
        }
        return "For \(use), I put those with \(amounts.joined(separator: " and ")) or more first."
    }

    /// "The cheapest I found is the X at $29.99: say "under $30" to see it and others." for a
    /// search that found nothing within the budget; `nil` when `nearest` is within it after all.
    static func nearestHint(_ nearest: ProductResult, budget: RequirementSpec.Budget) -> String? {
        let price = PriceFormat.amount(nearest.price, currency: nearest.currency)
        // The bound to ask for, in the budget's currency when the product is priced in it.
        let sameCurrency = nearest.currency == budget.currency
        if let max = budget.max, nearest.price > max || !sameCurrency {
            let bound = sameCurrency ? PriceFormat.amount(Self.roundedUp(nearest.price), currency: budget.currency) : nil
            return "The cheapest I found is \(Self.the(nearest.title)) at \(price)"
                + (bound.map { ": say \"under \($0)\" to see it and others." } ?? ".")
        }
        if budget.max == nil, let min = budget.min, nearest.price < min || !sameCurrency {
            let floor = Self.roundedDown(nearest.price)
            let bound = sameCurrency && floor > 0 ? PriceFormat.amount(floor, currency: budget.currency) : nil
            return "The dearest I found is \(Self.the(nearest.title)) at \(price)"
                + (bound.map { ": say \"over \($0)\" to see it and others." } ?? ".")
        }
        return nil
    }

    /// A round budget at or above `price`: the next multiple of the price's `roundingStep`
    /// ($29.99 → $30, $152 → $160, $1,249 → $1,250).
    static func roundedUp(_ price: Double) -> Double {
        (price / roundingStep(price)).rounded(.up) * roundingStep(price)
    }

    /// A round minimum at or below `price`: the multiple of its `roundingStep` below it.
    static func roundedDown(_ price: Double) -> Double {
        (price / roundingStep(price)).rounded(.down) * roundingStep(price)
    }

    /// How round a budget said back is: 5 below 100, 10 below 1,000, 50 above.
    private static func roundingStep(_ price: Double) -> Double {
        price < 100 ? 5 : price < 1000 ? 10 : 50
    }

    /// "Nothing cheaper than the X at $29.99 …" for a "cheaper" (or "pricier") turn that found
    /// nothing: the budget it searched with was set from the shown prices, so "under $26" alone
    /// would not say why, and "a wider budget may help" would answer the opposite of the request.
    /// "Anything narrower?" of desks shown narrowest first: none is, and the reply says so before
    /// the next page (before, the next page alone, of wider desks, as if it had answered).
    private func alreadyInOrder(_ turn: TurnContext, spec: RequirementSpec) -> String? {
        let said = extractor.extract(turn.utterance)
        guard let asked = said.refinements.contains(.smaller) ? MeasureOrder.least : said.refinements.contains(.bigger) ? .most : nil,
              MeasureOrder.asked(in: spec.attributes)?.order == asked, let first = turn.lastShown.first,
              let (_, _, words) = RankedMeasure.said(spec) else { return nil }
        let kind = spec.category.map(WordForms.spoken) ?? "products"
        let superlative = words.hasSuffix(" first") ? String(words.dropLast(6)) : words
        return "The \(kind) shown were already \(words): \(Self.the(first.title)) is the \(superlative) I found. "
    }

    private func noneBeyondShown(_ turn: TurnContext, spec: RequirementSpec) -> String? {
        let said = extractor.extract(turn.utterance)
        let wantsCheaper = said.refinements.contains(.cheaper)
        guard !said.hasBudget, wantsCheaper || said.refinements.contains(.pricier) else { return nil }
        // "Something cheaper in pink" may have found nothing for the pink: say the usual.
        guard said.categories.isEmpty, said.colors.isEmpty, said.excludedColors.isEmpty, said.excludedBrands.isEmpty,
              said.attributes.isEmpty, said.features.isEmpty, said.keywords.isEmpty, said.useCase == nil,
              said.condition == nil else { return nil }
        let shown = Self.shownCompared(turn.lastShown, brands: spec.brands, gender: spec.attributes["gender"], features: spec.features)
        guard let limit = wantsCheaper ? shown.min(by: { $0.price < $1.price }) : shown.max(by: { $0.price < $1.price })
        else { return nil }
        let price = PriceFormat.amount(limit.price, currency: limit.currency)
        let kind = spec.category.map(WordForms.spoken) ?? "products"
        return "I couldn't find anything \(wantsCheaper ? "cheaper" : "pricier") than \(Self.the(limit.title)) at \(price): "
            + "it is the \(wantsCheaper ? "lowest" : "highest") price among the \(kind) I found. "
            + "Name a budget, or say \"forget the budget\", to see the others again."
    }

    /// The spec's keywords that say which kind of its category is wanted ("sleeping" of
    /// "sleeping bags", "espresso" of "espresso machines"): those its query has too, but not the
    /// category's words, the use case or a noun for any product. Other keywords ("waist 32",
    /// "studies engineering") are searched but name no kind.
    static func kindWords(of spec: RequirementSpec?) -> [String] {
        guard let spec, let category = spec.category, let query = spec.query, !spec.keywords.isEmpty else { return [] }
        let queryWords = Set(query.lowercased().split(separator: " ").map(String.init))
        // Most keywords are no kind (a reply asks this three times): those not in the query first.
        guard spec.keywords.contains(where: { $0 != spec.useCase && queryWords.contains($0) }) else { return [] }
        return SpecExtractor.narrowingWords(spec.keywords, of: category).filter { $0 != spec.useCase && queryWords.contains($0) }
    }

    /// The kind of product the spec names by words a title would have, and its name in the
    /// plural: "sleeping bags" (the category's kind words and the category: a title with one
    /// of them is that kind), or without a category the shopper's word ("speakers" of "a
    /// waterproof bluetooth speaker") or words quoted, which a title must all have ("electric
    /// toothbrush"); `nil` when the category alone names it.
    static func wantedKind(_ spec: RequirementSpec) -> (words: [String], name: String, needsEvery: Bool)? {
        if let category = spec.category {
            let words = kindWords(of: spec)
            guard let first = words.first else { return nil }
            let name = isOwnKindName(first) ? WordForms.spokenKind(first) : first + " " + WordForms.spoken(category)
            return (words, name, false)
        }
        let words = namedThings(spec)
        guard let only = words.first else { return nil }
        return (words, words.count == 1 ? plural(of: only) : "products named \"\(words.joined(separator: " "))\"", true)
    }

    /// Whether a product is of the kind wanted: its title names it, or a value its listing
    /// states ("product_type: moisturizer with SPF" of a "Facial Moisturizing Lotion": before,
    /// "I couldn't find any moisturizers" listed three).
    static func product(_ product: ProductResult, isOf wanted: (words: [String], name: String, needsEvery: Bool)) -> Bool {
        // A kind said as a noun is named by its adjective too: "history" books by the genre
        // "historical fiction" (the reply said it found no history books, and listed one).
        let anyOf = wanted.words + wanted.words.compactMap(WordForms.adjective)
        let named = { (text: String) in
            wanted.needsEvery ? Self.title(text, hasAllOf: wanted.words) : Self.title(text, hasAnyOf: anyOf)
        }
        return named(product.title) || product.attributes.values.contains(where: named)
    }

    /// The name of the kind the spec asks for by a word of its own ("SSDs", "earbuds":
    /// `Lexicon.kindNames`) when every one of `products` is one by its title; else `nil`.
    static func ownKindName(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard spec.category != nil, let wanted = wantedKind(spec), let word = wanted.words.first, isOwnKindName(word),
              products.allSatisfy({ title($0.title, hasAnyOf: [word]) }) else { return nil }
        return wanted.name
    }

    /// Whether a kind word says the category too, so a reply names products by it alone:
    /// "earbuds", not "earbuds headphones"; "ddr5" does not ("ddr5 memory").
    static func isOwnKindName(_ word: String) -> Bool {
        Lexicon.kindNames.contains(word) && !word.contains(where: \.isNumber) && !Lexicon.kindQualifiers.contains(word)
    }

    /// A word's plural by the common rules ("dress": "dresses", "battery": "batteries"); a word
    /// ending in one "s" is taken as a plural already.
    static func plural(of word: String) -> String {
        if word.hasSuffix("s"), !word.hasSuffix("ss") { return word }
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("ch") || word.hasSuffix("sh") { return word + "es" }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) { return word.dropLast() + "ies" }
        return word + "s"
    }

    /// What `products` lack of what was asked, one sentence each: the gender ("Only one of
    /// these three is for women; the others are for men."), the colour, an amount ("None of the best
    /// matches is for 6 people or more.") or a feature ("None of the best matches
    /// mentions "waterproof".").
    /// - Parameter parts: words of the category's listings asked for that none of `products`
    ///   mentions (`partsNoneMentions`), said with the features none has.
    static func unmetWishes(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>, parts: [String] = []) -> [String] {
        let fewOfThem = [brandCaveat(spec, products), genderCaveat(spec, products), childrenCaveat(spec, products),
                         colorCaveat(spec, products), screenSizeCaveat(spec, products)].compactMap { $0 }
            + describedValuesCaveats(spec, products)
        let amounts = amountsNoneHas(spec, products).map { amount in
            // "… is for 6 people or more.", not "states a capacity of 6 person".
            if let people = people(in: amount.value) {
                return "None of the best matches is for \(Tokenizer.formatNumber(people)) people or more."
            }
            return "None of the best matches states \(amount.name) of \(amount.value) or more."
        }
            + valuesNoneHas(spec, products).map(noneHasSentence)
            + (orderNoneStates(spec, products).map { ["None of the best matches states its \($0), so I couldn't order them by it."] } ?? [])
        let features = featuresNoneHas(spec, products) + parts.filter { !spec.features.contains($0) }
        return fewOfThem + amounts + (features.isEmpty ? [] : ["None of the best matches mentions \(features.map { "\"\($0)\"" }.joined(separator: " or "))."])
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

    /// How many of `products` meet each described value asked for (`describedKeys`), by the
    /// catalog's reason for it.
    static func describedValuesMet(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>)
        -> [(key: String, reason: String, met: Int)] {
        describedKeys.compactMap { key in
            guard let value = spec.attributes[key] else { return nil }
            let reason = AttributeName.reason(key: key, value: value)
            return (key, reason, products.filter { product($0, hasReason: reason) }.count)
        }
    }

    /// The spec without the described values that some of `products` do not meet: the reply
    /// names products by what all of them are.
    static func withoutPartlyMet(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> RequirementSpec {
        var named = spec
        for (key, _, met) in describedValuesMet(spec, products) where met < products.count { named.attributes[key] = nil }
        if childrenCaveat(spec, products) != nil { named.useCase = nil }
        return named
    }

    /// "None of the best matches is made for kids: they are for men or women." for clothes or
    /// shoes asked for a child ("a hoodie for my son") when each of `products` is for an adult
    /// by its gender (before, "the top 3 hoodies for kids" listed a women's and two men's).
    static func childrenCaveat(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> String? {
        guard spec.useCase == Lexicon.childrenUse, !products.isEmpty else { return nil }
        // Whom each is for: its gender, or "adults" said in a unisex title ("Gildan Adult Heavy Blend").
        let whom = products.map { product -> String? in
            if let gender = gender(of: product), gender == "men" || gender == "women" { return gender }
            return WordForms.words(product.title).contains { $0 == "adult" || $0 == "adults" } ? "adults" : nil
        }
        guard whom.allSatisfy({ $0 != nil }) else { return nil }
        let genders = Set(whom.compactMap { $0 })
        let forWhom = genders.contains("adults") ? "adults" : genders.sorted().joined(separator: " or ")
        return "None of the best matches is made for kids: \(products.count == 1 ? "it is" : "they are") for \(forWhom)."
    }

    /// "Only one of these three states "genre: mystery"." for a described value some of
    /// `products` meet (none meeting it: `valuesNoneHas`).
    static func describedValuesCaveats(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [String] {
        describedValuesMet(spec, products).compactMap { _, reason, met in
            guard met > 0, met < products.count else { return nil }
            let verb = reason.hasPrefix("by ") ? (met == 1 ? "is " : "are ") : (met == 1 ? "states " : "state ")
            let said = reason.hasPrefix("by ") ? reason : "\"\(reason)\""
            return "Only \(counted(met)) of these \(counted(products.count)) \(verb)\(said)."
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
        let others = products.compactMap { product -> String? in
            guard let gender = Self.gender(of: product), gender != asked, gender != "unisex" else { return nil }
            return gender
        }
        guard !others.isEmpty else { return nil }
        let forOthers = "for " + Set(others).sorted().joined(separator: " or ")
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
                    // A title's bytes first: most do not have the words, and need not be split.
                    || valueWords.allSatisfy { WordForms.has($0, in: product.title) }
                    && valueWords.allSatisfy(Set(WordForms.words(product.title)).contains)
            }
            return someHaveIt ? nil : (amount.name, value)
        }
    }

    /// Keys of wanted attributes that the reply's other caveats or its opening cover, or whose
    /// match the catalog words otherwise ("55 inch screen", "size 10"; amounts: `amountAttributes`).
    private static let otherwiseSaidKeys: Set<String> = ["color", "excluded_color", RequirementSpec.excludedWordsKey, "gender", "age",
                                                         "size", "screen_size"]

    /// The other attribute values asked for ("cushioning: high", "type: over-ear") that none of
    /// `products` has, by the reason the catalog gives a match (`AttributeName.reason`): the
    /// catalog ranks by them and filters nothing, so "more cushioning" under a budget no cushioned
    /// shoe meets listed the same shoes without a word. An order ("weight": "least") is no value.
    static func valuesNoneHas(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [String] {
        spec.attributes.sorted { $0.key < $1.key }.compactMap { key, value in
            guard !otherwiseSaidKeys.contains(key), amountAttributes[key] == nil, !key.hasSuffix("_min"), !key.hasSuffix("_max"),
                  MeasureOrder(value: value) == nil else { return nil }
            let reason = AttributeName.reason(key: key, value: value)
            return products.contains { product($0, hasReason: reason) } ? nil : reason
        }
    }

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
            let reason = feature.lowercased()
            // A discount is said as one ("20% off"), not as "on sale".
            let has = reason == "on sale" ? { (product: ProductResult) in product.matchReasons.contains { $0.hasSuffix("% off") } }
                : { (product: ProductResult) in product.matchReasons.contains(reason) }
            return Lexicon.featureNames.contains(reason) && !products.contains(where: has)
        }
    }

    /// Keywords that the category's listings use for a part or a kind of its products ("what about
    /// a grinder?" after coffee makers: `merge` refines the search with it) that none of
    /// `products` mentions in its title, an attribute's value or a reason the catalog gave: the
    /// catalog ranks by them and filters nothing, so coffee makers under $150, none with a
    /// grinder, were listed without a word. Other keywords (what a son studies) are left unsaid.
    func partsNoneMentions(_ spec: RequirementSpec, _ products: ArraySlice<ProductResult>) -> [String] {
        guard let category = spec.category, !spec.keywords.isEmpty, !products.isEmpty,
              let listingWords = extractor.lexicon.listingWords[category.lowercased()] else { return [] }
        let said = Set(WordForms.words((spec.query ?? "") + " " + (spec.useCase ?? "")))
        return spec.keywords.filter { keyword in
            guard !said.contains(keyword), WordForms.contains(listingWords, eitherNumberOf: keyword) else { return false }
            return !products.contains { product in
                Self.title(product.title, hasAnyOf: [keyword]) || product.attributes.values.contains { WordForms.has(keyword, in: $0) }
                    || product.matchReasons.contains { WordForms.has(keyword, in: $0) }
            }
        }
    }

    /// Whether the product is in `color`: the catalog's reason says so ("in blue" for a navy
    /// one), or its colour or title names it.
    static func product(_ product: ProductResult, isIn color: String) -> Bool {
        let wanted = color.lowercased()
        return product.matchReasons.contains("in \(wanted)")
            || product.attributes.contains { ($0.key == "color" || $0.key == "colour") && $0.value.lowercased().contains(wanted) }
            || Self.title(product.title, hasAnyOf: [wanted])
    }

    /// Whether the title has one of `words` (lower-case) as a word, in either number.
    static func title(_ title: String, hasAnyOf words: [String]) -> Bool {
        let titleWords = Set(WordForms.words(title))
        return words.contains { WordForms.contains(titleWords, eitherNumberOf: $0) }
    }

    /// Whether the title has every one of `words` (lower-case) as a word, in either number.
    static func title(_ title: String, hasAllOf words: [String]) -> Bool {
        let titleWords = Set(WordForms.words(title))
        return words.allSatisfy { WordForms.contains(titleWords, eitherNumberOf: $0) }
    }

    /// "black Dell laptops for gaming under $1,000".
    /// - Parameter kind: what to call the products instead of the category ("SSDs").
    static func describe(_ spec: RequirementSpec, naming kind: String? = nil) -> String {
        var parts: [String] = []
        if let color = spec.attributes["color"] { parts.append(color) }
        if !spec.brands.isEmpty { parts.append(spec.brands.joined(separator: " or ")) }
        if let genre = spec.attributes["genre"] { parts.append(genre) }
        let things = namedThings(spec)
        // Without a category the shopper's words are quoted: "the top 2 red dress wedding" is no English.
        parts.append(kind ?? spec.category.map(WordForms.counted)
            ?? (things.isEmpty ? "products" : "products matching \"\(things.joined(separator: " "))\""))
        if let author = spec.attributes["author"] { parts.append("by \(author)") }
        if let people = peopleAsked(spec) { parts.append(people == 1 ? "for 1 person" : "for \(Tokenizer.formatNumber(people)) people") }
        if let useCase = spec.useCase, !(spec.category.map { isNamed($0, by: useCase) } ?? false) {
            parts.append("for \(Lexicon.spokenUses[useCase] ?? useCase)")
        }
        // Screen bounds filter ("bigger"): what was not found is said with them.
        switch (spec.attributes["screen_size_min"], spec.attributes["screen_size_max"]) {
        case (let least?, let most?): parts.append("of \(least.split(separator: " ").first ?? "") to \(most)")
        case (let least?, nil): parts.append("of \(least) or more")
        case (nil, let most?): parts.append("of \(most) or less")
        case (nil, nil): break
        }
        let currency = spec.budget.currency
        switch (spec.budget.min, spec.budget.max) {
        case (let low?, let high?): parts.append("between \(PriceFormat.amount(low, currency: currency)) and \(PriceFormat.amount(high, currency: currency))")
        case (nil, let high?): parts.append("under \(PriceFormat.amount(high, currency: currency))")
        case (let low?, nil): parts.append("over \(PriceFormat.amount(low, currency: currency))")
        case (nil, nil): break
        }
        return parts.joined(separator: " ")
    }
}
