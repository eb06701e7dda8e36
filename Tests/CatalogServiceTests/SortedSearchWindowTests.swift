@testable import CatalogService
import Foundation
import Shared
import Testing

/// What a search sorted by price or rating looks at. "External hard drive 2tb", then "cheaper",
/// listed 320GB internal drives and said none was a hard drive: too few products had every word,
/// and the widened search took the cheapest with any word ("drive"), none of them 2TB.
@Suite(.timeLimit(.minutes(1)))
struct SortedSearchWindowTests {
    /// Forty cheap drives (more than the 30 a search looks at) that share one word with the search,
    /// and three that have most of its words, dearer.
    static func drives() -> [ProductRecord] {
        let cheap = fillerProducts(title: "Budget Drive 320GB", brand: "Budgetco", categoryPath: ["Storage", "External Storage"],
                                   price: 10, priceStep: 1, attributes: ["capacity": "320GB"])
        let wanted = [("Seagate Portable External Hard Drive 2TB", 79.98), ("Toshiba Canvio External Hard Drive 2TB", 69.0),
                      ("LaCie Rugged External Hard Drive 2TB", 99.99)]
        return cheap + wanted.enumerated().map { index, product in
            ProductRecord(source: "t", sourceID: "wanted\(index)", title: product.0, brand: product.0.components(separatedBy: " ")[0],
                          categoryPath: ["Storage", "External Storage"], price: product.1, attributes: ["capacity": "2TB"])
        }
    }

    static func search() async throws -> SearchService {
        try await localSearch(of: drives(), label: "sorted-window-test")
    }

    /// Sorted by price, a widened search keeps the products with the most of the words, and the
    /// ranker lists them cheapest first.
    @Test func aWidenedSearchSortedByPriceFindsTheProductsWithTheWords() async throws {
        let search = try await Self.search()
        let spec = RequirementSpec(category: "External Storage", query: "external hard drive missingword",
                                   keywords: ["external", "hard", "drive", "missingword"], attributes: ["capacity": "2TB"],
                                   sort: .priceAscending)
        let found = try await search.search(spec, limit: 3, sourceNames: nil).products
        #expect(found.map(\.price) == [69.0, 79.98, 99.99], "\(found.map(\.title))")
    }

    /// One word of the kind asked for ("drive" of "hard drive") is no keyword found: sorted by
    /// price, a $69 drive whose title says neither comes before a $79.98 "Portable Drive".
    @Test func aWordOfTheKindAloneDoesNotOrderASortedList() async throws {
        let spec = RequirementSpec(category: "Storage", query: "hard drive storage", keywords: ["hard", "drive"], sort: .priceAscending)
        let query = Ranker.ScoringQuery(spec: spec)
        #expect(query.kindWords == ["drive", "hard"])
        #expect(!query.tokenIsKeyword.contains(true))
        let candidates = [("Seagate Portable Drive 2TB", 79.98), ("WD My Passport 2TB", 69.0)].map { title, price in
            RankCandidate(product: ProductResult(id: title, title: title, brand: nil, category: "Storage > External Storage",
                                                 price: price, currency: "USD", marketplace: "local"))
        }
        let ranked = Ranker(rates: CurrencyRates()).rank(candidates, spec: spec, categoryTerms: ["storage"], limit: 2)
        #expect(ranked.map(\.price) == [69.0, 79.98])
    }

    /// "Laptops with at least 32gb ram" where listings say "memory: 32 GB" (the shared data's):
    /// few have the words, so the category's best sellers fill up the candidates, and the three
    /// with 32 GB were not among the 30 of them. An amount widens the window as an order does.
    @Test func anAmountAskedForLooksAtTheWholeCategory() async throws {
        let sellers = fillerProducts(title: "Chromebook", brand: "Acme", categoryPath: ["Laptops"], price: 200, priceStep: 1,
                                     rating: 4.5, ratingCount: 1_000, attributes: ["memory": "8 GB"])
        let studios = (0..<3).map { index in
            ProductRecord(source: "t", sourceID: "studio\(index)", title: "Studio Edition \(index)", brand: "Razer",
                          categoryPath: ["Laptops"], price: 2_000, attributes: ["memory": index == 0 ? "64 GB" : "32 GB"])
        }
        let search = try await localSearch(of: sellers + studios, label: "amount-window-test")
        let spec = RequirementSpec(category: "Laptops", query: "laptops", attributes: ["ram": "32GB"])
        let found = try await search.search(spec, limit: 4, sourceNames: nil).products
        #expect(found.prefix(3).allSatisfy { $0.brand == "Razer" } && found.last?.brand == "Acme", "\(found.map(\.title))")
    }
}
