import Shared
import Testing
@testable import Understanding

/// Follow-ups that change the search by comparing with it or with the products shown: "cheaper",
/// "bigger", "smaller", "more ram", "longer battery life", the amounts a use asks for, and
/// superlatives ("the biggest"), which compare every product found.
@Suite(.timeLimit(.minutes(1)))
struct RelativeRefinementTests {
    /// A product shown at `price`, named (and identified) by its title, of no brand.
    static func shown(_ title: String, _ price: Double, category: String) -> ProductResult {
        ProductResult(id: title, title: title, brand: nil, category: category, price: price, currency: "USD", marketplace: "local")
    }

    /// "Cheaper" than a list of rupees and dollars (an imported catalog's): cheaper than the
    /// cheapest in the budget's currency, by the catalog's rates (before, prices compared as
    /// numbers: ₹350 was dearer than $49.99, and the bound came to $44).
    @Test func cheaperComparesPricesInOneCurrency() {
        let vocabulary = CatalogVocabulary(categories: [.init(name: "Candles", path: ["Home", "Candles"], count: 9)], brands: [],
                                           rates: CurrencyRates(unitsPerUSD: ["INR": 70]))
        let interpreter = EmbeddedInterpreter(vocabulary: vocabulary.merged())
        let previous = interpreter.spec(for: TurnContext(text: "scented candles"))
        let shown = [ProductResult(id: "a", title: "Jar Candle", brand: nil, category: "Candles", price: 49.99, currency: "USD",
                                   marketplace: "local"),
                     ProductResult(id: "b", title: "Gel Candle", brand: nil, category: "Candles", price: 350, currency: "INR",
                                   marketplace: "local")]
        let cheaper = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: shown))
        #expect(cheaper.budget.max == 4.5 && cheaper.budget.currency == "USD", "\(cheaper)")
        let reply = interpreter.reply(for: cheaper, results: SearchResults(products: [], totalFound: 0, sources: []),
                                      turn: TurnContext(text: "cheaper", currentSpec: previous, lastShown: shown))
        #expect(reply.hasPrefix("I couldn't find anything cheaper than the Gel Candle at ₹350"), "\(reply)")
        #expect(Superlative.cheapest.pick(among: shown)?.id == "b")
    }

    /// "Cheaper" women's shoes are cheaper than the women's shown: before, the men's pair that
    /// filled up the list set the ceiling (90 % of $54.99), below every women's pair.
    @Test func cheaperComparesWithTheShownProductsForTheGenderAsked() {
        let interpreter = EmbeddedInterpreter()
        let previous = interpreter.spec(for: TurnContext(text: "running shoes for my wife under 100"))
        #expect(previous.attributes["gender"] == "women")
        func shoe(_ title: String, _ price: Double) -> ProductResult { Self.shown(title, price, category: "Running Shoes") }
        let shown = [shoe("Adidas Duramo SL Women's Running Shoes", 64.99), shoe("New Balance 520v8 Men's Running Shoes", 54.99),
                     shoe("Saucony Ride 17 Running Shoes", 89.99)]
        let cheaper = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: shown))
        #expect(cheaper.budget.max == 58 && cheaper.attributes["gender"] == "women", "\(cheaper)")
        // Only other genders shown: than those, as before.
        let men = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: [shown[1]]))
        #expect(men.budget.max == 49, "\(men)")
    }

    /// "Something like the second one but cheaper" asked for earbuds under $26, below every one
    /// shown: cheaper than the one named by its place, and "pricier than the first" than that one.
    @Test func cheaperThanAProductNamedByItsPlace() {
        let interpreter = EmbeddedInterpreter()
        let previous = interpreter.spec(for: TurnContext(text: "wireless earbuds for running under 80"))
        func earbuds(_ title: String, _ price: Double) -> ProductResult { Self.shown(title, price, category: "Headphones") }
        let shown = [earbuds("Skullcandy Dime 3 True Wireless Earbuds", 29.99), earbuds("JBL Vibe Beam True Wireless Earbuds", 49.95),
                     earbuds("Sony WH-CH520 Wireless On-Ear Headphones", 59.99)]
        for (text, max) in [("something like the second one but cheaper", 44.0), ("cheaper than the third one", 53), ("cheaper", 26)] {
            let cheaper = interpreter.spec(for: TurnContext(text: text, currentSpec: previous, lastShown: shown))
            #expect(cheaper.budget.max == max, "\(text): \(cheaper.budget)")
        }
        let pricier = interpreter.spec(for: TurnContext(text: "something pricier than the first one", currentSpec: previous,
                                                        lastShown: shown))
        #expect(pricier.budget.min == 29 && pricier.budget.max == nil, "\(pricier.budget)")
    }

    /// "Cheaper" after 65 inch OLED TVs asked for TVs under $206, below every OLED one: the LED
    /// TVs that filled up the list set the ceiling. It compares with those that have the feature.
    @Test func cheaperComparesWithTheShownProductsThatHaveTheFeaturesAsked() {
        let interpreter = EmbeddedInterpreter()
        let previous = interpreter.spec(for: TurnContext(text: "a 65 inch oled tv under 2000"))
        func tv(_ title: String, _ price: Double) -> ProductResult { Self.shown(title, price, category: "TVs") }
        let shown = [tv("Sony Bravia XR 65 inch A80L OLED 4K Google TV", 1_999.99), tv("LG 65 inch C3 OLED evo 4K Smart TV", 1_699.99),
                     tv("TCL 65 inch S4 4K LED Smart TV", 399.99), tv("Insignia 50 inch F30 4K Fire TV", 229)]
        let cheaper = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: shown))
        #expect(cheaper.budget.max == 1_529 && cheaper.features == ["oled"], "\(cheaper)")
        // None shown has it: than all of them, as before.
        let none = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: Array(shown.suffix(2))))
        #expect(none.budget.max == 206, "\(none)")
    }

    /// "A cheaper one" after a list of the closest products (none named as asked): cheaper than
    /// the first, which the reply offered first, in cents under $10. Before, a ₹164 phone holder
    /// that filled up the list set the ceiling, rounded down to $1.
    @Test func cheaperAfterTheClosestProductsComparesWithTheFirst() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Chargers", path: ["Mobiles & Accessories", "Chargers"], count: 9)], brands: [],
            rates: CurrencyRates(unitsPerUSD: ["INR": 83])).merged())
        let previous = interpreter.spec(for: TurnContext(text: "a phone case for iphone 15"))
        #expect(previous.category == nil, "\(previous)")
        let shown = [ProductResult(id: "a", title: "iPhone 12 Silicone Case with MagSafe Plum", brand: "Apple", category: "mobile",
                                   price: 29.99, currency: "USD", marketplace: "local"),
                     ProductResult(id: "b", title: "AdroitZ Premium Phone Socket Holder For Apple iPhone 5", brand: "AdroitZ",
                                   category: "Mobiles & Accessories", price: 164, currency: "INR", marketplace: "local")]
        let cheaper = interpreter.spec(for: TurnContext(text: "a cheaper one", currentSpec: previous, lastShown: shown))
        #expect(cheaper.budget.max == 26, "\(cheaper.budget)")
        let holders = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: previous, lastShown: [shown[1]]))
        #expect(holders.budget.max == 1.77, "\(holders.budget)")
    }

    /// "Cheaper from Sony" means cheaper than the Sony shown, not than the cheapest of any brand
    /// (which asked for Sony headphones under $26 and found none).
    @Test func cheaperFromABrandComparesWithThatBrandsShownProducts() {
        let interpreter = EmbeddedInterpreter()
        let shown = EmbeddedEngineTests.shownHeadphones
        let previous = interpreter.spec(for: TurnContext(text: "wireless headphones under 150"))
        let sony = interpreter.spec(for: TurnContext(text: "something cheaper from Sony", currentSpec: previous, lastShown: shown))
        #expect(sony.brands == ["Sony"])
        #expect(sony.budget.max == 53)
        let anyBrand = interpreter.spec(for: TurnContext(text: "something cheaper", currentSpec: previous, lastShown: shown))
        #expect(anyBrand.budget.max == 26)
        // A brand none of the shown products has: than the cheapest shown.
        let bose = interpreter.spec(for: TurnContext(text: "cheaper from Bose", currentSpec: previous, lastShown: shown))
        #expect(bose.budget.max == 26)
        // The search's brand, when the turn names none: "sony", then "cheaper" is than the Sony shown.
        let sonySearch = interpreter.spec(for: TurnContext(text: "sony", currentSpec: previous))
        let cheaperSony = interpreter.spec(for: TurnContext(text: "cheaper", currentSpec: sonySearch, lastShown: shown))
        #expect(cheaperSony.brands == ["Sony"] && cheaperSony.budget.max == 53, "\(cheaperSony)")

        // No Sony under $53 was found: the reply says so rather than calling the others Sony.
        let others = SearchResults(products: Array(shown.dropFirst()), totalFound: 2, sources: [])
        let reply = interpreter.reply(for: sony, results: others)
        #expect(reply.hasPrefix("I couldn't find any Sony headphones under $53 right now. The closest 2 from other brands: 1. JBL"),
                "\(reply)")
        var wirelessSony = shown[0]
        wirelessSony.matchReasons = ["wireless"]  // as the catalog says of a product with the feature asked for
        let found = interpreter.reply(for: sony, results: SearchResults(products: [wirelessSony], totalFound: 1, sources: []))
        #expect(found.hasPrefix("Here is the best match for Sony headphones under $53: 1. Sony"), "\(found)")
        // One Sony, then others: not "the top 3 Sony headphones"; and what none of them has, first.
        let mixed = interpreter.reply(for: sony, results: SearchResults(products: shown, totalFound: 3, sources: []))
        #expect(mixed.hasPrefix("None of the best matches mentions \"wireless\". I found only one match for Sony headphones under $53; "
                                + "the closest from other brands follow: 1. Sony"), "\(mixed)")
    }

    /// "Smaller" after "bigger" kept the bigger bound and changed nothing ("55 inch", "bigger",
    /// "smaller" showed the 65 inch TVs again).
    @Test func biggerThenSmallerMovesTheScreenBound() {
        let interpreter = EmbeddedInterpreter()
        var spec = interpreter.spec(for: TurnContext(text: "a 55 inch tv"))
        for (text, minimum, maximum) in [("bigger", "56 inch", nil), ("smaller", nil, "55 inch"), ("smaller", nil, "54 inch"),
                                         ("bigger", "55 inch", nil)] as [(String, String?, String?)] {
            spec = interpreter.spec(for: TurnContext(text: text, currentSpec: spec))
            #expect(spec.attributes["screen_size_min"] == minimum && spec.attributes["screen_size_max"] == maximum
                    && spec.attributes["screen_size"] == nil, "\(text): \(spec.attributes)")
        }
    }

    /// "Any bigger?" after monitors searched without a size: bigger than every one shown, by the
    /// sizes their titles name (before, a feature "large screen" that no title has).
    @Test func biggerThanTheShownBySizesTheirTitlesName() {
        let interpreter = EmbeddedInterpreter()
        let monitors = interpreter.spec(for: TurnContext(text: "a gaming monitor under 400"))
        // Bigger than every one shown, as "cheaper" is cheaper than every one: the best was 24 inch.
        let shown = [EmbeddedEngineTests.product("ASUS TUF Gaming VG249Q3A 24 inch Full HD Gaming Monitor, 180Hz", "ASUS", 159.99, reasons: []),
                     EmbeddedEngineTests.product("Dell S2722DGM 27 inch Curved QHD Gaming Monitor, 165Hz", "Dell", 249.99, reasons: []),
                     EmbeddedEngineTests.product("Acer SB242Y 23.8 inch Full HD IPS Monitor, 100Hz", "Acer", 89.99, reasons: [])]
        let bigger = interpreter.spec(for: TurnContext(text: "any bigger?", currentSpec: monitors, lastShown: shown))
        #expect(bigger.attributes["screen_size_min"] == "28 inch" && !bigger.features.contains("large screen"), "\(bigger)")
        let smaller = interpreter.spec(for: TurnContext(text: "something smaller", currentSpec: monitors, lastShown: shown))
        #expect(smaller.attributes["screen_size_max"] == "22.8 inch", "\(smaller)")
        let inches: Set<String> = ["inch", "in"]
        #expect(Measure.stated(inTitle: "Apple MacBook Air 15-inch, M3 Chip", units: inches)?.number == 15)
        #expect(Measure.stated(inTitle: "Lenovo IdeaPad 1 14 Laptop, 15.6in FHD", units: inches)?.number == 15.6)
        #expect(Measure.stated(inTitle: "Coleman Sundome 4-Person Tent", units: inches) == nil)
        #expect(Measure.stated(inTitle: "HP 15 Laptop, 8GB RAM, 1TB SSD", units: ["gb", "tb"], nouns: ["ssd"])! == (1, "tb"))
        // A tent is bigger by the people it sleeps, not by a screen ("large screen tents" before).
        let tents = interpreter.spec(for: TurnContext(text: "a tent for 4 people under 300"))
        let sixPerson = [EmbeddedEngineTests.product("Coleman Skydome 6-Person Camping Tent with Screen Room", "Coleman", 179.99, reasons: [])]
        let roomier = interpreter.spec(for: TurnContext(text: "bigger", currentSpec: tents, lastShown: sixPerson))
        #expect(roomier.attributes["capacity"] == "7 person" && roomier.features.isEmpty, "\(roomier)")
        // A backpack's inches are no screen: a bigger one is the biggest first by its capacity
        // (before, the feature "large", which few listings say).
        let backpacks = interpreter.spec(for: TurnContext(text: "a backpack under 100"))
        let pack = [EmbeddedEngineTests.product("Osprey Daylite 13 inch Laptop Backpack", "Osprey", 65, reasons: [])]
        let large = interpreter.spec(for: TurnContext(text: "a bigger one", currentSpec: backpacks, lastShown: pack))
        #expect(large.attributes == ["capacity": "most"] && large.features.isEmpty, "\(large)")
        // Of a category that states no size, still the feature.
        let mugs = RequirementSpec(category: "Mugs", query: "mugs")
        #expect(interpreter.spec(for: TurnContext(text: "a bigger one", currentSpec: mugs)).features == ["large"])
    }

    /// "With more ram", "more storage", "a higher refresh rate" searched those words as keywords
    /// and changed nothing. Now the next amount up is the wanted attribute (ranked, not filtered):
    /// above the amount the search asks for, else above the best product shown by its title,
    /// else a generous one.
    @Test func moreOfAnAmountAsksForTheNextAmountUp() {
        let interpreter = EmbeddedInterpreter()
        let laptops = interpreter.spec(for: TurnContext(text: "a laptop under 1000"))
        let shown = [EmbeddedEngineTests.product("HP 15-fd0000 Laptop, Intel Core i3-1315U, 8GB RAM, 256GB SSD, 15.6 inch FHD", "HP", 399.99, reasons: [])]
        let moreRAM = interpreter.spec(for: TurnContext(text: "one with more ram", currentSpec: laptops, lastShown: shown))
        #expect(moreRAM.attributes["ram"] == "16GB" && moreRAM.budget.max == 1000 && !moreRAM.keywords.contains("ram"), "\(moreRAM)")
        // More than any one shown has.
        let two = shown + [EmbeddedEngineTests.product("ASUS Vivobook 16 X1605 Laptop, Intel Core i7-1255U, 16GB RAM, 1TB SSD", "ASUS", 649.99, reasons: [])]
        #expect(interpreter.spec(for: TurnContext(text: "more ram", currentSpec: laptops, lastShown: two)).attributes["ram"] == "32GB")
        let evenMore = interpreter.spec(for: TurnContext(text: "even more memory", currentSpec: moreRAM, lastShown: shown))
        #expect(evenMore.attributes["ram"] == "32GB", "\(evenMore)")
        let storage = interpreter.spec(for: TurnContext(text: "more storage please", currentSpec: laptops, lastShown: shown))
        #expect(storage.attributes["storage"] == "512GB", "\(storage)")
        let terabyte = interpreter.spec(for: TurnContext(text: "more storage", currentSpec: storage, lastShown: shown))
        #expect(terabyte.attributes["storage"] == "1TB", "\(terabyte)")
        // Nothing to compare with: a generous amount.
        let first = interpreter.spec(for: TurnContext(text: "a laptop with more ram for programming, under 1200"))
        #expect(first.category == "Laptops" && first.attributes["ram"] == "16GB" && first.useCase == "programming", "\(first)")
        // An amount the shopper names is the one asked for.
        let named = interpreter.spec(for: TurnContext(text: "more ram, 64gb", currentSpec: laptops, lastShown: shown))
        #expect(named.attributes["ram"] == "64GB", "\(named)")
        let monitors = interpreter.spec(for: TurnContext(text: "a monitor under 400"))
        let panel = [EmbeddedEngineTests.product("LG 27GP850-B UltraGear 27 inch QHD Nano IPS Gaming Monitor, 180Hz, 1ms", "LG", 349.99, reasons: [])]
        let faster = interpreter.spec(for: TurnContext(text: "with a higher refresh rate", currentSpec: monitors, lastShown: panel))
        #expect(faster.attributes["refresh_rate"] == "240Hz" && faster.keywords.isEmpty, "\(faster)")
        // Above what the search asks for and what the best one shown has, whichever is more.
        let gaming = interpreter.spec(for: TurnContext(text: "a gaming monitor under 400"))
        #expect(gaming.attributes["refresh_rate"] == "144Hz", "\(gaming)")
        let dell = [EmbeddedEngineTests.product("Dell S2722DGM 27 inch Curved QHD Gaming Monitor, 165Hz, VA", "Dell", 249.99, reasons: [])]
        let smoother = interpreter.spec(for: TurnContext(text: "higher refresh rate", currentSpec: gaming, lastShown: dell))
        #expect(smoother.attributes["refresh_rate"] == "180Hz", "\(smoother)")
        // Battery life in hours: a generous amount, then the next one up.
        let headphones = interpreter.spec(for: TurnContext(text: "headphones for calls under 150"))
        let longer = interpreter.spec(for: TurnContext(text: "with longer battery life", currentSpec: headphones))
        #expect(longer.attributes["battery_life"] == "30 hours" && !longer.keywords.contains("longer"), "\(longer)")
        let longest = interpreter.spec(for: TurnContext(text: "even more battery life", currentSpec: longer))
        #expect(longest.attributes["battery_life"] == "40 hours", "\(longest)")
        // A processor's cores, stated in its title or its listing: more than the most shown.
        let cpus = interpreter.spec(for: TurnContext(text: "a cpu for gaming under 300"))
        let chips = [EmbeddedEngineTests.product("AMD Ryzen 5 5600 Desktop Processor, 6 Cores, AM4", "AMD", 119.99, reasons: []),
                     ProductResult(id: "x", title: "Intel Core i5-13600KF", brand: "Intel", category: "CPUs", price: 249,
                                   currency: "USD", marketplace: "local", attributes: ["core_count": "14"])]
        let cores = interpreter.spec(for: TurnContext(text: "more cores", currentSpec: cpus, lastShown: chips))
        #expect(cores.attributes["cores"] == "16 cores" && !cores.keywords.contains("cores") && cores.budget.max == 300, "\(cores)")
        #expect(AttributeName.reason(key: "core_count", value: "16") == "16 cores")
        // "Lighter" is a feature, as "quieter" is: not the keyword "lighter".
        let lighter = interpreter.spec(for: TurnContext(text: "something lighter", currentSpec: laptops, lastShown: shown))
        #expect(lighter.features == ["lightweight"] && !lighter.keywords.contains("lighter"), "\(lighter)")
    }

    /// "A laptop for video editing" showed an i3 with 8GB first: a use names no product words,
    /// so it ranked nothing. What the use asks of the category is now an amount it ranks by.
    @Test func aUseAsksForTheAmountsItNeeds() {
        let interpreter = EmbeddedInterpreter()
        let editing = interpreter.spec(for: TurnContext(text: "I want a laptop for video editing"))
        #expect(editing.attributes["ram"] == "16GB", "\(editing)")
        #expect(interpreter.spec(for: TurnContext(text: "a laptop for school")).attributes["ram"] == nil)
        #expect(interpreter.spec(for: TurnContext(text: "a gaming monitor")).attributes["refresh_rate"] == "144Hz")
        // The shopper's own amount stays; a use said after the category adds its needs.
        #expect(interpreter.spec(for: TurnContext(text: "a laptop with 32gb ram for video editing")).attributes["ram"] == "32GB")
        let laptops = interpreter.spec(for: TurnContext(text: "a laptop under 1500"))
        #expect(interpreter.spec(for: TurnContext(text: "for gaming", currentSpec: laptops)).attributes["ram"] == "16GB")
    }

    /// "The biggest TV under 1000" put a 43 inch TV first: "biggest" was a word no title has,
    /// dropped. A superlative asks for the measure's attribute as "most" or "least", the one
    /// the category states it under; one order at a time; and a measure no listing of the kind
    /// states asks for nothing but a size (a feature, as "bigger" is).
    @Test func aSuperlativeAsksForTheMostOrLeastOfTheCategorysMeasure() {
        let interpreter = EmbeddedInterpreter()
        let cases: [(String, String, String)] = [
            ("the biggest tv under 1000", "screen_size", "most"), ("smallest monitor under 300", "screen_size", "least"),
            ("the biggest tent under 300", "capacity", "most"), ("the lightest tent", "weight", "least"),
            ("fastest ssd under 150", "read_speed", "most"), ("the fastest ram", "speed", "most"),
            ("the most powerful blender", "wattage", "most"), ("headphones with the longest battery life", "battery_life", "most"),
            ("the vacuum with the longest battery life", "runtime", "most"), ("a laptop with the most ram", "ram", "most"),
            ("the phone with the most storage", "storage", "most"), ("the thickest yoga mat", "thickness", "most"),
            ("a monitor with the highest refresh rate", "refresh_rate", "most"), ("a camera with the most megapixels", "megapixels", "most"),
            ("a phone with a big screen under 600", "screen_size", "most"),
            ("a tent for camping that is easy to set up", "setup_time", "least"),
        ]
        for (text, key, order) in cases {
            let spec = interpreter.spec(for: TurnContext(text: text))
            // The superlative is no search word ("ssd" is: the kind).
            #expect(spec.attributes == [key: order] && spec.keywords.allSatisfy({ Lexicon.kindNames.contains($0) || $0 == spec.useCase })
                        && spec.features.isEmpty,
                    "\(text): \(spec)")
        }
        // An amount named in the same message wins.
        let sized = interpreter.spec(for: TurnContext(text: "a 65 inch big screen tv"))
        #expect(sized.attributes == ["screen_size": "65 inch"], "\(sized)")
        // A later superlative replaces the order; refining keeps it; a new category drops it.
        let biggest = interpreter.spec(for: TurnContext(text: "the biggest tv under 1000"))
        let black = interpreter.spec(for: TurnContext(text: "in black", currentSpec: biggest))
        #expect(black.attributes == ["screen_size": "most", "color": "black"], "\(black)")
        let smallest = interpreter.spec(for: TurnContext(text: "the smallest one", currentSpec: black))
        #expect(smallest.attributes == ["screen_size": "least", "color": "black"], "\(smallest)")
        let laptops = interpreter.spec(for: TurnContext(text: "laptops under 800", currentSpec: smallest))
        #expect(laptops.attributes.isEmpty, "\(laptops)")
        // A comparative after a search asks for that order of it: before, "thicker" was a keyword.
        let mats = interpreter.spec(for: TurnContext(text: "a yoga mat that's not slippery"))
        let thicker = interpreter.spec(for: TurnContext(text: "thicker", currentSpec: mats))
        #expect(thicker.category == "Yoga Mats" && thicker.attributes == ["thickness": "most"] && thicker.keywords.isEmpty
                && thicker.features == mats.features, "\(thicker)")
        #expect(interpreter.spec(for: TurnContext(text: "a thinner one", currentSpec: mats)).attributes == ["thickness": "least"])
        // Nothing a listing of the kind states: a size is a feature, a speed nothing.
        let backpack = interpreter.spec(for: TurnContext(text: "the biggest hoodie"))
        #expect(backpack.attributes.isEmpty && backpack.features == ["large"], "\(backpack)")
        let laptop = interpreter.spec(for: TurnContext(text: "the fastest laptop under 1000"))
        #expect(laptop.attributes.isEmpty && laptop.keywords.isEmpty, "\(laptop)")
    }
}
