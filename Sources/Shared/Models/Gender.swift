/// The genders products are for, as the catalog ranks them and the reply names them.
public enum Gender {
    /// The gender a value names by its words ("Men's": "men", "female": "women", "Unisex":
    /// "unisex", "girls"), if any. By whole words: "women" has the bytes of "men".
    public static func named(in value: String) -> String? {
        words(of: value).lazy.compactMap(named(byWord:)).first
    }

    /// The genders a product's stated value lists, each once, in the order named ("Women, Girls":
    /// women, girls; "Baby Boys, Baby Girls": boys, girls; Magento's "['Men', 'Women', 'Unisex']").
    /// Empty when it names none. A product is for each of them.
    public static func listed(in value: String) -> [String] {
        distinct(words(of: value).compactMap(named(byWord:)))
    }

    /// Whether a product for `listed` (`listed(in:)`) is for `asked`: it lists it, or is unisex.
    public static func suits(_ listed: [String], asked: String) -> Bool {
        listed.contains(asked) || listed.contains("unisex")
    }

    /// The genders a title sells to (`department(in:)`), several when they are of one sex: "… For
    /// Women, Girls" is for women and girls (before, for nobody, as two genders are). Empty when
    /// it names none, or names both sexes ("Men Are from Mars, Women Are from Venus").
    public static func departments(in text: String) -> [String] {
        let found = distinct(words(of: text).compactMap(department(byWord:)))
        guard found.count > 1 else { return found }
        let sexed = found.filter { $0 != "unisex" }
        let female: Set = ["women", "girls"], male: Set = ["men", "boys"]
        return sexed.allSatisfy(female.contains) || sexed.allSatisfy(male.contains) ? sexed : []
    }

    /// The gender a title or a department's name ("Women's Clothing", "Sonaxo Men Running
    /// Shoes") sells to, by the words shops file things under: "men", "women", "ladies", "boys",
    /// "girls", "unisex"; not "man", "boy", "girl" or "lady", which name other things in titles
    /// ("Iron Man", "Gone Girl") and in brands ("Lady Diana Lip Balms"). `nil` when it names
    /// none, or two ("Men Are from Mars, Women Are from Venus").
    public static func department(in text: String) -> String? {
        let found = distinct(words(of: text).compactMap(department(byWord:)))
        return found.count == 1 ? found[0] : nil
    }

    /// The gender a word of a value names (`named(in:)`).
    private static func named(byWord word: Substring) -> String? {
        switch word {
        case "men", "mens", "man", "male", "gents": "men"
        case "women", "womens", "woman", "female", "ladies", "lady": "women"
        case "unisex": "unisex"
        case "boys", "boy": "boys"
        case "girls", "girl": "girls"
        default: nil
        }
    }

    /// The gender a word of a title or a department names (`department(in:)`).
    private static func department(byWord word: Substring) -> String? {
        switch word {
        case "men", "mens", "gents": "men"
        case "women", "womens", "ladies": "women"
        case "unisex": "unisex"
        case "boys": "boys"
        case "girls": "girls"
        default: nil
        }
    }

    /// The lower-cased words of `text`, split at anything but a letter ("Men's": "men", "s").
    private static func words(of text: String) -> [Substring] {
        text.lowercased().split(whereSeparator: { !$0.isLetter })
    }

    /// `genders` without repeats, in their first order.
    private static func distinct(_ genders: [String]) -> [String] {
        var found: [String] = []
        for gender in genders where !found.contains(gender) { found.append(gender) }
        return found
    }
}
