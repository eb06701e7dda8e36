import Shared
import Testing
@testable import Understanding

/// Follow-ups that lost the search or answered beside the question: "quiet switches please" after
/// keyboards searched switches anywhere, "battery life matters" searched "matters", "something
/// with at least 16gb ram" after laptops searched memory sticks, "which has the biggest
/// battery?" sorted phones by screen, "what's the drop on the first one?" gave details without a
/// word about it.
@Suite(.timeLimit(.minutes(1)))
struct FollowUpWordsTests {
    let interpreter = EmbeddedInterpreter()

    private func product(_ id: String, _ title: String, brand: String? = nil, category: String,
                         _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: id, title: title, brand: brand ?? id, category: category, price: 50, currency: "USD", marketplace: "local",
                      attributes: attributes)
    }

    /// A word the current category's listings use (as the catalog counts them) refines its
    /// search; with no such words from the catalog, an unknown plural still asks for that thing.
    @Test func aWordOfTheCategorysListingsRefinesItsSearch() throws {
        var vocabulary = CatalogVocabulary.builtIn
        let keyboards = try #require(vocabulary.categories.firstIndex { $0.name == "Keyboards" })
        vocabulary.categories[keyboards].words = ["keyboard", "switch", "layout", "mechanical"]
        let counted = EmbeddedInterpreter(vocabulary: vocabulary)
        let mechanical = counted.spec(for: TurnContext(text: "mechanical keyboard for programming"))
        let quiet = counted.spec(for: TurnContext(text: "quiet switches please", currentSpec: mechanical))
        #expect(quiet.category == "Keyboards" && quiet.features == ["mechanical", "quiet"], "\(quiet)")
        #expect(quiet.keywords.contains("switches"), "\(quiet.keywords)")
        // Another thing is still another thing: "a doll for my niece" after keyboards.
        let doll = counted.spec(for: TurnContext(text: "a doll for my niece", currentSpec: mechanical))
        #expect(doll.category == nil && doll.keywords == ["doll"], "\(doll)")
        #expect(interpreter.spec(for: TurnContext(text: "quiet switches please", currentSpec: mechanical)).category == nil)
        // So does a word the listings of a category under it use: "apples" after groceries, whose
        // fruits say "apple" (before, a search of every category, which found iPad covers).
        let groceries = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "groceries", path: ["groceries"], count: 30, words: ["grocery", "fresh"]),
            .init(name: "fruits", path: ["groceries", "fruits"], count: 9, words: ["fruit", "apple", "banana"]),
            .init(name: "Tablets", path: ["Electronics", "Tablets"], count: 9, words: ["tablet", "apple"]),
        ], brands: [.init(name: "Apple", categories: ["Tablets", "Electronics"])]).merged())
        let food = groceries.spec(for: TurnContext(text: "groceries"))
        let apples = groceries.spec(for: TurnContext(text: "apples", currentSpec: food))
        #expect(apples.category == "groceries" && apples.keywords == ["apples"] && apples.brands.isEmpty, "\(apples)")
    }

    /// "A floral one", "something floral" after perfumes, where the catalog has a category called
    /// "floral" (bouquets): the word describes the perfume. "A gaming one" after laptops is a
    /// gaming laptop, not the Gaming department.
    @Test func aCategorysNameSaidOfTheThingDiscussedDescribesIt() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Perfumes", path: ["Beauty", "Fragrances", "Perfumes"], count: 9),
            .init(name: "floral", path: ["floral"], count: 9), .init(name: "Gaming", path: ["Gaming"], count: 9),
            .init(name: "Laptops", path: ["Electronics", "Laptops"], count: 9),
        ], brands: []).merged())
        let perfumes = interpreter.spec(for: TurnContext(text: "a perfume for my wife"))
        for text in ["something floral", "a floral one"] {
            let floral = interpreter.spec(for: TurnContext(text: text, currentSpec: perfumes))
            #expect(floral.category == "Perfumes" && floral.keywords == ["floral"], "\(text): \(floral)")
        }
        // "Something more floral" too; and a bottle "that keeps drinks cold" is insulated.
        let more = interpreter.spec(for: TurnContext(text: "something more floral", currentSpec: perfumes))
        #expect(more.category == "Perfumes" && more.keywords == ["floral"], "\(more)")
        #expect(EmbeddedInterpreter().spec(for: TurnContext(text: "a water bottle that keeps drinks cold")).features == ["insulated"])
        // A lamp's "warm light" is neither insulated nor lightweight; kids' shoes "for a boy" are boys'.
        let lamp = EmbeddedInterpreter().spec(for: TurnContext(text: "a lamp for reading"))
        #expect(EmbeddedInterpreter().spec(for: TurnContext(text: "warm light", currentSpec: lamp)).features == ["warm light"])
        let kids = EmbeddedInterpreter().spec(for: TurnContext(text: "kids shoes size 2"))
        let boys = EmbeddedInterpreter().spec(for: TurnContext(text: "for a boy", currentSpec: kids))
        #expect(boys.attributes["gender"] == "boys" && boys.attributes["size"] == "2", "\(boys)")
        // "Something simpler": a simple one (before, the keyword "simpler", which no listing says).
        let simpler = interpreter.spec(for: TurnContext(text: "something simpler", currentSpec: perfumes))
        #expect(simpler.category == "Perfumes" && simpler.features == ["simple"] && simpler.keywords.isEmpty, "\(simpler)")
        let laptops = interpreter.spec(for: TurnContext(text: "laptops"))
        let gaming = interpreter.spec(for: TurnContext(text: "a gaming one", currentSpec: laptops))
        #expect(gaming.category == "Laptops" && gaming.useCase == "gaming" && gaming.keywords == ["gaming"], "\(gaming)")
    }

    /// "A matte one" after a search by name ("a lipstick in red"): the word says what the thing
    /// discussed should be, not another thing (before, a search for "matte" alone listed screen
    /// guards and mouse pads).
    @Test func aWordBeforeOneRefinesASearchByName() {
        let lipstick = interpreter.spec(for: TurnContext(text: "a lipstick in red"))
        #expect(lipstick.category == nil && lipstick.keywords == ["lipstick"], "\(lipstick)")
        // What the thing should have, a feature: the ranker puts lipsticks first by their titles,
        // then the matte ones (before, matte screen guards ranked with them as a kind).
        let matte = interpreter.spec(for: TurnContext(text: "a matte one", currentSpec: lipstick))
        #expect(matte.keywords == ["lipstick"] && matte.features == ["matte"] && matte.attributes["color"] == "red", "\(matte)")
        let doll = interpreter.spec(for: TurnContext(text: "a doll"))
        let wooden = interpreter.spec(for: TurnContext(text: "a wooden one", currentSpec: doll))
        #expect(wooden.keywords == ["doll"] && wooden.features == ["wooden"], "\(wooden)")
        // Two words before "one" are one feature.
        let hand = interpreter.spec(for: TurnContext(text: "a hand carved one", currentSpec: doll))
        #expect(hand.keywords == ["doll"] && hand.features == ["hand carved"], "\(hand)")
    }

    /// The request said again after "which kind of product?" replaces the one waiting, by the
    /// thing it names: a misheard voice note's "ride" stayed, and the search was for "motherboard
    /// ride" (running shoes). An answer that names another thing completes the one waiting.
    @Test func aRequestSaidAgainReplacesTheOneWaitingForItsCategory() {
        let misheard = interpreter.spec(for: TurnContext(text: "the motherboard for a ride and 7 7 803 d"))
        #expect(misheard.missingFields.contains("category") && misheard.keywords == ["motherboard", "ride"], "\(misheard)")
        let typed = interpreter.spec(for: TurnContext(text: "a motherboard for a ryzen 7 7800x3d", currentSpec: misheard))
        #expect(typed.keywords == ["motherboard"] && typed.attributes["socket"] == "AM5", "\(typed)")
        let gift = interpreter.spec(for: TurnContext(text: "a gift for a 5 year old boy who loves dinosaurs"))
        let toy = interpreter.spec(for: TurnContext(text: "a toy", currentSpec: gift))
        #expect(toy.keywords.contains("dinosaurs") && toy.keywords.contains("toy") && toy.attributes["age"] == "5", "\(toy)")
    }

    /// A room says where a thing goes, not what it is: "a coffee table for a small living room"
    /// searched for "coffee table living" by name.
    @Test func aRoomIsAUseNotANameWord() {
        let table = interpreter.spec(for: TurnContext(text: "i need a coffee table for a small living room"))
        #expect(table.useCase == "living room" && !table.keywords.contains("living"), "\(table)")
        #expect(EmbeddedInterpreter.namedThings(table) == ["coffee", "table"])
        #expect(interpreter.spec(for: TurnContext(text: "a lamp for the bedroom")).useCase == "bedroom")
    }

    /// Words that say what matters, or how much, are no thing to search for.
    @Test func whatMattersIsNoThingAskedFor() {
        let laptop = interpreter.spec(for: TurnContext(text: "i need a laptop for college, mostly note taking and netflix"))
        #expect(laptop.category == "Laptops" && laptop.useCase == "school" && laptop.keywords == ["school"], "\(laptop)")
        let battery = interpreter.spec(for: TurnContext(text: "battery life matters", currentSpec: laptop))
        #expect(battery.category == "Laptops" && battery.features == ["long battery life"], "\(battery)")
        #expect(!battery.keywords.contains("matters"), "\(battery.keywords)")
        // An amount of a part after "with" is the part's, not a thing of its own.
        let ram = interpreter.spec(for: TurnContext(text: "something with at least 16gb ram", currentSpec: laptop))
        #expect(ram.category == "Laptops" && ram.attributes["ram"] == "16GB" && !ram.features.contains("ram"), "\(ram)")
    }

    /// A number after whom shoes are for is their size: "waterproof, women's 7" searched the keyword "7".
    @Test func aNumberAfterWhomItIsForIsASize() {
        let boots = interpreter.spec(for: TurnContext(text: "hiking boots"))
        let sized = interpreter.spec(for: TurnContext(text: "waterproof, women's 7", currentSpec: boots))
        #expect(sized.attributes["gender"] == "women" && sized.attributes["size"] == "7" && !sized.keywords.contains("7"), "\(sized)")
        let half = interpreter.spec(for: TurnContext(text: "mens 10.5 please", currentSpec: boots))
        #expect(half.attributes["size"] == "10.5", "\(half)")
        // Of a department of sized things too: "Shoes" holds running shoes, sneakers and boots.
        var vocabulary = CatalogVocabulary.builtIn
        vocabulary.categories.append(.init(name: "Shoes", path: ["Shoes"], count: 53))
        for index in vocabulary.categories.indices where ["Running Shoes", "Boots"].contains(vocabulary.categories[index].name) {
            vocabulary.categories[index].path = ["Shoes", vocabulary.categories[index].name]
        }
        let departments = EmbeddedInterpreter(vocabulary: vocabulary)
        let shoes = RequirementSpec(category: "Shoes", query: "comfortable shoes", features: ["comfortable"])
        #expect(departments.spec(for: TurnContext(text: "women's 8", currentSpec: shoes)).attributes["size"] == "8")
        // Not of things without sizes.
        let laptop = interpreter.spec(for: TurnContext(text: "a laptop for men 2"))
        #expect(laptop.attributes["size"] == nil, "\(laptop)")
    }

    /// "Shoes first" after asking what running needs is running shoes; "something scary" of books is horror.
    @Test func shoesForRunningAndScaryBooks() {
        let running = interpreter.spec(for: TurnContext(text: "i want to start running, what do i need?"))
        #expect(running.category == nil && running.useCase == "running", "\(running)")
        #expect(interpreter.spec(for: TurnContext(text: "shoes first", currentSpec: running)).category == "Running Shoes")
        let books = interpreter.spec(for: TurnContext(text: "can you recommend a good book?"))
        let scary = interpreter.spec(for: TurnContext(text: "something scary", currentSpec: books))
        #expect(scary.category == "Books" && scary.attributes["genre"] == "horror" && scary.keywords.isEmpty, "\(scary)")
    }

    /// "Is it any good?" is answered by its buyers' rating beside the others shown (it said the
    /// listing did not say whether it was good); "is it good for running?" is not such a question.
    @Test func howGoodAProductIsIsItsRating() {
        for text in ["is it any good?", "is the first one worth it?", "how good is it", "is it worth the money?", "is it reliable?"] {
            #expect(QualityQuestion.isAsked(in: Tokenizer.tokenize(text).map(\.text)), "\(text)")
        }
        for text in ["is it good for running?", "good morning", "is it waterproof?", "a good laptop"] {
            #expect(!QualityQuestion.isAsked(in: Tokenizer.tokenize(text).map(\.text)), "\(text)")
        }
        var shown = [product("A", "Acer Aspire 1", category: "Laptops"), product("B", "Lenovo IdeaPad 1", category: "Laptops"),
                     product("C", "Acer Chromebook Plus", category: "Laptops")]
        (shown[0].rating, shown[0].reviewCount) = (4.2, 4_402)
        (shown[1].rating, shown[1].reviewCount) = (4.9, 2_620)
        (shown[2].rating, shown[2].reviewCount) = (4.5, 12)
        #expect(QualityQuestion.answer(about: shown[0], among: shown)
                == "Buyers rate it 4.2 out of 5 (4,402 ratings), the lowest rated of the 3 shown.")
        #expect(QualityQuestion.answer(about: shown[1], among: shown)
                == "Buyers rate it 4.9 out of 5 (2,620 ratings), the best rated of the 3 shown.")
        #expect(QualityQuestion.answer(about: shown[2], among: shown)
                == "Buyers rate it 4.5 out of 5 (12 ratings): 1 of the 3 shown is rated higher. "
                + "That is from few ratings, so it says little yet.")
        #expect(QualityQuestion.answer(ranking: shown, names: ["Aspire", "IdeaPad", "Chromebook"])
                == "Buyers rate the IdeaPad 4.9 out of 5 (2,620 ratings), the Chromebook 4.5 (12 ratings) "
                + "and the Aspire 4.2 (4,402 ratings).")
        shown[0].rating = nil
        #expect(QualityQuestion.answer(about: shown[0], among: shown).hasPrefix("It has no buyer ratings yet"))
    }

    /// "A mic" is what listings call a microphone: it was a keyword no headphone listing has, and
    /// the answer says it with the article its name takes.
    @Test func aMicIsAMicrophone() async throws {
        let headset = interpreter.spec(for: TurnContext(text: "headphones with a mic under 100"))
        #expect(headset.features == ["microphone"] && headset.keywords.isEmpty, "\(headset)")
        var razer = product("Razer", "Razer BlackShark V2 X Wired Gaming Headset", category: "Headphones")
        razer.description = "Lightweight wired gaming headset with a cardioid microphone and memory foam ear cushions."
        let turn = TurnContext(text: "does the first one have a mic?", currentSpec: headset, lastShown: [razer, razer])
        let reply = try await EmbeddedEngine().productDetailsReply(turn, product: razer).collect()
        #expect(reply.hasPrefix("Yes, it has a microphone: its description says"), "\(reply)")
    }

    /// "What about windows ones?" after MacBooks asks for other brands' Windows laptops (it kept
    /// Apple and searched the word "windows"); "running shoes for trails" are trail running shoes.
    @Test func anotherSystemThanApplesAndTrailsOfRunningShoes() {
        let macbooks = interpreter.spec(for: TurnContext(text: "a macbook for video editing"))
        #expect(macbooks.brands == ["Apple"] && macbooks.keywords.contains("macbook"), "\(macbooks)")
        let windows = interpreter.spec(for: TurnContext(text: "too expensive, what about windows ones?", currentSpec: macbooks))
        #expect(windows.category == "Laptops" && windows.brands.isEmpty && windows.attributes["os"] == "Windows", "\(windows)")
        #expect(!windows.keywords.contains("macbook") && !windows.keywords.contains("windows"), "\(windows.keywords)")
        let android = interpreter.spec(for: TurnContext(text: "an android phone under 400"))
        let iphones = interpreter.spec(for: TurnContext(text: "any iphones?", currentSpec: android))
        #expect(iphones.brands == ["Apple"] && !iphones.keywords.contains("android"), "\(iphones)")
        let trails = interpreter.spec(for: TurnContext(text: "running shoes for trails"))
        #expect(trails.useCase == nil && trails.keywords == ["trail"] && trails.query == "trail running shoes", "\(trails)")
        let salomon = interpreter.spec(for: TurnContext(text: "hmm, any from salomon?", currentSpec: trails))
        #expect(!salomon.keywords.contains("hmm"), "\(salomon.keywords)")
    }

    /// "No logos" kept LEGO out of hoodies (a typo of the brand) and logos in; "with an rtx 4070"
    /// answered "what's your budget?" with $4,070.
    @Test func aCommonPluralIsNoTypoAndAModelNumberNoBudget() {
        let hoodies = interpreter.spec(for: TurnContext(text: "a hoodie for my boyfriend, he's an XL"))
        let plain = interpreter.spec(for: TurnContext(text: "something plain, no logos", currentSpec: hoodies))
        #expect(plain.excludedBrands.isEmpty && plain.attributes[RequirementSpec.excludedWordsKey] == "logos", "\(plain)")
        let laptops = interpreter.spec(for: TurnContext(text: "ok a gaming laptop then"))
        #expect(laptops.missingFields == ["budget"])
        let rtx = interpreter.spec(for: TurnContext(text: "with an rtx 4070", currentSpec: laptops))
        #expect(rtx.budget.isOpen && rtx.keywords.contains("4070"), "\(rtx)")
    }

    /// "Does the sony come in white?" searched white Sony headphones and said "I found only one
    /// match for white Sony headphones" of a blue Sony: a match is of the brand and in the colour.
    @Test func aMatchOfABrandIsInTheColourAskedFor() {
        let spec = RequirementSpec(category: "Headphones", query: "white Sony headphones", brands: ["Sony"],
                                   attributes: ["color": "white"])
        var sony = product("CH520", "Sony WH-CH520 Wireless On-Ear Headphones", brand: "Sony", category: "Headphones",
                           ["color": "blue"])
        let buds = product("Buds", "Samsung Galaxy Buds2 Pro", brand: "Samsung", category: "Headphones", ["color": "white"])
        let blue = interpreter.reply(for: spec, results: SearchResults(products: [sony, buds], totalFound: 9, sources: []))
        #expect(blue.hasPrefix("I couldn't find any white Sony headphones right now. The closest 2: 1. Sony"), "\(blue)")
        sony.attributes["color"] = "white"
        let white = interpreter.reply(for: spec, results: SearchResults(products: [sony, buds], totalFound: 9, sources: []))
        #expect(white.hasPrefix("I found only one match for white Sony headphones; the closest from other brands follow"), "\(white)")
    }

    /// "Anything narrower?" of desks shown narrowest first showed the next page of wider desks as
    /// if it answered: the reply says the first shown is the narrowest found.
    @Test func narrowerThanTheNarrowestSaysSo() {
        let desks = interpreter.spec(for: TurnContext(text: "a white desk for a small apartment under 300"))
        #expect(desks.attributes["width"] == "least", "\(desks)")
        let linnmon = product("Linnmon", "IKEA LINNMON Table Desk", category: "Desks", ["width": "47 inch"])
        let narrower = TurnContext(text: "anything narrower?", currentSpec: desks, lastShown: [linnmon], shownBefore: 8)
        var spec = interpreter.spec(for: narrower)
        spec.confidence = desks.confidence
        #expect(spec == desks, "the same search: \(spec)")
        let alex = product("Alex", "IKEA ALEX Desk", category: "Desks", ["width": "52 inch"])
        let text = interpreter.reply(for: spec, results: SearchResults(products: [alex], totalFound: 9, sources: []), turn: narrower)
        #expect(text.hasPrefix("The desks shown were already narrowest first: the IKEA LINNMON Table Desk is the narrowest I found. "
                               + "Here is one more"), "\(text)")
    }

    /// "With a long zoom" of cameras for photography was the use "calls" (Zoom meetings) in place of it.
    @Test func aCamerasZoomIsNoCall() {
        let wildlife = interpreter.spec(for: TurnContext(text: "i need a camera for wildlife photography"))
        let zoom = interpreter.spec(for: TurnContext(text: "with a long zoom", currentSpec: wildlife))
        #expect(zoom.category == "Cameras" && zoom.useCase == "photography" && zoom.features == ["zoom"], "\(zoom)")
        #expect(interpreter.spec(for: TurnContext(text: "a webcam for zoom calls")).useCase == "calls")
        #expect(MeasureQuestion.asked(in: Tokenizer.tokenize("how much zoom does the nikon have?"))?.name == "zoom")
    }

    /// A measure no shown product states in its details but some descriptions mention is quoted
    /// from them ("None of the 8 shown states its zoom.").
    @Test func aMeasureOnlyDescriptionsMentionIsQuotedForEach() async throws {
        var p950 = product("P950", "Nikon Coolpix P950 Superzoom Bridge Camera", brand: "Nikon", category: "Cameras")
        p950.description = "Bridge camera with an 83x optical zoom for birdwatching, wildlife and sports from the stands."
        let z50 = product("Z50", "Nikon Z50 Mirrorless Camera", brand: "Nikon", category: "Cameras")
        let turn = TurnContext(text: "how much zoom do they have?", lastShown: [p950, z50])
        let reply = try await EmbeddedEngine().productComparisonReply(turn, products: [p950, z50]).collect()
        #expect(reply == "None of the 2 shown states its zoom in its details, but one listing mentions it: the Nikon Coolpix P950 "
                + "Superzoom (\"…camera with an 83x optical zoom for birdwatching, wildlife and sports…\").", "\(reply)")
    }

    /// "Nothing too big" of TVs before any was shown: the smallest screens first, as "a small tv"
    /// asks (before, the feature "compact", which no TV states, and none under $360).
    @Test func nothingTooBigAsksForTheSmallestFirst() {
        let tv = interpreter.spec(for: TurnContext(text: "i want a tv for my bedroom, nothing too big"))
        #expect(tv.category == "TVs" && tv.attributes == ["screen_size": "least"] && tv.features.isEmpty, "\(tv)")
        // "A big tv" the biggest first: it was the keyword "big" and "I couldn't find any big TVs".
        let big = interpreter.spec(for: TurnContext(text: "a big tv for the living room"))
        #expect(big.attributes == ["screen_size": "most"] && !big.keywords.contains("big"), "\(big)")
        #expect(interpreter.spec(for: TurnContext(text: "tent for a big family")).attributes["capacity"] == "most")
    }

    @Test func aBatterysSizeIsHowLongItLasts() {
        #expect(AttributeSuperlative.asked(in: Tokenizer.tokenize("which has the biggest battery?"))?.measureName == "battery life")
        #expect(AttributeSuperlative.asked(in: Tokenizer.tokenize("which one has a bigger battery"))?.measureName == "battery life")
        #expect(AttributeSuperlative.asked(in: Tokenizer.tokenize("which is the biggest?"))?.measureName == "size")
    }

    /// A fact no phrase names, asked as "what's the X of/on it?", is read from the attribute of
    /// that name; what every listing shows is not such a fact.
    @Test func aFactNamedAfterTheIsTheAttributeOfThatName() throws {
        func asked(_ text: String) -> MeasureQuestion? { MeasureQuestion.asked(in: Tokenizer.tokenize(text)) }
        let drop = try #require(asked("what's the drop on the first one?"))
        #expect(drop.keys == ["drop"] && drop.name == "drop")
        let shoe = product("Brooks", "Brooks Adrenaline GTS 23", category: "Running Shoes", ["cushioning": "moderate"])
        #expect(drop.answer(about: shoe) == "Its listing does not state its drop.")
        let heel = try #require(asked("what is the heel drop of it"))
        #expect(heel.answer(about: product("Hoka", "HOKA Clifton 9", category: "Running Shoes", ["heel_drop": "5 mm"]))
                == "Its heel drop is 5 mm.")
        for text in ["what's the price of the first one?", "what's the rating of it?", "what's the capital of france?",
                     "what's the difference between them?"] {
            #expect(asked(text) == nil, "\(text)")
        }
        let book = product("Alice", "Alice's Adventures in Wonderland", category: "Books", ["pages": "192"])
        #expect(asked("how long is the first one?")?.answer(about: book) == "Its page count is 192.")
        // After a word that joins it to the last question (it showed the next page), and "what size".
        let mat = product("Gaiam", "Gaiam Essentials Thick Yoga Mat 10mm", category: "Yoga Mats", ["length": "72 inch"])
        #expect(asked("and how long is it?")?.answer(about: mat) == "Its length is 72 inch.")
        let serum = product("Ordinary", "The Ordinary Niacinamide 10% Serum, 30ml", category: "Skincare", ["size": "30ml"])
        #expect(asked("what size is it?")?.answer(about: serum) == "Its size is 30ml.")
        #expect(asked("and a cheaper one?") == nil)
    }

    /// Products named by a word of their titles no other shown title has (a product line, a
    /// model) are compared: "is the pixel better than the iphone for photos?" searched Google and
    /// Apple phones.
    @Test func productsNamedByTheirLineAreCompared() {
        let shown = [product("Pixel", "Google Pixel 8, 128GB, Unlocked", brand: "Google", category: "Phones"),
                     product("iPhone", "Apple iPhone 15, 128GB, Unlocked", brand: "Apple", category: "Phones"),
                     product("Galaxy", "Samsung Galaxy S24, 128GB, Unlocked", brand: "Samsung", category: "Phones")]
        func compared(_ text: String) -> [String]? {
            ProductComparison.products(comparedIn: Tokenizer.tokenize(text), text: text, among: shown)?.map(\.id)
        }
        #expect(compared("is the pixel better than the iphone for photos?") == ["Pixel", "iPhone"])
        #expect(compared("which is better, the galaxy or the pixel?") == ["Galaxy", "Pixel"])
        // A word every shown title has names none of them; a word of none is a request of its own.
        #expect(compared("compare the unlocked ones") == nil)
        #expect(compared("is the pixel better than a tablet?") == nil)
    }

    /// "Is the samsung fast enough?": its speed as its listing states it, for the shopper to judge.
    @Test func enoughOfAMeasureIsItsValue() throws {
        let drive = product("Samsung", "Samsung 990 PRO 2TB", category: "Storage", ["read_speed": "7450 MB/s"])
        let fast = try #require(MeasureQuestion.askedAsYesNo(in: Tokenizer.tokenize("is the samsung fast enough?")))
        #expect(fast.answer(about: drive) == "Its read speed is 7450 MB/s.")
        #expect(MeasureQuestion.askedAsYesNo(in: Tokenizer.tokenize("is it waterproof enough?")) == nil)
        // Cooking is a use: "a gift for my mom who loves to cook" asks among kitchen things.
        #expect(interpreter.spec(for: TurnContext(text: "gift for my mom who loves to cook")).useCase == "cooking")
    }

    /// "Is it easy to set up?" of a tent stating its setup time says it (it said its listing did
    /// not say whether it was easy to set up); of them all, each one's.
    @Test func howEasyToSetUpIsTheSetupTime() async throws {
        let tents = [product("Copper", "Big Agnes Copper Spur HV UL2", category: "Tents", ["setup_time": "5 minutes"]),
                     product("Sundome", "Coleman Sundome 4-Person", category: "Tents", ["setup_time": "10 minutes"])]
        let spec = RequirementSpec(category: "Tents")
        let engine = EmbeddedEngine()
        let one = TurnContext(text: "is it easy to set up?", currentSpec: spec, lastShown: tents)
        let reply = try await engine.productDetailsReply(one, product: tents[0]).collect()
        #expect(reply.hasPrefix("Its setup time is 5 minutes. The Big Agnes"), "\(reply)")
        let all = TurnContext(text: "are they easy to set up?", currentSpec: spec, lastShown: tents)
        #expect(try await engine.decideClarification(all, spec: spec).compared == ["Copper", "Sundome"])
        let each = try await engine.productComparisonReply(all, products: tents).collect()
        #expect(each == "Setup time: the Copper (5 minutes) and the Sundome (10 minutes).", "\(each)")  // named by brand
    }

    /// Two shown products of one brand whose short titles are the same are told apart by the
    /// next words of their titles; by their place (any place, not "third" for all past it) only
    /// when their titles are the same.
    @Test func productsOfOneBrandAreNamedByWhatTellsThemApart() {
        let shown = [product("Levis", "Levi's Men's Trucker Denim Jacket", brand: "Levi's", category: "Jackets"),
                     product("Nuptse", "The North Face Men's 1996 Retro Nuptse Down Jacket", brand: "The North Face", category: "Jackets"),
                     product("Denali", "The North Face Men's Denali Fleece Jacket", brand: "The North Face", category: "Jackets"),
                     product("Same1", "Generic Plain Tee", brand: "Generic", category: "T-Shirts"),
                     product("Same2", "Generic Plain Tee", brand: "Generic", category: "T-Shirts")]
        #expect(EmbeddedInterpreter.shortNames(shown)
                == ["Levi's", "The North Face Men's 1996", "The North Face Men's Denali", "fourth one", "fifth one"])
    }
}
