import Shared
import Testing
@testable import Understanding

/// Questions about the products shown that a measure answers: the one first by it ("which one is
/// the cheapest?", "which is the lightest?", "the one with the most memory") and what each
/// listing states of it ("how heavy are they?"). `ShownProductQuestionTests` has the others.
@Suite(.timeLimit(.minutes(1)))
struct ShownProductMeasureTests {
    let engine = EmbeddedEngine()

    /// "Which one is the cheapest?" answers with the shown product first by that measure, and the
    /// search stays as it was; before, it sorted the search again, or paged on.
    @Test func aSuperlativeQuestionNamesTheShownProductFirstByItsMeasure() async throws {
        func headphones(_ title: String, _ price: Double, rating: Double?, reviews: Int?) -> ProductResult {
            ProductResult(id: title, title: title, brand: title, category: "Headphones", price: price, currency: "USD",
                          rating: rating, reviewCount: reviews, marketplace: "local")
        }
        let shown = [headphones("Momentum", 349.95, rating: 4.6, reviews: 900),
                     headphones("Tune", 49.95, rating: 4.5, reviews: 12_000),
                     headphones("Dime", 29.99, rating: 4.8, reviews: 2_386),
                     headphones("HD 560S", 179.95, rating: 4.8, reviews: 2_687)]
        let searched = RequirementSpec(category: "Headphones", query: "headphones")
        let interpreter = EmbeddedInterpreter()
        let asked: [(String, String?)] = [
            ("which one is the cheapest?", "Dime"), ("Which is cheaper", "Dime"), ("which of these is the most expensive", "Momentum"),
            ("which one is best rated", "HD 560S"), ("which ones have the most reviews?", "Tune"),
            ("Which would you say is the highest rated?", "HD 560S"),
            // "What's the…" asks which, as "which is the…" does (before, a search sorted again).
            ("what's the cheapest?", "Dime"), ("what is the best rated one", "HD 560S"), ("what's the cheapest laptop", nil),
            // A wish of its own is a request; no measure, or two, names none.
            ("which is the cheapest in red", nil), ("which one?", nil), ("which is cheapest and best rated", nil),
            ("the cheapest", nil), ("cheapest wireless headphones", nil),
        ]
        for (text, title) in asked {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(interpreter.productAskedAbout(turn)?.title == title, "\(text)")
            if title != nil { #expect(interpreter.spec(for: turn) == searched, "\(text)") }
        }
        // No shown product has a rating: not a question about them. Nor is a measure they do not keep.
        let unrated = shown.map { product in var product = product; product.rating = nil; return product }
        #expect(interpreter.productAskedAbout(TurnContext(text: "which is best rated?", lastShown: unrated)) == nil)
        #expect(interpreter.productAskedAbout(TurnContext(text: "which has the best battery?", lastShown: shown)) == nil)
        let turn = TurnContext(text: "which one is the cheapest?", currentSpec: searched, lastShown: shown)
        #expect(try await engine.decideClarification(turn, spec: searched) == .details(of: "Dime"))
        let reply = try await engine.productDetailsReply(turn, product: shown[2]).collect()
        #expect(reply.hasPrefix("Of the 4 shown, the cheapest is the Dime. The Dime costs $29.99"), "\(reply)")
        #expect(EmbeddedInterpreter.mayBeSearchless("Which one is the cheapest?"))
    }

    /// "Which one is the lightest?" looks up every shown product (the state keeps none of their
    /// attributes) and names the first by the attribute, reading its units.
    @Test func anAttributeSuperlativeLooksUpTheShownProductsAndNamesTheFirst() async throws {
        func tent(_ id: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: id, title: "\(id) Tent", brand: id, category: "Tents", price: 100, currency: "USD",
                          marketplace: "local", attributes: attributes)
        }
        let shown = [tent("Kelty", ["weight": "9 lb", "capacity": "4 person"]), tent("REI", ["weight": "5 lb 10 oz"]),
                     tent("Marmot", [:]), tent("Coleman", ["weight": "6 lb", "capacity": "6 person"])]
        let searched = RequirementSpec(category: "Tents", query: "tents")
        let ids = shown.map(\.id)
        for (text, expected) in [("which one is the lightest?", ids), ("Which has the longest battery life", ids),
                                 ("which is the biggest", ids), ("which is lightest in red", []),
                                 ("which one is the lightest and the biggest", []), ("lightest tents", []),
                                 // A comparative after "which" asks the same; without it, it asks for more.
                                 ("which one is lighter?", ids), ("which one has more storage?", ids), ("a lighter one", []),
                                 ("what's the lightest?", ids), ("what is the biggest one", ids), ("what lightest tents", [])] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(try await engine.decideClarification(turn, spec: searched).compared == expected, "\(text)")
        }
        func answer(_ text: String) async throws -> String {
            try await engine.productComparisonReply(TurnContext(text: text, currentSpec: searched, lastShown: shown),
                                                    products: shown).collect()
        }
        #expect(try await answer("which one is the lightest?")
                .hasPrefix("Of the 3 of the 4 shown that state their weight, the lightest is the REI Tent (5 lb 10 oz). The REI Tent costs $100"))
        #expect(try await answer("which one is lighter?").hasPrefix("Of the 3 of the 4 shown that state their weight, the lightest is the REI Tent"))
        #expect(try await answer("which is the heaviest").hasPrefix("Of the 3 of the 4 shown that state their weight, the heaviest is the Kelty Tent (9 lb)."))
        #expect(try await answer("which one is the biggest?").hasPrefix("Of the 2 of the 4 shown that state their size, the biggest is the Coleman Tent (6 person)."))
        #expect(try await answer("which has the longest battery life?").hasPrefix("None of the 4 shown states its battery life"))
        // A processor's cores and a graphics card's memory: before, searches for "many cores" and "vram".
        func cpu(_ id: String, _ cores: String) -> ProductResult {
            ProductResult(id: id, title: "\(id) Processor", brand: id, category: "CPUs", price: 300, currency: "USD",
                          marketplace: "local", attributes: ["cores": cores, "boost_clock": "5.\(cores) GHz"])
        }
        let cpus = [cpu("Intel", "10"), cpu("AMD", "12")]
        for (text, start) in [("which one has the most cores?",
                               "Of the 2 shown, the one with the most cores is the AMD Processor (12 cores)."),
                              ("which has the fastest clock speed?",
                               "Of the 2 shown, the one with the fastest clock is the AMD Processor (5.12 GHz).")] {
            let turn = TurnContext(text: text, lastShown: cpus)
            let decision = try await engine.decideClarification(turn, spec: RequirementSpec(category: "CPUs"))
            #expect(decision.compared == ["Intel", "AMD"], "\(text)")
            #expect(try await engine.productComparisonReply(turn, products: cpus).collect().hasPrefix(start), "\(text)")
        }
        let cores = TurnContext(text: "how many cores does the first one have?", lastShown: cpus)
        #expect(try await engine.productDetailsReply(cores, product: cpus[0]).collect().hasPrefix("Its core count is 10."))
        let card = ProductResult(id: "Arc", title: "Intel Arc A770 16GB Graphics Card", brand: "Intel", category: "Graphics Cards",
                                 price: 299, currency: "USD", marketplace: "local", attributes: ["memory": "16GB"])
        let vram = TurnContext(text: "how much vram does it have?",
                               history: [ConversationMessage(role: .assistant, text: "1. \(card.title) at $299")], lastShown: [card])
        #expect(try await engine.decideClarification(vram, spec: RequirementSpec(category: "Graphics Cards")).detailsOf == "Arc")
        #expect(try await engine.productDetailsReply(vram, product: card).collect().hasPrefix("Its memory is 16GB."))
        // A tie for first names none of them first: two earbuds of 8 hours each were "the one with the longest battery life".
        func earbuds(_ id: String, _ hours: String) -> ProductResult {
            ProductResult(id: id, title: "\(id) Earbuds", brand: id, category: "Headphones", price: 50, currency: "USD",
                          marketplace: "local", attributes: ["battery_life": hours])
        }
        let pair = [earbuds("Skullcandy", "8 hours"), earbuds("JBL", "8 hours")]
        func battery(_ shown: [ProductResult]) async throws -> String {
            let turn = TurnContext(text: "which one has better battery?", lastShown: shown)
            return try await engine.productComparisonReply(turn, products: shown).collect()
        }
        let even = try await battery(pair)
        #expect(even == "Of the 2 shown, both state the same battery life: 8 hours.", "\(even)")
        let three = pair + [earbuds("Sony", "6 hours")]
        let tie = try await battery(three)
        #expect(tie == "Of the 3 shown, the Skullcandy and the JBL tie for the longest battery life: 8 hours.", "\(tie)")
        // Named as among all shown: "the Motorola" of two Motorolas named neither.
        func motorola(_ id: String, _ title: String, _ hours: String) -> ProductResult {
            ProductResult(id: id, title: title, brand: "Motorola", category: "Phones", price: 249, currency: "USD", marketplace: "local",
                          attributes: ["battery_life": hours])
        }
        let motorolas = [motorola("Power", "Motorola Moto G Power 5G", "8 hours"), motorola("Play", "Motorola Moto G Play", "6 hours")]
        let sameBrand = try await battery(motorolas + [earbuds("JBL", "8 hours")])
        #expect(sameBrand == "Of the 3 shown, the Motorola Moto G Power and the JBL tie for the longest battery life: 8 hours.",
                "\(sameBrand)")
        // A screen's size and a refresh rate; before, "highest refresh rate" searched again for those words.
        func tv(_ id: String, _ size: String, _ hertz: String) -> ProductResult {
            ProductResult(id: id, title: "\(id) TV", brand: id, category: "TVs", price: 500, currency: "USD", marketplace: "local",
                          attributes: ["screen_size": size, "refresh_rate": hertz, "capacity": "9 people"])
        }
        let tvs = [tv("TCL", "65 inch", "120Hz"), tv("Sony", "75 inch", "100 Hz"), tv("LG", "48 inch", "144Hz")]
        func tvAnswer(_ text: String) async throws -> String {
            let turn = TurnContext(text: text, currentSpec: RequirementSpec(category: "TVs", query: "tvs"), lastShown: tvs)
            #expect(try await engine.decideClarification(turn, spec: turn.currentSpec!).compared == tvs.map(\.id), "\(text)")
            return try await engine.productComparisonReply(turn, products: tvs).collect()
        }
        #expect(try await tvAnswer("which one has the highest refresh rate")
                .hasPrefix("Of the 3 shown, the one with the highest refresh rate is the LG TV (144Hz)."))
        #expect(try await tvAnswer("which has the biggest screen?").hasPrefix("Of the 3 shown, the one with the biggest screen is the Sony TV (75 inch)."))
        #expect(try await tvAnswer("Which one has the smallest screen").hasPrefix("Of the 3 shown, the one with the smallest screen is the LG TV"))
        // Right after "compare the first two", of those two: before, of the whole list.
        let compare = TurnContext(text: "compare the first two", currentSpec: RequirementSpec(category: "TVs", query: "tvs"), lastShown: tvs)
        let compared = try await engine.productComparisonReply(compare, products: Array(tvs.prefix(2))).collect()
        let history = [ConversationMessage(role: .user, text: compare.utterance), ConversationMessage(role: .assistant, text: compared)]
        let afterwards = TurnContext(text: "which one has a bigger screen?", history: history, currentSpec: compare.currentSpec, lastShown: tvs)
        #expect(try await engine.decideClarification(afterwards, spec: compare.currentSpec!).compared == ["TCL", "Sony"])
        #expect(try await engine.productComparisonReply(afterwards, products: Array(tvs.prefix(2))).collect()
                .hasPrefix("Of the 2 compared, the one with the biggest screen is the Sony TV (75 inch)."))
        #expect(Measure.amount("5 lb 10 oz").map { ($0 * 10).rounded() / 10 } == 2551.5)
        #expect(Measure.amount("1TB") == 1_048_576 && Measure.amount("57 hours") == 3_420 && Measure.amount("27\"") == 27)
        #expect(Measure.amount("n/a") == nil && Measure.amount("") == nil)
        // A toaster oven's "0.6 cu ft" is more than an air fryer's "4 quart" (it read as 0.6).
        #expect(Measure.amount("0.6 cu ft oven")! > Measure.amount("4 quart")!)
    }

    /// "How heavy is the first one?", "how much does it weigh?", "how heavy are they?": a
    /// question about one measure is answered with what the listings state. Before, the first
    /// gave the product's details without a word about its weight, and "how heavy is it?"
    /// searched again for "heavy".
    @Test func aMeasureQuestionQuotesWhatTheListingStates() async throws {
        func tent(_ id: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: id, title: "\(id) Tent", brand: id, category: "Tents", price: 100, currency: "USD",
                          marketplace: "local", attributes: attributes)
        }
        let shown = [tent("Kelty", ["Weight": "9 lb", "capacity": "4 person"]), tent("REI", ["weight": "5 lb 10 oz"]),
                     tent("Marmot", ["weight": "n/a"])]
        let searched = RequirementSpec(category: "Tents", query: "tents")
        // The reply that named the Kelty last, which "it" stands for.
        let history = [ConversationMessage(role: .assistant, text: "Here are the top 3 tents: 1. Kelty Tent at $100")]
        func decision(_ text: String) async throws -> ClarifyDecision {
            #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
            return try await engine.decideClarification(TurnContext(text: text, history: history, currentSpec: searched, lastShown: shown),
                                                        spec: searched)
        }
        for (text, id) in [("how heavy is the first one?", "Kelty"), ("how much does it weigh", "Kelty"),
                           ("what's the weight of the second one", "REI"), ("how big is the third one?", "Marmot")] {
            #expect(try await decision(text).detailsOf == id, "\(text)")
        }
        func details(_ text: String, _ product: ProductResult) async throws -> String {
            try await engine.productDetailsReply(TurnContext(text: text, history: history, currentSpec: searched, lastShown: shown),
                                                 product: product).collect()
        }
        #expect(try await details("how heavy is the first one?", shown[0]).hasPrefix("Its weight is 9 lb. The Kelty Tent costs $100"))
        #expect(try await details("how big is it?", shown[0]).hasPrefix("Its capacity is 4 person. The Kelty Tent"))
        #expect(try await decision("how many people does the first one sleep?").detailsOf == "Kelty")
        #expect(try await details("how many people does the first one sleep?", shown[0]).hasPrefix("Its capacity is 4 person."))
        // Before, "how many cups does it make?" searched coffee makers for "many" and "cups".
        let brewer = ProductResult(id: "Mr", title: "Mr. Coffee 12-Cup Programmable Coffee Maker", brand: "Mr. Coffee",
                                   category: "Coffee Makers", price: 39.99, currency: "USD", marketplace: "local",
                                   attributes: ["capacity": "12 cups"])
        let cups = TurnContext(text: "how many cups does it make?", history: [ConversationMessage(role: .assistant, text: "1. \(brewer.title) at $39.99")],
                               currentSpec: RequirementSpec(category: "Coffee Makers"), lastShown: [brewer])
        #expect(try await engine.decideClarification(cups, spec: RequirementSpec(category: "Coffee Makers")).detailsOf == "Mr")
        #expect(try await engine.productDetailsReply(cups, product: brewer).collect().hasPrefix("Its capacity is 12 cups. The Mr. Coffee"))
        let laptop = ProductResult(id: "IdeaPad", title: "Lenovo IdeaPad 1", brand: "Lenovo", category: "Laptops", price: 329.99,
                                   currency: "USD", marketplace: "local", attributes: ["ram": "8GB", "color": "blue"])
        let laptopHistory = [ConversationMessage(role: .assistant, text: "1. Lenovo IdeaPad 1 at $329.99")]
        for (text, answer) in [("how much ram does the first one have?", "Its memory is 8GB."),
                               ("what colors does it come in?", "Its colour is blue."),
                               ("does it work with android?", "Its listing does not say whether it works with android.")] {
            let turn = TurnContext(text: text, history: laptopHistory, lastShown: [laptop])
            #expect(try await engine.decideClarification(turn, spec: RequirementSpec(category: "Laptops")).detailsOf == "IdeaPad", "\(text)")
            let reply = try await engine.productDetailsReply(turn, product: laptop).collect()
            #expect(reply.hasPrefix(answer + " The Lenovo"), "\(text): \(reply)")
        }
        // "n/a" states nothing, and is no detail either.
        #expect(try await details("how much does the third one weigh?", shown[2]) == "Its listing does not state its weight. The Marmot Tent costs $100.")
        // Of all of them: looked up as a comparison's products are.
        #expect(try await decision("how heavy are they?").compared == shown.map(\.id))
        let all = try await engine.productComparisonReply(TurnContext(text: "how heavy are they?", currentSpec: searched, lastShown: shown),
                                                          products: shown).collect()
        #expect(all == "Weight: the Kelty (9 lb) and the REI (5 lb 10 oz). The Marmot does not say.", "\(all)")
        // A measure asked naming no product is asked of them all: "what's the weight?" searched for "weight".
        for text in ["what's the weight?", "how thick are they?", "what's the width?", "how long does the battery last?"] {
            #expect(try await decision(text).compared == shown.map(\.id), "\(text)")
        }
        let bare = try await engine.productComparisonReply(TurnContext(text: "what's the weight?", currentSpec: searched, lastShown: shown),
                                                           products: shown).collect()
        #expect(bare == all, "\(bare)")
        #expect(try await details("how thick is the first one?", shown[0]).hasPrefix("Its listing does not state its thickness."))
        // A chair's weight limit, not its weight: "what's the max weight?" said none stated its weight.
        let chair = ProductResult(id: "Markus", title: "IKEA MARKUS Office Chair", brand: "IKEA", category: "Office Chairs", price: 229,
                                  currency: "USD", marketplace: "local", attributes: ["max_weight": "243 lb"])
        let limit = try await engine.productDetailsReply(TurnContext(text: "what's the max weight?", lastShown: [chair]), product: chair)
            .collect()
        #expect(limit.hasPrefix("Its maximum weight is 243 lb. The IKEA MARKUS"), "\(limit)")
        // Of a list of one, its details: before, "which has the most storage?" after one phone
        // searched the storage category.
        let phone = ProductResult(id: "Xperia", title: "Sony Xperia 10 V", brand: "Sony", category: "Phones", price: 449.99,
                                  currency: "USD", marketplace: "local", attributes: ["storage": "128GB"])
        for (text, answer) in [("which has the most storage?", "Its storage is 128GB."), ("which one is the lightest", "Its listing does not state its weight."),
                               ("do they fold?", "Its listing does not say anything about \"fold\"."), ("how much storage do they have?", "Its storage is 128GB.")] {
            let turn = TurnContext(text: text, currentSpec: RequirementSpec(category: "Phones", query: "phones"), lastShown: [phone])
            #expect(try await engine.decideClarification(turn, spec: turn.currentSpec!).detailsOf == "Xperia", "\(text)")
            let reply = try await engine.productDetailsReply(turn, product: phone).collect()
            #expect(reply.hasPrefix("I showed only this one last time. \(answer) The Sony Xperia 10 V costs $449.99")
                    || text.hasPrefix("how") && reply.hasPrefix(answer), "\(text): \(reply)")
        }
        // A measure in a request is a request: "a heavy duty tent", "what about bigger ones".
        for text in ["a heavy duty tent", "what about bigger ones", "how about a lighter one"] {
            let decided = try await engine.decideClarification(TurnContext(text: text, currentSpec: searched, lastShown: shown), spec: searched)
            #expect(decided.detailsOf == nil && decided.compared.isEmpty, "\(text)")
        }
    }
}
