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

/// A motor's power is an amount of which more serves ("1400W" meets "1200W"), under either name
/// listings give it; the kind asked for ranks before an amount (earbuds with 8 hours before
/// over-ear headphones with the 12 asked of earbuds); and no title says a height ("48 x 30 inch"
/// is a desk's width and depth).
@Suite(.timeLimit(.minutes(1)))
struct AmountRankingTests {
    let ranker = Ranker(rates: CurrencyRates())

    private func candidate(_ id: String, _ title: String, category: String, _ attributes: [String: String]) -> RankCandidate {
        RankCandidate(product: ProductResult(id: id, title: title, brand: id, category: category, price: 100, currency: "USD",
                                             rating: 4.5, reviewCount: 100, marketplace: "local", attributes: attributes))
    }

    @Test func morePowerMeetsThePowerAskedUnderEitherName() {
        let candidates = [candidate("Weak", "Weak Blender", category: "Blenders", ["wattage": "900W"]),
                          candidate("Strong", "Strong Blender", category: "Blenders", ["wattage": "1400W"]),
                          candidate("Exact", "Exact Blender", category: "Blenders", ["power": "1200 W"])]
        let ranked = ranker.rank(candidates, spec: RequirementSpec(category: "Blenders", attributes: ["power": "1200W"]),
                                 categoryTerms: nil, limit: 3)
        #expect(ranked.map(\.id).suffix(1) == ["Weak"], "\(ranked.map(\.id))")
        #expect(ranked.first { $0.id == "Strong" }?.matchReasons.contains("power: 1400W") == true, "\(ranked)")
    }

    @Test func theKindAskedForRanksBeforeAnAmount() {
        let candidates = [candidate("Over", "Over-Ear Wireless Headphones", category: "Headphones", ["battery_life": "57 hours"]),
                          candidate("Buds", "True Wireless Earbuds", category: "Headphones", ["battery_life": "8 hours"])]
        let ranked = ranker.rank(candidates, spec: RequirementSpec(category: "Headphones", query: "earbuds headphones",
                                                                   keywords: ["earbuds"], attributes: ["battery_life": "12 hours"]),
                                 categoryTerms: nil, limit: 2)
        #expect(ranked.map(\.id) == ["Buds", "Over"], "\(ranked.map(\.id))")
    }

    @Test func noTitleSaysAHeight() {
        let desk = candidate("Desk", "Electric Standing Desk, 48 x 30 inch", category: "Desks", ["width": "48 inch"])
        let ranked = ranker.rank([desk], spec: RequirementSpec(category: "Desks", attributes: ["height": "48 inch"]),
                                 categoryTerms: nil, limit: 1)
        #expect(ranked.first?.matchReasons.contains { $0.contains("height") } == false, "\(ranked)")
        let wide = ranker.rank([desk], spec: RequirementSpec(category: "Desks", attributes: ["width": "48 inch"]),
                               categoryTerms: nil, limit: 1)
        #expect(wide.first?.matchReasons.contains("width: 48 inch") == true, "\(wide)")
    }
}
