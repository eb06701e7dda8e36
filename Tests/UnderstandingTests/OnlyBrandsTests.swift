import Shared
import Testing
@testable import Understanding

/// "What about nvidia only": the brands asked for are all that may be shown
/// (`RequirementSpec.brandsOnlyKey`, a filter the catalog applies). Before, "only" was dropped and
/// AMD and Intel cards filled the list after the NVIDIA ones; "no other brands" was "other
/// brands", which cleared the brand.
@Suite(.timeLimit(.minutes(1)))
struct OnlyBrandsTests {
    let interpreter = EmbeddedInterpreter()

    @Test func onlySaidWithABrandMakesItAFilter() {
        for text in ["only sony headphones", "sony headphones only", "just sony headphones", "headphones, only from sony",
                     "i only want sony headphones", "sony ones only please headphones", "headphones, nothing but sony"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.brands == ["Sony"] && spec.brandsAreOnly, "\(text): \(spec)")
        }
        for text in ["sony headphones", "headphones by sony", "the only headphones i like are from sony"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.brands == ["Sony"] && !spec.brandsAreOnly, "\(text): \(spec)")
        }
    }

    @Test func theFilterLastsUntilTheBrandsAreCleared() {
        let cards = interpreter.spec(for: TurnContext(text: "a graphics card for gaming under 500"))
        let nvidia = interpreter.spec(for: TurnContext(text: "what about nvidia only", currentSpec: cards))
        #expect(nvidia.brands.map { $0.lowercased() } == ["nvidia"] && nvidia.attributes[RequirementSpec.brandsOnlyKey] == "yes",
                "\(nvidia)")
        let cheaper = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: nvidia))
        #expect(cheaper.brandsAreOnly, "\(cheaper)")
        let anyBrand = interpreter.spec(for: TurnContext(text: "any brand", currentSpec: nvidia))
        #expect(anyBrand.brands.isEmpty && anyBrand.attributes[RequirementSpec.brandsOnlyKey] == nil, "\(anyBrand)")
        // A new search starts without it.
        let laptops = interpreter.spec(for: TurnContext(text: "a gaming laptop", currentSpec: nvidia))
        #expect(laptops.attributes[RequirementSpec.brandsOnlyKey] == nil, "\(laptops)")
    }

    /// Said after the brand ("sony headphones", then "no other brands"): the brand asked before,
    /// kept (before, "other brands" cleared it); said without any brand, nothing to filter by.
    @Test func noOtherBrandsKeepsTheBrandAskedBefore() {
        let sony = interpreter.spec(for: TurnContext(text: "sony headphones"))
        for text in ["no other brands", "only that brand please"] {
            let only = interpreter.spec(for: TurnContext(text: text, currentSpec: sony))
            #expect(only.brands == ["Sony"] && only.brandsAreOnly, "\(text): \(only)")
        }
        let headphones = interpreter.spec(for: TurnContext(text: "headphones"))
        let none = interpreter.spec(for: TurnContext(text: "no other brands", currentSpec: headphones))
        #expect(none.brands.isEmpty && none.attributes[RequirementSpec.brandsOnlyKey] == nil, "\(none)")
        // "Other brands" still asks for any.
        #expect(interpreter.spec(for: TurnContext(text: "other brands", currentSpec: sony)).brands.isEmpty)
    }

    /// The attribute is the catalog's filter, no value a product has: no caveat says none of the
    /// products "states brands only: yes".
    @Test func theReplySaysNothingOfTheAttribute() {
        var spec = RequirementSpec(category: "Headphones", query: "Sony headphones", brands: ["Sony"])
        spec.attributes[RequirementSpec.brandsOnlyKey] = "yes"
        let products = [ProductResult(id: "a", title: "Sony WH-CH520 Wireless Headphones", brand: "Sony", category: "Headphones",
                                      price: 59.99, currency: "USD", marketplace: "local", matchReasons: ["by Sony, as you asked"])]
        let reply = interpreter.reply(for: spec, results: SearchResults(products: products, totalFound: 1, sources: []))
        #expect(reply.hasPrefix("Here is the best match for Sony headphones: 1. Sony WH-CH520"), "\(reply)")
        #expect(!reply.contains("brands"), "\(reply)")
    }
}
