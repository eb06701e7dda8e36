import Foundation
import Shared

/// What a word or phrase means to the embedded engine.
enum Meaning: Sendable, Hashable {
    case category(String)
    case brand(String)
    case color(String)
    case condition(String)
    case useCase(String)
    case feature(String)
    case sort(RequirementSpec.SortOrder)
    case gender(String)
    case size(String)
    /// A value of an attribute products state ("over ear": type "over-ear").
    case attribute(key: String, value: String)
    /// A word that turns the next brands or colours into exclusions.
    case negation
    case refinement(Refinement)
}

/// Words that change the previous spec rather than describe a new one.
enum Refinement: Sendable, Hashable {
    case cheaper, pricier, clearBudget, clearBrands, clearColor, bigger, smaller
    /// "No other brands": the brands asked for are all that may be shown (`Extraction.brandsOnly`).
    case onlyBrands
    /// "27 inch or bigger", "no smaller than 27 inch": the size said, or more; said alone, `bigger`.
    case orBigger
    /// "55 inch or smaller", "nothing bigger than 55 inch": the size said, or less; said alone, `smaller`.
    case orSmaller
    /// "mid-range": a budget between the category's usual low and middle prices.
    case midRange
    /// "other colors": any colour but the one asked for so far.
    case otherColor
    /// "more ram", "a higher refresh rate": the next amount up of the attribute with this key
    /// (`AmountStep`).
    case moreOf(String)
    /// "the biggest", "the lightest": the products with the most (or least) of a measure first
    /// (`RankedMeasure`).
    case ranked(RankedMeasure, MeasureOrder)
    /// "what about", "instead": what follows replaces what was there.
    case replace
    /// "also", "too": what follows is added.
    case append

    /// Whether it is `moreOf` some measure.
    var isMoreOf: Bool {
        if case .moreOf = self { true } else { false }
    }
}

/// The phrase dictionary of the embedded engine, built once per vocabulary.
///
/// Keys are normalised phrases (tokens joined by one space); a phrase can mean several things
/// ("apple watch" is a category and a brand). Single words of four letters or more also sit in a
/// fuzzy index, bucketed by length, for typo matching.
struct Lexicon: Sendable {
    private(set) var phrases: [String: [Meaning]] = [:]
    /// The longest phrase in words by its first word, for phrases of two words or more: a word
    /// that starts none is looked up alone (joining the words after it for every length was
    /// the largest cost of reading a request).
    private(set) var longestPhraseStarting: [String: Int] = [:]
    /// Fuzzy candidates by word length: (word, its UTF-8 bytes, meanings).
    private(set) var fuzzyByLength: [Int: [(String, [UInt8], [Meaning])]] = [:]
    /// Category knowledge by lowercase catalog name.
    private(set) var knowledge: [String: CategoryKnowledge] = [:]
    /// The words each category's listings use (`CatalogVocabulary.Category.words`), by lowercase name.
    private(set) var listingWords: [String: Set<String>] = [:]
    /// The words of every category's listings: spelled as listings spell them, never a slip
    /// ("a thermal carafe" of coffee makers was the brand CeraVe, two letters away).
    private(set) var anyListingWords: Set<String> = []
    /// Brands named by an ordinary word ("Instant", "Core", "Fully", "Hunter"), with the lowercase
    /// names of the categories they have products in: "an instant camera" and "fully modular" name
    /// no brand (`EmbeddedInterpreter.category(of:previous:turn:)`). Empty categories: not known.
    private(set) var ordinaryWordBrands: [String: Set<String>] = [:]
    /// Lowercase names of the categories the vocabulary has no products of: built-in ones merged
    /// in that the catalog lacks (`EmbeddedInterpreter.isStocked`).
    private(set) var unstockedCategories: Set<String> = []
    let vocabulary: CatalogVocabulary

    /// The category a phrase names ("ram": Memory, "smartwatch": Smartwatches), if it names one.
    func category(namedBy phrase: String) -> String? {
        phrases[phrase]?.lazy.compactMap { meaning -> String? in
            if case .category(let name) = meaning { name } else { nil }
        }.first
    }

    init(vocabulary: CatalogVocabulary) {
        self.vocabulary = vocabulary
        var builtInByName: [String: CategoryKnowledge] = [:]
        for entry in BuiltInVocabulary.knowledge { builtInByName[entry.name.lowercased()] = entry }
        // A catalog category named as a built-in one's synonym ("Video Cards", which the built-in
        // "Graphics Cards" also answers to) is that one, when the catalog has none by its name.
        let catalogNames = Set(vocabulary.categories.map { $0.name.lowercased() })
        var builtInBySynonym: [String: CategoryKnowledge] = [:]
        for entry in BuiltInVocabulary.knowledge where !catalogNames.contains(entry.name.lowercased()) {
            for synonym in entry.synonyms where builtInBySynonym[synonym] == nil { builtInBySynonym[synonym] = entry }
        }

        // Categories: the catalog's names, with the synonyms of the built-in entry of the same name.
        // A vocabulary without counts (every one 0) says nothing of what is stocked.
        let hasCounts = vocabulary.categories.contains { $0.count > 0 }
        var stockByName: [String: Int] = [:]
        for category in vocabulary.categories {
            let name = Self.normalize(category.name)
            for form in [name, Self.singular(name)] { stockByName[form] = max(stockByName[form] ?? 0, category.count) }
        }
        for category in vocabulary.categories {
            let key = category.name.lowercased()
            if hasCounts, category.count == 0 { unstockedCategories.insert(key) }
            var entry = builtInByName[key] ?? builtInBySynonym[CategoryKnowledge.synonymForm(of: key)].map { known in
                var entry = known
                (entry.path, entry.builtInName) = (category.path, known.name)
                return entry
            } ?? CategoryKnowledge(
                name: category.name, path: category.path, synonyms: [], brands: [], isPriceVariable: false,
                isSized: false, budgetExamples: [])
            entry.name = category.name
            knowledge[key] = entry
            if !category.words.isEmpty {
                listingWords[key, default: []].formUnion(category.words)
                anyListingWords.formUnion(category.words)
            }
            // "mens-watches" (the shared data's five) beside the catalog's 530 "Watches": its name
            // says whose and which kind, as the shopper's "mens watch" does, which is watches for
            // men, and those five among them (before, only the five, none under ₹2,000).
            if let kind = Self.kindSoldTo(named: category.name), (stockByName[kind] ?? 0) > category.count { continue }
            var words = entry.synonyms + [Self.normalize(category.name)]
            let singular = Self.singular(Self.normalize(category.name))
            if singular != Self.normalize(category.name) { words.append(singular) }
            // A department named for whom it sells to (an imported catalog's "Women", "Men"): the
            // word says whose, as it does of every category ("a kurta for women" is no search of it).
            // Nor does a name that fits any product (the shared data's "tools > set"): "a set
            // please" after kitchen knives is a knife set, not a search of it.
            for phrase in words where !Self.genderWords.contains(phrase) && !SpecExtractor.genericNouns.contains(phrase) {
                add(phrase, .category(category.name))
            }
        }
        // A category the catalog stocks only under narrower names ("Storage" of the demo catalog's
        // "Internal Storage") is stocked: the catalog's search by its words finds them. Before,
        // "an external hard drive" on the demo catalog said "This catalog has no storage" of its drives.
        let stockedNames = vocabulary.categories.filter { $0.count > 0 }.map { " " + Self.normalize($0.name) }
        unstockedCategories = unstockedCategories.filter { name in
            !stockedNames.contains { $0.hasSuffix(" " + Self.normalize(name)) }
        }
        // A department of sized things is sized too: "women's 8" of "Shoes" (running shoes,
        // sneakers, boots) is a size, as it is of each of them.
        var sizedDepartments = Set<[String]>()
        for category in vocabulary.categories where knowledge[category.name.lowercased()]?.isSized == true {
            for depth in 1..<max(1, category.path.count) { sizedDepartments.insert(Array(category.path.prefix(depth))) }
        }
        for category in vocabulary.categories where sizedDepartments.contains(category.path) {
            knowledge[category.name.lowercased()]?.isSized = true
        }
        for brand in vocabulary.brands {
            let phrase = Self.normalize(brand.name)
            guard !phrase.isEmpty else { continue }
            // A brand named by a word every sentence has ("On": "I run on trails") only with a
            // word that says it is the brand: "from on", "by on", "the on brand". So is one named
            // by a colour (an imported catalog's "Blue": "in blue" asks for the colour).
            let isColor = Self.colorWords.contains(phrase)
            if Self.keywordStopwords.contains(phrase) || isColor {
                for named in ["from \(phrase)", "by \(phrase)", "\(phrase) brand", "brand \(phrase)", "\(phrase) cloud"] {
                    add(named, .brand(brand.name))
                }
                // Right before a kind of thing it makes, the brand and the kind: "a nothing phone"
                // (before, only the phone). Not before a department ("try on shoes"), nor after a
                // colour ("blue shirts" are blue).
                for made in brand.categories where !isColor {
                    guard let category = vocabulary.categories.first(where: { $0.name == made }),
                          category.isNarrowest(among: vocabulary.categories) else { continue }
                    let name = Self.normalize(category.name)
                    for kind in Set([name, Self.singular(name)]) {
                        add("\(phrase) \(kind)", .brand(brand.name))
                        add("\(phrase) \(kind)", .category(category.name))
                    }
                }
                continue
            }
            add(phrase, .brand(brand.name))
            if Self.isOrdinaryWord(phrase) {
                ordinaryWordBrands[brand.name] = Set(brand.categories.map { $0.lowercased() })
            }
            // "levis" and "levi s" both reach Levi's.
            let squeezed = phrase.replacingOccurrences(of: " ", with: "")
            if squeezed != phrase && squeezed.count >= 4 { add(squeezed, .brand(brand.name)) }
        }
        // Product names that imply a brand.
        let brandOf: [String: String] = [
            "macbook": "Apple", "macbooks": "Apple", "iphone": "Apple", "iphones": "Apple", "ipad": "Apple",
            "ipads": "Apple", "airpods": "Apple", "apple watch": "Apple", "kindle": "Amazon", "kindles": "Amazon",
            "gopro": "GoPro", "lego": "LEGO", "legos": "LEGO", "lego set": "LEGO", "lego sets": "LEGO",
            "roomba": "iRobot", "nutribullet": "NutriBullet", "chromebook": "Google", "pixel": "Google",
            "galaxy": "Samsung", "thinkpad": "Lenovo", "surface": "Microsoft", "playstation": "Sony",
        ]
        for (phrase, brand) in brandOf {
            guard let name = vocabulary.brands.first(where: { $0.name.lowercased() == brand.lowercased() })?.name
            else { continue }
            if phrase == "chromebook" { continue }  // many makers build chromebooks
            add(phrase, .brand(name))
        }
        if let laptops = vocabulary.categories.first(where: { $0.name.lowercased() == "laptops" }) {
            add("thinkpad", .category(laptops.name))
        }
        if let phones = vocabulary.categories.first(where: { $0.name.lowercased() == "phones" }) {
            add("pixel", .category(phones.name))
            add("galaxy phone", .category(phones.name))
        }

        for (color, words) in Self.colors { for word in words { add(word, .color(color)) } }
        // "Light grey", "dark green": the colour, and "light" is no weight ("light" alone is).
        for (color, words) in Self.colors {
            for word in words where !word.contains(" ") {
                for shade in ["light", "dark", "pale", "deep"] where phrases["\(shade) \(word)"] == nil {
                    add("\(shade) \(word)", .color(color))
                }
            }
        }
        for (value, words) in Self.conditions { for word in words { add(word, .condition(value)) } }
        for (value, words) in Self.useCases { for word in words { add(word, .useCase(value)) } }
        for (value, words) in Self.features { for word in words { add(word, .feature(value)) } }
        for (order, words) in Self.sorts { for word in words { add(word, .sort(order)) } }
        for (value, words) in Self.genders { for word in words { add(word, .gender(value)) } }
        for (value, words) in Self.sizes { for word in words { add(word, .size(value)) } }
        for (key, value, words) in Self.attributeValues { for word in words { add(word, .attribute(key: key, value: value)) } }
        for word in Self.negations { add(word, .negation) }
        for (refinement, words) in Self.refinements { for word in words { add(word, .refinement(refinement)) } }
        for (measure, order, words) in RankedMeasure.phrases { for word in words { add(word, .refinement(.ranked(measure, order))) } }

        // The fuzzy index holds names of things (categories, brands, colours), features of six
        // letters or more ("wireles" is "wireless") and uses of seven or more ("colege" is
        // "college"); a word spelled right is never a slip (`notTypos`).
        for (phrase, meanings) in phrases where !phrase.contains(" ") && phrase.count >= 4 {
            let fuzzy = meanings.filter {
                switch $0 {
                case .category, .brand, .color: true
                case .feature: phrase.count >= 6
                case .useCase: phrase.count >= 7
                default: false
                }
            }
            if !fuzzy.isEmpty { fuzzyByLength[phrase.utf8.count, default: []].append((phrase, Array(phrase.utf8), fuzzy)) }
        }
        for length in fuzzyByLength.keys { fuzzyByLength[length]?.sort { $0.0 < $1.0 } }
    }

    private mutating func add(_ phrase: String, _ meaning: Meaning) {
        let key = Self.normalize(phrase)
        guard !key.isEmpty else { return }
        var meanings = phrases[key, default: []]
        if !meanings.contains(meaning) { meanings.append(meaning) }
        phrases[key] = meanings
        let words = key.split(separator: " ")
        if words.count > 1 {
            let first = String(words[0])
            longestPhraseStarting[first] = max(longestPhraseStarting[first] ?? 1, words.count)
        }
    }

    /// A name or phrase as the tokenizer would give it: "Levi's" → "levis", "G.Skill" → "g skill".
    static func normalize(_ text: String) -> String {
        Tokenizer.tokenize(text).map(\.text).joined(separator: " ")
    }

    /// The kind a category's name says it sells to a gender ("watches" of "mens-watches"), as
    /// `normalize` writes it; `nil` when the name does not start with a gender's word.
    static func kindSoldTo(named name: String) -> String? {
        let words = normalize(name).split(separator: " ")
        guard words.count > 1, genderWords.contains(String(words[0])) else { return nil }
        return words.dropFirst().joined(separator: " ")
    }

    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s") && !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }

    /// The closest name within the allowed edit distance (1 for 4–5 letters, 2 from 6, and then
    /// only with the same first letter), or nil.
    ///
    /// Two edits anywhere turn too many ordinary words into names ("sister" is two edits from the
    /// blender brand "Oster"), while typing slips rarely touch a word's first letter.
    func fuzzyMatch(_ word: String) -> (String, [Meaning])? {
        let target = Array(word.utf8)
        let length = target.count
        // A common word's plural is no typo either: "no logos" read as "no LEGO".
        guard length >= 4, length <= 40, !Self.notTypos.contains(word),
              !(word.hasSuffix("s") && Self.notTypos.contains(String(word.dropLast()))),
              !WordForms.contains(anyListingWords, eitherNumberOf: word) else { return nil }
        let allowed = length >= 6 ? 2 : 1
        var rows = EditRows(capacity: length + allowed + 1)
        var best: (String, [Meaning], Int)?
        for candidateLength in (length - allowed)...(length + allowed) {
            guard let bucket = fuzzyByLength[candidateLength] else { continue }
            for (candidate, bytes, meanings) in bucket {
                // Two edits only with the same first letter: with another, one edit at most, and
                // one edit cannot change both the first and the last letter of a 4+ letter word.
                let limit = bytes.first == target.first ? allowed : 1
                if limit == 1, bytes.first != target.first, bytes.last != target.last { continue }
                let distance = Self.editDistance(target, bytes, limit: limit, rows: &rows)
                guard distance <= limit else { continue }
                if let current = best, current.2 <= distance { continue }
                best = (candidate, meanings, distance)
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// Scratch rows for `editDistance`, allocated once per lookup.
    struct EditRows {
        var previousPrevious: [Int]
        var previous: [Int]
        var current: [Int]

        init(capacity: Int) {
            previousPrevious = [Int](repeating: 0, count: capacity)
            previous = previousPrevious
            current = previousPrevious
        }
    }

    /// Optimal string alignment distance (adjacent swaps count one), stopping early past `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int, rows: inout EditRows) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        if rows.previous.count < b.count + 1 { rows = EditRows(capacity: b.count + 1) }
        for j in 0...b.count { rows.previous[j] = j }
        for i in 1...a.count {
            rows.current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(rows.previous[j] + 1, rows.current[j - 1] + 1, rows.previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, rows.previousPrevious[j - 2] + 1)
                }
                rows.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&rows.previousPrevious, &rows.previous)
            swap(&rows.previous, &rows.current)
        }
        return rows.previous[b.count]
    }
}
