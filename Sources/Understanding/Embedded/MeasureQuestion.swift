import Shared

/// "How heavy is it?", "how much does the first one weigh?", "what's the battery life of the
/// second?", "what colour is it?": a question about one measure of a shown product, or of all of them ("how heavy are
/// they?"). Answered with the value each listing states, never guessed. Before, "how heavy is
/// the first one?" gave the product's details without a word about its weight, and "how heavy
/// is it?" searched again for "heavy".
struct MeasureQuestion: Equatable {
    /// The attribute keys that state the measure, the first a product has being quoted.
    var keys: [String]
    /// How the answer names it: "weight".
    var name: String

    private static let weight = MeasureQuestion(keys: ["weight", "item_weight"], name: "weight")
    private static let screen = MeasureQuestion(keys: ["screen_size", "size_inches", "display_size"], name: "screen size")
    private static let size = MeasureQuestion(keys: ["dimensions", "size", "screen_size", "size_inches", "capacity", "volume"],
                                              name: "size")
    private static let battery = MeasureQuestion(keys: ["battery_life", "battery", "runtime"], name: "battery life")
    private static let colour = MeasureQuestion(keys: ["color", "colour"], name: "colour")
    private static let thickness = MeasureQuestion(keys: ["thickness"], name: "thickness")
    private static let videoMemory = MeasureQuestion(keys: ["memory", "vram"], name: "memory")
    private static let maxWeight = MeasureQuestion(keys: ["max_weight", "weight_capacity"], name: "maximum weight")
    private static let width = MeasureQuestion(keys: ["width", "dimensions", "size"], name: "width")

    /// The words that ask for each measure, adjacent, the first phrase found anywhere deciding:
    /// a screen's size before any other size ("how big is the screen?").
    private static let phrases: [(words: [String], measure: MeasureQuestion)] = [
        (["screen", "size"], screen), (["big", "screen"], screen), (["big", "is", "the", "screen"], screen),
        // What a chair holds before what it weighs: "what's the max weight?".
        (["max", "weight"], maxWeight), (["maximum", "weight"], maxWeight), (["weight", "limit"], maxWeight),
        (["weight", "capacity"], maxWeight), (["how", "much", "weight"], maxWeight),
        (["how", "heavy"], weight), (["weigh"], weight), (["weighs"], weight), (["weight"], weight),
        (["battery", "life"], battery), (["battery", "last"], battery), (["long", "battery"], battery),
        (["how", "big"], size), (["how", "large"], size), (["dimensions"], size), (["how", "tall"], size),
        (["how", "wide"], width), (["width"], width), (["length"], .init(keys: ["length", "dimensions"], name: "length")),
        (["how", "thick"], thickness), (["thickness"], thickness), (["thick", "is"], thickness),
        (["height"], .init(keys: ["height", "height_range", "max_height", "dimensions"], name: "height")),
        (["how", "high"], .init(keys: ["height", "height_range", "max_height", "dimensions"], name: "height")),
        (["how", "much", "storage"], .init(keys: ["storage", "capacity"], name: "storage")),
        (["how", "much", "ram"], .init(keys: ["ram", "memory"], name: "memory")),
        (["how", "much", "memory"], .init(keys: ["ram", "memory"], name: "memory")),
        (["how", "much", "vram"], videoMemory), (["vram"], videoMemory),
        (["how", "many", "cores"], .init(keys: ["cores", "core_count"], name: "core count")),
        (["how", "many", "threads"], .init(keys: ["threads"], name: "thread count")),
        (["clock", "speed"], .init(keys: ["boost_clock", "base_clock", "clock_speed"], name: "clock speed")),
        (["refresh", "rate"], .init(keys: ["refresh_rate"], name: "refresh rate")),
        (["resolution"], .init(keys: ["resolution"], name: "resolution")),
        (["capacity"], .init(keys: ["capacity", "volume"], name: "capacity")),
        // "How many cups does it make?", "how many people does it sleep?": before, a search for "cups".
        (["how", "many", "cups"], .init(keys: ["capacity", "volume"], name: "capacity")),
        (["how", "many", "people"], .init(keys: ["capacity"], name: "capacity")),
        (["how", "much", "does", "it", "hold"], .init(keys: ["capacity", "volume"], name: "capacity")),
        (["wattage"], .init(keys: ["power", "wattage"], name: "power")),
        // "What switches does it have?": a keyboard's, as listings state them.
        (["switches"], .init(keys: ["switch_type", "switches", "switch"], name: "switch type")),
        (["color"], colour), (["colors"], colour), (["colour"], colour), (["colours"], colour),
    ]
    /// Words that open such a question: "how…", "what is…", "what's…".
    static let openers: Set<String> = ["how", "what", "whats"]

    /// The measure the tokens ask about, when they open a question with one; `nil` for any
    /// other message ("a heavy duty tent" asks for a search).
    static func asked(in tokens: [Token]) -> MeasureQuestion? {
        guard let first = tokens.first?.text, openers.contains(first) else { return nil }  // most messages
        let texts = tokens.map(\.text)
        return phrases.first { phrase in texts.indices.contains { texts[$0...].starts(with: phrase.words) } }?.measure
    }

    /// Whether the question is about every shown product: it names them together ("how
    /// heavy are they?", "what do these weigh?") and no one of them.
    static func isAboutTheList(_ tokens: [Token]) -> Bool {
        let texts = tokens.map(\.text)
        return texts.contains(where: FeatureQuestion.listPronouns.contains) && !ProductQuestion.namesOneProduct(texts)
    }

    /// What the product's listing states of the measure ("15.6 inch"), if anything, and under
    /// which name ("screen size" for a size asked about).
    func stated(by product: ProductResult) -> (name: String, value: String)? {
        for key in keys {
            if let stated = product.attributes.first(where: { AttributeName.normalized($0.key) == key }),
               EmbeddedInterpreter.states(stated.value) {
                let label = key.split(separator: "_").joined(separator: " ")
                return (key == keys[0] || label.contains(name) ? name : label, stated.value)
            }
        }
        return nil
    }

    /// "Its weight is 4.2 lb.", "its capacity is 4 person." (for "how big is it?"), or that its
    /// listing does not state it.
    func answer(about product: ProductResult) -> String {
        stated(by: product).map { "Its \($0.name) is \($0.value)." } ?? "Its listing does not state its \(name)."
    }
}

extension EmbeddedInterpreter {
    /// The answer to a question about one measure of every shown product: each one's value by
    /// its short name ("Weight: the Kelty (9 lb) and the REI (5 lb 10 oz)."), then those that
    /// do not state it.
    func measureAnswer(among products: [ProductResult], question: MeasureQuestion) -> String {
        let names = Self.shortNames(products)
        var stated: [String] = [], unstated: [String] = []
        for (name, product) in zip(names, products) {
            if let value = question.stated(by: product)?.value { stated.append("\(Self.the(name)) (\(value))") } else { unstated.append(Self.the(name)) }
        }
        guard !stated.isEmpty else {
            return "None of the \(products.count) shown states its \(question.name). Ask about one of them to see all it states."
        }
        var text = "\(question.name.prefix(1).uppercased() + question.name.dropFirst()): " + Self.listed(stated) + "."
        if !unstated.isEmpty {
            let those = Self.listed(unstated)
            text += " " + those.prefix(1).uppercased() + those.dropFirst() + (unstated.count == 1 ? " does" : " do") + " not say."
        }
        return text
    }
}
