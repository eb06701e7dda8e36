import Shared
import Testing
@testable import Understanding

/// Brands named by ordinary words ("Fully", "Instant", "Core", "Hunter"): "a power supply, fully
/// modular" asked for the desk brand Fully, "an instant camera" for Instant's air fryers, "80+
/// gold" was a budget of $80 or more and the colour gold.
@Suite(.timeLimit(.minutes(1)))
struct OrdinaryWordBrandTests {
    /// A catalog's vocabulary as `GET /v1/brands` gives it: each brand with what it makes.
    let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
        categories: [
            .init(name: "Desks", path: ["Furniture", "Desks"], count: 5),
            .init(name: "Cameras", path: ["Electronics", "Cameras"], count: 5),
            .init(name: "Air Fryers", path: ["Kitchen", "Air Fryers"], count: 5),
            .init(name: "Hoodies", path: ["Clothing", "Hoodies"], count: 5),
            .init(name: "Laptops", path: ["Electronics", "Laptops"], count: 5),
            .init(name: "Tents", path: ["Sports & Outdoors", "Tents"], count: 5),
            .init(name: "Jackets", path: ["Clothing", "Jackets"], count: 5), .init(name: "Boots", path: ["Shoes", "Boots"], count: 5),
            .init(name: "Internal Storage", path: ["Computer Components", "Internal Storage"], count: 5),
        ],
        brands: [
            .init(name: "Fully", categories: ["Desks", "Furniture"]), .init(name: "Instant", categories: ["Air Fryers", "Kitchen"]),
            .init(name: "Core", categories: ["Tents", "Sports & Outdoors"]), .init(name: "Hunter", categories: ["Boots", "Shoes"]),
            .init(name: "Champion", categories: ["Hoodies", "Clothing"]),
            .init(name: "Crucial", categories: ["Internal Storage", "Computer Components"]),
        ]).merged())

    /// Searched for right before the category's name, the word says which kind ("an instant
    /// camera", "a coffee table" where a brand is called "Coffee"): its products first by their
    /// titles, as "bedside" of "a bedside table" was. Before, coffee tables came after the compact
    /// bedside tables of "a small coffee table", and the reply said none mentioned "coffee".
    @Test func anOrdinaryWordBeforeTheCategorysNameSaysTheKind() {
        #expect(interpreter.spec(for: TurnContext(text: "i want an instant camera")).query == "instant cameras")
        #expect(interpreter.spec(for: TurnContext(text: "a fully adjustable office chair")).query?.contains("fully") == false)
        let tables = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "tables", path: ["furniture", "tables"], count: 30),
                         .init(name: "Coffee Mugs", path: ["Kitchen", "Coffee Mugs"], count: 9)],
            brands: [.init(name: "Coffee", categories: ["Coffee Mugs", "Kitchen"])]).merged())
        let spec = tables.spec(for: TurnContext(text: "a coffee table for a small living room"))
        #expect(spec.category == "tables" && spec.brands.isEmpty && spec.query == "compact living room coffee tables", "\(spec)")
    }

    /// A brand named by words the category's listings use ("Slim Fit", a Flipkart brand of jeans)
    /// is those words, a cut, unless it is said as a brand ("from slim fit"). Before, "slim fit"
    /// after men's jeans asked for that brand ("by Slim fit, as you asked").
    @Test func aBrandNamedByTheListingsWordsIsThoseWords() {
        let jeans = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Jeans", path: ["Clothing", "Men's Clothing", "Jeans"], count: 161,
                               words: ["jean", "slim", "fit", "regular", "denim"])],
            brands: [.init(name: "Slim Fit", categories: ["Clothing", "Men's Clothing", "Jeans"])]).merged())
        let slim = jeans.spec(for: TurnContext(text: "slim fit jeans for men"))
        #expect(slim.category == "Jeans" && slim.brands.isEmpty, "\(slim)")
        #expect(jeans.spec(for: TurnContext(text: "jeans from slim fit")).brands == ["Slim Fit"])
        #expect(Lexicon.isOrdinaryWord("slim fit") && !Lexicon.isOrdinaryWord("levi strauss"))
    }

    /// Words listings say things with are ordinary words too, though the common words lack them:
    /// a brand "AirFlow" of women's clothing made "a case for my pc with good airflow" ask for its
    /// cases.
    @Test func aWordOfListingsIsAnOrdinaryWord() {
        #expect(Lexicon.isOrdinaryWord("airflow") && !Lexicon.isOrdinaryWord("samsung"))
        let cases = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Cases", path: ["Computer Components", "Cases"], count: 30),
                         .init(name: "Formal Wear", path: ["Clothing", "Women's Clothing", "Formal Wear"], count: 9)],
            brands: [.init(name: "AirFlow", categories: ["Clothing", "Formal Wear", "Women's Clothing"])]).merged())
        let spec = cases.spec(for: TurnContext(text: "a case for my pc with good airflow"))
        #expect(spec.category == "Cases" && spec.brands.isEmpty && spec.keywords.contains("airflow"), "\(spec)")
    }

    @Test func anOrdinaryWordNamesTheBrandOnlyOfWhatItMakes() {
        let cases: [(String, [String], String?)] = [
            // Said of a category the brand makes, after "from" or "by", or alone: the brand.
            ("a fully jarvis desk", ["Fully"], nil), ("a desk from fully", ["Fully"], nil), ("a champion hoodie", ["Champion"], nil),
            ("something by core", ["Core"], nil), ("a crucial ssd", ["Crucial"], nil),  // "Storage" is "Internal Storage" too
            // Of another category, or of no known one: a word searched for.
            ("a fully adjustable office chair", [], "fully"), ("i want an instant camera", [], "instant"),
            ("a core i7 laptop", [], "core"), ("a hunter green jacket", [], "hunter"), ("an instant pot", [], "instant"),
            ("its crucial that the laptop is light", [], nil),
        ]
        for (text, brands, keyword) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.brands == brands, "\(text): \(spec)")
            if let keyword { #expect(spec.keywords.contains(keyword), "\(text): \(spec.keywords)") }
        }
        // Said alone, it is the brand of the search so far.
        let hoodies = interpreter.spec(for: TurnContext(text: "a hoodie"))
        #expect(interpreter.spec(for: TurnContext(text: "champion", currentSpec: hoodies)).brands == ["Champion"])
        // A catalog that does not say what a brand makes leaves it a brand, as before.
        let unknown = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [.init(name: "Cameras")],
                                                                        brands: [.init(name: "Instant")]))
        #expect(unknown.spec(for: TurnContext(text: "an instant camera")).brands == ["Instant"])
    }

    /// A brand named by a stop word ("Nothing", "On") right before a kind of thing it makes:
    /// the brand and the kind (before, "a nothing phone" was any phone). Not before a department,
    /// and not elsewhere ("nothing over 100").
    @Test func aStopWordBrandBeforeWhatItMakes() {
        let stopWords = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Phones", path: ["Electronics", "Phones"], count: 16),
                         .init(name: "Shoes", path: ["Shoes"], count: 53),
                         .init(name: "Running Shoes", path: ["Shoes", "Running Shoes"], count: 22)],
            brands: [.init(name: "Nothing", categories: ["Electronics", "Phones"]),
                     .init(name: "On", categories: ["Shoes", "Running Shoes"])]).merged())
        let phone = stopWords.spec(for: TurnContext(text: "a nothing phone"))
        #expect(phone.category == "Phones" && phone.brands == ["Nothing"], "\(phone)")
        let shoes = stopWords.spec(for: TurnContext(text: "on running shoes under 150"))
        #expect(shoes.category == "Running Shoes" && shoes.brands == ["On"] && shoes.budget.max == 150, "\(shoes)")
        for text in ["try on shoes", "a phone, nothing over 300", "i run on trails"] {
            #expect(stopWords.spec(for: TurnContext(text: text)).brands.isEmpty, "\(text)")
        }
    }

    /// "Which kind of Fully product?" offers what the catalog has of the brand (before, its
    /// biggest departments: "running shoes, headphones, skincare" of a desk maker).
    @Test func aBrandAloneIsAskedAboutWithWhatItMakes() {
        let fully = interpreter.spec(for: TurnContext(text: "something from fully"))
        #expect(fully.missingFields == ["category"], "\(fully)")
        let decision = ClarifyDecision(shouldAsk: true, missingFields: ["category"])
        #expect(interpreter.question(for: fully, decision: decision) == "Do you mean desks, or another kind of Fully product?")
        let champion = interpreter.spec(for: TurnContext(text: "champion"))
        #expect(interpreter.question(for: champion, decision: decision).hasPrefix("Do you mean hoodies"))
        let crucial = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Memory", path: ["Computer Components", "Memory"], count: 15),
                         .init(name: "Internal Storage", path: ["Computer Components", "Internal Storage"], count: 16),
                         .init(name: "Computer Components", path: ["Computer Components"], count: 31)],
            brands: [.init(name: "Crucial", categories: ["Computer Components", "Memory", "Internal Storage"])]))
        let asked = crucial.question(for: crucial.spec(for: TurnContext(text: "crucial")), decision: decision)
        #expect(asked == "Which kind of Crucial product are you looking for — memory, internal storage?", "\(asked)")
    }

    /// A power supply's words: "fully modular" and "80+ gold" are features, and "psu" names the category.
    @Test func aPowerSuppliesWordsAreFeatures() {
        let spec = interpreter.spec(for: TurnContext(text: "a psu, 80+ gold, fully modular, 850w"))
        #expect(spec.category == "Power Supplies" && spec.features == ["80 plus gold", "fully modular"], "\(spec)")
        #expect(spec.attributes == ["power": "850W"] && spec.budget.min == nil && spec.brands.isEmpty, "\(spec)")
        let bronze = interpreter.spec(for: TurnContext(text: "a 650 watt power supply 80 plus bronze under 100"))
        #expect(bronze.features == ["80 plus bronze"] && bronze.budget.max == 100 && bronze.budget.min == nil, "\(bronze)")
        #expect(bronze.query == "80 plus bronze power supplies", "\(bronze)")
        // "For my new build" is what it goes in: no word to search (before, it found building sets).
        let build = interpreter.spec(for: TurnContext(text: "a power supply for my new build, 750 watts, fully modular"))
        #expect(build.keywords.isEmpty && build.features == ["fully modular"] && build.brands.isEmpty, "\(build)")
        // "Plus" after a price is still "or more".
        #expect(interpreter.spec(for: TurnContext(text: "headphones 80 plus")).budget.min == 80)
    }
}

/// A category the catalog has no products of (a built-in one its vocabulary lacks): no budget is
/// asked, and what the other words found is not called one (before, "the top 3 power supplies"
/// were building sets).
@Suite(.timeLimit(.minutes(1)))
struct UnstockedCategoryTests {
    let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
        categories: [.init(name: "Building Sets", path: ["Toys", "Building Sets"], count: 16)], brands: []).merged())

    @Test func aCategoryTheCatalogLacksIsSaidSo() {
        let spec = interpreter.spec(for: TurnContext(text: "a 750 watt power supply"))
        #expect(spec.category == "Power Supplies" && spec.missingFields.isEmpty, "\(spec)")
        let sets = [ProductResult(id: "k1", title: "K'NEX Imagine 35 Model Building Set", brand: "K'NEX",
                                  category: "Toys > Building Sets", price: 29.99, currency: "USD", marketplace: "local")]
        let found = interpreter.composedReply(TurnContext(text: "a 750 watt power supply"), spec: spec,
                                              results: SearchResults(products: sets, totalFound: 1, sources: []))
        #expect(found.hasPrefix("This catalog has no power supplies. Your other words found this, which is not one: 1. K'NEX"), "\(found)")
        let none = interpreter.composedReply(TurnContext(text: "a 750 watt power supply"), spec: spec,
                                             results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(none.hasPrefix("This catalog has no power supplies right now, so I couldn't find any"), "\(none)")
        // A category it has is asked about and named as before; so is every one of a vocabulary
        // without counts.
        let stocked = EmbeddedInterpreter()
        #expect(stocked.spec(for: TurnContext(text: "a 750 watt power supply")).missingFields == ["budget"])
        let uncounted = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [.init(name: "Power Supplies")], brands: []))
        #expect(uncounted.spec(for: TurnContext(text: "a 750 watt power supply")).missingFields == ["budget"])
    }

    /// A catalog without a category of tents may still have tents, filed under "camping": before,
    /// "these 3, which are not tents" were three tents. Some named by their titles are counted;
    /// all of them are the tents found.
    @Test func productsOfACategoryTheCatalogLacksAreNamedByTheirTitles() {
        let text = "a tent for camping"
        let spec = interpreter.spec(for: TurnContext(text: text))
        #expect(spec.category == "Tents", "\(spec)")
        func camping(_ titles: [String]) -> SearchResults {
            SearchResults(products: titles.enumerated().map { index, title in
                ProductResult(id: "c\(index)", title: title, brand: "Acme", category: "outdoors > camping", price: 249.99,
                              currency: "USD", marketplace: "local")
            }, totalFound: titles.count, sources: [])
        }
        let some = interpreter.composedReply(TurnContext(text: text), spec: spec,
                                             results: camping(["Coastal Explorer Camping Tent", "Crown Summit Backpack", "Camp Stove"]))
        #expect(some.hasPrefix("This catalog has no category of tents; only one of these three is one by its title: 1. Coastal"),
                "\(some)")
        let all = interpreter.composedReply(TurnContext(text: text), spec: spec,
                                            results: camping(["Coastal Explorer Camping Tent", "SkyDome Family Tent"]))
        #expect(all.hasPrefix("Here are the top 2 tents for camping: 1. Coastal"), "\(all)")
    }
}
