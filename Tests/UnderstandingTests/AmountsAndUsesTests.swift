import Shared
import Testing
@testable import Understanding

/// Amounts asked relative to what was shown, and uses asked of the products shown: "is there one
/// with more watts?" of blenders (before, the keyword "watts" and the same list), "a longer
/// battery" of earbuds that state theirs only as an attribute (before, 30 hours, which only
/// over-ear headphones last), "which is better for fps games?" (before, which listings mention
/// "fps games"), a desk "60 inches wide" (a 60 inch screen), a brand that only some of the top
/// three are by, and "ok and how many cups does it make?" (a search for cups).
@Suite(.timeLimit(.minutes(1)))
struct AmountsAndUsesTests {
    let interpreter = EmbeddedInterpreter()

    private func product(_ title: String, category: String, brand: String? = nil, _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: title, title: title, brand: brand ?? String(title.split(separator: " ")[0]), category: category, price: 80,
                      currency: "USD", marketplace: "local", attributes: attributes)
    }

    /// More watts than the blenders shown, by their titles or their attributes.
    @Test func moreWattsStepsAboveTheShownBlenders() {
        let blenders = RequirementSpec(category: "Blenders", query: "blenders", budget: .init(max: 100))
        let shown = [product("Ninja BN401 Nutri Pro Compact Personal Blender", category: "Blenders", ["wattage": "1100W"]),
                     product("NutriBullet Pro 900W Personal Blender", category: "Blenders")]
        for text in ["is there one with more watts?", "more power please", "one with a stronger motor"] {
            let more = interpreter.spec(for: TurnContext(text: text, currentSpec: blenders, lastShown: shown))
            #expect(more.attributes["power"] == "1200W" && more.keywords.isEmpty && more.budget.max == 100, "\(text): \(more)")
        }
        // Nothing shown to compare with: a generous amount.
        #expect(interpreter.spec(for: TurnContext(text: "more watts", currentSpec: blenders)).attributes["power"] == "1200W")
        #expect(interpreter.spec(for: TurnContext(text: "a 1400w blender")).attributes["power"] == "1400W")
    }

    /// "A longer battery" of earbuds: longer than the earbuds shown state, not than the over-ear
    /// headphones listed after them, nor a fixed 30 hours.
    @Test func aLongerBatteryIsLongerThanTheShownProductsOfTheKindAsked() {
        let earbuds = interpreter.spec(for: TurnContext(text: "wireless earbuds with noise cancelling under 150"))
        #expect(earbuds.keywords == ["earbuds"], "\(earbuds)")
        let shown = [product("JBL Live Pro 2 TWS Noise Cancelling Earbuds", category: "Headphones", ["battery_life": "10 hours"]),
                     product("Skullcandy Dime 3 True Wireless Earbuds", category: "Headphones", ["battery_life": "8 hours"]),
                     product("JBL Tune 520BT Wireless On-Ear Headphones", category: "Headphones", ["battery_life": "57 hours"])]
        let longer = interpreter.spec(for: TurnContext(text: "what about with longer battery", currentSpec: earbuds, lastShown: shown))
        #expect(longer.attributes["battery_life"] == "12 hours", "\(longer)")
        // None shown is of the kind: than all of them.
        let headphones = interpreter.spec(for: TurnContext(text: "what about with longer battery", currentSpec: earbuds,
                                                           lastShown: [shown[2]]))
        #expect(headphones.attributes["battery_life"] == "60 hours", "\(headphones)")
    }

    /// A length in inches with a dimension is that dimension; a desk's size is its width.
    @Test func aLengthWithADimensionIsThatDimension() {
        let wide = interpreter.spec(for: TurnContext(text: "desk 60 inches wide"))
        #expect(wide.attributes == ["width": "60 inch"] && wide.features.isEmpty, "\(wide)")
        let tall = interpreter.spec(for: TurnContext(text: "standing desk that goes taller than 48 inches"))
        #expect(tall.attributes == ["height": "48 inch"] && tall.keywords == ["standing"], "\(tall)")
        #expect(interpreter.spec(for: TurnContext(text: "60 inch standing desk")).attributes == ["width": "60 inch"])
        #expect(interpreter.spec(for: TurnContext(text: "a 55 inch tv")).attributes == ["screen_size": "55 inch"])
    }

    /// "Only one of these three is by LEGO." when sets for the age asked for come before the
    /// brand's others: not "the top 3 LEGO building sets".
    @Test func aBrandOnlySomeOfTheTopAreByIsSaid() {
        let spec = RequirementSpec(category: "Building Sets", query: "LEGO building sets", budget: .init(max: 50), brands: ["LEGO"],
                                   attributes: ["age": "8"])
        let products = [product("LEGO Friends Heartlake City Cafe 42618", category: "Building Sets"),
                        product("K'NEX Imagine 35 Model Building Set", category: "Building Sets", brand: "K'NEX"),
                        product("Mega Pokemon Jumbo Pikachu Building Kit", category: "Building Sets", brand: "Mega"),
                        product("LEGO Duplo Town Camping Adventure 10997", category: "Building Sets")]
        let reply = interpreter.reply(for: spec, results: SearchResults(products: products, totalFound: 4, sources: []))
        #expect(reply.hasPrefix("Only one of these three is by LEGO. Here are the top 3 building sets"), "\(reply)")
    }

    /// "Which is better for fps games?" of monitors: the highest refresh rate, which gaming asks of them.
    @Test func betterForAUseIsTheMostOfWhatTheUseNeeds() async throws {
        let engine = EmbeddedEngine()
        let monitors = RequirementSpec(category: "Monitors", query: "monitors")
        let shown = [product("Dell S2722DGM 27 inch Curved QHD Gaming Monitor", category: "Electronics > Monitors",
                             ["refresh_rate": "165Hz"]),
                     product("MSI G274QPF E2 27 inch QHD Rapid IPS Gaming Monitor", category: "Electronics > Monitors",
                             ["refresh_rate": "180Hz"])]
        for text in ["which is better for fps games?", "which one is best for gaming?"] {
            let reply = try await engine.productComparisonReply(TurnContext(text: text, currentSpec: monitors, lastShown: shown),
                                                                products: shown).collect()
            #expect(reply.hasPrefix("For gaming, what matters most here is the refresh rate. Of the 2 shown, the one with the highest "
                                    + "refresh rate is the MSI"), "\(text): \(reply)")
        }
        // A use that asks nothing of the category: which listings say it, as before.
        let reply = try await engine.productComparisonReply(TurnContext(text: "which is better for hiking?", currentSpec: monitors,
                                                                        lastShown: shown), products: shown).collect()
        #expect(!reply.hasPrefix("For hiking"), "\(reply)")
    }

    /// A floor above the ceiling is no budget the catalog takes: the ceiling stays. A voice
    /// note's "more than 1000 watts" heard as "watch" asked for blenders over $1,000 and under
    /// $200, which the catalog refused, and the turn failed.
    @Test func aFloorAboveTheCeilingIsDropped() {
        let said = interpreter.spec(for: TurnContext(text: "i want a blender with more than 1000 watch under 200 dollars"))
        #expect(said.budget.max == 200 && said.budget.min == nil, "\(said)")
        let earlier = RequirementSpec(category: "Blenders", budget: .init(min: 300))
        let under = interpreter.spec(for: TurnContext(text: "under 200", currentSpec: earlier))
        #expect(under.budget.max == 200 && under.budget.min == nil, "\(under)")
    }

    /// A measure asked after two connectives is a question, not a search.
    @Test func aMeasureQuestionMayFollowTwoConnectives() {
        let asked = MeasureQuestion.asked(in: Tokenizer.tokenize("ok and how many cups does it make"))
        #expect(asked?.name == "capacity", "\(String(describing: asked))")
    }

    /// "Easy to clean" and "color accurate" are features, found as listings say them
    /// ("dishwasher-safe basket", "colour-calibrated").
    @Test func easyToCleanAndColorAccurateAreFeatures() {
        let said = interpreter.spec(for: TurnContext(text: "air fryer that is easy to clean"))
        #expect(said.features == ["easy to clean"] && said.keywords.isEmpty, "\(said)")
        #expect(FeatureSynonyms.byFeature["easy to clean"]?.contains("dishwasher-safe") == true)
        let monitor = interpreter.spec(for: TurnContext(text: "a colour accurate monitor"))
        #expect(monitor.features == ["color accurate"] && monitor.keywords.isEmpty, "\(monitor)")
        #expect(FeatureSynonyms.byFeature["color accurate"]?.contains("calibrated") == true)
    }
}

/// A vacuum's battery life is its run time, in minutes: "which one runs longest?" before any was
/// shown (the use "running"), "one that runs longer than that?" (the keyword "longer"), "a faster
/// one?" of SSDs (the keyword "faster"), "one with more vram?" of graphics cards.
@Suite(.timeLimit(.minutes(1)))
struct RunTimeAndSpeedTests {
    let interpreter = EmbeddedInterpreter()

    @Test func aVacuumsBatteryIsItsRunTime() {
        let vacuums = interpreter.spec(for: TurnContext(text: "looking for a robot vacuum"))
        let longest = interpreter.spec(for: TurnContext(text: "which one runs longest?", currentSpec: vacuums))
        #expect(longest.attributes == ["runtime": "most"] && longest.useCase == nil, "\(longest)")
        let shown = [ProductResult(id: "r", title: "iRobot Roomba 694 Robot Vacuum", brand: "iRobot", category: "Vacuum Cleaners",
                                   price: 274.99, currency: "USD", marketplace: "local", attributes: ["runtime": "90 minutes"])]
        for text in ["one that runs longer than that?", "one with a longer battery?"] {
            let longer = interpreter.spec(for: TurnContext(text: text, currentSpec: vacuums, lastShown: shown))
            #expect(longer.attributes == ["runtime": "120 minutes"] && longer.keywords == ["robot"], "\(text): \(longer)")
        }
        let reply = interpreter.reply(for: RequirementSpec(category: "Vacuum Cleaners", attributes: ["runtime": "150 minutes"]),
                                      results: SearchResults(products: shown, totalFound: 1, sources: []))
        #expect(reply.hasPrefix("None of the best matches states a run time of 150 minutes or more."), "\(reply)")
    }

    @Test func fasterAndMoreVideoMemoryAskForMore() {
        let drives = interpreter.spec(for: TurnContext(text: "ssd 1tb under 150"))
        let faster = interpreter.spec(for: TurnContext(text: "faster one?", currentSpec: drives))
        #expect(faster.attributes["read_speed"] == "most" && !faster.keywords.contains("faster"), "\(faster)")
        let cards = interpreter.spec(for: TurnContext(text: "gaming graphics card under 500"))
        let shown = [ProductResult(id: "a", title: "ASRock Intel Arc A770 Phantom Gaming 16GB OC Graphics Card", brand: "ASRock",
                                   category: "Graphics Cards", price: 299.99, currency: "USD", marketplace: "local",
                                   attributes: ["memory": "16GB"])]
        let more = interpreter.spec(for: TurnContext(text: "one with more vram?", currentSpec: cards, lastShown: shown))
        #expect(more.attributes["ram"] == "32GB" && !more.keywords.contains("vram"), "\(more)")
    }
}

/// A word the catalog's listings use is spelled right: "a thermal carafe" of coffee makers was
/// the brand CeraVe (two letters away); "how deep can it go?" of a watch is its water resistance.
@Suite(.timeLimit(.minutes(1)))
struct ListingWordTests {
    @Test func aListingsWordIsNoTypoOfABrand() {
        func interpreter(words: [String]) -> EmbeddedInterpreter {
            EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
                .init(name: "Coffee Makers", path: ["Kitchen", "Coffee Makers"], count: 16, words: words),
                .init(name: "Skincare", path: ["Beauty", "Skincare"], count: 16, words: ["cream"]),
            ], brands: [.init(name: "CeraVe", count: 5)]).merged())
        }
        let carafe = interpreter(words: ["coffee", "carafe", "thermal"])
            .spec(for: TurnContext(text: "a coffee maker with a thermal carafe"))
        #expect(carafe.brands.isEmpty && carafe.keywords.contains("carafe"), "\(carafe)")
        // Without the catalog's word, the slip it is two letters from.
        let slip = interpreter(words: ["coffee"]).spec(for: TurnContext(text: "a coffee maker with a thermal carafe"))
        #expect(slip.brands == ["CeraVe"], "\(slip)")
        // A real slip is still read: "samsng".
        #expect(EmbeddedInterpreter().spec(for: TurnContext(text: "samsng tv")).brands == ["Samsung"])
    }

    /// "What about a grinder?" after coffee makers refines them by a word their listings use; when
    /// none of the best matches has one, the reply says so (before, coffee makers without a word).
    @Test func aPartNoneOfTheBestMatchesMentionsIsSaid() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Coffee Makers", path: ["Kitchen", "Coffee Makers"], count: 16, words: ["coffee", "grinder", "maker"]),
        ], brands: []).merged())
        let makers = interpreter.spec(for: TurnContext(text: "a coffee maker under 150"))
        let grinder = interpreter.spec(for: TurnContext(text: "what about a grinder?", currentSpec: makers))
        #expect(grinder.category == "Coffee Makers" && grinder.keywords.contains("grinder"), "\(grinder)")
        func maker(_ title: String) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "Coffee Makers", price: 99, currency: "USD",
                          marketplace: "local")
        }
        let none = interpreter.reply(for: grinder, results: SearchResults(products: [maker("Acme 12-Cup Coffee Maker")], totalFound: 1,
                                                                           sources: []))
        #expect(none.hasPrefix("None of the best matches mentions \"grinder\"."), "\(none)")
        let some = interpreter.reply(for: grinder, results: SearchResults(products: [maker("Acme Coffee Maker with Burr Grinder")],
                                                                           totalFound: 1, sources: []))
        #expect(!some.contains("None of the best"), "\(some)")
    }

    @Test func howDeepIsAWatchsWaterResistance() {
        let watch = ProductResult(id: "w", title: "Garmin Venu Sq 2", brand: "Garmin", category: "Smartwatches", price: 249.99,
                                  currency: "USD", marketplace: "local", attributes: ["water_resistance": "50m"])
        let asked = MeasureQuestion.asked(in: Tokenizer.tokenize("how deep can the first one go?"))
        #expect(asked?.answer(about: watch) == "Its water resistance is 50m.", "\(String(describing: asked))")
    }
}

/// "Ram for my pc": desktop memory, "for my laptop": laptop memory, as listings name the kinds
/// (before, a laptop module came first for a pc).
@Suite(.timeLimit(.minutes(1)))
struct PartHostTests {
    @Test func memoryIsOfTheKindItsHostTakes() {
        let interpreter = EmbeddedInterpreter()
        let desktop = interpreter.spec(for: TurnContext(text: "ram for my pc, 32gb ddr5"))
        #expect(desktop.category == "Memory" && desktop.keywords == ["ddr5", "desktop"] && desktop.query == "ddr5 desktop memory",
                "\(desktop)")
        let laptop = interpreter.spec(for: TurnContext(text: "32gb ddr5 ram for my laptop"))
        #expect(laptop.category == "Memory" && laptop.keywords.contains("laptop"), "\(laptop)")
        let memory = interpreter.spec(for: TurnContext(text: "16gb ram"))
        let later = interpreter.spec(for: TurnContext(text: "for my laptop", currentSpec: memory))
        #expect(later.category == "Memory" && later.keywords == ["laptop"], "\(later)")
        // A laptop asked for is no part's host.
        #expect(interpreter.spec(for: TurnContext(text: "laptop with 16gb ram")).keywords.isEmpty)
        // Modules whose titles do not say "desktop" are still DDR5 memory (before, "I couldn't find
        // any ddr5 desktops right now. These 2 are the closest").
        let module = ProductResult(id: "k", title: "Kingston ValueRAM 32 GB DDR5-4800", brand: "Kingston", category: "Memory",
                                   price: 92.94, currency: "USD", marketplace: "local", attributes: ["capacity": "32GB"],
                                   matchReasons: ["capacity: 32GB"])
        let reply = interpreter.reply(for: desktop, results: SearchResults(products: [module], totalFound: 1, sources: []))
        #expect(reply.hasPrefix("Here is the best match for "), "\(reply)")
    }

    /// "A set please" after kitchen knives, where the catalog has a category "set" (the shared
    /// data's "tools > set"): a knife set, not a search of that category.
    @Test func aCategoryNamedByAGenericNounIsNoWordForIt() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Kitchen Knives", path: ["Kitchen & Dining", "Kitchen Knives"], count: 9),
            .init(name: "set", path: ["tools", "set"], count: 8),
        ], brands: []).merged())
        let knives = interpreter.spec(for: TurnContext(text: "show me some kitchen knives"))
        let set = interpreter.spec(for: TurnContext(text: "a set please", currentSpec: knives))
        #expect(set.category == "Kitchen Knives" && set.keywords == ["set"], "\(set)")
    }
}

/// Durations said with a number: "with at least 30 hours battery" was a budget over $30, "a
/// vacuum that runs 60 minutes" the use "running" and the keywords "60" and "minutes", "a tent
/// that sets up in 10 minutes" the keywords "sets", "10" and "minutes".
@Suite(.timeLimit(.minutes(1)))
struct DurationTests {
    let interpreter = EmbeddedInterpreter()

    private func spec(_ text: String) -> RequirementSpec { interpreter.spec(for: TurnContext(text: text)) }

    @Test func aDurationIsHowLongItLastsOrSetsUp() {
        for (text, key, value) in [("headphones with at least 30 hours battery", "battery_life", "30 hours"),
                                   ("headphones that last at least 30 hours", "battery_life", "30 hours"),
                                   ("earbuds with 8 hour battery life under 100", "battery_life", "8 hours"),
                                   ("a smartwatch with 10 day battery", "battery_life", "10 days"),
                                   ("cordless vacuum that runs up to 60 minutes under 500", "runtime", "60 minutes")] {
            let said = spec(text)
            #expect(said.attributes[key] == value && said.useCase == nil && !said.keywords.contains(where: { $0.contains("batter") }),
                    "\(text): \(said)")
            #expect(said.budget.min == nil, "\(text): \(said)")
        }
        let tent = spec("a tent that sets up in 10 minutes under 300")
        #expect(tent.attributes == ["setup_time": "least"] && tent.keywords.isEmpty && tent.budget.max == 300, "\(tent)")
        // Days with no battery are no battery life.
        #expect(spec("delivery in 2 days").attributes.isEmpty)
        // "For my morning runs" is still running.
        #expect(spec("shoes for my morning runs").useCase == "running")
    }
}

/// "A history book" listed War and Peace (genre "historical fiction") after saying it found no
/// history books.
@Suite(.timeLimit(.minutes(1)))
struct AdjectiveKindTests {
    @Test func aKindIsNamedByItsAdjectiveToo() {
        let interpreter = EmbeddedInterpreter()
        let spec = interpreter.spec(for: TurnContext(text: "a history book"))
        let book = ProductResult(id: "wp", title: "War and Peace by Leo Tolstoy", brand: nil, category: "Books", price: 25,
                                 currency: "USD", marketplace: "local", attributes: ["genre": "historical fiction"])
        let reply = interpreter.reply(for: spec, results: SearchResults(products: [book], totalFound: 1, sources: []))
        #expect(!reply.hasPrefix("I couldn't find"), "\(reply)")
        #expect(WordForms.adjective("biography") == "biographical" && WordForms.adjective("toy") == nil)
    }
}
