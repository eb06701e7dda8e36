import Shared
import Testing
@testable import Understanding

/// "The cheapest SSD per TB": before, the cheapest SSDs (a 500GB one first), and "per tb" was lost.
@Suite(.timeLimit(.minutes(1)))
struct UnitPriceTests {
    let interpreter = EmbeddedInterpreter()

    /// A price asked per unit is an order by it (`price_per_<unit>`: least), not a sort by price,
    /// and the product's words stay a keyword.
    @Test func aPricePerUnitIsAnOrder() {
        let cases: [(String, String, [String])] = [
            ("cheapest ssd per tb", "price_per_tb", ["ssd"]),
            ("what's the best price per gb for ram", "price_per_gb", []),
            ("ssd with the most gb per dollar", "price_per_gb", ["ssd"]),
            ("lowest cost per terabyte ssd under 200", "price_per_tb", ["ssd"]),
            ("a moisturizer, cheapest per ounce", "price_per_oz", ["moisturizer"]),
        ]
        for (text, key, keywords) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.attributes == [key: "least"] && spec.sort == .relevance && spec.keywords == keywords, "\(text): \(spec)")
            // The shopper named what matters about the price: no budget is asked.
            #expect(!spec.missingFields.contains("budget"), "\(text): \(spec.missingFields)")
        }
        // "Per" of anything else is no unit price.
        let perNight = interpreter.spec(for: TurnContext(text: "a tent for 2 per night"))
        #expect(perNight.attributes.keys.allSatisfy { !$0.hasPrefix("price_per") }, "\(perNight)")
    }

    /// One order at a time: a unit price replaces "the biggest", and "just the cheapest" the unit price.
    @Test func oneOrderAtATime() {
        let biggest = interpreter.spec(for: TurnContext(text: "the biggest ssd"))
        #expect(biggest.attributes == ["capacity": "most"], "\(biggest)")
        let perTB = interpreter.spec(for: TurnContext(text: "cheapest per tb", currentSpec: biggest))
        #expect(perTB.attributes == ["price_per_tb": "least"] && perTB.category == biggest.category, "\(perTB)")
        let cheapest = interpreter.spec(for: TurnContext(text: "just the cheapest", currentSpec: perTB))
        #expect(cheapest.attributes.isEmpty && cheapest.sort == .priceAscending, "\(cheapest)")
        let biggestAgain = interpreter.spec(for: TurnContext(text: "the biggest", currentSpec: perTB))
        #expect(biggestAgain.attributes == ["capacity": "most"], "\(biggestAgain)")
    }

    private func ssd(_ title: String, _ price: Double, _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: title, title: title, brand: "Acme", category: "Internal Storage", price: price, currency: "USD",
                      marketplace: "local", attributes: attributes)
    }

    /// The reply says the order when the products listed follow it, and says when none states an amount.
    @Test func theReplySaysTheOrder() {
        let spec = interpreter.spec(for: TurnContext(text: "cheapest ssd per tb"))
        let listed = [ssd("Acme 2TB SSD", 100, ["capacity": "2TB"]), ssd("Acme 1TB SSD", 60, ["capacity": "1TB"]),
                      ssd("Acme 500GB SSD", 35)]
        let reply = interpreter.reply(for: spec, results: SearchResults(products: listed, totalFound: 3, sources: []))
        #expect(reply.hasPrefix("Here are the top 3 SSDs, cheapest per TB first:"), "\(reply)")
        let unordered = interpreter.reply(for: spec, results: SearchResults(products: Array(listed.reversed()), totalFound: 3, sources: []))
        #expect(unordered.contains("best matches first, then cheapest per TB"), "\(unordered)")
        let unknown = interpreter.reply(for: spec, results: SearchResults(products: [ssd("Acme SSD", 50), ssd("Other SSD", 60)],
                                                                            totalFound: 2, sources: []))
        #expect(unknown.hasPrefix("None of the best matches states its price per TB, so I couldn't order them by it."), "\(unknown)")
    }

    /// "Which is cheapest per ounce?" of the moisturisers shown: the one whose price per ounce is
    /// lowest, by the amount its title names (before, "None of the 8 shown says anything about "least"").
    @Test func whichIsCheapestPerUnitOfThoseShown() async throws {
        let engine = EmbeddedEngine()
        func cream(_ title: String, _ price: Double) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "Skincare", price: price, currency: "USD", marketplace: "local")
        }
        let shown = [cream("Acme Face Cream, 1.7 oz", 29.99), cream("Acme Moisturizing Cream, 19 oz", 19.99), cream("Acme Lotion", 9.99)]
        let spec = RequirementSpec(category: "Skincare", query: "moisturizer skincare", keywords: ["moisturizer"])
        for text in ["which is cheapest per ounce", "which one has the best price per oz?", "what's the lowest cost per ounce"] {
            let turn = TurnContext(text: text, currentSpec: spec, lastShown: shown)
            #expect(try await engine.buildSpec(turn) == spec, "\(text)")
            #expect(try await engine.decideClarification(turn, spec: spec) == .details(of: "Acme Moisturizing Cream, 19 oz"), "\(text)")
            let answer = try await engine.productDetailsReply(turn, product: shown[1]).collect()
            #expect(answer.hasPrefix("Of the 3 shown, the cheapest per oz is the Acme Moisturizing Cream, 19 oz ($1.05 per oz)."),
                    "\(answer)")
        }
    }
}
