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

    /// "A laptop for my daughter starting college" was a laptop for a child, with "starting" to
    /// find; "she studies graphic design" searched "studies", "graphic" and "design". A use said
    /// with a child wins, and graphic design asks a laptop for 16GB of memory.
    @Test func aUseSaidWithAChildIsTheUse() {
        let interpreter = EmbeddedInterpreter()
        let college = interpreter.spec(for: TurnContext(text: "a laptop for my daughter starting college"))
        #expect(college.useCase == "school" && college.keywords == ["school"], "\(college)")
        let design = interpreter.spec(for: TurnContext(text: "she studies graphic design", currentSpec: college))
        #expect(design.useCase == "graphic design" && design.attributes["ram"] == "16GB" && design.keywords == ["graphic design"],
                "\(design)")
        // Who studies is a student: for school, not a child's, unless what is studied is a use.
        let studies = interpreter.spec(for: TurnContext(text: "a laptop for my son who studies engineering under 900"))
        #expect(studies.useCase == "school" && studies.category == "Laptops", "\(studies)")
        // A use's word in what a thing is like is a title's: "a book like the hunger games" was for gaming.
        let hunger = interpreter.spec(for: TurnContext(text: "a book like the hunger games"))
        #expect(hunger.useCase == nil && hunger.keywords.contains("games"), "\(hunger)")
        // Sitting for long asks for an ergonomic chair (before, nothing was searched for).
        for text in ["an office chair for long hours", "a chair for sitting all day"] {
            let chair = interpreter.spec(for: TurnContext(text: text))
            #expect(chair.category == "Office Chairs" && chair.features == ["ergonomic"] && chair.keywords.isEmpty, "\(chair)")
        }
        // So without "the": "a thriller like gone girl" was a book for kids.
        let goneGirl = interpreter.spec(for: TurnContext(text: "a thriller book like gone girl"))
        #expect(goneGirl.useCase == nil && goneGirl.keywords == ["gone", "girl"] && goneGirl.attributes["genre"] == "thriller",
                "\(goneGirl)")
        #expect(interpreter.spec(for: TurnContext(text: "books like harry potter for my daughter")).useCase == "kids")
        #expect(interpreter.spec(for: TurnContext(text: "something like a gaming laptop")).useCase == "gaming")
        #expect(interpreter.spec(for: TurnContext(text: "i'd like the laptop for gaming")).useCase == "gaming")
        // A child alone is still who it is for.
        #expect(interpreter.spec(for: TurnContext(text: "a toy for my son")).useCase == "kids")
        // "She loves drawing", for a gift with no category yet: a use, which suggests tablets.
        // Before, "drawing" was searched as the name of a thing, and a $1,199 tablet came back.
        let gift = interpreter.spec(for: TurnContext(text: "a present for my 8 year old niece"))
        let drawing = interpreter.spec(for: TurnContext(text: "she loves drawing", currentSpec: gift))
        #expect(drawing.useCase == "drawing" && drawing.missingFields == ["category"], "\(drawing)")
        #expect(interpreter.spec(for: TurnContext(text: "a tablet for drawing")).useCase == "drawing")
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
        let grinds = interpreter.spec(for: TurnContext(text: "coffee maker that grinds beans"))
        #expect(grinds.features == ["grinder"] && grinds.keywords.isEmpty, "\(grinds)")
        let mat = interpreter.spec(for: TurnContext(text: "yoga mat that is not slippery"))
        #expect(mat.features == ["non-slip"] && mat.keywords.isEmpty, "\(mat)")
        // "Espresso" was a slip of "Nespresso"; a cappuccino needs a milk frother.
        let cappuccino = interpreter.spec(for: TurnContext(text: "a coffee maker that makes espresso and cappuccino"))
        #expect(cappuccino.category == "Coffee Makers" && cappuccino.brands.isEmpty && cappuccino.features == ["milk frother"]
                && cappuccino.keywords == ["espresso"] && cappuccino.query == "milk frother espresso coffee makers", "\(cappuccino)")
        let headrest = interpreter.spec(for: TurnContext(text: "office chair with a headrest"))
        #expect(headrest.features == ["headrest"] && headrest.keywords.isEmpty, "\(headrest)")
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
        #expect(small.attributes == ["screen_size": "least"] && small.features.isEmpty && small.keywords.isEmpty, "\(small)")
        let standing = interpreter.spec(for: TurnContext(text: "shoes for standing all day"))
        #expect(standing.features == ["comfortable"], "\(standing)")
        let value = interpreter.spec(for: TurnContext(text: "best value laptop under 800"))
        #expect(value.sort == .rating && value.keywords.isEmpty && value.budget.max == 800, "\(value)")
    }

    /// "Not a standing one" keeps standing desks out (`excluded_words`), and "no, earbuds"
    /// corrects what was asked: before, the first changed nothing and the second lost the earbuds.
    @Test func aWordDeniedIsKeptOutOfTitlesAndANoAloneCorrects() {
        let interpreter = EmbeddedInterpreter()
        let desks = interpreter.spec(for: TurnContext(text: "a desk under 300"))
        let notStanding = interpreter.spec(for: TurnContext(text: "not a standing one", currentSpec: desks))
        #expect(notStanding.attributes[RequirementSpec.excludedWordsKey] == "standing" && notStanding.keywords.isEmpty
                && notStanding.budget.max == 300, "\(notStanding)")
        let noDrawers = interpreter.spec(for: TurnContext(text: "without drawers", currentSpec: notStanding))
        #expect(noDrawers.attributes[RequirementSpec.excludedWordsKey] == "standing,drawers", "\(noDrawers)")
        // Asked for again, wanted again.
        let standing = interpreter.spec(for: TurnContext(text: "actually a standing one", currentSpec: noDrawers))
        #expect(standing.attributes[RequirementSpec.excludedWordsKey] == "drawers" && standing.features.contains("standing"), "\(standing)")
        // A denied quality is no word of a title.
        for text in ["a hoodie that isn't itchy", "a yoga mat that's not too thin"] {
            let quality = interpreter.spec(for: TurnContext(text: text))
            #expect(quality.attributes[RequirementSpec.excludedWordsKey] == nil && quality.keywords.isEmpty, "\(quality)")
        }
        var headphones = interpreter.spec(for: TurnContext(text: "headphones"))
        headphones.missingFields = ["budget"]
        for text in ["no, earbuds", "Nope. earbuds please", "no - earbuds"] {
            let corrected = interpreter.spec(for: TurnContext(text: text, currentSpec: headphones))
            #expect(corrected.keywords.contains("earbuds") && corrected.attributes[RequirementSpec.excludedWordsKey] == nil,
                    "\(text): \(corrected)")
        }
        #expect(!interpreter.spec(for: TurnContext(text: "no earbuds", currentSpec: headphones)).keywords.contains("earbuds"))
    }

    /// "In 32" after jeans is a size: before, a keyword "32" no listing has.
    @Test func aNumberAfterInIsASizeOfWhatHasSizes() {
        let interpreter = EmbeddedInterpreter()
        let jeans = interpreter.spec(for: TurnContext(text: "jeans for men, slim fit"))
        for text in ["in 32", "do you have them in a 32?", "in 32 please"] {
            let sized = interpreter.spec(for: TurnContext(text: text, currentSpec: jeans))
            #expect(sized.attributes["size"] == "32" && !sized.keywords.contains("32"), "\(text): \(sized)")
        }
        #expect(interpreter.spec(for: TurnContext(text: "running shoes in 10")).attributes["size"] == "10")
        // The answer to "what's your budget?" after shoes asked in a size.
        var awaiting = interpreter.spec(for: TurnContext(text: "boots"))
        awaiting.missingFields = ["budget"]
        let answered = interpreter.spec(for: TurnContext(text: "in 9", currentSpec: awaiting))
        #expect(answered.attributes["size"] == "9" && answered.budget.max == nil, "\(answered)")
        // Not of what has no sizes: "a monitor in 27" keeps what it did.
        #expect(interpreter.spec(for: TurnContext(text: "a laptop in 15")).attributes["size"] == nil)
    }

    /// "A rain jacket that packs small" asked for size S, "brown switches" for a brown keyboard,
    /// "works with iphone" for Apple's watches only, "without fragrance" searched the word
    /// "fragrance", "not too heavy" and "not too expensive" were denied, "for adults" was a keyword.
    @Test func whatAThingDoesIsNotItsSizeColourOrBrand() {
        let interpreter = EmbeddedInterpreter()
        let jacket = interpreter.spec(for: TurnContext(text: "a rain jacket for men that packs small"))
        #expect(jacket.features == ["packable"] && jacket.attributes == ["gender": "men"] && jacket.keywords == ["rain"], "\(jacket)")
        let keyboard = interpreter.spec(for: TurnContext(text: "mechanical keyboard with brown switches"))
        #expect(keyboard.attributes == ["switches": "Brown"] && keyboard.features == ["mechanical"] && keyboard.keywords.isEmpty,
                "\(keyboard)")
        let cherry = interpreter.spec(for: TurnContext(text: "a keyboard with cherry mx red"))
        #expect(cherry.attributes == ["switches": "Red"], "\(cherry)")
        for text in ["a smartwatch that works with iphone", "a smartwatch compatible with my iphone", "iphone compatible smartwatch"] {
            let watch = interpreter.spec(for: TurnContext(text: text))
            #expect(watch.category == "Smartwatches" && watch.brands.isEmpty && watch.features.isEmpty
                    && watch.attributes == ["compatibility": "iPhone"] && watch.keywords.isEmpty, "\(text): \(watch)")
        }
        let android = interpreter.spec(for: TurnContext(text: "earbuds that work with android"))
        #expect(android.attributes == ["compatibility": "Android"], "\(android)")
        let cream = interpreter.spec(for: TurnContext(text: "a moisturizer for dry skin without fragrance"))
        #expect(cream.features == ["fragrance free"] && cream.keywords == ["moisturizer"] && cream.excludedBrands.isEmpty, "\(cream)")
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop for college, not too heavy, under 700"))
        #expect(laptop.features == ["lightweight"] && laptop.budget.max == 700, "\(laptop)")
        let mat = interpreter.spec(for: TurnContext(text: "a thick yoga mat"))
        // "Does it support" asks what it does; "arch support" is a wish (of stability).
        let tvs = interpreter.spec(for: TurnContext(text: "a tv"))
        let tv = interpreter.spec(for: TurnContext(text: "does it support 120hz?", currentSpec: tvs))
        #expect(tv.keywords.isEmpty && tv.attributes["refresh_rate"] == "120Hz", "\(tv)")
        let arch = interpreter.spec(for: TurnContext(text: "running shoes with arch support"))
        #expect(arch.features == ["stability"], "\(arch)")
        // A quality after the name is said of it, not what it goes with (before, no category).
        for text in ["non slip yoga mat, thick", "a yoga mat thick"] {
            let after = interpreter.spec(for: TurnContext(text: text))
            #expect(after.category == "Yoga Mats" && after.keywords == ["thick"], "\(text): \(after)")
        }
        let cheaper = interpreter.spec(for: TurnContext(text: "not too expensive", currentSpec: mat))
        #expect(cheaper.sort == .priceAscending && cheaper.budget.isOpen && cheaper.keywords == ["thick"], "\(cheaper)")
        let lego = interpreter.spec(for: TurnContext(text: "a lego set for adults"))
        #expect(lego.attributes == ["age": "adult"] && lego.keywords == ["lego"], "\(lego)")
        let tablet = interpreter.spec(for: TurnContext(text: "a tablet with a stylus under 500"))
        #expect(tablet.features == ["pen"], "\(tablet)")
        // A discount is a feature the catalog reads from the prices; "whatever" is no search word.
        let laptops = interpreter.spec(for: TurnContext(text: "not sure, whatever is good", currentSpec: interpreter.spec(for: TurnContext(text: "a laptop"))))
        #expect(laptops.keywords.isEmpty, "\(laptops)")
        let sale = interpreter.spec(for: TurnContext(text: "which ones are on sale?", currentSpec: laptops,
                                                     lastShown: EmbeddedEngineTests.shownHeadphones))
        #expect(sale.features == ["on sale"], "\(sale)")
        // "Winters" is winter, swimming asks a watch for 50 m of water resistance, "a long battery" is the feature.
        let winter = interpreter.spec(for: TurnContext(text: "a warm jacket for canada winters"))
        #expect(winter.useCase == "winter" && winter.features == ["insulated"] && winter.keywords == ["winter", "canada"], "\(winter)")
        let watch = interpreter.spec(for: TurnContext(text: "a smartwatch for swimming with a long battery"))
        #expect(watch.useCase == "swimming" && watch.attributes == ["water_resistance": "50m"]
                && watch.features == ["long battery life"], "\(watch)")
        // A thing named without an article after the words that describe it is searched by its name.
        let speaker = interpreter.spec(for: TurnContext(text: "bluetooth speaker waterproof for the beach"))
        #expect(speaker.category == nil && speaker.missingFields.isEmpty && speaker.useCase == "beach"
                && EmbeddedInterpreter.namedThings(speaker) == ["speaker"], "\(speaker)")
        #expect(interpreter.spec(for: TurnContext(text: "red asdf")).missingFields == ["category"])
        // A game is played, the beach is a place to use it.
        let gpu = interpreter.spec(for: TurnContext(text: "a graphics card that can run cyberpunk"))
        #expect(gpu.useCase == "gaming" && gpu.keywords == ["gaming"], "\(gpu)")
        #expect(EmbeddedInterpreter.describe(speaker).hasSuffix("for the beach"), "\(EmbeddedInterpreter.describe(speaker))")
        // "2 in 1" is no 2 inch screen; a pack of T-shirts is T-shirts; "high waisted", "left handed" are features.
        let convertible = interpreter.spec(for: TurnContext(text: "a 2 in 1 laptop with touchscreen"))
        #expect(convertible.attributes.isEmpty && convertible.features == ["2-in-1", "touchscreen"] && convertible.keywords.isEmpty,
                "\(convertible)")
        #expect(interpreter.spec(for: TurnContext(text: "a 13 in laptop")).attributes == ["screen_size": "13 inch"])
        let shirts = interpreter.spec(for: TurnContext(text: "a white t-shirt pack for men"))
        #expect(shirts.category == "T-Shirts" && shirts.attributes == ["color": "white", "gender": "men"], "\(shirts)")
        let jeans = interpreter.spec(for: TurnContext(text: "jeans for women, high waisted, size 28"))
        #expect(jeans.features == ["high waisted"] && jeans.keywords.isEmpty, "\(jeans)")
        let mouse = interpreter.spec(for: TurnContext(text: "a mouse for a left handed person"))
        #expect(mouse.features == ["left handed"] && mouse.keywords.isEmpty, "\(mouse)")
        // "Small" of a thing without clothes' sizes orders by the size it states, else is compact;
        // a resolution is what a graphics card drives.
        let desk = interpreter.spec(for: TurnContext(text: "a small standing desk under 300"))
        #expect(desk.attributes == ["width": "least"] && desk.keywords == ["standing"] && desk.features.isEmpty, "\(desk)")
        let large = interpreter.spec(for: TurnContext(text: "a large backpack"))
        #expect(large.attributes == ["capacity": "most"] && large.features.isEmpty, "\(large)")
        let umbrella = interpreter.spec(for: TurnContext(text: "a small umbrella"))
        #expect(umbrella.attributes.isEmpty, "\(umbrella)")
        let blender = interpreter.spec(for: TurnContext(text: "a small blender"))
        #expect(blender.attributes == ["capacity": "least"], "\(blender)")
        #expect(interpreter.spec(for: TurnContext(text: "a small hoodie")).attributes == ["size": "S"])
        let card = interpreter.spec(for: TurnContext(text: "a gpu for 1440p gaming under 600"))
        #expect(card.category == "Graphics Cards" && card.attributes.isEmpty && card.useCase == "gaming", "\(card)")
        // A girl's present is for a child, and a girl's things are girls'.
        let gift = interpreter.spec(for: TurnContext(text: "a gift for a 5 year old girl"))
        #expect(gift.useCase == "kids" && gift.attributes == ["age": "5", "gender": "girls"], "\(gift)")
        let sons = interpreter.spec(for: TurnContext(text: "a winter jacket for my son, he is 12"))
        #expect(sons.attributes == ["age": "12", "gender": "boys"], "\(sons)")
        // A grown child, or two children, is neither.
        #expect(interpreter.spec(for: TurnContext(text: "a jacket for my daughter")).attributes["gender"] == nil)
        #expect(interpreter.spec(for: TurnContext(text: "toys for my son and daughter, 6 years old")).attributes["gender"] == nil)
    }

    /// "A mystery novel" searched books for the word "mystery", which no title has, and "something
    /// by agatha christie" the words "agatha" and "christie": books state a genre and an author.
    /// "An air fryer for a family of 4" searched for the word "family"; "running shoes for flat
    /// feet" for "flat" and "feet"; "compare the first two laptops" for "compare", which then
    /// stayed in every later search of the session.
    @Test func whoAThingIsForSaysWhatItNeeds() {
        let interpreter = EmbeddedInterpreter()
        for (text, people) in [("an air fryer for a family of 4", "4 person"), ("a tent for a family of five people", "5 person"),
                               ("air fryer big enough for a household of 6", "6 person"),
                               ("a tent big enough for 3 people", "3 person")] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.attributes == ["capacity": people] && spec.keywords.isEmpty, "\(text): \(spec)")
        }
        let shoes = interpreter.spec(for: TurnContext(text: "running shoes for flat feet under 150"))
        #expect(shoes.category == "Running Shoes" && shoes.features == ["stability"] && shoes.keywords.isEmpty
                && shoes.budget.max == 150, "\(shoes)")
        let overpronate = interpreter.spec(for: TurnContext(text: "women's running shoes, I overpronate"))
        #expect(overpronate.features == ["stability"] && overpronate.attributes == ["gender": "women"], "\(overpronate)")
        let chair = interpreter.spec(for: TurnContext(text: "an office chair for a tall person with back pain"))
        #expect(chair.features == ["lumbar support"] && chair.keywords.isEmpty, "\(chair)")
        let backpack = interpreter.spec(for: TurnContext(text: "a backpack that fits a 17 inch laptop"))
        #expect(backpack.attributes == ["laptop_sleeve": "17 inch"] && backpack.keywords.isEmpty, "\(backpack)")
        let bigChair = interpreter.spec(for: TurnContext(text: "a gaming chair for a big guy under 300"))
        #expect(bigChair.attributes == ["max_weight": "350 lb"] && bigChair.keywords == ["gaming"], "\(bigChair)")
        let earbuds = interpreter.spec(for: TurnContext(text: "wireless earbuds that don't fall out when running"))
        #expect(earbuds.features == ["wireless", "secure fit"] && !earbuds.keywords.contains("fall"), "\(earbuds)")
        let soon = interpreter.spec(for: TurnContext(text: "i need a jacket by friday"))
        #expect(soon.category == "Jackets" && soon.keywords.isEmpty && soon.attributes.isEmpty, "\(soon)")
        // A word denied is not searched for: "itchy" put the itchiest first.
        let hoodie = interpreter.spec(for: TurnContext(text: "a hoodie that isn't itchy"))
        #expect(hoodie.category == "Hoodies" && hoodie.keywords.isEmpty, "\(hoodie)")
        let notWhite = interpreter.spec(for: TurnContext(text: "sneakers that aren't white"))
        #expect(notWhite.attributes["excluded_color"] == "white" && notWhite.attributes["color"] == nil, "\(notWhite)")
        let watch = interpreter.spec(for: TurnContext(text: "a smart watch that tracks sleep and heart rate"))
        #expect(watch.features == ["sleep tracking", "heart rate"] && watch.keywords.isEmpty, "\(watch)")
        let jeans = interpreter.spec(for: TurnContext(text: "jeans that are stretchy for men 34 waist"))
        #expect(jeans.features == ["stretch"] && jeans.attributes == ["gender": "men", "size": "34"] && jeans.keywords.isEmpty, "\(jeans)")
        // Before, "good battery" was read and "life" searched for: "I couldn't find any life phones".
        let battery = interpreter.spec(for: TurnContext(text: "a phone with good battery life"))
        #expect(battery.features == ["long battery life"] && battery.keywords.isEmpty, "\(battery)")
        // A correction's words are no search words; "desk" in "a desk chair" is what it goes with:
        // no office chair's title says it, yet each is one (not "I couldn't find any desk office chairs").
        let meant = interpreter.spec(for: TurnContext(text: "sorry, I meant a tablet"))
        #expect(meant.category == "Tablets" && meant.keywords.isEmpty, "\(meant)")
        let deskChair = interpreter.spec(for: TurnContext(text: "a desk chair with armrests"))
        let chairs = [EmbeddedEngineTests.product("IKEA FLINTAN Office Chair with Armrests", "IKEA", 89.99, reasons: [])]
        let reply = interpreter.reply(for: deskChair, results: SearchResults(products: chairs, totalFound: 1, sources: []))
        #expect(deskChair.category == "Office Chairs" && reply.hasPrefix("Here is the best match for"), "\(deskChair): \(reply)")
        // "Budget" as a price level: cheapest first, and no question for the budget.
        let budget = interpreter.spec(for: TurnContext(text: "best budget graphics card for 1080p gaming"))
        #expect(budget.sort == .priceAscending && budget.missingFields.isEmpty && !budget.keywords.contains("budget"), "\(budget)")
        let onABudget = interpreter.spec(for: TurnContext(text: "I'm on a budget, need a phone"))
        #expect(onABudget.category == "Phones" && onABudget.sort == .priceAscending && onABudget.missingFields.isEmpty, "\(onABudget)")
        #expect(interpreter.spec(for: TurnContext(text: "a phone, my budget is 300")).budget.max == 300)
        // "For two" spelled out counts people; "for 10" may be a price.
        #expect(interpreter.spec(for: TurnContext(text: "air fryer for two")).attributes == ["capacity": "2 person"])
        #expect(interpreter.spec(for: TurnContext(text: "a tent for four under 300")).attributes == ["capacity": "4 person"])
        #expect(interpreter.spec(for: TurnContext(text: "headphones for 10")).attributes["capacity"] == nil)
        // The leg's length is no size: before, "30 length" replaced the waist 32.
        let inseam = interpreter.spec(for: TurnContext(text: "jeans for men, 32 waist 30 length"))
        #expect(inseam.attributes == ["gender": "men", "size": "32", "inseam": "30 inch"] && inseam.keywords.isEmpty, "\(inseam)")
        #expect(interpreter.spec(for: TurnContext(text: "jeans waist 32 inseam 30")).attributes == ["size": "32", "inseam": "30 inch"])
        let vacuum = interpreter.spec(for: TurnContext(text: "a vacuum for a house with two dogs"))
        #expect(vacuum.features == ["pet hair"] && vacuum.keywords.isEmpty, "\(vacuum)")
        let blender = interpreter.spec(for: TurnContext(text: "a blender that isn't loud"))
        #expect(blender.features == ["quiet"] && blender.keywords.isEmpty, "\(blender)")
        // The second part of a list after "with" is a part too, not another category.
        let gamingLaptop = interpreter.spec(for: TurnContext(text: "a laptop with at least 16gb ram and a good graphics card"))
        #expect(gamingLaptop.category == "Laptops" && gamingLaptop.attributes == ["ram": "16GB"]
                && gamingLaptop.features == ["graphics card"], "\(gamingLaptop)")
        let phone = interpreter.spec(for: TurnContext(text: "a phone with a good camera and a big battery under 700"))
        #expect(phone.features == ["camera", "long battery life"] && phone.keywords.isEmpty, "\(phone)")
        let coffee = interpreter.spec(for: TurnContext(text: "a coffee maker that makes 12 cups, programmable"))
        #expect(coffee.attributes == ["capacity": "12 cups"] && coffee.features == ["programmable"] && coffee.keywords.isEmpty, "\(coffee)")
        let laptops = interpreter.spec(for: TurnContext(text: "compare the first two laptops under 800"))
        #expect(laptops.category == "Laptops" && laptops.keywords.isEmpty && laptops.budget.max == 800, "\(laptops)")
    }

    /// "The cheapest 1tb ssd" listed a 2TB hard drive first, and "32gb ddr5 ram" DDR4 kits: the
    /// noun after an amount named the category, but not which kind of it.
    @Test func theNounAfterAnAmountSaysTheKind() {
        let interpreter = EmbeddedInterpreter()
        let ssd = interpreter.spec(for: TurnContext(text: "cheapest 1tb ssd"))
        #expect(ssd.category == "Storage" && ssd.keywords == ["ssd"] && ssd.query == "ssd storage" && ssd.sort == .priceAscending, "\(ssd)")
        let ram = interpreter.spec(for: TurnContext(text: "32gb ddr5 ram for my gaming pc"))
        #expect(ram.category == "Memory" && ram.keywords.contains("ddr5") && ram.query?.contains("ddr5") == true, "\(ram)")
        // Of another category the noun is a part of what is asked: no kind.
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop with a 1tb ssd"))
        #expect(laptop.category == "Laptops" && !laptop.keywords.contains("ssd"), "\(laptop)")
    }

    @Test func booksAreAskedForByGenreAndAuthor() {
        let interpreter = EmbeddedInterpreter()
        let mystery = interpreter.spec(for: TurnContext(text: "a mystery novel"))
        #expect(mystery.category == "Books" && mystery.attributes == ["genre": "mystery"] && mystery.keywords.isEmpty, "\(mystery)")
        let christie = interpreter.spec(for: TurnContext(text: "something by agatha christie", currentSpec: mystery))
        #expect(christie.attributes == ["genre": "mystery", "author": "Agatha Christie"] && christie.keywords.isEmpty, "\(christie)")
        let tolkien = interpreter.spec(for: TurnContext(text: "books by tolkien under 20"))
        #expect(tolkien.attributes == ["author": "Tolkien"] && tolkien.budget.max == 20, "\(tolkien)")
        #expect(EmbeddedInterpreter.describe(tolkien) == "books by Tolkien under $20")
        // A genre alone asks for books.
        let horror = interpreter.spec(for: TurnContext(text: "something horror"))
        #expect(horror.category == "Books" && horror.attributes == ["genre": "horror"], "\(horror)")
        // "By" of anything else names no author.
        let jacket = interpreter.spec(for: TurnContext(text: "a jacket made by hand"))
        #expect(jacket.attributes["author"] == nil, "\(jacket)")
        // Without a category, only books are by a person; "by christmas" is when.
        let bronte = interpreter.spec(for: TurnContext(text: "something by charlotte bronte"))
        #expect(bronte.category == "Books" && bronte.attributes == ["author": "Charlotte Bronte"] && bronte.keywords.isEmpty, "\(bronte)")
        let gift = interpreter.spec(for: TurnContext(text: "a gift i need by christmas"))
        #expect(gift.category == nil && gift.attributes["author"] == nil, "\(gift)")
        #expect(interpreter.spec(for: TurnContext(text: "headphones by sony")).brands == ["Sony"])
        // A name of two words after "by" is no typo of others': with the shared data's brand
        // "Amatra" and category "christmas", "agatha christie" was both.
        var vocabulary = CatalogVocabulary.builtIn
        vocabulary.categories.append(.init(name: "christmas", path: ["christmas"], count: 9))
        vocabulary.brands.append(.init(name: "Amatra", categories: ["Jewellery"]))
        let shared = EmbeddedInterpreter(vocabulary: vocabulary)
        let author = shared.spec(for: TurnContext(text: "something by agatha christie", currentSpec: mystery))
        #expect(author.category == "Books" && author.brands.isEmpty && author.attributes["author"] == "Agatha Christie", "\(author)")
        #expect(shared.spec(for: TurnContext(text: "headphnes by sonny")).brands == ["Sony"])
        // After books were shown, "any by …?" asks for the author's, not whether those shown are
        // "by stephen king" (before: "None of the 8 shown says whether it has by stephen king").
        let shown = [EmbeddedEngineTests.product("Frankenstein by Mary Shelley", "Penguin", 10, reasons: []),
                     EmbeddedEngineTests.product("War and Peace by Leo Tolstoy", "Penguin", 25, reasons: [])]
        let any = TurnContext(text: "any by stephen king?", currentSpec: mystery, lastShown: shown)
        #expect(interpreter.searchlessDecision(any) == nil)
        #expect(interpreter.spec(for: any).attributes["author"] == "Stephen King", "\(interpreter.spec(for: any))")
    }

    /// "Wine glasses" are glasses for wine: before, burgundy glasses. A wine dress is still burgundy.
    @Test func aDrinksThingsAreNoColour() {
        let interpreter = EmbeddedInterpreter()
        for text in ["wine glasses set", "a wine rack", "champagne flutes"] {
            let spec = interpreter.spec(for: TurnContext(text: text))
            #expect(spec.attributes["color"] == nil, "\(text): \(spec)")
        }
        #expect(interpreter.spec(for: TurnContext(text: "wine glasses set")).keywords.contains("wine"))
        #expect(interpreter.spec(for: TurnContext(text: "a wine dress")).attributes["color"] == "burgundy")
        // Who likes a thing is no word to search for: "a gift for a coffee lover" (before, "lover coffee"),
        // nor is what is liked a brand of the same word (the shared data's "Coffee" sells lingerie).
        #expect(interpreter.spec(for: TurnContext(text: "a gift for a coffee lover")).keywords == ["coffee"])
        let withBrand = EmbeddedInterpreter(vocabulary: CatalogVocabulary(
            categories: [.init(name: "Lingerie", path: ["Clothing", "Lingerie"], count: 40)],
            brands: [.init(name: "Coffee", count: 12, categories: ["Lingerie"])]).merged())
        let lover = withBrand.spec(for: TurnContext(text: "a gift for a coffee lover under 30"))
        #expect(lover.brands.isEmpty && lover.keywords == ["coffee"], "\(lover)")
    }

    /// "A mattress, queen size" searched "mattress queen", and "memory foam" then memory kits: a
    /// bed's size is the size asked for, and memory foam a mattress's feature.
    @Test func aBedsSizeAndItsFoamAreNoOtherThings() {
        let interpreter = EmbeddedInterpreter()
        let mattress = interpreter.spec(for: TurnContext(text: "i need a mattress, queen size"))
        #expect(mattress.attributes["size"] == "Queen" && mattress.keywords == ["mattress"], "\(mattress)")
        let foam = interpreter.spec(for: TurnContext(text: "memory foam", currentSpec: mattress))
        #expect(foam.category == nil && foam.features == ["memory foam"] && foam.keywords == ["mattress"], "\(foam)")
        #expect(interpreter.spec(for: TurnContext(text: "a king size bed")).attributes["size"] == "King")
        // A word spelled two ways is either: a "Silk Sari" is a saree.
        #expect(EmbeddedInterpreter.title("Vipul Printed Bhagalpuri Raw Silk Sari", hasAllOf: ["saree"]))
        // "Firm" says how it feels, and a lamp's "usb port" what it has: features, not names to find.
        let firm = interpreter.spec(for: TurnContext(text: "firm", currentSpec: foam))
        #expect(firm.features.contains("firm") && firm.keywords == ["mattress"], "\(firm)")
        let lamp = interpreter.spec(for: TurnContext(text: "a desk lamp"))
        let port = interpreter.spec(for: TurnContext(text: "with a usb port", currentSpec: lamp))
        #expect(port.features == ["usb port"] && port.keywords == lamp.keywords, "\(port)")
    }
}
