/// Other words listings state a feature with, where the shopper says it otherwise: an
/// "insulation" attribute or "fleece" makes a jacket an insulated one, a watch's "water
/// resistance" a waterproof one (unless its value is a no). The catalog ranks by them
/// (`Ranker.featureSynonyms`) and the assistant answers by them ("is it warm?" of a fleece hoodie).
public enum FeatureSynonyms {
    public static let byFeature: [String: [String]] = [
        "insulated": ["insulation", "fleece", "sherpa", "thermal", "puffer", "down-filled"],
        "waterproof": ["water resistance", "water resistant"],
        // Listings say it in prose too: "thin and light laptop", "very light, packable down jacket".
        // Each synonym's words are looked for anywhere in a listing, so none is "light" with a
        // common word ("light office work and…").
        "lightweight": ["ultralight", "ultra light", "light weight", "superlight", "super light", "thin and light",
                        "light enough", "very light", "relatively light"], "oled": ["amoled"],
        "secure fit": ["stay put", "wingtips", "wingtip", "ear hooks", "earhooks", "ear hook"],
        "heart rate": ["heart"], "sleep tracking": ["sleep"], "low input lag": ["low latency", "game mode"],
        // "Does it have a numpad?": a full-size keyboard, as the Apple one's title says it.
        "numpad": ["numeric keypad", "number pad", "full size", "full-size"],
        "spill resistant": ["spill-resistant", "spill"], "hard floors": ["hard floor", "hard-floor", "hardwood"],
        // A coffee maker that takes pods or capsules makes one cup at a time.
        "single serve": ["single-serve", "pod", "pods", "capsule", "capsules"],
        // Phones say it in their descriptions: "a long-lasting battery", "a two-day battery".
        "long battery life": ["long-lasting battery", "long lasting battery", "longest battery", "two-day battery",
                              "two day battery", "all-day battery", "all day battery", "lasts two days"],
        // "A laptop with a good graphics card": one of its own, as titles name it ("RTX 4060").
        "graphics card": ["rtx", "gtx", "geforce", "radeon rx"], "gpu": ["rtx", "gtx", "geforce", "radeon rx"],
        // A TV for a sunny room: "high brightness", "very bright Mini LED".
        "bright": ["brightness", "very bright", "mini led"],
        // "Colour-calibrated 4K monitor", "accurate colour for photo editing", as listings spell it.
        "color accurate": ["colour accurate", "accurate colour", "color accuracy", "colour accuracy", "calibrated", "srgb",
                           "dci-p3", "adobe rgb"],
        // Its own wish ("is the ninja dishwasher safe?" once, not as "easy to clean" too).
        "dishwasher safe": ["dishwasher-safe"],
        // A bulb's or a lamp's colour temperature, as listings state it.
        "warm light": ["warm white", "warm glow", "2700k", "3000k"],
        // The PC part data's power supplies state "modular: Full".
        "fully modular": ["full modular"],
        // "Something simpler" of jewellery: "Plain Gold Chain", "Minimalist Pendant".
        "simple": ["plain", "minimal", "minimalist", "minimalistic", "sleek", "dainty", "delicate", "understated"],
        // A chair's "Flip-Up Arms", "adjustable arms: 4D": "does it have armrests?" said it did not say.
        "armrests": ["arms", "armrest", "arm rests", "arm rest"], "armrest": ["arms", "armrests", "arm rest"],
        "volume limited": ["volume-limited", "volume limiting", "85db", "85 db"],
        // "Dishwasher-safe basket", "easy to rinse and store", "nonstick pan".
        "easy to clean": ["dishwasher-safe", "dishwasher safe", "easy-clean", "easy to rinse", "nonstick", "non-stick",
                          "self-cleaning", "easy cleanup"],
    ]

    /// Attributes that say a product has a feature by stating any value: "insulation: down". A
    /// keyboard's switches ("Gateron Brown") are a mechanical keyboard's: the PC part data states
    /// them for mechanical keyboards only, whose titles seldom say so. By the attribute's name, not
    /// a word anywhere: "Easy-Switch" keys made a membrane keyboard mechanical.
    public static let statingAttributes = ["insulated": "insulation", "backlit": "backlight", "mechanical": "switches"]

    /// Words of a stating attribute's value that say the product has not the feature: "Cherry SX"
    /// and scissor switches are a slim membrane keyboard's.
    static let statingExceptions: [String: Set<String>] = ["mechanical": ["scissor", "membrane", "dome", "sx", "chiclet"]]

    /// Whether an attribute (its name as `AttributeName.key` has it) says a product has `feature`
    /// by stating `value`: the feature's stating attribute, with a value that denies nothing.
    public static func states(_ feature: String, key: String, value: String) -> Bool {
        guard let stating = statingAttributes[feature], key == stating, !AttributeName.isNegative(value) else { return false }
        guard let exceptions = statingExceptions[feature] else { return true }
        return !TextWords.of(value).contains(where: exceptions.contains)
    }
}
