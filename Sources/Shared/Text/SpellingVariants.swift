/// Words listings spell two ways: "saree" and "sari", "jewellery" and "jewelry". The catalog finds
/// and scores a keyword by either, and the engine reads either as the word asked for. Before, "a
/// saree for a wedding" found saree pins and blouse material, and none of the listings that say "Sari".
public enum SpellingVariants {
    /// The other spelling of a singular, lower-cased word; `nil` for one spelled one way.
    public static func other(of word: String) -> String? { table[word] }

    private static let pairs: [(String, String)] = [
        ("saree", "sari"), ("jewellery", "jewelry"), ("aluminium", "aluminum"), ("grey", "gray"),
        ("colour", "color"), ("moisturiser", "moisturizer"), ("organiser", "organizer"), ("pyjama", "pajama"),
        ("tyre", "tire"),
    ]

    private static let table: [String: String] = {
        var table: [String: String] = [:]
        for (first, second) in pairs {
            table[first] = second
            table[second] = first
        }
        return table
    }()
}
