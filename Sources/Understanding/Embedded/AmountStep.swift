import Shared

/// "More RAM", "more storage", "a higher refresh rate", "longer battery life": the next amount up of a measure, as the
/// wanted attribute the catalog ranks by (products with that much or more come first, none is
/// filtered out).
///
/// More than what: the most of the amount the search asks for already and the amounts the products
/// shown state, in their titles ("… 8GB RAM, 256GB SSD") or attributes (the state keeps those of
/// `AttributeName.steppedAmounts`), as "cheaper" is cheaper than every one shown; with none of
/// those, a generous amount of its kind.
struct AmountStep: Sendable {
    /// How its amounts are written after the number ("GB", "Hz", " hours").
    var unit: String
    /// The size of `unit` in `Measure`'s smallest unit of its measure (a GB is 1,024 MB, an hour 60 minutes).
    var measureScale: Double
    /// The units a title writes its amounts in, by word, with their size in `unit` ("tb": 1,024 GB).
    var titleUnits: [String: Double]
    /// The usual amounts, in `unit`, smallest first: a step goes to the next one up.
    var levels: [Double]
    /// What "more" asks for when there is nothing to compare with.
    var plenty: Double
    /// Words that follow the amount in a title that says it ("16GB RAM"); empty when the unit
    /// alone says it ("144Hz").
    var titleNouns: Set<String>

    private static let bytes: [Double] = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024, 2_048, 4_096, 8_192]

    /// The measures a shopper asks more of, by the spec's attribute key.
    static let measures: [String: AmountStep] = [
        "ram": AmountStep(unit: "GB", measureScale: 1_024, titleUnits: ["gb": 1, "tb": 1_024], levels: bytes,
                          plenty: 16, titleNouns: ["ram", "memory"]),
        "storage": AmountStep(unit: "GB", measureScale: 1_024, titleUnits: ["gb": 1, "tb": 1_024], levels: bytes,
                              plenty: 512, titleNouns: ["ssd", "storage", "emmc", "hdd", "nvme", "ufs"]),
        "refresh_rate": AmountStep(unit: "Hz", measureScale: 1, titleUnits: ["hz": 1],
                                   levels: [60, 75, 90, 100, 120, 144, 165, 180, 240, 360], plenty: 144, titleNouns: []),
        "battery_life": AmountStep(unit: " hours", measureScale: 60,
                                   titleUnits: ["hours": 1, "hour": 1, "hrs": 1, "hr": 1, "h": 1],
                                   levels: [5, 8, 10, 12, 15, 20, 24, 30, 40, 50, 60, 80, 100], plenty: 30,
                                   titleNouns: ["battery", "playtime", "play", "playback"]),
        // A cordless vacuum's run on a charge, as listings state it ("60 minutes").
        "runtime": AmountStep(unit: " minutes", measureScale: 1, titleUnits: ["minutes": 1, "min": 1, "mins": 1],
                              levels: [15, 20, 30, 40, 45, 60, 75, 90, 120, 150, 180], plenty: 60,
                              titleNouns: ["runtime", "run"]),
        // A blender's or an air fryer's motor: "is there one with more watts?".
        "power": AmountStep(unit: "W", measureScale: 1, titleUnits: ["w": 1, "watt": 1, "watts": 1],
                            levels: [300, 500, 700, 900, 1_000, 1_200, 1_400, 1_500, 1_600, 1_800, 2_000, 2_500],
                            plenty: 1_200, titleNouns: []),
        // A processor's cores, as its title ("6 Cores") or its listing ("cores": "6") states them.
        "cores": AmountStep(unit: " cores", measureScale: 1, titleUnits: ["cores": 1, "core": 1],
                            levels: [2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 32, 64], plenty: 8, titleNouns: []),
    ]

    /// The amount one step above the most of `asked` (the spec's value) and the ones `shown`
    /// state (`stated(by:under:)`); `plenty` with none; `nil` when that is already the largest
    /// usual amount.
    /// - Parameter key: the attribute key the products state the amount under (`amountKey`).
    func next(after asked: String?, shown: [ProductResult], key: String) -> String? {
        let known = [asked.flatMap(amount(in:))].compactMap { $0 } + shown.compactMap { stated(by: $0, under: key) }
        guard let current = known.max() else { return written(plenty) }
        return levels.first { $0 > current * 1.001 }.map(written)
    }

    /// The amount `product` states: in its title, else as its attribute `key` (by `AttributeName.key`).
    func stated(by product: ProductResult, under key: String) -> Double? {
        stated(in: product.title) ?? product.attribute(key).flatMap(amount(in:))
    }

    /// The amount of an attribute value ("16GB", "1TB SSD", "144Hz", "30 hours") in `unit`.
    func amount(in value: String) -> Double? {
        Measure.amount(value).map { $0 / measureScale }
    }

    /// The amount a title states for this measure: a number with one of `titleUnits` right after
    /// it ("16GB", "1 TB", "144Hz"), followed by one of `titleNouns` when there are any.
    func stated(in title: String) -> Double? {
        guard let (number, unit) = Measure.stated(inTitle: title, units: Set(titleUnits.keys), nouns: titleNouns) else { return nil }
        return number * (titleUnits[unit] ?? 1)
    }

    /// "16GB", "1TB", "144Hz", "30 hours".
    func written(_ amount: Double) -> String {
        if unit == "GB", amount >= 1_024 { return Tokenizer.formatNumber(amount / 1_024) + "TB" }
        return Tokenizer.formatNumber(amount) + unit
    }
}
