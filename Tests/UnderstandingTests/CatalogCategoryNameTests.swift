import Shared
import Testing
@testable import Understanding

/// Categories as an imported catalog names them (the shared data's "Video Cards", its Flipkart
/// "Gaming" department), which the built-in vocabulary calls otherwise or uses otherwise.
@Suite(.timeLimit(.minutes(1)))
struct CatalogCategoryNameTests {
    /// A catalog that stocks a built-in category under another of its names (the shared data's
    /// "Video Cards"): that name stands for it, with what the engine knows of graphics cards.
    /// Before, "a graphics card under 400" was the built-in "Graphics Cards", which had no
    /// products, and the reply said the video cards found were not graphics cards.
    @Test func aCategoryStockedUnderASynonymIsThatCategory() {
        let vocabulary = CatalogVocabulary(categories: [
            .init(name: "Video Cards", path: ["Computer Components", "Video Cards"], count: 120),
            .init(name: "Laptops", path: ["Electronics", "Laptops"], count: 20),
        ], brands: []).merged()
        #expect(!vocabulary.categories.contains { $0.name == "Graphics Cards" })
        let interpreter = EmbeddedInterpreter(vocabulary: vocabulary)
        for text in ["a graphics card under 400", "a gpu for gaming under 500", "video cards under 300"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.category == "Video Cards", "\(text): \(spec)")
        }
        let spec = interpreter.spec(for: TurnContext(text: "a graphics card under 400"))
        let cards = [ProductResult(id: "v1", title: "PNY Quadro P400", brand: "PNY", category: "Computer Components > Video Cards",
                                   price: 133.69, currency: "USD", marketplace: "local")]
        let reply = interpreter.composedReply(TurnContext(text: "a graphics card under 400"), spec: spec,
                                              results: SearchResults(products: cards, totalFound: 1, sources: []))
        #expect(reply.hasPrefix("Here is the best match for video cards under $400"), "\(reply)")
    }

    /// The shared data's "skin-care" is the built-in "Skincare" written with a hyphen: before,
    /// "a moisturizer" asked for the empty built-in one ("This catalog has no skincare").
    @Test func aCategoryNamedWithAHyphenIsTheBuiltInOneWithASpace() {
        let vocabulary = CatalogVocabulary(categories: [.init(name: "skin-care", path: ["beauty", "skin-care"], count: 3)],
                                           brands: []).merged()
        #expect(!vocabulary.categories.contains { $0.name == "Skincare" })
        let interpreter = EmbeddedInterpreter(vocabulary: vocabulary)
        for text in ["a moisturizer for dry skin", "some skincare", "a skin care set"] {
            #expect(interpreter.spec(for: TurnContext(text: text)).category == "skin-care", "\(text)")
        }
        let spec = interpreter.spec(for: TurnContext(text: "some skincare"))
        let lotion = [ProductResult(id: "s1", title: "Vaseline Men Body and Face Lotion", brand: "Vaseline", category: "skin-care",
                                    price: 9.99, currency: "USD", marketplace: "local")]
        let reply = interpreter.composedReply(TurnContext(text: "some skincare"), spec: spec,
                                              results: SearchResults(products: lotion + lotion, totalFound: 2, sources: []))
        #expect(reply.hasPrefix("Here are the top 2 skincare products"), "\(reply)")
    }

    /// "A formal watch" where the catalog has a category "formal" (the shared data's formal shoes):
    /// a watch of the formal kind. Before, the first category named won, and it listed shoes; and
    /// "something floral" of a perfume was dropped where the catalog has "floral" flowers.
    @Test func aDescribingWordBeforeAnotherCategorysNameSaysWhichKind() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "formal", path: ["footwear", "formal"], count: 79, words: ["formal", "shoe", "leather", "oxford"]),
            .init(name: "Watches", path: ["Watches"], count: 530, words: ["analog", "dial", "strap", "watch"]),
            .init(name: "floral", path: ["floral"], count: 127, words: ["rose", "bouquet", "vase"]),
            .init(name: "Perfumes", path: ["Beauty", "Fragrances", "Perfumes"], count: 3),
        ], brands: []).merged())
        let spec = interpreter.spec(for: TurnContext(text: "a formal watch for men"))
        #expect(spec.category == "Watches" && spec.keywords.contains("formal") && spec.attributes["gender"] == "men", "\(spec)")
        // Said elsewhere: a word to find (before, dropped).
        let perfume = interpreter.spec(for: TurnContext(text: "a perfume for my girlfriend, something floral"))
        #expect(perfume.category == "Perfumes" && perfume.keywords == ["floral"] && perfume.attributes["gender"] == "women",
                "\(perfume)")
        // Alone, or before no other category, it is the category still.
        #expect(interpreter.spec(for: TurnContext(text: "something formal for a wedding")).category == "formal")
        #expect(interpreter.spec(for: TurnContext(text: "formal shoes")).category == "formal")
    }

    /// "A phone charger" where the catalog has "Chargers" (the shared data's Flipkart rows), "a
    /// camera bag" where it has "bag" and "Bags", "a laptop sleeve" where it names laptops twice:
    /// what goes with a phone, searched for by its whole name. Before, the first category named
    /// won ("a phone charger" listed phones, without the word "charger"), or PC cases for "a phone
    /// case for iphone 15".
    @Test func anAccessoryNamedByWhatItGoesWithIsSearchedByName() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Phones", path: ["Electronics", "Phones"], count: 16),
            .init(name: "Chargers", path: ["Mobiles & Accessories", "Mobile Accessories", "Chargers"], count: 22),
            .init(name: "Cases", path: ["Computer Components", "Cases"], count: 6_626),
            .init(name: "Cameras", path: ["Electronics", "Cameras"], count: 16),
            .init(name: "camera", path: ["electronics", "camera"], count: 36),
            .init(name: "Bags", path: ["Bags"], count: 15), .init(name: "bag", path: ["accessories", "bag"], count: 21),
            .init(name: "Laptops", path: ["Electronics", "Laptops"], count: 23), .init(name: "laptops", path: ["laptops"], count: 9),
        ], brands: []).merged())
        let cases: [(String, [String])] = [
            ("a phone charger", ["phone", "charger"]), ("a phone case for iphone 15", ["iphone", "15"]),
            ("a camera bag", ["camera", "bag"]), ("a laptop sleeve", ["laptop", "sleeve"]),
        ]
        for (text, words) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.category == nil && Array(spec.keywords.prefix(2)) == words, "\(text): \(spec)")
        }
        // Named alone, each is its category.
        #expect(interpreter.spec(for: TurnContext(text: "a charger under 20")).category == "Chargers")
        #expect(interpreter.spec(for: TurnContext(text: "a gaming laptop under 1000")).category == "Laptops")
    }

    /// "Mens watch under 2000 rupees" where the catalog has dummyjson's six "mens-watches" and
    /// Flipkart's 530 "Watches": watches for men, those six among them. Before, only the six
    /// (priced in dollars, none under ₹2,000), and "leather strap please" then searched straps.
    /// A gendered category with no broader one stocked is still named.
    @Test func aCategoryNamedForWhomItSellsToIsItsKindForThem() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "mens-watches", path: ["mens-watches"], count: 6),
            .init(name: "Watches", path: ["Watches"], count: 530, words: ["analog", "dial", "strap", "watch"]),
            .init(name: "womens-dresses", path: ["womens-dresses"], count: 5),
        ], brands: []).merged())
        let watch = interpreter.spec(for: TurnContext(text: "mens watch under 2000 rupees"))
        #expect(watch.category == "Watches" && watch.attributes["gender"] == "men" && watch.budget.currency == "INR", "\(watch)")
        let strap = interpreter.spec(for: TurnContext(text: "leather strap please", currentSpec: watch))
        #expect(strap.category == "Watches" && strap.attributes["gender"] == "men", "\(strap)")
        #expect(interpreter.spec(for: TurnContext(text: "womens dresses")).category == "womens-dresses")
    }

    /// "A gaming monitor" where the catalog has a "Gaming" department (the shared data's
    /// Flipkart products): the monitor is the thing, gaming its use.
    @Test func aUseThatIsAlsoADepartmentNamesNoCategoryBesideAnother() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Gaming", path: ["Gaming"], count: 35),
            .init(name: "Monitors", path: ["Displays", "Monitors"], count: 500),
        ], brands: []).merged())
        for text in ["a gaming monitor with 144hz", "gaming monitor", "a monitor for gaming"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.category == "Monitors" && spec.useCase == "gaming", "\(text): \(spec)")
        }
        #expect(interpreter.spec(for: TurnContext(text: "something for gaming")).category == "Gaming")
    }

    /// The shared data's Flipkart rows have departments named "Women" and "Men", and brands named
    /// "Blue" and "Black": "a kurta for women" searched the "Women" department, and "in blue"
    /// asked for the brand Blue too ("I couldn't find any blue Blue women").
    @Test func genderWordsAndColoursNameNeitherDepartmentsNorBrands() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Women", path: ["Women"], count: 75), .init(name: "Kurtas", path: ["Clothing", "Kurtas"], count: 40),
        ], brands: [.init(name: "Blue", count: 71, categories: ["Kurtas"]), .init(name: "Black", count: 167)]).merged())
        let kurta = interpreter.spec(for: TurnContext(text: "a kurta for women"))
        #expect(kurta.category == "Kurtas" && kurta.attributes["gender"] == "women", "\(kurta)")
        let blue = interpreter.spec(for: TurnContext(text: "in blue", currentSpec: kurta))
        #expect(blue.brands.isEmpty && blue.attributes["color"] == "blue", "\(blue)")
        let blueKurtas = interpreter.spec(for: TurnContext(text: "blue kurtas"))
        #expect(blueKurtas.brands.isEmpty && blueKurtas.attributes["color"] == "blue" && blueKurtas.category == "Kurtas",
                "\(blueKurtas)")
        // Said as a brand, it still is one.
        #expect(interpreter.spec(for: TurnContext(text: "kurtas from blue", currentSpec: kurta)).brands == ["Blue"])
    }

    /// A word said with a category that names a narrower one of the catalog before the category's
    /// name ("external" of the shared data's "Storage > External Storage") asks for that one. Before,
    /// "an external hard drive 2tb" searched "Storage", and its internal drives came first.
    @Test func aWordBeforeTheCategorysNameNamesANarrowerOne() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Storage", path: ["Storage"], count: 30),
            .init(name: "External Storage", path: ["Storage", "External Storage"], count: 30),
            .init(name: "Internal Storage", path: ["Computer Components", "Internal Storage"], count: 90),
        ], brands: []).merged())
        #expect(interpreter.spec(for: TurnContext(text: "an external hard drive 2tb")).category == "External Storage")
        #expect(interpreter.spec(for: TurnContext(text: "a hard drive 2tb")).category == "Storage")
        // Only a category under the one named: "Internal Storage" is no part of "Storage" here.
        #expect(interpreter.spec(for: TurnContext(text: "an internal hard drive")).category == "Storage")
        // Its products are what "hard drive" named, whatever their titles say.
        let turn = TurnContext(text: "an external hard drive 2tb")
        let spec = interpreter.spec(for: turn)
        let drives = [ProductResult(id: "s", title: "Seagate Portable Drive 2TB", brand: "Seagate", category: "Storage > External Storage",
                                    price: 79.98, currency: "USD", marketplace: "local", attributes: ["capacity": "2TB"])]
        let reply = interpreter.composedReply(turn, spec: spec, results: SearchResults(products: drives, totalFound: 1, sources: []))
        #expect(reply.hasPrefix("Here is the best match for external storage"), "\(reply)")
    }

    /// A built-in category the catalog stocks only under a narrower name (the demo catalog's
    /// "Internal Storage") is stocked: "an external hard drive" on `make run`'s catalog said "This
    /// catalog has no storage. Your other words found these 3, which are not storage" of its drives.
    @Test func aCategoryStockedUnderANarrowerNameIsStocked() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Internal Storage", path: ["Computer Components", "Internal Storage"], count: 16),
        ], brands: []).merged())
        let turn = TurnContext(text: "an external hard drive with 2tb")
        let spec = interpreter.spec(for: turn)
        let drive = ProductResult(id: "b", title: "Seagate BarraCuda 2TB Internal Hard Drive", brand: "Seagate",
                                  category: "Computer Components > Internal Storage", price: 59.99, currency: "USD",
                                  marketplace: "local", attributes: ["capacity": "2TB"])
        let reply = interpreter.composedReply(turn, spec: spec, results: SearchResults(products: [drive], totalFound: 1, sources: []))
        #expect(spec.category == "Storage" && interpreter.isStocked("Storage") && !reply.contains("no storage"), "\(reply)")
        #expect(!interpreter.isStocked("Tents"))
    }

    /// "Something cheaper" after tents a catalog files under another name (the shared data's
    /// "camping" tents), when none is cheaper: the shown tent that is the cheapest, not "This
    /// catalog has no tents" before the backpacks the other words found.
    @Test func cheaperOfAKindFoundByTitleSaysNoneIsCheaper() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Internal Storage", path: ["Computer Components", "Internal Storage"], count: 16),
        ], brands: []).merged())
        let first = interpreter.spec(for: TurnContext(text: "a tent for camping"))
        #expect(first.category == "Tents" && !interpreter.isStocked("Tents"))
        func product(_ id: String, _ title: String, _ price: Double) -> ProductResult {
            ProductResult(id: id, title: title, brand: nil, category: "outdoors > camping", price: price, currency: "USD",
                          marketplace: "local")
        }
        let shown = [product("t1", "Forest Haven Expedition Tent", 129.99), product("t2", "SkyDome Family Camping Tent", 249.99)]
        let turn = TurnContext(text: "something cheaper", currentSpec: first, lastShown: shown)
        let cheaper = interpreter.spec(for: turn)
        let found = SearchResults(products: [product("b", "Crown Summit Backpack", 38)], totalFound: 1, sources: [])
        let reply = interpreter.composedReply(turn, spec: cheaper, results: found)
        #expect(reply.hasPrefix("I couldn't find anything cheaper than the Forest Haven Expedition Tent at $129.99"), "\(reply)")
        #expect(reply.contains("Your other words found this, which is not one: "), "\(reply)")
    }
}
