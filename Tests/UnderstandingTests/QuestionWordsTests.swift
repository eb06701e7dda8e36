import Shared
import Testing
@testable import Understanding

/// Questions a shopper asked of the products shown that were misread: "are any of them organic
/// cotton?" ("All 8 shown are cotton"), "which ones have a laptop sleeve?" (a search with "laptop
/// sleeve" added), "does it have 12gb of vram?" of a 16GB card ("Its listing does not say"),
/// "which is the shortest?" of books ("None of the 8 shown says anything about "shortest"").
@Suite(.timeLimit(.minutes(1)))
struct QuestionWordsTests {
    let engine = EmbeddedEngine()

    @Test func organicCottonIsMoreThanCotton() async throws {
        let shirts = [listed("Hanes", "Hanes Crewneck T-Shirt", category: "T-Shirts", ["material": "cotton"]),
                      listed("Gap", "Gap Vintage Organic Cotton T-Shirt", category: "T-Shirts", ["material": "organic cotton"])]
        let spec = RequirementSpec(category: "T-Shirts", query: "cotton t-shirts", features: ["cotton"])
        let reply = try await engine.answer("are any of them organic cotton", about: shirts, spec: spec).reply
        #expect(reply.hasPrefix("1 of the 2 shown is organic cotton: the Gap."), "\(reply)")
        let search = EmbeddedInterpreter().spec(for: TurnContext(text: "an organic cotton t-shirt"))
        #expect(search.features == ["organic cotton"], "\(search)")
    }

    /// "Which one has the best rating?" with nothing shown yet (after a question about the budget)
    /// sorts by rating; before, "best" sorted and "rating" was searched for ("None of the best
    /// matches mentions "rating"").
    @Test func theBestRatingIsASortWhenNothingIsShown() {
        let interpreter = EmbeddedInterpreter()
        let monitors = interpreter.spec(for: TurnContext(text: "a 27 inch 4k monitor"))
        let rated = interpreter.spec(for: TurnContext(text: "which one has the best rating?", currentSpec: monitors))
        #expect(rated.category == "Monitors" && rated.sort == .rating && rated.keywords.isEmpty, "\(rated)")
        // The reply says the order, or that no buyer rated any (before, a list as if by rating).
        func monitor(_ title: String, rating: Double?) -> ProductResult {
            ProductResult(id: title, title: title, brand: nil, category: "Monitors", price: 300, currency: "USD",
                          rating: rating, reviewCount: rating.map { _ in 10 }, marketplace: "local")
        }
        func reply(_ products: [ProductResult]) -> String {
            interpreter.reply(for: rated, results: SearchResults(products: products, totalFound: 9, sources: []))
        }
        let byRating = reply([monitor("LG 27UP850", rating: 4.7), monitor("Dell S2721QS", rating: 4.5)])
        #expect(byRating.contains(" Here are the top 2 monitors, best rated first, out of 9 found: "), "\(byRating)")
        let unrated = reply([monitor("LG 27UP850", rating: nil), monitor("Dell S2721QS", rating: nil)])
        #expect(unrated.contains(" No buyer has rated any of these yet. Here are the top 2 monitors out of 9 found: "), "\(unrated)")
    }

    /// "Laptop" within the feature "laptop sleeve" names no laptops to search for.
    @Test func aCategoryWordWithinAFeatureAsksOfTheList() async throws {
        let packs = [listed("JanSport", "JanSport SuperBreak Backpack", category: "Backpacks", ["laptop_sleeve": "no"]),
                     listed("Borealis", "The North Face Borealis Backpack", category: "Backpacks", ["laptop_sleeve": "15 inch"])]
        let spec = RequirementSpec(category: "Backpacks", query: "backpacks")
        let reply = try await engine.answer("which ones have a laptop sleeve?", about: packs, spec: spec).reply
        #expect(reply.hasPrefix("1 of the 2 shown has a laptop sleeve: the Borealis."), "\(reply)")
    }

    /// An amount asked of one product, by the key its listing states it under ("memory" for
    /// "vram") or, said bare, by its unit: as much or more is a yes.
    @Test func anAmountAskedOfOneProductIsComparedWithTheOneItStates() async throws {
        let cards = [listed("ASRock", "ASRock Intel Arc A770 16GB Graphics Card", category: "Graphics Cards", ["memory": "16GB"]),
                     listed("MSI", "MSI GeForce RTX 4060 8GB Graphics Card", category: "Graphics Cards", ["memory": "8GB"])]
        let spec = RequirementSpec(category: "Graphics Cards", query: "graphics cards")
        let first = try await engine.answer("does the first one have 12gb of vram?", about: cards, spec: spec).reply
        #expect(first.hasPrefix("Yes, it has 12gb (memory: 16GB)."), "\(first)")
        let msi = try await engine.answer("is the msi one 12gb?", about: cards, spec: spec).reply
        #expect(msi.hasPrefix("No, it is not 12 gb (memory: 8GB)."), "\(msi)")
        #expect(EmbeddedInterpreter().spec(for: TurnContext(text: "a graphics card with 12gb of vram")).attributes["ram"] == "12GB")
        // A phone states two amounts in gigabytes: the one that is the amount asked.
        let phone: [(key: String, value: String)] = [("ram", "8GB"), ("storage", "128GB")]
        #expect(FeatureFinding.amountKey(of: "128 gb", statedIn: phone) == "storage")
        #expect(FeatureFinding.amountKey(of: "64 gb", statedIn: phone) == nil)
        #expect(FeatureFinding.amountKey(of: "waterproof", statedIn: phone) == nil)
    }

    /// "How much is the garmin?" of two Garmins shown: a question about them (before, a search for
    /// Garmin); of one Sony, its details.
    @Test func aPriceAskedOfABrandShownIsAQuestion() async throws {
        func watch(_ id: String, _ brand: String, _ title: String) -> ProductResult {
            ProductResult(id: id, title: title, brand: brand, category: "Smartwatches", price: 250, currency: "USD", marketplace: "local")
        }
        let watches = [watch("forerunner", "Garmin", "Garmin Forerunner 265"), watch("galaxy", "Samsung", "Samsung Galaxy Watch6"),
                       watch("venu", "Garmin", "Garmin Venu Sq 2")]
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Smartwatches", query: "smartwatches")
        let garmins = interpreter.clarifyDecision(for: TurnContext(text: "how much is the garmin", lastShown: watches), spec: spec)
        #expect(garmins.compared == ["forerunner", "venu"], "\(garmins)")
        let samsung = interpreter.clarifyDecision(for: TurnContext(text: "what does the samsung cost?", lastShown: watches), spec: spec)
        #expect(samsung.detailsOf == "galaxy", "\(samsung)")
        // A measure asked of a brand's products: "how long does the coleman take to set up?".
        func tent(_ id: String, _ brand: String, _ title: String) -> ProductResult {
            ProductResult(id: id, title: title, brand: brand, category: "Tents", price: 100, currency: "USD", marketplace: "local")
        }
        let tents = [tent("skydome", "Coleman", "Coleman Skydome 6-Person Tent"), tent("cabin", "Core", "Core 9-Person Cabin Tent"),
                     tent("sundome", "Coleman", "Coleman Sundome 4-Person Tent")]
        let setup = interpreter.clarifyDecision(for: TurnContext(text: "how long does the coleman take to set up", lastShown: tents),
                                                spec: RequirementSpec(category: "Tents"))
        #expect(setup.compared == ["skydome", "sundome"], "\(setup)")
        // A word of one shown title names it as a brand would: "does the galaxy have…?".
        let galaxy = interpreter.clarifyDecision(for: TurnContext(text: "does the galaxy have wireless charging", lastShown: watches),
                                                 spec: spec)
        #expect(galaxy.detailsOf == "galaxy", "\(galaxy)")
        let garminWatches = interpreter.clarifyDecision(for: TurnContext(text: "is the gps one waterproof", lastShown: [
            watch("forerunner", "Garmin", "Garmin Forerunner 265 GPS"), watch("galaxy", "Samsung", "Samsung Galaxy Watch6"),
            watch("venu", "Garmin", "Garmin Venu Sq 2 GPS"),
        ]), spec: spec)
        #expect(garminWatches.compared == ["forerunner", "venu"], "\(garminWatches)")
        // A price said as a wish is still a request.
        let request = interpreter.clarifyDecision(for: TurnContext(text: "samsung at a lower price", lastShown: watches), spec: spec)
        #expect(request.detailsOf == nil && request.compared.isEmpty, "\(request)")
    }

    /// Words said around what is asked that were left as keywords: "extra thick" of yoga mats
    /// orders by thickness, "a grinder built in" is the grinder.
    @Test func wordsAroundAWishAreTheWish() {
        let interpreter = EmbeddedInterpreter()
        let mats = interpreter.spec(for: TurnContext(text: "a yoga mat that isnt slippery, extra thick"))
        #expect(mats.keywords.isEmpty && mats.attributes["thickness"] == "most", "\(mats)")
        let espresso = interpreter.spec(for: TurnContext(text: "an espresso machine with a grinder built in, under 700"))
        #expect(espresso.features == ["grinder"] && !espresso.keywords.contains("built"), "\(espresso)")
        let laptop = interpreter.spec(for: TurnContext(text: "my daughter is starting college next month and she needs a laptop "
                                                       + "thats light enough to carry around all day, 700 max"))
        #expect(laptop.keywords == ["school"] && laptop.features == ["lightweight"], "\(laptop)")
        let shoes = interpreter.spec(for: TurnContext(text: "running shoes for a marathon, something with lots of cushion"))
        #expect(shoes.attributes["cushioning"] == "high" && !shoes.keywords.contains("cushion"), "\(shoes)")
        let hoodies = interpreter.spec(for: TurnContext(text: "a grey hoodie"))
        let zip = interpreter.spec(for: TurnContext(text: "any zip up ones?", currentSpec: hoodies))
        #expect(zip.features == ["full zip"] && zip.attributes["color"] == "grey", "\(zip)")
    }

    /// "What about the battery on the first one?": its battery life (before, its details without
    /// a word of the battery).
    @Test func theBatteryOfOneProductIsItsBatteryLife() async throws {
        let laptops = [listed("Acer", "Acer Aspire 1 Laptop", category: "Laptops", ["ram": "4GB"]),
                       listed("Asus", "ASUS Vivobook 16 Laptop", category: "Laptops", ["battery_life": "8 hours"])]
        let spec = RequirementSpec(category: "Laptops", query: "laptops")
        let first = try await engine.answer("ok what about the battery on the first one", about: laptops, spec: spec).reply
        #expect(first.hasPrefix("Its listing does not state its battery life."), "\(first)")
        let second = try await engine.answer("hows the battery on the second one?", about: laptops, spec: spec).reply
        #expect(second.hasPrefix("Its battery life is 8 hours."), "\(second)")
    }

    /// A book's length is its pages, said with what they count; a work by someone takes no article.
    @Test func theShortestBookHasTheFewestPages() async throws {
        let books = [listed("Tolstoy", "War and Peace by Leo Tolstoy (Penguin Classics)", category: "Books", ["pages": "1440"]),
                     listed("Carroll", "Alice's Adventures in Wonderland by Lewis Carroll", category: "Books", ["pages": "192"])]
        let spec = RequirementSpec(category: "Books", query: "books")
        let shortest = try await engine.answer("which is the shortest?", about: books, spec: spec).reply
        #expect(shortest.hasPrefix("Of the 2 shown, the shortest is Alice's Adventures in Wonderland by Lewis Carroll (192 pages)."),
                "\(shortest)")
        let longest = try await engine.answer("which book is the longest?", about: books, spec: spec).reply
        #expect(longest.hasPrefix("Of the 2 shown, the longest is War and Peace by Leo Tolstoy (Penguin Classics) (1440 pages)."),
                "\(longest)")
    }

    /// "Anything under 40?" after black men's jeans found a men's pair and a women's, in blue:
    /// the reply said only that none came in black.
    @Test func noneInTheColourStillSaysWhatElseTheyMiss() {
        let spec = RequirementSpec(category: "Jeans", query: "black jeans", budget: .init(min: nil, max: 40, currency: "USD"),
                                   attributes: ["color": "black", "gender": "men"])
        func jeans(_ id: String, _ title: String, gender: String) -> ProductResult {
            ProductResult(id: id, title: title, brand: id, category: "Jeans", price: 30, currency: "USD", marketplace: "local",
                          attributes: ["color": "blue", "gender": gender])
        }
        let products = [jeans("Wrangler", "Wrangler Men's Regular Fit Jeans", gender: "men"),
                        jeans("Old Navy", "Old Navy Women's Boot-Cut Jeans", gender: "women")]
        let reply = EmbeddedInterpreter().reply(for: spec, results: SearchResults(products: products, totalFound: 2, sources: []))
        #expect(reply.hasPrefix("None of the best matches comes in black. Only one of these two is for men; the other is for women. "
                                + "Here are the top 2 jeans under $40: "), "\(reply)")
        // The order asked is said too: "which is the cheapest?" before any was shown.
        var sorted = spec
        sorted.sort = .priceAscending
        let cheapest = EmbeddedInterpreter().reply(for: sorted, results: SearchResults(products: products, totalFound: 5, sources: []))
        #expect(cheapest.contains("Here are the top 2 jeans under $40, cheapest first, out of 5 found: "), "\(cheapest)")
    }

    /// A Full HD monitor listed among "4K" ones: said, as a book of another genre is.
    @Test func aValueSomeProductsLackIsSaid() {
        let spec = RequirementSpec(category: "Monitors", query: "monitors", attributes: ["resolution": "4K", "screen_size": "27 inch"])
        func monitor(_ id: String, _ title: String, reasons: [String]) -> ProductResult {
            ProductResult(id: id, title: title, brand: id, category: "Monitors", price: 300, currency: "USD", marketplace: "local",
                          matchReasons: reasons)
        }
        let products = [monitor("BenQ", "BenQ PD2706U 27 inch 4K Monitor", reasons: ["resolution: 4K", "27 inch screen"]),
                        monitor("LG", "LG 27UP850N-W 27 inch 4K Monitor", reasons: ["resolution: 4K", "27 inch screen"]),
                        monitor("Samsung", "Samsung 27 inch T35F Full HD Monitor", reasons: ["27 inch screen"])]
        let reply = EmbeddedInterpreter().reply(for: spec, results: SearchResults(products: products, totalFound: 3, sources: []))
        #expect(reply.hasPrefix("Only two of these three state \"resolution: 4K\". Here are the top 3 "), "\(reply)")
    }

    /// "A gaming laptop with an rtx 4070" where the laptops have a 4060: the model number none
    /// mentions is said, whatever the category's listings use.
    @Test func aModelNumberNoneMentionsIsSaid() {
        let spec = EmbeddedInterpreter().spec(for: TurnContext(text: "gaming laptop with rtx 4070 under 1500"))
        #expect(spec.keywords.contains("4070"), "\(spec)")
        let laptops = [ProductResult(id: "msi", title: "MSI Thin GF63 Gaming Laptop, RTX 4060, 16GB RAM", brand: "MSI", category: "Laptops",
                                     price: 849, currency: "USD", marketplace: "local", matchReasons: ["16GB RAM", "under $1,500"])]
        let reply = EmbeddedInterpreter().reply(for: spec, results: SearchResults(products: laptops, totalFound: 1, sources: []))
        #expect(reply.hasPrefix("None of the best matches mentions \"4070\"."), "\(reply)")
    }

    /// A part the catalog found a product has, by its reason, is not said to be missing: "None of
    /// the best matches mentions "kids case"" was said of a "Kids Edition … Kid-Proof Case" that
    /// the catalog listed as matching it.
    @Test func aPartTheCatalogMatchedIsNotSaidMissing() {
        let spec = RequirementSpec(category: "Tablets", query: "kids tablets", keywords: ["kids", "case"], useCase: "kids")
        let tablets = [ProductResult(id: "fire", title: "Amazon Fire HD 8 Kids Edition Tablet, 32GB, Kid-Proof Case", brand: "Amazon",
                                     category: "Tablets", price: 149.99, currency: "USD", marketplace: "local",
                                     matchReasons: ["matches \"kids case\""])]
        let reply = EmbeddedInterpreter().reply(for: spec, results: SearchResults(products: tablets, totalFound: 1, sources: []))
        #expect(!reply.contains("None of the best matches mentions"), "\(reply)")
    }

    /// "Does it have armrests?" of a chair "with Flip-Up Arms": yes, by its name.
    @Test func armsAreArmrests() async throws {
        let chairs = [listed("Hbada", "Hbada Ergonomic Mesh Office Chair with Flip-Up Arms", category: "Office Chairs",
                                   ["lumbar_support": "fixed"]),
                      listed("IKEA", "IKEA MARKUS Office Chair", category: "Office Chairs", [:])]
        let spec = RequirementSpec(category: "Office Chairs")
        let reply = try await engine.answer("does the first one have armrests?", about: chairs, spec: spec).reply
        #expect(reply.hasPrefix("Yes, it has armrests (its name says \"arms\")."), "\(reply)")
    }

    /// "Is the keychron hot swappable?": the brand that names it stands for "it" (before, its
    /// details came without an answer, though its name says so).
    @Test func aFeatureAskedOfAProductNamedByItsBrand() async throws {
        let keyboards = [listed("HyperX", "HyperX Alloy Origins Core TKL Mechanical Keyboard", category: "Keyboards", [:]),
                         listed("Keychron", "Keychron K2 Pro Wireless Mechanical Keyboard, Hot-Swappable", category: "Keyboards", [:])]
        let reply = try await engine.answer("is the keychron hot swappable", about: keyboards, spec: RequirementSpec(category: "Keyboards"))
        #expect(reply.reply.hasPrefix("Yes, it is hot swappable: its name says so."), "\(reply.reply)")
    }

    /// "The top 2 The North Face jackets" read as two "the"s; a book was praised by its publisher
    /// ("The Oxford World's Classics is especially well rated").
    @Test func brandsAndPublishersAreNamedAsASentenceSaysThem() {
        func product(_ id: String, _ title: String, brand: String, category: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: id, title: title, brand: brand, category: category, price: 100, currency: "USD", rating: 4.7,
                          reviewCount: 900, marketplace: "local", attributes: attributes)
        }
        let jackets = [product("antora", "The North Face Women's Antora Rain Jacket", brand: "The North Face", category: "Jackets", [:]),
                       product("denali", "The North Face Men's Denali Fleece Jacket", brand: "The North Face", category: "Jackets", [:])]
        let spec = RequirementSpec(category: "Jackets", query: "The North Face jackets", brands: ["The North Face"])
        let reply = EmbeddedInterpreter().reply(for: spec, results: SearchResults(products: jackets, totalFound: 2, sources: []))
        #expect(reply.hasPrefix("Here are the top 2 jackets by The North Face: 1."), "\(reply)")
        let books = [product("doyle", "The Adventures of Sherlock Holmes (Oxford World's Classics)", brand: "Oxford World's Classics",
                             category: "Books", ["author": "Arthur Conan Doyle"]),
                     product("austen", "Pride and Prejudice (Penguin Classics)", brand: "Penguin Classics", category: "Books",
                             ["author": "Jane Austen"])]
        let praised = EmbeddedInterpreter().reply(for: RequirementSpec(category: "Books", query: "books"),
                                                  results: SearchResults(products: books, totalFound: 2, sources: []))
        #expect(praised.hasSuffix("The first one is especially well rated."), "\(praised)")
    }

    /// "A camera with 4k" asks what it films, which cameras state as `video` (before, the
    /// resolution, which none states: "None of the best matches states resolution: 4K").
    @Test func aCamerasResolutionIsItsVideo() {
        let interpreter = EmbeddedInterpreter()
        #expect(interpreter.spec(for: TurnContext(text: "a camera with 4k under 800")).attributes == ["video": "4K"])
        let vlogging = interpreter.spec(for: TurnContext(text: "a camera for vlogging"))
        #expect(interpreter.spec(for: TurnContext(text: "one with 4k", currentSpec: vlogging)).attributes == ["video": "4K"])
        #expect(interpreter.spec(for: TurnContext(text: "a 4k tv")).attributes == ["resolution": "4K"])
    }
}
