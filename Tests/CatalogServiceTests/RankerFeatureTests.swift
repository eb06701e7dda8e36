@testable import CatalogService
import Shared
import Testing

/// The ranker's features: which listings have the ones asked for (an attribute that says no, a
/// discount for "on sale", the words listings say a feature or a use with) and the tier that
/// puts the products with more of them first. `RankerTests` has the other tiers and matches.
@Suite(.timeLimit(.minutes(1)))
struct RankerFeatureTests {
    @Test func aFeatureAnAttributeDeniesIsNoReason() throws {
        let ranker = Ranker(rates: CurrencyRates())
        func headphones(_ id: String, wireless: String) -> ProductResult {
            ProductResult(id: "t:\(id)", title: "Studio Monitor Headphones \(id)", brand: "Acme", category: "Headphones",
                          price: 100, currency: "USD", marketplace: "local",
                          attributes: ["wireless": wireless, "noise_cancelling": "no", "color": "black"])
        }
        let spec = RequirementSpec(features: ["wireless", "noise cancelling"])
        let ranked = ranker.rank([RankCandidate(product: headphones("1", wireless: "no")),
                                  RankCandidate(product: headphones("2", wireless: "yes"))],
                                 spec: spec, categoryTerms: nil, limit: 5)
        let wired = try #require(ranked.first { $0.id == "t:1" })
        let wireless = try #require(ranked.first { $0.id == "t:2" })
        #expect(!wired.matchReasons.contains("wireless"))
        #expect(wireless.matchReasons.contains("wireless"))
        #expect(ranked.allSatisfy { !$0.matchReasons.contains("noise cancelling") })
        #expect(ranked.first?.id == "t:2")
    }

    /// "Best noise cancelling headphones" sorted by rating put open-back wired headphones second:
    /// a feature only added to the score. Products with every feature asked for come first in
    /// any order, and one whose attribute denies it ("noise_cancelling: no") is no such product.
    @Test func productsWithEveryFeatureAskedForComeFirst() {
        let ranker = Ranker(rates: CurrencyRates())
        func headphones(_ id: String, rating: Double, price: Double, _ attributes: [String: String]) -> RankCandidate {
            RankCandidate(product: ProductResult(id: "h:\(id)", title: "Acme \(id) Headphones", brand: "Acme", category: "Headphones",
                                                 price: price, currency: "USD", rating: rating, reviewCount: 5_000,
                                                 marketplace: "local", attributes: attributes))
        }
        let candidates = [headphones("open", rating: 4.9, price: 150, [:]),
                          headphones("denied", rating: 4.8, price: 60, ["noise_cancelling": "no"]),
                          headphones("quiet", rating: 4.1, price: 300, ["noise_cancelling": "yes"])]
        for sort in [RequirementSpec.SortOrder.relevance, .priceAscending, .rating] {
            let spec = RequirementSpec(category: "Headphones", query: "noise cancelling headphones",
                                       features: ["noise cancelling"], sort: sort)
            let ranked = ranker.rank(candidates, spec: spec, categoryTerms: ["headphone"], limit: 3)
            #expect(ranked.first?.id == "h:quiet" && ranked.count == 3, "\(sort): \(ranked.map(\.id))")
        }
    }

    /// "Which ones are on sale?" paged on: a discount is a feature no listing states in words;
    /// the catalog reads it from the prices (5 % below the list price or more) and says it.
    @Test func onSaleIsAFeatureOfThePrices() {
        let ranker = Ranker(rates: CurrencyRates())
        func laptop(_ id: String, price: Double, listPrice: Double?, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "Acme \(id) Laptop", brand: "Acme", category: "Laptops", price: price,
                                                 currency: "USD", rating: rating, reviewCount: 5_000, marketplace: "local"),
                          listPrice: listPrice)
        }
        let candidates = [laptop("full", price: 500, listPrice: nil, rating: 4.9), laptop("nearly", price: 500, listPrice: 510, rating: 4.8),
                          laptop("sale", price: 400, listPrice: 500, rating: 4.0)]
        let spec = RequirementSpec(category: "Laptops", query: "on sale laptops", features: ["on sale"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: ["laptop"], limit: 3)
        #expect(ranked.map(\.id) == ["sale", "full", "nearly"], "\(ranked.map(\.id))")
        #expect(ranked.first?.matchReasons.contains("20% off") == true && !ranked.contains { $0.matchReasons.contains("on sale") }, "\(ranked.map(\.matchReasons))")
    }

    /// "Warm" jackets said none was insulated while jackets stated their "insulation"; a watch's
    /// "water resistance" is a waterproof one, and its depth an amount ("100m" meets "50m").
    @Test func aFeatureMatchesTheWordsListingsStateItBy() {
        let ranker = Ranker(rates: CurrencyRates())
        func item(_ id: String, _ category: String, _ attributes: [String: String]) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "Acme \(id)", brand: "Acme", category: category, price: 100,
                                                 currency: "USD", rating: 4.5, reviewCount: 1_000, marketplace: "local",
                                                 attributes: attributes))
        }
        let jackets = [item("shell", "Jackets", ["material": "nylon"]), item("down", "Jackets", ["insulation": "down"]),
                       item("none", "Jackets", ["insulation": "none"])]
        let warm = ranker.rank(jackets, spec: RequirementSpec(category: "Jackets", features: ["insulated"]), categoryTerms: nil, limit: 3)
        #expect(warm.first?.id == "down" && warm.first?.matchReasons.contains("insulated") == true
                && !warm.contains { $0.id != "down" && $0.matchReasons.contains("insulated") }, "\(warm.map(\.matchReasons))")
        let watches = [item("ip68", "Smartwatches", ["water_resistance": "IP68"]), item("deep", "Smartwatches", ["water_resistance": "100m"]),
                       item("shallow", "Smartwatches", ["water_resistance": "30m"])]
        let swim = ranker.rank(watches, spec: RequirementSpec(category: "Smartwatches", attributes: ["water_resistance": "50m"],
                                                              features: ["waterproof"]), categoryTerms: nil, limit: 3)
        #expect(swim.first?.id == "deep" && swim.allSatisfy { $0.matchReasons.contains("waterproof") }, "\(swim.map(\.matchReasons))")
        // A laptop's graphics card of its own is named in its title by its chip.
        let laptops = [item("plain", "Laptops", ["gpu": "Intel UHD Graphics"]),
                       RankCandidate(product: ProductResult(id: "rtx", title: "Acme Gaming Laptop, RTX 4060", brand: "Acme",
                                                            category: "Laptops", price: 100, currency: "USD", rating: 4.5,
                                                            reviewCount: 1_000, marketplace: "local"))]
        let graphics = ranker.rank(laptops, spec: RequirementSpec(category: "Laptops", features: ["graphics card"]), categoryTerms: nil, limit: 2)
        #expect(graphics.first?.id == "rtx" && graphics.first?.matchReasons.contains("graphics card") == true, "\(graphics.map(\.matchReasons))")
        // Earbuds that stay put for running are of a secure fit.
        let earbuds = [RankCandidate(product: ProductResult(id: "open", title: "Acme Open Earbuds", brand: "Acme", category: "Headphones",
                                                            price: 99, currency: "USD", marketplace: "local"),
                                     description: "Open-fit earbuds for calls."),
                       RankCandidate(product: ProductResult(id: "sport", title: "Acme Fit Pro Earbuds", brand: "Acme", category: "Headphones",
                                                            price: 199, currency: "USD", marketplace: "local"),
                                     description: "Sport earbuds with flexible wingtips that stay put during runs.")]
        let secure = ranker.rank(earbuds, spec: RequirementSpec(category: "Headphones", features: ["secure fit"]), categoryTerms: nil, limit: 2)
        #expect(secure.first?.id == "sport" && secure.first?.matchReasons.contains("secure fit") == true, "\(secure.map(\.matchReasons))")
    }

    /// "Headphones for the gym" (the use "fitness") put studio headphones first: no listing says
    /// "fitness", sport earbuds say "gym" and "workouts".
    @Test func aUseIsFoundByTheWordsListingsSayItWith() {
        let ranker = Ranker(rates: CurrencyRates())
        func headphones(_ id: String, _ description: String, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "\(id) Headphones", brand: id, category: "Headphones", price: 150,
                                                 currency: "USD", rating: rating, reviewCount: 5_000, marketplace: "local"),
                          description: description)
        }
        let candidates = [headphones("Studio", "Open-back reference headphones for mixing at a desk.", rating: 4.8),
                          headphones("Sport", "Earbuds with wingtips that stay put during gym workouts.", rating: 4.3)]
        let spec = RequirementSpec(category: "Headphones", query: "fitness headphones", keywords: ["fitness"], useCase: "fitness")
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 2)
        #expect(ranked.map(\.id) == ["Sport", "Studio"])
        #expect(ranked.first?.matchReasons.first == "mentions \"gym\"", "\(ranked.first?.matchReasons ?? [])")
        // The use is a tier: earbuds whose title does not say "headphones" still come first.
        var earbuds = candidates[1]
        earbuds.product.title = "Sport True Wireless Earbuds"
        #expect(ranker.rank([candidates[0], earbuds], spec: spec, categoryTerms: nil, limit: 2).map(\.id) == ["Sport", "Studio"])
        // A tablet for drawing is one with a pen or a stylus, which listings say rather than "drawing".
        func listing(_ id: String, _ description: String, category: String = "Tablets") -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "\(id) \(category.dropLast())", brand: id, category: category, price: 300,
                                                 currency: "USD", rating: 4.5, reviewCount: 1_000, marketplace: "local"),
                          description: description)
        }
        let tablets = [listing("Fire", "Tablet for films, reading and games."),
                       listing("Tab", "Android tablet with a stylus for sketching.")]
        let drawing = RequirementSpec(category: "Tablets", query: "drawing tablets", keywords: ["drawing"], useCase: "drawing")
        #expect(ranker.rank(tablets, spec: drawing, categoryTerms: nil, limit: 2).map(\.id) == ["Tab", "Fire"])
        // A tent for hiking is one for backpacking: a family dome tent for car camping came first.
        let tents = [listing("Sundome", "Family dome tent for car camping.", category: "Tents"),
                     listing("Hubba", "Well-ventilated backpacking tent.", category: "Tents")]
        let hiking = RequirementSpec(category: "Tents", query: "hiking tents", keywords: ["hiking"], useCase: "hiking")
        #expect(ranker.rank(tents, spec: hiking, categoryTerms: nil, limit: 2).map(\.id) == ["Hubba", "Sundome"])
    }
}
