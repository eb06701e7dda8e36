import Foundation
import Shared

/// "Which one is the lightest?", "which has the longest battery life?": a question about the list
/// shown whose measure is one of the products' attributes. The state keeps no attributes of the
/// shown products (they would be written with every turn's checkpoint), so the turn looks them
/// up in the catalog as a comparison does (`ClarifyDecision.compared`, every shown product) and
/// the reply names the one first by the measure. Price, rating and reviews stay `Superlative`'s,
/// answered from what the state keeps.
struct AttributeSuperlative: Equatable {
    /// The attribute keys that state the measure, the first a product has being read.
    var keys: [String]
    /// Whether more is first ("heaviest"), or less ("lightest").
    var wantsMost: Bool
    /// How the reply says it: "the lightest".
    var name: String
    /// How the reply names what is measured: "weight".
    var measureName: String
    /// Words with which listings that state no amount say they are first by the measure
    /// ("Ultralight esports mouse…"), quoted when none states one.
    var describedBy: Description?

    /// Words of listings, and what the answer says of those that have them, of one ("says it is
    /// light") and of several ("say they are light").
    struct Description: Equatable {
        var words: [[String]]
        var ofOne: String
        var ofSeveral: String
    }

    /// The words that ask for each measure: one word, or adjacent words.
    private static let phrases: [(words: [String], measure: AttributeSuperlative)] = {
        let weight = ["weight"], size = ["screen_size", "size_inches", "capacity", "volume"]
        let battery = ["battery_life", "battery", "runtime"], storage = ["storage", "capacity"]
        let memory = ["ram", "memory"], power = ["power", "wattage"], refresh = ["refresh_rate"]
        let screen = ["screen_size", "size_inches", "display_size"]
        let highestRefresh = AttributeSuperlative(keys: refresh, wantsMost: true, name: "the one with the highest refresh rate",
                                                  measureName: "refresh rate")
        let saidLight = Description(words: [["lightweight"], ["ultralight"], ["superlight"], ["light", "weight"]],
                                    ofOne: "says it is light", ofSeveral: "say they are light")
        // "Which lasts longest?" of smartwatches that state no battery life: what their descriptions say of it.
        let saidBattery = Description(words: [["battery"]], ofOne: "mentions its battery", ofSeveral: "mention their battery")
        let lightest = AttributeSuperlative(keys: weight, wantsMost: false, name: "the lightest", measureName: "weight",
                                            describedBy: saidLight)
        let heaviest = AttributeSuperlative(keys: weight, wantsMost: true, name: "the heaviest", measureName: "weight")
        let biggestScreen = AttributeSuperlative(keys: screen, wantsMost: true, name: "the one with the biggest screen",
                                                 measureName: "screen size")
        let longestBattery = AttributeSuperlative(keys: battery, wantsMost: true, name: "the one with the longest battery life",
                                                  measureName: "battery life", describedBy: saidBattery)
        let mostStorage = AttributeSuperlative(keys: storage, wantsMost: true, name: "the one with the most storage", measureName: "storage")
        let mostMemory = AttributeSuperlative(keys: memory, wantsMost: true, name: "the one with the most memory", measureName: "memory")
        let mostPowerful = AttributeSuperlative(keys: power, wantsMost: true, name: "the most powerful", measureName: "power")
        let mostCores = AttributeSuperlative(keys: ["cores", "core_count"], wantsMost: true, name: "the one with the most cores",
                                             measureName: "core count")
        let mostVideoMemory = AttributeSuperlative(keys: ["memory", "vram"], wantsMost: true, name: "the one with the most memory",
                                                   measureName: "memory")
        let fastestClock = AttributeSuperlative(keys: ["boost_clock", "clock_speed"], wantsMost: true,
                                                name: "the one with the fastest clock", measureName: "clock speed")
        func most(_ keys: [String], _ counted: String, _ measureName: String) -> AttributeSuperlative {
            AttributeSuperlative(keys: keys, wantsMost: true, name: "the one with the most \(counted)", measureName: measureName)
        }
        let mostThreads = most(["threads"], "threads", "thread count")
        let mostPieces = most(["piece_count", "pieces"], "pieces", "piece count")
        let mostPages = most(["pages", "page_count"], "pages", "page count"), mostButtons = most(["buttons"], "buttons", "button count")
        let mostMegapixels = most(["megapixels"], "megapixels", "resolution")
        let fastest = AttributeSuperlative(keys: ["speed", "read_speed", "boost_clock", "clock_speed"], wantsMost: true,
                                           name: "the fastest", measureName: "speed")
        let quickestResponse = AttributeSuperlative(keys: ["response_time"], wantsMost: false,
                                                    name: "the one with the fastest response time", measureName: "response time")
        let thickest = AttributeSuperlative(keys: ["thickness"], wantsMost: true, name: "the thickest", measureName: "thickness")
        let thinnest = AttributeSuperlative(keys: ["thickness"], wantsMost: false, name: "the thinnest", measureName: "thickness")
        let mostCushioned = most(["cushioning"], "cushioning", "cushioning")
        let biggestCapacity = AttributeSuperlative(keys: ["capacity", "volume"], wantsMost: true, name: "the one with the biggest capacity",
                                                   measureName: "capacity")
        let narrowest = AttributeSuperlative(keys: ["width"], wantsMost: false, name: "the narrowest", measureName: "width")
        let widest = AttributeSuperlative(keys: ["width"], wantsMost: true, name: "the widest", measureName: "width")
        // What an office chair holds: its weight limit, not its own weight.
        let holdsMost = AttributeSuperlative(keys: ["max_weight", "weight_capacity", "maximum_weight"], wantsMost: true,
                                             name: "the one that holds the most", measureName: "weight limit")
        // A book's length is its pages ("which is the shortest?" of novels: "None of the 8 shown
        // says anything about "shortest"" before); a cable's or a desk's, its length.
        let lengths = ["pages", "page_count", "length"]
        let shortest = AttributeSuperlative(keys: lengths, wantsMost: false, name: "the shortest", measureName: "length")
        let longest = AttributeSuperlative(keys: lengths, wantsMost: true, name: "the longest", measureName: "length")
        return [
            // A screen's size before any other size: "the biggest screen" of laptops.
            (["biggest", "screen"], biggestScreen),
            // An air fryer's basket is its capacity ("which has the biggest basket?" searched for
            // "basket"), before "biggest" alone.
            (["biggest", "basket"], biggestCapacity), (["largest", "basket"], biggestCapacity), (["bigger", "basket"], biggestCapacity),
            (["biggest", "capacity"], biggestCapacity), (["largest", "capacity"], biggestCapacity), (["most", "capacity"], biggestCapacity),
            // A battery's size is how long it lasts: "which has the biggest battery?" of phones
            // (before, the biggest screen first and a search for "battery").
            (["biggest", "battery"], longestBattery), (["largest", "battery"], longestBattery), (["bigger", "battery"], longestBattery),
            // "Which lasts longest?" of smartwatches (before, a search for "lasts").
            (["lasts", "longest"], longestBattery), (["last", "longest"], longestBattery), (["lasts", "the", "longest"], longestBattery),
            (["last", "the", "longest"], longestBattery),
            // "Which runs longest?" of cordless vacuums (before, a search ordered by run time).
            (["runs", "longest"], longestBattery), (["runs", "the", "longest"], longestBattery), (["run", "longest"], longestBattery),
            (["largest", "screen"], .init(keys: screen, wantsMost: true, name: "the one with the largest screen", measureName: "screen size")),
            (["smallest", "screen"], .init(keys: screen, wantsMost: false, name: "the one with the smallest screen", measureName: "screen size")),
            (["highest", "refresh"], highestRefresh), (["fastest", "refresh"], highestRefresh),
            (["best", "refresh"], highestRefresh), (["most", "hz"], highestRefresh),
            (["lightest"], lightest), (["heaviest"], heaviest),
            (["biggest"], .init(keys: size, wantsMost: true, name: "the biggest", measureName: "size")),
            (["largest"], .init(keys: size, wantsMost: true, name: "the largest", measureName: "size")),
            (["smallest"], .init(keys: size, wantsMost: false, name: "the smallest", measureName: "size")),
            (["longest", "battery"], longestBattery), (["best", "battery"], longestBattery), (["most", "battery"], longestBattery),
            (["most", "storage"], mostStorage), (["most", "memory"], mostMemory), (["most", "ram"], mostMemory),
            (["most", "powerful"], mostPowerful), (["most", "cores"], mostCores), (["more", "cores"], mostCores),
            (["most", "vram"], mostVideoMemory), (["more", "vram"], mostVideoMemory),
            (["fastest", "clock"], fastestClock), (["highest", "clock"], fastestClock),
            (["most", "threads"], mostThreads), (["more", "threads"], mostThreads), (["most", "pieces"], mostPieces),
            (["more", "pieces"], mostPieces), (["most", "pages"], mostPages), (["more", "pages"], mostPages),
            (["most", "buttons"], mostButtons), (["more", "buttons"], mostButtons), (["most", "megapixels"], mostMegapixels),
            (["more", "megapixels"], mostMegapixels),
            // Running shoes state a level ("cushioning: high"): "All 8 shown mention "cushioning"" before.
            (["most", "cushioning"], mostCushioned), (["more", "cushioning"], mostCushioned),
            (["most", "cushioned"], mostCushioned), (["best", "cushioning"], mostCushioned),
            // A desk's width ("which is the narrowest?": "None of the 6 shown says anything about "narrowest"").
            (["narrowest"], narrowest), (["narrower"], narrowest), (["widest"], widest), (["wider"], widest),
            (["holds", "the", "most", "weight"], holdsMost), (["holds", "the", "most"], holdsMost), (["holds", "most"], holdsMost),
            (["supports", "the", "most", "weight"], holdsMost), (["supports", "the", "most"], holdsMost),
            (["highest", "weight", "limit"], holdsMost), (["highest", "weight", "capacity"], holdsMost),
            (["highest", "dpi"], .init(keys: ["dpi"], wantsMost: true, name: "the one with the highest DPI", measureName: "DPI")),
            // A monitor's response time is fastest when lowest ("which has the fastest response
            // time?" searched for "response" and "time").
            (["fastest", "response", "time"], quickestResponse), (["quickest", "response", "time"], quickestResponse),
            (["fastest", "response"], quickestResponse),
            (["fastest"], fastest), (["faster"], fastest), (["thickest"], thickest), (["thicker"], thickest),
            (["thinnest"], thinnest), (["thinner"], thinnest),
            // Comparatives after "which": "which one has more storage?" asks the same of the list
            // (with no "which", "with more storage" asks for more: `AmountStep`).
            (["more", "storage"], mostStorage), (["more", "memory"], mostMemory), (["more", "ram"], mostMemory),
            (["lighter"], lightest), (["heavier"], heaviest), (["bigger", "screen"], biggestScreen),
            (["longer", "battery"], longestBattery), (["better", "battery"], longestBattery), (["more", "powerful"], mostPowerful),
            // After every phrase that starts with them: "the longest battery life".
            (["shortest"], shortest), (["shorter"], shortest), (["longest"], longest), (["longer"], longest),
            (["fewest", "pages"], shortest),
        ]
    }()
    /// "Which is better for gaming?" of monitors: the one with the most of what the use asks of
    /// their category (`Lexicon.useNeeds`: a refresh rate), asked as the words `phrases` ask it by.
    static func serving(use: String, category: String) -> AttributeSuperlative? {
        guard let key = Lexicon.useNeeds[category.lowercased()]?[use]?.keys.sorted().first,
              let words = askedByNeed[key] else { return nil }
        return phrases.first { $0.words == words }?.measure
    }

    /// The words of `phrases` that ask for the most of an amount `Lexicon.useNeeds` names.
    private static let askedByNeed = ["refresh_rate": ["highest", "refresh"], "ram": ["most", "memory"]]

    /// Words that may come with the question without making it a request.
    private static let fillers: Set<String> = ProductQuestion.fillers.union(ProductQuestion.questionWords).union([
        "which", "got", "gets", "are", "these", "those", "them", "out", "would", "say", "life", "has", "have", "rate", "speed",
        // Words for any shown product: "which set has the most pieces?".
        "set", "sets", "model", "models", "option", "options", "item", "items", "product", "products", "book", "books",
        "novel", "novels", "read",
    ])

    /// "Which one has the lowest response time?", "which has the most ports?": a measure the
    /// phrases above do not know, named by an attribute the products state ("response_time"),
    /// after a word that says which way; `nil` when no product states one it can read. Read once
    /// the products' attributes are looked up (before, "None of the 3 shown says whether it has
    /// lowest response time", quoting the one that stated 1ms).
    static func stated(askedIn tokens: [Token], by products: [ProductResult]) -> AttributeSuperlative? {
        let texts = tokens.map(\.text)
        guard let at = texts.firstIndex(where: { wayWords[$0] != nil }), let wantsMost = wayWords[texts[at]] else { return nil }
        let measured = texts[(at + 1)...].filter { !fillers.contains($0) && !Lexicon.keywordStopwords.contains($0) }
        guard (1...3).contains(measured.count) else { return nil }
        var keys: [String] = []
        for product in products {
            for key in product.attributes.keys.sorted() where !keys.contains(key) {
                let words = AttributeName.normalized(key).split(separator: "_").map(String.init)
                if words.count == measured.count,
                   zip(words, measured).allSatisfy({ WordForms.contains([$0], eitherNumberOf: $1) }) { keys.append(key) }
            }
        }
        let measureName = measured.joined(separator: " ")
        let measure = AttributeSuperlative(keys: keys, wantsMost: wantsMost, name: "the one with the \(texts[at]) \(measureName)",
                                           measureName: measureName)
        return measure.values(of: products).contains { $0 != nil } ? measure : nil
    }

    /// Words that say which way `stated` asks: `true` for the most first.
    private static let wayWords: [String: Bool] = [
        "lowest": false, "least": false, "smallest": false, "shortest": false, "fewest": false, "minimum": false,
        "highest": true, "most": true, "largest": true, "biggest": true, "longest": true, "greatest": true, "maximum": true,
    ]

    /// The measure a message asks for the first shown product by: it says "which" and one
    /// measure, and nothing that would be a request of its own ("which is lightest in red").
    static func asked(in tokens: [Token]) -> AttributeSuperlative? {
        Superlative.measure(askedIn: tokens, phrases: phrases, fillers: fillers)
    }

    /// Each product's measure (`nil` when none of `keys` states one it can read, nor its title as
    /// `Measure.statedInTitles` reads it: "… Yoga Mat 6 mm").
    func values(of products: [ProductResult]) -> [Double?] {
        products.map { product in
            keys.lazy.compactMap { product.attribute($0).flatMap { Measure.amount($0) ?? Self.levels[$0.lowercased()] } }.first
                ?? titleStated(by: product)?.amount
        }
    }

    /// The amount of the measure the product's title states, and as it writes it.
    private func titleStated(by product: ProductResult) -> (amount: Double, value: String)? {
        keys.lazy.compactMap { Measure.stated($0, inTitle: product.title) }.first
    }

    /// What the attributes that count things count, said after their bare numbers.
    private static let countedNouns = [
        "pages": "pages", "page_count": "pages", "piece_count": "pieces", "pieces": "pieces", "cores": "cores",
        "core_count": "cores", "threads": "threads", "buttons": "buttons", "baskets": "baskets",
    ]

    /// Levels listings state instead of an amount ("cushioning: high"), in their order.
    static let levels: [String: Double] = [
        "none": 0, "minimal": 1, "low": 1, "light": 1, "moderate": 2, "medium": 2, "balanced": 2, "high": 3, "plush": 3,
        "max": 4, "maximum": 4, "maximal": 4,
    ]

    /// The answer: which shown product is first by the measure, then its details; or that too
    /// few of them state it.
    /// - Parameter among: "shown", or "compared" when they are the ones the last answer compared.
    /// - Parameter details: what follows the one named; `nil` when a comparison of them all follows
    ///   the answer, which then suggests no question about one of them.
    func answer(among products: [ProductResult], of among: String = "shown", details: ((ProductResult) -> String)?) -> String {
        let values = values(of: products)
        let stated = zip(products, values).compactMap { product, value in value.map { (product, $0) } }
        guard let best = stated.enumerated().max(by: { first, second in
            // The earlier one in the list on a tie.
            let (a, b) = (first.element.1, second.element.1)
            return wantsMost ? (a < b || a == b && first.offset > second.offset) : (a > b || a == b && first.offset > second.offset)
        })?.element.0 else {
            let unstated = "None of the \(products.count) \(among) states its \(measureName), so I can't tell which is \(name)"
            // "Which one is the lightest?" of mice, which state no weight: those that say they are light.
            let names = EmbeddedInterpreter.shortNames(products)
            let described = zip(names, products).compactMap { name, product in
                (describedBy?.words ?? []).lazy.compactMap { words in
                    DescriptionMention.find(words, in: product.title)
                        ?? product.description.flatMap { DescriptionMention.find(words, in: $0) }
                }.first.map { "\(EmbeddedInterpreter.the(name)) (\"\($0.quote)\")" }
            }
            if let describedBy, !described.isEmpty {
                return unstated + "; " + (described.count == 1 ? "one listing \(describedBy.ofOne): "
                                          : "\(described.count) listings \(describedBy.ofSeveral): ")
                    + EmbeddedInterpreter.listed(described) + "."
            }
            return unstated + (details == nil ? "." : ". Ask about one of them for its details.")
        }
        let key = keys.first { best.attribute($0) != nil }
        var shown = key.flatMap(best.attribute) ?? titleStated(by: best)?.value ?? ""
        // "(192 pages)", not "(192)": a count's bare number with what it counts.
        if let key, let noun = Self.countedNouns[key], Double(shown.trimmingWhitespace) != nil { shown += " " + noun }
        guard stated.count > 1 else {
            return "Only \(EmbeddedInterpreter.the(best.title)) states its \(measureName) (\(shown)) of the \(products.count) \(among). "
                + (details?(best) ?? "")
        }
        let which = stated.count == products.count ? "Of the \(products.count) \(among)"
            : "Of the \(stated.count) of the \(products.count) \(among) that state their \(measureName)"
        // A tie for first: none is it ("the one with the longest battery life" of two that last 8 hours).
        let tied = zip(products, values).filter { $0.1 == values[products.firstIndex { $0.id == best.id } ?? 0] }.map(\.0)
        if tied.count > 1 {
            guard tied.count < stated.count else {
                return "\(which), \(tied.count == 2 ? "both" : "all \(tied.count)") state the same \(measureName): \(shown)."
            }
            // Named as among all of them: "the Motorola" of two Motorolas shown names neither.
            let allNames = EmbeddedInterpreter.shortNames(products)
            let names = tied.compactMap { product in products.firstIndex { $0.id == product.id } }
                .map { EmbeddedInterpreter.the(allNames[$0]) }
            let listed = names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
            return "\(which), \(listed) tie for \(name.replacingOccurrences(of: "the one with ", with: "")): \(shown)."
        }
        return "\(which), \(name) is \(EmbeddedInterpreter.the(best.title)) (\(shown)). " + (details?(best) ?? "")
    }
}
