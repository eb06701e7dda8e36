import Shared

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        // Byte by byte, without a String or a hash set entry per word: this runs for every
        // imported product (Strings, Set<Substring> and joined were a third of an import's CPU).
        var list = WordListBuilder()
        list.add(brand ?? "")
        list.add(category)
        for key in attributes.keys.sorted() {
            list.add(key)  // the words of "key value" are the key's words, then the value's
            list.add(attributes[key] ?? "")
        }
        list.add(String((description ?? "").prefix(400)))
        self.other = list.text
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

    /// Whether the other words (not the title) have this word (a normalised word, not a stop word).
    func otherContains(_ word: String) -> Bool {
        Self.list(other, containsWord: word)
    }

    /// Whether the title or the other words have this word (a normalised word, not a stop word).
    func contains(_ word: String) -> Bool {
        Self.list(title, containsWord: word) || Self.list(other, containsWord: word)
    }

    /// Whether a byte ends a word within a list: a space, or a hyphen within a word ("pack" is
    /// in "t-shirt 6-pack": a keyword "pack" missed the multipacks).
    private static func isBoundary(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") }

    /// Whether the space-separated `list` has `word` as one of its words (or a part of one that
    /// hyphens join): a scan of the bytes,
    /// cheaper than building a set for the two or three words a query looks up. `memchr` finds each
    /// place the word's first byte occurs; only those at a word's start are compared.
    static func list(_ list: String, containsWord word: String) -> Bool {
        var list = list, word = word
        return list.withUTF8 { list in
            word.withUTF8 { word in
                guard !word.isEmpty, word.count <= list.count, let base = list.baseAddress, let wordBase = word.baseAddress else {
                    return false
                }
                let last = list.count - word.count  // the last place the word can start
                var start = 0
                while start <= last {
                    guard let found = memchr(base + start, Int32(word[0]), last - start + 1) else { return false }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if at == 0 || isBoundary(list[at - 1]), at == last || isBoundary(list[at + word.count]),
                       memcmp(base + at, wordBase, word.count) == 0 {
                        return true
                    }
                    start = at + 1
                }
                return false
            }
        }
    }
}

/// The other words of a product (`ProductWords.other`) as they are built: normalised words,
/// stop words left out, each word once, separated by single spaces.
struct WordListBuilder {
    private var bytes: [UInt8] = []
    /// Open addressing over the words kept so far: 0 is empty, else `(start + 1) << 32 | length`.
    private var slots = [UInt64](repeating: 0, count: 256)
    private var count = 0
    /// One text's normalised bytes, reused from text to text.
    private var scratch: [UInt8] = []

    init() {
        bytes.reserveCapacity(1_024)
        scratch.reserveCapacity(512)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Adds the words of `text` that are neither stop words nor already in the list.
    mutating func add(_ text: String) {
        guard !text.isEmpty else { return }
        scratch.removeAll(keepingCapacity: true)
        var text = text
        let isASCII = text.withUTF8 { CategoryVocabulary.normalizeASCII($0, into: &scratch) }
        if !isASCII {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: CategoryVocabulary.normalizeScalars(text).utf8)
        }
        var start = 0
        let end = scratch.count
        while start < end {
            var stop = start
            while stop < end, scratch[stop] != UInt8(ascii: " ") { stop += 1 }
            if stop > start { addWord(from: start, to: stop) }
            start = stop + 1
        }
    }

    private mutating func addWord(from start: Int, to end: Int) {
        let length = end - start
        if length < Self.stopWordsByLength.count, Self.isStopWord(scratch, start, length) { return }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for index in start..<end { hash = (hash ^ UInt64(scratch[index])) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let keptStart = Int(entry >> 32) - 1, keptLength = Int(entry & 0xffff_ffff)
            if keptLength == length, (0..<length).allSatisfy({ bytes[keptStart + $0] == scratch[start + $0] }) { return }
            slot = (slot + 1) & mask
        }
        if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
        slots[slot] = UInt64(bytes.count + 1) << 32 | UInt64(length)
        bytes.append(contentsOf: scratch[start..<end])
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            let start = Int(entry >> 32) - 1, length = Int(entry & 0xffff_ffff)
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in start..<(start + length) { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }

    /// `Ranker.stopWords` as bytes, by length (none is longer than seven letters).
    static let stopWordsByLength: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: (Ranker.stopWords.map(\.utf8.count).max() ?? 0) + 1)
        for word in Ranker.stopWords { table[word.utf8.count].append(Array(word.utf8)) }
        return table
    }()

    static func isStopWord(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Bool {
        stopWordsByLength[length].contains { word in (0..<length).allSatisfy { word[$0] == bytes[start + $0] } }
    }
}
