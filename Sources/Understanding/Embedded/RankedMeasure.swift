import Shared

/// "The biggest TV", "the fastest SSD", "the most powerful blender", "the lightest tent": a
/// superlative in a request asks for the products with the most (or least) of a measure first.
/// The spec says it as the measure's attribute with the value `most` or `least` (`MeasureOrder`),
/// which the catalog ranks by; which attribute states the measure depends on the category (a TV's
/// size is its screen's, a tent's its capacity). A question about the products shown ("which is
/// the lightest?") is `AttributeSuperlative`'s, answered without a search.
enum RankedMeasure: String, Sendable, Hashable {
    case size, speed, power, batteryLife, weight, memory, storage, refreshRate, resolution, thickness, setupTime

    /// The words that ask for each measure and order.
    static let phrases: [(measure: RankedMeasure, order: MeasureOrder, words: [String])] = [
        // "A big tv for the living room": the biggest first (before, "I couldn't find any big TVs").
        (.size, .most, ["biggest", "largest", "biggest screen", "largest screen", "biggest size", "largest size",
                        "big screen", "large screen", "big display", "large display", "big", "huge", "really big",
                        "very big"]),
        (.size, .least, ["smallest", "tiniest", "smallest screen", "most compact"]),
        // "A faster one?" of SSDs: the fastest first (before, the keyword "faster").
        (.speed, .most, ["fastest", "quickest", "faster", "faster one", "faster ones"]),
        (.power, .most, ["most powerful", "strongest", "highest wattage", "most watts", "more powerful"]),
        (.batteryLife, .most, ["longest battery life", "longest battery", "best battery life", "most battery life",
                               "longest lasting battery", "longest runtime", "longest run time",
                               // "Which one runs longest?" of vacuums before any was shown: before, the use "running".
                               "runs longest", "runs the longest", "lasts longest", "lasts the longest", "longest lasting"]),
        (.weight, .least, ["lightest", "lightest weight"]),
        (.weight, .most, ["heaviest"]),
        (.memory, .most, ["most ram", "most memory"]),
        (.storage, .most, ["most storage", "most space", "biggest storage", "largest storage"]),
        (.refreshRate, .most, ["highest refresh rate", "fastest refresh rate", "best refresh rate", "highest hz"]),
        (.resolution, .most, ["highest resolution", "best resolution", "most megapixels", "highest megapixels",
                              "sharpest"]),
        // "Thicker" after yoga mats were shown: the thickest first (before, a keyword no title has).
        (.thickness, .most, ["thickest", "thicker", "thicker one", "thicker ones",
                             // "A yoga mat, extra thick": before, the keywords "extra" and "thick".
                             "extra thick", "very thick", "really thick", "super thick", "thick one", "thick ones"]),
        (.thickness, .least, ["thinnest", "thinner", "thinner one", "thinner ones"]),
        // Not a superlative, but what it asks of tents, which state their setup time.
        (.setupTime, .least, ["easy to set up", "easiest to set up", "quick to set up", "quickest to set up",
                              "fastest to set up", "easy setup", "quick setup", "fast setup", "easy to pitch",
                              "quick to pitch", "sets up quickly", "sets up fast"]),
    ]

    /// The attribute that states the measure for products of `category` (by its lower-cased
    /// name), else the one most products state it under; `nil` when listings of the kind state
    /// none (a laptop's speed): the order cannot be asked then.
    func key(inCategory category: String?) -> String? {
        let name = category?.lowercased() ?? ""
        switch self {
        case .size:
            if EmbeddedInterpreter.screenCategories.contains(name) { return "screen_size" }
            return Self.sizeKeys[name]
        case .speed: return ["storage": "read_speed", "internal storage": "read_speed", "memory": "speed",
                             "cpus": "boost_clock"][name]
        case .power: return ["blenders": "wattage", "air fryers": "wattage", "cpus": "cores"][name]
        case .batteryLife: return name == "vacuum cleaners" ? "runtime" : "battery_life"
        case .weight: return "weight"
        case .memory: return ["graphics cards": "memory", "memory": "capacity"][name] ?? "ram"
        case .storage: return ["storage": "capacity", "internal storage": "capacity"][name] ?? "storage"
        case .refreshRate: return "refresh_rate"
        case .resolution: return ["cameras": "megapixels", "mice": "dpi"][name]
        case .thickness: return "thickness"
        case .setupTime: return name == "tents" ? "setup_time" : nil
        }
    }

    /// What "biggest" measures of things without a screen.
    private static let sizeKeys: [String: String] = [
        "tents": "capacity", "backpacks": "capacity", "blenders": "capacity", "air fryers": "capacity",
        "coffee makers": "capacity", "storage": "capacity", "internal storage": "capacity", "memory": "capacity",
        "smartwatches": "case_size", "desks": "width", "yoga mats": "length", "building sets": "piece_count",
        "books": "pages", "fiction": "pages",
    ]

    /// How a reply names a measure by its attribute, and the order: "largest screen first".
    static let orderWords: [String: (name: String, most: String, least: String)] = [
        "screen_size": ("screen size", "largest screen first", "smallest screen first"),
        "capacity": ("capacity", "largest capacity first", "smallest capacity first"),
        "read_speed": ("read speed", "fastest first", "slowest first"),
        "speed": ("speed", "fastest first", "slowest first"),
        "boost_clock": ("clock speed", "fastest clock first", "slowest clock first"),
        "wattage": ("power", "most powerful first", "least powerful first"),
        "cores": ("core count", "most cores first", "fewest cores first"),
        "battery_life": ("battery life", "longest battery life first", "shortest battery life first"),
        "runtime": ("run time", "longest run time first", "shortest run time first"),
        "weight": ("weight", "heaviest first", "lightest first"),
        "ram": ("memory", "most memory first", "least memory first"),
        "memory": ("memory", "most memory first", "least memory first"),
        "storage": ("storage", "most storage first", "least storage first"),
        "refresh_rate": ("refresh rate", "highest refresh rate first", "lowest refresh rate first"),
        "megapixels": ("resolution", "most megapixels first", "fewest megapixels first"),
        "dpi": ("DPI", "highest DPI first", "lowest DPI first"),
        "thickness": ("thickness", "thickest first", "thinnest first"),
        "case_size": ("case size", "largest first", "smallest first"),
        "width": ("width", "widest first", "narrowest first"),
        "length": ("length", "longest first", "shortest first"),
        "piece_count": ("piece count", "most pieces first", "fewest pieces first"),
        "pages": ("length", "longest first", "shortest first"),
        "setup_time": ("setup time", "longest setup first", "quickest setup first"),
    ]

    /// The spec's order, as a reply says it: the measure's name ("weight") and the order
    /// ("lightest first").
    static func said(_ spec: RequirementSpec) -> (key: String, name: String, order: String)? {
        guard let (key, order) = MeasureOrder.asked(in: spec.attributes) else { return nil }
        if let unitPrice = UnitPrice(key: key) {
            let per = "per \(unitPrice.name)"
            return (key, "price \(per)", order == .least ? "cheapest \(per) first" : "priciest \(per) first")
        }
        let words = orderWords[key] ?? (WordForms.words(key).joined(separator: " "), "most first", "least first")
        return (key, words.name, order == .most ? words.most : words.least)
    }

    /// Sets the order in `spec`, in place of any earlier one ("the lightest" after "the biggest").
    /// A size no attribute states is the feature "large" or "compact", as "bigger" is. "The
    /// lightest" asks for no feature "lightweight": the catalog ranks the products with every
    /// feature first, which would put a 9 lb tent described as lightweight before a 3 lb one.
    /// An amount the same message names wins ("a 65 inch big screen tv" is 65 inch).
    static func apply(_ measure: RankedMeasure, _ order: MeasureOrder, to spec: inout RequirementSpec, said: [String: String]) {
        let key = measure.key(inCategory: spec.category)
        if let key, said[key] != nil { return }
        for (key, value) in spec.attributes where MeasureOrder(value: value) != nil { spec.attributes[key] = nil }
        if let key {
            spec.attributes[key] = order.rawValue
        } else if measure == .size {
            EmbeddedInterpreter.askForSizeFeature(&spec, bigger: order == .most)
        }
    }

    /// Whether the amounts `products` state of the spec's measure come in its order (those that
    /// state none aside): the catalog ranks the features asked for before it.
    static func listedInOrder(_ products: ArraySlice<ProductResult>, spec: RequirementSpec) -> Bool {
        guard let (key, order) = MeasureOrder.asked(in: spec.attributes) else { return true }
        let unitPrice = UnitPrice(key: key)
        let amounts = products.compactMap { product in
            if let unitPrice { return unitPrice.price(of: product) }
            return product.attribute(AttributeName.key(key)).flatMap(Measure.amount)
                ?? Measure.stated(AttributeName.key(key), inTitle: product.title)?.amount
        }
        return zip(amounts, amounts.dropFirst()).allSatisfy { order == .most ? $0 >= $1 : $0 <= $1 }
    }

    /// Whether the product states an amount of the measure under `key` (or, for a screen, its
    /// title names its size, or states it as `Measure.statedInTitles` reads; for a price per unit,
    /// how much it holds): the catalog puts those that do first.
    static func states(_ product: ProductResult, key: String) -> Bool {
        if let unitPrice = UnitPrice(key: key) { return unitPrice.units(in: product) != nil }
        return product.attributes.contains { AttributeName.key($0.key) == AttributeName.key(key) && Measure.amount($0.value) != nil }
            || key == "screen_size" && Measure.stated(inTitle: product.title, units: ["inch", "inches"]) != nil
            || Measure.stated(AttributeName.key(key), inTitle: product.title) != nil
    }
}
