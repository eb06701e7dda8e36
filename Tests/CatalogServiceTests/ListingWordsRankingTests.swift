@testable import CatalogService
import Foundation
import Shared
import Testing

/// What a listing's own words say when the catalog's categories and attributes do not: imported
/// catalogs (the shared data) file tents under "outdoors > camping" and say a shoe is for men only
/// in its title.
@Suite(.timeLimit(.minutes(1)))
struct ListingWordsRankingTests {
    let ranker = Ranker(rates: CurrencyRates())

    func candidate(_ id: String, _ title: String, brand: String = "Acme", category: String = "camping", relevance: Double = 1,
                   description: String? = nil, attributes: [String: String] = [:]) -> RankCandidate {
        RankCandidate(product: ProductResult(id: id, title: title, brand: brand, category: category, price: 100, currency: "USD",
                                             marketplace: "local", attributes: attributes),
                      description: description, relevance: relevance)
    }

    /// "A light tent for 2 people" in a catalog without a category of tents: the tents first, by
    /// their titles, before a backpack that is lightweight and shirts by the brand "People" that
    /// the full-text search found by more of the words.
    @Test func aCategoryTheCatalogLacksIsNamedByTitles() {
        let candidates = [
            candidate("shirt", "People Women's Solid Casual Shirt", brand: "People", category: "Shirts", relevance: 9),
            candidate("pack", "Crown Summit Backpack", relevance: 5, description: "A lightweight pack for hiking."),
            candidate("tent", "Coastal Explorer Camping Tent", relevance: 1),
        ]
        let spec = RequirementSpec(category: "Tents", query: "light tents 2 people", features: ["lightweight"])
        #expect(ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 3).first?.id == "tent")
        // Named by a synonym of the category's word: earbuds are headphones.
        let audio = [candidate("studio", "Studio Monitor Stand", relevance: 5),
                     candidate("buds", "Sport True Wireless Earbuds", relevance: 1)]
        let headphones = RequirementSpec(category: "Headphones", query: "headphones")
        #expect(ranker.rank(audio, spec: headphones, categoryTerms: nil, limit: 2).map(\.id) == ["buds", "studio"])
        // A category the catalog has is no tier of words: its products are all of it.
        #expect(Ranker.ScoringQuery(spec: spec, categoryIsKnown: true).kindWords.isEmpty)
        #expect(Ranker.ScoringQuery(spec: spec, categoryIsKnown: false).kindWords == ["tent"])
    }

    /// "Running shoes for women": a shoe whose title says it is for men ("Sonaxo Men Running
    /// Shoes") comes after those for women and those that say nothing, as one whose attributes say
    /// so; its title's "Men" is no reason for women's shoes. A title naming a man ("Iron Man") says
    /// nothing of whom it is for.
    @Test func aTitleSaysWhomAProductIsForWhenItsAttributesDoNot() {
        let candidates = [
            candidate("men", "Sonaxo Men Running Shoes", category: "Running Shoes", relevance: 9),
            candidate("plain", "BAAJ Running Shoes", category: "Running Shoes", relevance: 5),
            candidate("women", "Asian Women Running Shoes", category: "Running Shoes", relevance: 1),
            candidate("hero", "Iron Man Running Shoes", category: "Running Shoes", relevance: 3),
        ]
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes", attributes: ["gender": "women"])
        let ranked = ranker.rank(candidates, spec: spec, categoryTerms: ["running shoe"], limit: 4)
        #expect(ranked.first?.id == "women" && ranked.last?.id == "men", "\(ranked.map(\.id))")
        #expect(ranked.first?.matchReasons.contains("for women") == true, "\(ranked.first?.matchReasons ?? [])")
        #expect(ranked.last?.matchReasons.contains("for women") == false)
        #expect(Gender.department(in: "Iron Man Running Shoes") == nil)
        #expect(Gender.department(in: "Men Are from Mars, Women Are from Venus") == nil)
        #expect(Gender.department(in: "Viral Girl Women's Clothing") == "women")
        #expect(Gender.department(in: "Girls Wear") == "girls")
    }

    /// Flipkart says whom a product is for as "Ideal For", often a list ("Women, Girls"), and
    /// Magento lists genders too: a shoe "Ideal For: Men" comes last for women, one for "Baby
    /// Boys, Baby Girls, Boys, Girls, Men, Women" is for women. Before, "Ideal For" was read as no
    /// gender, so "Glacier Running Shoes" (for men) led "running shoes for my wife", and only a
    /// list's first gender counted.
    @Test func aListedGenderIsEachOfThose() {
        let shoes = [
            candidate("men", "Glacier Running Shoes", category: "Running Shoes", relevance: 9, attributes: ["Ideal For": "Men"]),
            candidate("family", "Sparx Running Shoes", category: "Running Shoes", relevance: 1,
                      attributes: ["Ideal For": "Baby Boys, Baby Girls, Boys, Girls, Men, Women"]),
            candidate("magento", "Echo Fit Running Shoe", category: "Running Shoes", relevance: 2,
                      attributes: ["gender": "Men, Women, Unisex"]),
        ]
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes", attributes: ["gender": "women"])
        let ranked = ranker.rank(shoes, spec: spec, categoryTerms: ["running shoe"], limit: 3)
        #expect(ranked.last?.id == "men" && ranked.dropLast().allSatisfy { $0.matchReasons.contains("for women") },
                "\(ranked.map { ($0.id, $0.matchReasons) })")
        #expect(Gender.listed(in: "Baby Boys, Baby Girls, Boys, Girls") == ["boys", "girls"])
        #expect(Gender.listed(in: "Women's") == ["women"] && Gender.listed(in: "['Men', 'Women', 'Unisex']") == ["men", "women", "unisex"])
        #expect(Gender.listed(in: "Pack of 1").isEmpty)
        // A title's list of one sex: "Times Formal Analog Watch - For Women, Girls" is no men's watch.
        #expect(Gender.departments(in: "Times TIMES_98 Formal Analog Watch - For Women, Girls") == ["women", "girls"])
        #expect(Gender.departments(in: "Colat Sheen Analog Watch - For Men, Women, Boys, Girls").isEmpty)
        let watches = [candidate("times", "Times Formal Analog Watch - For Women, Girls", category: "Watches", relevance: 9),
                       candidate("flippd", "Flippd Formal Analog Watch - For Men, Boys", category: "Watches", relevance: 1)]
        let forMen = RequirementSpec(category: "Watches", query: "formal watches", attributes: ["gender": "men"])
        #expect(ranker.rank(watches, spec: forMen, categoryTerms: ["watch"], limit: 2).map(\.id) == ["flippd", "times"])
        #expect(AttributeName.reason(key: "Ideal For", value: "Women, Girls") == "for women or girls")
        #expect(AttributeName.reason(key: "gender", value: "Men, Women, Unisex") == "unisex")
    }

    /// "A red dress for a wedding": the red one first, before one of no stated colour whose
    /// description says "wedding" (the use ranks after the colour asked for).
    @Test func theColourAskedComesBeforeTheUseMentioned() {
        let dresses = [
            candidate("blush", "Blush Lace Belted Dress", category: "Dresses", relevance: 9,
                      description: "Perfect for a summer wedding or a garden party."),
            candidate("red", "Ajaero Women's Maxi Red Dress", category: "Dresses", relevance: 1),
        ]
        let spec = RequirementSpec(query: "red weddings dress", keywords: ["weddings", "dress"], attributes: ["color": "red"],
                                   useCase: "weddings")
        #expect(ranker.rank(dresses, spec: spec, categoryTerms: nil, limit: 2).map(\.id) == ["red", "blush"])
    }

    /// "Something in wood": a "Wooden" table says it (`MaterialWords`), before a marble one.
    @Test func aMaterialIsSaidByItsAdjectiveToo() {
        let tables = [candidate("marble", "Modern Marble Coffee Table", category: "tables", relevance: 1),
                      candidate("wooden", "Zen Harmony Wooden Coffee Table Set", category: "tables", relevance: 1)]
        let spec = RequirementSpec(category: "tables", query: "coffee tables", keywords: ["coffee", "wood"])
        let ranked = ranker.rank(tables, spec: spec, categoryTerms: ["table"], limit: 2)
        #expect(ranked.map(\.id) == ["wooden", "marble"], "\(ranked.map { ($0.id, $0.matchReasons) })")
        #expect(Ranker.wordFamily("wood") == ["wooden"])
    }

    /// "Warmer one" after a 12-year-old daughter's jackets: the girls' jackets before insulated
    /// parkas that say nothing of whom they are for, which led before (the features' tier came
    /// first); those for others still come last.
    @Test func theGenderAskedComesBeforeNoneStated() {
        let jackets = [
            candidate("parka", "Arctic Explorer Winter Parka", category: "Jackets", relevance: 9, attributes: ["insulated": "yes"]),
            candidate("girls", "INDIRANG Sleeveless Girl's Jacket", category: "Jackets", relevance: 1, attributes: ["gender": "girls"]),
            candidate("mens", "Retro Nuptse Down Jacket", category: "Jackets", relevance: 5,
                      attributes: ["gender": "men", "insulated": "yes"]),
        ]
        let spec = RequirementSpec(category: "Jackets", query: "insulated jackets", attributes: ["gender": "girls", "age": "12"],
                                   features: ["insulated"])
        #expect(ranker.rank(jackets, spec: spec, categoryTerms: ["jacket"], limit: 3).map(\.id) == ["girls", "parka", "mens"])
    }

    /// "Something simpler" of necklaces: a "Plain" or "Minimalist" one is simple; a keyboard that
    /// states its switches is mechanical.
    @Test func listingsSayAFeatureInTheirOwnWords() {
        let necklaces = [candidate("fancy", "Fancy Crystal Mangalsutra Necklace", category: "Necklaces", relevance: 9),
                         candidate("plain", "Plain Gold Plated Chain Necklace", category: "Necklaces", relevance: 1)]
        let simple = RequirementSpec(category: "Necklaces", query: "simple necklaces", features: ["simple"])
        let ranked = ranker.rank(necklaces, spec: simple, categoryTerms: ["necklace"], limit: 2)
        #expect(ranked.map(\.id) == ["plain", "fancy"] && ranked[0].matchReasons.contains("simple"), "\(ranked.map(\.matchReasons))")
        // "Fully modular": a power supply's "modular: Full", not its "modular: no".
        let supplies = [candidate("semi", "Acme 850W", category: "Power Supplies", relevance: 9, attributes: ["modular": "no"]),
                        candidate("full", "Corsair RM850x 850W", category: "Power Supplies", attributes: ["modular": "Full"])]
        let modular = RequirementSpec(category: "Power Supplies", query: "power supplies", features: ["fully modular"])
        let cabled = ranker.rank(supplies, spec: modular, categoryTerms: nil, limit: 2)
        #expect(cabled.map(\.id) == ["full", "semi"] && cabled[0].matchReasons.contains("fully modular")
                    && !cabled[1].matchReasons.contains("fully modular"), "\(cabled.map(\.matchReasons))")
        // By the attribute's name: a membrane keyboard's "Easy-Switch" keys are no switches.
        let keyboards = [candidate("k", "Keychron C3 Pro", category: "Keyboards", attributes: ["switches": "Keychron K Pro Red"]),
                         candidate("k380", "Logitech K380 Keyboard with Easy-Switch", category: "Keyboards", relevance: 9),
                         candidate("stream", "Cherry STREAM", category: "Keyboards", relevance: 5,
                                   attributes: ["switches": "Cherry SX Slim"])]
        let mechanical = RequirementSpec(category: "Keyboards", query: "mechanical keyboards", features: ["mechanical"])
        let typed = ranker.rank(keyboards, spec: mechanical, categoryTerms: ["keyboard"], limit: 3)
        #expect(typed.first?.id == "k" && typed.filter { $0.matchReasons.contains("mechanical") }.map(\.id) == ["k"],
                "\(typed.map(\.matchReasons))")
    }

    /// A resolution the import named ("3840, 2160" of the PC part data: "3840 x 2160 (4K UHD)") is
    /// the "4K" a shopper asks for (before, a 4K monitor was said not to state it).
    @Test func aResolutionInNumbersIsTheNameAskedFor() {
        let monitor = candidate("m", "ViewSonic VP3256-4K", category: "Monitors",
                                attributes: ["resolution": ProductRecordParser.withResolutionName("3840, 2160", key: "resolution")])
        let spec = RequirementSpec(category: "Monitors", query: "4k monitors", attributes: ["resolution": "4K"])
        let ranked = ranker.rank([monitor], spec: spec, categoryTerms: ["monitor"], limit: 1)
        #expect(ranked.first?.matchReasons.first == "resolution: 4K", "\(ranked.first?.matchReasons ?? [])")
    }

    /// Flipkart files phone cases, cables and chargers under "Mobiles & Accessories > Mobile
    /// Accessories": a department of phones and what goes with them, whose products are phones only
    /// where a deeper element says so. Before, "a phone under 30000 rupees" listed pouches and lenses.
    @Test func aDepartmentOfThingsAndTheirAccessoriesNamesOnlyTheAccessories() {
        #expect(CategoryVocabulary.terms(ofPathElement: "Mobiles & Accessories") == ["accessory"])
        #expect(CategoryVocabulary.terms(ofPathElement: "Car & Bike Accessories") == ["bike accessory", "accessory"])
        #expect(CategoryVocabulary.terms(ofPath: ["Mobiles & Accessories", "Mobiles", "Samsung Mobiles"]).contains("phone"))
        #expect(!CategoryVocabulary.terms(ofPath: ["Mobiles & Accessories", "Mobile Accessories", "Mobile Pouches"]).contains("phone"))
        #expect(CategoryVocabulary.terms(ofPathElement: "Tablets & eReaders").isSuperset(of: ["tablet", "ereader"]))
        // A slash joins alternatives of one word: a mobile or tablet speaker is a speaker.
        #expect(CategoryVocabulary.terms(ofPathElement: "Mobile/Tablet Speaker") == ["mobile speaker", "tablet speaker", "speaker"])
        #expect(CategoryVocabulary.terms(ofPathElement: "Shortkut enterprises 510 Mobile/Tablet Speaker").isEmpty)
        #expect(CategoryVocabulary.terms(ofPathElement: "Cases/Covers") == ["case", "cover"])
        // A product's name cut short in a path names no category.
        #expect(CategoryVocabulary.terms(ofPathElement: "KAN Long Travel Passport Organizer & Cheque Book...").isEmpty)
        // "For" and "with" say what a thing goes with, not what it is.
        #expect(CategoryVocabulary.terms(ofPathElement: "Screen Expander For Phones") == ["screen expander", "expander"])
    }

    /// Flipkart files women's running shoes under "Sports Shoes > Running": a leaf naming an
    /// activity is its parent's kind for it. Before, "women's running shoes under 100" found only
    /// men's and boys' (whose leaves say "Running Shoes") and said none was for women.
    @Test func aLeafNamingAnActivityIsItsParentsKindForIt() async throws {
        #expect(CategoryVocabulary.terms(ofPath: ["Footwear", "Women's Footwear", "Sports Shoes", "Running"]).contains("running shoe"))
        #expect(!CategoryVocabulary.terms(ofPath: ["Footwear", "Women's Footwear", "Sports Shoes"]).contains("running shoe"))
        let mens = fillerProducts(20, title: "Sparx Men Running Shoes", brand: "Sparx",
                                  categoryPath: ["Footwear", "Men's Footwear", "Sports Shoes", "Running Shoes"],
                                  attributes: ["gender": "men"])
        let womens = ProductRecord(source: "t", sourceID: "w", title: "Campus Berlin Running Shoes", brand: "Campus",
                                   categoryPath: ["Footwear", "Women's Footwear", "Sports Shoes", "Running"], price: 17,
                                   attributes: ["gender": "women"])
        let search = try await localSearch(of: mens + [womens], label: "activity-leaf-test")
        let spec = RequirementSpec(category: "Running Shoes", budget: .init(max: 100), attributes: ["gender": "women"])
        let found = try await search.search(spec, limit: 5, sourceNames: nil)
        #expect(found.products.first?.id.hasSuffix("w") == true, "\(found.products.map { ($0.title, $0.category) })")
    }

    /// A kind said in two words is named by both: "an external hard drive 2tb, the cheapest"
    /// listed pen drives first, whose titles say "drive". A name's synonyms still name it alone.
    @Test func aKindOfTwoWordsIsNamedByBoth() {
        let candidates = [
            candidate("pen", "HP v220w 16 GB Pen Drive", category: "Storage", relevance: 5),
            candidate("hdd", "WD Elements Portable External Hard Drive 2TB", category: "Storage", relevance: 1),
        ]
        let spec = RequirementSpec(category: "Storage", query: "hard drive storage", keywords: ["external", "hard", "drive"])
        #expect(Ranker.ScoringQuery(spec: spec, categoryIsKnown: true).kindWords == ["drive", "hard"])
        #expect(ranker.rank(candidates, spec: spec, categoryTerms: ["storage"], limit: 2).map(\.id) == ["hdd", "pen"])
    }

    /// A brand's name in a title names no kind: "apples" listed an Apple Magic Mouse before Gala
    /// apples.
    @Test func aBrandsNameInATitleIsNoKind() {
        let candidates = [
            candidate("mouse", "Apple Magic Mouse", brand: "Apple", category: "Mice", relevance: 9),
            candidate("gala", "Orchard Fresh Gala Apples", brand: "Orchard", category: "fruits", relevance: 1),
        ]
        let spec = RequirementSpec(query: "apples", keywords: ["apples"])
        #expect(ranker.rank(candidates, spec: spec, categoryTerms: nil, limit: 2).map(\.id) == ["gala", "mouse"])
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data"))
    func sharedDataPhonesAreNoPhoneAccessories() async throws {
        let fixture = try await CatalogFixture.shared()
        let spec = RequirementSpec(category: "Phones", query: "phones", budget: .init(max: 30_000, currency: "INR"))
        let results = try await fixture.search.search(spec, limit: 8, sourceNames: nil)
        #expect(!results.products.isEmpty)
        #expect(results.products.allSatisfy { !$0.category.localizedCaseInsensitiveContains("accessor") },
                "\(results.products.map(\.category))")
    }
}
