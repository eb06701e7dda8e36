import Foundation

/// A back-off trigram model estimated from sentences with absolute discounting (the discount per
/// order from the count-of-counts, as in Kneser and Ney's estimate), written as ARPA text.
struct ARPAModel {
    private(set) var text = ""
    private(set) var counts: [Int] = []

    init(sentences: [[String]]) {
        var unigrams: [String: Int] = [:]
        var bigrams: [Pair: Int] = [:]
        var trigrams: [Triple: Int] = [:]
        for sentence in sentences where !sentence.isEmpty {
            let words = ["<s>"] + sentence + ["</s>"]
            for (index, word) in words.enumerated() {
                unigrams[word, default: 0] += 1
                if index >= 1 { bigrams[Pair(words[index - 1], word), default: 0] += 1 }
                if index >= 2 { trigrams[Triple(words[index - 2], words[index - 1], word), default: 0] += 1 }
            }
        }
        let bigramDiscount = Self.discount(bigrams.values)
        let trigramDiscount = Self.discount(trigrams.values)

        // Unigrams: add-half smoothing over the vocabulary; <s> is never predicted.
        let predicted = unigrams.filter { $0.key != "<s>" }
        let total = Double(predicted.values.reduce(0, +))
        let vocabularySize = Double(predicted.count)
        var unigramProbability: [String: Double] = [:]
        for (word, count) in predicted {
            unigramProbability[word] = (Double(count) + 0.5) / (total + 0.5 * vocabularySize)
        }

        // Bigrams: discounted; the freed mass goes to the unigram distribution of unseen words.
        var bigramHistoryTotal: [String: Int] = [:]
        for (pair, count) in bigrams { bigramHistoryTotal[pair.first, default: 0] += count }
        var bigramProbability: [Pair: Double] = [:]
        var bigramSeenMass: [String: (Double, Double)] = [:]  // history → (Σ p2, Σ p1 of seen words)
        for (pair, count) in bigrams {
            let historyTotal = Double(bigramHistoryTotal[pair.first] ?? 1)
            let probability = (Double(count) - bigramDiscount) / historyTotal
            bigramProbability[pair] = probability
            let lower = unigramProbability[pair.second] ?? 0
            let seen = bigramSeenMass[pair.first] ?? (0, 0)
            bigramSeenMass[pair.first] = (seen.0 + probability, seen.1 + lower)
        }
        var unigramBackoff: [String: Double] = [:]
        for (history, mass) in bigramSeenMass {
            unigramBackoff[history] = Self.backoff(freed: 1 - mass.0, lower: 1 - mass.1)
        }

        var trigramHistoryTotal: [Pair: Int] = [:]
        for (triple, count) in trigrams { trigramHistoryTotal[Pair(triple.first, triple.second), default: 0] += count }
        var trigramProbability: [Triple: Double] = [:]
        var trigramSeenMass: [Pair: (Double, Double)] = [:]
        for (triple, count) in trigrams {
            let history = Pair(triple.first, triple.second)
            let historyTotal = Double(trigramHistoryTotal[history] ?? 1)
            let probability = (Double(count) - trigramDiscount) / historyTotal
            trigramProbability[triple] = probability
            let lower = bigramProbability[Pair(triple.second, triple.third)] ?? 0
            let seen = trigramSeenMass[history] ?? (0, 0)
            trigramSeenMass[history] = (seen.0 + probability, seen.1 + lower)
        }
        var bigramBackoff: [Pair: Double] = [:]
        for (history, mass) in trigramSeenMass {
            bigramBackoff[history] = Self.backoff(freed: 1 - mass.0, lower: 1 - mass.1)
        }

        var out = "\\data\\\n"
        out += "ngram 1=\(unigrams.count)\nngram 2=\(bigrams.count)\nngram 3=\(trigrams.count)\n\n"
        out += "\\1-grams:\n"
        for word in unigrams.keys.sorted() {
            let probability = word == "<s>" ? "-99.0000" : Self.log10(unigramProbability[word] ?? 0)
            let backoff = unigramBackoff[word].map { " " + Self.log10($0) } ?? ""
            out += "\(probability) \(word)\(backoff)\n"
        }
        out += "\n\\2-grams:\n"
        for pair in bigrams.keys.sorted() {
            let backoff = bigramBackoff[pair].map { " " + Self.log10($0) } ?? ""
            out += "\(Self.log10(bigramProbability[pair] ?? 0)) \(pair.first) \(pair.second)\(backoff)\n"
        }
        out += "\n\\3-grams:\n"
        for triple in trigrams.keys.sorted() {
            out += "\(Self.log10(trigramProbability[triple] ?? 0)) \(triple.first) \(triple.second) \(triple.third)\n"
        }
        out += "\n\\end\\\n"
        text = out
        counts = [unigrams.count, bigrams.count, trigrams.count]
    }

    /// D = n1 / (n1 + 2 n2), kept within 0.1–0.9.
    private static func discount(_ counts: some Sequence<Int>) -> Double {
        var once = 0.0, twice = 0.0
        for count in counts {
            if count == 1 { once += 1 } else if count == 2 { twice += 1 }
        }
        guard once + twice > 0 else { return 0.5 }
        return min(0.9, max(0.1, once / (once + 2 * twice)))
    }

    private static func backoff(freed: Double, lower: Double) -> Double {
        // When the seen words take (almost) all the lower-order mass, back-off is barely used.
        lower > 1e-9 ? max(freed, 1e-9) / lower : 1
    }

    private static func log10(_ value: Double) -> String {
        String(format: "%.4f", Foundation.log10(max(value, 1e-99)))
    }

    private struct Pair: Hashable, Comparable {
        var first: String
        var second: String
        init(_ first: String, _ second: String) { (self.first, self.second) = (first, second) }
        static func < (a: Pair, b: Pair) -> Bool { (a.first, a.second) < (b.first, b.second) }
    }

    private struct Triple: Hashable, Comparable {
        var first: String
        var second: String
        var third: String
        init(_ first: String, _ second: String, _ third: String) { (self.first, self.second, self.third) = (first, second, third) }
        static func < (a: Triple, b: Triple) -> Bool { (a.first, a.second, a.third) < (b.first, b.second, b.third) }
    }
}
