import Shared
import Understanding

// The embedded engine's utterance table, shared by its tests and its benchmark.

/// One expected field of the spec after the last turn of a row.
public enum Field: Sendable, CustomStringConvertible {
    case category(String?)
    case brands([String])
    case excluded([String])
    case min(Double?)
    case max(Double?)
    case currency(String)
    case attribute(String, String?)
    case feature(String)
    case noFeature(String)
    case useCase(String?)
    case condition(String?)
    case sort(RequirementSpec.SortOrder)
    case missing([String])

    public var description: String {
        switch self {
        case .category(let v): "category=\(v ?? "nil")"
        case .brands(let v): "brands=\(v)"
        case .excluded(let v): "excluded_brands=\(v)"
        case .min(let v): "budget.min=\(v.map { "\($0)" } ?? "nil")"
        case .max(let v): "budget.max=\(v.map { "\($0)" } ?? "nil")"
        case .currency(let v): "currency=\(v)"
        case .attribute(let k, let v): "attributes.\(k)=\(v ?? "nil")"
        case .feature(let v): "features∋\(v)"
        case .noFeature(let v): "features∌\(v)"
        case .useCase(let v): "use_case=\(v ?? "nil")"
        case .condition(let v): "condition=\(v ?? "nil")"
        case .sort(let v): "sort=\(v.rawValue)"
        case .missing(let v): "missing_fields=\(v)"
        }
    }

    /// `nil` when the spec has this field as expected, else what it has instead.
    public func mismatch(in spec: RequirementSpec) -> String? {
        let actual: String
        let matches: Bool
        switch self {
        case .category(let v): matches = spec.category == v; actual = spec.category ?? "nil"
        case .brands(let v): matches = spec.brands == v; actual = "\(spec.brands)"
        case .excluded(let v): matches = spec.excludedBrands == v; actual = "\(spec.excludedBrands)"
        case .min(let v): matches = spec.budget.min == v; actual = spec.budget.min.map { "\($0)" } ?? "nil"
        case .max(let v): matches = spec.budget.max == v; actual = spec.budget.max.map { "\($0)" } ?? "nil"
        case .currency(let v): matches = spec.budget.currency == v; actual = spec.budget.currency
        case .attribute(let k, let v): matches = spec.attributes[k] == v; actual = spec.attributes[k] ?? "nil"
        case .feature(let v): matches = spec.features.contains(v); actual = "\(spec.features)"
        case .noFeature(let v): matches = !spec.features.contains(v); actual = "\(spec.features)"
        case .useCase(let v): matches = spec.useCase == v; actual = spec.useCase ?? "nil"
        case .condition(let v): matches = spec.condition == v; actual = spec.condition ?? "nil"
        case .sort(let v): matches = spec.sort == v; actual = spec.sort.rawValue
        case .missing(let v): matches = spec.missingFields == v; actual = "\(spec.missingFields)"
        }
        return matches ? nil : "expected \(self), got \(actual)"
    }
}

/// One row: the turns of a conversation, the prices shown before the last turn, and the fields
/// the spec must have after the last turn.
public struct UtteranceRow: Sendable {
    public var turns: [String]
    public var shownPrices: [Double]
    public var fields: [Field]

    public init(_ text: String, _ fields: Field...) {
        turns = [text]
        shownPrices = []
        self.fields = fields
    }

    public init(_ turns: [String], shown: [Double] = [], _ fields: Field...) {
        self.turns = turns
        shownPrices = shown
        self.fields = fields
    }

    public var testDescription: String { turns.map { "\"\($0)\"" }.joined(separator: " → ") }

    /// Runs the turns through the interpreter, as the orchestrator would across a session.
    public func run(_ interpreter: EmbeddedInterpreter) -> RequirementSpec {
        var spec: RequirementSpec?
        for (index, text) in turns.enumerated() {
            let isLast = index == turns.count - 1
            let shown = isLast ? shownPrices.enumerated().map { position, price in
                ProductResult(id: "p\(position)", title: "Product \(position)", brand: nil, category: spec?.category ?? "",
                              price: price, currency: "USD", marketplace: "local")
            } : []
            spec = interpreter.spec(for: TurnContext(text: text, currentSpec: spec, lastShown: shown))
        }
        return spec ?? RequirementSpec()
    }
}

public enum UtteranceTable {
    public static let rows: [UtteranceRow] = categories + prices + typos + speech + colors + specs + useCases
        + conditions + sorts + negations + brands + clarification + refinements

    static let categories: [UtteranceRow] = [
        .init("I need a laptop", .category("Laptops"), .missing(["budget"])),
        .init("looking for a notebook for school", .category("Laptops"), .useCase("school")),
        .init("show me some tvs", .category("TVs")),
        .init("a television for the living room", .category("TVs")),
        .init("wireless earbuds", .category("Headphones"), .feature("wireless")),
        .init("noise cancelling headphones under 300", .category("Headphones"), .feature("noise cancelling"), .max(300)),
        .init("running shoes size 10", .category("Running Shoes"), .attribute("size", "10")),
        .init("sneakers for running", .category("Running Shoes"), .useCase("running")),
        .init("a smartphone with 128gb", .category("Phones"), .attribute("storage", "128GB")),
        .init("gaming monitor 144hz", .category("Monitors"), .attribute("refresh_rate", "144Hz"), .useCase("gaming")),
        .init("27 inch monitor", .category("Monitors"), .attribute("screen_size", "27 inch")),
        .init("graphics card for gaming under 600", .category("Graphics Cards"), .max(600), .useCase("gaming")),
        // A memory kit's and a drive's amount is the capacity they state.
        .init("16gb ddr5 ram", .category("Memory"), .attribute("capacity", "16GB")),
        .init("1tb ssd", .category("Storage"), .attribute("capacity", "1TB SSD")),
        .init("cheap coffee maker", .category("Coffee Makers"), .sort(.priceAscending)),
        .init("espresso machine under 500 euros", .category("Coffee Makers"), .max(500), .currency("EUR")),
        .init("air fryer", .category("Air Fryers"), .missing([])),
        .init("robot vacuum", .category("Vacuum Cleaners")),
        .init("ergonomic office chair", .category("Office Chairs"), .feature("ergonomic")),
        .init("standing desk under 400", .category("Desks"), .max(400)),
        .init("lego set for my son", .category("Building Sets"), .brands(["LEGO"]), .useCase("kids")),
        .init("a tent for camping", .category("Tents"), .useCase("camping")),
        .init("yoga mat", .category("Yoga Mats")),
        .init("a good book about history", .category("Books")),
        .init("smartwatch for running", .category("Smartwatches"), .useCase("running")),
        .init("apple watch", .category("Smartwatches"), .brands(["Apple"])),
        .init("macbook pro", .category("Laptops"), .brands(["Apple"])),
        .init("iphone 15", .category("Phones"), .brands(["Apple"]), .max(nil)),
        .init("ipad for drawing", .category("Tablets"), .brands(["Apple"])),
        .init("a hoodie size large", .category("Hoodies"), .attribute("size", "L")),
        .init("xl t-shirt in black", .category("T-Shirts"), .attribute("size", "XL"), .attribute("color", "black")),
        .init("mens jeans", .category("Jeans"), .attribute("gender", "men")),
        .init("waterproof jacket for hiking", .category("Jackets"), .feature("waterproof"), .useCase("hiking")),
        .init("winter boots", .category("Boots"), .useCase("winter")),
        .init("backpack for travel", .category("Backpacks"), .useCase("travel")),
        .init("skincare for dry skin", .category("Skincare")),
        .init("a moisturizer", .category("Skincare")),
        .init("mechanical keyboard", .category("Keyboards"), .feature("mechanical")),
        .init("wireless mouse", .category("Mice"), .feature("wireless")),
        .init("dslr camera", .category("Cameras")),
        .init("blender for smoothies", .category("Blenders")),
        .init("a processor for my pc", .category("CPUs")),
        .init("kindle", .category("Tablets"), .brands(["Amazon"])),
        .init("a large hoodie", .category("Hoodies"), .attribute("size", "L")),
        .init("laptop bag", .category("Backpacks")),
    ]

    static let prices: [UtteranceRow] = [
        .init("laptop under $1000", .category("Laptops"), .max(1000), .min(nil), .currency("USD"), .missing([])),
        .init("laptop below 1k", .max(1000)),
        .init("headphones less than 50 bucks", .max(50), .currency("USD")),
        .init("a monitor for no more than 300", .max(300)),
        .init("phone between 200 and 400", .min(200), .max(400)),
        .init("tv 200-400", .category("TVs"), .min(200), .max(400)),
        .init("tablet around 500", .min(400), .max(600)),
        .init("camera over 100", .min(100), .max(nil)),
        .init("laptop for one thousand dollars", .max(1000)),
        .init("headphones for fifty dollars", .max(50)),
        .init("a phone under a hundred and twenty dollars", .max(120)),
        .init("laptop under fifteen hundred", .max(1500)),
        .init("tv under two thousand five hundred dollars", .max(2500)),
        .init("a laptop for about 800 bucks", .min(640), .max(960)),
        .init("monitor under €300", .max(300), .currency("EUR")),
        .init("headphones under £100", .max(100), .currency("GBP")),
        .init("phone under ₹20000", .max(20000), .currency("INR")),
        .init("laptop under 50000 rupees", .max(50000), .currency("INR")),
        .init("camera under 100000 yen", .max(100_000), .currency("JPY")),
        .init("laptop under 1200 cad", .max(1200), .currency("CAD")),
        .init("tv under 900 canadian dollars", .max(900), .currency("CAD")),
        .init("sneakers under 80 usd", .max(80), .currency("USD")),
        .init("desk under 300 eur", .max(300), .currency("EUR")),
        .init("laptop 1.5k max", .max(1500)),
        .init("headphones $100 or less", .max(100)),
        .init("headphones 100 dollars or more", .min(100), .max(nil)),
        .init("laptop with a budget of 700", .max(700)),
        .init("my budget is 500 for a phone", .category("Phones"), .max(500)),
        .init("phones from 300 to 500", .min(300), .max(500)),
        .init("a tv between $500 and $1,000", .min(500), .max(1000)),
        .init("laptop between 1 and 2k", .min(1000), .max(2000)),
        .init("two grand laptop", .category("Laptops"), .max(2000)),
        .init("laptop at least 1000", .min(1000)),
        .init("camera up to 700", .max(700)),
        .init("headphones roughly 150", .min(120), .max(180)),
        .init("~200 headphones", .min(160), .max(240)),
        .init("phone under seven hundred", .max(700)),
        .init("laptop under nine hundred ninety nine dollars", .max(999)),
        .init("a 500 dollar phone", .category("Phones"), .max(500)),
        .init("laptop less than 1,500", .max(1500)),
        .init("phone under 1000 euros", .currency("EUR"), .max(1000)),
        .init("headphones 50 to 100 bucks", .min(50), .max(100), .currency("USD")),
        .init("monitor $200-$300", .min(200), .max(300)),
        .init("laptop under 800 and over 500", .min(500), .max(800)),
    ]

    static let typos: [UtteranceRow] = [
        .init("labtop under 1000", .category("Laptops"), .max(1000)),
        .init("hedphones", .category("Headphones")),
        .init("samsng tv", .category("TVs"), .brands(["Samsung"])),
        .init("moniter for gaming", .category("Monitors"), .useCase("gaming")),
        .init("lenvo laptop", .category("Laptops"), .brands(["Lenovo"])),
        .init("keybord", .category("Keyboards")),
        .init("sneekers", .category("Sneakers")),
        .init("blak headphones", .category("Headphones"), .attribute("color", "black")),
        .init("televsion", .category("TVs")),
        .init("adiddas shoes", .category("Sneakers"), .brands(["Adidas"])),
        .init("nikee running shoes", .category("Running Shoes"), .brands(["Nike"])),
        .init("camra under 500", .category("Cameras"), .max(500)),
        .init("smartwach", .category("Smartwatches")),
        .init("headphnes by sonny", .category("Headphones"), .brands(["Sony"])),
    ]

    static let speech: [UtteranceRow] = [
        .init("i want a dell laptop under one thousand dollars", .category("Laptops"), .brands(["Dell"]), .max(1000)),
        .init("show me sony headphones under two hundred", .category("Headphones"), .brands(["Sony"]), .max(200)),
        .init("hp laptop for work under eight hundred", .brands(["HP"]), .useCase("work"), .max(800)),
        .init("cheapest iphone", .sort(.priceAscending), .category("Phones"), .brands(["Apple"])),
        .init("um i need like a tv for around six hundred bucks", .category("TVs"), .min(480), .max(720)),
        .init("can you find me headphones for about a hundred dollars", .min(80), .max(120)),
    ]

    static let colors: [UtteranceRow] = [
        .init("red sneakers", .attribute("color", "red")),
        .init("navy blue hoodie", .attribute("color", "navy")),
        .init("grey jacket", .attribute("color", "grey")),
        .init("gray jacket", .attribute("color", "grey")),
        .init("rose gold phone", .attribute("color", "rose gold")),
        .init("white air fryer", .attribute("color", "white"), .category("Air Fryers")),
        .init("black or white sneakers", .attribute("color", "black")),
    ]

    static let specs: [UtteranceRow] = [
        .init("65 inch tv", .attribute("screen_size", "65 inch")),
        .init("65\" tv", .attribute("screen_size", "65 inch")),
        .init("laptop with 16gb ram and 1tb ssd", .category("Laptops"), .attribute("ram", "16GB"),
              .attribute("storage", "1TB SSD")),
        .init("32gb ram laptop", .category("Laptops"), .attribute("ram", "32GB")),
        .init("4k tv", .attribute("resolution", "4K"), .max(nil)),
        .init("tv under 4k", .max(4000), .attribute("resolution", nil)),
        .init("1440p monitor", .attribute("resolution", "1440p")),
        .init("24mp camera", .attribute("megapixels", "24MP")),
        .init("1000w blender", .attribute("power", "1000W")),
        .init("size 9 boots", .attribute("size", "9"), .category("Boots")),
        .init("womens running shoes size 8", .attribute("gender", "women"), .attribute("size", "8")),
        .init("laptop with 512gb storage", .attribute("storage", "512GB")),
        .init("15.6 inch laptop with 8gb ram", .attribute("screen_size", "15.6 inch"), .attribute("ram", "8GB")),
        .init("6 quart air fryer", .attribute("capacity", "6 qt")),
        .init("lego set with 1000 pieces", .attribute("piece_count", "1000"), .max(nil)),
    ]

    static let useCases: [UtteranceRow] = [
        .init("laptop for video editing", .useCase("video editing")),
        .init("laptop for programming", .useCase("programming")),
        .init("headphones for the gym", .useCase("fitness")),
        .init("tablet for my kids", .useCase("kids")),
        .init("headset for zoom calls", .category("Headphones"), .useCase("calls")),
        .init("monitor for photo editing", .useCase("photography")),
    ]

    static let conditions: [UtteranceRow] = [
        .init("refurbished macbook", .condition("refurbished"), .brands(["Apple"])),
        .init("used camera under 300", .condition("used"), .max(300)),
        .init("brand new iphone", .condition("new")),
        .init("open box tv", .condition("open box")),
        .init("second hand road bike", .condition("used"), .category(nil)),
        .init("i need a new laptop", .condition(nil)),
    ]

    static let sorts: [UtteranceRow] = [
        .init("best rated headphones", .sort(.rating)),
        .init("most expensive laptop", .sort(.priceDescending)),
        .init("top rated vacuum", .sort(.rating), .category("Vacuum Cleaners")),
        .init("affordable office chair", .sort(.priceAscending)),
        .init("laptop", .sort(.relevance)),
    ]

    static let negations: [UtteranceRow] = [
        .init("tv not samsung", .excluded(["Samsung"]), .brands([])),
        .init("headphones but no beats", .excluded(["Beats"])),
        .init("laptop anything but apple", .excluded(["Apple"])),
        .init("phone no red", .attribute("excluded_color", "red"), .attribute("color", nil)),
        .init("sneakers not nike or adidas", .excluded(["Nike", "Adidas"]), .brands([])),
        .init("monitor except lg", .excluded(["LG"])),
        .init("a laptop without touchscreen", .noFeature("touchscreen")),
        .init("dont want samsung show me lg tvs", .excluded(["Samsung"]), .brands(["LG"]), .category("TVs")),
        .init("keyboard under 100 and not logitech", .max(100), .excluded(["Logitech"])),
        .init("jacket in any color except black", .attribute("excluded_color", "black")),
    ]

    static let brands: [UtteranceRow] = [
        .init("dell or hp laptop", .brands(["Dell", "HP"])),
        .init("the north face jacket", .brands(["The North Face"]), .category("Jackets")),
        .init("levis jeans", .brands(["Levi's"])),
        .init("under armour hoodie", .brands(["Under Armour"]), .max(nil), .category("Hoodies")),
        .init("new balance sneakers", .brands(["New Balance"]), .condition(nil)),
        .init("lg oled tv", .brands(["LG"]), .feature("oled")),
        .init("bose headphones", .brands(["Bose"])),
        .init("a samsung galaxy phone", .brands(["Samsung"]), .category("Phones")),
    ]

    static let clarification: [UtteranceRow] = [
        .init("something for gaming", .category(nil), .missing(["category"]), .useCase("gaming")),
        .init("I want to buy something nice", .missing(["category"])),
        .init("headphones", .missing(["budget"])),
        .init("headphones under 100", .missing([])),
        .init("yoga mat", .missing([])),
        .init("sony", .brands(["Sony"]), .missing(["category"])),
        .init("t-shirt", .category("T-Shirts"), .missing([])),
    ]

    static let refinements: [UtteranceRow] = [
        .init(["laptop under 1000", "cheaper"], shown: [899, 950, 999], .max(809), .category("Laptops")),
        .init(["laptop under 1000", "something less expensive"], .max(800)),
        .init(["laptop under 1000", "show me cheaper ones"], shown: [500, 700], .max(450)),
        .init(["black laptop", "in red instead"], .attribute("color", "red"), .category("Laptops")),
        .init(["hp laptop under 1000", "what about dell"], .brands(["Dell"]), .max(1000), .category("Laptops")),
        .init(["tv under 800", "forget the budget"], .min(nil), .max(nil), .category("TVs"), .missing([])),
        .init(["55 inch tv", "bigger screen"], .attribute("screen_size_min", "56 inch"), .attribute("screen_size", nil)),
        .init(["laptop", "around 800"], .min(640), .max(960), .missing([])),
        .init(["laptop", "1000"], .max(1000), .missing([])),
        .init(["something for gaming", "a laptop"], .category("Laptops"), .useCase("gaming"), .missing(["budget"])),
        .init(["headphones under 200", "sony"], .brands(["Sony"]), .max(200)),
        .init(["sony headphones", "also bose"], .brands(["Sony", "Bose"])),
        .init(["laptop under 1000", "actually show me tablets"], .category("Tablets"), .max(nil), .missing(["budget"])),
        .init(["running shoes", "size 10"], .attribute("size", "10"), .category("Running Shoes")),
        .init(["phone", "doesnt matter"], .max(nil), .missing([])),
        .init(["samsung tv", "not samsung"], .brands([]), .excluded(["Samsung"])),
        .init(["laptop", "with 16gb ram"], .attribute("ram", "16GB"), .category("Laptops")),
        .init(["headphones", "wireless please"], .feature("wireless"), .category("Headphones")),
        .init(["laptop under 1000", "more expensive"], shown: [700, 800, 950], .min(950), .max(nil)),
        .init(["tv under 1000 not samsung", "what about samsung"], .brands(["Samsung"]), .excluded([]), .max(1000)),
        .init(["laptop for gaming", "under 1500"], .max(1500), .useCase("gaming")),
        .init(["dell monitor", "any brand"], .brands([]), .category("Monitors")),
        .init(["blue hoodie", "any color"], .attribute("color", nil)),
        .init(["laptop", "the cheapest"], .sort(.priceAscending), .category("Laptops")),
        .init(["headphones under 100", "noise cancelling"], .feature("noise cancelling"), .max(100)),
        .init(["monitor", "no budget"], .missing([]), .max(nil)),
        .init(["32 inch monitor", "smaller"], .attribute("screen_size_max", "31 inch")),
        .init(["black sneakers", "size 11"], .attribute("color", "black"), .attribute("size", "11")),
        .init(["laptop under 1000 euros", "cheaper"], .max(800), .currency("EUR")),
        .init(["tv", "under 600", "lg"], .brands(["LG"]), .max(600), .category("TVs")),
        .init(["headphones", "for running", "under 80"], .useCase("running"), .max(80), .category("Headphones")),
        .init(["laptop", "i dont know maybe 700"], .max(700)),
        .init(["phone", "samsung or google"], .brands(["Samsung", "Google"])),
        .init(["jacket", "in navy"], .attribute("color", "navy"), .category("Jackets")),
    ]
}
