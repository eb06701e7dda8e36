import Shared

/// How the embedded engine compares a word with the words of a name (a category, a title, an
/// attribute): lower-cased runs of letters and digits, a word matching in either number.
enum WordForms {
    /// Lower-cased runs of letters and digits: "Google Pixel 8, 128GB" is google, pixel, 8, 128gb
    /// (`TextWords`, as the catalog's brand check reads titles).
    static func words(_ text: String) -> [String] {
        TextWords.of(text)
    }

    /// Whether `words` has `word` in either number: itself, with "s", "es" or "ies" for its "y",
    /// or without its "s", "es" or "ies" ("bag" and "bags", "watch" and "watches", "supply" and
    /// "supplies", "switches" and "switch", "batteries" and "battery"), or spelled the other way
    /// (`SpellingVariants`: "sari" of "saree").
    static func contains(_ words: Set<String>, eitherNumberOf word: String) -> Bool {
        if words.contains(word) || words.contains(word + "s") || words.contains(word + "es") { return true }
        // Spelled the other way ("sari" of "saree").
        if let other = SpellingVariants.other(of: word), words.contains(other) || words.contains(other + "s") { return true }
        if word.hasSuffix("y"), words.contains(String(word.dropLast()) + "ies") { return true }
        guard word.hasSuffix("s") else { return false }
        return words.contains(String(word.dropLast()))
            || word.hasSuffix("es") && words.contains(String(word.dropLast(2)))
            || word.hasSuffix("ies") && words.contains(String(word.dropLast(3)) + "y")
    }

    /// A catalog's name as a sentence says it: lower-cased, but for abbreviations ("TVs", "CPUs",
    /// "LEGO": every letter capital but a plural "s"), which lower-cased read as other words.
    static func spoken(_ name: String) -> String {
        // Every reply says its category: ASCII names are read by their bytes (by characters,
        // this was a tenth of a reply's cost).
        if let spoken = spokenASCII(name) { return spoken }
        return name.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let stem = word.hasSuffix("s") ? word.dropLast() : word[...]
            let letters = stem.filter(\.isLetter)
            return letters.count >= 2 && letters.allSatisfy(\.isUppercase) ? String(word) : word.lowercased()
        }.joined(separator: " ")
    }

    /// `spoken` of an ASCII name; `nil` for any other.
    private static func spokenASCII(_ name: String) -> String? {
        var bytes = Array(name.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || byte >= 0x61 && byte <= 0x7A }
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x20) ?? bytes.count
            let stemEnd = end > start && bytes[end - 1] == UInt8(ascii: "s") ? end - 1 : end
            var letters = 0, upper = 0
            for byte in bytes[start..<stemEnd] where isLetter(byte) {
                letters += 1
                if isUpper(byte) { upper += 1 }
            }
            if letters < 2 || upper < letters {
                for index in start..<end where isUpper(bytes[index]) { bytes[index] |= 0x20 }
            }
            start = end + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has `part`, ignoring case: by bytes when both are ASCII (`containsASCII`).
    static func has(_ part: some StringProtocol, in text: some StringProtocol) -> Bool {
        text.containsASCII(caseInsensitive: part) ?? text.lowercased().contains(part.lowercased())
    }

    /// The adjective of a noun in "-y" of five letters or more: "history": "historical",
    /// "biography": "biographical"; `nil` for other words.
    static func adjective(_ noun: String) -> String? {
        noun.count >= 5 && noun.hasSuffix("y") ? String(noun.dropLast()) + "ical" : nil
    }

    /// A catalog's name as a count says it: "the top 3 memory kits", "3 skincare products" (a
    /// mass noun after a number is no English: "the top 3 memory").
    /// A catalog's "skin-care" is the mass noun "skin care" (`CategoryKnowledge.synonymForm`). An
    /// imported catalog's singular names are counted as their plural ("jacket": "jackets"), or as
    /// products of a mass noun, a use or a department ("meat", "lighting", "Western Wear",
    /// "Kitchen & Dining": "… products"): before, "the top 3 jacket", "the top 3 meat".
    static func counted(_ name: String) -> String {
        let form = CategoryKnowledge.synonymForm(of: name)
        if let mass = massNouns[form] { return mass }
        let said = spoken(name)
        guard let last = form.split(separator: " ").last.map(String.init), !last.hasSuffix("s"),
              !irregularPlurals.contains(last) else { return said }
        if isMass(last) || form.contains("&") || form.contains(",") { return said + " products" }
        guard said.utf8.count >= last.utf8.count, last.allSatisfy(\.isLetter) else { return said }
        return String(said.dropLast(last.count)) + EmbeddedInterpreter.plural(of: String(said.suffix(last.count)))
    }

    /// Whether a category name's last word is one no number counts: a mass noun ("meat"), an
    /// activity ("lighting", "camping"), what a department sells ("footwear", "cookware",
    /// "skin care") or an adjective naming one ("seasonal", "ethnic").
    private static func isMass(_ word: String) -> Bool {
        massWords.contains(word) || word.hasSuffix("wear") || word.hasSuffix("ware") || word.hasSuffix("care")
            || word.utf8.count >= 6 && word.hasSuffix("ing") && !word.hasSuffix("ring")
    }

    private static let massWords: Set<String> = [
        "furniture", "apparel", "jewelry", "jewellery", "meat", "seafood", "produce", "makeup", "gear", "luggage", "decor",
        "homedecor", "equipment", "linen", "automotive", "halloween", "easter", "christmas", "percussion", "beauty", "dairy",
        "bakery", "stationery", "grocery", "lingerie", "seasonal", "floral", "formal", "decorative", "ethnic", "casual",
        "fashion", "nutrition", "pottery", "cutlery", "poultry", "hosiery", "kitchen", "storage", "memory", "fitness",
        "audio", "video", "photography", "music", "art", "food", "candy", "coffee", "tea", "wine", "cheese", "software",
    ]

    /// Plurals without an "s" ("Mice", "Men", "Women"), said as they are.
    private static let irregularPlurals: Set<String> = ["mice", "men", "women", "children", "people", "feet", "teeth", "geese"]

    private static let massNouns: [String: String] = [
        "memory": "memory kits", "skincare": "skincare products", "skin care": "skincare products", "storage": "storage drives",
        "internal storage": "storage drives", "beauty": "beauty products", "clothing": "clothes",
        "furniture": "pieces of furniture", "kitchen": "kitchen products",
    ]

    /// A kind's word (`Lexicon.kindNames`) as a sentence names such products: "earbuds",
    /// "parkas", a product line as its maker writes it ("MacBooks"), and an abbreviation, a word
    /// without vowels, in capitals: "SSDs", "DSLRs".
    static func spokenKind(_ word: String) -> String {
        let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
        if let line = productLines[singular] { return line + "s" }
        let plural = EmbeddedInterpreter.plural(of: singular)
        guard !word.contains(where: { "aeiouy".contains($0) }) else { return plural }
        return plural.dropLast().uppercased() + "s"
    }

    /// Product lines a kind names, as their makers write them.
    private static let productLines = ["macbook": "MacBook", "ipad": "iPad", "kindle": "Kindle", "chromebook": "Chromebook"]
}
