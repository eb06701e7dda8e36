import Shared
import Testing
@testable import Understanding

/// The embedded engine's reply to a search: what it calls the products, the order it says, and
/// what it says when they are not the kind asked for, or when nothing was found. What the
/// products lack of the rest that was asked is `ReplyCaveatTests`'.
@Suite(.timeLimit(.minutes(1)))
struct EmbeddedReplyTests {
    let engine = EmbeddedEngine()

    /// A later page of a search by brands and colour may have none of them (they rank first):
    /// before, "show me more" called Salomon and Brooks shoes "more black Nike or Adidas running shoes".
    @Test func aLaterPageSaysWhenItsProductsAreOfOtherBrandsOrColours() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Running Shoes", query: "black running shoes", budget: .init(max: 150),
                                   brands: ["Nike", "Adidas"], attributes: ["color": "black"])
        func shoe(_ title: String, _ brand: String, _ color: String) -> ProductResult {
            ProductResult(id: title, title: title, brand: brand, category: "Running Shoes", price: 120, currency: "USD",
                          marketplace: "local", attributes: ["color": color])
        }
        let more = TurnContext(text: "show me more", shownBefore: 8)
        let others = SearchResults(products: [shoe("Salomon Speedcross 6", "Salomon", "black"),
                                              shoe("Brooks Ghost 16", "Brooks", "black/grey")], totalFound: 14, sources: [])
        let text = interpreter.reply(for: spec, results: others, turn: more)
        #expect(text.hasPrefix("Here are 2 more black running shoes under $150 from other brands (9–10 of 14 found): "), "\(text)")
        let white = SearchResults(products: [shoe("Brooks Ghost 16", "Brooks", "white")], totalFound: 9, sources: [])
        let one = interpreter.reply(for: spec, results: white, turn: more)
        #expect(one.hasPrefix("Here is one more of the running shoes under $150 from other brands in other colours (9 of 9 found): "),
                "\(one)")
        let nike = SearchResults(products: [shoe("Nike Pegasus 40", "Nike", "black")], totalFound: 9, sources: [])
        #expect(interpreter.reply(for: spec, results: nike, turn: more)
            .hasPrefix("Here is one more of the black Nike or Adidas running shoes under $150 (9 of 9 found): "))
    }

    @Test func theReplyCitesTopProductsPricesAndReasonsInOnePiece() async throws {
        let spec = RequirementSpec(category: "Laptops", budget: .init(max: 1000), brands: ["Dell"])
        let results = SearchResults(products: [
            EmbeddedEngineTests.product("Dell XPS 13", "Dell", 899.99, reasons: ["under $1,000", "brand Dell", "16GB RAM"], rating: 4.7),
            EmbeddedEngineTests.product("Dell Inspiron 15", "Dell", 649, reasons: ["under $1,000", "brand Dell"]),
        ], totalFound: 12, sources: [])
        var tokens: [String] = []
        for try await token in engine.composeReply(TurnContext(text: "dell laptop under 1000"), spec: spec, results: results) {
            tokens.append(token)
        }
        let text = tokens.joined()
        // Whole at once: a worker would join word-sized pieces into one `token` event anyway.
        #expect(tokens.count == 1)
        #expect(text.contains("Dell XPS 13 at $899.99 — under $1,000, brand Dell, 16GB RAM"))
        #expect(text.contains("Dell Inspiron 15 at $649"))
        #expect(text.hasPrefix("Here are the top 2 Dell laptops under $1,000 out of 12 found"))
    }

    @Test func aReplyWithoutACategoryQuotesTheShoppersWords() async throws {
        let spec = RequirementSpec(query: "red dress wedding", keywords: ["dress", "wedding"], budget: .init(max: 80),
                                   attributes: ["color": "red"])
        let results = SearchResults(products: [
            EmbeddedEngineTests.product("Red Wedding Guest Dress", "Lulus", 69.5, reasons: ["under $80"]),
            EmbeddedEngineTests.product("Instax Mini 12", "Fujifilm", 79.95, reasons: ["under $80"]),
        ], totalFound: 2, sources: [])
        let text = try await engine.composeReply(TurnContext(text: "under 80"), spec: spec, results: results)
            .reduce(into: "") { $0 += $1 }
        // (The camera is no red product: the reply says so, and names the list without the colour.)
        #expect(text.hasPrefix(#"Only one of these two comes in red. Here are the top 2 products matching "dress wedding" under $80: 1. Red Wedding"#),
                "\(text)")
    }

    /// "Any bigger?" that finds nothing within the budget said "I couldn't find any monitors
    /// for gaming under $400", as if there were none at all: the screen bound is said too.
    @Test func aReplyNamesTheScreenBoundItSearchedWith() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Monitors", query: "gaming monitors", budget: .init(max: 400),
                                   attributes: ["screen_size_min": "33 inch"], useCase: "gaming")
        let none = interpreter.reply(for: spec, results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(none.hasPrefix("I couldn't find any monitors for gaming of 33 inch or more under $400 right now."), "\(none)")
    }

    /// "More cushioning" under a budget that no cushioned shoe for women meets listed the same
    /// shoes without a word: a wanted value ranks, it filters nothing.
    /// An order by a measure is said when the products state it ("…, largest screen first, out
    /// of 8 found"), and when none does, the reply says it could not order by it.
    @Test func aReplySaysTheOrderAMeasureAskedFor() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "TVs", query: "tvs", budget: .init(max: 1_000), attributes: ["screen_size": "most"])
        let tvs = [EmbeddedEngineTests.product("TCL 65 inch S4 4K TV", "TCL", 399.99, reasons: ["65 inch screen"]),
                   EmbeddedEngineTests.product("LG 55 inch UR9000 TV", "LG", 399.99, reasons: ["55 inch screen"])]
        let ordered = interpreter.reply(for: spec, results: SearchResults(products: tvs, totalFound: 8, sources: []))
        #expect(ordered.hasPrefix("Here are the top 2 TVs under $1,000, largest screen first, out of 8 found: 1. TCL"), "\(ordered)")
        var lightest = RequirementSpec(category: "Laptops", query: "laptops", attributes: ["weight": "least"])
        let laptops = [EmbeddedEngineTests.product("Acme 14 Laptop", "Acme", 499, reasons: []),
                       EmbeddedEngineTests.product("Acme 16 Laptop", "Acme", 599, reasons: [])]
        let unordered = interpreter.reply(for: lightest, results: SearchResults(products: laptops, totalFound: 2, sources: []))
        #expect(unordered.hasPrefix("None of the best matches states its weight, so I couldn't order them by it. "
            + "Here are the top 2 laptops: 1."), "\(unordered)")
        // "A cheap laptop" is searched, cheapest first, without asking the budget.
        let cheap = interpreter.spec(for: TurnContext(text: "a cheap laptop"))
        #expect(cheap.sort == .priceAscending && cheap.missingFields.isEmpty, "\(cheap)")
        let cheapest = interpreter.reply(for: cheap, results: SearchResults(products: laptops, totalFound: 23, sources: []))
        #expect(cheapest.hasPrefix("Here are the top 2 laptops, cheapest first, out of 23 found: 1."), "\(cheapest)")
        // The catalog puts the best matches first and sorts by price within them: when the prices
        // listed do not rise, not "cheapest first".
        let bestFirst = interpreter.reply(for: cheap, results: SearchResults(products: laptops.reversed(), totalFound: 23, sources: []))
        #expect(bestFirst.hasPrefix("Here are the top 2 laptops, best matches first, then cheapest, out of 23 found: 1. Acme 16"),
                "\(bestFirst)")
        // So for a measure: "a thicker one" of non-slip mats put the one non-slip 6mm mat before 13mm and 10mm ones.
        func mat(_ title: String, _ thickness: String) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Gaiam", category: "Yoga Mats", price: 30, currency: "USD", marketplace: "local",
                          attributes: ["thickness": thickness], matchReasons: title == "Grip Mat" ? ["non-slip"] : [])
        }
        let thicker = RequirementSpec(category: "Yoga Mats", query: "non-slip yoga mats", attributes: ["thickness": "most"],
                                      features: ["non-slip"])
        let mats = [mat("Grip Mat", "6mm"), mat("Thick Mat", "13mm"), mat("Classic Mat", "10mm")]
        let matsReply = interpreter.reply(for: thicker, results: SearchResults(products: mats, totalFound: 15, sources: []))
        let nonSlip = "Only one of these three mentions \"non-slip\". "
        #expect(matsReply.hasPrefix(nonSlip + "Here are the top 3 yoga mats, best matches first, then thickest, out of 15 found:"),
                "\(matsReply)")
        let inOrder = interpreter.reply(for: thicker, results: SearchResults(products: [mats[1], mats[2], mats[0]], totalFound: 15,
                                                                             sources: []))
        #expect(inOrder.hasPrefix(nonSlip + "Here are the top 3 yoga mats, thickest first, out of 15 found:"), "\(inOrder)")
        // The well-rated first pick by a name the other listed products do not share: before,
        // "The Acme is especially well rated." of two Acme laptops.
        let rated = [EmbeddedEngineTests.product("Acme Swift 14 Laptop", "Acme", 499, reasons: [], rating: 4.8),
                     EmbeddedEngineTests.product("Acme Aspire 16 Laptop", "Acme", 599, reasons: [], rating: 4.1)]
        let praised = interpreter.reply(for: cheap, results: SearchResults(products: rated, totalFound: 2, sources: []))
        #expect(praised.hasSuffix(" The first one is especially well rated."), "\(praised)")
        // No caveat of "weight: least" as a value none has.
        lightest.attributes["cushioning"] = "high"
        let both = interpreter.reply(for: lightest, results: SearchResults(products: laptops, totalFound: 2, sources: []))
        #expect(!both.contains("least"), "\(both)")
    }

    /// A count asked for is an amount: "a lego set with 1000 pieces" said none states "pieces:
    /// 1000" of sets stating "piece count: 6785".
    @Test func aCountAskedForIsAnAmount() {
        let interpreter = EmbeddedInterpreter()
        let spec = interpreter.spec(for: TurnContext(text: "a lego set with 1000 pieces"))
        #expect(spec.attributes == ["piece_count": "1000"], "\(spec)")
        var big = EmbeddedEngineTests.product("LEGO Technic Bugatti Chiron 42083", "LEGO", 449.99, reasons: ["piece count: 3599"])
        big.attributes = ["piece_count": "3599"]
        let reply = interpreter.reply(for: spec, results: SearchResults(products: [big], totalFound: 1, sources: []))
        #expect(reply.hasPrefix("Here is the best match for LEGO building sets: 1."), "\(reply)")
        var small = big
        small.attributes = ["piece_count": "250"]
        let none = interpreter.reply(for: spec, results: SearchResults(products: [small], totalFound: 1, sources: []))
        #expect(none.hasPrefix("None of the best matches states a piece count of 1000 or more."), "\(none)")
    }

    /// A kind named by a word of its own says so by that word when none of the best is one:
    /// not "the top 3 headphones", nor "earbuds headphones".
    @Test func aReplyNamesAKindByItsOwnWord() {
        let interpreter = EmbeddedInterpreter()
        let onEar = [EmbeddedEngineTests.product("Sony WH-CH520 Wireless On-Ear Headphones", "Sony", 59.99, reasons: [])]
        for (kind, category, name) in [("earbuds", "Headphones", "earbuds"), ("ssd", "Storage", "SSDs"),
                                       ("dslr", "Cameras", "DSLRs"), ("ddr5", "Memory", "ddr5 memory")] {
            let spec = RequirementSpec(category: category, query: "\(kind) \(category.lowercased())", keywords: [kind])
            let reply = interpreter.reply(for: spec, results: SearchResults(products: onEar, totalFound: 1, sources: []))
            #expect(reply.hasPrefix("I couldn't find any \(name) right now. This is the closest: "), "\(kind): \(reply)")
        }
        // Every one listed is one: named so, not "the top 2 storage".
        let ssds = [EmbeddedEngineTests.product("Kingston NV2 500GB PCIe 4.0 NVMe SSD", "Kingston", 34.99, reasons: []),
                    EmbeddedEngineTests.product("WD Blue SN580 1TB NVMe Internal SSD", "WD", 69.99, reasons: [])]
        let spec = RequirementSpec(category: "Storage", query: "ssd storage", keywords: ["ssd"], budget: .init(max: 100))
        let reply = interpreter.reply(for: spec, results: SearchResults(products: ssds, totalFound: 6, sources: []))
        #expect(reply.hasPrefix("Here are the top 2 SSDs under $100 out of 6 found: 1. Kingston"), "\(reply)")
        #expect(WordForms.spokenKind("macbooks") == "MacBooks" && WordForms.spokenKind("parka") == "parkas")
        // A kind the listing states as a value, not in its title: not "I couldn't find any moisturizers".
        var lotion = EmbeddedEngineTests.product("CeraVe AM Facial Moisturizing Lotion SPF 30", "CeraVe", 18.99, reasons: [])
        lotion.attributes = ["product_type": "moisturizer with SPF"]
        let skincare = RequirementSpec(category: "Skincare", query: "moisturizer skincare", keywords: ["moisturizer"])
        let moisturizers = interpreter.reply(for: skincare, results: SearchResults(products: [lotion], totalFound: 1, sources: []))
        #expect(moisturizers.hasPrefix("Here is the best match for"), "\(moisturizers)")
    }

    /// "The top 3 mystery books" listed one mystery and two classics: a genre or an author names
    /// the products only when all of them have it, and a caveat says how many do.
    @Test func aReplyNamesBooksByAGenreOrAuthorOnlyWhenAllHaveIt() {
        let interpreter = EmbeddedInterpreter()
        let spec = interpreter.spec(for: TurnContext(text: "a mystery novel"))
        func book(_ title: String, _ reasons: [String]) -> ProductResult {
            EmbeddedEngineTests.product(title, "Penguin", 9.99, reasons: reasons)
        }
        let holmes = book("The Adventures of Sherlock Holmes", ["genre: mystery"])
        let some = interpreter.reply(for: spec, results: SearchResults(products: [holmes, book("Great Expectations", [])],
                                                                       totalFound: 16, sources: []))
        #expect(some.hasPrefix("Only one of these two states \"genre: mystery\". Here are the top 2 books out of 16 found: 1."),
                "\(some)")
        let all = interpreter.reply(for: spec, results: SearchResults(products: [holmes], totalFound: 1, sources: []))
        #expect(all.hasPrefix("Here is the best match for mystery books: 1."), "\(all)")
        let christie = interpreter.spec(for: TurnContext(text: "books by agatha christie"))
        let none = interpreter.reply(for: christie, results: SearchResults(products: [holmes], totalFound: 1, sources: []))
        #expect(none.hasPrefix("None of the best matches is by Agatha Christie. Here is the best match for books: 1."), "\(none)")
    }

    /// The amounts a use asks for rank the products though the shopper did not name them: the
    /// reply says why those come first, unless none of the best has them (its caveat says so).
    @Test func aReplyRankedByWhatTheUseNeedsSaysWhy() {
        let interpreter = EmbeddedInterpreter()
        let spec = interpreter.spec(for: TurnContext(text: "a laptop for video editing under 1500"))
        func laptop(_ title: String, ram: String) -> ProductResult {
            var laptop = EmbeddedEngineTests.product(title, "ASUS", 999.99, reasons: [])
            laptop.attributes = ["ram": ram]
            return laptop
        }
        let met = interpreter.reply(for: spec, results: SearchResults(products: [laptop("ASUS TUF Gaming A15", ram: "16GB"),
                                                                                 laptop("ASUS Vivobook 16", ram: "8GB")],
                                                                      totalFound: 2, sources: []))
        #expect(met.hasSuffix(" For video editing, I put those with 16GB of memory or more first."), "\(met)")
        let unmet = interpreter.reply(for: spec, results: SearchResults(products: [laptop("ASUS Vivobook 16", ram: "8GB")],
                                                                        totalFound: 1, sources: []))
        #expect(unmet.hasPrefix("None of the best matches states memory of 16GB or more.") && !unmet.contains("For video editing"),
                "\(unmet)")
        // The shopper's own amount: no note.
        let asked = interpreter.spec(for: TurnContext(text: "a laptop with 32gb ram for video editing"))
        let own = interpreter.reply(for: asked, results: SearchResults(products: [laptop("ASUS ROG Strix", ram: "32GB")],
                                                                       totalFound: 1, sources: []))
        #expect(!own.contains("For video editing"), "\(own)")
        // "The best tv for watching sports": fast motion needs a refresh rate of 120Hz (before,
        // the keywords "watching" and "sports").
        let sports = interpreter.spec(for: TurnContext(text: "what's the best tv for watching sports under 1000"))
        #expect(sports.useCase == "sports" && sports.attributes == ["refresh_rate": "120Hz"] && sports.keywords.allSatisfy { $0 == "sports" },
                "\(sports)")
    }

    /// Products found only by a description's word, or the category's fill-up, are not called
    /// what the shopper asked for: the reply says that kind was not found.
    @Test func aReplyWhoseProductsAreNotTheKindAskedForSaysSo() async throws {
        // The demo catalog's bags: backpacks. Its jeans and laptops are stocked too (a category it
        // lacks is said to be missing: `UnstockedCategoryTests`).
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Bags", path: ["Bags"], count: 15), .init(name: "Backpacks", path: ["Bags", "Backpacks"], count: 15),
            .init(name: "Jeans", path: ["Clothing", "Jeans"], count: 15),
            .init(name: "Laptops", path: ["Electronics", "Laptops"], count: 23),
        ], brands: []).merged())
        let camping = interpreter.spec(for: TurnContext(text: "I need sleeping bags for camping"))
        #expect(camping.category == "Bags" && camping.query == "camping sleeping bags", "\(camping)")
        let backpacks = SearchResults(products: [
            EmbeddedEngineTests.product("JanSport Right Pack Backpack", "JanSport", 70, reasons: ["rated 4.9"]),
            EmbeddedEngineTests.product("Osprey Talon 22 Hiking Daypack", "Osprey", 160, reasons: []),
        ], totalFound: 15, sources: [])
        let bags = try await engine.composeReply(TurnContext(text: "sleeping bags for camping"), spec: camping,
                                                 results: backpacks).collect()
        #expect(bags.hasPrefix("I couldn't find any sleeping bags right now. These 2 are the closest: 1. JanSport"), "\(bags)")

        let speaker = RequirementSpec(query: "bluetooth speaker", keywords: ["speaker"], features: ["bluetooth"])
        let tablet = SearchResults(products: [EmbeddedEngineTests.product("Lenovo Tab M10 Plus", "Lenovo", 179.99, reasons: [])],
                                   totalFound: 1, sources: [])
        let speakers = try await engine.composeReply(TurnContext(text: "a bluetooth speaker"), spec: speaker,
                                                     results: tablet).collect()
        #expect(speakers.hasPrefix("I couldn't find any speakers right now. This is the closest: 1. Lenovo"), "\(speakers)")
        // A thing named by two words is one whose title has both: standing desks are electric
        // but no toothbrushes, a tablet with a kid-proof case no phone case.
        for (text, title) in [("an electric toothbrush", "FlexiSpot EN1 Electric Standing Desk"),
                              ("a phone case", "Amazon Fire HD 8 Kids Tablet, Kid-Proof Case")] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            let found = SearchResults(products: [EmbeddedEngineTests.product(title, "Brand", 99, reasons: [])], totalFound: 1, sources: [])
            let reply = interpreter.reply(for: spec, results: found)
            #expect(reply.hasPrefix("I couldn't find any products named \"\(spec.keywords.joined(separator: " "))\" right now. This is the closest: 1."),
                    "\(text): \(reply)")
            let named = SearchResults(products: [EmbeddedEngineTests.product("Oral-B Pro 1000 Electric Toothbrush", "Oral-B", 49, reasons: []),
                                                 EmbeddedEngineTests.product("OtterBox Defender Phone Case", "OtterBox", 39, reasons: [])],
                                      totalFound: 2, sources: [])
            #expect(interpreter.reply(for: spec, results: named).hasPrefix("Here are the top 2 products matching"), "\(text)")
        }

        // The kind named in a title, in either number: the usual reply.
        let espresso = RequirementSpec(category: "Coffee Makers", query: "espresso coffee makers", keywords: ["espresso"])
        let machines = SearchResults(products: [EmbeddedEngineTests.product("Breville Bambino Espresso Machine", "Breville", 299, reasons: [])],
                                     totalFound: 4, sources: [])
        let reply = try await engine.composeReply(TurnContext(text: "espresso machines"), spec: espresso,
                                                  results: machines).collect()
        #expect(reply.hasPrefix("Here is the best match for coffee makers out of 4 found"), "\(reply)")

        // Other unknown words are searched but name no kind: not "no waist jeans", "no studies laptops".
        for text in ["jeans for men, waist 32", "a laptop for my son who studies engineering under 900"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            let reply = interpreter.reply(for: spec, results: backpacks)
            #expect(reply.hasPrefix("Here are the top 2 "), "\(text): \(spec) \(reply)")
        }
        // "In" is a unit after digits only: "the second one in black" is no 1 inch screen.
        #expect(interpreter.spec(for: TurnContext(text: "a 27 in monitor")).attributes["screen_size"] == "27 inch")
        #expect(interpreter.spec(for: TurnContext(text: "the second one in black")).attributes["screen_size"] == nil)
        // Orders said as orders: before, "sort by rating" became the keyword "rating".
        let laptops = interpreter.spec(for: TurnContext(text: "laptops under 1000"))
        for (text, sort) in [("sort by rating", RequirementSpec.SortOrder.rating), ("sort by price", .priceAscending),
                             ("price high to low", .priceDescending), ("show the cheapest ones first", .priceAscending)] {
            let sorted = interpreter.spec(for: TurnContext(text: text, currentSpec: laptops))
            #expect(sorted.sort == sort && sorted.keywords.isEmpty && sorted.category == "Laptops", "\(text): \(sorted)")
        }
        // A measure is no money: "at least 6mm" set a budget over $6; a thickness is searched as words.
        let mat = interpreter.spec(for: TurnContext(text: "a yoga mat, at least 6mm thick"))
        #expect(mat.budget.isOpen && mat.keywords.contains("6mm"), "\(mat)")
        let thick = interpreter.spec(for: TurnContext(text: "thick one, at least 6mm", currentSpec: interpreter.spec(for: TurnContext(text: "a yoga mat"))))
        #expect(thick.budget.isOpen && thick.keywords.contains("6mm"), "\(thick)")
        #expect(interpreter.spec(for: TurnContext(text: "a 5g phone under 400")).budget.max == 400)
        #expect(interpreter.spec(for: TurnContext(text: "a backpack under 2 kg")).budget.isOpen)
        // A name spelled apart narrows nothing: "a smart watch" is a smartwatch, not a "smart" kind of one.
        let watch = EmbeddedInterpreter().spec(for: TurnContext(text: "a smart watch under 300"))
        #expect(watch.category == "Smartwatches" && watch.query == "smartwatches" && watch.keywords.isEmpty, "\(watch)")
        // "Waist 32" is a size.
        #expect(interpreter.spec(for: TurnContext(text: "jeans for men, waist 32")).attributes["size"] == "32")
        // The kind stays while the search is refined.
        let cheaper = interpreter.spec(for: TurnContext(text: "under 100", currentSpec: camping))
        #expect(cheaper.query == "camping sleeping bags", "\(cheaper)")

        // A colour none of the top products has: said, and not claimed of them.
        let redTents = RequirementSpec(category: "Tents", query: "red tents", budget: .init(max: 400),
                                       attributes: ["color": "red", "capacity": "4 person"])
        func tent(_ title: String, _ color: String, reasons: [String] = []) -> ProductResult {
            ProductResult(id: title, title: title, brand: nil, category: "Tents", price: 99, currency: "USD",
                          marketplace: "local", attributes: ["color": color, "capacity": "4 person"], matchReasons: reasons)
        }
        let green = SearchResults(products: [tent("Coleman Sundome 4-Person Dome Tent", "green"),
                                             tent("Kelty Wireless 4-Person Tent", "Green")], totalFound: 9, sources: [])
        let none = try await engine.composeReply(TurnContext(text: "a red tent for 4 people under 400"), spec: redTents,
                                                 results: green).collect()
        #expect(none.hasPrefix("None of the best matches comes in red. Here are the top 2 tents for 4 people under $400 out of 9 found: 1. Coleman"),
                "\(none)")
        // In the colour by its attribute, by the catalog's reason (a shade of it) or by the title.
        for product in [tent("Marmot Tungsten 4-Person Tent", "Red/Grey"), tent("Any Tent", "maroon", reasons: ["in red"]),
                        tent("MSR Red Tent 4", "")] {
            let one = SearchResults(products: [product], totalFound: 1, sources: [])
            let reply = try await engine.composeReply(TurnContext(text: "red tents"), spec: redTents, results: one).collect()
            #expect(reply.hasPrefix("Here is the best match for red tents for 4 people under $400: "), "\(reply)")
        }
    }

    @Test func anEmptyResultSaysSoAndSuggestsAChange() async throws {
        let spec = RequirementSpec(category: "TVs", budget: .init(max: 100, currency: "EUR"))
        let text = try await engine.composeReply(TurnContext(text: "tv under 100 euros"), spec: spec,
                                                 results: SearchResults(products: [], totalFound: 0, sources: [])).collect()
        #expect(text == "I couldn't find any TVs under €100 right now. A wider budget may help.")
        // Abbreviations keep their capitals ("tvs" and "cpus" read as other words); other names are lower-cased.
        #expect(["TVs", "CPUs", "Graphics Cards", "T-Shirts", "Sports & Outdoors"].map(WordForms.spoken)
                == ["TVs", "CPUs", "graphics cards", "t-shirts", "sports & outdoors"])
        // Read by their bytes when ASCII, by characters otherwise: the same words either way.
        #expect(["LEGO", "Cafés Élite", "", "A", "Tents "].map(WordForms.spoken) == ["LEGO", "cafés élite", "", "a", "tents "])
        #expect(WordForms.words("Levi's 511 Slim-Fit, 32W") == ["levi", "s", "511", "slim", "fit", "32w"])
        #expect(WordForms.words("Crème BRÛLÉE 2") == ["crème", "brûlée", "2"] && WordForms.words(" - ").isEmpty)
        #expect(WordForms.has(" AND ", in: "tvs and monitors") && !WordForms.has("andy", in: "and") && WordForms.has("", in: ""))
    }

    /// "Cheaper" that finds nothing names the shown product that already is the cheapest; "a wider
    /// budget may help" would answer the opposite of what was asked.
    @Test func cheaperOrPricierThatFindsNothingNamesTheShownLimit() {
        let interpreter = EmbeddedInterpreter()
        let shown = EmbeddedEngineTests.shownHeadphones
        let previous = interpreter.spec(for: TurnContext(text: "wireless headphones under 100"))
        let none = SearchResults(products: [], totalFound: 0, sources: [])
        func reply(_ text: String) -> String {
            let turn = TurnContext(text: text, currentSpec: previous, lastShown: shown)
            return interpreter.reply(for: interpreter.spec(for: turn), results: none, turn: turn)
        }
        #expect(reply("cheaper") == "I couldn't find anything cheaper than the Skullcandy headphones at $29.99: "
            + "it is the lowest price among the headphones I found. Name a budget, or say \"forget the budget\", to see the others again.")
        #expect(reply("something cheaper from Sony").hasPrefix("I couldn't find anything cheaper than the Sony headphones at $59.99"))
        #expect(reply("more expensive").hasPrefix("I couldn't find anything pricier than the Sony headphones at $59.99: it is the highest"))
        // Anything else asked for in the same breath may be why nothing was found.
        #expect(reply("something cheaper in pink").hasPrefix("I couldn't find any pink headphones under $26 right now."))
        // A budget of its own is a new search: its empty answer is the ordinary one.
        #expect(reply("cheaper, under 20").hasPrefix("I couldn't find any headphones under $20 right now."))
        // Nothing shown before: nothing to compare with.
        let fresh = TurnContext(text: "cheaper", currentSpec: previous)
        #expect(interpreter.reply(for: interpreter.spec(for: fresh), results: none, turn: fresh).hasPrefix("I couldn't find any"))
    }

    /// Nothing within the budget: the reply names the product nearest to it and a round budget
    /// that shows it, instead of only "a wider budget may help".
    @Test func nothingWithinTheBudgetNamesTheNearestProductAndABudgetThatShowsIt() {
        let interpreter = EmbeddedInterpreter()
        let none = SearchResults(products: [], totalFound: 0, sources: [])
        let cheap = interpreter.spec(for: TurnContext(text: "wireless headphones under 5 dollars"))
        let skullcandy = EmbeddedEngineTests.headphones("Skullcandy", 29.99)
        let under = interpreter.reply(for: cheap, results: none,
                                      turn: TurnContext(text: "wireless headphones under 5 dollars", nearestOutsideBudget: skullcandy))
        #expect(under == "I couldn't find any headphones under $5 right now. The cheapest I found is the Skullcandy headphones "
                + "at $29.99: say \"under $30\" to see it and others.", "\(under)")
        let dear = interpreter.spec(for: TurnContext(text: "headphones over 900 dollars"))
        let over = interpreter.reply(for: dear, results: none,
                                     turn: TurnContext(text: "headphones over 900 dollars", nearestOutsideBudget: EmbeddedEngineTests.headphones("Sony", 349)))
        #expect(over.hasSuffix("The dearest I found is the Sony headphones at $349: say \"over $340\" to see it and others."), "\(over)")
        // Priced in another currency: named, without a bound in the budget's.
        var euros = skullcandy
        euros.currency = "EUR"
        let foreign = interpreter.reply(for: cheap, results: none, turn: TurnContext(text: "", nearestOutsideBudget: euros))
        #expect(foreign.hasSuffix("The cheapest I found is the Skullcandy headphones at €29.99."), "\(foreign)")
        // Without one, the reply is as before.
        #expect(interpreter.reply(for: cheap, results: none, turn: TurnContext(text: "")).hasSuffix("A wider budget may help."))
        #expect([29.99, 30, 0.5, 152, 999.5, 1249].map(EmbeddedInterpreter.roundedUp) == [30, 30, 5, 160, 1000, 1250])
        #expect([349, 35, 3, 1249].map(EmbeddedInterpreter.roundedDown) == [340, 35, 0, 1200])
    }
}
