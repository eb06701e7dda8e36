import Shared
import Testing
@testable import Understanding

/// A part named by a use's word ("a backpack with a rain cover": before, the use "rain" and the
/// keyword "cover", and no word when no backpack had one) and a companion's model ("a monitor for
/// my macbook pro": before, the keyword "pro").
@Suite(.timeLimit(.minutes(1)))
struct PartsNamedByUseTests {
    let interpreter = EmbeddedInterpreter()

    @Test func aPartNamedByAUseIsSearchedAsWords() {
        let backpack = interpreter.spec(for: TurnContext(text: "I need a backpack for hiking with a rain cover"))
        #expect(backpack.useCase == "hiking" && backpack.keywords == ["hiking", "rain", "cover"], "\(backpack)")
        let headphones = interpreter.spec(for: TurnContext(text: "headphones with a travel case under 200"))
        #expect(headphones.useCase == nil && headphones.keywords == ["travel", "case"], "\(headphones)")
        // A use said before a category or alone is still a use.
        #expect(interpreter.spec(for: TurnContext(text: "a rain jacket")).useCase == "rain")
        #expect(interpreter.spec(for: TurnContext(text: "a tent for camping")).useCase == "camping")
    }

    @Test func theReplySaysWhenNoneMentionsThePart() {
        let spec = interpreter.spec(for: TurnContext(text: "I need a backpack for hiking with a rain cover"))
        func backpack(_ title: String, description: String? = nil) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "Backpacks", price: 120, currency: "USD",
                          marketplace: "local", description: description)
        }
        let without = interpreter.reply(for: spec, results: SearchResults(products: [backpack("Acme Trail 30 Hiking Pack")],
                                                                          totalFound: 1, sources: []))
        #expect(without.hasPrefix("None of the best matches mentions \"rain cover\"."), "\(without)")
        let with = interpreter.reply(for: spec, results: SearchResults(
            products: [backpack("Acme Trail 30 Hiking Pack", description: "Comes with an integrated rain cover.")], totalFound: 1,
            sources: []))
        #expect(!with.contains("mentions"), "\(with)")
    }

    @Test func aCompanionsModelIsNoKeyword() {
        let monitor = interpreter.spec(for: TurnContext(text: "a monitor for my macbook pro, usb-c"))
        #expect(monitor.category == "Monitors" && monitor.keywords.isEmpty && monitor.brands.isEmpty && monitor.features == ["usb-c"],
                "\(monitor)")
    }
}
