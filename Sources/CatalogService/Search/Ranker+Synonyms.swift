import Shared

// The words listings say features and uses with, where the shopper says them otherwise: the
// ranker's vocabulary, apart from how it ranks.
extension Ranker {
    /// Other words for a feature, as listings state it (`FeatureSynonyms`), as the ranker's tokens.
    static let featureSynonyms: [String: [[String]]] = FeatureSynonyms.byFeature.mapValues { $0.map(Ranker.tokens) }

    /// Words listings say a use with, each standing for the others of its group: "sport earbuds …
    /// for running and gym workouts" are for fitness, which no listing says in that word.
    static let useSynonyms: [String: [String]] = {
        let groups = [
            ["fitness", "gym", "workout", "sport", "exercise", "training", "running", "sweat"],
            ["travel", "trip", "flight", "carry-on"],
            ["office", "business", "professional"],
            ["school", "student", "college"],
            ["gaming", "game", "gamer"],
            // A tablet for drawing is one with a pen: "…with a stylus for sketching".
            ["drawing", "sketching", "sketch", "stylus", "pen"],
            // A tent "for backpacking" is one for hiking: a family dome tent for car camping came first.
            ["hiking", "backpacking", "trekking", "hiker"],
            ["camping", "campsite", "campground"],
        ].map { $0.flatMap(Ranker.tokens) }
        var table: [String: [String]] = [:]
        for group in groups { for word in group { table[word] = group.filter { $0 != word } } }
        return table
    }()

    /// Other forms of a shopper's word that listings say it with: an activity as its doer and
    /// its stem ("vlogging": "vlogger", "vlog"; "hiking": "hiker", "hike"), a doer as the activity
    /// ("runner": "running"). Words of six letters or more; a doer's stem is left out ("rubber" is
    /// no "rub"), and so are stop words ("evening" is no "even"). A material as its adjectives
    /// (`MaterialWords`: "wood": "wooden").
    static func wordFamily(_ word: String) -> [String] {
        if let other = SpellingVariants.other(of: word) { return [other] }
        if let adjectives = MaterialWords.adjectives[word] { return adjectives }
        guard word.count >= 6 else { return [] }
        let isDoer = word.hasSuffix("er")
        guard isDoer || word.hasSuffix("ing") else { return [] }
        let stem = Array(word.dropLast(isDoer ? 2 : 3))
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        guard stem.count >= 3, stem.contains(where: vowels.contains) else { return [] }
        let last = stem[stem.count - 1], beforeLast = stem[stem.count - 2]
        // "vlogg", "runn": one consonant doubled before the ending. "hik", "gam": a vowel between
        // two consonants before it, whose stem ends in "e".
        let base: String
        if last == beforeLast, !vowels.contains(last), !["l", "s", "f", "z"].contains(last) {
            base = String(stem.dropLast())
        } else if !vowels.contains(last), vowels.contains(beforeLast), !vowels.contains(stem[stem.count - 3]), last != "w", last != "x" {
            base = String(stem) + "e"
        } else {
            base = String(stem)
        }
        let doubled = String(stem)
        let forms = isDoer ? [doubled + "ing"] : [base, base.hasSuffix("e") ? base + "r" : doubled + "er"]
        return forms.filter { $0 != word && !stopWords.contains($0) }
    }
}
