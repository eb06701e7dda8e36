@testable import CatalogService
import Shared
import Testing

/// What a widened search scores its products by. "A red dress for a wedding", which no listing
/// has all of, widened to any dress: the shortest titles with "dress" came first, no red one among
/// the candidates, and the reply said none of the best matches came in red.
@Suite(.timeLimit(.minutes(1)))
struct WidenedSearchScoringTests {
    @Test func aWidenedSearchScoresByTheWordsThatFindNothingAlone() async throws {
        let plain = fillerProducts(title: "Dress", brand: "Acme", categoryPath: ["Clothing"])
        let red = (0..<2).map { index in
            ProductRecord(source: "t", sourceID: "red\(index)", title: "Ajaero Women's Maxi Red Dress With Long Sleeves \(index)",
                          brand: "Ajaero", categoryPath: ["Clothing"], price: 30)
        }
        let search = try await localSearch(of: plain + red, label: "widened-scoring-test")
        let spec = RequirementSpec(query: "red weddings dress", keywords: ["weddings", "dress"], attributes: ["color": "red"],
                                   useCase: "weddings")
        let found = try await search.search(spec, limit: 3, sourceNames: nil).products
        #expect(found.prefix(2).allSatisfy { $0.brand == "Ajaero" }, "\(found.map(\.title))")
        let text = try #require(LocalCatalogSource.textQuery(for: spec, categoryIsKnown: false)?.widened)
        #expect(text.groups == [["dress"]] && text.scoredAlsoBy.contains("red"), "\(text)")
        #expect(text.expression.hasPrefix("(\"dress\") AND (\"dress\" OR "), "\(text.expression)")
    }
}
