import Shared
import Testing
@testable import Understanding

/// What a shopper's own words mean to the embedded engine, beyond names of products: a
/// negation's reach, the amounts a category states, features that appliances and chairs state,
/// price levels and ranges, occasions and purposes, and brands named by common words.
@Suite(.timeLimit(.minutes(1)))
struct ShopperWordsTests {
    /// "Sneakers but not nike, white, size 9" excluded white too: a negation carries over names
    /// of the kind it began with ("not samsung or lg", "not red or blue"), not to another kind.
    @Test func aNegationEndsAtAnotherKindOfName() {
        let interpreter = EmbeddedInterpreter()
        let sneakers = interpreter.spec(for: TurnContext(text: "i want sneakers but not nike, white, size 9"))
        #expect(sneakers.excludedBrands == ["Nike"] && sneakers.attributes["color"] == "white"
                && sneakers.attributes["excluded_color"] == nil, "\(sneakers)")
        let phones = interpreter.spec(for: TurnContext(text: "a phone, not samsung or apple"))
        #expect(Set(phones.excludedBrands) == ["Samsung", "Apple"], "\(phones)")
        let hoodie = interpreter.spec(for: TurnContext(text: "a hoodie not red or blue"))
        #expect(hoodie.attributes["excluded_color"] == "red,blue", "\(hoodie)")
    }

    /// "2tb nvme ssd" and "32gb ddr5 ram" asked for storage and ram, which drives and memory kits
    /// do not state; a backpack "for a 15 inch laptop" asked for a 15 inch screen.
    @Test func anAmountIsAskedAsTheCategoryStatesIt() {
        let interpreter = EmbeddedInterpreter()
        // A drive's or a memory kit's amount is its capacity, as they state it.
        let ssd = interpreter.spec(for: TurnContext(text: "2tb nvme ssd"))
        #expect(ssd.attributes == ["capacity": "2TB SSD"], "\(ssd)")
        let kit = interpreter.spec(for: TurnContext(text: "32gb ddr5 ram kit"))
        #expect(kit.category == "Memory" && kit.attributes == ["capacity": "32GB"], "\(kit)")
        let more = interpreter.spec(for: TurnContext(text: "more storage", currentSpec: ssd))
        #expect(more.attributes == ["capacity": "4TB"], "\(more)")
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop with 16gb ram and 1tb ssd"))
        #expect(laptop.attributes == ["ram": "16GB", "storage": "1TB SSD"], "\(laptop)")
        // A backpack for a 15 inch laptop: its sleeve's size.
        let backpack = interpreter.spec(for: TurnContext(text: "a backpack for a 15 inch laptop"))
        #expect(backpack.category == "Backpacks" && backpack.attributes == ["laptop_sleeve": "15 inch"], "\(backpack)")
    }

    /// "Cordless vacuum for pet hair" asked for the feature "wireless", which no vacuum says, and
    /// searched "pet hair" as words: what vacuums and chairs state is a feature of its own.
    @Test func featuresOfAppliancesAndChairsAreTheirOwn() {
        let interpreter = EmbeddedInterpreter()
        let vacuum = interpreter.spec(for: TurnContext(text: "cordless vacuum for pet hair under 500"))
        #expect(vacuum.features == ["cordless", "pet hair"] && vacuum.keywords.isEmpty, "\(vacuum)")
        let chair = interpreter.spec(for: TurnContext(text: "office chair with lumbar support under 400"))
        #expect(chair.features == ["lumbar support"] && chair.keywords.isEmpty, "\(chair)")
        let headphones = interpreter.spec(for: TurnContext(text: "wireless headphones"))
        #expect(headphones.features == ["wireless"], "\(headphones)")
        let espresso = interpreter.spec(for: TurnContext(text: "an espresso machine with a milk frother and a built-in grinder under 500"))
        #expect(espresso.features == ["milk frother", "grinder"] && espresso.keywords == ["espresso"], "\(espresso)")
        let mat = interpreter.spec(for: TurnContext(text: "yoga mat that is not slippery"))
        #expect(mat.features == ["non-slip"] && mat.keywords.isEmpty, "\(mat)")
        let cream = interpreter.spec(for: TurnContext(text: "moisturizer for dry skin under 30"))
        #expect(cream.attributes == ["skin_type": "dry"] && cream.keywords == ["moisturizer"], "\(cream)")
    }

    /// "Warmer" searched the word, "I run on trails" named the brand On, "something to make
    /// smoothies" asked which kind of product, "he's" and "a wedding" were search words, and "a
    /// lego set" queried "LEGO lego".
    @Test func commonWordsOccasionsAndPurposesSayWhatTheyMean() {
        let interpreter = EmbeddedInterpreter()
        // A warmer jacket is an insulated one.
        let jacket = interpreter.spec(for: TurnContext(text: "warmer", currentSpec: interpreter.spec(for: TurnContext(text: "a jacket"))))
        #expect(jacket.features == ["insulated"] && jacket.keywords.isEmpty, "\(jacket)")
        // "On" is a brand only when said to be one: "I run on trails" named it.
        let catalog = CatalogVocabulary(categories: [.init(name: "Running Shoes")], brands: [.init(name: "On"), .init(name: "Nike")])
        let withOn = EmbeddedInterpreter(vocabulary: catalog)
        let trails = withOn.spec(for: TurnContext(text: "I need new running shoes, I run on trails mostly, budget 150"))
        #expect(trails.brands.isEmpty && trails.budget.max == 150, "\(trails)")
        let fromOn = withOn.spec(for: TurnContext(text: "running shoes from on"))
        #expect(fromOn.brands == ["On"], "\(fromOn)")
        // What a thing is for may name it: "something to make smoothies" is a blender.
        let smoothies = interpreter.spec(for: TurnContext(text: "something to make smoothies"))
        #expect(smoothies.category == "Blenders" && EmbeddedInterpreter.wantedKind(smoothies) == nil, "\(smoothies)")
        // "he's" is no search word.
        let gift = interpreter.spec(for: TurnContext(text: "a gift for my brother, he's into gaming, maybe 100 bucks"))
        #expect(gift.keywords == ["gaming"] && gift.budget.max == 100, "\(gift)")
        // An occasion is a use, not the name of a thing: not "products named "dress wedding"".
        let dress = interpreter.spec(for: TurnContext(text: "a blue dress for a wedding under 100"))
        #expect(dress.useCase == "weddings" && EmbeddedInterpreter.wantedKind(dress)?.name == "dresses", "\(dress)")
        let lego = interpreter.spec(for: TurnContext(text: "a lego set for a 10 year old"))
        #expect(lego.query == "LEGO building sets" && lego.brands == ["LEGO"], "\(lego)")
    }

    /// "A tv between 40 and 50 inches" asked for TVs under $40 of 50 inch; "a mid-range phone"
    /// searched the keyword "mid" and "best value laptops" the kind "value".
    @Test func rangesOfSizeAndPriceLevelsSaidInWords() {
        let interpreter = EmbeddedInterpreter()
        for text in ["a tv between 40 and 50 inches", "a 40-50 inch tv", "tv from 40 to 50 inch"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.budget.isOpen && spec.attributes == ["screen_size_min": "40 inch", "screen_size_max": "50 inch"],
                    "\(text): \(spec)")
            #expect(EmbeddedInterpreter.describe(spec) == "TVs of 40 to 50 inch", "\(EmbeddedInterpreter.describe(spec))")
        }
        let priced = interpreter.spec(for: TurnContext(text: "a tv between 40 and 50 inches under 500"))
        #expect(priced.budget.max == 500 && priced.attributes["screen_size_max"] == "50 inch", "\(priced)")
        let midRange = interpreter.spec(for: TurnContext(text: "a mid-range phone"))
        #expect(midRange.budget.min == 300 && midRange.budget.max == 700 && midRange.keywords.isEmpty
                && midRange.missingFields.isEmpty, "\(midRange)")
        let fortune = interpreter.spec(for: TurnContext(text: "headphones that don't cost a fortune"))
        #expect(fortune.sort == .priceAscending && fortune.keywords.isEmpty && fortune.missingFields.isEmpty, "\(fortune)")
        let small = interpreter.spec(for: TurnContext(text: "a phone that isn't too big"))
        #expect(small.features == ["compact"] && small.keywords.isEmpty, "\(small)")
        let standing = interpreter.spec(for: TurnContext(text: "shoes for standing all day"))
        #expect(standing.features == ["comfortable"], "\(standing)")
        let value = interpreter.spec(for: TurnContext(text: "best value laptop under 800"))
        #expect(value.sort == .rating && value.keywords.isEmpty && value.budget.max == 800, "\(value)")
    }
}
