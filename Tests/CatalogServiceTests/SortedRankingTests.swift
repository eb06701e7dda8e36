@testable import CatalogService
import Shared
import Testing

/// A search sorted by price or rating still puts what was asked for first: "the cheapest 65 inch
/// TV" showed a 24 inch one first and said none of the best matches had a 65 inch screen.
@Suite(.timeLimit(.minutes(1)))
struct SortedRankingTests {
    @Test func aSortedSearchPutsTheProductsWithTheAttributesAskedForFirst() {
        let ranker = Ranker(rates: CurrencyRates())
        func tv(_ id: String, inches: Int, price: Double, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "\(id) \(inches) inch 4K TV", brand: id, category: "TVs", price: price,
                                                 currency: "USD", rating: rating, reviewCount: 1_000, marketplace: "local",
                                                 attributes: ["screen_size": "\(inches) inch", "resolution": "4K"]))
        }
        let candidates = [tv("Small", inches: 24, price: 99.99, rating: 4.9), tv("Big", inches: 65, price: 399.99, rating: 4.5),
                          tv("Dear", inches: 65, price: 1_999.99, rating: 4.6), tv("Mid", inches: 55, price: 379.99, rating: 4.8)]
        let cheapest = ranker.rank(candidates, spec: RequirementSpec(category: "TVs", attributes: ["screen_size": "65 inch"],
                                                                     sort: .priceAscending), categoryTerms: nil, limit: 4)
        #expect(cheapest.map(\.id) == ["Big", "Dear", "Small", "Mid"], "\(cheapest.map(\.id))")
        let bestRated = ranker.rank(candidates, spec: RequirementSpec(category: "TVs", attributes: ["screen_size": "65 inch"],
                                                                      sort: .rating), categoryTerms: nil, limit: 4)
        #expect(bestRated.map(\.id).prefix(2) == ["Dear", "Big"], "\(bestRated.map(\.id))")
        // Without an attribute asked for, the order is the price's alone.
        let byPrice = ranker.rank(candidates, spec: RequirementSpec(category: "TVs", sort: .priceAscending), categoryTerms: nil, limit: 4)
        #expect(byPrice.map(\.id) == ["Small", "Mid", "Big", "Dear"], "\(byPrice.map(\.id))")
    }
}
