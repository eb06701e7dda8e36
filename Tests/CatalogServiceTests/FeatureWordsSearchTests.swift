@testable import CatalogService
import Foundation
import Shared
import Testing

/// A feature found by the words listings say it with. "Something simpler" after gold necklaces
/// listed fancy ones and said none was simple: the catalog's 58 "Plain" necklaces never reached
/// the ranking, which alone knew that "plain" says "simple".
@Suite(.timeLimit(.minutes(1)))
struct FeatureWordsSearchTests {
    @Test func aFeatureOfOneWordIsFoundByItsSynonyms() async throws {
        // More fancy necklaces than the 30 a search looks at, and one plain one.
        let fancy = fillerProducts(title: "Gold Crystal Necklace", brand: "Trendz", categoryPath: ["Jewellery", "Necklaces"],
                                   price: 10, priceStep: 1, rating: 4.5, ratingCount: 100)
        let plain = ProductRecord(source: "t", sourceID: "plain", title: "Plain Gold Chain Necklace", brand: "Sukkhi",
                                  categoryPath: ["Jewellery", "Necklaces"], price: 30)
        let search = try await localSearch(of: fancy + [plain], label: "feature-words-test")
        let spec = RequirementSpec(category: "Necklaces", query: "gold simple necklaces", attributes: ["color": "gold"],
                                   features: ["simple"])
        let found = try await search.search(spec, limit: 3, sourceNames: nil).products
        #expect(found.first?.title == "Plain Gold Chain Necklace" && found.first?.matchReasons.contains("simple") == true,
                "\(found.map(\.title))")
        let groups = try #require(LocalCatalogSource.textQuery(for: spec, categoryIsKnown: true)).groups
        #expect(groups.contains { $0.first == "simple" && $0.contains("plain") }, "\(groups)")
        // A feature of several words keeps a group per word.
        let rated = RequirementSpec(category: "Necklaces", features: ["heart rate"])
        #expect(LocalCatalogSource.textQuery(for: rated, categoryIsKnown: true)?.groups == [["heart"], ["rate"]])
    }
}
