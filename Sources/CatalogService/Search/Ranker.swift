import Foundation
import Shared

/// A product to rank, from any source, with what ranking needs beyond `ProductResult`.
public struct RankCandidate: Sendable, Hashable {
    public var product: ProductResult
    public var description: String?
    public var listPrice: Double?
    /// Full-text relevance from the source (higher is better; 0 when unknown).
    public var relevance: Double
    /// The product's words when the source stored them (the local catalog); else worked out when ranked.
    public var words: ProductWords?
    /// The product's attributes as ranking compares them, when the source kept them (the local
    /// catalog); else worked out when ranked.
    public var comparableAttributes: ComparableAttributes?

    public init(product: ProductResult, description: String? = nil, listPrice: Double? = nil, relevance: Double = 0,
                words: ProductWords? = nil, comparableAttributes: ComparableAttributes? = nil) {
        self.product = product
        self.description = description
        self.listPrice = listPrice
        self.relevance = relevance
        self.words = words
        self.comparableAttributes = comparableAttributes
    }
}

/// Applies a spec's hard constraints and scores products against it, explaining each score in
/// `match_reasons`. Pure: no I/O, so it ranks local, federated and marketplace results alike.
public struct Ranker: Sendable {
    public let rates: CurrencyRates

    public init(rates: CurrencyRates) {
        self.rates = rates
    }

    /// Singular words for any product ("machine", "device"), which say no kind of one.
    static let genericNouns: Set<String> = [
        "machine", "maker", "device", "unit", "set", "system", "thing", "gadget", "appliance", "product", "item",
    ]

    static let stopWords: Set<String> = [
        "a", "an", "the", "for", "with", "and", "or", "in", "on", "of", "to", "under", "below", "over", "above",
        "less", "more", "than", "cheap", "best", "good", "i", "want", "need", "looking", "me", "my", "some", "any",
        "is", "it", "that", "this", "around", "about", "like", "please", "show", "find", "buy", "get", "new",
    ]

    /// Lower-cased, singularised words of `text`, without stop words.
    static func tokens(_ text: String) -> [String] {
        // Split by bytes: the normalized words are separated by single spaces, and a split of
        // the string reads characters (a fifth of building a search's query).
        CategoryVocabulary.normalize(text).utf8.split(separator: UInt8(ascii: " ")).lazy
            .map { String(decoding: $0, as: UTF8.self) }.filter { !stopWords.contains($0) }
    }

    /// Whether an attribute says the product lacks the feature whose words these are ("wireless":
    /// "no"): its name has every one of the words and its value is a plain no. An attribute's name
    /// is among the product's words whatever its value, so without this a wired product had the
    /// feature "wireless" and said so in its reasons.
    static func attributeDenies(_ featureWords: [String], _ attributes: ComparableAttributes) -> Bool {
        // "noise_cancelling" is "noise cancel": `_` splits words.
        attributes.list.contains { !$0.deniedWords.isEmpty && featureWords.allSatisfy($0.deniedWords.contains) }
    }

    /// Whether the product has a feature: its words have every word of it ("noise cancelling"),
    /// and no attribute denies it.
    static func has(feature featureWords: [String], words: ProductWords, attributes: ComparableAttributes) -> Bool {
        !featureWords.isEmpty && featureWords.allSatisfy(words.contains) && !attributeDenies(featureWords, attributes)
    }

    static let onSaleFeature = RequirementSpec.onSaleFeature

    /// The product's discount in whole per cent, when it sells at least 5 % below its list price.
    static func discount(of candidate: RankCandidate) -> Int? {
        ProductResult.discount(price: candidate.product.price, listPrice: candidate.listPrice)
    }

    /// The words a shopper searched for: query and keywords.
    static func queryTokens(of spec: RequirementSpec) -> [String] {
        var seen: Set<String> = []
        return ([spec.query ?? ""] + spec.keywords).flatMap(tokens).filter { seen.insert($0).inserted }
    }

    // MARK: Scoring

    /// Filters by the hard constraints, scores, sorts by `spec.sort`, removes duplicates (same brand
    /// and normalised title) and returns the best `limit`.
    /// - Parameter likeness: the product shown before that the products should be like, when
    ///   `spec.similarProductID` names one the catalog has.
    public func rank(_ candidates: [RankCandidate], spec: RequirementSpec, categoryTerms: [String]?, limit: Int,
                     likeness: Likeness? = nil, nameHead: String? = nil) -> [ProductResult] {
        rankPage(candidates, spec: spec, categoryTerms: categoryTerms, limit: limit, excluding: [], likeness: likeness,
                 nameHead: nameHead).products
    }

    /// A ranked page: the best products not in `excluding`, and how many of `excluding` ranked
    /// above the page's last product, counted until the page filled up (all of them when it did not).
    public struct Page {
        public var products: [ProductResult]
        public var skippedAsShown: Int
        /// The candidates that met the spec's hard constraints, and named a thing's head noun when
        /// any did (before duplicates were merged).
        public var allowedCount: Int
    }

    /// `rank`, skipping the products whose ids are in `excluding` (shown on earlier pages of the
    /// same search). A skipped product still removes its duplicates, which were shown with it.
    /// - Parameter nameHead: the head noun of a thing searched for by name (`SearchService.nameHead`).
    public func rankPage(_ candidates: [RankCandidate], spec: RequirementSpec, categoryTerms: [String]?, limit: Int,
                         excluding: Set<String>, likeness: Likeness? = nil, nameHead: String? = nil) -> Page {
        var categoryMatches: [String: Bool] = [:]
        let sizeBounds = Self.sizeBounds(of: spec)
        let excludedColors = Self.excludedColors(of: spec), excludedWords = Self.excludedWords(of: spec)
        let attributes = candidates.map { $0.comparableAttributes ?? ComparableAttributes($0.product.attributes) }
        // "More like the third one": others, not the third one again; "I don't like the first
        // one": never that one.
        let liked = spec.similarProductID
        let turnedDown = Set(spec.excludedProductIDs)
        // By index from here on: a candidate is a dozen strings, and copying one per step (into
        // the scored list, through the sort's swaps) was a sixth of a search.
        let allowed = candidates.indices.filter { index in
            candidates[index].product.id != liked && (turnedDown.isEmpty || !turnedDown.contains(candidates[index].product.id))
                && satisfiesConstraints(candidates[index].product, attributes: attributes[index], spec: spec, sizeBounds: sizeBounds,
                                        excludedColors: excludedColors, excludedWords: excludedWords, categoryTerms: categoryTerms,
                                        categoryMatches: &categoryMatches)
        }
        let maxRelevance = allowed.map { candidates[$0].relevance }.max() ?? 0
        let query = ScoringQuery(spec: spec, rates: rates, categoryIsKnown: categoryTerms != nil, nameHead: nameHead)
        let sortsByPrice = spec.sort == .priceAscending || spec.sort == .priceDescending
        // Scored without reasons first: only the products returned are explained (the strings cost).
        var scored = allowed.map { index in
            var noReasons: [String]?
            let words = ProductWords.of(candidates[index])
            let matches = attributeMatches(query, attributes: attributes[index], words: words, title: candidates[index].product.title)
            let (score, featuresFound, mentionsUse, keywordsFound) = score(candidates[index], words: words, attributes: attributes[index],
                                             attributeMatches: matches, spec: spec, query: query,
                                             maxRelevance: maxRelevance, reasons: &noReasons)
            let price = sortsByPrice
                ? rates.convert(candidates[index].product.price, from: candidates[index].product.currency, to: "USD") ?? .infinity : 0
            let rating = spec.sort == .rating
                ? Self.bayesianRating(candidates[index].product.rating, candidates[index].product.reviewCount) : 0
            // Only among products of the category asked for: without one, a blue SSD is no better
            // an answer to "a blue shirt" than a white shirt.
            let statesOtherValue = categoryTerms != nil && zip(query.attributes, matches).contains {
                $0.1 == .contradicted && Self.keysStatedOtherwiseRankLast.contains($0.0.wanted.key)
            }
            let isForOthers = zip(query.attributes, matches).contains {
                ($0.0.wanted.key == "gender" || $0.0.wanted.key == "age") && $0.1 == .contradicted
            }
            let isForGenderAsked = zip(query.attributes, matches).contains { $0.0.wanted.key == "gender" && $0.1 == .asked }
            let isInColorAsked = zip(query.attributes, matches).contains { $0.0.wanted.key == "color" && $0.1 == .asked }
            // A brand's name in the title is no kind: "apples" asks for no Apple Magic Mouse. The
            // brand is normalised only for a title with the word.
            let namesKindBy = { (word: String) in
                words.titleContains(word) && candidates[index].product.brand.map(CategoryVocabulary.normalize) != word
                    || attributes[index].typeNames(word)
            }
            let namesKind = !query.kindWords.isEmpty
                && (query.kindNeedsEveryWord ? query.kindWords.allSatisfy(namesKindBy) : query.kindWords.contains(where: namesKindBy))
            // 2: the kind's name; 1: its head noun only, of a thing searched for by name ("cooker"
            // of "rice cooker"); 0: neither.
            let kindNamed = namesKind ? 2 : query.kindHead.map(namesKindBy) == true ? 1 : 0
            let measure = query.order?.stated(by: candidates[index].product, attributes: attributes[index])?.amount
            let attributesMatched = sortsByPrice || spec.sort == .rating ? matches.reduce(0) { count, match in
                switch match {
                case .asked, .more, .oversized: count + 1
                case .none, .contradicted, .fewer: count
                }
            } : 0
            let similarity = likeness?.similarity(of: candidates[index].product, attributes: attributes[index], rates: rates).value ?? 0
            return (index: index, score: score, similarity: similarity, price: price, rating: rating,
                    statesOtherValue: statesOtherValue,
                    isWantedBrand: Self.wantedBrand(of: candidates[index].product, in: spec) != nil,
                    amountShare: query.amountIndices.map { Self.share(matches[$0]) }.min() ?? 0,
                    featuresFound: featuresFound,
                    isForOthers: isForOthers,
                    isForGenderAsked: isForGenderAsked,
                    kindNamed: kindNamed,
                    isInColorAsked: isInColorAsked,
                    mentionsUse: mentionsUse,
                    keywordsFound: keywordsFound,
                    attributesMatched: attributesMatched,
                    measure: measure)
        }
        // Tiers before the order asked for. A product for another gender or age than the one
        // asked for (women's jeans for "jeans for men", an "18+" set for a 10-year-old) comes
        // after every other. Brands asked for are a
        // preference, not a filter: their products come first, in any order ("the cheapest" after
        // "iPhones" is the cheapest iPhone, then the cheapest of the rest), and the others fill up
        // the list. Next comes the kind asked for (`ScoringQuery.kindWords`: "espresso" machines
        // before the other coffee makers; without a category, coffee makers for "coffee … for work"
        // before workwear whose description says "work"; earbuds with an 8 hour battery before
        // over-ear headphones with the 12 hours asked of earbuds), then, of a thing searched for by
        // name, those that name its head noun (`ScoringQuery.kindHead`: cookers for "rice cooker"). Then those that say they are
        // for the gender asked (or unisex) before those that say nothing of it: a 12-year-old
        // daughter's "warmer one" is a girls' jacket before an insulated parka of no stated
        // gender (before, adults' parkas led). Then the products
        // that have every amount asked for (a tent for 4 people or more, 16GB or more), however
        // well the others meet the rest: a red 3-person tent cannot do the job of "a red tent for
        // 4 people", and of the others, those with more of it first (16GB before 8GB when none
        // has the 32GB asked for). A product that states another
        // colour or size than the one asked for comes after those that do not (a green jacket
        // after "in blue", a 65 inch TV after "55 inch", however well it meets the rest). The last tier puts the products with more of the
        // features asked for before the others: "the best rated noise cancelling headphones" are
        // noise cancelling first, then well rated, and a cordless vacuum for pet hair comes before
        // a corded one for pet hair, before any other (before, only those with every feature
        // came first, and a corded canister led "compact cordless" when none was both); then
        // those in the colour asked for (a red dress for a wedding is red before it says
        // "wedding": before, two of no stated colour led, and the reply said only one was red);
        // then those whose listings say the use asked for (`useSynonyms`: sport earbuds "for gym
        // workouts" for "headphones for the gym").
        // Sorted by price or rating, those that have more of the attributes asked for come first
        // (the cheapest 65 inch TV is the cheapest of those with a 65 inch screen, not a 24 inch
        // one), then those whose listings say more of the keywords: the cheapest camera "for
        // vlogging" is one that says so, not an instant camera for $79.95 (ranked by relevance,
        // the score weighs both already). So does an order by a measure: "something with
        // drawers" after desks for a small room, narrowest first, lists those with drawers first.
        // Then the order a measure asks for
        // (`OrderedMeasure`: "the biggest TV"), then `spec.sort`. Products like one shown before
        // ("more like the third one": `Likeness`) are ordered by how alike they are before the
        // score; a sort by price or rating keeps its order.
        // Of a thing searched for by name, only the products whose titles name its head noun, when
        // any does: the others are no closer to it than anything else (PC case fans after an
        // "iPhone 12 Silicone Case" for "an iphone 15 case under 40").
        if query.kindHead != nil, scored.contains(where: { $0.kindNamed > 0 }) { scored.removeAll { $0.kindNamed == 0 } }
        scored.sort { left, right -> Bool in
            if left.isForOthers != right.isForOthers { return right.isForOthers }
            if left.isWantedBrand != right.isWantedBrand { return left.isWantedBrand }
            if left.kindNamed != right.kindNamed { return left.kindNamed > right.kindNamed }
            if left.isForGenderAsked != right.isForGenderAsked { return left.isForGenderAsked }
            if left.amountShare != right.amountShare { return left.amountShare > right.amountShare }
            if left.statesOtherValue != right.statesOtherValue { return right.statesOtherValue }
            if left.featuresFound != right.featuresFound { return left.featuresFound > right.featuresFound }
            if left.isInColorAsked != right.isInColorAsked { return left.isInColorAsked }
            if left.mentionsUse != right.mentionsUse { return left.mentionsUse }
            if left.attributesMatched != right.attributesMatched { return left.attributesMatched > right.attributesMatched }
            if left.keywordsFound != right.keywordsFound, spec.sort != .relevance || query.order != nil {
                return left.keywordsFound > right.keywordsFound
            }
            if let order = query.order, let precedes = order.precedes(left.measure, right.measure) { return precedes }
            switch spec.sort {
            case .relevance:
                if left.similarity != right.similarity { return left.similarity > right.similarity }
                if left.score != right.score { return left.score > right.score }
                return candidates[left.index].product.title < candidates[right.index].product.title
            case .priceAscending, .priceDescending:
                if left.price != right.price { return spec.sort == .priceAscending ? left.price < right.price : left.price > right.price }
                return left.score > right.score
            case .rating:
                if left.rating != right.rating { return left.rating > right.rating }
                return left.score > right.score
            }
        }
        var seen: Set<DuplicateKey> = []
        var result: [ProductResult] = []
        var skippedAsShown = 0
        for entry in scored where result.count < limit {
            let candidate = candidates[entry.index]
            let words = ProductWords.of(candidate)
            guard seen.insert(DuplicateKey(Self.duplicateKey(candidate.product, normalizedTitle: words.title))).inserted else {
                continue
            }
            if !excluding.isEmpty, excluding.contains(candidate.product.id) {
                skippedAsShown += 1
                continue
            }
            var explained = candidate.product
            var reasons: [String]? = []
            _ = score(candidate, words: words, attributes: attributes[entry.index],
                      attributeMatches: attributeMatches(query, attributes: attributes[entry.index], words: words,
                                                         title: candidate.product.title),
                      spec: spec, query: query, maxRelevance: maxRelevance, reasons: &reasons)
            explained.score = entry.score
            if let likeness,
               let reason = likeness.reason(shared: likeness.similarity(of: candidate.product, attributes: attributes[entry.index],
                                                                        rates: rates).shared,
                                            asked: Self.askedValues(of: spec), features: Set(spec.features.map(AttributeName.key))) {
                reasons?.insert(reason, at: 0)
            }
            explained.matchReasons = reasons ?? []
            result.append(explained)
        }
        return Page(products: result, skippedAsShown: skippedAsShown, allowedCount: scored.count)
    }

    /// The spec's attributes as `Likeness.reason` compares them: by `AttributeName.key`, compact values.
    static func askedValues(of spec: RequirementSpec) -> [String: String] {
        Dictionary(spec.attributes.map { (AttributeName.key($0.key), compact($0.value)) }) { first, _ in first }
    }

    /// The brand of `spec.brands` the product is of (`ProductResult.isOf(brand:)`: by its brand,
    /// or its title naming it, as a card's chip maker), ignoring case.
    static func wantedBrand(of product: ProductResult, in spec: RequirementSpec) -> String? {
        spec.brands.first(where: product.isOf(brand:))
    }

    /// Same brand and the same first words of the title, ignoring case and punctuation: the
    /// brand lower-cased (or the title's first word), `|`, then the title's first ten words with
    /// single spaces between. As bytes: only compared, never shown.
    static func duplicateKey(_ product: ProductResult, normalizedTitle: String) -> [UInt8] {
        var key: [UInt8] = []
        if let brand = product.brand { key.append(contentsOf: brand.lowercased().utf8) }
        var title = normalizedTitle
        title.withUTF8 { bytes in
            key.reserveCapacity(key.count + 1 + min(bytes.count, 128))
            var words = 0, index = 0, titleStart = key.count
            while index < bytes.count, words < 10 {
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
                if words == 0 {
                    if product.brand == nil { key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                    key.append(UInt8(ascii: "|"))
                    titleStart = key.count
                }
                if key.count > titleStart { key.append(UInt8(ascii: " ")) }
                key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                words += 1
            }
            if words == 0 { key.append(UInt8(ascii: "|")) }
        }
        return key
    }

    /// A duplicate key in a set, hashed as one run of bytes (an array hashes byte by byte).
    struct DuplicateKey: Hashable {
        let bytes: [UInt8]

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// A rating pulled towards 3.8 when few buyers rated it, so 5.0 from two buyers does not beat
    /// 4.7 from two thousand; 0–5.
    static func bayesianRating(_ rating: Double?, _ count: Int?) -> Double {
        guard let rating else { return 2.5 }
        let scaled = min(5, max(0, rating))
        let weight = Double(count ?? 1)
        return (scaled * weight + 3.8 * 10) / (weight + 10)
    }

    /// The candidate's 0–1 score (rounded to 0.001), adding why it fits to `reasons` unless that
    /// is `nil`; and, for the ranking's tiers, found by the same look-ups: how many of the features
    /// asked for it has, whether its listing says the use asked for, and how many of the keywords'
    /// words it has.
    /// Stop words never reach `words`' look-ups: query, feature and attribute words are `tokens`.
    /// `attributeMatches` is `attributeMatches(query, attributes:words:)` of the same candidate.
    func score(
        _ candidate: RankCandidate, words: ProductWords, attributes: ComparableAttributes, attributeMatches: [AttributeMatch],
        spec: RequirementSpec, query: ScoringQuery, maxRelevance: Double, reasons: inout [String]?
    ) -> (value: Double, featuresFound: Int, mentionsUse: Bool, keywordsFound: Int) {
        var featuresFound = 0
        // "For the gym": its listing says the use, or a word for it ("workouts"); the use's words
        // among the query's are looked up with them.
        var useWordsFound = 0
        // The keywords' words found (`ScoringQuery.tokenIsKeyword`), for the tier of a sort by price or rating.
        var keywordsFound = 0
        let product = candidate.product
        var total = 0.0, weights = 0.0
        func add(_ value: Double, weight: Double) {
            total += min(1, max(0, value)) * weight
            weights += weight
        }
        let tokens = query.tokens
        // The words of a colour the product states otherwise mean something else in its title
        // (an "Athlon Silver" processor): they do not count as the shopper's words found.
        var contradicted: [String] = []
        for (index, match) in attributeMatches.enumerated() where match == .contradicted {
            contradicted += query.attributes[index].wanted.words
        }

        if !tokens.isEmpty {
            var titleCount = 0, anywhereCount = 0
            for index in tokens.indices where !contradicted.contains(tokens[index]) {
                let token = tokens[index]
                // The title is scanned once per word, not again for "anywhere".
                if words.titleContains(token) {
                    titleCount += 1
                    anywhereCount += 1
                } else if words.otherContains(token) {
                    anywhereCount += 1
                } else if let said = query.tokenOtherWords[index].first(where: { words.titleContains($0) || words.otherContains($0) }) {
                    anywhereCount += 1  // "for the gym" of a use asked as "fitness", "vloggers" for "vlogging"
                    reasons?.append("mentions \"\(said)\"")
                } else {
                    continue
                }
                if query.tokenIsUse[index] { useWordsFound += 1 }
                if query.tokenIsKeyword[index] { keywordsFound += 1 }
            }
            let inTitle = Double(titleCount) / Double(tokens.count)
            let anywhere = Double(anywhereCount) / Double(tokens.count)
            let relevance = maxRelevance > 0 ? candidate.relevance / maxRelevance : anywhere
            add(0.45 * inTitle + 0.25 * anywhere + 0.3 * relevance, weight: 0.35)
            if inTitle == 1, tokens.count > 1, !query.namesOnlyCategory {
                // The shopper's own words when they said some beyond the category ("window" of an
                // air fryer; the query "air fryers" said nothing the category did not).
                let said = spec.keywords.isEmpty ? spec.query ?? tokens.joined(separator: " ") : spec.keywords.joined(separator: " ")
                reasons?.append("matches \"\(said)\"")
            }
        }
        // The measure ranked by ("65 inch screen"): said early, as it decided the order.
        if reasons != nil, let order = query.order, let stated = order.stated(by: product, attributes: attributes) {
            reasons?.append(AttributeName.reason(key: order.key, value: stated.value))
        }
        // A product known to meet a bound ("weighs 9 lb" of "lighter than 10 lb") fits better than one
        // kept because it states no weight.
        if !query.measuredBoundKeys.isEmpty {
            var stated = 0
            for key in query.measuredBoundKeys {
                guard let attribute = attributes.list.first(where: { $0.key == key }) else { continue }
                stated += 1
                // Said once: an order by the same measure ("the lightest") gave it first already.
                if query.order?.key != key { reasons?.append(AttributeName.reason(key: key, value: attribute.value)) }
            }
            add(Double(stated) / Double(query.measuredBoundKeys.count), weight: 0.1)
        }

        if !query.attributes.isEmpty {
            var matched = 0.0
            for ((wanted, reason), match) in zip(query.attributes, attributeMatches) {
                switch match {
                case .none, .contradicted: continue
                case .fewer(let share):
                    matched += share
                    continue
                case .asked: reasons?.append(reason)
                case .more(let value): reasons?.append(AttributeName.reason(key: wanted.key, value: value))
                case .oversized(let value):
                    reasons?.append(AttributeName.reason(key: wanted.key, value: value))
                    matched += Self.oversizedShare
                    continue
                }
                matched += 1
            }
            add(matched / Double(query.attributes.count), weight: 0.2)
        }

        if !query.features.isEmpty {
            var matched = 0
            for (featureWords, reason, synonyms, isOnSale) in query.features {
                if isOnSale {
                    // Said by its discount below.
                    if Self.discount(of: candidate) != nil { matched += 1 }
                } else if Self.has(feature: featureWords, words: words, attributes: attributes)
                            || synonyms.contains(where: { Self.has(feature: $0, words: words, attributes: attributes) })
                            || FeatureSynonyms.statingAttributes[reason] != nil
                                && attributes.list.contains(where: { FeatureSynonyms.states(reason, key: $0.key, value: $0.value) }) {
                    matched += 1
                    reasons?.append(reason)
                }
            }
            featuresFound = matched
            add(Double(matched) / Double(query.features.count), weight: 0.1)
        }

        if !spec.brands.isEmpty {
            let wanted = Self.wantedBrand(of: product, in: spec)
            add(wanted == nil ? 0 : 1, weight: 0.1)
            if let wanted {
                let isMaker = product.brand.map { $0.lowercased() == wanted.lowercased() } ?? true
                reasons?.append(isMaker ? "by \(product.brand ?? wanted), as you asked" : "\(wanted), as you asked")
            }
        }

        if !spec.budget.isOpen, let price = rates.convert(product.price, from: product.currency, to: spec.budget.currency) {
            let currency = spec.budget.currency
            switch (spec.budget.min, spec.budget.max) {
            case (let min?, let max?): add(0.6 + 0.4 * (1 - (price - min) / Swift.max(max - min, 0.01)), weight: 0.1)
            case (nil, let max?): add(0.6 + 0.4 * (1 - price / Swift.max(max, 0.01)), weight: 0.1)
            case (_?, nil): add(1, weight: 0.1)
            case (nil, nil): break
            }
            if let budgetReason = query.budgetReason { reasons?.append(budgetReason) }
            if product.currency != currency, product.currency.uppercased() != currency.uppercased() {
                reasons?.append("about \(CurrencyRates.format(price, currency: currency))")
            }
        }
        if let discount = Self.discount(of: candidate) { reasons?.append("\(discount)% off") }

        add(Self.bayesianRating(product.rating, product.reviewCount) / 5, weight: 0.15)
        if reasons != nil, let rating = product.rating, rating >= 4.0 {
            let shown = NumberText.oneDecimal(rating)
            if let count = product.reviewCount, count > 0 {
                let buyers = CurrencyRates.groupThousands(Double(count), fractionDigits: 0)
                reasons?.append("rated \(shown) by \(buyers) \(count == 1 ? "buyer" : "buyers")")
            } else {
                reasons?.append("rated \(shown)")
            }
        }
        let mentionsUse = query.asksForUse && useWordsFound == query.useTokenCount
            && query.useWordsOutsideQuery.allSatisfy { $0.contains { words.titleContains($0) || words.otherContains($0) } }
        return (weights > 0 ? (total / weights * 1000).rounded() / 1000 : 0, featuresFound, mentionsUse, keywordsFound)
    }
}
