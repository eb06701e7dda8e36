import Shared
import Testing
@testable import Understanding

/// Weights said with a number: "lighter than 10 pounds" after tents was a budget of £10 and the
/// feature "lightweight"; "an office chair for someone who weighs 300 lbs" a budget of 300.
@Suite(.timeLimit(.minutes(1)))
struct WeightBoundTests {
    let interpreter = EmbeddedInterpreter()
    let extractor = SpecExtractor(vocabulary: .builtIn)

    /// A bound on the product's own weight, in the unit said, from above unless the words say below.
    @Test func boundsOnTheProductsWeight() {
        let cases: [(String, String, String)] = [
            ("tent for 4 people lighter than 10 pounds", "weight_max", "10 lb"),
            ("a laptop under 3 lbs", "weight_max", "3 lb"),
            ("no heavier than 4 lbs", "weight_max", "4 lb"),
            ("weighs under 2 kilos", "weight_max", "2 kg"),
            ("up to 10 lb", "weight_max", "10 lb"),
            ("10 pounds or lighter tent", "weight_max", "10 lb"),
            ("a 3 lb laptop", "weight_max", "3 lb"),
            ("a backpack under 1 kg", "weight_max", "1 kg"),
            ("a tent that weighs at least 5 kg", "weight_min", "5 kg"),
            ("no less than 500 grams in weight", "weight_min", "500 g"),
        ]
        for (text, key, value) in cases {
            let said = extractor.extract(text)
            #expect(said.attributes == [key: value] || said.attributes[key] == value && said.attributes.count == 2,
                    "\(text): \(said.attributes)")
            #expect(said.maxPrice == nil && said.currency == nil && said.features.isEmpty, "\(text): \(said)")
            let boundWords: Set<String> = ["lighter", "heavier", "weighs", "pounds", "lbs", "least"]
            #expect(said.keywords.allSatisfy { !boundWords.contains($0) }, "\(text): \(said.keywords)")
        }
        // A price goes on being one beside it, in dollars: "pounds" weighed (before, "under 300" was £300).
        let both = extractor.extract("a laptop under 3 lbs and under $1000")
        #expect(both.attributes == ["weight_max": "3 lb"] && both.maxPrice == 1000 && both.currency == "USD", "\(both)")
        let tent = interpreter.spec(for: TurnContext(text: "a tent for 4 people lighter than 10 pounds under 300"))
        #expect(tent.attributes["weight_max"] == "10 lb" && tent.budget.max == 300 && tent.budget.currency == "USD", "\(tent)")
    }

    /// "Pounds" alone of less money than the category costs is a weight: "a tent under 10 pounds";
    /// "under 100 pounds", "£10" and "10 quid" stay money.
    @Test func poundsOfLessThanTheCategoryCostsWeigh() {
        let light = interpreter.spec(for: TurnContext(text: "a tent under 10 pounds"))
        #expect(light.attributes == ["weight_max": "10 lb"] && light.budget.max == nil, "\(light)")
        let tents = interpreter.spec(for: TurnContext(text: "a tent for 2"))
        let later = interpreter.spec(for: TurnContext(text: "under 5 pounds please", currentSpec: tents))
        #expect(later.attributes["weight_max"] == "5 lb" && later.budget.max == nil, "\(later)")
        for text in ["a tent under 100 pounds", "a tent under £10", "a tent under 10 quid"] {
            let money = interpreter.spec(for: TurnContext(text: text))
            #expect(money.budget.currency == "GBP" && money.budget.max != nil && money.attributes["weight_max"] == nil,
                    "\(text): \(money)")
        }
    }

    /// The extractor weighs "pounds" and "ounces" only near a word of weight: alone they are money
    /// and volume (the interpreter weighs less money than a category costs), and "5g" is a network.
    @Test func poundsAloneAreMoney() {
        // A weight of nothing is still a weight, not a budget of £0.
        let nothing = extractor.extract("a tent lighter than 0 pounds")
        #expect(nothing.attributes == ["weight_max": "0 lb"] && nothing.maxPrice == nil, "\(nothing)")
        let money = extractor.extract("a tent under 10 pounds")
        #expect(money.maxPrice == 10 && money.currency == "GBP" && money.attributes.isEmpty, "\(money)")
        #expect(extractor.extract("a 32 oz water bottle").attributes.isEmpty)
        let phone = extractor.extract("a 5g phone under 300")
        #expect(phone.attributes.isEmpty && phone.maxPrice == 300, "\(phone)")
    }

    /// What a chair holds, said as the sitter's weight or the chair's: an amount of which more serves.
    @Test func whatAChairHolds() {
        for text in ["an office chair for someone who weighs 300 lbs", "an office chair, I weigh 300 pounds",
                     "a chair that holds 300 pounds", "office chair with a weight capacity of 300 lb",
                     "office chair for a 300 lb guy"] {
            let said = extractor.extract(text)
            #expect(said.attributes == ["max_weight": "300 lb"] && said.maxPrice == nil, "\(text): \(said)")
            #expect(said.keywords.isEmpty, "\(text): \(said.keywords)")
        }
    }

    /// A follow-up bound keeps the search it refines, and the reply says it.
    @Test func theReplySaysTheBound() {
        let tents = interpreter.spec(for: TurnContext(text: "a tent for 4 people under 300"))
        let lighter = interpreter.spec(for: TurnContext(text: "lighter than 10 pounds", currentSpec: tents))
        #expect(lighter.category == "Tents" && lighter.attributes["weight_max"] == "10 lb" && lighter.budget.max == 300
                && lighter.budget.currency == "USD" && lighter.features.isEmpty, "\(lighter)")
        func tent(_ title: String, _ attributes: [String: String]) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "Tents", price: 150, currency: "USD", marketplace: "local",
                          attributes: attributes.merging(["capacity": "4 person"]) { first, _ in first },
                          matchReasons: ["capacity: 4 person"])
        }
        let weighed = [tent("Acme Dome 4-Person Tent", ["weight": "9 lb"]), tent("Acme Cabin 4-Person Tent", ["weight": "6 lb 5 oz"])]
        let all = interpreter.reply(for: lighter, results: SearchResults(products: weighed, totalFound: 2, sources: []))
        #expect(all.hasPrefix("Here are the top 2 tents for 4 people weighing 10 lb or less under $300"), "\(all)")
        // Kept because it states no weight: said so, and the bound is not claimed of it.
        let some = interpreter.reply(for: lighter, results: SearchResults(products: weighed + [tent("Acme Tunnel 4-Person Tent", [:])],
                                                                          totalFound: 3, sources: []))
        #expect(some.hasPrefix("Only two of these three state their weight; the other may not be 10 lb or less."), "\(some)")
        #expect(!some.contains("weighing"), "\(some)")
        let none = interpreter.reply(for: lighter, results: SearchResults(products: [tent("Acme Tunnel 4-Person Tent", [:])],
                                                                          totalFound: 1, sources: []))
        #expect(none.hasPrefix("None of the best matches states its weight, so I couldn't check it is 10 lb or less."), "\(none)")
        let nothing = interpreter.reply(for: lighter, results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(nothing.contains("tents for 4 people weighing 10 lb or less under $300"), "\(nothing)")
    }

    /// "Something even lighter" after a weight bound orders by weight, the lightest first.
    @Test func lighterAfterABoundIsTheLightestFirst() {
        let tents = interpreter.spec(for: TurnContext(text: "a tent for 2 lighter than 5 pounds"))
        let lighter = interpreter.spec(for: TurnContext(text: "something even lighter", currentSpec: tents))
        #expect(lighter.attributes == ["capacity": "2 person", "weight_max": "5 lb", "weight": "least"] && lighter.features.isEmpty,
                "\(lighter)")
        // Without a bound, the feature, as before.
        let tentsOnly = RequirementSpec(category: "Tents", query: "tents")
        let plain = interpreter.spec(for: TurnContext(text: "something lighter", currentSpec: tentsOnly))
        #expect(plain.features == ["lightweight"], "\(plain)")
    }

    /// "Something lighter" after tents that state their weights: lighter than every one shown,
    /// the lightest first, as "cheaper" is cheaper than every one (before, the feature
    /// "lightweight", which a search for lightweight tents answered with its next page). "Like
    /// the second one but lighter": than that one. Shown products that state no weight leave the
    /// feature, as before.
    @Test func lighterIsLighterThanTheProductsShown() {
        let tents = interpreter.spec(for: TurnContext(text: "a lightweight tent for 4 people under 300"))
        #expect(tents.features == ["lightweight"], "\(tents)")
        func tent(_ title: String, _ weight: String?) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "Tents", price: 150, currency: "USD", marketplace: "local",
                          attributes: weight.map { ["weight": $0] } ?? [:])
        }
        let shown = [tent("Acme Dome 4-Person Tent", "9.9 lb"), tent("Acme Trail 4-Person Tent", "5 lb 10 oz"),
                     tent("Acme Cabin 4-Person Tent", nil)]
        for text in ["something lighter", "is there a lighter one?", "anything that weighs less"] {
            let lighter = interpreter.spec(for: TurnContext(text: text, currentSpec: tents, lastShown: shown))
            #expect(lighter.attributes == ["capacity": "4 person", "weight_max": "5.6 lb", "weight": "least"], "\(text): \(lighter)")
            #expect(lighter.budget.max == 300, "\(text): \(lighter)")
        }
        let liked = interpreter.spec(for: TurnContext(text: "like the first one but lighter", currentSpec: tents, lastShown: shown))
        #expect(liked.attributes["weight_max"] == "9.8 lb" && liked.similarProductID == shown[0].id, "\(liked)")
        let unweighed = interpreter.spec(for: TurnContext(text: "something lighter", currentSpec: tents, lastShown: [shown[2]]))
        #expect(unweighed.attributes["weight_max"] == nil && unweighed.features == ["lightweight"], "\(unweighed)")
        // Bounds read as weights are written: grams under a kilogram, kilograms, ounces under a pound.
        #expect(EmbeddedInterpreter.weight(below: 850, metric: true) == "849 g")
        #expect(EmbeddedInterpreter.weight(below: 1_200, metric: true) == "1.1 kg")
        #expect(EmbeddedInterpreter.weight(below: 12.5 * 28.3495, metric: false) == "12.4 oz")
    }
}
