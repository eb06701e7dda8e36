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
            if let category = spec.category, !isStocked(category) {
                return "This catalog has no \(WordForms.spoken(category)) right now, so I couldn't find any \(what). "
                    + "Ask me for another kind of product."
            }
            // "…any watches other than smartwatches": what was kept out, which may be all there is.
            let keptOut = spec.attributes[RequirementSpec.excludedWordsKey].map { words in
                " other than " + words.split(separator: ",").map { word in
                    extractor.lexicon.category(namedBy: String(word)).map(WordForms.counted) ?? "\"\(word)\" ones"
                }.joined(separator: " or ")
            } ?? ""
            var text = "I couldn't find any \(what)\(keptOut) right now."
            // A thing searched for by name: the cheapest product the words found may be none of it
            // ("the Amazon Basics Laptop Backpack, 15.6 inch" for "an iphone 15 case under 20").
            let isNamedThing = { (product: ProductResult) in
                spec.category != nil || Self.title(product.title, hasAllOf: Self.namedThings(spec))
            }
            if let nearest = turn?.nearestOutsideBudget, isNamedThing(nearest),
               let hint = Self.nearestHint(nearest, budget: spec.budget) {
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
            // What else they miss first ("Only one of these three has a 65 inch screen."): before,
            // two 55 inch TVs of the brands asked stood for "65 inches" without a word.
            var unbranded = spec
            unbranded.brands = []
            text = unmetWishesSaid(unbranded, top)
            text += "I found only \(ofBrands.count == 1 ? "one match" : "\(ofBrands.count) matches") for \(what); "
            text += "the closest from other brands follow: "
        } else if let category = spec.category, !isStocked(category),
                  case let named = top.count(where: { Self.title($0.title, hasAnyOf: [Self.noun(of: category)]) }),
                  named < top.count {
            // A category the catalog has none of: what the other words found is no power supply
            // (before, "the top 3 power supplies" were building sets). A title may still name it: a
            // catalog that files its tents under "camping" has tents (before, "these 3, which are
            // not tents" were three tents). When every one does, the reply is as for any category.
            // "Something cheaper" of tents it found by their titles: none is cheaper, then what the
            // other words found (before, "This catalog has no tents" alone).
            let noneCheaper = named == 0 ? turn.flatMap { noneBeyondShown($0, spec: spec) } : nil
            text = noneCheaper.map { $0 + " " } ?? "This catalog has no \(WordForms.spoken(category)). "
            if named > 0 {
                text = "This catalog has no category of \(WordForms.spoken(category)); only \(Self.counted(named)) of these "
                    + "\(Self.counted(top.count)) \(named == 1 ? "is one by its title" : "are by their titles"): "
            } else {
                text += top.count == 1 ? "Your other words found this, which is not one: "
                    : "Your other words found these \(top.count), which are not \(WordForms.spoken(category)): "
            }
        } else if let wanted = ownWantedKind(spec), !top.contains(where: { Self.product($0, isOf: wanted) }),
            // "A desk chair" is an office chair whatever its title says: "desk" names what it goes
            // with (not "I couldn't find any desk office chairs").
            !(spec.category.map { category in wanted.words.allSatisfy { extractor.namesOtherCategory($0, than: category) } } ?? false),
            // "An external hard drive": "hard drive" names the "Storage" that holds "External
            // Storage", whose listings say "Portable Drive" (before, "I couldn't find any hard drives").
            !(spec.category.map { kind(wanted.words, namesCategoryAbove: $0) } ?? false) {
            // "Sleeping bags" in a catalog whose bags are backpacks: not "the top 3 bags for camping";
            // a speaker asked for where only a tablet's description mentions one: not "the best match";
            // an electric toothbrush where only standing desks are electric: not "matching" either.
            // With the budget it was looked for under: "one that makes espresso" after coffee makers
            // under $100 (before, as if none were sold at all).
            text = "I couldn't find any \(wanted.name)\(Self.budgetPhrase(spec).map { " " + $0 } ?? "") right now. "
            text += top.count == 1 ? "This is the closest: " : "These \(top.count) are the closest: "
        } else if let color = spec.attributes["color"], !top.contains(where: { Self.product($0, isIn: color) }) {
            // A colour is a preference the search ranks by, not a filter: not "the top 3 red tents"
            // when the best matches for the rest are green.
            var uncolored = namedSpec
            uncolored.attributes["color"] = nil
            text = "None of the best matches comes in \(color). "
            // What else they miss ("Only one of these two is for men"): before, said only when
            // the colour was met.
            text += unmetWishesSaid(spec, top)
            if Self.brandCaveat(spec, top) != nil { uncolored.brands = [] }
            // With the order asked ("the cheapest": "…, best matches first, then cheapest").
            text += top.count == 1 ? "Here is the best of the \(Self.describe(uncolored))"
                + (results.totalFound > top.count ? " out of \(results.totalFound) found: " : ": ")
                : Self.opening(Self.describe(uncolored), spec: spec, top: top, totalFound: results.totalFound)
        } else if case let caveats = unmetWishesSaid(spec, top), !caveats.isEmpty {
            // Genders, amounts and features rank too, they filter nothing: "cheaper" waterproof
            // jackets may find only a fleece, tents for 6 people under $100 only smaller ones.
            text = caveats
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
        if shownBefore == 0, let id = spec.similarProductID, let liked = turn?.lastShown.first(where: { $0.id == id }) {
            // "More like the third one": the catalog ranks by likeness to it, and leaves it out.
            text = "Most like \(Self.the(liked.title)) first. " + text
        }
        if shownBefore == 0, let id = spec.excludedProductIDs.last, let rejected = turn?.lastShown.first(where: { $0.id == id }) {
            // "I don't like the first one": the search again, without it.
            text = "Leaving out \(Self.the(rejected.title)). " + text
        }
        // Not again a word the caveats said none mentions ("None of the best matches mentions
        // "wood"" twice).
        if shownBefore == 0, let added = turn?.wordsAdded,
           let note = Self.newWordsNoneMentions(spec, added: added.filter { !text.contains("\"\($0)\"") }, top) {
            text = note + text
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
            // By its brand when no other listed product has it: not "The Logitech" among three
            // Logitechs; nor a book by its publisher ("The Oxford World's Classics is…").
            let brand = first.brand.flatMap { brand in
                top.dropFirst().contains { $0.brand?.lowercased() == brand.lowercased() } || first.attributes["author"] != nil
                    ? nil : brand
            }
            text += " \(brand.map { Self.the($0, opening: true) } ?? "The first one") is especially well rated."
        }
        if let note = Self.useNeedsNote(spec, top) ?? Self.peopleFedNote(spec, top) { text += " " + note }
        return text
    }

    /// "None of the best matches mentions "usb port".": words a follow-up added to the search ("with
    /// a usb port" after table lamps), or all of them at the first search (`TurnContext.wordsAdded`),
    /// that none of `products` has in its title, attributes or reasons. Before, the same lamps came
    /// back without a word, as if the words were not heard.
    static func newWordsNoneMentions(_ spec: RequirementSpec, added: [String], _ products: ArraySlice<ProductResult>) -> String? {
        // The kind asked for ("espresso" of coffee makers) has a sentence of its own, and a use its
        // own, and so does a feature of the lexicon (`featuresNoneHas`).
        let kinds = kindWords(of: spec)
        let added = added.filter { !kinds.contains($0) && $0 != spec.useCase && !Lexicon.featureNames.contains($0.lowercased()) }
        guard !added.isEmpty, !products.isEmpty,
              !products.contains(where: { product in added.contains { Self.product(product, mentions: $0) } }) else { return nil }
        return "None of the best matches mentions \"\(added.joined(separator: " "))\". "
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
        var text = top.count == 1 ? "Here is the best match for \(what)" : "Here are the top \(top.count) \(what)"
        // Sorted by rating where no buyer rated any: say so (before, the list as if by rating).
        if spec.sort == .rating, !top.contains(where: { $0.rating != nil }) {
            text = "No buyer has rated \(top.count == 1 ? "it" : "any of these") yet. " + text
        }
        // The catalog puts those that meet more of the wishes first, and sorts by price within
        // them: "cheapest first" only when the prices listed say so.
        let prices = top.map(\.price)
        let rising = zip(prices, prices.dropFirst()).allSatisfy { $0 <= $1 }
        let falling = zip(prices, prices.dropFirst()).allSatisfy { $0 >= $1 }
        let bySort: String? = switch spec.sort {
        case .priceAscending: rising ? "cheapest first" : "best matches first, then cheapest"
        case .priceDescending: falling ? "most expensive first" : "best matches first, then most expensive"
        case .rating where top.contains { $0.rating != nil }:
            zip(top, top.dropFirst()).allSatisfy { ($0.rating ?? 0) >= ($1.rating ?? 0) } ? "best rated first"
                : "best matches first, then best rated"
        case .relevance, .rating: nil
        }
        // The catalog orders by a measure before the sort, and by the features asked for before
        // that: "thickest first" only when the amounts listed say so.
        let byMeasure = RankedMeasure.said(spec).flatMap { said -> String? in
            guard orderNoneStates(spec, top) == nil else { return nil }
            return RankedMeasure.listedInOrder(top, spec: spec) ? said.order
                : "best matches first, then " + (said.order.hasSuffix(" first") ? String(said.order.dropLast(6)) : said.order)
        }
        guard top.count > 1, let order = byMeasure ?? bySort else {
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
        let shown = Self.shownPriced(turn.lastShown, spec: spec, brands: spec.brands, gender: spec.attributes["gender"])
        // In one currency: a list may mix rupees and dollars.
        func dollars(_ product: ProductResult) -> Double { vocabulary.rates.price(of: product, in: "USD") }
        guard let limit = wantsCheaper ? shown.min(by: { dollars($0) < dollars($1) }) : shown.max(by: { dollars($0) < dollars($1) })
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
            guard let first = words.first, let last = words.last else { return nil }
            // "Hard drive": a kind said in two words is named by both, as the catalog ranks it
            // (before, "I couldn't find any hard storage").
            if words.count > 1 { return (words, (words.dropLast() + [plural(of: last)]).joined(separator: " "), true) }
            let name = isOwnKindName(first) ? WordForms.spokenKind(first) : first + " " + WordForms.spoken(category)
            return (words, name, false)
        }
        let words = namedThings(spec)
        guard let only = words.first else { return nil }
        return (words, words.count == 1 ? plural(of: only) : "products named \"\(words.joined(separator: " "))\"", true)
    }

    /// `wantedKind`, without its words that name what the thing goes with: another category, or
    /// the host of a part (`Lexicon.partHosts`: "desktop" of "ram for my pc, 32gb ddr5", which
    /// few memory titles say), unless every one does ("desk chair"). Before, "I couldn't find
    /// any ddr5 desktops" of eight DDR5 modules.
    func ownWantedKind(_ spec: RequirementSpec) -> (words: [String], name: String, needsEvery: Bool)? {
        guard let wanted = Self.wantedKind(spec), let category = spec.category else { return Self.wantedKind(spec) }
        let hosts = Set(Lexicon.partHosts[category.lowercased()]?.map(\.kind) ?? [])
        let others = wanted.words.filter { hosts.contains($0) || extractor.namesOtherCategory($0, than: category) }
        guard !others.isEmpty, others.count < wanted.words.count else { return wanted }
        var own = spec
        own.keywords.removeAll(where: others.contains)
        return Self.wantedKind(own)
    }

    /// Whether `words` name a category of the catalog that holds `category`.
    func kind(_ words: [String], namesCategoryAbove category: String) -> Bool {
        guard let named = extractor.lexicon.category(namedBy: words.joined(separator: " ")), named != category else { return false }
        return isCategory(category, under: named)
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

    /// The noun a category's name ends with, which a title of one of its products has in either
    /// number: "tents" of "Tents", "shoes" of "Running Shoes".
    static func noun(of category: String) -> String {
        WordForms.words(category).last ?? category.lowercased()
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
        // A brand named with its article comes after the things: "jackets by The North Face", not
        // "the top 2 The North Face jackets".
        let brandsHaveArticle = spec.brands.contains { $0.hasPrefix("The ") }
        if !spec.brands.isEmpty, !brandsHaveArticle { parts.append(spec.brands.joined(separator: " or ")) }
        if let genre = spec.attributes["genre"] { parts.append(genre) }
        let things = namedThings(spec)
        // Without a category the shopper's words are quoted: "the top 2 red dress wedding" is no English.
        parts.append(kind ?? spec.category.map(WordForms.counted)
            ?? (things.isEmpty ? "products" : "products matching \"\(things.joined(separator: " "))\""))
        if let author = spec.attributes["author"] { parts.append("by \(author)") }
        if brandsHaveArticle { parts.append("by " + spec.brands.joined(separator: " or ")) }
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
        if let weight = weightBound(spec) { parts.append("weighing \(weight)") }
        if let budget = budgetPhrase(spec) { parts.append(budget) }
        return parts.joined(separator: " ")
    }

    /// The budget as a reply says it: "under $100", "between $50 and $80", "over $500".
    static func budgetPhrase(_ spec: RequirementSpec) -> String? {
        let currency = spec.budget.currency
        return switch (spec.budget.min, spec.budget.max) {
        case (let low?, let high?):
            "between \(PriceFormat.amount(low, currency: currency)) and \(PriceFormat.amount(high, currency: currency))"
        case (nil, let high?): "under \(PriceFormat.amount(high, currency: currency))"
        case (let low?, nil): "over \(PriceFormat.amount(low, currency: currency))"
        case (nil, nil): nil
        }
    }
}
