import Shared
import Testing
@testable import Understanding

/// An accessory asked for by the product it goes with and that product's model: "an iphone 15
/// case", "a screen protector for my galaxy s24".
@Suite(.timeLimit(.minutes(1)))
struct AccessoryRequestTests {
    /// Before, "an iphone 15 case under 20" searched Apple phones under $20 (the word "case"
    /// dropped from the name, the cheapest iPhone offered), "galaxy s24 case" Samsung's products,
    /// and "a case for my iphone" any case. The accessory is what is wanted, searched for by the
    /// host's words, its model's and its own, with no brand and no category of the host's.
    @Test func anAccessoryOfANamedModelIsSearchedByTheirWords() {
        let interpreter = EmbeddedInterpreter()
        let cases: [(String, [String])] = [
            ("iphone 15 case under 20", ["iphone", "15", "case"]),
            ("an iphone 15 pro max case", ["iphone", "15", "pro", "max", "case"]),
            ("galaxy s24 case", ["galaxy", "s24", "case"]),
            ("screen protector for iphone 15", ["iphone", "15", "screen", "protector"]),
            ("a case for my iphone", ["iphone", "case"]),
            ("a wall charger for my pixel 8", ["pixel", "8", "wall", "charger"]),
            ("charger for my macbook pro", ["macbook", "pro", "charger"]),
            ("apple watch band", ["apple", "watch", "band"]),
            ("samsung galaxy s24 case", ["samsung", "galaxy", "s24", "case"]),
            ("a back cover for samsung galaxy j7", ["samsung", "galaxy", "j7", "back", "cover"]),
        ]
        for (text, words) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.category == nil && spec.brands.isEmpty && spec.keywords == words && spec.missingFields.isEmpty,
                    "\(text): \(spec)")
            #expect(spec.query == words.joined(separator: " "), "\(text): \(spec.query ?? "-")")
        }
        #expect(interpreter.spec(for: TurnContext(text: "iphone 15 case under 20")).budget.max == 20)
    }

    /// What is not an accessory of a host stays as it was: a product with a part ("headphones
    /// with a travel case"), a category named by the whole phrase ("a laptop bag"), a plural
    /// category before the noun ("laptops bag"), a product for another ("a monitor for my macbook").
    @Test func partsAndNamedCategoriesAreNoAccessoriesOfAHost() {
        let interpreter = EmbeddedInterpreter()
        let expected: [(String, String)] = [
            ("headphones with a travel case", "Headphones"), ("a laptop bag under 50", "Backpacks"),
            ("laptops bag", "Laptops"), ("a monitor for my macbook", "Monitors"), ("an iphone 15", "Phones"),
        ]
        for (text, category) in expected {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.category == category, "\(text): \(spec)")
        }
        #expect(interpreter.spec(for: TurnContext(text: "an iphone 15")).brands == ["Apple"])
    }

    /// Nothing within the budget of a thing searched for by name: the cheapest product the words
    /// found is named only when it is that thing (before, "The cheapest I found is the Amazon
    /// Basics Laptop Backpack, 15.6 inch" for "an iphone 15 case under 20").
    @Test func theNearestHintOfAThingSearchedByNameIsThatThing() {
        let interpreter = EmbeddedInterpreter()
        let text = "iphone 15 case under 20"
        let spec = interpreter.spec(for: TurnContext(text: text))
        let none = SearchResults(products: [], totalFound: 0, sources: [])
        func product(_ title: String, _ price: Double) -> ProductResult {
            ProductResult(id: title, title: title, brand: nil, category: "Accessories", price: price, currency: "USD",
                          marketplace: "local")
        }
        let backpack = product("Amazon Basics Laptop Backpack, 15.6 inch", 24.99)
        let unrelated = interpreter.reply(for: spec, results: none, turn: TurnContext(text: text, nearestOutsideBudget: backpack))
        #expect(!unrelated.contains("Backpack") && unrelated.hasSuffix("A wider budget may help."), "\(unrelated)")
        let silicone = product("Silicone Case for iPhone 15 with MagSafe", 29.99)
        let nearest = interpreter.reply(for: spec, results: none, turn: TurnContext(text: text, nearestOutsideBudget: silicone))
        #expect(nearest.hasSuffix("The cheapest I found is the Silicone Case for iPhone 15 with MagSafe at $29.99: "
                                  + "say \"under $30\" to see it and others."), "\(nearest)")
    }
}
