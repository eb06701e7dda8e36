/// The genders products are for, as the catalog ranks them and the reply names them.
public enum Gender {
    /// The gender a value names by its words ("Men's": "men", "female": "women", "Unisex":
    /// "unisex", "girls"), if any. By whole words: "women" has the bytes of "men".
    public static func named(in value: String) -> String? {
        for word in value.lowercased().split(whereSeparator: { !$0.isLetter }) {
            switch word {
            case "men", "mens", "man", "male", "gents": return "men"
            case "women", "womens", "woman", "female", "ladies", "lady": return "women"
            case "unisex": return "unisex"
            case "boys", "boy": return "boys"
            case "girls", "girl": return "girls"
            default: continue
            }
        }
        return nil
    }

    /// The genders a product's stated value lists, each once, in the order named ("Women, Girls":
    /// women, girls; "Baby Boys, Baby Girls": boys, girls; Magento's "['Men', 'Women', 'Unisex']").
    /// Empty when it names none. A product is for each of them.
    public static func listed(in value: String) -> [String] {
        var found: [String] = []
        for word in value.lowercased().split(whereSeparator: { !$0.isLetter }) {
            guard let gender = named(in: String(word)), !found.contains(gender) else { continue }
            found.append(gender)
        }
        return found
    }

    /// Whether a product for `listed` (`listed(in:)`) is for `asked`: it lists it, or is unisex.
    public static func suits(_ listed: [String], asked: String) -> Bool {
        listed.contains(asked) || listed.contains("unisex")
    }

    /// The genders a title sells to (`department(in:)`), several when they are of one sex: "… For
    /// Women, Girls" is for women and girls (before, for nobody, as two genders are). Empty when
    /// it names none, or names both sexes ("Men Are from Mars, Women Are from Venus").
    public static func departments(in text: String) -> [String] {
        if let one = department(in: text) { return [one] }
        var found: [String] = []
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            guard let gender = department(in: String(word)), gender != "unisex", !found.contains(gender) else { continue }
            found.append(gender)
        }
        let female: Set = ["women", "girls"], male: Set = ["men", "boys"]
        return found.allSatisfy(female.contains) || found.allSatisfy(male.contains) ? found : []
    }

    /// The gender a title or a department's name ("Women's Clothing", "Sonaxo Men Running
    /// Shoes") sells to, by the words shops file things under: "men", "women", "ladies", "boys",
    /// "girls", "unisex"; not "man", "boy", "girl" or "lady", which name other things in titles
    /// ("Iron Man", "Gone Girl") and in brands ("Lady Diana Lip Balms"). `nil` when it names
    /// none, or two ("Men Are from Mars, Women Are from Venus").
    public static func department(in text: String) -> String? {
        var found: String?
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            let gender: String? = switch word {
            case "men", "mens", "gents": "men"
            case "women", "womens", "ladies": "women"
            case "unisex": "unisex"
            case "boys": "boys"
            case "girls": "girls"
            default: nil
            }
            guard let gender else { continue }
            if let found, found != gender { return nil }
            found = gender
        }
        return found
    }
}
