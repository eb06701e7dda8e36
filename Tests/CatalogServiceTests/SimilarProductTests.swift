@testable import CatalogService
import Logging
import Shared
import Testing

/// "More like the third one": the spec names a product shown before (`RequirementSpec.similarToKey`),
/// the catalog ranks by likeness to it (`Likeness`) and never returns it.
@Suite(.timeLimit(.minutes(1)))
struct SimilarProductTests {
    let ranker = Ranker(rates: CurrencyRates())

    static func headphones(_ id: String, type: String, price: Double, brand: String = "Acme", color: String = "black",
                           battery: String = "30 hours") -> RankCandidate {
        RankCandidate(product: ProductResult(
            id: id, title: "\(brand) \(id) Wireless Headphones", brand: brand, category: "Electronics > Headphones", price: price,
            currency: "USD", rating: 4.5, reviewCount: 1_000, marketplace: "local",
            attributes: ["type": type, "color": color, "battery_life": battery, "wireless": "yes"]))
    }

    static let onEar = headphones("liked", type: "on-ear", price: 60, brand: "Sony", color: "blue", battery: "50 hours")
    static let shown = [
        onEar,
        headphones("earbuds", type: "earbuds", price: 55, color: "blue", battery: "50 hours"),
        headphones("onear", type: "on-ear", price: 50, battery: "50 hours"),
        headphones("dear", type: "on-ear", price: 120, battery: "50 hours"),
        headphones("overear", type: "over-ear", price: 65),
    ]

    @Test func productsAreOrderedByLikenessAndTheOneLikedIsLeftOut() {
        let spec = RequirementSpec(category: "Headphones", query: "wireless headphones",
                                   attributes: [RequirementSpec.similarToKey: "liked"], features: ["wireless"])
        let likeness = Likeness(reference: Self.onEar.product, rates: CurrencyRates())
        let ranked = ranker.rank(Self.shown, spec: spec, categoryTerms: nil, limit: 5, likeness: likeness)
        // On-ear at a like price, then on-ear at twice the price, then earbuds of the same colour
        // and price: the kind counts three times.
        #expect(ranked.map(\.id) == ["onear", "dear", "earbuds", "overear"])
        // "Wireless" was asked as a feature: its own reason says it.
        #expect(ranked[0].matchReasons.first == "like the Sony in type (on-ear) and battery life (50 hours)",
                "\(ranked[0].matchReasons)")
        // Without the product in the catalog, it is still kept out.
        let unknown = ranker.rank(Self.shown, spec: spec, categoryTerms: nil, limit: 5)
        #expect(!unknown.map(\.id).contains("liked") && unknown.count == 4)
    }

    /// "I don't like the first one" (`RequirementSpec.excludedProductsKey`): never returned.
    @Test func turnedDownProductsAreNeverReturned() {
        let spec = RequirementSpec(category: "Headphones", query: "headphones",
                                   attributes: [RequirementSpec.excludedProductsKey: "onear,dear"])
        #expect(spec.excludedProductIDs == ["onear", "dear"])
        let ranked = ranker.rank(Self.shown, spec: spec, categoryTerms: nil, limit: 5).map(\.id)
        #expect(Set(ranked) == ["liked", "earbuds", "overear"], "\(ranked)")
    }

    @Test func similarityWeighsKindPriceAndBrand() {
        let likeness = Likeness(reference: Self.onEar.product, rates: CurrencyRates())
        func value(_ candidate: RankCandidate) -> Double {
            likeness.similarity(of: candidate.product, attributes: ComparableAttributes(candidate.product.attributes),
                                rates: CurrencyRates()).value
        }
        let sameBrand = Self.headphones("sony", type: "on-ear", price: 60, brand: "Sony", color: "blue", battery: "50 hours")
        #expect(value(sameBrand) == 1)
        #expect(value(Self.shown[2]) > value(Self.shown[1]))
        // Three times the price or more is no likeness by price at all.
        let thrice = Self.headphones("x", type: "on-ear", price: 180, color: "blue", battery: "50 hours")
        #expect(value(thrice) == 0.6)
        #expect(Likeness.areClose(Quantity("30 hours"), Quantity("32 hours")))
        #expect(!Likeness.areClose(Quantity("30 hours"), Quantity("50 hours")))
        // A like amount is said as the product states it; a plain no is counted, not said.
        let close = Self.headphones("close", type: "on-ear", price: 60, battery: "45 hours")
        let shared = likeness.similarity(of: close.product, attributes: ComparableAttributes(close.product.attributes),
                                         rates: CurrencyRates()).shared
        #expect(likeness.reason(shared: shared, asked: [:]) == "like the Sony in type (on-ear), battery life (45 hours) and wireless (yes)")
        // An amount of a key asked is said by the spec's own reason.
        #expect(likeness.reason(shared: shared, asked: ["battery_life": "40hours"]) == "like the Sony in type (on-ear) and wireless (yes)")
        // Asked as a feature, "wireless" is said by its own reason.
        #expect(likeness.reason(shared: shared, asked: [:], features: ["wireless"])
                    == "like the Sony in type (on-ear) and battery life (45 hours)")
        let denied = Likeness(reference: Self.headphones("quiet", type: "on-ear", price: 60, battery: "no").product, rates: CurrencyRates())
        let unstated = Self.headphones("plain", type: "in-ear", price: 60, battery: "no")
        #expect(denied.reason(shared: denied.similarity(of: unstated.product, attributes: ComparableAttributes(unstated.product.attributes),
                                                        rates: CurrencyRates()).shared, asked: [:]) == "like the Acme in wireless (yes)")
    }

    /// A book is named by its author and its brand (the publisher) makes it no likelier; the
    /// genre is its kind. A detail shared that the spec asks as well is said by its own reason.
    @Test func booksAreAlikeByGenreNotByPublisher() {
        func book(_ id: String, genre: String, publisher: String, price: Double, format: String = "paperback") -> RankCandidate {
            RankCandidate(product: ProductResult(
                id: id, title: "\(id) (\(publisher))", brand: publisher, category: "Books", price: price, currency: "USD",
                rating: 4.5, reviewCount: 100, marketplace: "local",
                attributes: ["author": "Author \(id)", "genre": genre, "language": "English", "format": format]))
        }
        let poe = book("poe", genre: "horror", publisher: "Penguin Classics", price: 35)
        let books = [poe, book("war", genre: "historical fiction", publisher: "Penguin Classics", price: 25, format: "hardcover"),
                     book("dracula", genre: "horror", publisher: "Wordsworth", price: 6)]
        let likeness = Likeness(reference: poe.product, rates: CurrencyRates())
        let spec = RequirementSpec(category: "Books", attributes: [RequirementSpec.similarToKey: "poe"])
        let ranked = ranker.rank(books, spec: spec, categoryTerms: nil, limit: 3, likeness: likeness)
        #expect(ranked.map(\.id) == ["dracula", "war"])
        #expect(ranked[0].matchReasons.first == "like the book by Author poe in genre (horror) and format (paperback)",
                "\(ranked[0].matchReasons)")
        // Only a plain detail in common (the language): no reason of likeness.
        #expect(!ranked[1].matchReasons.contains { $0.hasPrefix("like ") }, "\(ranked[1].matchReasons)")
        var asked = spec
        asked.attributes["format"] = "paperback"
        let askedFormat = ranker.rank(books, spec: asked, categoryTerms: nil, limit: 3, likeness: likeness)
        #expect(askedFormat[0].matchReasons.first == "like the book by Author poe in genre (horror)", "\(askedFormat[0].matchReasons)")
    }

    /// Through the search, on the demo catalog: the product named is looked up by id, left out,
    /// and the others ordered by likeness to it; an id the catalog lacks (a marketplace's) only
    /// keeps that product out.
    @Test func theSearchLooksTheProductUpAndRanksByIt() async throws {
        let search = try await demoCatalogSearch(label: "similar-product-tests")
        var spec = RequirementSpec(category: "Blenders", query: "blenders")
        let blenders = try await search.search(spec, limit: 20, sourceNames: ["local"]).products
        let liked = try #require(blenders.first { $0.attributes["type"] == "personal" }, "\(blenders.map(\.attributes))")
        spec.attributes[RequirementSpec.similarToKey] = liked.id
        let alike = try await search.search(spec, limit: 20, sourceNames: ["local"])
        #expect(!alike.products.contains { $0.id == liked.id } && alike.products.count == blenders.count - 1)
        // Personal blenders first, each saying so.
        let personal = blenders.filter { $0.attributes["type"] == "personal" && $0.id != liked.id }.count
        try #require(personal > 0)
        #expect(alike.products.prefix(personal).allSatisfy { $0.attributes["type"] == "personal" }, "\(alike.products.map(\.title))")
        #expect(alike.products[0].matchReasons.first?.hasPrefix("like the Ninja in type (personal)") == true,
                "\(alike.products[0].matchReasons)")
        spec.attributes[RequirementSpec.similarToKey] = "ebay:v1|123|0"
        let unknown = try await search.search(spec, limit: 20, sourceNames: ["local"]).products
        #expect(unknown.map(\.id) == blenders.map(\.id))
    }
}
