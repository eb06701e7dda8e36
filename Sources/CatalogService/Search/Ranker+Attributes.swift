import Foundation
import Shared

// MARK: Attributes

/// How a product's attributes meet the ones a spec asks for: keys and their aliases, sizes in
/// ranges, quantities of which more serves, colours and genders, and the reasons a shopper reads.
extension Ranker {
    /// A wanted attribute as matching compares it, worked out once per ranking.
    struct WantedAttribute {
        /// `AttributeName.key` of the key: what `ComparableAttributes.Attribute.key` is compared with.
        var key: String
        /// Lower-cased, without spaces; empty matches nothing.
        var value: String
        /// The value's words (`tokens`), looked for in the title.
        var words: [String]
        /// The value as a quantity of which more serves as well ("144Hz", "16GB"), if it is one.
        var quantity: Quantity?

        init(key: String, value: String) {
            self.key = AttributeName.key(key)
            self.value = Ranker.compact(value)
            words = Ranker.tokens(value)
            quantity = Quantity(value, key: self.key)
        }
    }

    /// An attribute value as matching compares it: lower-cased, without accents ("Brontë" is
    /// "bronte", as shoppers type it) and without spaces.
    static func compact(_ text: String) -> String {
        let lower = text.lowercased()
        // Nearly every value is ASCII: Foundation's folding only for the others.
        return withoutSpaces(lower.utf8.allSatisfy { $0 < 0x80 } ? lower : lower.folding(options: .diacriticInsensitive, locale: nil))
    }

    /// `text` without ASCII spaces, byte by byte (Foundation's `replacingOccurrences` builds an
    /// `NSString` per call, and this runs per attribute of every candidate).
    static func withoutSpaces(_ text: String) -> String {
        String(decoding: text.utf8.filter { $0 != UInt8(ascii: " ") }, as: UTF8.self)
    }

    /// How the product meets each of the query's wanted attributes, in their order: worked out
    /// once per candidate, for its score and for the colour order.
    /// - Parameter title: the product's title as listed (`words` has it singular: "girls" is "girl").
    func attributeMatches(_ query: ScoringQuery, attributes: ComparableAttributes, words: ProductWords,
                          title: String) -> [AttributeMatch] {
        query.attributes.map { attributeMatch($0.wanted, attributes: attributes, words: words, title: title) }
    }

    /// Whether a value (`compact`) says a product suits every value of its attribute: a
    /// moisturiser for "all" skin types, a shampoo for "all hair types". Compared one by one, not
    /// hashed: this runs for every stated value that is not the one asked.
    static func suitsEveryValue(_ value: String) -> Bool {
        switch value {
        case "all", "alltypes", "allskintypes", "allhairtypes", "any", "universal": true
        default: false
        }
    }

    /// Whether a stated size (`compact`) is not the one asked for, in the same terms: a 65 inch
    /// screen for "55 inch" (more than an inch apart: a "55 inch" class TV may state 54.6), sizes
    /// "0-30" or "28" for a waist of 32, "XS-S" for "M". A size said otherwise ("one size", "M"
    /// for "32") decides nothing. Those that state another size rank after the rest, as those of
    /// another colour do: a bright 65 inch TV is no answer to "55 inch" (before, it led them).
    static func statesOtherSize(_ compact: String, than wanted: WantedAttribute) -> Bool {
        switch wanted.key {
        case "screen_size":
            guard let stated = leadingNumberAndRest(compact)?.number, let asked = leadingNumberAndRest(wanted.value)?.number else {
                return false
            }
            return abs(stated - asked) > 1
        case "size":
            let askedIsLettered = SizeRange.letters.contains(wanted.value)
            guard askedIsLettered || Double(wanted.value) != nil else { return false }
            if let range = SizeRange(compact) { return range.isLettered == askedIsLettered && !range.contains(wanted.value) }
            let statedIsLettered = SizeRange.letters.contains(compact)
            guard statedIsLettered || Double(compact) != nil, statedIsLettered == askedIsLettered else { return false }
            return compact != wanted.value && Double(compact).map { $0 != Double(wanted.value) } != false
        default:
            return false
        }
    }

    /// Keys whose value stated otherwise ranks a product after those that may have the one asked
    /// (`.contradicted`: another colour, another size in the same terms).
    static let keysStatedOtherwiseRankLast: Set<String> = ["color", "size", "screen_size"]

    /// Keys whose "all" means something else: every colour is no colour asked for.
    static let keysWithoutEveryValue: Set<String> = ["color", "gender", "age", "size"]

    /// Where a product that holds far more people than asked for ranks among the amounts: below
    /// every one that fits, above one that holds too few.
    static let oversizedShare = 0.9

    /// How much of an amount asked for the product has, 0–1: all of it (or more), the share it
    /// states ("16GB" of "32GB": 0.5), or none.
    static func share(_ match: AttributeMatch) -> Double {
        switch match {
        case .asked, .more: 1
        case .oversized: oversizedShare
        case .fewer(let share): share
        case .none, .contradicted: 0
        }
    }

    /// How a product meets a wanted attribute.
    enum AttributeMatch: Equatable {
        case none
        /// It states another colour, or is for another gender or age.
        case contradicted
        /// It has the value asked for.
        case asked
        /// It has as much of a quantity as asked for, or more, stated otherwise than asked: this
        /// value ("180Hz" for "144Hz", "2TB" for "2TB SSD").
        case more(String)
        /// It holds far more people than asked for (a 9-person tent for 2): after those that fit,
        /// before those too small (`oversizedShare`). This value.
        case oversized(String)
        /// It states less of a quantity than asked for: this share of it (0.5 for "16GB" of
        /// "32GB"). Products with the most come first when none has enough.
        case fewer(Double)
    }

    /// Whether the product has the wanted attribute value: by key (colour/color alike), as a size
    /// inside a range ("10" in "7-13", "M" in "S-XXL"), as more of a quantity where more serves as
    /// well (`Quantity`: "180Hz" for "144Hz", "32GB" for "16GB"), or, when the product does not
    /// state it, named in the title.
    /// A value contains the wanted one when its bytes do ("black" in "black/white", "16gb" in
    /// "16gb ddr5"): both are lower-cased and without spaces, so a listed value ("red,blue") is
    /// found too. A value the product states decides: titles name colours that are not the
    /// product's (a blue laptop with an "Athlon Silver" processor is no silver laptop), and a
    /// colour, gender or age stated otherwise contradicts what was asked.
    func attributeMatch(_ wanted: WantedAttribute, attributes: ComparableAttributes, words: ProductWords,
                        title: String) -> AttributeMatch {
        guard !wanted.value.isEmpty else { return .none }
        var statesIt = false
        var isForAnotherAge = false
        var fewerShare = 0.0
        for attribute in attributes.list where attribute.key == wanted.key {
            statesIt = true
            if wanted.key == "gender", let asked = Gender.named(in: wanted.value) {
                // A unisex product is for either; one for "Women, Girls" is for both (the
                // value as stated: its compact form runs "Baby Boys" together).
                if Gender.suits(Gender.listed(in: attribute.value), asked: asked) { return .asked }
                continue
            }
            if wanted.key == "age" {
                // "For a 10 year old": "8+" is, "18+" is not; a value read as no range says nothing.
                if let range = AgeRange(attribute.compactValue) {
                    if range.contains(wanted.value) { return .asked }
                    isForAnotherAge = true
                }
                continue
            }
            if attribute.compactValue.containsBytes(of: wanted.value) { return .asked }
            // "Skin type: all" suits dry skin: it says so in its own words.
            if Self.suitsEveryValue(attribute.compactValue), !Self.keysWithoutEveryValue.contains(wanted.key) {
                return .more(attribute.value.trimmingWhitespace)
            }
            if wanted.key == "size", SizeRange(attribute.compactValue)?.contains(wanted.value) == true { return .asked }
            // As much or more, written otherwise ("2TB" for "2TB SSD"): it says what it has.
            if let asked = wanted.quantity, let had = attribute.quantity, let share = had.share(of: asked) {
                if share >= 1 {
                    let isOversized = asked.measure == "people" && had.measure == "people"
                        && share >= 2 && had.amount - asked.amount >= 3
                    return isOversized ? .oversized(attribute.value.trimmingWhitespace) : .more(attribute.value.trimmingWhitespace)
                }
                fewerShare = max(fewerShare, share)
            }
        }
        if fewerShare > 0 { return .fewer(fewerShare) }
        // A product that states no gender is for the one its title sells to ("Sonaxo Men Running
        // Shoes"), as the reply reads it: before, it led a search for women's running shoes.
        if wanted.key == "gender", !statesIt, let asked = Gender.named(in: wanted.value),
           case let named = Gender.departments(in: title), !named.isEmpty {
            return Gender.suits(named, asked: asked) ? .asked : .contradicted
        }
        if statesIt, wanted.key == "color" || (wanted.key == "gender" && Gender.named(in: wanted.value) != nil) || isForAnotherAge
            || attributes.list.contains(where: { $0.key == wanted.key && Self.statesOtherSize($0.compactValue, than: wanted) }) {
            return .contradicted
        }
        // No title says a child's age as the shopper does, nor a height: a desk's "48 x 30 inch"
        // is its width and depth. A child's age is met by a title that says the product is for
        // children ("Fire HD 8 Kids Edition"); not by a description's "kids" ("good for travel,
        // pets and kids in motion" of a camera).
        if wanted.key == "age", !statesIt, let years = Double(wanted.value), years < 13,
           ProductResult.childrenTitleWords.contains(where: words.titleContains) {
            return .asked
        }
        if wanted.key == "age" || wanted.key == "height" { return .none }
        // "1 liter" of bottles whose titles say "1000 ml" (`Measure.statedInTitles`): before,
        // "none states a capacity of 1L or more" of a list with two.
        if !statesIt, let asked = wanted.quantity, let stated = Measure.stated(wanted.key, inTitle: title),
           let had = Quantity(stated.value), let share = had.share(of: asked) {
            return share >= 1 ? .more(stated.value) : .fewer(share)
        }
        // A value the product states decides: an "On-Ear" title has every word of "over-ear"
        // but "on" and "over", which are stop words, and its type says "on-ear".
        if statesIt { return .none }
        return !wanted.words.isEmpty && wanted.words.allSatisfy(words.titleContains) ? .asked : .none
    }
}
