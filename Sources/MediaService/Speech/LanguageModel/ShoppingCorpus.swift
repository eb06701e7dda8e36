/// Training sentences for the shopping language model: every template filled many times with
/// words drawn by a seeded generator, so the same inputs always give the same model.
struct ShoppingCorpus {
    /// Sentences as lowercase words.
    var sentences: [[String]]

    /// - Parameters:
    ///   - fillsPerTemplate: how many sentences each template yields.
    ///   - seed: the generator's seed.
    init(fillsPerTemplate: Int = 400, seed: UInt64 = 0x5EED_2026) {
        var random = SplitMix64(seed: seed)
        var sentences: [[String]] = []
        sentences.reserveCapacity(ShoppingVocabulary.templates.count * fillsPerTemplate + 2_000)
        for template in ShoppingVocabulary.templates {
            let count = template.contains("{") ? fillsPerTemplate : 5
            for _ in 0..<count {
                sentences.append(Self.fill(template, random: &random))
            }
        }
        // Every word of every list appears at least once, in a short phrase of its own.
        let lists = [ShoppingVocabulary.colors, ShoppingVocabulary.categories, ShoppingVocabulary.brands,
                     ShoppingVocabulary.sizes, ShoppingVocabulary.materials, ShoppingVocabulary.qualities,
                     ShoppingVocabulary.audiences, ShoppingVocabulary.occasions, ShoppingVocabulary.features,
                     ShoppingVocabulary.traits]
        for list in lists {
            for phrase in list { sentences.append(Self.words(phrase)) }
        }
        for number in 0...100 {
            sentences.append(Self.words(NumberWords.plain(number, withAnd: false)))
        }
        for price in ShoppingVocabulary.prices {
            for form in NumberWords.spokenForms(of: price) {
                sentences.append(Self.words(form + " dollars"))
            }
        }
        self.sentences = sentences
    }

    /// Every distinct word.
    var vocabulary: Set<String> { Set(sentences.joined()) }

    private static func fill(_ template: String, random: inout SplitMix64) -> [String] {
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let slot = rest[rest.index(after: open)..<close]
            text += value(for: slot, random: &random)
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return words(text)
    }

    private static func value(for slot: Substring, random: inout SplitMix64) -> String {
        switch slot {
        case "color": random.pick(ShoppingVocabulary.colors)
        case "category": random.pick(ShoppingVocabulary.categories)
        case "brand": random.pick(ShoppingVocabulary.brands)
        case "size": random.pick(ShoppingVocabulary.sizes)
        case "material": random.pick(ShoppingVocabulary.materials)
        case "quality": random.pick(ShoppingVocabulary.qualities)
        case "audience": random.pick(ShoppingVocabulary.audiences)
        case "occasion": random.pick(ShoppingVocabulary.occasions)
        case "currency": random.pick(ShoppingVocabulary.currencies)
        case "stars": random.pick(ShoppingVocabulary.starCounts)
        case "number": NumberWords.plain(random.pick(ShoppingVocabulary.numberedSizes), withAnd: false)
        case "people": random.pick(ShoppingVocabulary.peopleCounts)
        case "ordinal": random.pick(ShoppingVocabulary.ordinals)
        case "feature": random.pick(ShoppingVocabulary.features)
        case "trait": random.pick(ShoppingVocabulary.traits)
        case "price", "price2":
            random.pick(NumberWords.spokenForms(of: random.pick(ShoppingVocabulary.prices)))
        default: String(slot)
        }
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " }).map(String.init)
    }
}

/// A small, fast, seedable generator (SplitMix64), so the corpus is reproducible.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }
}
