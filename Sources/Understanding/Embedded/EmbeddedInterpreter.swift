import Shared

/// The embedded engine's logic for one vocabulary: synchronous, deterministic, no I/O.
///
/// Budgets: "under X" sets `max`, "over X" sets `min`, "between X and Y" / "X-Y" set both, a bare
/// amount with a currency ("$500 laptop") is a ceiling, and "around X" sets the band
/// `[0.8·X, 1.2·X]` (±20 %, rounded to whole units). "Cheaper" lowers the ceiling to 90 % of the
/// cheapest product shown (`shownPriced`; 80 % of the old ceiling when nothing was shown).
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
        } else if said.categories.isEmpty, let place = Self.earlierSearchPlace(namedBy: tokens) {
            // "Go back to the first search": that search as it was (before, the keyword "back").
            if let category = earlierCategory(at: place, in: turn), category.lowercased() != base?.category?.lowercased(),
               let earlier = earlierSearch(for: category, in: turn) {
                base = earlier
            }
            said.keywords.removeAll(where: Self.returnWords.contains)
        }
        return merge(said, into: base, turn: turn, tokens: tokens)
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
            let forAsked = compared.filter { product in
                let genders = Self.genders(of: product)
                return genders.isEmpty || Gender.suits(genders, asked: asked)
            }
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

    /// The genders a product is for: those its attributes state (`Gender.listed`: "Ideal For:
    /// Women, Girls"), else its title's ("… Men's Running Shoes", `Gender.departments`), as the
    /// catalog ranks it; none when neither says. The products the state keeps as shown have
    /// titles only.
    static func genders(of product: ProductResult) -> [String] {
        if let stated = product.attributes.first(where: { AttributeName.key($0.key) == "gender" }) {
            return Gender.listed(in: stated.value)
        }
        return Gender.departments(in: product.title)
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

    /// The words that name what is wanted when no category does ("doll"): the keywords but the use
    /// case, three of them, or through an accessory's noun ("iphone 15 pro max case").
    static func namedThings(_ spec: RequirementSpec) -> [String] {
        let words = spec.keywords.filter { $0 != spec.useCase }
        let accessory = words.prefix(6).firstIndex(where: SpecExtractor.accessoryNouns.contains)
        return Array(words.prefix(max(3, accessory.map { $0 + 1 } ?? 0)))
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
