import Shared

/// "How heavy is it?", "how much does the first one weigh?", "what's the battery life of the
/// second?", "what colour is it?", "who wrote it?", "what processor does it have?": a question
/// about one fact a listing states, of a shown product or of all of them ("how heavy are
/// they?"). Answered with the value each listing states, never guessed. Before, "how heavy is
/// the first one?" gave the product's details without a word about its weight, and "how heavy
/// is it?" searched again for "heavy".
struct MeasureQuestion: Equatable {
    /// The attribute keys that state the measure, the first a product has being quoted.
    var keys: [String]
    /// How the answer names it: "weight".
    var name: String
    /// Words that mention the measure in a description that states no attribute of it: "up to
    /// 11 days of battery" of a watch that lists no battery life.
    var describedBy: [String] = []

    private static let weight = MeasureQuestion(keys: ["weight", "item_weight"], name: "weight", describedBy: ["weighs"])
    private static let screen = MeasureQuestion(keys: ["screen_size", "size_inches", "display_size"], name: "screen size")
    private static let size = MeasureQuestion(keys: ["dimensions", "size", "screen_size", "size_inches", "capacity", "volume"],
                                              name: "size")
    private static let battery = MeasureQuestion(keys: ["battery_life", "battery", "runtime"], name: "battery life",
                                                 describedBy: ["battery"])
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
        // "What about the battery on the first one?", "how's the battery?": before, its details
        // without a word of the battery.
        (["about", "the", "battery"], battery), (["about", "its", "battery"], battery), (["is", "the", "battery"], battery),
        (["hows", "the", "battery"], battery),
        // A cordless vacuum's: "how long does it run?" showed the search's next page.
        (["long", "does", "it", "run"], runtime), (["long", "do", "they", "run"], runtime), (["run", "time"], runtime),
        (["runtime"], runtime),
        // "What size is it?" of a serum showed the search's next page.
        (["how", "big"], size), (["how", "large"], size), (["what", "size"], size), (["whats", "the", "size"], size),
        (["dimensions"], size), (["how", "tall"], size),
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
        (["capacity"], capacity),
        // "How many cups does it make?", "how many people does it sleep?": before, a search for "cups".
        (["how", "many", "cups"], capacity),
        (["how", "many", "people"], .init(keys: ["capacity"], name: "capacity")),
        (["how", "much", "does", "it", "hold"], capacity), (["how", "much", "water"], capacity),
        (["wattage"], power), (["watts"], power), (["how", "powerful"], power),
        // A count of a unit is the measure it states: "how many hours does it last?".
        (["how", "many", "hours"], battery), (["how", "many", "inches"], size),
        (["how", "many", "quarts"], capacity), (["how", "many", "liters"], capacity), (["how", "many", "litres"], capacity),
        (["how", "many", "ounces"], capacity), (["how", "many", "pounds", "can"], maxWeight), (["how", "many", "pounds"], weight),
        (["how", "many", "lbs"], weight),
        (["how", "many", "gb"], gigabytes), (["how", "many", "gigs"], gigabytes), (["how", "many", "tb"], gigabytes),
        // "What switches does it have?": a keyboard's, as listings state them.
        (["switches"], .init(keys: ["switch_type", "switches", "switch"], name: "switch type")),
        (["color"], colour), (["colors"], colour), (["colour"], colour), (["colours"], colour),
        // What a listing states of a book, a set, a camera, a part: "who wrote it?", "how many
        // pieces does the second one have?", "what sensor does it have?". Before, most searched
        // again for the question's words ("many", "wrote").
        (["who", "wrote"], author), (["author"], author), (["who", "is", "it", "by"], author), (["written", "by"], author),
        (["how", "many", "pages"], .init(keys: ["pages", "page_count"], name: "page count")),
        (["how", "long", "is", "it"], length), (["how", "long", "is", "the"], length), (["how", "long", "are", "they"], length),
        (["how", "many", "pieces"], pieces), (["piece", "count"], pieces),
        (["how", "many", "buttons"], .init(keys: ["buttons"], name: "button count")),
        (["megapixels"], megapixels), (["how", "many", "mp"], megapixels),
        (["zoom"], .init(keys: ["zoom", "optical_zoom"], name: "zoom", describedBy: ["zoom"])),
        (["sensor"], .init(keys: ["sensor"], name: "sensor")), (["socket"], .init(keys: ["socket"], name: "socket")),
        (["dpi"], .init(keys: ["dpi"], name: "DPI")),
        (["processor"], processor), (["cpu"], processor), (["chip"], processor),
        (["integrated", "graphics"], .init(keys: ["integrated_graphics", "gpu"], name: "integrated graphics")),
        (["graphics"], graphics), (["gpu"], graphics),
        (["operating", "system"], system), (["os"], system),
        (["read", "speed"], .init(keys: ["read_speed"], name: "read speed")),
        (["how", "fast"], speed), (["speed"], speed),
        (["made", "of"], material), (["material"], material), (["fabric"], material),
        (["what", "age"], ages), (["age", "range"], ages), (["ages"], ages), (["how", "old"], ages),
        (["set", "up"], setup), (["setup"], setup), (["to", "pitch"], setup),
        (["panel"], .init(keys: ["panel_type", "display_type"], name: "panel type")),
        (["case", "size"], .init(keys: ["case_size"], name: "case size")),
        (["water", "resistance"], .init(keys: ["water_resistance", "waterproof"], name: "water resistance")),
        // "How deep can it go?" of a watch: its water resistance (before, its details alone).
        (["how", "deep"], .init(keys: ["water_resistance", "depth"], name: "water resistance")),
        (["layout"], .init(keys: ["layout"], name: "layout")), (["interface"], .init(keys: ["interface"], name: "interface")),
        (["compatible", "with"], .init(keys: ["compatibility"], name: "compatibility")),
        (["memory", "type"], .init(keys: ["memory_type", "type"], name: "memory type")),
        (["genre"], .init(keys: ["genre"], name: "genre")), (["format"], .init(keys: ["format"], name: "format")),
        // A fit asked of the product, not "what laptops fit in it?".
        (["theme"], .init(keys: ["theme"], name: "theme")), (["what", "fit"], fit), (["how", "does", "it", "fit"], fit),
        (["how", "do", "they", "fit"], fit), (["fit", "type"], fit),
        (["season"], .init(keys: ["season"], name: "season rating")),
        (["insulation"], .init(keys: ["insulation"], name: "insulation")),
        (["skin", "type"], .init(keys: ["skin_type"], name: "skin type")),
        (["spf"], .init(keys: ["spf"], name: "SPF")),
    ]

    private static let author = MeasureQuestion(keys: ["author"], name: "author")
    private static let length = MeasureQuestion(keys: ["length", "pages", "page_count"], name: "length")
    private static let runtime = MeasureQuestion(keys: ["runtime", "battery_life", "battery"], name: "runtime", describedBy: ["runtime"])
    private static let power = MeasureQuestion(keys: ["wattage", "power"], name: "power")
    private static let capacity = MeasureQuestion(keys: ["capacity", "volume"], name: "capacity")
    private static let gigabytes = MeasureQuestion(keys: ["storage", "capacity", "ram", "memory"], name: "storage")
    private static let pieces = MeasureQuestion(keys: ["piece_count", "pieces"], name: "piece count")
    private static let megapixels = MeasureQuestion(keys: ["megapixels", "resolution"], name: "resolution")
    private static let processor = MeasureQuestion(keys: ["cpu", "processor", "chipset"], name: "processor")
    private static let graphics = MeasureQuestion(keys: ["gpu", "chipset", "graphics"], name: "GPU")
    private static let system = MeasureQuestion(keys: ["os", "operating_system"], name: "operating system")
    private static let speed = MeasureQuestion(keys: ["speed", "read_speed", "boost_clock", "clock_speed", "rpm"], name: "speed")
    private static let material = MeasureQuestion(keys: ["material", "fabric"], name: "material")
    private static let ages = MeasureQuestion(keys: ["age_range", "age"], name: "age range")
    private static let setup = MeasureQuestion(keys: ["setup_time"], name: "setup time")
    private static let fit = MeasureQuestion(keys: ["fit"], name: "fit")
    /// Names an answer gives a key of `keys` other than the question's own: "its read speed is
    /// 7450 MB/s" for "how fast is it?".
    private static let labels = ["megapixels": "resolution", "read_speed": "read speed", "boost_clock": "boost clock",
                                 "rpm": "speed", "chipset": "GPU", "pages": "page count", "depth": "depth"]
    /// "How many ports does it have?": a count no phrase above names, asked of the listing's
    /// attribute of that name; not of what every listing shows (reviews) or of a question with
    /// no thing counted ("how many do you have?").
    private static func count(askedIn texts: [String]) -> MeasureQuestion? {
        guard let how = texts.firstIndex(of: "how"), how + 2 < texts.count, texts[how + 1] == "many" else { return nil }
        let counted = texts[how + 2]
        guard counted.count >= 3, counted.hasSuffix("s"), counted.allSatisfy(\.isLetter),
              !Lexicon.keywordStopwords.contains(counted), !uncountedWords.contains(counted) else { return nil }
        let singular = String(counted.dropLast())
        return MeasureQuestion(keys: [counted, singular + "_count", counted + "_count"], name: "number of \(counted)",
                               describedBy: [counted])
    }

    /// "What's the drop on the first one?", "what is the warranty of it?": a fact no phrase above
    /// names, asked of the listing's attribute of that name (one or two words, between "the"
    /// and "of", "on" or "for" and a product: "it", "this", "the…"). Before, the product's
    /// details came without a word about it. Not what every listing shows ("the price of it").
    private static func named(askedIn texts: [String]) -> MeasureQuestion? {
        guard let the = texts.prefix(4).firstIndex(of: "the"), texts[..<the].allSatisfy(namedOpeners.contains),
              let preposition = texts[(the + 1)...].prefix(3).firstIndex(where: ["of", "on", "for"].contains),
              preposition - the == 2 || preposition - the == 3, preposition + 1 < texts.count,
              referenceStarts.contains(texts[preposition + 1]) else { return nil }
        let words = Array(texts[(the + 1)..<preposition])
        guard words.allSatisfy({ word in word.count >= 3 && word.allSatisfy(\.isLetter) && !Lexicon.keywordStopwords.contains(word)
                && !listedByEveryResult.contains(word) }) else { return nil }
        let name = words.joined(separator: " ")
        return MeasureQuestion(keys: [words.joined(separator: "_")], name: name, describedBy: [words[words.count - 1]])
    }

    /// "What lens does it come with?", "what warranty does the first one have?": the same, said
    /// as what the product has (one or two words between "what" and "does" or "do"). Before, a
    /// search for lenses.
    private static func had(askedIn texts: [String]) -> MeasureQuestion? {
        guard texts.first == "what", let verb = texts.prefix(4).firstIndex(where: { $0 == "does" || $0 == "do" }),
              verb == 2 || verb == 3, verb + 1 < texts.count, referenceStarts.contains(texts[verb + 1]),
              texts[(verb + 1)...].contains(where: hasVerbs.contains) else { return nil }
        let words = Array(texts[1..<verb])
        guard words.allSatisfy({ word in word.count >= 3 && word.allSatisfy(\.isLetter) && !Lexicon.keywordStopwords.contains(word)
                && !listedByEveryResult.contains(word) }) else { return nil }
        return MeasureQuestion(keys: [words.joined(separator: "_")], name: words.joined(separator: " "),
                               describedBy: [words[words.count - 1]])
    }

    /// Verbs that ask what a product has: "come (with)", "use", "take".
    private static let hasVerbs: Set<String> = ["have", "come", "use", "take", "need", "include", "ship", "run"]

    /// Words before "the" in such a question: "what's the…", "what is the…", "so what's the…".
    private static let namedOpeners: Set<String> = ["what", "whats", "is", "s", "so", "and", "ok", "then"]
    /// Words that open the product asked about: "of it", "on the first one", "for these".
    private static let referenceStarts: Set<String> = ["it", "this", "that", "the", "these", "those", "them", "each", "both"]
    /// What every listing shows or no attribute states: "what's the price of it?" is the price's.
    private static let listedByEveryResult: Set<String> = [
        "price", "prices", "cost", "costs", "rating", "ratings", "reviews", "review", "brand", "name", "title", "link", "url",
        "description", "details", "detail", "specs", "difference", "deal", "discount", "sale", "best", "point", "catch", "one",
        "cheapest", "lowest", "highest", "total",
    ]

    /// Counts every listing shows, not an attribute: "how many reviews does it have?".
    private static let uncountedWords: Set<String> = ["reviews", "ratings", "stars", "buyers", "results", "options", "products", "items"]
    /// Words that may come before the question's first: "and how long is it?", "so what's the drop?".
    private static let connectives: Set<String> = ["and", "so", "ok", "okay", "also", "then", "but", "oh", "well", "hmm"]
    /// Words that open such a question: "how…", "what is…", "what's…", "who wrote it?".
    static let openers: Set<String> = ["how", "hows", "what", "whats", "who", "whos"]

    /// The measure the tokens ask about, when they open a question with one; `nil` for any
    /// other message ("a heavy duty tent" asks for a search).
    static func asked(in tokens: [Token]) -> MeasureQuestion? {
        // "And how long is it?" after "how thick is the first one?" showed the next page; "ok and
        // how many cups does it make?" searched for cups.
        let start = tokens.prefix(3).firstIndex { !connectives.contains($0.text) } ?? 0
        guard start < tokens.count, openers.contains(tokens[start].text) else { return nil }  // most messages
        let texts = tokens[start...].map(\.text)
        return measure(namedIn: texts, by: phrases) ?? count(askedIn: texts) ?? named(askedIn: texts) ?? had(askedIn: texts)
    }

    /// The measure of the first of `phrases` whose words stand together anywhere in `texts`.
    private static func measure(namedIn texts: [String], by phrases: [(words: [String], measure: MeasureQuestion)]) -> MeasureQuestion? {
        phrases.first { phrase in texts.indices.contains { texts[$0...].starts(with: phrase.words) } }?.measure
    }

    /// "Is it easy to set up?", "are they quick to pitch?": a yes-or-no question that a measure
    /// answers (a tent's setup time), where the feature's words ("easy to set up") no listing has.
    static func askedAsYesNo(in tokens: [Token]) -> MeasureQuestion? {
        // The question may follow the product it is about: "the acer, does the battery last all day?".
        guard let start = tokens.prefix(6).firstIndex(where: { yesNoOpeners.contains($0.text) }) else { return nil }
        return measure(namedIn: tokens[start...].map(\.text), by: yesNoPhrases)
    }

    private static let yesNoOpeners: Set<String> = ["is", "are", "does", "do", "would", "will"]

    /// "Is the samsung fast enough?": its speed, as the listing states it, for the shopper to judge.
    private static let yesNoPhrases: [(words: [String], measure: MeasureQuestion)] = [
        (["easy", "to", "set", "up"], setup), (["quick", "to", "set", "up"], setup), (["hard", "to", "set", "up"], setup),
        (["easy", "to", "pitch"], setup), (["quick", "to", "pitch"], setup), (["easy", "to", "setup"], setup),
        (["quick", "to", "setup"], setup),
        (["fast", "enough"], speed), (["quick", "enough"], speed), (["powerful", "enough"], power), (["big", "enough"], size),
        (["large", "enough"], size), (["light", "enough"], weight), (["long", "enough"], length),
        // "Does the battery last all day?": its battery life, as its listing states it.
        (["battery", "last"], battery), (["battery", "lasts"], battery), (["last", "all", "day"], battery),
        // "Is the battery good?": its battery life, not the product's rating.
        (["battery", "good"], battery), (["battery", "any", "good"], battery), (["battery", "decent"], battery),
        (["battery", "ok"], battery),
        // "Is the screen big?": its size, for the shopper to judge (before, no answer).
        (["screen", "big"], screen), (["screen", "large"], screen), (["screen", "small"], screen),
        (["display", "big"], screen), (["display", "large"], screen),
    ]

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
                if key != keys[0], let label = Self.labels[key] { return (label, stated.value) }
                let label = key.split(separator: "_").joined(separator: " ")
                return (key == keys[0] || label.contains(name) ? name : label, stated.value)
            }
        }
        return nil
    }

    /// "Its weight is 4.2 lb.", "its capacity is 4 person." (for "how big is it?"), else the words
    /// of its description that mention it, else that its listing does not state it.
    func answer(about product: ProductResult) -> String {
        if let stated = stated(by: product) { return "Its \(stated.name) is \(stated.value)." }
        if let description = product.description, let mention = DescriptionMention.find(describedBy, in: description) {
            return "Its details do not state its \(name), but its listing says: \"\(mention.quote)\"."
        }
        // "What lens does it come with?" of a camera "with 18-55mm Lens Kit".
        if let mention = DescriptionMention.find(describedBy, in: product.title) {
            return "Its details do not state its \(name), but its name says: \"\(mention.quote)\"."
        }
        return "Its listing does not state its \(name)."
    }
}

extension EmbeddedInterpreter {
    /// The answer to a question about one measure of every shown product: each one's value by
    /// its short name ("Weight: the Kelty (9 lb) and the REI (5 lb 10 oz)."), then those that
    /// do not state it.
    /// - Parameter which: what the products are as the answer says it ("shown", "compared").
    func measureAnswer(among products: [ProductResult], question: MeasureQuestion, which: String = "shown") -> String {
        let names = Self.shortNames(products)
        var stated: [String] = [], unstated: [String] = [], described: [String] = []
        for (name, product) in zip(names, products) {
            if let value = question.stated(by: product)?.value {
                stated.append("\(Self.the(name)) (\(value))")
            } else if let description = product.description, let mention = DescriptionMention.find(question.describedBy, in: description) {
                described.append("\(Self.the(name)) (\"\(mention.quote)\")")  // "…an 83x optical zoom…"
            } else if let mention = DescriptionMention.find(question.describedBy, in: product.title) {
                described.append("\(Self.the(name)) (\"\(mention.quote)\")")  // "…with 18-55mm Lens Kit"
            } else {
                unstated.append(Self.the(name))
            }
        }
        guard !stated.isEmpty else {
            guard !described.isEmpty else {
                return "None of the \(products.count) \(which) states its \(question.name). Ask about one of them to see all it states."
            }
            return "None of the \(products.count) \(which) states its \(question.name) in its details, but "
                + (described.count == 1 ? "one listing mentions it: " : "\(described.count) listings mention it: ")
                + Self.listed(described) + "."
        }
        unstated += described
        var text = "\(question.name.prefix(1).uppercased() + question.name.dropFirst()): " + Self.listed(stated) + "."
        if !unstated.isEmpty {
            let those = Self.listed(unstated)
            text += " " + those.prefix(1).uppercased() + those.dropFirst() + (unstated.count == 1 ? " does" : " do") + " not say."
        }
        return text
    }
}
