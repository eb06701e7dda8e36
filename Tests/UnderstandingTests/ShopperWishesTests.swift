import Shared
import Testing
@testable import Understanding

/// Wishes and questions the engine lost or answered beside the point: "a gaming mouse that's
/// light" (a stop word), "my back hurts" (the keywords "back" and "hurts"), "my son is 8" (no
/// age: an $850 collector's set for him), "i need more ram for my pc" ("which kind of
/// product?"), "does it shoot 4k video?" of a camera stating "video: 1080p" ("its listing does
/// not say"), "what lens does it come with?" (a new search), "is the corsair one faster than the
/// gskill?" (whether the Corsairs had "faster than gskill").
@Suite(.timeLimit(.minutes(1)))
struct ShopperWishesTests {
    let interpreter = EmbeddedInterpreter()

    private func product(_ id: String, _ title: String, brand: String? = nil, category: String,
                         _ attributes: [String: String] = [:], description: String? = nil) -> ProductResult {
        var product = ProductResult(id: id, title: title, brand: brand ?? id, category: category, price: 50, currency: "USD",
                                    marketplace: "local", attributes: attributes)
        product.description = description
        return product
    }

    /// "Light" says how heavy a thing is, unless it is a shade, how much a thing is used, or a lamp.
    @Test func lightIsAWeightUnlessAShadeAUseOrALamp() {
        let mouse = interpreter.spec(for: TurnContext(text: "a gaming mouse that's light"))
        #expect(mouse.category == "Mice" && mouse.features == ["lightweight"] && mouse.useCase == "gaming", "\(mouse)")
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop that's light and fast"))
        #expect(laptop.features == ["lightweight"], "\(laptop)")
        let grey = interpreter.spec(for: TurnContext(text: "light grey hoodie"))
        #expect(grey.attributes["color"] == "grey" && grey.features.isEmpty, "\(grey)")
        #expect(interpreter.spec(for: TurnContext(text: "dark green jacket")).attributes["color"] == "green")
        for text in ["a laptop for light gaming", "a laptop for light use", "a ring light", "something that blocks blue light"] {
            #expect(!interpreter.spec(for: TurnContext(text: text)).features.contains("lightweight"), "\(text)")
        }
    }

    /// A sore back asks a chair for lumbar support; how long one sits is no word of a listing,
    /// but asks for an ergonomic chair, as listings say.
    @Test func aSoreBackAsksForLumbarSupport() {
        let chair = interpreter.spec(for: TurnContext(text: "I need an office chair for long hours, my back hurts"))
        #expect(chair.category == "Office Chairs" && chair.features == ["ergonomic", "lumbar support"] && chair.keywords.isEmpty,
                "\(chair)")
        let camera = interpreter.spec(for: TurnContext(text: "I'm getting into photography, what camera should I get?"))
        #expect(camera.category == "Cameras" && !camera.keywords.contains("getting"), "\(camera)")
    }

    /// "My son is 8", "she's 10", "he just turned 6": the age a present is for, as "an 8 year old" says.
    @Test func aChildsAgeSaidAsAFactIsTheAge() {
        let lego = interpreter.spec(for: TurnContext(text: "my son is 8 and loves space, any lego?"))
        #expect(lego.category == "Building Sets" && lego.attributes["age"] == "8" && !lego.keywords.contains("8"), "\(lego)")
        #expect(interpreter.spec(for: TurnContext(text: "a book for my niece, she's 10")).attributes["age"] == "10")
        #expect(interpreter.spec(for: TurnContext(text: "lego for my nephew, he just turned 6 years old")).attributes["age"] == "6")
        // Not anything's number: a budget, or an adult.
        #expect(interpreter.spec(for: TurnContext(text: "lego, my budget is 50")).attributes["age"] == nil)
        #expect(interpreter.spec(for: TurnContext(text: "a watch for my brother, he is 30")).attributes["age"] == nil)
    }

    /// "She's always cold" asks a coat to be warm; "my kitchen is tiny" a small blender.
    @Test func feelingTheColdAndATinyKitchen() {
        let coat = interpreter.spec(for: TurnContext(text: "I'm looking for a winter coat for my wife, she's always cold"))
        #expect(coat.features == ["insulated"] && coat.keywords == ["winter"], "\(coat)")
        // A small space asks for the smallest of the kind, by what its listings state.
        let blender = interpreter.spec(for: TurnContext(text: "i need a blender for smoothies, but my kitchen is tiny"))
        #expect(blender.attributes["capacity"] == "least" && !blender.keywords.contains("tiny"), "\(blender)")
        #expect(interpreter.spec(for: TurnContext(text: "an air fryer for a small apartment")).attributes["capacity"] == "least")
        // A bright room asks a TV to be bright; a bright colour is a shade.
        let tv = interpreter.spec(for: TurnContext(text: "tv for my living room, it's pretty bright in there"))
        #expect(tv.features == ["bright"] && !tv.keywords.contains("bright"), "\(tv)")
        #expect(interpreter.spec(for: TurnContext(text: "bright red sneakers")).features.isEmpty)
        // Why it is wanted is no word of a listing.
        let broke = interpreter.spec(for: TurnContext(text: "i need new headphones because mine broke"))
        #expect(broke.keywords.isEmpty, "\(broke)")
        let worth = interpreter.spec(for: TurnContext(text: "is it worth getting a 4k monitor for gaming?"))
        #expect(worth.keywords == ["gaming"], "\(worth)")
        let birthday = interpreter.spec(for: TurnContext(text: "my brother's birthday is next week and he's really into gaming, "
            + "plays mostly fps games on pc, and I was thinking maybe a headset? nothing too crazy, maybe 80 bucks"))
        #expect(birthday.keywords == ["gaming", "fps", "headset"] && birthday.budget.max == 80, "\(birthday)")
        let wifes = interpreter.spec(for: TurnContext(text: "something for my wife's birthday, she likes running"))
        #expect(wifes.attributes["gender"] == "women" && wifes.keywords == ["running"], "\(wifes)")
    }

    /// "Nothing with fragrance" is fragrance free; "is it ok for oily skin?" quotes its skin type,
    /// not its product type; "do they have good grip?" asks which mention grip.
    @Test func aQuestionQuotesTheAttributeItIsAbout() {
        let cream = interpreter.spec(for: TurnContext(text: "moisturizer for dry sensitive skin, nothing with fragrance"))
        #expect(cream.features == ["fragrance free"] && !cream.keywords.contains("fragrance"), "\(cream)")
        let toleriane = product("LRP", "La Roche-Posay Toleriane Double Repair Face Moisturizer", category: "Skincare",
                                ["fragrance_free": "yes", "product_type": "moisturizer", "skin_type": "sensitive"])
        let oily = interpreter.productDetails(toleriane, answering: TurnContext(text: "is the first one ok for oily skin?",
                                                                               lastShown: [toleriane]))
        #expect(oily.hasPrefix("Its listing states skin type: sensitive."), "\(oily)")
        // A verb in "-e" as the description says it; a trip is travel.
        #expect(DescriptionMention.find(["recline"], in: "Wide-seat gaming chair with a reclining backrest.") != nil)
        #expect(DescriptionMention.find(["store"], in: "Plenty of storage.") == nil)
        let camera = interpreter.spec(for: TurnContext(text: "a camera for my trip to japan, something small"))
        #expect(camera.useCase == "travel" && !camera.keywords.contains("trip"), "\(camera)")
        if case .feature(let grip)? = interpreter.listQuestion(Tokenizer.tokenize("do they have good grip?")) {
            #expect(grip.features == ["grip"], "\(grip)")
        } else {
            Issue.record("not a question about the list")
        }
    }

    /// "Something better" after the cheapest is the best rated of the same search.
    @Test func somethingBetterIsTheBestRated() {
        let cheapest = RequirementSpec(category: "TVs", attributes: ["screen_size": "65 inch"], sort: .priceAscending)
        let better = interpreter.spec(for: TurnContext(text: "something better", currentSpec: cheapest))
        #expect(better.sort == .rating && better.attributes == ["screen_size": "65 inch"], "\(better)")
    }

    /// A category named by a mass noun is counted by its pieces: "the top 2 memory kits".
    @Test func aMassNounIsCountedByItsPieces() {
        let kits = [product("Corsair", "Corsair Vengeance RGB 32GB DDR5", category: "Memory"),
                    product("Kingston", "Kingston Fury Beast 32GB DDR5", category: "Memory")]
        let reply = interpreter.reply(for: RequirementSpec(category: "Memory"),
                                      results: SearchResults(products: kits, totalFound: 15, sources: []))
        #expect(reply.hasPrefix("Here are the top 2 memory kits out of 15 found"), "\(reply)")
    }

    /// "Not a smartwatch" keeps out a kind the products must not be, and says so when nothing else is found.
    @Test func aKindDeniedIsKeptOut() {
        let denied = interpreter.spec(for: TurnContext(text: "headphones, not earbuds"))
        #expect(denied.category == "Headphones" && denied.attributes[RequirementSpec.excludedWordsKey] == "earbuds", "\(denied)")
        let watch = interpreter.spec(for: TurnContext(text: "a nice watch for my husband, something classy, not a smartwatch"))
        #expect(watch.category != "Smartwatches" && watch.attributes[RequirementSpec.excludedWordsKey] == "smartwatch", "\(watch)")
        let watches = RequirementSpec(category: "Watches", attributes: [RequirementSpec.excludedWordsKey: "smartwatch"])
        let none = interpreter.reply(for: watches, results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(none.hasPrefix("I couldn't find any watches other than smartwatches right now."), "\(none)")
        let desks = RequirementSpec(category: "Desks", attributes: [RequirementSpec.excludedWordsKey: "standing"])
        let noDesk = interpreter.reply(for: desks, results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(noDesk.hasPrefix("I couldn't find any desks other than \"standing\" ones right now."), "\(noDesk)")
    }

    /// "For running" after shoes are running shoes, and what was said of them stays.
    @Test func shoesThenForRunningAreRunningShoes() {
        let shoes = RequirementSpec(category: "Shoes", attributes: ["size": "8"])
        let running = interpreter.spec(for: TurnContext(text: "for running", currentSpec: shoes))
        #expect(running.category == "Running Shoes" && running.attributes["size"] == "8", "\(running)")
    }

    /// "More ram" with nothing it goes in named is the part itself; with a laptop, more of its ram.
    @Test func morePartForNothingNamedIsThePart() {
        let ram = interpreter.spec(for: TurnContext(text: "i need more ram for my pc"))
        #expect(ram.category == "Memory" && ram.attributes.isEmpty && ram.missingFields.isEmpty, "\(ram)")
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop with more ram"))
        #expect(laptop.category == "Laptops" && laptop.attributes["ram"] != nil, "\(laptop)")
    }

    /// "A backpack for my laptop" asks for a laptop sleeve; "15 inch laptop" after it is the
    /// laptop the sleeve must hold, not a search for laptops.
    @Test func aBackpackForALaptopHoldsIt() {
        let backpack = interpreter.spec(for: TurnContext(text: "backpack for my laptop and gym clothes"))
        #expect(backpack.category == "Backpacks" && backpack.features == ["laptop sleeve"], "\(backpack)")
        // The feature's own words are no kind of backpack ("sleeve backpacks").
        let sleeve = interpreter.spec(for: TurnContext(text: "a backpack with a laptop sleeve"))
        #expect(sleeve.features == ["laptop sleeve"] && sleeve.keywords.isEmpty, "\(sleeve)")
        let travel = interpreter.spec(for: TurnContext(text: "backpack for travel"))
        let later = interpreter.spec(for: TurnContext(text: "with a laptop sleeve", currentSpec: travel))
        #expect(later.features == ["laptop sleeve"] && !later.keywords.contains("sleeve"), "\(later)")
        let sized = interpreter.spec(for: TurnContext(text: "15 inch laptop", currentSpec: backpack))
        #expect(sized.category == "Backpacks" && sized.attributes == ["laptop_sleeve": "15 inch"], "\(sized)")
        // Without a sleeve asked for, a laptop named with its size is a laptop.
        let bag = interpreter.spec(for: TurnContext(text: "a backpack for hiking"))
        #expect(interpreter.spec(for: TurnContext(text: "15 inch laptop", currentSpec: bag)).category == "Laptops")
        // "Nothing fancy" is a cheap one, not the keyword "fancy".
        let blender = interpreter.spec(for: TurnContext(text: "blender for protein shakes, nothing fancy"))
        #expect(blender.sort == .priceAscending && !blender.keywords.contains("fancy"), "\(blender)")
    }

    /// "Jeans that aren't skinny" keeps "skinny" out of titles (the feature is "slim fit", of two
    /// words, and nothing was kept out); "27 inch or bigger" is 27 inches or more, not 28.
    @Test func aDeniedWordAndASizeOrBigger() {
        let jeans = interpreter.spec(for: TurnContext(text: "need jeans that aren't skinny, 34 waist"))
        #expect(jeans.attributes[RequirementSpec.excludedWordsKey] == "skinny" && jeans.features.isEmpty, "\(jeans)")
        let monitor = interpreter.spec(for: TurnContext(text: "monitor for photo editing"))
        let sized = interpreter.spec(for: TurnContext(text: "27 inch or bigger", currentSpec: monitor))
        #expect(sized.attributes == ["screen_size_min": "27 inch"], "\(sized)")
        let after = interpreter.spec(for: TurnContext(text: "a 24 inch monitor"))
        let larger = interpreter.spec(for: TurnContext(text: "27 inch or larger", currentSpec: after))
        #expect(larger.attributes == ["screen_size_min": "27 inch"], "\(larger)")
        // "A small apartment and a cat": pet hair, not the keyword "cat".
        let vacuum = interpreter.spec(for: TurnContext(text: "I have a small apartment and a cat, need a vacuum"))
        #expect(vacuum.features.contains("pet hair") && !vacuum.keywords.contains("cat"), "\(vacuum)")
    }

    /// "Not too long" of books: the fewest pages first (it showed the list's next page); "a tent
    /// for 2" is for two people, typed or spelled.
    @Test func aShortBookAndATentForTwo() {
        let books = interpreter.spec(for: TurnContext(text: "a book for a long flight, something gripping"))
        for text in ["not too long", "something shorter"] {
            let short = interpreter.spec(for: TurnContext(text: text, currentSpec: books))
            #expect(short.category == "Books" && short.attributes == ["pages": "least"], "\(text): \(short)")
        }
        let short = interpreter.spec(for: TurnContext(text: "not too long", currentSpec: books))
        #expect(RankedMeasure.said(short)?.order == "shortest first")
        let tent = interpreter.spec(for: TurnContext(text: "tent for 2 for festivals under 200"))
        #expect(tent.attributes["capacity"] == "2 person" && tent.budget.max == 200, "\(tent)")
        // Not a price said after another thing: "a gift for 20".
        #expect(interpreter.spec(for: TurnContext(text: "a mug for 20")).attributes["capacity"] == nil)
    }

    /// "Is there a cheaper one with the same storage?" after the first phone's storage was asked:
    /// its storage (from its title), cheaper than it (before, a search for storage drives).
    @Test func aCheaperOneWithTheSamePartKeepsTheProductsAmount() {
        var pixel = product("Pixel", "Google Pixel 8 Pro, 256GB, Unlocked", brand: "Google", category: "Phones")
        pixel.price = 1059
        var nothing = product("Nothing", "Nothing Phone (2a), 128GB, Unlocked", brand: "Nothing", category: "Phones")
        nothing.price = 399
        let phones = RequirementSpec(category: "Phones", features: ["camera"])
        let history = [ConversationMessage(role: .user, text: "how much storage does the first one have?"),
                       ConversationMessage(role: .assistant,
                                           text: "Its storage is 256GB. The Google Pixel 8 Pro, 256GB, Unlocked costs $1,059.")]
        let same = interpreter.spec(for: TurnContext(text: "is there a cheaper one with the same storage?", history: history,
                                                     currentSpec: phones, lastShown: [pixel, nothing]))
        #expect(same.category == "Phones" && same.attributes == ["storage": "256GB"] && same.budget.max == 953, "\(same)")
        let envy = "HP Envy x360 14, AMD Ryzen 7, 16GB RAM, 1TB SSD"
        #expect(EmbeddedInterpreter.amount(of: "ram", statedIn: envy)! == ("ram", "16GB"))
        #expect(EmbeddedInterpreter.amount(of: "storage", statedIn: envy)! == ("storage", "1TB"))
        // "With low input lag" of TVs is a feature, not three keywords.
        let tv = interpreter.spec(for: TurnContext(text: "with low input lag", currentSpec: RequirementSpec(category: "TVs")))
        #expect(tv.features == ["low input lag"] && tv.keywords.isEmpty, "\(tv)")
    }

    /// "Is it warm?" of a fleece hoodie: the words listings say a feature with (`FeatureSynonyms`)
    /// answer for it; "does it have a numpad?" of a 75% keyboard quotes its layout.
    @Test func featuresAreFoundByTheWordsListingsSayThemWith() async throws {
        let hoodie = product("Nike", "Nike Sportswear Club Fleece Pullover Hoodie", category: "Hoodies",
                             ["material": "cotton-polyester fleece"])
        let engine = EmbeddedEngine()
        let warm = try await engine.productDetailsReply(TurnContext(text: "is it warm?", lastShown: [hoodie]), product: hoodie).collect()
        #expect(warm.hasPrefix("Yes, it is insulated (its name says \"fleece\")."), "\(warm)")
        let court = product("Court", "Nike Court Vision Low Women's Sneakers", category: "Sneakers", ["material": "synthetic leather"])
        let leather = try await engine.productDetailsReply(TurnContext(text: "is the first one leather?", lastShown: [court]),
                                                           product: court).collect()
        #expect(leather.hasPrefix("Its listing states material: synthetic leather."), "\(leather)")
        let spills = interpreter.spec(for: TurnContext(text: "I spill a lot, need a laptop"))
        #expect(spills.features == ["spill resistant"] && !spills.keywords.contains("spill"), "\(spills)")
        #expect(interpreter.spec(for: TurnContext(text: "vacuum for hardwood floors")).features == ["hard floors"])
        let keychron = product("Keychron", "Keychron Q1 Max Wireless Mechanical Keyboard", category: "Keyboards", ["layout": "75%"])
        let numpad = try await engine.productDetailsReply(TurnContext(text: "does it have a numpad?", lastShown: [keychron]),
                                                          product: keychron).collect()
        #expect(numpad.hasPrefix("Its listing states layout: 75%."), "\(numpad)")
    }

    /// "Working out" is fitness (it was the keyword "working"); "one cup at a time" is a
    /// single-serve coffee maker (it was a capacity of "1 cups" and the keyword "time").
    @Test func workingOutAndOneCupAtATime() {
        let home = interpreter.spec(for: TurnContext(text: "I want to start working out at home, what do I need?"))
        #expect(home.useCase == "fitness" && !home.keywords.contains("working"), "\(home)")
        let pod = interpreter.spec(for: TurnContext(text: "coffee maker that makes one cup at a time"))
        #expect(pod.features == ["single serve"] && pod.attributes.isEmpty && pod.keywords.isEmpty, "\(pod)")
        #expect(interpreter.spec(for: TurnContext(text: "a coffee maker for 12 cups")).attributes == ["capacity": "12 cups"])
    }

    /// "Which one has the most cushioning?" of shoes stating a level ("high") names the most
    /// cushioned; "not lego" to "Do you mean building sets…?" accepts building sets.
    @Test func aLevelIsAnAmountAndAnAnswerSayingWhichAcceptsTheSuggestion() {
        let shoes = [product("Ghost", "Brooks Ghost 15", category: "Running Shoes", ["cushioning": "moderate"]),
                     product("Bondi", "HOKA Bondi 8", category: "Running Shoes", ["cushioning": "high"]),
                     product("Fly", "Nike Zoom Fly", category: "Running Shoes", ["cushioning": "light"])]
        let most = AttributeSuperlative.asked(in: Tokenizer.tokenize("which one has the most cushioning?"))
        #expect(most?.answer(among: shoes, details: nil) == "Of the 3 shown, the one with the most cushioning is the HOKA Bondi 8 (high). ")
        let gift = interpreter.spec(for: TurnContext(text: "a gift for a 12 year old who likes building things"))
        let asked = EmbeddedInterpreter.suggestion(of: "building sets", word: "building")
        let history = [ConversationMessage(role: .user, text: "a gift for a 12 year old who likes building things"),
                       ConversationMessage(role: .assistant, text: asked)]
        let notLego = interpreter.spec(for: TurnContext(text: "not lego", history: history, currentSpec: gift))
        #expect(notLego.category == "Building Sets" && notLego.excludedBrands == ["LEGO"] && notLego.attributes["age"] == "12",
                "\(notLego)")
        // Another thing named is that thing.
        #expect(interpreter.spec(for: TurnContext(text: "a drone", history: history, currentSpec: gift)).category != "Building Sets")
    }

    /// A yes-or-no question whose feature no attribute names quotes the attribute its other words
    /// name: "video" of "does it shoot 4k video?", "screen" of "a big screen".
    @Test func aQuestionsOtherWordsNameTheAttributeQuoted() async throws {
        let rebel = product("Rebel", "Canon EOS Rebel T7 DSLR Camera with 18-55mm Lens Kit", brand: "Canon", category: "Cameras",
                            ["video": "1080p", "megapixels": "24.1MP"])
        let fire = product("Fire", "Amazon Fire HD 10 Tablet, 10.1 inch, 32GB", brand: "Amazon", category: "Tablets",
                           ["screen_size": "10.1 inch"])
        let engine = EmbeddedEngine()
        let video = try await engine.productDetailsReply(TurnContext(text: "does it shoot 4k video?", lastShown: [rebel]),
                                                         product: rebel).collect()
        #expect(video.hasPrefix("Its listing states video: 1080p. "), "\(video)")
        let screen = try await engine.productDetailsReply(TurnContext(text: "does it have a big screen?", lastShown: [fire]),
                                                          product: fire).collect()
        #expect(screen.hasPrefix("Its listing states screen size: 10.1 inch. "), "\(screen)")
        // Never the one colour a listing is of: "is it color accurate?" of a white monitor.
        let monitor = product("G9", "Samsung Odyssey G9 49 inch", brand: "Samsung", category: "Monitors", ["color": "white"])
        let accurate = try await engine.productDetailsReply(TurnContext(text: "is it color accurate?", lastShown: [monitor]),
                                                            product: monitor).collect()
        #expect(accurate.hasPrefix("Its listing does not say whether it is color accurate. "), "\(accurate)")
    }

    /// "What lens does it come with?": the attribute of that name, else the words of its listing
    /// or its name that mention it.
    @Test func whatAProductComesWithIsReadFromItsListing() throws {
        func asked(_ text: String) -> MeasureQuestion? { MeasureQuestion.asked(in: Tokenizer.tokenize(text)) }
        let lens = try #require(asked("what lens does it come with?"))
        let rebel = product("Rebel", "Canon EOS Rebel T7 DSLR Camera with 18-55mm Lens Kit", brand: "Canon", category: "Cameras")
        #expect(lens.answer(about: rebel)
                == "Its details do not state its lens, but its name says: \"…DSLR Camera with 18-55mm Lens Kit\".")
        let warranty = try #require(asked("what warranty does the first one have?"))
        #expect(warranty.answer(about: product("Chair", "Office Chair", category: "Office Chairs", ["warranty": "12 years"]))
                == "Its warranty is 12 years.")
        for text in ["what else do you have?", "what brands do they come in?", "what does it do?"] {
            #expect(asked(text) == nil, "\(text)")
        }
    }

    /// "Is the corsair one faster than the gskill?": the two compared, the faster named first.
    @Test func aComparativeWithThanComparesByItsMeasure() async throws {
        let shown = [product("Vengeance", "Corsair Vengeance RGB 32GB (2x16GB) DDR5 6000MHz", brand: "Corsair", category: "Memory",
                             ["speed": "6000MHz"]),
                     product("Dominator", "Corsair Dominator Titanium 64GB DDR5 6600MHz", brand: "Corsair", category: "Memory",
                             ["speed": "6600MHz"]),
                     product("Trident", "G.Skill Trident Z5 RGB 32GB (2x16GB) DDR5 6400MHz", brand: "G.Skill", category: "Memory",
                             ["speed": "6400MHz"])]
        let text = "is the corsair one faster than the gskill?"
        let compared = try #require(ProductComparison.products(comparedIn: Tokenizer.tokenize(text), text: text, among: shown))
        #expect(compared.map(\.id) == ["Vengeance", "Trident"])
        let reply = try await EmbeddedEngine().productComparisonReply(TurnContext(text: text, lastShown: shown), products: compared)
            .collect()
        #expect(reply.hasPrefix("Of the 2 compared, the fastest is the G.Skill Trident Z5 RGB 32GB (2x16GB) DDR5 6400MHz (6400MHz). "
                                + "Comparing the Corsair"), "\(reply)")
        // Without "than", a comparative is a wish of its own.
        #expect(ProductComparison.products(comparedIn: Tokenizer.tokenize("faster corsair ones"), text: "", among: shown) == nil)
    }

    /// "Which one is the lightest?" of products that state no weight: those whose listings say they are light.
    @Test func theLightestOfProductsStatingNoWeightQuotesThoseSaidLight() {
        let mice = [product("Razer", "Razer Basilisk V3 Pro Wireless Gaming Mouse", category: "Mice",
                            description: "Feature-rich wireless gaming mouse with a tilting scroll wheel."),
                    product("Glorious", "Glorious Model O 2 Wireless Gaming Mouse", category: "Mice",
                            description: "Lightweight honeycomb-shell gaming mouse with long battery life.")]
        let lightest = AttributeSuperlative.asked(in: Tokenizer.tokenize("which one is the lightest?"))
        let answer = lightest?.answer(among: mice, details: { _ in "" })
        #expect(answer == "None of the 2 shown states its weight, so I can't tell which is the lightest; one listing says it is "
                + "light: the Glorious (\"Lightweight honeycomb-shell gaming mouse with…\").", "\(answer ?? "")")
    }
}
