import Shared

// The decision for a turn that asks for no search (small talk, a question about the products
// shown, a seller's terms), and the details of a shown product it answers with. Which product a
// message names is `ProductQuestion`'s.
extension EmbeddedInterpreter {
    /// The decision for a turn that asks for no search, read from one tokenising of its words:
    /// small talk, or a question about a product shown; `nil` for a request. Such a turn leaves
    /// the spec as it was.
    public func searchlessDecision(_ turn: TurnContext) -> ClarifyDecision? {
        let utterance = turn.utterance
        guard Self.mayBeSearchless(utterance) else { return nil }
        return searchlessDecision(turn, tokens: Tokenizer.tokenize(utterance))
    }

    /// A quick look at the words, without tokenising: `false` when the text can be neither small
    /// talk (a word that is neither small talk nor a filler) nor a question about a product (no
    /// place in a list, no word that asks, no `#`) or a seller's terms (no word of
    /// `SmallTalk.storePolicyWords`), as for nearly every shopping request.
    static func mayBeSearchless(_ text: String) -> Bool {
        var mayBeSmallTalk = true
        var mayAsk = false
        var isFirstWord = true
        // The word's bytes, reused: a string's scalars appended and removed one by one cost more
        // than the look saved (it runs twice for every request).
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func endWord() {
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            word.removeAll(keepingCapacity: true)
            // A yes-or-no question may name a shown product by its brand alone: "does the vitamix have a timer?".
            // So may a question about a measure that names none: "what's the height range?".
            if isFirstWord, ProductQuestion.yesNoOpeners.contains(text) || MeasureQuestion.openers.contains(text) { mayAsk = true }
            isFirstWord = false
            if mayBeSmallTalk, SmallTalk.kindOfWord[text] == nil, !SmallTalk.fillers.contains(text), !SmallTalk.helpWords.contains(text),
               !SmallTalk.startOverWords.contains(text) {
                mayBeSmallTalk = false
            }
            if !mayAsk, ProductQuestion.triggerWords.contains(text) || SmallTalk.storePolicyWords.contains(text)
                || SmallTalk.purchaseWords.contains(text) {
                mayAsk = true
            }
        }
        // Words as the tokenizer cuts them: letters and digits, apostrophes dropped ("that's").
        for scalar in text.unicodeScalars {
            if mayAsk { return true }
            switch scalar {
            case "A"..."Z": word.append(UInt8(scalar.value + 32))
            case "a"..."z", "0"..."9": word.append(UInt8(scalar.value))
            case "'", "\u{2019}": break
            case "#":
                mayAsk = true
                endWord()
            default:
                if scalar.value >= 0x80, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    UTF8.encode(scalar) { word.append($0) }
                } else {
                    endWord()
                }
            }
        }
        endWord()
        return mayBeSmallTalk || mayAsk
    }

    func searchlessDecision(_ turn: TurnContext, tokens: [Token]) -> ClarifyDecision? {
        guard !turn.attachments.contains(.image) else { return nil }
        if isSmallTalk(turn, tokens: tokens) { return .smallTalk }
        // "Is there anything like the second one?" asks for others, not for its details; so does
        // "not the first one".
        if SimilarProduct.reference(in: tokens, text: turn.utterance, among: turn.lastShown, history: turn.history) != nil
            || RejectedProduct.reference(in: tokens, text: turn.utterance, among: turn.lastShown) != nil {
            return nil
        }
        if let compared = ProductComparison.products(comparedIn: tokens, text: turn.utterance, among: turn.lastShown, history: turn.history)
            ?? ProductQuestion.productsNamedByBrand(in: tokens, text: turn.utterance, among: turn.lastShown)?.products {
            return .comparison(of: compared.prefix(ProductComparison.maximumCompared).map(\.id))
        }
        if let only = turn.lastShown.first, listQuestion(tokens) != nil {
            // "Which one is the lightest?", "do they fold?", "how heavy are they?": every shown
            // product's attributes, from the catalog.
            return listDecision(turn, only: only, tokens: tokens)
        }
        if let product = ProductQuestion.product(askedAbout: tokens, text: turn.utterance, among: turn.lastShown, history: turn.history) {
            return .details(of: product.id)
        }
        if let product = ProductQuestion.product(whoseLinkIsAskedIn: tokens, text: turn.utterance, among: turn.lastShown,
                                                 history: turn.history) {
            return .details(of: product.id)
        }
        // "What's the height range?", naming no product: of those shown, as "how tall are they?";
        // not a wish ("what processor should i get?").
        if let only = turn.lastShown.first, MeasureQuestion.asked(in: tokens) != nil,
           !ProductQuestion.namesOneProduct(tokens.map(\.text)), !tokens.contains(where: { Self.adviceWords.contains($0.text) }) {
            return listDecision(turn, only: only, tokens: tokens)
        }
        return nil
    }

    /// Words that make a question about a measure ask for advice: "what gpu do you recommend?".
    private static let adviceWords: Set<String> = ["should", "recommend", "suggest", "best", "good", "better", "need", "want"]

    /// A question about the shown products: every one looked up, or, right after a comparison of
    /// some of them, those ("which one has more storage?") unless it asks of any or all ("do any
    /// come in wide sizes?": before, "None of the 2 compared…"); of one shown, its details.
    private func listDecision(_ turn: TurnContext, only: ProductResult, tokens: [Token]) -> ClarifyDecision {
        let asksOfAll = tokens.contains { $0.text == "any" || $0.text == "all" }
        // "Which of those is the lightest?" after "3 of the 8 shown are waterproof: …": of those 3
        // (of one named, its details).
        let named = Superlative.saysOfThose(tokens)
            ? ProductQuestion.picked(among: turn.lastShown, tokens: tokens, history: turn.history) : turn.lastShown
        let asked = named.count < turn.lastShown.count ? named
            : (asksOfAll ? nil : ProductComparison.comparedLast(in: turn.history, among: turn.lastShown)) ?? turn.lastShown
        return asked.count > 1 ? .comparison(of: asked.map(\.id)) : .details(of: (asked.first ?? only).id)
    }

    /// A question about every shown product, by what it asks.
    enum ListQuestion {
        /// "Which one is the lightest?"
        case superlative(AttributeSuperlative)
        /// "Do they fold?"
        case feature(FeatureQuestion)
        /// "How heavy are they?"
        case measure(MeasureQuestion)
    }

    /// The question about every shown product the tokens ask, if any: answered from every
    /// shown product's attributes.
    func listQuestion(_ tokens: [Token]) -> ListQuestion? {
        if let superlative = AttributeSuperlative.asked(in: tokens) { return .superlative(superlative) }
        if let measure = MeasureQuestion.askedAsYesNo(in: tokens), MeasureQuestion.isAboutTheList(tokens) { return .measure(measure) }
        if let question = FeatureQuestion.aboutTheList(in: tokens, extractor: extractor) { return .feature(question) }
        if let measure = MeasureQuestion.asked(in: tokens), MeasureQuestion.isAboutTheList(tokens) { return .measure(measure) }
        return nil
    }

    /// The shown product the turn asks about (see `ProductQuestion`); `nil` for any other message.
    public func productAskedAbout(_ turn: TurnContext) -> ProductResult? {
        guard !turn.attachments.contains(.image) else { return nil }
        let utterance = turn.utterance
        return ProductQuestion.product(askedAbout: Tokenizer.tokenize(utterance), text: utterance, among: turn.lastShown,
                                       history: turn.history)
    }

    /// `productDetails`, after which shown product it is when the turn asked for the best one by
    /// some measure ("Of the 8 shown, the cheapest is the X.").
    public func productDetails(_ product: ProductResult, answering turn: TurnContext) -> String {
        var details = productDetails(product)
        let tokens = Tokenizer.tokenize(turn.utterance)
        if tokens.contains(where: { ProductQuestion.linkWords.contains($0.text) }) {
            // "Can you send me the link?": the page the catalog has for it, said first and once,
            // or that it has none.
            let link = product.url.map { "Its page: \($0)" }
                ?? "Its listing here has no link: search its seller's site for \(Self.the(product.title))."
            return link + " " + productDetails(product, withLink: false)
        }
        if MakerQuestion.isAsked(in: tokens) { return MakerQuestion.answer(about: product) + " " + details }
        // "Is the battery good?" asks its battery life, not how buyers rate it.
        let measureAsked = MeasureQuestion.askedAsYesNo(in: tokens)
        if measureAsked == nil, QualityQuestion.isAsked(in: tokens.map(\.text)) {
            return QualityQuestion.answer(about: product, among: turn.lastShown) + " " + details
        }
        if let answer = measureAsked?.answer(about: product)
            ?? featureAnswer(product, tokens: tokens, brands: Set(product.brand.map { [$0.lowercased()] } ?? []))
            ?? MeasureQuestion.asked(in: tokens)?.answer(about: product)
            ?? onlyShownAnswer(product, turn: turn, tokens: tokens) {
            details = answer + " " + details
        }
        if turn.lastShown.count == 1, tokens.contains(where: { ProductComparison.pairCues.contains($0.text) }) {
            // "What's the difference between the first two?" after a search that found one.
            return "I showed only this one last time, so there is nothing to compare it with. " + details
        }
        guard turn.lastShown.count > 1, let superlative = Superlative.asked(in: tokens) else {
            return details
        }
        // "… the cheapest per oz is the CeraVe Moisturizing Cream, 19 oz ($1.05 per oz)."
        var perUnit = ""
        if case .cheapestPer(let unit) = superlative, let price = unit.price(of: product) {
            perUnit = " (\(PriceFormat.perUnit(price, currency: product.currency)) per \(unit.name))"
        }
        let among = ProductQuestion.picked(among: turn.lastShown, tokens: tokens, history: turn.history).count
        // "The cheapest of the ones that fold" when one folds: not "Of those 1".
        if among == 1, turn.lastShown.count > 1 { return "The only one is \(Self.the(product.title)). " + details }
        let which = among < turn.lastShown.count ? "Of those \(among)" : "Of the \(turn.lastShown.count) shown"
        return "\(which), \(superlative.name) is \(Self.the(product.title))\(perUnit). " + details
    }

    /// The answer to a question about every shown product when one was shown ("which has the
    /// most storage?" after a search that found one phone): before, it searched the storage
    /// category.
    private func onlyShownAnswer(_ product: ProductResult, turn: TurnContext, tokens: [Token]) -> String? {
        guard turn.lastShown.count == 1, let question = listQuestion(tokens) else { return nil }
        let answer = switch question {
        case .superlative(let superlative): MeasureQuestion(keys: superlative.keys, name: superlative.measureName).answer(about: product)
        case .feature(let feature): featureAnswer(product, question: feature)
        case .measure(let measure): measure.answer(about: product)
        }
        return "I showed only this one last time. " + answer
    }

    /// Values that say nothing: a listing's "n/a" megapixels of an instant camera.
    static let unstatedValues: Set<String> = ["", "n/a", "na", "n.a.", "-", "unknown", "not applicable", "not stated", "none stated"]

    /// Whether an attribute's value states anything.
    static func states(_ value: String) -> Bool {
        !unstatedValues.contains(value.lowercased()) && !value.allSatisfy(\.isWhitespace)
    }

    /// What the shop knows of one product: price and where, rating, what it is, why it fits, and its link.
    public func productDetails(_ product: ProductResult) -> String {
        productDetails(product, withLink: true)
    }

    /// `productDetails(_:)`, without the link when `withLink` is false (an answer that opens with it).
    func productDetails(_ product: ProductResult, withLink: Bool) -> String {
        var text = "\(Self.the(product.title, opening: true)) costs \(PriceFormat.amount(product.price, currency: product.currency))"
        if let listPrice = product.listPrice, ProductResult.discount(price: product.price, listPrice: listPrice) != nil {
            text += " (down from \(PriceFormat.amount(listPrice, currency: product.currency)))"
        }
        text += product.marketplace.isEmpty || product.marketplace == "local" ? "" : " on \(product.marketplace)"
        if let rating = product.rating {
            text += ", rated \(PriceFormat.rating(rating))"
            if let count = product.reviewCount, count > 0 { text += " by \(PriceFormat.count(count)) buyers" }
        }
        text += "."
        if let brand = product.brand, !WordForms.has(brand, in: product.title) { text += " It is made by \(brand)." }
        if let description = product.description, !description.isEmpty { text += " Its listing says: \"\(description)\"" }
        let details = product.attributes.filter { Self.states($0.value) && $0.key != "availability" }
            .sorted { $0.key < $1.key }.prefix(8)
            .map { "\($0.key.split(separator: "_").joined(separator: " ")) \($0.value)" }
        if !details.isEmpty { text += " Details: " + details.joined(separator: ", ") + "." }
        if !product.matchReasons.isEmpty { text += " Why it fits: " + product.matchReasons.joined(separator: ", ") + "." }
        if withLink, let url = product.url { text += " See it at \(url)" }
        return text
    }
}

/// "Can you send me the link?": a question for a shown product's page.
