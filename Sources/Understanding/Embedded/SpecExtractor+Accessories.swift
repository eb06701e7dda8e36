// An accessory of a product the shopper names by its line or its kind, and its model: "an iphone 15
// case", "a screen protector for my galaxy s24", "a charger for my macbook pro".
extension SpecExtractor {
    /// Things named by what they go with ("phone charger", "camera bag"), whose catalogs may have
    /// categories of their own.
    static let accessoryNouns: Set<String> = [
        "case", "cases", "cover", "covers", "charger", "chargers", "cable", "cables", "stand", "stands", "mount", "mounts",
        "holder", "holders", "protector", "protectors", "sleeve", "sleeves", "strap", "straps", "band", "bands",
        "adapter", "adapters", "bag", "bags", "battery", "batteries", "lens", "lenses", "skin", "skins",
    ]

    /// Words that may stand between "for" and the product an accessory goes with: "for my iphone".
    private static let hostLeadIns: Set<String> = ["my", "your", "his", "her", "our", "their", "the", "a", "an", "new"]

    /// Words of an accessory's name that are no search words alone: "screen protector", "wall charger".
    private static let accessoryNameWords: Set<String> = ["screen", "wall", "car", "desk", "floor"]

    /// An accessory's host: the tokens of its name and model, and what the lexicon reads in its name.
    private struct Host {
        var range: Range<Int>
        var meanings: [Meaning]
    }

    /// "An iphone 15 case", "galaxy s24 case", "a screen protector for my iphone 15 pro", "a case
    /// for my iphone": an accessory (`accessoryNouns`, ending the thing's name) of a product named
    /// by a product line, a brand or a category (the host), with its model's words. What is
    /// wanted is the accessory, searched for by the host's words, the model's and its own name's,
    /// in that order; the host's category is only what it goes with (weak), the brand its line
    /// implies ("iphone": Apple) no brand asked for, and a category the accessory's name is (the
    /// shared data's "Chargers") not the search's either: a catalog's chargers are not all for
    /// phones. Before, "an iphone 15 case under 20" searched Apple phones under $20, and "a case
    /// for my iphone" lost the word "iphone". A category named by the whole phrase ("laptop bags")
    /// is that category. Returns whether it read one.
    func movesAccessoryHost(_ tokens: [Token], _ categoryPhrases: [(name: String, range: Range<Int>)],
                            _ result: inout Extraction) -> Bool {
        for accessory in tokens.indices where Self.accessoryNouns.contains(tokens[accessory].text) {
            guard accessory + 1 == tokens.count || Self.phraseEnders.contains(tokens[accessory + 1].text),
                  !categoryPhrases.contains(where: { $0.range.count > 1 && $0.range.contains(accessory) }) else { continue }
            let nameStart = accessoryNameStart(accessory, in: tokens, result)
            let found = hostAfter(accessory, in: tokens).map { ($0, nameStart) }
                ?? hostBefore(accessory, in: tokens).map { ($0, accessory) }
                ?? (nameStart < accessory ? hostBefore(nameStart, in: tokens).map { ($0, nameStart) } : nil)
            guard let (host, start) = found else { continue }
            for meaning in host.meanings {
                switch meaning {
                case .category(let name):
                    result.categories.removeAll { $0 == name }
                    if !result.weakCategories.contains(name) { result.weakCategories.append(name) }
                case .brand(let name):
                    result.brands.removeAll { $0 == name }
                    result.ordinaryWordBrands[name] = nil
                default: continue
                }
            }
            let name = tokens[start...accessory].map(\.text)
            for phrase in categoryPhrases where phrase.range.overlaps(start..<(accessory + 1)) {
                result.categories.removeAll { $0 == phrase.name }
            }
            let hostWords = tokens[host.range].map(\.text).filter { !Lexicon.keywordStopwords.contains($0) }
            result.keywords.removeAll { hostWords.contains($0) || name.contains($0) }
            result.keywords.insert(contentsOf: hostWords + name, at: 0)
            return true
        }
        return false
    }

    /// Where the accessory's own name starts: "screen protector", "phone case" (up to two words
    /// before the noun that are searched for, name a category or are `accessoryNameWords`; no model's).
    private func accessoryNameStart(_ accessory: Int, in tokens: [Token], _ result: Extraction) -> Int {
        var start = accessory
        while start > 0, accessory - start < 2, case let word = tokens[start - 1], word.number == nil, !Self.isModelWord(word),
              result.keywords.contains(word.text) || Self.accessoryNameWords.contains(word.text)
                || lexicon.phrases[word.text]?.contains(where: Self.isCategory) == true {
            start -= 1
        }
        return start
    }

    /// The host right before the accessory's name, with its model's words between: "iphone 15 pro case".
    private func hostBefore(_ nameStart: Int, in tokens: [Token]) -> Host? {
        var end = nameStart
        while end > 0, Self.isModelWord(tokens[end - 1]) { end -= 1 }
        for length in [2, 1] where end - length >= 0 {
            let phrase = tokens[(end - length)..<end].map(\.text).joined(separator: " ")
            // "Laptops bag" is laptops with a bag, as `movesCompanionCategory` reads it; "airpods case" a case.
            let isPlural = end == nameStart && phrase.hasSuffix("s") && !phrase.hasSuffix("ss")
            if var meanings = lexicon.phrases[phrase], meanings.contains(where: Self.namesHost),
               !isPlural || meanings.contains(where: Self.isBrand) {
                // "Samsung galaxy s24 case": the maker before the line names the host too.
                var start = end - length
                while start > 0, let before = lexicon.phrases[tokens[start - 1].text], before.contains(where: Self.isBrand) {
                    meanings += before
                    start -= 1
                }
                return Host(range: start..<nameStart, meanings: meanings)
            }
        }
        return nil
    }

    /// The host after "for" and a possessive or article: "a case for my iphone 15".
    private func hostAfter(_ accessory: Int, in tokens: [Token]) -> Host? {
        var start = accessory + 1
        guard start < tokens.count, tokens[start].text == "for" else { return nil }
        start += 1
        while start < tokens.count, Self.hostLeadIns.contains(tokens[start].text) { start += 1 }
        for length in [2, 1] where start + length <= tokens.count {
            let phrase = tokens[start..<(start + length)].map(\.text).joined(separator: " ")
            guard var meanings = lexicon.phrases[phrase], meanings.contains(where: Self.namesHost) else { continue }
            var end = start + length
            // "For samsung galaxy j7": the line after the maker, and the model's words.
            while end < tokens.count {
                if Self.isModelWord(tokens[end]) {
                    end += 1
                } else if let line = lexicon.phrases[tokens[end].text], line.contains(where: Self.isBrand) {
                    meanings += line
                    end += 1
                } else {
                    break
                }
            }
            return Host(range: start..<end, meanings: meanings)
        }
        return nil
    }

    /// A product line or a maker (`.brand`: "iphone", "galaxy", "samsung") or a kind (`.category`).
    private static func namesHost(_ meaning: Meaning) -> Bool {
        switch meaning {
        case .brand, .category: true
        default: false
        }
    }

    private static func isCategory(_ meaning: Meaning) -> Bool {
        if case .category = meaning { true } else { false }
    }

    private static func isBrand(_ meaning: Meaning) -> Bool {
        if case .brand = meaning { true } else { false }
    }

    /// A word of a model's name: a typed number ("15"), letters and digits ("s24", "m2"), or one of
    /// `modelWords` ("pro", "max").
    private static func isModelWord(_ token: Token) -> Bool {
        token.number != nil && token.isTyped || modelWords.contains(token.text)
            || token.text.count <= 5 && token.text.contains(where: \.isNumber) && token.text.contains(where: \.isLetter)
    }
}
