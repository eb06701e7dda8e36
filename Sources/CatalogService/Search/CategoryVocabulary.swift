import Foundation
import Synchronization

/// How category names are compared: case-insensitively, singular and plural alike, through a table
/// of synonyms ("notebook" is a laptop, "trainers" are sneakers), and by head noun ("Running Shoes"
/// is a kind of "shoes"; "Women's Clothing" of "clothing").
///
/// Both sides go through `terms(ofPathElement:)`/`canonicalTerm(_:)`, so the local store can index the
/// terms of every category path once and a search looks its category up with one indexed query.
public enum CategoryVocabulary {
    /// The revision of the rules `terms(ofPathElement:)` follows: a database written under another
    /// has its paths' terms worked out again when opened (`CatalogStore.rederiveCategoryTerms`).
    /// Raise it with any change to what a path's terms are.
    public static let termsRevision = 4

    /// Groups of names for the same kind of product; the first is the canonical one.
    static let synonymGroups: [[String]] = [
        ["laptop", "notebook", "notebook computer", "laptop computer", "ultrabook", "chromebook"],
        ["tv", "television", "smart tv", "tvs & home theater"],
        ["sneaker", "trainer", "athletic shoe"],
        ["headphone", "earbud", "earphone", "headset", "in-ear headphone", "over-ear headphone"],
        ["phone", "smartphone", "mobile", "mobile phone", "cell phone", "cellphone"],
        ["monitor", "computer monitor", "display"],
        ["sofa", "couch"],
        ["jacket", "coat"],
        ["tshirt", "t-shirt", "tee", "tees"],
        ["vacuum", "vacuum cleaner", "robot vacuum"],
        ["coffee maker", "coffee machine", "espresso machine"],
        ["video card", "graphics card", "gpu"],
        ["cpu", "processor"],
        ["memory", "ram"],
        ["internal storage", "ssd", "hard drive"],
        ["watch", "wristwatch"],
        ["bag", "handbag"],
        ["backpack", "rucksack"],
        ["running shoe", "running sneaker"],
        ["camera", "digital camera"],
        ["tablet", "tab"],
        ["book", "novel"],
        ["toy", "plaything"],
        ["fragrance", "perfume"],
        ["sunglass", "sunglasses"],
        ["keyboard", "computer keyboard"],
        ["mouse", "mice", "computer mouse"],
        ["speaker", "bluetooth speaker"],
    ]

    private static let canonical: [String: String] = {
        var table: [String: String] = [:]
        for group in synonymGroups {
            guard let first = group.first else { continue }
            for name in group { table[normalize(name)] = normalize(first) }
        }
        return table
    }()

    /// Lower case, words singularised, punctuation other than `'`/`-` turned into spaces.
    public static func normalize(_ text: String) -> String {
        // This runs for every imported product and every ranked candidate without stored words:
        // ASCII text (nearly all of it) takes a byte path with no per-word String work.
        normalizeASCII(text) ?? normalizeScalars(text)
    }

    /// `normalize` for any text, scalar by scalar.
    static func normalizeScalars(_ text: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let isWordPart = scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "'" || scalar == "-")
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            if isWordPart {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.map(singular).joined(separator: " ")
    }

    /// `normalize` for all-ASCII text, on its UTF-8 bytes; `nil` when the text is not ASCII.
    static func normalizeASCII(_ text: String) -> String? {
        var text = text
        var output: [UInt8] = []
        let isASCII = text.withUTF8 { bytes in
            output.reserveCapacity(bytes.count)
            return normalizeASCII(bytes, into: &output)
        }
        return isASCII ? String(decoding: output, as: UTF8.self) : nil
    }

    /// `normalize`'s words of all-ASCII `bytes`, appended to `output` (single spaces between
    /// words, none around them); `false`, with `output` in an unspecified state, when a byte is not
    /// ASCII. The ranking words of every imported product go through here without a String each.
    static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        let base = output.count
        var wordStart = base
        func endWord() {
            guard output.count > wordStart else { return }
            singularizeASCII(&output, from: wordStart)
            output.append(UInt8(ascii: " "))
            wordStart = output.count
        }
        for var byte in bytes {
            guard byte < 0x80 else { return false }
            if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
            let isWordPart = byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")
            if isWordPart { output.append(byte) } else { endWord() }
        }
        endWord()
        if output.count > base, output.last == UInt8(ascii: " ") { output.removeLast() }
        return true
    }

    /// `singular(_:)` in place on the ASCII word at `output[start...]`.
    private static func singularizeASCII(_ output: inout [UInt8], from start: Int) {
        let count = output.count - start
        func hasSuffix(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard count >= length else { return false }
            for offset in 0..<length where output[output.count - length + offset] != suffix.utf8Start[offset] {
                return false
            }
            return true
        }
        if count <= 3 {
            if count == 3, hasSuffix("tvs") { output.removeLast() }
            return
        }
        if count == 4, hasSuffix("mice") {
            output.removeLast(4)
            output.append(contentsOf: "mouse".utf8)
        } else if hasSuffix("ies") {
            output.removeLast(3)
            output.append(UInt8(ascii: "y"))
        } else if hasSuffix("sses") || hasSuffix("ches") || hasSuffix("shes") || hasSuffix("xes") {
            output.removeLast(2)
        } else if hasSuffix("ss") || hasSuffix("us") || hasSuffix("is") {
            return
        } else if hasSuffix("s") {
            output.removeLast()
        }
    }

    /// English plural → singular for the regular cases category names use.
    static func singular(_ word: String) -> String {
        guard word.count > 3 else { return word == "tvs" ? "tv" : word }
        if word == "mice" { return "mouse" }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    /// The canonical form of a normalised name (itself when it has no synonyms).
    public static func canonicalTerm(_ normalized: String) -> String {
        canonical[normalized] ?? normalized
    }

    /// The one-word names of the kind a normalised word names: itself and its synonyms' ("headphone":
    /// headphone, earbud, earphone, headset), by which a title says what it is.
    static func oneWordNames(of word: String) -> [String] {
        oneWordNames[canonicalTerm(word)] ?? [word]
    }

    private static let oneWordNames: [String: [String]] = {
        var table: [String: [String]] = [:]
        for group in synonymGroups {
            let names = group.map(normalize).filter { !$0.contains(" ") }
            guard let first = group.first, !names.isEmpty else { continue }
            table[normalize(first)] = names
        }
        return table
    }()

    /// Whether the synonym table knows this name (so a category filter is safe even with no local match).
    public static func isKnownSynonym(_ text: String) -> Bool {
        canonical[normalize(text)] != nil
    }

    /// Every term a category path element answers to: each `&`/`,`/`and`-separated part, and each
    /// part's trailing words ("women's clothing" → "women's clothing", "clothing"), in canonical form;
    /// of a department of things and their accessories, only the accessories' part; of a part "X for
    /// Y" or "X with Y", only X's words. Overlong elements (Flipkart repeats product names in its
    /// paths) yield nothing.
    public static func terms(ofPathElement element: String) -> Set<String> {
        // Elements repeat across products ("Clothing", "Women's Clothing"), and this runs for every
        // candidate the ranker checks and every new path an import writes: Foundation's lowercasing
        // and replacing made it 1 % of the whole bench's profile, the ranker's biggest part.
        if let known = knownTerms.withLock({ $0[element] }) { return known }
        let result = workOutTerms(ofPathElement: element)
        knownTerms.withLock { cache in
            if cache.count >= 20_000 { cache.removeAll(keepingCapacity: true) }  // bounded: Flipkart leaves are unique
            cache[element] = result
        }
        return result
    }

    /// `terms(ofPathElement:)` already worked out, by element.
    private static let knownTerms = Mutex<[String: Set<String>]>([:])

    static func workOutTerms(ofPathElement element: String) -> Set<String> {
        var result: Set<String> = []
        // A name cut short ("KAN Long Travel Passport Organizer & Cheque Book...") is a product's,
        // which Flipkart repeats in its paths: its last words say nothing of the category (this one
        // was a book).
        if element.hasSuffix("...") || element.hasSuffix("…") { return result }
        let parts = element.lowercased()
            .replacingOccurrences(of: " and ", with: "&").replacingOccurrences(of: " / ", with: "&")
            .split(whereSeparator: { $0 == "&" || $0 == "," })
            .flatMap(slashAlternatives)
            .map { normalize(String($0)) }
        // "Mobiles & Accessories", "Car & Bike Accessories": a department of things and what goes
        // with them. Its products are phones only where a deeper element says so ("Mobiles"): the
        // shared data's 1,100 cases, cables and chargers under it were all phones.
        let isAccessoryDepartment = parts.count > 1 && parts.contains { $0.hasSuffix("accessory") }
        for part in parts where !isAccessoryDepartment || part.hasSuffix("accessory") {
            let allWords = part.split(separator: " ")
            guard allWords.count <= 4 else { continue }
            // "Screen Expander For Phones" is a screen expander, not a phone.
            let words = allWords.prefix { $0 != "for" && $0 != "with" }
            guard !words.isEmpty else { continue }
            for start in words.indices {
                let tail = words[start...].joined(separator: " ")
                result.insert(canonicalTerm(tail))
            }
        }
        return result
    }

    /// A slash between two words as the alternatives it joins: "Mobile/Tablet Speaker" is a mobile
    /// speaker or a tablet speaker ("cases/covers": cases, covers). Split as two parts, a listing's
    /// "… 510 Mobile/Tablet Speaker" made its speaker a phone.
    static func slashAlternatives(_ part: Substring) -> [Substring] {
        let words = part.split(separator: " ")
        let choices = words.map { $0.split(separator: "/") }
        let count = choices.map(\.count).max() ?? 0
        guard count > 1 else { return [part] }
        return (0..<count).map { index in
            Substring(choices.compactMap { $0.isEmpty ? nil : $0[min(index, $0.count - 1)] }.joined(separator: " "))
        }
    }

    /// The terms of a whole path ("Electronics > Laptops"), with its leaf's `activityKindTerm`.
    public static func terms(ofPath path: [String]) -> Set<String> {
        var result = path.reduce(into: Set<String>()) { $0.formUnion(terms(ofPathElement: $1)) }
        if path.count > 1, let term = activityKindTerm(leaf: path[path.count - 1], parent: path[path.count - 2]) {
            result.insert(term)
        }
        return result
    }

    /// A leaf of one word that names an activity under a kind of thing is that kind for it:
    /// "Sports Shoes > Running" is "running shoe" too, as shoppers call it (before, the shared
    /// data's women's running shoes were no running shoes, and "women's running shoes" listed
    /// men's). `nil` for any other leaf.
    static func activityKindTerm(leaf: String, parent: String) -> String? {
        let activity = normalize(leaf)
        guard activity.count > 5, activity.hasSuffix("ing"), !activity.contains(" "),
              let head = normalize(parent).split(separator: " ").last else { return nil }
        return canonicalTerm(activity + " " + head)
    }

    /// The terms to look a shopper's category up by, most specific first: the whole phrase, then its
    /// head noun ("gaming laptops" → "gaming laptop", "laptop").
    public static func lookupTerms(forCategory category: String) -> [String] {
        let normalized = normalize(category)
        guard !normalized.isEmpty else { return [] }
        var terms = [canonicalTerm(normalized)]
        let words = normalized.split(separator: " ")
        if words.count > 1, let last = words.last {
            let head = canonicalTerm(String(last))
            if !terms.contains(head) { terms.append(head) }
        }
        return terms
    }
}
