import Shared

/// A question about one of the products shown last: "tell me more about the second one",
/// "details on #3", "specs of the JBL". Without this, such a message left the spec as it was and
/// showed the search's next page.
///
/// The product is named by its place in the list ("the first", "2nd", "number 3", "#4", "the
/// last one") or by a brand only one shown product has. The message asks about it when it also
/// asks something ("tell me more", "details", "specs", "is it…", "what about…"), or, for a place
/// in the list or a brand after "the", says nothing else ("the second one", "the apple one"). A
/// brand alone stays a refinement ("sony": search Sony), and so does a place with another wish
/// ("the first one in red"). A brand several shown products share names them all
/// (`productsNamedByBrand`).
enum ProductQuestion {
    static let ordinals: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
        "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
        "tenth": 10, "10th": 10,
    ]
    /// Words before a plain number that make it a place in the list ("number 2", "option 3").
    static let placeWords: Set<String> = ["number", "no", "option", "item", "product", "result", "pick"]
    /// Words that ask about the product named, whoever names it.
    static let cues: Set<String> = [
        "tell", "details", "detail", "detailed", "info", "information", "specs", "spec", "specifications",
        "describe", "description", "explain", "features", "know",
    ]
    /// Words of a question: about a place in the list ("what about the second one?", "is the first
    /// one waterproof?"), not about a brand ("what about Sony?" asks to search Sony).
    static let questionWords: Set<String> = ["about", "abt", "is", "does", "has", "what", "whats", "how", "hows", "much", "who", "whos"]
    /// Words that may come with the reference without making it another request.
    static let fillers: Set<String> = [
        "the", "a", "one", "ones", "me", "please", "pls", "on", "of", "for", "that", "this", "it", "its", "can",
        "could", "you", "give", "show", "i", "id", "to", "want", "and", "so", "ok", "okay", "thanks", "there",
        "some", "bit", "listed", "shown", "in", "list", "with", "more", "see", "get", "look", "at", "let", "lets",
        "us", "any", "all", "do", "have", "just",
    ]

    /// The words without which no product is named: a place in the list ("second", "last",
    /// "number"), a word that asks (then a brand may), "which" (of a superlative), or a word that
    /// compares ("compare", "vs": `ProductComparison`), or a word for the shown products together
    /// ("do they fold?": `FeatureQuestion`), or "one" ("the apple one"). With `#`,
    /// what `mayNameAProduct` and the quick look of `EmbeddedInterpreter.mayBeSearchless` look for.
    static let triggerWords: Set<String> = Set(ordinals.keys).union(cues).union(placeWords).union(["last", "which", "one"])
        .union(ProductComparison.cues).union(pronouns).union(FeatureQuestion.listPronouns).union(linkWords).union(priceWords)

    /// Words that ask what a product costs: "how much is the garmin?", "what does the sony cost?"
    /// (before, a search for Garmin). After "how" or as a verb only: "sony at a lower price" is a request.
    static let priceWords: Set<String> = ["much", "cost", "costs"]

    /// Whether the message asks a price: it opens with "how much", or says "cost".
    static func asksPrice(_ tokens: [Token]) -> Bool {
        tokens.count > 1 && tokens[0].text == "how" && tokens[1].text == "much"
            || tokens.contains { $0.text == "cost" || $0.text == "costs" }
    }

    /// Whether anything in the message could name a shown product. Most messages have nothing of
    /// the kind, and are done here.
    static func mayNameAProduct(_ tokens: [Token], text: String) -> Bool {
        // The tokenizer reads "one" as the number 1. A yes-or-no question may name one by its
        // brand alone ("does the vitamix have a timer?"), and so may a question of a measure
        // ("how long does the coleman take to set up?": before, the setup time of all 8 shown).
        text.utf8.contains(UInt8(ascii: "#"))
            || tokens.first.map { yesNoOpeners.contains($0.text) || MeasureQuestion.openers.contains($0.text) } == true
            || tokens.contains { triggerWords.contains($0.text) || $0.isSpelledOne } || Superlative.asksWhich(tokens)
    }

    /// The place in the list shown (0-based) that the token at `index` names: an ordinal
    /// ("second", "3rd"; past the list's end too, for the caller to check), "last" before "one",
    /// or a number after a place word or written `#n` ("number 2", "#3") within the list.
    static func place(namedAt index: Int, in tokens: [Token], text: String, shownCount: Int) -> Int? {
        let token = tokens[index]
        if let place = ordinals[token.text] { return place - 1 }
        if namesLastPlace(token.text, before: index + 1 < tokens.count ? tokens[index + 1].text : nil) { return shownCount - 1 }
        if let number = token.number, number == number.rounded(), number >= 1, number <= Double(shownCount),
           index > 0 && placeWords.contains(tokens[index - 1].text) || text.contains("#\(Int(number))") {
            return Int(number) - 1
        }
        return nil
    }

    /// Words that point back to the product the last reply was about: "tell me more about it".
    static let pronouns: Set<String> = ["it", "its", "that", "this"]

    /// Parts of a product a question may ask about: "is the keyboard backlit?" of a laptop asks
    /// about the laptop, though "keyboard" names a category too (before, it searched keyboards).
    static let partWords: Set<String> = [
        "keyboard", "keyboards", "screen", "screens", "display", "displays", "battery", "batteries", "camera", "cameras",
        "lens", "lenses", "strap", "straps", "band", "bands", "case", "speaker", "speakers", "mic", "microphone", "sole",
        "soles", "zipper", "zippers", "hood", "lid", "bowl", "blade", "blades", "cable", "cord", "charger", "remote",
        "stand", "base", "frame", "seat", "cushion", "cushions", "fabric", "material", "padding", "trackpad", "touchpad",
        "keys", "switches", "sensor", "buttons", "wheels", "handle", "handles", "basket", "jar", "pitcher", "tank",
        "filter", "brush", "insole", "insoles", "lining", "pocket", "pockets", "dial", "bezel", "ports", "processor",
        "cpu", "gpu", "chip", "ram", "memory", "storage", "drive", "ssd", "fan", "fans", "motor", "earbuds", "cups",
    ]

    /// Whether the tokens open a yes-or-no question about a part of the product: "is the keyboard
    /// backlit?", "does the battery last all day?".
    static func asksAboutAPart(_ tokens: [Token]) -> Bool {
        tokens.count > 2 && yesNoOpeners.contains(tokens[0].text) && tokens[1].text == "the" && partWords.contains(tokens[2].text)
    }

    /// Whether the words name one shown product, by a pronoun ("is it…") or its place in the
    /// list ("the first one", "the last one"): a question with them is not about them all.
    static func namesOneProduct(_ texts: [String]) -> Bool {
        texts.indices.contains { index in
            pronouns.contains(texts[index]) || ordinals[texts[index]] != nil
                || namesLastPlace(texts[index], before: index + 1 < texts.count ? texts[index + 1] : nil)
        }
    }

    /// Whether `word` is "last" naming the list's last place ("the last one"), not a verb ("how
    /// long does the battery last?").
    static func namesLastPlace(_ word: String, before next: String?) -> Bool {
        word == "last" && next.map { ["one", "1", "product", "item"].contains($0) } == true
    }
    /// Words that open a yes-or-no question: "does it have gps?", "is it waterproof?".
    static let yesNoOpeners: Set<String> = ["is", "does", "has", "can", "will", "do"]

    /// The products a superlative picks among: those the last answer named as having what was
    /// asked, for "the cheapest of those" ("3 of the 7 shown are wireless: the A, the B and the
    /// C."; before, the cheapest of all 7, by a new search); else every one shown.
    static func picked(among shown: [ProductResult], tokens: [Token], history: [ConversationMessage]) -> [ProductResult] {
        // Only a list answer: it opens with how many of those shown have what was asked.
        guard Superlative.saysOfThose(tokens), let last = history.last(where: { $0.role == .assistant }),
              last.text.first?.isNumber == true, let shownAt = last.text.firstRange(of: " shown "),
              let colon = last.text[shownAt.upperBound...].firstRange(of: ": ") else {
            return shown
        }
        // The list runs to the end of its sentence; the next names those that have it not.
        let rest = last.text[colon.upperBound...]
        let list = rest.firstRange(of: ". ").map { rest[..<$0.lowerBound] } ?? rest
        let names = EmbeddedInterpreter.shortNames(shown)
        let named = zip(shown, names).filter { _, name in list.contains("the " + name) || list.contains("The " + name) }.map(\.0)
        return named.isEmpty ? shown : named
    }

    /// The shown product the last reply that named one was about: of those its text names by
    /// title, the one it names first ("Of the 3 shown, the best rated is the X…"; a list's first
    /// pick); in a reply that names none by title, the one it names first as answers about the
    /// list name them ("the LG and the Asus tie for the highest refresh rate": the LG; before, the
    /// search's first product). A reply that named none ("none of them states its weight") is
    /// passed over.
    static func productDiscussed(in history: [ConversationMessage], among shown: [ProductResult]) -> ProductResult? {
        var shortNames: [String]?
        for message in history.reversed() where message.role == .assistant {
            let named = shown.compactMap { product in message.text.firstRange(of: product.title).map { (product, $0.lowerBound) } }
            if let first = named.min(by: { $0.1 < $1.1 }) { return first.0 }
            let names = shortNames ?? EmbeddedInterpreter.shortNames(shown)
            shortNames = names
            let byName = zip(shown, names).compactMap { product, name in
                firstWholeRange(of: "the " + name, in: message.text).map { (product, $0.lowerBound) }
            }
            if let first = byName.min(by: { $0.1 < $1.1 }) { return first.0 }
        }
        return nil
    }

    /// Where `phrase` is in `text` as whole words: not "the LG" of "the LGX".
    private static func firstWholeRange(of phrase: String, in text: String) -> Range<String.Index>? {
        var start = text.startIndex
        while let found = text[start...].firstRange(of: phrase) {
            if found.upperBound == text.endIndex || !(text[found.upperBound].isLetter || text[found.upperBound].isNumber) {
                return found
            }
            start = found.upperBound
        }
        return nil
    }

    /// The shown products of a brand the message names as one of those shown ("the logitech one,
    /// is it rechargeable?", "tell me more about the sennheiser") when two or more have it, in
    /// the list's order; `nil` for any other message. Before, "the logitech one" searched
    /// Logitech again, and its question was lost.
    static func productsNamedByBrand(in tokens: [Token], text: String, among shown: [ProductResult])
        -> (brand: String, products: [ProductResult])? {
        guard shown.count > 1, case .brand(let brand, let products)? = reference(in: tokens, text: text, among: shown),
              products.count > 1 else { return nil }
        return (brand, products)
    }

    /// The shown products whose titles have `word` (of three letters or more, no number, no stop
    /// word): one ("the pixel" of a Google Pixel 7a among other phones), or several of one brand
    /// ("the moto" of two Motorolas); none when products of several brands have it.
    static func products(namedByTitleWord word: String, among shown: [ProductResult]) -> [ProductResult] {
        guard word.count >= 3, Double(word) == nil, !Lexicon.keywordStopwords.contains(word), !fillers.contains(word) else { return [] }
        let named = shown.filter { WordForms.words($0.title).contains(word) }
        guard let brand = named.first?.brand?.lowercased() ?? (named.count == 1 ? "" : nil),
              named.allSatisfy({ ($0.brand?.lowercased() ?? "") == brand }) else { return [] }
        return named
    }

    /// The shown products each brand names: lower-cased brand to its products in the list's order.
    /// A brand said as one word is found by its letters and digits too: "gskill" is G.Skill.
    static func productsByBrand(_ shown: [ProductResult]) -> [String: [ProductResult]] {
        var byBrand: [String: [ProductResult]] = [:]
        for product in shown {
            guard let brand = product.brand?.lowercased() else { continue }
            byBrand[brand, default: []].append(product)
            let squeezed = brand.filter { $0.isLetter || $0.isNumber }
            if squeezed != brand, squeezed.count >= 4 { byBrand[squeezed, default: []].append(product) }
        }
        return byBrand
    }

    /// What a message names among the shown products.
    private enum Reference {
        case one(ProductResult)
        /// A brand's products, named by it ("the logitech one"): its name as listed, and them.
        case brand(String, [ProductResult])
    }

    /// The shown product the message asks about, if it asks about one.
    /// - Parameters:
    ///   - text: the words `tokens` were read from ("#2" is a place in the list).
    ///   - history: the conversation, whose replies say which product "it", "that" or "this"
    ///     name when the message asks ("tell me more about it"; `productDiscussed`, looked up
    ///     only then: it searches the replies for every shown title).
    static func product(askedAbout tokens: [Token], text: String, among shown: [ProductResult],
                        history: [ConversationMessage] = []) -> ProductResult? {
        guard case .one(let product)? = reference(in: tokens, text: text, among: shown, history: history) else { return nil }
        return product
    }

    /// A brand's shown products that the words right after the brand name by their titles
    /// ("the canon rebel": the Rebel of the two Canons), else all of them.
    /// - Returns: those products, and the index after the last word read.
    static func narrowed(_ products: [ProductResult], byWordsAfter brandIndex: Int, in tokens: [Token])
        -> (products: [ProductResult], end: Int) {
        var narrowed = products
        var end = brandIndex + 1
        while end < tokens.count, !fillers.contains(tokens[end].text), !tokens[end].isSpelledOne {
            let word = tokens[end].text
            let titled = narrowed.filter { WordForms.words($0.title).contains(word) }
            guard !titled.isEmpty else { break }
            narrowed = titled
            end += 1
        }
        return (narrowed, end)
    }

    private static func reference(in tokens: [Token], text: String, among shown: [ProductResult],
                                  history: [ConversationMessage] = []) -> Reference? {
        guard !shown.isEmpty, mayNameAProduct(tokens, text: text) else { return nil }
        if let superlative = Superlative.asked(in: tokens) ?? Superlative.named(in: tokens) {
            return superlative.pick(among: picked(among: shown, tokens: tokens, history: history)).map(Reference.one)
        }
        var named: ProductResult?
        var namedByBrand: [ProductResult] = []
        var brandFollowsThe = false
        var hasCue = asksPrice(tokens)
        var asks = false
        var isOther = false
        var modelWordsEnd = 0
        let brands = productsByBrand(shown)
        // "Which brand is it?", "who makes the second one?": a question about it.
        let asksMaker = MakerQuestion.isAsked(in: tokens)
        for (index, token) in tokens.enumerated() {
            if let place = place(namedAt: index, in: tokens, text: text, shownCount: shown.count) {
                if place < shown.count { named = shown[place] }
            } else if index < modelWordsEnd {
                continue  // a model's words after its brand, read with it
            } else if let products = brands[token.text] {
                (namedByBrand, modelWordsEnd) = narrowed(products, byWordsAfter: index, in: tokens)
                brandFollowsThe = index > 0 && tokens[index - 1].text == "the"
            } else if namedByBrand.isEmpty, index == 2, tokens[1].text == "the", yesNoOpeners.contains(tokens[0].text),
                      case let products = Self.products(namedByTitleWord: token.text, among: shown), !products.isEmpty {
                // "Does the pixel have wireless charging?", "is the moto waterproof?": a word of
                // shown titles, as a brand names them (before, a search for Google phones with
                // "charging").
                (namedByBrand, brandFollowsThe) = (products, true)
            } else if cues.contains(token.text) || asksMaker && MakerQuestion.words.contains(token.text) {
                hasCue = true
            } else if questionWords.contains(token.text) || asksMaker && token.text == "which" {
                asks = true
            } else if !fillers.contains(token.text), !placeWords.contains(token.text), token.number == nil {
                isOther = true
            }
        }
        // "tell me more about the second one", or just "the second one"; not "the first one in red".
        let asksAboutIt = hasCue || asks || !isOther
        if !namedByBrand.isEmpty {
            // "Specs of the JBL", "the apple one", "is the corsair one rechargeable?"; not "sony"
            // or "what about sony?", which search that brand.
            guard hasCue || brandFollowsThe && asksAboutIt else { return nil }
            if namedByBrand.count == 1 { return .one(namedByBrand[0]) }
            return namedByBrand[0].brand.map { .brand($0, namedByBrand) }
        }
        if named == nil, tokens.contains(where: { pronouns.contains($0.text) }) {
            // "tell me more about it"; or a question that opens so: "is it waterproof?", "does it have gps?".
            let opensAQuestion = tokens.count > 1 && yesNoOpeners.contains(tokens[0].text) && pronouns.contains(tokens[1].text)
            if hasCue && !isOther || opensAQuestion || MeasureQuestion.asked(in: tokens) != nil {
                return productDiscussed(in: history, among: shown).map(Reference.one)
            }
        }
        if named == nil, asksAboutAPart(tokens) { return productDiscussed(in: history, among: shown).map(Reference.one) }
        guard let named, asksAboutIt else { return nil }
        return .one(named)
    }
}

extension ProductQuestion {
    /// Words that ask for a product's page.
    static let linkWords: Set<String> = ["link", "links", "url", "website", "webpage"]

    /// Words that may come with such a question: "can you send me the link to the second one?".
    private static let linkFillers: Set<String> = ["send", "share", "paste", "post", "where", "whats", "what", "is", "page",
                                                   "product", "their", "your", "got", "need", "find", "buy", "from"]

    /// The shown product whose link the message asks for ("can you send me the link?", "link to
    /// the second one"): the one it names, else the one talked about, else the first; `nil` for
    /// any other message (before, it searched again and showed the same list).
    static func product(whoseLinkIsAskedIn tokens: [Token], text: String, among shown: [ProductResult],
                        history: [ConversationMessage]) -> ProductResult? {
        guard !shown.isEmpty, tokens.contains(where: { linkWords.contains($0.text) }) else { return nil }
        var named: Int?
        for index in tokens.indices {
            let word = tokens[index].text
            if let place = place(namedAt: index, in: tokens, text: text, shownCount: shown.count), place < shown.count {
                named = place
            } else if !(linkWords.contains(word) || linkFillers.contains(word) || fillers.contains(word) || questionWords.contains(word)
                        || pronouns.contains(word) || placeWords.contains(word) || tokens[index].number != nil) {
                return nil
            }
        }
        return named.map { shown[$0] } ?? productDiscussed(in: history, among: shown) ?? shown.first
    }
}
