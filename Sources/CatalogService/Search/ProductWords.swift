import Shared

/// A product's words as the ranker compares them with a shopper's, worked out once when the
/// product is imported and stored with it, so a search splits two strings per candidate instead of
/// normalising its title, brand, category, attributes and description again.
public struct ProductWords: Sendable, Hashable {
    /// The title, normalised (`CategoryVocabulary.normalize`), stop words kept: the duplicate key
    /// reads its first words.
    public var title: String
    /// The other words (brand, category, attribute names and values, the first 400 characters of
    /// the description), normalised, without stop words, each once, separated by spaces.
    public var other: String

    public init(title: String, other: String) {
        self.title = title
        self.other = other
    }

    /// The words of these product fields.
    public init(title: String, brand: String?, category: String, attributes: [String: String], description: String?) {
        self.title = CategoryVocabulary.normalize(title)
        var seen: Set<Substring> = []
        var other: [Substring] = []
        func add(_ text: String) {
            for word in CategoryVocabulary.normalize(text).split(separator: " ")
            where !Ranker.stopWords.contains(String(word)) && seen.insert(word).inserted {
                other.append(word)
            }
        }
        add(brand ?? "")
        add(category)
        for key in attributes.keys.sorted() { add(key + " " + (attributes[key] ?? "")) }
        add(String((description ?? "").prefix(400)))
        self.other = other.joined(separator: " ")
    }

    /// The product's words for `candidate`: the stored ones, or worked out now for a product from
    /// another marketplace.
    static func of(_ candidate: RankCandidate) -> ProductWords {
        if let words = candidate.words { return words }
        let product = candidate.product
        return ProductWords(title: product.title, brand: product.brand, category: product.category,
                            attributes: product.attributes, description: candidate.description)
    }

    /// Whether the title has this word (a normalised word, not a stop word).
    func titleContains(_ word: String) -> Bool {
        Self.list(title, containsWord: word)
    }

    /// Whether the title or the other words have this word (a normalised word, not a stop word).
    func contains(_ word: String) -> Bool {
        Self.list(title, containsWord: word) || Self.list(other, containsWord: word)
    }

    /// Whether the space-separated `list` has `word` as one of its words: a scan of the bytes,
    /// cheaper than building a set for the two or three words a query looks up.
    static func list(_ list: String, containsWord word: String) -> Bool {
        var list = list, word = word
        return list.withUTF8 { list in
            word.withUTF8 { word in
                guard !word.isEmpty else { return false }
                var start = 0
                while start + word.count <= list.count {
                    var end = start
                    while end < list.count, list[end] != UInt8(ascii: " ") { end += 1 }
                    if end - start == word.count, UnsafeBufferPointer(rebasing: list[start..<end]).elementsEqual(word) {
                        return true
                    }
                    start = end + 1
                }
                return false
            }
        }
    }
}
