import Shared
import Testing
@testable import Understanding

/// Questions of the shown list about a measure only the listings name ("which one has the lowest
/// response time?") and about a use ("are they good for trail running?"): before, the first was
/// answered "None of the 3 shown says whether it has lowest response time" while quoting the one
/// that stated 1ms, and the second searched again for trail running shoes.
@Suite(.timeLimit(.minutes(1)))
struct StatedMeasureAndUseQuestionTests {
    static let interpreter = EmbeddedInterpreter()

    static func product(_ id: String, _ title: String, _ attributes: [String: String], description: String? = nil) -> ProductResult {
        ProductResult(id: id, title: title, brand: nil, category: "Monitors", price: 199, currency: "USD", marketplace: "local",
                      attributes: attributes, description: description)
    }

    static let monitors = [
        product("m1", "Acme 27 inch Gaming Monitor", ["response_time": "4ms", "refresh_rate": "144Hz"]),
        product("m2", "Zeta 27 inch IPS Monitor", ["refresh_rate": "75Hz"]),
        product("m3", "Nova 27 inch Esports Monitor", ["Response Time": "1 ms", "refresh_rate": "240Hz"]),
    ]

    static func answer(_ text: String, shown: [ProductResult], spec: RequirementSpec) -> String? {
        let turn = TurnContext(text: text, currentSpec: spec, lastShown: shown)
        let decision = Self.interpreter.clarifyDecision(for: turn, spec: spec)
        guard !decision.compared.isEmpty else { return nil }
        return Self.interpreter.comparison(of: shown.filter { decision.compared.contains($0.id) }, answering: turn)
    }

    @Test func theFirstByAMeasureTheListingsName() throws {
        let spec = RequirementSpec(category: "Monitors", query: "monitors")
        let lowest = try #require(Self.answer("which one has the lowest response time?", shown: Self.monitors, spec: spec))
        #expect(lowest.hasPrefix("Of the 2 of the 3 shown that state their response time, "
                                 + "the one with the lowest response time is the Nova"), "\(lowest)")
        let highest = try #require(Self.answer("which has the highest response time?", shown: Self.monitors, spec: spec))
        #expect(highest.contains("the one with the highest response time is the Acme"), "\(highest)")
        // A response time is fastest when lowest, under a key written either way.
        for text in ["which has the fastest response time", "which one has the quickest response time?"] {
            let fastest = try #require(Self.answer(text, shown: Self.monitors, spec: spec), "\(text)")
            #expect(fastest.contains("the one with the fastest response time is the Nova"), "\(text): \(fastest)")
        }
        // A measure none of them states stays a question of what they mention.
        let unstated = try #require(Self.answer("which one has the lowest input lag?", shown: Self.monitors, spec: spec))
        #expect(!unstated.contains("the one with the lowest"), "\(unstated)")
    }

    /// "Which one holds the most weight?" of office chairs: the weight limit they state (before, a
    /// search for "holds" and "weight").
    @Test func theChairThatHoldsTheMost() throws {
        let chairs = [
            ProductResult(id: "c1", title: "Task Chair", brand: nil, category: "Office Chairs", price: 99, currency: "USD",
                          marketplace: "local", attributes: ["max_weight": "250 lb"]),
            ProductResult(id: "c2", title: "Big and Tall Chair", brand: nil, category: "Office Chairs", price: 199, currency: "USD",
                          marketplace: "local", attributes: ["max_weight": "400 lb"]),
        ]
        let spec = RequirementSpec(category: "Office Chairs", query: "office chairs")
        for text in ["which one holds the most weight?", "which supports the most weight", "which has the highest weight limit?"] {
            let answer = try #require(Self.answer(text, shown: chairs, spec: spec), "\(text)")
            #expect(answer.hasPrefix("Of the 2 shown, the one that holds the most is the Big and Tall Chair (400 lb)."),
                    "\(text): \(answer)")
        }
    }

    /// Measures asked by words of their own: a desk's width ("which is the narrowest?"), an air
    /// fryer's basket, a vacuum's run time ("which runs longest?"); before, "None of the 6 shown
    /// says anything about "narrowest"" and searches for "basket" and by run time.
    @Test func measuresAskedByWordsOfTheirOwn() throws {
        func product(_ id: String, _ category: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: id, title: "\(category) \(id)", brand: nil, category: category, price: 99, currency: "USD",
                          marketplace: "local", attributes: attributes)
        }
        let cases: [(String, [ProductResult], String)] = [
            ("which is the narrowest?", [product("A", "Desk", ["width": "47 inch"]), product("B", "Desk", ["width": "32 inch"])],
             "Of the 2 shown, the narrowest is the Desk B (32 inch)."),
            ("which has the biggest basket?",
             [product("A", "Air Fryer", ["capacity": "8 qt"]), product("B", "Air Fryer", ["capacity": "5 qt"])],
             "Of the 2 shown, the one with the biggest capacity is the Air Fryer A (8 qt)."),
            ("which runs longest?", [product("A", "Vacuum", ["runtime": "40 minutes"]), product("B", "Vacuum", ["runtime": "60 minutes"])],
             "Of the 2 shown, the one with the longest battery life is the Vacuum B (60 minutes)."),
        ]
        for (text, shown, expected) in cases {
            let spec = RequirementSpec(category: shown[0].category, query: shown[0].category)
            let answer = try #require(Self.answer(text, shown: shown, spec: spec), "\(text)")
            #expect(answer.hasPrefix(expected), "\(text): \(answer)")
        }
    }

    /// "Do any have a hood?": the article said goes with the answer for several too ("2 of the 3
    /// shown have a hood"; before, "have hood").
    @Test func severalHaveWhatWasAskedWithItsArticle() throws {
        let jackets = ["Parka with a removable hood", "Rain shell with an adjustable hood", "Fleece vest"].enumerated().map { index, text in
            ProductResult(id: "j\(index)", title: "Jacket \(index + 1)", brand: nil, category: "Jackets", price: 99, currency: "USD",
                          marketplace: "local", description: text)
        }
        let spec = RequirementSpec(category: "Jackets", query: "jackets")
        let answer = try #require(Self.answer("do any have a hood?", shown: jackets, spec: spec))
        #expect(answer.hasPrefix("2 of the 3 shown have a hood: "), "\(answer)")
    }

    @Test func whetherTheListIsGoodForAUse() throws {
        let shoes = [
            ProductResult(id: "s1", title: "Speedgoat 5 Trail Running Shoes", brand: "HOKA", category: "Running Shoes", price: 154.99,
                          currency: "USD", marketplace: "local"),
            ProductResult(id: "s2", title: "Gel-Nimbus 26 Running Shoes", brand: "ASICS", category: "Running Shoes", price: 159.95,
                          currency: "USD", marketplace: "local", description: "Cushioned road shoe."),
        ]
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes")
        let trail = try #require(Self.answer("are they good for trail running?", shown: shoes, spec: spec))
        #expect(trail == "1 of the 2 shown mentions \"trail running\": the Speedgoat. The Gel-Nimbus does not say.", "\(trail)")
        // Of one of them, "too" is no part of the use (before, "does not say anything about "gaming too"").
        let turn = TurnContext(text: "is the first one good for trail running too?", currentSpec: spec, lastShown: shoes)
        #expect(Self.interpreter.productDetails(shoes[0], answering: turn).hasPrefix("Yes, its listing mentions \"trail running\""),
                "\(Self.interpreter.productDetails(shoes[0], answering: turn))")
        // Asked without "good for", the use asks for more of it: a search.
        #expect(Self.answer("any for trail running?", shown: shoes, spec: spec) == nil)
    }
}
