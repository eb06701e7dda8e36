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
}
