@testable import CatalogService
import Logging
import Shared
import Testing

/// A size a product states otherwise ranks it after the rest, as a colour does; a book's format
/// names its kind; "only" makes the brands asked for a filter (`RequirementSpec.brandsOnlyKey`).
@Suite(.timeLimit(.minutes(1)))
struct StatedSizeAndOnlyBrandsTests {
    let ranker = Ranker(rates: CurrencyRates())

    static func candidate(_ id: String, _ title: String, category: String, _ attributes: [String: String],
                          description: String? = nil, brand: String = "Acme") -> RankCandidate {
        RankCandidate(product: ProductResult(id: id, title: title, brand: brand, category: category, price: 500, currency: "USD",
                                             rating: 4.5, reviewCount: 1_000, marketplace: "local", attributes: attributes),
                      description: description)
    }

    /// "55 inch" after "a 4k tv for a bright room" listed three bright 65 and 75 inch TVs first:
    /// they met the feature, the 55 inch ones only the size.
    @Test func aScreenOfAnotherSizeComesAfterTheSizeAsked() {
        let tvs = [
            Self.candidate("bright65", "Acme 65 inch Mini LED 4K TV", category: "TVs", ["screen_size": "65 inch", "resolution": "4K"],
                           description: "High brightness for bright rooms."),
            Self.candidate("bright75", "Acme 75 inch Mini LED 4K TV", category: "TVs", ["screen_size": "75 inch", "resolution": "4K"],
                           description: "A bright picture in any room."),
            Self.candidate("plain55", "Acme 55 inch LED 4K TV", category: "TVs", ["screen_size": "55 inch", "resolution": "4K"]),
            Self.candidate("class55", "Acme 54.6 inch class LED 4K TV", category: "TVs", ["screen_size": "54.6 inch", "resolution": "4K"]),
        ]
        for sort in [RequirementSpec.SortOrder.relevance, .priceAscending, .rating] {
            let spec = RequirementSpec(category: "TVs", query: "bright tvs", attributes: ["resolution": "4K", "screen_size": "55 inch"],
                                       features: ["bright"], sort: sort)
            let ranked = ranker.rank(tvs, spec: spec, categoryTerms: ["tv"], limit: 4).map(\.id)
            #expect(Set(ranked.prefix(2)) == ["plain55", "class55"], "\(sort): \(ranked)")
        }
        let wanted = Ranker.WantedAttribute(key: "screen_size", value: "55 inch")
        #expect(Ranker.statesOtherSize("65inch", than: wanted) && !Ranker.statesOtherSize("54.6inch", than: wanted))
        #expect(!Ranker.statesOtherSize("large", than: wanted))
    }

    /// Clothes: a range or a size in the same terms as the one asked decides; another kind of size
    /// ("one size", a letter for a waist) decides nothing.
    @Test func aClothingSizeStatedOtherwiseInTheSameTerms() {
        let waist = Ranker.WantedAttribute(key: "size", value: "32")
        #expect(Ranker.statesOtherSize("0-30", than: waist) && Ranker.statesOtherSize("28", than: waist))
        #expect(!Ranker.statesOtherSize("28-40", than: waist) && !Ranker.statesOtherSize("32", than: waist))
        #expect(!Ranker.statesOtherSize("m", than: waist) && !Ranker.statesOtherSize("onesize", than: waist)
                    && !Ranker.statesOtherSize("s-xl", than: waist))
        let medium = Ranker.WantedAttribute(key: "size", value: "M")
        #expect(Ranker.statesOtherSize("xs-s", than: medium) && Ranker.statesOtherSize("l", than: medium))
        #expect(!Ranker.statesOtherSize("s-xxl", than: medium) && !Ranker.statesOtherSize("7-13", than: medium))
        let jeans = [
            Self.candidate("womens", "Acme Women's Slim Jeans", category: "Jeans", ["size": "0-30", "fit": "slim"]),
            Self.candidate("mens", "Acme Men's Regular Jeans", category: "Jeans", ["size": "28-40"]),
        ]
        let spec = RequirementSpec(category: "Jeans", query: "slim jeans", attributes: ["size": "32"], features: ["slim"])
        let terms = Array(CategoryVocabulary.terms(ofPathElement: "Jeans"))
        #expect(ranker.rank(jeans, spec: spec, categoryTerms: terms, limit: 2).map(\.id) == ["mens", "womens"])
    }

    /// "A mystery novel, paperback": a book whose format is paperback is one, though its title
    /// does not say so (before, the one mystery came seventh, after paperbacks by name).
    @Test func aBooksFormatNamesItsKind() {
        let books = [
            Self.candidate("austen", "Pride and Prejudice (Penguin Classics, Paperback)", category: "Books",
                           ["format": "paperback", "genre": "classic romance"]),
            Self.candidate("doyle", "The Adventures of Sherlock Holmes (Oxford World's Classics)", category: "Books",
                           ["format": "paperback", "genre": "mystery"]),
        ]
        let spec = RequirementSpec(category: "Books", query: "paperback books", keywords: ["paperback"], attributes: ["genre": "mystery"])
        #expect(ranker.rank(books, spec: spec, categoryTerms: ["book"], limit: 2).map(\.id) == ["doyle", "austen"])
    }

    /// "Nvidia only": no other brand is returned, the chip maker named by the title included; the
    /// brand without "only" ranks first and the others fill the list.
    /// On the demo catalog alone, whose graphics cards under $500 are of several chip makers.
    @Test func onlyTheBrandsAskedForWhenTheSpecSaysSo() async throws {
        let search = try await demoCatalogSearch(label: "only-brands-tests")
        for sort in RequirementSpec.SortOrder.allCases {
            var spec = RequirementSpec(category: "Graphics Cards", query: "NVIDIA graphics cards",
                                       budget: .init(min: nil, max: 500, currency: "USD"), brands: ["NVIDIA"], sort: sort)
            let preferred = try await search.search(spec, limit: 10, sourceNames: ["local"]).products
            try #require(preferred.contains { !$0.isOf(brand: "NVIDIA") }, "\(sort): \(preferred.map(\.title))")
            spec.attributes[RequirementSpec.brandsOnlyKey] = "yes"
            let only = try await search.search(spec, limit: 10, sourceNames: ["local"])
            #expect(!only.products.isEmpty && only.products.allSatisfy { $0.isOf(brand: "NVIDIA") },
                    "\(sort): \(only.products.map(\.title))")
            #expect(only.products.map(\.id) == preferred.filter { $0.isOf(brand: "NVIDIA") }.map(\.id), "\(sort)")
            #expect(only.totalFound == only.products.count, "\(sort): \(only.totalFound)")
        }
        // No brand asked: the attribute alone filters nothing, and is no word searched for.
        let spec = RequirementSpec(category: "Graphics Cards", query: "graphics cards", attributes: [RequirementSpec.brandsOnlyKey: "yes"])
        #expect(!spec.brandsAreOnly)
        let all = try await search.search(spec, limit: 10, sourceNames: ["local"]).products
        #expect(all.count >= 8 && all.allSatisfy { $0.matchReasons.allSatisfy { !$0.contains("brands") } })
    }
}
