@testable import CatalogService
import Shared
import Testing

/// "A watch, not a smartwatch": a word kept out keeps out the products of the category it names,
/// whose titles need not say it ("Apple Watch Series 9").
@Suite(.timeLimit(.minutes(1)))
struct ExcludedKindTests {
    @Test func aWordKeptOutKeepsOutTheCategoryItNames() {
        let ranker = Ranker(rates: CurrencyRates())
        func watch(_ id: String, _ category: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "\(id) Watch", brand: id, category: category, price: 300,
                                                 currency: "USD", marketplace: "local"))
        }
        let candidates = [watch("Apple", "Electronics > Watches > Smartwatches"), watch("Seiko", "Watches > Dress Watches")]
        let spec = RequirementSpec(category: "Watches", attributes: [RequirementSpec.excludedWordsKey: "smartwatch"])
        #expect(ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 5).map(\.id) == ["Seiko"])
        #expect(Ranker.category("Electronics > Watches > Smartwatches", isAnyOf: ["smartwatch"]))
        #expect(!Ranker.category("Electronics > Smartwatches > Bands", isAnyOf: ["smartwatch"]))
    }
}
