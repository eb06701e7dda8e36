@testable import CatalogService
import Foundation
import Shared
import Testing

/// A thing searched for by name that no listing names whole: the closest are of its kind.
@Suite(.timeLimit(.minutes(1)))
struct NamedThingSearchTests {
    /// "A rice cooker" of a catalog with pressure cookers and many rice lights: before, "Rice" and
    /// rice lights were the closest. A last word no category names ("firm" said after "memory foam
    /// mattress") is no head, and the search widens as before.
    @Test func theClosestToAThingNamedAreOfItsHeadNoun() async throws {
        let lights = fillerProducts(title: "Digilight 200 inch Rice Lights", brand: "Digilight", categoryPath: ["Home", "Lighting"])
        let cooker = ProductRecord(source: "t", sourceID: "cooker", title: "Prestige Popular Plus 10 L Pressure Cooker",
                                   brand: "Prestige", categoryPath: ["Kitchen & Dining", "Pressure Cookers & Pans"], price: 25)
        let rice = ProductRecord(source: "t", sourceID: "rice", title: "Rice", brand: nil, categoryPath: ["groceries"], price: 6)
        let search = try await localSearch(of: lights + [cooker, rice], label: "named-thing-test")
        let spec = RequirementSpec(query: "rice cooker", keywords: ["rice", "cooker"])
        #expect(try await search.nameHead(for: spec) == "cooker")
        let found = try await search.search(spec, limit: 3, sourceNames: nil)
        #expect(found.products.first?.id == "t:cooker", "\(found.products.map(\.title))")
        let firm = RequirementSpec(query: "memory foam mattress firm", keywords: ["mattress", "firm"])
        #expect(try await search.nameHead(for: firm) == nil)
        #expect(try await search.nameHead(for: RequirementSpec(category: "Lighting", query: "rice lights")) == nil)
    }
}
