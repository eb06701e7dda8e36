@testable import CatalogService
import Shared
import Testing

/// The ranker on its own, without a store: how a product's attributes and words meet a spec
/// (aliases, amounts, colours, genders, ages) and the tiers they put products in; features are
/// `RankerFeatureTests`'. `SearchTests` searches real stores through the service.
@Suite(.timeLimit(.minutes(1)))
struct RankerTests {
    @Test func wantedAttributesMatchByAliasListedValueAndTitle() throws {
        let ranker = Ranker(rates: CurrencyRates())
        func shirt(_ id: String, _ attributes: [String: String], title: String = "Cotton Shirt") -> RankCandidate {
            RankCandidate(product: ProductResult(id: "t:\(id)", title: "\(title) \(id)", brand: "Acme", category: "Shirts",
                                                 price: 20, currency: "USD", marketplace: "local", attributes: attributes))
        }
        let candidates = [
            shirt("alias", ["Colour Name": "Navy Blue"]),          // an alias of color, in another case
            shirt("listed", ["color": "white/navy blue,red"]),      // one of listed values
            shirt("hyphen", ["color-name": "NAVY BLUE"]),
            shirt("titled", ["fit": "slim"], title: "Navy Blue"),   // no colour stated: named in the title instead
            shirt("stated", ["color": "green"], title: "Navy Blue"),  // a colour stated decides, whatever the title says
            shirt("other", ["colour": "red", "navy blue": "yes"]),  // neither by key nor in the title
            shirt("ünï", ["cölör": "navy blue"]),                   // a name that is not ASCII and no key
        ]
        let spec = RequirementSpec(attributes: ["color": "navy blue", "memory_size": "x"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 10)
        let matching = Set(ranked.filter { $0.matchReasons.contains("in navy blue") }.map(\.id))
        #expect(matching == ["t:alias", "t:listed", "t:hyphen", "t:titled"])
        #expect(AttributeName.key("Screen Size-Inches") == "screen_size")
        #expect(AttributeName.key("ÉCRAN") == "écran")
        #expect(AttributeName.reason(key: "memory_size", value: " 16 GB\t") == "memory size: 16 GB")
        #expect(AttributeName.reason(key: "Colour", value: " Navy ") == "in navy")
        #expect("16gbddr5".containsBytes(of: "16gb") && !"16gb".containsBytes(of: "16gbddr5") && !"abc".containsBytes(of: ""))
    }

    /// A value the product states decides over its title's words: "over-ear" is "ear" once its
    /// stop word is gone, and on-ear headphones titled "On-Ear" were over-ear matches first.
    @Test func aValueTheProductStatesOutweighsItsTitlesWords() {
        let ranker = Ranker(rates: CurrencyRates())
        func headphones(_ id: String, _ title: String, type: String?) -> RankCandidate {
            RankCandidate(product: ProductResult(id: "h:\(id)", title: title, brand: "Acme", category: "Headphones", price: 60,
                                                 currency: "USD", rating: id == "on" ? 4.9 : 4.1, reviewCount: 5_000,
                                                 marketplace: "local", attributes: type.map { ["type": $0] } ?? [:]))
        }
        let ranked = ranker.rank([headphones("on", "Acme On-Ear Headphones", type: "on-ear"),
                                  headphones("over", "Acme Studio Headphones", type: "over-ear"),
                                  headphones("titled", "Acme Over-Ear Headphones", type: nil)],
                                 spec: RequirementSpec(category: "Headphones", attributes: ["type": "over-ear"]),
                                 categoryTerms: nil, limit: 5)
        let matching = Set(ranked.filter { $0.matchReasons.contains { $0.contains("over-ear") } }.map(\.id))
        #expect(matching == ["h:over", "h:titled"], "\(ranked.map { ($0.id, $0.matchReasons) })")
        #expect(ranked.last?.id == "h:on", "\(ranked.map(\.id))")
    }

    /// "More ram" asked for 32GB under a budget that none with 32GB meets: the best rated 8GB
    /// laptop came first, as if the amount did not matter. Those with more of it come first now,
    /// and a share is no reason to show.
    @Test func whenNoneHasTheAmountAskedThoseWithMostOfItComeFirst() {
        let ranker = Ranker(rates: CurrencyRates())
        func laptop(_ ram: String?, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: "l:\(ram ?? "none")", title: "Acme Laptop \(rating)", brand: "Acme",
                                                 category: "Laptops", price: 600, currency: "USD", rating: rating,
                                                 reviewCount: 3_000, marketplace: "local",
                                                 attributes: ram.map { ["memory": $0] } ?? [:]))
        }
        let candidates = [laptop("8GB", rating: 4.9), laptop(nil, rating: 5.0), laptop("16 GB", rating: 4.0), laptop("4GB", rating: 4.8)]
        let ranked = ranker.rank(candidates, spec: RequirementSpec(category: "Laptops", attributes: ["ram": "32GB"]),
                                 categoryTerms: nil, limit: 5)
        #expect(ranked.map(\.id) == ["l:16 GB", "l:8GB", "l:4GB", "l:none"], "\(ranked.map(\.id))")
        #expect(ranked.allSatisfy { !$0.matchReasons.contains { $0.contains("RAM") } }, "\(ranked.map(\.matchReasons))")
        // One that has it is first, whatever the rest.
        let enough = ranker.rank(candidates + [laptop("64GB", rating: 3.0)],
                                 spec: RequirementSpec(category: "Laptops", attributes: ["ram": "32GB"]), categoryTerms: nil, limit: 5)
        #expect(enough.first?.id == "l:64GB" && enough.first?.matchReasons.contains("64GB RAM") == true, "\(enough.map(\.matchReasons))")
        // A sleeve holds a laptop as big or smaller: 15.6 and 16 inch for "15 inch", not "no".
        func backpack(_ sleeve: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: sleeve, title: "Acme Backpack \(sleeve)", brand: "Acme", category: "Backpacks", price: 50,
                                                 currency: "USD", marketplace: "local", attributes: ["laptop_sleeve": sleeve]))
        }
        let packs = ranker.rank([backpack("no"), backpack("13 inch"), backpack("16 inch"), backpack("15.6 inch")],
                                spec: RequirementSpec(attributes: ["laptop_sleeve": "15 inch"]), categoryTerms: nil, limit: 5)
        #expect(Set(packs.prefix(2).map(\.id)) == ["16 inch", "15.6 inch"] && packs.first?.matchReasons.first?.hasPrefix("fits a 1") == true,
                "\(packs.map { "\($0.id) \($0.matchReasons)" })")
        // As much, written otherwise: "2TB" has the "2TB SSD" asked for, and says so.
        let drives = [laptop("2TB", rating: 4.0), laptop("1TB", rating: 5.0)]
        let twoTerabytes = ranker.rank(drives, spec: RequirementSpec(attributes: ["ram": "2TB SSD"]), categoryTerms: nil, limit: 5)
        #expect(twoTerabytes.first?.id == "l:2TB" && twoTerabytes.first?.matchReasons.contains("2TB RAM") == true,
                "\(twoTerabytes.map(\.matchReasons))")
    }

    /// "The biggest TV", "the lightest tent", "the biggest blender": a measure asked for as
    /// `most` or `least` orders the products by how much of it they state, units compared
    /// ("3 lb 12 oz" against "4 lb", "2 qt" against "72 oz"), a screen's size read from the
    /// title when no attribute states it; those that state none come last, and each says its
    /// amount first among its reasons.
    @Test func aMeasureAskedAsMostOrLeastOrdersByTheAmountStated() {
        let ranker = Ranker(rates: CurrencyRates())
        func product(_ id: String, _ title: String, _ attributes: [String: String], rating: Double = 4.5) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: title, brand: "Acme", category: "Things", price: 300,
                                                 currency: "USD", rating: rating, reviewCount: 1_000, marketplace: "local",
                                                 attributes: attributes))
        }
        let tvs = [product("43", "Acme 43 inch 4K TV", [:], rating: 4.9), product("none", "Acme Smart TV", [:], rating: 5.0),
                   product("65", "Acme 4K TV", ["screen_size": "65 inch"], rating: 3.9), product("55", "Acme 55-inch TV", [:])]
        let biggest = ranker.rank(tvs, spec: RequirementSpec(category: "TVs", attributes: ["screen_size": "most"]),
                                  categoryTerms: nil, limit: 5)
        #expect(biggest.map(\.id) == ["65", "55", "43", "none"], "\(biggest.map(\.id))")
        #expect(biggest.first?.matchReasons.first == "65 inch screen" && biggest[1].matchReasons.first == "55 inch screen",
                "\(biggest.map(\.matchReasons))")
        let smallest = ranker.rank(tvs, spec: RequirementSpec(category: "TVs", attributes: ["Screen": " Least"]),
                                   categoryTerms: nil, limit: 5)
        #expect(smallest.map(\.id) == ["43", "55", "65", "none"], "\(smallest.map(\.id))")

        let tents = [product("4lb", "Trail Tent", ["weight": "4 lb"]), product("3lb12", "Ultra Tent", ["weight": "3 lb 12 oz"]),
                     product("2kg", "Metric Tent", ["weight": "2 kg"]), product("60oz", "Ounce Tent", ["weight": "60 oz"])]
        let lightest = ranker.rank(tents, spec: RequirementSpec(attributes: ["weight": "least"]), categoryTerms: nil, limit: 5)
        // 60 oz (1.70 kg) = 3 lb 12 oz, before 4 lb (1.81 kg) and 2 kg.
        #expect(Set(lightest.prefix(2).map(\.id)) == ["3lb12", "60oz"] && lightest.suffix(2).map(\.id) == ["4lb", "2kg"],
                "\(lightest.map(\.id))")
        #expect(lightest.first { $0.id == "3lb12" }?.matchReasons.first == "weighs 3 lb 12 oz", "\(lightest.map(\.matchReasons))")

        // Mats that state their thickness only in their titles (the shared data's "… Yoga Cherry 12 mm").
        let mats = [product("4", "ShopSince Yoga and Exercise Mat (4mm) Green", [:]), product("none", "Plain Yoga Mat Blue", [:]),
                    product("12", "Gravolite Plain Yoga Cherry 12 mm", [:]), product("1cm", "Studio Mat 1 cm", [:]),
                    product("sides", "Cotton Large Bath Mat 50 x 80 Cm Blue", [:])]
        let thickest = ranker.rank(mats, spec: RequirementSpec(attributes: ["thickness": "most"]), categoryTerms: nil, limit: 5)
        #expect(thickest.map(\.id).prefix(3) == ["12", "1cm", "4"] && Set(thickest.suffix(2).map(\.id)) == ["none", "sides"],
                "\(thickest.map(\.id))")
        #expect(thickest.first?.matchReasons.first?.contains("12 mm") == true, "\(thickest.map(\.matchReasons))")

        let blenders = [product("72oz", "Jug Blender", ["capacity": "72 oz"]), product("2qt", "Quart Blender", ["capacity": "2 qt"]),
                        product("1.5l", "Litre Blender", ["capacity": "1.5 L"]), product("n/a", "Stick Blender", ["capacity": "n/a"])]
        let largest = ranker.rank(blenders, spec: RequirementSpec(attributes: ["capacity": "most"]), categoryTerms: nil, limit: 5)
        #expect(largest.map(\.id) == ["72oz", "2qt", "1.5l", "n/a"], "\(largest.map(\.id))")
        // An order is no value wanted: no product "has" it, and the amounts tier does not see it.
        #expect(largest.allSatisfy { !$0.matchReasons.contains { $0.contains("most") } }, "\(largest.map(\.matchReasons))")
        // Those that say the keywords come first, then the order: "something with drawers" after
        // desks for a small room listed two narrower desks without drawers first.
        let desks = [product("32", "Desk Converter", ["width": "32 inch"]), product("41", "Desk with Drawers", ["width": "41 inch"]),
                     product("40", "Writing Desk", ["width": "40 inch"])]
        let drawers = ranker.rank(desks, spec: RequirementSpec(query: "desks", keywords: ["drawers"], attributes: ["width": "least"]),
                                  categoryTerms: nil, limit: 3)
        #expect(drawers.map(\.id) == ["41", "32", "40"], "\(drawers.map(\.id))")
    }

    /// "A 4k monitor" found none stating "resolution: 4K" among monitors that state their pixels.
    @Test func aResolutionMatchesByAnyOfItsNames() {
        let ranker = Ranker(rates: CurrencyRates())
        func monitor(_ id: String, _ resolution: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "Acme Monitor \(id)", brand: "Acme", category: "Monitors", price: 300,
                                                 currency: "USD", marketplace: "local", attributes: ["resolution": resolution]))
        }
        let monitors = [monitor("fhd", "1920x1080"), monitor("uhd", "3840 x 2160"), monitor("qhd", "2560x1440"), monitor("4k", "4K")]
        let ranked = ranker.rank(monitors, spec: RequirementSpec(attributes: ["resolution": "4K"]), categoryTerms: nil, limit: 5)
        #expect(Set(ranked.prefix(2).map(\.id)) == ["uhd", "4k"] && ranked.prefix(2).allSatisfy { $0.matchReasons.contains("resolution: 4K") },
                "\(ranked.map { "\($0.id) \($0.matchReasons)" })")
        let qhd = ranker.rank(monitors, spec: RequirementSpec(attributes: ["resolution": "1440p"]), categoryTerms: nil, limit: 5)
        #expect(qhd.first?.id == "qhd", "\(qhd.map(\.id))")
        #expect(DisplayResolution.names(of: "3440x1440").isEmpty && DisplayResolution.names(of: "720phd") == ["1280x720"])
    }

    @Test func aColourTheProductStatesOutweighsTheSameWordInItsTitle() {
        let ranker = Ranker(rates: CurrencyRates())
        func laptop(_ id: String, _ title: String, color: String, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: "l:\(id)", title: title, brand: "Acme", category: "Laptops", price: 400,
                                                 currency: "USD", rating: rating, reviewCount: 2_000, marketplace: "local",
                                                 attributes: ["color": color]))
        }
        // The blue one is better rated and its processor is called "Silver".
        let candidates = [laptop("blue", "Acme 14 Laptop, Athlon Silver 7120U", color: "blue", rating: 4.9),
                          laptop("silver", "Acme 15 Laptop, Celeron N4500", color: "Silver", rating: 4.2)]
        let spec = RequirementSpec(query: "silver laptops", attributes: ["color": "silver"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 2)
        #expect(ranked.map(\.id) == ["l:silver", "l:blue"])
        #expect(ranked[0].matchReasons.contains("in silver"))
        #expect(!ranked[1].matchReasons.contains("in silver"))
        #expect(!ranked[1].matchReasons.contains { $0.hasPrefix("matches") })
    }

    /// "Matches "graphics cards"" on every graphics card said nothing: the shopper's words found
    /// in a title are a reason only when they say more than the category's name.
    @Test func wordsThatOnlyNameTheCategoryAreNoReason() {
        let ranker = Ranker(rates: CurrencyRates())
        let card = RankCandidate(product: ProductResult(id: "gpu", title: "XFX Radeon RX 7700 XT 12GB Gaming Graphics Card",
                                                        brand: "XFX", category: "Graphics Cards", price: 420, currency: "USD",
                                                        marketplace: "local"))
        let named = ranker.rank([card], spec: RequirementSpec(category: "Graphics Cards", query: "graphics cards"),
                                categoryTerms: nil, limit: 1)
        #expect(named.first?.matchReasons.contains { $0.hasPrefix("matches") } == false, "\(named.map(\.matchReasons))")
        let more = ranker.rank([card], spec: RequirementSpec(category: "Graphics Cards", query: "gaming graphics cards"),
                               categoryTerms: nil, limit: 1)
        #expect(more.first?.matchReasons.contains("matches \"gaming graphics cards\"") == true, "\(more.map(\.matchReasons))")
        // Keywords are the shopper's own words: quoted, not the query ("matches "air fryers"" of a window).
        let keyword = ranker.rank([card], spec: RequirementSpec(category: "Graphics Cards", query: "graphics cards", keywords: ["xt"]),
                                  categoryTerms: nil, limit: 1)
        #expect(keyword.first?.matchReasons.contains("matches \"xt\"") == true, "\(keyword.map(\.matchReasons))")
        let featured = ranker.rank([card], spec: RequirementSpec(category: "Graphics Cards", query: "gaming graphics cards", features: ["gaming"]),
                                   categoryTerms: nil, limit: 1)
        #expect(featured.first?.matchReasons == ["gaming"], "\(featured.map(\.matchReasons))")
    }

    /// "By charlotte bronte" is by Charlotte Brontë: shoppers type names without their accents.
    @Test func aValueMatchesWithoutItsAccents() {
        let ranker = Ranker(rates: CurrencyRates())
        func book(_ id: String, _ author: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "Novel \(id)", brand: "Vintage", category: "Books", price: 10,
                                                 currency: "USD", rating: 4.5, reviewCount: 100, marketplace: "local",
                                                 attributes: ["author": author]))
        }
        let ranked = ranker.rank([book("pride", "Jane Austen"), book("eyre", "Charlotte Brontë")],
                                 spec: RequirementSpec(category: "Books", attributes: ["author": "Charlotte Bronte"]),
                                 categoryTerms: nil, limit: 2)
        #expect(ranked.first?.id == "eyre" && ranked.first?.matchReasons.contains("by Charlotte Bronte") == true,
                "\(ranked.map(\.matchReasons))")
        #expect(Ranker.compact("Zoë Brontë") == "zoebronte" && Ranker.compact("Jane Austen") == "janeausten")
    }

    /// Without a category, products whose title names the thing asked for come first: "coffee"
    /// for the office put workwear whose description says "work" (and which met "gender: men",
    /// from "a gift for my dad") before every coffee maker.
    @Test func withoutACategoryTheThingNamedComesFirst() {
        let ranker = Ranker(rates: CurrencyRates())
        let jeans = RankCandidate(product: ProductResult(id: "jeans", title: "Carhartt Men's Work Jeans", brand: "Carhartt",
                                                         category: "Jeans", price: 45, currency: "USD", rating: 4.6, reviewCount: 13_000,
                                                         marketplace: "local", attributes: ["gender": "men"]),
                                  description: "Tough jeans for work.")
        let coffee = RankCandidate(product: ProductResult(id: "coffee", title: "Mr. Coffee 12-Cup Coffee Maker", brand: "Mr. Coffee",
                                                          category: "Coffee Makers", price: 40, currency: "USD", marketplace: "local"),
                                   description: "Drip coffee maker for the home.")
        let spec = RequirementSpec(query: "work coffee", keywords: ["coffee", "work"], attributes: ["gender": "men"], useCase: "work")
        #expect(ranker.rank([jeans, coffee], spec: spec, categoryTerms: nil, limit: 2).map(\.id) == ["coffee", "jeans"])
    }

    /// "A tent for 2 people" put a 9-person cabin tent first (more serves as well); one that holds
    /// far more people than asked for comes after those that fit, before those too small. An
    /// "ultralight" tent is a lightweight one.
    @Test func aTentForFarMorePeopleComesAfterThoseThatFit() {
        let ranker = Ranker(rates: CurrencyRates())
        func tent(_ id: String, people: Int, rating: Double, title: String? = nil) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: title ?? "\(id) Tent", brand: id, category: "Tents", price: 200,
                                                 currency: "USD", rating: rating, reviewCount: 2_000, marketplace: "local",
                                                 attributes: ["capacity": "\(people) person"]))
        }
        let candidates = [tent("Cabin", people: 9, rating: 4.9), tent("Solo", people: 1, rating: 4.9),
                          tent("Roomy", people: 4, rating: 4.0), tent("Pair", people: 2, rating: 4.2)]
        let spec = RequirementSpec(category: "Tents", query: "tents", attributes: ["capacity": "2 person"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 4)
        #expect(ranked.map(\.id) == ["Pair", "Roomy", "Cabin", "Solo"])
        #expect(ranked[2].matchReasons.first == "capacity: 9 person", "\(ranked[2].matchReasons)")
        let light = [tent("Heavy", people: 2, rating: 4.9), tent("Ultra", people: 2, rating: 4.0, title: "Ultra UL2 Ultralight Tent")]
        var lightweight = spec
        lightweight.features = ["lightweight"]
        #expect(ranker.rank(light, spec: lightweight, categoryTerms: nil, limit: 2).map(\.id) == ["Ultra", "Heavy"])
        // "Something warm" (insulated) of hoodies: a fleece one is.
        let hoodies = [RankCandidate(product: ProductResult(id: "plain", title: "Plain Cotton Hoodie", brand: "A", category: "Hoodies",
                                                            price: 50, currency: "USD", rating: 4.9, reviewCount: 9_000, marketplace: "local")),
                       RankCandidate(product: ProductResult(id: "fleece", title: "Essentials Fleece Hoodie", brand: "B", category: "Hoodies",
                                                            price: 50, currency: "USD", rating: 4.0, reviewCount: 900, marketplace: "local"))]
        let warm = RequirementSpec(category: "Hoodies", query: "hoodies", features: ["insulated"])
        #expect(ranker.rank(hoodies, spec: warm, categoryTerms: nil, limit: 2).map(\.id) == ["fleece", "plain"])
        // Listings say a long battery life in their own words.
        let phones = [RankCandidate(product: ProductResult(id: "plain", title: "Plain Phone", brand: "A", category: "Phones", price: 300,
                                                           currency: "USD", rating: 4.9, reviewCount: 9_000, marketplace: "local"),
                                    description: "A phone with a bright screen."),
                      RankCandidate(product: ProductResult(id: "lasting", title: "Lasting Phone", brand: "B", category: "Phones", price: 300,
                                                           currency: "USD", rating: 4.0, reviewCount: 900, marketplace: "local"),
                                    description: "Budget phone with a two-day battery.")]
        let battery = RequirementSpec(category: "Phones", query: "phones", features: ["long battery life"])
        let lasting = ranker.rank(phones, spec: battery, categoryTerms: nil, limit: 2)
        #expect(lasting.map(\.id) == ["lasting", "plain"] && lasting[0].matchReasons.contains("long battery life"), "\(lasting)")
    }

    /// "The cheapest camera for vlogging" listed an instant camera first: a sort by price or
    /// rating left the keywords out. Listings that say more of them now come first, and a word
    /// is found in its other forms ("vloggers", "vlogs" for "vlogging").
    @Test func aSortedSearchPutsTheListingsThatSayItsKeywordsFirst() {
        let ranker = Ranker(rates: CurrencyRates())
        func camera(_ id: String, _ description: String, price: Double, rating: Double) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: "\(id) Camera", brand: id, category: "Cameras", price: price,
                                                 currency: "USD", rating: rating, reviewCount: 2_000, marketplace: "local"),
                          description: description)
        }
        let candidates = [camera("Instant", "Fun instant camera that prints photos.", price: 79.95, rating: 4.9),
                          camera("Compact", "Compact camera aimed at vloggers and content creators.", price: 799, rating: 4.2),
                          camera("Gimbal", "Tiny camera on a gimbal for smooth travel vlogs.", price: 519, rating: 4.1)]
        for sort in [RequirementSpec.SortOrder.priceAscending, .rating] {
            let spec = RequirementSpec(category: "Cameras", query: "cameras", keywords: ["vlogging"], sort: sort)
            let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 3)
            #expect(ranked.last?.id == "Instant", "\(sort): \(ranked.map(\.id))")
        }
        let vlogging = RequirementSpec(category: "Cameras", query: "vlogging cameras", keywords: ["vlogging"])
        let relevant = ranker.rank(candidates, spec: vlogging, categoryTerms: nil, limit: 3)
        #expect(relevant.last?.id == "Instant", "\(relevant.map(\.id))")
        #expect(relevant.first { $0.id == "Compact" }?.matchReasons.first == "mentions \"vlogger\"")
        #expect(Ranker.wordFamily("hiking") == ["hike", "hiker"] && Ranker.wordFamily("runner") == ["running"])
        #expect(Ranker.wordFamily("rubber") == ["rubbing"] && Ranker.wordFamily("king").isEmpty)
    }

    /// "A present for a 10 year old who likes lego" put an 18+ collector's set second. A product
    /// whose age range leaves out the age asked for comes after every other, under any order.
    @Test func aProductForAnotherAgeComesLast() {
        let ranker = Ranker(rates: CurrencyRates())
        func set(_ id: String, ages: String?, price: Double, rating: Double) -> RankCandidate {
            var attributes: [String: String] = [:]
            attributes["age_range"] = ages
            return RankCandidate(product: ProductResult(id: id, title: "LEGO \(id) Set", brand: "LEGO", category: "Building Sets",
                                                        price: price, currency: "USD", rating: rating, reviewCount: 9_000,
                                                        marketplace: "local", attributes: attributes))
        }
        let candidates = [set("collector", ages: "18+", price: 849.99, rating: 4.9), set("minecraft", ages: "8+", price: 69.99, rating: 4.7),
                          set("teen", ages: "9-14", price: 39.99, rating: 4.5), set("unstated", ages: nil, price: 19.99, rating: 4.0)]
        for sort in [RequirementSpec.SortOrder.relevance, .priceDescending, .rating] {
            let spec = RequirementSpec(category: "Building Sets", query: "LEGO building sets", brands: ["LEGO"],
                                       attributes: ["age": "10"], sort: sort)
            let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 4)
            #expect(ranked.last?.id == "collector" && ranked.count == 4, "\(sort): \(ranked.map(\.id))")
            #expect(ranked.first { $0.id == "minecraft" }?.matchReasons.contains("for a 10-year-old") == true, "\(sort)")
        }
        #expect(AgeRange("3yearsandup")?.contains("3") == true && AgeRange("9-14")?.contains("15") == false)
        #expect(AgeRange("18+")?.contains("10") == false && AgeRange("adult") == nil)
        // A children's range without an end is made for children near its start: a toddler's
        // "2+" set is no present for an 8-year-old, a "6+" one is (before, both held every age).
        #expect(AgeRange("2+")?.contains("8") == false && AgeRange("2+")?.contains("5") == true)
        #expect(AgeRange("6+")?.contains("8") == true && AgeRange("6+")?.contains("12") == true && AgeRange("6+")?.contains("14") == false)
        #expect(AgeRange("18+")?.contains("40") == true)
        // "For adults": the sets made for them first, a children's set (whose "8+" holds any adult) last.
        let adult = RequirementSpec(category: "Building Sets", query: "LEGO building sets", brands: ["LEGO"], attributes: ["age": "adult"])
        let forAdults = ranker.rank(candidates, spec: adult, categoryTerms: nil, limit: 4)
        #expect(forAdults.first?.id == "collector" && forAdults.first?.matchReasons.contains("for adults") == true
                && forAdults.suffix(2).map(\.id).sorted() == ["minecraft", "teen"], "\(forAdults.map(\.id))")
        #expect(AttributeName.reason(key: "age", value: "8") == "for an 8-year-old"
                && AttributeName.reason(key: "age", value: "11") == "for an 11-year-old"
                && AttributeName.reason(key: "age", value: "10") == "for a 10-year-old")
    }

    /// "A moisturizer for dry skin" put a gel titled "Moisturizer" before a cream of type
    /// "moisturizer" for dry skin titled "Moisturizing Cream": a product's type names its kind too.
    @Test func aProductsTypeNamesItsKind() {
        let ranker = Ranker(rates: CurrencyRates())
        func item(_ id: String, _ title: String, _ attributes: [String: String]) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: title, brand: "Brand", category: "Skincare", price: 20,
                                                 currency: "USD", rating: 4.5, reviewCount: 1_000, marketplace: "local",
                                                 attributes: attributes))
        }
        let candidates = [
            item("cleanser", "Hydrating Facial Cleanser", ["product_type": "cleanser", "skin_type": "dry"]),
            item("cream", "Moisturizing Cream", ["product_type": "moisturizer", "skin_type": "dry"]),
            item("gel", "Water Gel Moisturizer", ["product_type": "moisturizer", "skin_type": "combination"]),
        ]
        let spec = RequirementSpec(category: "Skincare", query: "moisturizer skincare", keywords: ["moisturizer"],
                                   attributes: ["skin_type": "dry"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 3)
        #expect(ranked.map(\.id) == ["cream", "gel", "cleanser"], "\(ranked.map(\.id))")
        // A moisturizer for "all" skin types suits dry skin too, and says it in its own words; with
        // SPF asked, it comes before the cream for dry skin that has none ("something with spf"
        // listed the cream first).
        let allSkin = item("lotion", "Moisturizing Lotion SPF 30", ["product_type": "moisturizer with SPF", "skin_type": "all"])
        var withSPF = spec
        withSPF.keywords.append("spf")
        let sunny = ranker.rank(candidates + [allSkin], spec: withSPF, categoryTerms: nil, limit: 4)
        #expect(sunny.map(\.id) == ["lotion", "cream", "gel", "cleanser"], "\(sunny.map(\.id))")
        #expect(sunny.first?.matchReasons.contains("skin type: all") == true, "\(sunny.first?.matchReasons ?? [])")
    }

    /// "size M" after "in blue" put a green rain jacket first: it met the size and "waterproof",
    /// the blue one only the size and the colour. A product stating another colour comes after.
    @Test func aProductOfAnotherColourComesAfterThoseThatMayBeTheOneAskedFor() {
        let ranker = Ranker(rates: CurrencyRates())
        func jacket(_ id: String, color: String?, waterproof: Bool) -> RankCandidate {
            var attributes = ["size": "S-XXL"]
            attributes["color"] = color
            if waterproof { attributes["waterproof"] = "yes" }
            return RankCandidate(product: ProductResult(id: "j:\(id)", title: "Acme \(id) Jacket", brand: "Acme", category: "Jackets",
                                                        price: 90, currency: "USD", rating: 4.8, reviewCount: 9_000,
                                                        marketplace: "local", attributes: attributes))
        }
        let candidates = [jacket("green", color: "green", waterproof: true), jacket("blue", color: "Navy Blue", waterproof: false),
                          jacket("plain", color: nil, waterproof: true)]
        for sort in [RequirementSpec.SortOrder.relevance, .priceAscending, .rating] {
            let spec = RequirementSpec(query: "waterproof jackets", attributes: ["color": "blue", "size": "M"],
                                       features: ["waterproof"], sort: sort)
            let ranked = ranker.rank(candidates, spec: spec, categoryTerms: ["jacket"], limit: 3).map(\.id)
            #expect(ranked.last == "j:green" && ranked.count == 3, "\(sort): \(ranked)")
        }
        // A shade is the colour it is one of; other words are not shades ("titanium" is no tan).
        #expect(ColorShades.families(named: "Navy") == ["blue"] && ColorShades.families(named: "navy blue").isEmpty)
        #expect(ColorShades.families(named: "Black / Maroon") == ["red"] && ColorShades.families(named: "Titanium").isEmpty)
        let navy = ranker.rank([jacket("navy", color: "Navy", waterproof: false)],
                               spec: RequirementSpec(attributes: ["color": "blue"]), categoryTerms: nil, limit: 1)
        #expect(navy.first?.matchReasons.contains("in blue") == true)
    }

    @Test func negativeValuesAreReadWhateverTheirCaseAndSpaces() {
        for value in ["no", " No ", "FALSE", "\tnone", "0", "without", "n", "no\u{00A0}"] {
            #expect(AttributeName.isNegative(value), "\(value)")
        }
        for value in ["yes", "nope", "", "10", "not applicable and rather long", "ñо"] {
            #expect(!AttributeName.isNegative(value), "\(value)")
        }
    }

    @Test func sizeRangesMatchWantedSizes() {
        #expect(SizeRange("7-13")?.contains("10") == true)
        #expect(SizeRange("7-13")?.contains("14") == false)
        #expect(SizeRange("s-xxl")?.contains("m") == true)
        #expect(SizeRange("s-xl")?.contains("xxl") == false)
    }

    @Test func thousandsAreGrouped() {
        #expect(CurrencyRates.groupThousands(0, fractionDigits: 0) == "0")
        #expect(CurrencyRates.groupThousands(999, fractionDigits: 0) == "999")
        #expect(CurrencyRates.groupThousands(1000, fractionDigits: 0) == "1,000")
        #expect(CurrencyRates.groupThousands(1_234_567, fractionDigits: 0) == "1,234,567")
        #expect(CurrencyRates.groupThousands(-1_234.4, fractionDigits: 0) == "-1,234")
        #expect(CurrencyRates.groupThousands(-0.4, fractionDigits: 0) == "0")
        #expect(CurrencyRates.groupThousands(100_000, fractionDigits: 0) == "100,000")
        #expect(CurrencyRates.groupThousands(-1234.5, fractionDigits: 2) == "-1,234.50")
        #expect(CurrencyRates.groupThousands(123456.789, fractionDigits: 2) == "123,456.79")
    }

    @Test func duplicatesFromTwoSourcesAreMerged() {
        let ranker = Ranker(rates: CurrencyRates())
        let a = ProductResult(id: "a:1", title: "Sony WH-1000XM5 Wireless Headphones", brand: "Sony", category: "Headphones",
                              price: 348, currency: "USD", marketplace: "local")
        var b = a
        b.id = "b:9"
        b.marketplace = "peer"
        b.title = "SONY WH-1000XM5 wireless headphones!"
        let ranked = ranker.rank([RankCandidate(product: a), RankCandidate(product: b)], spec: RequirementSpec(), categoryTerms: nil, limit: 10)
        #expect(ranked.count == 1)
    }

    /// A thing searched for by name that no title names whole: those of its kind (its head noun)
    /// are the closest. Before, "Rice" and "Rice Lights" led "a rice cooker" of a catalog with
    /// pressure cookers; now they are the only ones shown. Titles with the whole name come first.
    @Test func theClosestToAThingNamedAreOfItsKind() {
        let ranker = Ranker(rates: CurrencyRates())
        func product(_ id: String, _ title: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: title, brand: "Acme", category: "Things", price: 30,
                                                 currency: "USD", marketplace: "local"), relevance: id == "rice" ? 9 : 1)
        }
        let spec = RequirementSpec(query: "rice cooker", keywords: ["rice", "cooker"])
        let closest = ranker.rank([product("rice", "Rice"), product("lights", "Multicolor Rice Lights"),
                                   product("pressure", "Prestige 5 L Pressure Cooker")], spec: spec, categoryTerms: nil, limit: 3,
                                  nameHead: "cooker")
        // The others name nothing of its kind: only the pressure cooker is shown.
        #expect(closest.map(\.id) == ["pressure"], "\(closest.map(\.id))")
        let whole = ranker.rank([product("pressure", "Prestige 5 L Pressure Cooker"), product("whole", "Acme Rice Cooker 1.8 L")],
                                spec: spec, categoryTerms: nil, limit: 2, nameHead: "cooker")
        #expect(whole.map(\.id) == ["whole", "pressure"], "\(whole.map(\.id))")
    }

    /// What a bottle holds, stated only in its title ("1000 ml Water Bottle"): it meets "1 liter"
    /// as an attribute would, and a smaller one holds a share of it. Before, "none states a capacity
    /// of 1L or more" of a list with two.
    @Test func aCapacityATitleStatesMeetsTheAmountAsked() {
        let ranker = Ranker(rates: CurrencyRates())
        func bottle(_ id: String, _ title: String) -> RankCandidate {
            RankCandidate(product: ProductResult(id: id, title: title, brand: "Acme", category: "Bottles", price: 10,
                                                 currency: "USD", marketplace: "local"), relevance: id == "small" ? 9 : 1)
        }
        let spec = RequirementSpec(query: "water bottle", keywords: ["water", "bottle"], attributes: ["capacity": "1L"])
        let ranked = ranker.rank([bottle("small", "PROBOTT Sports 500 ml Water Bottle"), bottle("none", "Plain Water Bottle"),
                                  bottle("big", "Crezy Xtreem 1000 ml Water Bottle")], spec: spec, categoryTerms: nil, limit: 3)
        #expect(ranked.map(\.id) == ["big", "small", "none"], "\(ranked.map(\.id))")
        #expect(ranked.first?.matchReasons.contains { $0.contains("1000 ml") } == true, "\(ranked.first?.matchReasons ?? [])")
    }
}
