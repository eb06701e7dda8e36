/// Where a listing's description mentions a feature ("flip screen" in "…directional microphone and
/// flip-out screen for self-recording."): the words around it, quoted, and whether a negation
/// ("no", "without") says it has not. A description is prose, so the feature's words must stand
/// close together in one sentence, not anywhere in it.
struct DescriptionMention: Equatable {
    /// The words around the mention, "…" where the sentence goes on.
    var quote: String
    /// "No Wi-Fi", "without a flip screen".
    var isNegated: Bool

    /// Words that say a listing has not what follows.
    static let negations: Set<String> = ["no", "not", "without", "lacks", "non"]
    /// How many words a quote keeps either side of the mention.
    static let quotedContext = 5

    /// The first mention of `wanted` (lower-cased words) in `description`, or `nil`. A wanted word
    /// matches a word in either number, a word of four letters or more the words it begins
    /// ("flip" in "flip-out"), a verb in "-e" its "-ing" and "-ed" ("reclining"), and two written
    /// apart ("wifi" is "Wi-Fi").
    static func find(_ wanted: [String], in description: String) -> DescriptionMention? {
        guard !wanted.isEmpty else { return nil }
        for sentence in sentences(of: description) {
            let words = wordRanges(in: sentence)
            let texts = words.map { sentence[$0].lowercased() }
            // Each word's match may start at it, alone or joined with the next.
            func matchLength(_ word: String, at index: Int) -> Int? {
                let have = texts[index]
                if have == word || have == word + "s" || have == word + "es" || word.hasSuffix("s") && have == word.dropLast()
                    || word.count >= 4 && have.hasPrefix(word) {
                    return 1
                }
                // A verb in "-e" as a listing says it: "recline" in "reclining backrest".
                if word.count >= 5, word.hasSuffix("e"), have == word.dropLast() + "ing" || have == word + "d" { return 1 }
                if index + 1 < texts.count, word.count >= 4, have + texts[index + 1] == word { return 2 }
                return nil
            }
            let span = wanted.count + 2
            for start in texts.indices where wanted.contains(where: { matchLength($0, at: start) != nil }) {
                let window = start..<min(texts.count, start + span)
                var end = start
                let allFound = wanted.allSatisfy { word in
                    guard let (index, length) = window.lazy.compactMap({ index in matchLength(word, at: index).map { (index, $0) } }).first
                    else { return false }
                    end = max(end, index + length - 1)
                    return true
                }
                guard allFound else { continue }
                let before = texts[max(0, start - 2)..<start]
                let negated = before.contains(where: negations.contains)
                let from = max(0, start - quotedContext), through = min(texts.count - 1, end + quotedContext)
                var quote = String(sentence[words[from].lowerBound..<words[through].upperBound])
                if from > 0 { quote = "…" + quote }
                if through < texts.count - 1 { quote += "…" }
                return DescriptionMention(quote: quote, isNegated: negated)
            }
        }
        return nil
    }

    /// The sentences of a text: cut after ".", "!", "?" or ";" that a space or the end follows.
    private static func sentences(of text: String) -> [Substring] {
        var sentences: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if ".!?;".contains(text[index]), next == text.endIndex || text[next].isWhitespace {
                sentences.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { sentences.append(text[start...]) }
        return sentences
    }

    /// The ranges of a sentence's runs of letters and digits.
    private static func wordRanges(in sentence: Substring) -> [Range<Substring.Index>] {
        var ranges: [Range<Substring.Index>] = []
        var wordStart: Substring.Index?
        for index in sentence.indices {
            let isWordPart = sentence[index].isLetter || sentence[index].isNumber
            if isWordPart, wordStart == nil { wordStart = index }
            if !isWordPart, let start = wordStart {
                ranges.append(start..<index)
                wordStart = nil
            }
        }
        if let start = wordStart { ranges.append(start..<sentence.endIndex) }
        return ranges
    }
}
