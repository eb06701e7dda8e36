/// What things are made of, as listings say it: a material's noun or its adjective ("wood",
/// "wooden"). The catalog ranks a keyword by either form and the reply reads either as a mention.
public enum MaterialWords {
    /// Materials by their nouns: "leather", "steel".
    public static let nouns: Set<String> = [
        "cotton", "leather", "wool", "linen", "silk", "denim", "steel", "wood", "bamboo", "plastic", "metal", "glass",
        "aluminum", "aluminium", "nylon", "polyester", "mesh", "suede", "canvas", "rubber", "foam", "fleece",
    ]

    /// A material's adjectives, by its noun: "something in wood" meets a "Wooden Coffee Table".
    public static let adjectives: [String: [String]] = [
        "wood": ["wooden"], "wool": ["woolen", "woollen"], "gold": ["golden"], "silk": ["silken"],
    ]
}
