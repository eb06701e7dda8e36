import Shared
import Testing
@testable import Understanding

/// Questions about the products shown, which search nothing either: about one of them ("tell me
/// more about the second one", "does it have gps?"), a comparison ("compare the first two"), and
/// what the whole list has ("do they fold?"). The one first by a measure and what the listings
/// state of one are `ShownProductMeasureTests`'.
@Suite(.timeLimit(.minutes(1)))
struct ShownProductQuestionTests {
    let engine = EmbeddedEngine()

    @Test func aQuestionAboutAShownProductNamesIt() async throws {
        let shown = [EmbeddedEngineTests.product("Momentum 4", "Sennheiser", 349.95, reasons: []),
                     EmbeddedEngineTests.product("Tune 520BT", "JBL", 49.95, reasons: []),
                     EmbeddedEngineTests.product("WH-1000XM5", "Sony", 399.99, reasons: []),
                     EmbeddedEngineTests.product("HD 560S", "Sennheiser", 179.95, reasons: [])]
        let searched = RequirementSpec(category: "Headphones", query: "headphones")
        let interpreter = EmbeddedInterpreter()
        let asked: [(String, String?)] = [
            ("tell me more about the second one", "Tune 520BT"), ("the 3rd one", "WH-1000XM5"),
            ("details on #4", "HD 560S"), ("number two please", "Tune 520BT"), ("what about the first one?", "Momentum 4"),
            ("is the last one wired?", "HD 560S"), ("specs of the JBL", "Tune 520BT"),
            ("more info on the sony one", "WH-1000XM5"),
            // Requests, not questions: a brand alone or with a wish refines the search; a
            // brand two shown products share names neither.
            ("sony", nil), ("what about sony?", nil), ("the first one in red", nil), ("show me more", nil),
            ("tell me more about the sennheiser", nil), ("the fifth one", nil), ("cheaper", nil),
        ]
        for (text, title) in asked {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(interpreter.productAskedAbout(turn)?.title == title, "\(text)")
        }
        // "It", "that" or "this" with a question: the product the last reply was about, the one it
        // names first. Before, "tell me more about it" paged on through the search.
        let aboutSony = [ConversationMessage(role: .user, text: "which is the best rated?"),
                         ConversationMessage(role: .assistant, text: "Of the 4 shown, the best rated is the WH-1000XM5. The Tune 520BT is cheaper.")]
        let list = [ConversationMessage(role: .assistant, text: "Here are the top 3 headphones: 1. Momentum 4 at $349.95; 2. Tune 520BT at $49.95")]
        let pointed: [(String, [ConversationMessage], String?)] = [
            ("tell me more about it", aboutSony, "WH-1000XM5"), ("more details on that one", aboutSony, "WH-1000XM5"),
            ("specs of this one please", aboutSony, "WH-1000XM5"), ("tell me more about it", list, "Momentum 4"),
            ("tell me more about it", aboutSony + [ConversationMessage(role: .assistant, text: "None of the 4 shown states its weight.")],
             "WH-1000XM5"),
            // Nothing named before, no question, or another wish: no product.
            ("tell me more about it", [], nil), ("it", aboutSony, nil), ("tell me more about it in red", aboutSony, nil),
        ]
        for (text, history, title) in pointed {
            let turn = TurnContext(text: text, history: history, currentSpec: searched, lastShown: shown)
            #expect(interpreter.productAskedAbout(turn)?.title == title, "\(text)")
        }
        // A yes-or-no question that opens with "it" asks about that product too; without a product
        // discussed, or without the question's opening, it is a request.
        for (text, history, title) in [("is it waterproof?", aboutSony, "WH-1000XM5"), ("does it have gps", aboutSony, "WH-1000XM5"),
                                        ("is it waterproof?", [], nil), ("i want it in red", aboutSony, nil)] {
            let turn = TurnContext(text: text, history: history, currentSpec: searched, lastShown: shown)
            #expect(interpreter.productAskedAbout(turn)?.title == title, "\(text)")
        }
        let turn = TurnContext(text: "tell me more about the second one", currentSpec: searched, lastShown: shown)
        #expect(try await engine.buildSpec(turn) == searched)
        #expect(try await engine.decideClarification(turn, spec: searched) == .details(of: "Tune 520BT"))
        // Nothing shown: nothing to ask about.
        #expect(interpreter.productAskedAbout(TurnContext(text: "the second one")) == nil)
        let detailed = ProductResult(id: "x:1", title: "JBL Tune 520BT Wireless Headphones", brand: "JBL", category: "Headphones",
                                     price: 49.95, currency: "USD", url: "https://example.com/jbl", rating: 4.5,
                                     reviewCount: 12345, marketplace: "local",
                                     attributes: ["color": "black", "battery_life": "57 hours", "availability": ""])
        let reply = try await engine.productDetailsReply(turn, product: detailed).collect()
        #expect(reply == "The JBL Tune 520BT Wireless Headphones costs $49.95, rated 4.5 by 12,345 buyers. "
                + "Details: battery life 57 hours, color black. See it at https://example.com/jbl", "\(reply)")
    }

    /// "Does the first one have gps?" is answered first, from what the listing states; before, the
    /// answer was somewhere in its details ("gps yes").
    @Test func aYesOrNoQuestionAboutAFeatureIsAnsweredFirst() async throws {
        let watch = ProductResult(id: "w", title: "Garmin Forerunner 55 GPS Running Watch", brand: "Garmin", category: "Smartwatches",
                                  price: 199.99, currency: "USD", marketplace: "local",
                                  attributes: ["gps": "yes", "water_resistance": "50m", "wifi": "no", "color": "white"])
        let cases: [(String, String)] = [
            ("does the first one have gps?", "Yes, it has gps (gps: yes). The Garmin"),
            ("does it have wifi", "No, it has no wifi (wifi: no). The Garmin"),
            ("is it waterproof?", "Its listing states water resistance: 50m. The Garmin"),
            ("is it wireless", "Its listing does not say whether it is wireless. The Garmin"),
            ("does the first one have a rain fly?", "Its listing does not say whether it has a rain fly. The Garmin"),
            ("does it come with a water resistance", "Yes, it has a water resistance (water resistance: 50m). The Garmin"),
            ("tell me more about the first one", "The Garmin"),
            ("is the first one 4k?", "Its listing does not say whether it is 4k. The Garmin"),
            // The product named first, then the question.
            ("the first one, does it have wifi?", "No, it has no wifi (wifi: no). The Garmin"),
            ("ok and the last one - does it have gps", "Yes, it has gps (gps: yes). The Garmin"),
        ]
        for (text, start) in cases {
            let reply = try await engine.productDetailsReply(TurnContext(text: text, lastShown: [watch]), product: watch).collect()
            #expect(reply.hasPrefix(start), "\(text): \(reply)")
        }
        // A count of what an attribute names: its value says whether there are as many.
        let fryer = ProductResult(id: "f", title: "Instant Vortex Plus 6 Quart Air Fryer", brand: "Instant", category: "Air Fryers",
                                  price: 119.99, currency: "USD", marketplace: "local", attributes: ["baskets": "1", "capacity": "6 qt"])
        // A feature the lexicon reads as a part ("laptop") with its words after it, and the article said.
        let backpack = ProductResult(id: "b", title: "Samsonite Tectonic Lifestyle Sweetwater Business Backpack", brand: "Samsonite",
                                     category: "Backpacks", price: 89.99, currency: "USD", marketplace: "local",
                                     attributes: ["laptop_sleeve": "15.6 inch"])
        let sleeveTurn = TurnContext(text: "does the first one have a laptop sleeve?", lastShown: [backpack])
        let sleeve = try await engine.productDetailsReply(sleeveTurn, product: backpack).collect()
        #expect(sleeve.hasPrefix("Yes, it has a laptop sleeve (laptop sleeve: 15.6 inch). The Samsonite"), "\(sleeve)")
        for (text, start) in [("the second one, does it have 2 baskets?", "Its listing states baskets: 1. The Instant"),
                              ("does it have one basket", "Yes, it has 1 basket (baskets: 1). The Instant")] {
            let reply = try await engine.productDetailsReply(TurnContext(text: text, lastShown: [fryer]), product: fryer).collect()
            #expect(reply.hasPrefix(start), "\(text): \(reply)")
        }
        let named = ProductResult(id: "h", title: "Sony WH-1000XM5 Noise Cancelling Headphones", brand: "Sony", category: "Headphones",
                                  price: 399.99, currency: "USD", marketplace: "local")
        let reply = try await engine.productDetailsReply(TurnContext(text: "does it have noise cancelling?", lastShown: [named]),
                                                         product: named).collect()
        #expect(reply.hasPrefix("Yes, it has noise cancelling: its name says so."), "\(reply)")
        // An attribute's value asked about: before, "one" (read as 1) was not found and nothing was answered.
        let monitor = ProductResult(id: "m", title: "LG 27GP850-B 27 inch QHD Gaming Monitor", brand: "LG", category: "Monitors",
                                    price: 349.99, currency: "USD", marketplace: "local", attributes: ["resolution": "2560x1440"])
        let qhd = try await engine.productDetailsReply(TurnContext(text: "is the third one 4k?", lastShown: [monitor]), product: monitor).collect()
        #expect(qhd.hasPrefix("Its listing states resolution: 2560x1440. The LG"), "\(qhd)")
        var uhd = monitor
        uhd.title = "LG 27UP850N-W 27 inch 4K UHD Monitor"
        let named4K = try await engine.productDetailsReply(TurnContext(text: "is it 4k", lastShown: [uhd]), product: uhd).collect()
        #expect(named4K.hasPrefix("Yes, it is 4k: its name says so."), "\(named4K)")
    }

    /// "What's the difference between the first two?" compares both, not the first alone, and the
    /// reply sets their prices, ratings and differing attributes side by side.
    @Test func aComparisonNamesEveryProductItCompares() async throws {
        func tent(_ id: String, _ brand: String, _ price: Double, _ attributes: [String: String], rating: Double? = nil) -> ProductResult {
            ProductResult(id: id, title: "\(brand) \(id) Tent", brand: brand, category: "Tents", price: price, currency: "USD",
                          rating: rating, reviewCount: rating == nil ? nil : 1_144, marketplace: "local", attributes: attributes)
        }
        let shown = [tent("Skydome", "Coleman", 179.99, ["capacity": "6 person", "color": "blue", "season": "3-season"], rating: 4.4),
                     tent("Wireless", "Kelty", 199.95, ["capacity": "4 person", "color": "green", "season": "3-season"]),
                     tent("Trail Hut", "REI", 199, ["capacity": "2 person", "color": "green", "weight": "5 lb 10 oz"]),
                     tent("Sundome", "Coleman", 89.99, ["capacity": "4 person"])]
        let searched = RequirementSpec(category: "Tents", query: "tents")
        let compared: [(String, [String]?)] = [
            ("what's the difference between the first two?", ["Skydome", "Wireless"]),
            ("compare 1 and 3", ["Skydome", "Trail Hut"]), ("Compare #2 vs #3", ["Wireless", "Trail Hut"]),
            ("the kelty vs the rei", ["Wireless", "Trail Hut"]),
            ("which is better, the second or the third?", ["Wireless", "Trail Hut"]),
            ("compare the top three", ["Skydome", "Wireless", "Trail Hut"]),
            ("difference between the first 2", ["Skydome", "Wireless"]), ("compare both of the last one and #2", ["Sundome", "Wireless"]),
            ("how does the last one compare with the first one", ["Sundome", "Skydome"]),
            // What one is better for: before, "long trips" made it a request of its own.
            ("which is better for long trips, the first or the second?", ["Skydome", "Wireless"]),
            // A brand names its first product in the list.
            ("coleman vs kelty", ["Skydome", "Wireless"]), ("which is better, the rei or the coleman?", ["Trail Hut", "Skydome"]),
            // A wish of its own is a request; one product is no comparison, nor is a brand not shown.
            ("compare the first two in red", nil), ("what's the difference with the first one", nil),
            ("coleman vs msr", nil), ("tents between 100 and 200", nil), ("something better", nil),
        ]
        let interpreter = EmbeddedInterpreter()
        for (text, ids) in compared {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            let decision = try await engine.decideClarification(turn, spec: searched)
            #expect(decision.compared == (ids ?? []), "\(text): \(decision)")
            #expect(EmbeddedInterpreter.mayBeSearchless(text) || ids == nil, "\(text)")
            if ids != nil { #expect(interpreter.spec(for: turn) == searched, "\(text)") }
        }
        // "It" beside a product named by place: the one the last reply was about, then that one.
        // Before, "how does it compare to the second one?" gave the second one's details.
        let aboutKelty = [ConversationMessage(role: .assistant, text: "Its capacity is 4 person. The Kelty Wireless Tent costs $199.95.")]
        for (text, ids) in [("how does it compare to the third one?", ["Wireless", "Trail Hut"]),
                            ("is it better than the first one?", ["Wireless", "Skydome"]), ("how does it compare to the second one?", [])] {
            let turn = TurnContext(text: text, history: aboutKelty, currentSpec: searched, lastShown: shown)
            #expect(try await engine.decideClarification(turn, spec: searched).compared == ids, "\(text)")
        }
        let turn = TurnContext(text: "what's the difference between the first two?", currentSpec: searched, lastShown: shown)
        let reply = try await engine.productComparisonReply(turn, products: Array(shown.prefix(2))).collect()
        #expect(reply == "Comparing the Coleman Skydome Tent and the Kelty Wireless Tent: the Coleman costs $179.99 and "
                + "the Kelty costs $199.95, so the Coleman is $19.96 cheaper. Rated: the Coleman 4.4 by 1,144 buyers. "
                + "They differ in capacity: 6 person against 4 person; color: blue against green. Both have the same season (3-season).",
                "\(reply)")
        var pair = Array(shown.prefix(2))
        (pair[0].price, pair[1].price) = (59.99, 29.99)
        let whole = try await engine.productComparisonReply(turn, products: pair).collect()
        #expect(whole.contains("so the Kelty is $30 cheaper."), "\(whole)")
        // What only one of two states is said once for it, not as a difference with "not stated".
        // A key written otherwise is the same key ("Color" of an imported listing).
        pair[1].attributes["weight"] = "5 lb"
        pair[1].attributes["door_count"] = "2"
        pair[1].attributes["Color"] = pair[1].attributes.removeValue(forKey: "color")
        let oneStates = try await engine.productComparisonReply(turn, products: pair).collect()
        #expect(oneStates.contains("Only the Kelty states door count (2) and weight (5 lb).") && !oneStates.contains("not stated")
                    && oneStates.contains("color: blue against green"), "\(oneStates)")
        let three = try await engine.productComparisonReply(turn, products: Array(shown.prefix(3))).collect()
        #expect(three.contains("weight: not stated against not stated against 5 lb 10 oz"), "\(three)")
        #expect(three.contains("season: 3-season against 3-season against not stated"), "\(three)")
        // Products of one brand by their names, without the rest of the title: before, "the
        // Google Pixel 8, costs $699".
        #expect(EmbeddedInterpreter.shortNames([
            ProductResult(id: "a", title: "Google Pixel 8, 128GB, Unlocked", brand: "Google", category: "Phones", price: 699,
                          currency: "USD", marketplace: "local"),
            ProductResult(id: "b", title: "Google Pixel 7a (128GB) - Unlocked", brand: "Google", category: "Phones", price: 349,
                          currency: "USD", marketplace: "local"),
        ]) == ["Google Pixel 8", "Google Pixel 7a"])
        #expect(EmbeddedInterpreter.shortTitle("IKEA FLINTAN Office Chair with Armrests") == "IKEA FLINTAN Office Chair")
        // A brand its title does not say: the "Alienware …" by Dell was "the Dell".
        #expect(EmbeddedInterpreter.shortNames([
            ProductResult(id: "a", title: "Gigabyte M32U 32 inch 4K Gaming Monitor", brand: "Gigabyte", category: "Monitors", price: 599,
                          currency: "USD", marketplace: "local"),
            ProductResult(id: "b", title: "Alienware AW3423DWF 34 inch Curved QD-OLED Gaming Monitor", brand: "Dell", category: "Monitors",
                          price: 899, currency: "USD", marketplace: "local"),
        ]) == ["Gigabyte", "Alienware"])

        // After a search that showed one product, "the first two" is that one, and the answer says
        // why it compares nothing; before, it described the one as if it answered the question.
        let one = TurnContext(text: "what's the difference between the first two?", currentSpec: searched, lastShown: [shown[3]])
        #expect(try await engine.decideClarification(one, spec: searched) == .details(of: "Sundome"))
        let alone = try await engine.productDetailsReply(one, product: shown[3]).collect()
        #expect(alone.hasPrefix("I showed only this one last time, so there is nothing to compare it with. The Coleman Sundome Tent costs $89.99"),
                "\(alone)")
    }

    /// "Do they fold?", "which ones are waterproof?": a question about a feature of every shown
    /// product is answered from their listings (looked up as a comparison's are). Before, it
    /// searched again with "fold" as a keyword and showed the same list.
    @Test func aFeatureQuestionAboutTheShownProductsSaysWhichHaveIt() async throws {
        func headphones(_ title: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: title, title: title, brand: String(title.split(separator: " ")[0]), category: "Headphones",
                          price: 100, currency: "USD", marketplace: "local", attributes: attributes)
        }
        let shown = [headphones("Sony WH-1000XM5 Headphones", ["noise_cancelling": "yes", "water_resistance": "none stated"]),
                     headphones("Sony WH-CH520 Headphones", ["noise_cancelling": "no"]),
                     headphones("Sennheiser HD 560S Headphones", [:]),
                     headphones("JBL Tune 510BT Foldable Headphones", ["color": "black"])]
        let searched = RequirementSpec(category: "Headphones", query: "headphones")
        func answer(_ text: String) async throws -> String {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
            #expect(try await engine.decideClarification(turn, spec: searched).compared == shown.map(\.id), "\(text)")
            return try await engine.productComparisonReply(turn, products: shown).collect()
        }
        let noiseCancelling = try await answer("do they have noise cancelling?")
        #expect(noiseCancelling == "1 of the 4 shown has noise cancelling: the Sony WH-1000XM5 "
                + "Headphones. The Sony WH-CH520 Headphones does not. The Sennheiser and the JBL do not say.", "\(noiseCancelling)")
        let folds = try await answer("do they fold?")
        #expect(folds == "1 of the 4 shown mentions \"fold\": the JBL. "
                + "The Sony WH-1000XM5 Headphones, the Sony WH-CH520 Headphones and the Sennheiser do not say.", "\(folds)")
        let waterproof = try await answer("which ones are waterproof?")
        #expect(waterproof == "None of the 4 shown says whether it is waterproof: "
                + "the Sony WH-1000XM5 Headphones (water resistance: none stated), the Sony WH-CH520 Headphones, "
                + "the Sennheiser and the JBL. Ask about one of them to see all it states.", "\(waterproof)")
        #expect(try await answer("are any of them wireless").hasPrefix("None of the 4 shown says whether it is wireless."))
        // How one seems: "which one looks sleek?" asks the listings (before, a search for "looks sleek").
        let sleek = try await answer("which one looks sleek?")
        #expect(sleek.hasPrefix("None of the 4 shown says anything about \"sleek\"."), "\(sleek)")
        // The lexicon's short features and the specs products state: before, "do they have 5g?"
        // and "are they 4k?" searched again.
        func phone(_ title: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: title, title: title, brand: String(title.split(separator: " ")[0]), category: "Phones",
                          price: 300, currency: "USD", marketplace: "local", attributes: attributes)
        }
        let phones = [phone("Nothing Phone (2a)", ["network": "5G"]), phone("Google Pixel 7a", ["network": "4G LTE"]),
                      phone("Samsung Galaxy A15 5G", [:])]
        let phoneSpec = RequirementSpec(category: "Phones", query: "phones")
        for text in ["do they have 5g?", "are they 4k?", "do they have 128gb storage"] {
            let turn = TurnContext(text: text, currentSpec: phoneSpec, lastShown: phones)
            #expect(try await engine.decideClarification(turn, spec: phoneSpec).compared == phones.map(\.id), "\(text)")
        }
        let fiveG = try await engine.productComparisonReply(TurnContext(text: "do they have 5g?", currentSpec: phoneSpec, lastShown: phones),
                                                            products: phones).collect()
        #expect(fiveG.hasPrefix("2 of the 3 shown have 5g: the Nothing and the Samsung."), "\(fiveG)")
        // Requests, questions about one product, and measures are not.
        for text in ["any others?", "do you have any dolls?", "any under 50?", "do they come in red?", "any cheaper ones?",
                     "is it waterproof?", "which is the cheapest", "does the first one have noise cancelling", "any sony ones?",
                     "are there any for running", "any with 16gb ram?", "do they come in size 10?"] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(FeatureQuestion.aboutTheList(in: Tokenizer.tokenize(text), extractor: SpecExtractor(vocabulary: .builtIn)) == nil,
                    "\(text)")
            #expect(try await engine.decideClarification(turn, spec: searched).compared.count != shown.count, "\(text)")
        }
    }

    /// A brand after "the" names the shown product of that brand ("the apple one"); one two shown
    /// products share names both ("the logitech one, is it rechargeable?"), answered for each.
    /// Before, both searched that brand again and the question was lost.
    @Test func aBrandAfterTheNamesTheShownProductsOfIt() async throws {
        func mouse(_ title: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: title, title: title, brand: String(title.split(separator: " ")[0]), category: "Mice",
                          price: 80, currency: "USD", marketplace: "local", attributes: attributes)
        }
        let shown = [mouse("Corsair Dark Core Wireless Mouse", ["color": "black"]),
                     mouse("Logitech G Pro X Superlight 2 Mouse", ["rechargeable": "yes"]),
                     mouse("Logitech M185 Wireless Mouse", ["battery": "AA"]),
                     mouse("Apple Magic Mouse", ["color": "white"])]
        let searched = RequirementSpec(category: "Mice", query: "mice")
        let interpreter = EmbeddedInterpreter()
        for (text, title) in [("the apple one", "Apple Magic Mouse"), ("is the corsair one rechargeable?", "Corsair Dark Core Wireless Mouse"),
                              ("what about the apple one?", "Apple Magic Mouse"),
                              // A brand alone, or with a wish, searches it.
                              ("apple", nil), ("the apple one in black", nil), ("what about apple", nil)] as [(String, String?)] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(EmbeddedInterpreter.mayBeSearchless(text) || title == nil, "\(text)")
            #expect(interpreter.productAskedAbout(turn)?.title == title, "\(text)")
        }
        let corsair = try await engine.productDetailsReply(
            TurnContext(text: "is the corsair one rechargeable?", currentSpec: searched, lastShown: shown), product: shown[0]).collect()
        #expect(corsair.hasPrefix("Its listing does not say whether it is rechargeable. The Corsair"), "\(corsair)")
        let logitechs = Array(shown[1...2])
        for text in ["the logitech one, is it rechargeable?", "tell me more about the logitech"] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(interpreter.productAskedAbout(turn) == nil, "\(text)")
            #expect(try await engine.decideClarification(turn, spec: searched).compared == logitechs.map(\.id), "\(text)")
        }
        let rechargeable = try await engine.productComparisonReply(
            TurnContext(text: "the logitech one, is it rechargeable?", currentSpec: searched, lastShown: shown), products: logitechs).collect()
        #expect(rechargeable == "2 of the 4 shown are by Logitech. 1 of the 2 by Logitech is rechargeable: the Logitech G Pro X. "
                + "The Logitech M185 Wireless Mouse does not say.", "\(rechargeable)")
        let details = try await engine.productComparisonReply(
            TurnContext(text: "tell me more about the logitech", currentSpec: searched, lastShown: shown), products: logitechs).collect()
        #expect(details.hasPrefix("2 of the 4 shown are by Logitech. Comparing the Logitech G Pro X Superlight 2 Mouse and "), "\(details)")
        // More of the brand than are looked up: "4 of the 8 shown are by Ninja. 1 of the 3 shown …" said nothing of the fourth.
        let logitechMice = (1...4).map { mouse("Logitech M\($0)00 Mouse", ["rechargeable": "yes"]) }
        let many = TurnContext(text: "is the logitech one rechargeable?", currentSpec: searched, lastShown: logitechMice)
        let firstThree = try await engine.productComparisonReply(many, products: Array(logitechMice.prefix(3))).collect()
        #expect(firstThree.hasPrefix("4 of the 4 shown are by Logitech; I looked at the first 3. All 3 by Logitech are rechargeable."),
                "\(firstThree)")
    }

    /// "Does it come in blue?" is answered from the colour its listing states; before, "Its
    /// listing does not say whether it has in blue".
    @Test func aColourAskedOfAProductIsAnsweredFromItsListing() async throws {
        let phone = ProductResult(id: "p", title: "Google Pixel 8, 128GB, Unlocked", brand: "Google", category: "Phones",
                                  price: 699, currency: "USD", marketplace: "local", attributes: ["color": "black"])
        for (text, start) in [("does it come in blue?", "Its listing states color: black. Say \"in blue\" to look for blue ones. The Google"),
                              ("is it black?", "Yes, it is black (color: black). The Google"),
                              ("does the first one come in black", "Yes, it comes in black (color: black). The Google")] {
            let reply = try await engine.productDetailsReply(TurnContext(text: text, lastShown: [phone]), product: phone).collect()
            #expect(reply.hasPrefix(start), "\(text): \(reply)")
        }
        // A title that begins with "The" is not "the The …".
        let serum = ProductResult(id: "s", title: "The Ordinary Hyaluronic Acid 2% + B5 Serum", brand: "The Ordinary", category: "Skincare",
                                  price: 8.9, currency: "USD", marketplace: "local", attributes: ["color": "clear"])
        let cheapest = try await engine.productDetailsReply(TurnContext(text: "which one is the cheapest?", lastShown: [phone, serum]),
                                                            product: serum).collect()
        #expect(cheapest.hasPrefix("Of the 2 shown, the cheapest is The Ordinary Hyaluronic Acid 2% + B5 Serum. The Ordinary Hyaluronic"),
                "\(cheapest)")
    }

    /// "Does it have a backlight?" is answered of the feature "backlit" as a state ("whether it
    /// has backlit" before); "what switches does it have?" quotes its switch type (before, a
    /// search for "switches").
    @Test func aKeyboardsBacklightAndSwitchesAreAnsweredFromItsListing() async throws {
        let keyboard = ProductResult(id: "k", title: "Logitech MX Keys S Wireless Illuminated Keyboard", brand: "Logitech",
                                     category: "Keyboards", price: 109.99, currency: "USD", marketplace: "local",
                                     attributes: ["backlit": "yes", "switch_type": "scissor"])
        let history = [ConversationMessage(role: .assistant, text: "1. \(keyboard.title) at $109.99")]
        for (text, start) in [("does it have a backlight?", "Yes, it is backlit (backlit: yes). The Logitech"),
                              ("what switches does it have", "Its switch type is scissor. The Logitech")] {
            let turn = TurnContext(text: text, history: history, currentSpec: RequirementSpec(category: "Keyboards"), lastShown: [keyboard])
            #expect(try await engine.decideClarification(turn, spec: RequirementSpec(category: "Keyboards")).detailsOf == "k", "\(text)")
            let reply = try await engine.productDetailsReply(turn, product: keyboard).collect()
            #expect(reply.hasPrefix(start), "\(text): \(reply)")
        }
    }

    /// A product looked up by id carries its description, which answers what its attributes do
    /// not: "does the sony one flip its screen?" was "None of the 2 shown says anything about
    /// "screen"" of a camera described with a "flip-out screen".
    @Test func aQuestionIsAnsweredFromTheListingsDescription() async throws {
        func camera(_ title: String, _ description: String) -> ProductResult {
            ProductResult(id: title, title: title, brand: String(title.split(separator: " ")[0]), category: "Cameras",
                          price: 800, currency: "USD", marketplace: "local", attributes: ["video": "4K"], description: description)
        }
        let shown = [camera("Sony ZV-1 II Vlogging Camera", "Pocketable vlogging camera with a wide zoom lens, directional microphone "
                                + "and flip-out screen for self-recording."),
                     camera("Canon EOS Rebel T7 DSLR Camera", "Beginner DSLR with a 24MP sensor and built-in Wi-Fi. No touch screen."),
                     camera("Sony Alpha a6400 Mirrorless Camera", "Popular APS-C mirrorless camera with fast real-time tracking."),
                     camera("Canon EOS R50 Mirrorless Camera", "Comes with a flip cover for the lens and a bright rear screen. "
                                + "Reliable subject tracking autofocus, light enough for travel.")]
        let searched = RequirementSpec(category: "Cameras", query: "cameras")
        func reply(_ text: String) async throws -> String {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            let decision = try await engine.decideClarification(turn, spec: searched)
            if let id = decision.detailsOf, let product = shown.first(where: { $0.id == id }) {
                return try await engine.productDetailsReply(turn, product: product).collect()
            }
            let compared = shown.filter { decision.compared.contains($0.id) }
            return try await engine.productComparisonReply(turn, products: compared).collect()
        }
        let flips = try await reply("does the sony one flip its screen?")
        #expect(flips == "2 of the 4 shown are by Sony. 1 of the 2 by Sony mentions \"flip screen\": the Sony ZV-1 II Vlogging "
                + "(\"…zoom lens, directional microphone and flip-out screen for self-recording\"). The Sony Alpha a6400 Mirrorless "
                + "does not say.", "\(flips)")
        // The words of a feature stand close together: the R50's "flip cover … screen" is no flip screen.
        let flipScreen = try await reply("which of these has a flip screen?")
        #expect(flipScreen.hasPrefix("1 of the 4 shown has a flip screen: the Sony ZV-1 II"), "\(flipScreen)")
        // Two words written apart are the word asked ("Wi-Fi"); a negation before it says no.
        let wifi = try await reply("do any of them have wifi?")
        #expect(wifi.hasPrefix("1 of the 4 shown has wifi: the Canon EOS Rebel T7 (\"…24MP sensor and built-in Wi-Fi\")."), "\(wifi)")
        let touch = try await reply("does the second one have a touch screen?")
        #expect(touch.hasPrefix("No, it has no touchscreen: its description says \"No touch screen\". The Canon EOS Rebel T7"), "\(touch)")
        // "Which one has the best …?": the listings grade nothing, so which of them mention it.
        let autofocus = try await reply("which one has the best autofocus?")
        #expect(autofocus == "1 of the 4 shown mentions \"autofocus\": the Canon EOS R50 Mirrorless (\"Reliable subject tracking "
                + "autofocus, light enough for travel\"). The Sony ZV-1 II Vlogging, the Canon EOS Rebel T7 and the Sony Alpha a6400 "
                + "Mirrorless do not say.", "\(autofocus)")
        // A part, which is no search word: before, a search sorted by rating.
        let screen = try await reply("which has the best screen?")
        #expect(screen.hasPrefix("2 of the 4 shown mention \"screen\": the Sony ZV-1 II Vlogging"), "\(screen)")
        let travel = try await reply("which is better for travel?")
        #expect(travel.hasPrefix("1 of the 4 shown mentions \"travel\": the Canon EOS R50 Mirrorless"), "\(travel)")
        for text in ["which one is the best value?", "which one is best?"] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            let decision = try await engine.decideClarification(turn, spec: searched)
            #expect(decision.compared.isEmpty, "\(text)")
        }
        // A yes-or-no question names shown products by brand alone, and asks what one is good for.
        let sonyFlips = try await reply("does the sony have a flip screen?")
        #expect(sonyFlips.hasPrefix("2 of the 4 shown are by Sony. 1 of the 2 by Sony has a flip screen: the Sony ZV-1 II"), "\(sonyFlips)")
        let beginners = try await reply("is the canon rebel good for beginners?")
        #expect(beginners.hasPrefix("Yes, its listing mentions \"beginners\": its description says \"Beginner DSLR with a 24MP sensor"),
                "\(beginners)")
        // A brand's model word after it names one of the brand's products ("the canon rebel").
        let rebel = try await reply("tell me about the canon rebel")
        #expect(rebel.hasPrefix("The Canon EOS Rebel T7 DSLR Camera costs $800. Its listing says: \"Beginner DSLR"), "\(rebel)")
    }
}
