import Shared
import Testing
@testable import Understanding

/// Questions about what a listing states beyond size and weight: who wrote a book, how many
/// pieces a set has, which processor a laptop has, how fast a drive reads. Before, most of them
/// searched again for the question's words ("wrote", "many", "buttons"), and "what processor
/// does the first one have?" searched CPUs.
@Suite(.timeLimit(.minutes(1)))
struct ListingFactQuestionTests {
    let engine = EmbeddedEngine()

    @Test func aListingsFactIsQuotedForTheProductAskedAbout() async throws {
        let books = [listed("Alice", "Alice's Adventures in Wonderland", category: "Books", ["author": "Lewis Carroll", "pages": "192"]),
                     listed("Emma", "Emma", category: "Books", ["author": "Jane Austen", "pages": "480"])]
        let booksSpec = RequirementSpec(category: "Books", query: "books")
        for (text, id, first) in [("who wrote the first one?", "Alice", "Its author is Lewis Carroll."),
                                  ("how many pages is the second one?", "Emma", "Its page count is 480."),
                                  ("who's the author of the second one", "Emma", "Its author is Jane Austen."),
                                  ("how long is it?", "Alice", "Its page count is 192.")] {
            let (decision, reply) = try await engine.answer(text, about: books, spec: booksSpec)
            #expect(decision.detailsOf == id, "\(text)")
            #expect(reply.hasPrefix(first + " The "), "\(text): \(reply)")
        }
        let mice = [listed("G502", "Logitech G502 HERO Wired Gaming Mouse", category: "Mice", ["dpi": "25600", "buttons": "11"]),
                    listed("Viper", "Razer Viper V3", category: "Mice", ["dpi": "30000", "buttons": "5"])]
        let miceSpec = RequirementSpec(category: "Mice", query: "mice")
        for (text, first) in [("how many buttons does it have?", "Its button count is 11."),
                              ("what's the dpi of the first one?", "Its DPI is 25600."),
                              // A count no listing states is said to be unstated, not searched for.
                              ("how many ports does it have?", "Its listing does not state its number of ports.")] {
            let (decision, reply) = try await engine.answer(text, about: mice, spec: miceSpec)
            #expect(decision.detailsOf == "G502", "\(text)")
            #expect(reply.hasPrefix(first + " The Logitech"), "\(text): \(reply)")
        }
        let laptop = listed("Vivobook", "ASUS Vivobook 16", category: "Laptops",
                             ["cpu": "Intel Core i7-1255U", "gpu": "Intel Iris Xe Graphics", "os": "Windows 11 Home"])
        let laptopsSpec = RequirementSpec(category: "Laptops", query: "laptops")
        for (text, first) in [("what processor does the first one have?", "Its processor is Intel Core i7-1255U."),
                              ("what os does it run?", "Its operating system is Windows 11 Home."),
                              ("what graphics card does it have?", "Its GPU is Intel Iris Xe Graphics.")] {
            let (decision, reply) = try await engine.answer(text, about: [laptop], spec: laptopsSpec)
            #expect(decision.detailsOf == "Vivobook", "\(text)")
            #expect(reply.hasPrefix(first + " The ASUS"), "\(text): \(reply)")
        }
        // "How fast" is the speed a listing states, by the name it states it under.
        let drive = listed("NV2", "Kingston NV2 500GB NVMe SSD", category: "Storage", ["read_speed": "3500 MB/s"])
        let fast = try await engine.answer("how fast is the first one?", about: [drive], spec: RequirementSpec(category: "Storage"))
        #expect(fast.reply.hasPrefix("Its read speed is 3500 MB/s. The Kingston"), "\(fast.reply)")
        let vacuum = listed("V15", "Dyson V15 Detect Cordless Vacuum Cleaner", category: "Vacuum Cleaners", ["runtime": "60 minutes"])
        let runs = try await engine.answer("how long does it run?", about: [vacuum], spec: RequirementSpec(category: "Vacuum Cleaners"))
        #expect(runs.reply.hasPrefix("Its runtime is 60 minutes. The Dyson"), "\(runs.reply)")
        // A measure no detail states, but the description mentions.
        var watch = listed("Venu", "Garmin Venu Sq 2 GPS Fitness Smartwatch", category: "Smartwatches", ["case_size": "40mm"])
        watch.description = "Square-faced fitness smartwatch with a bright display, health monitoring and up to 11 days of battery."
        let battery = try await engine.answer("how long does the battery last on the first one?", about: [watch],
                                       spec: RequirementSpec(category: "Smartwatches"))
        #expect(battery.reply.hasPrefix("Its details do not state its battery life, but its listing says: "
                + "\"…up to 11 days of battery\". The Garmin"), "\(battery.reply)")
    }

    /// A count of a unit asks for the measure stated in it: "how many watts?" said the listing
    /// did not state its "number of watts", of a blender stating "wattage: 1100W".
    @Test func aCountOfAUnitIsTheMeasureStatedInIt() async throws {
        let blender = listed("BN401", "Ninja BN401 Nutri Pro Compact Personal Blender", category: "Blenders",
                              ["wattage": "1100W", "capacity": "24 oz"])
        let spec = RequirementSpec(category: "Blenders", query: "blenders")
        for (text, first) in [("how many watts is the first one?", "Its power is 1100W."),
                              ("how powerful is it?", "Its power is 1100W."),
                              ("how many ounces does it hold?", "Its capacity is 24 oz."),
                              ("how much water does the first one hold?", "Its capacity is 24 oz.")] {
            let (decision, reply) = try await engine.answer(text, about: [blender], spec: spec)
            #expect(decision.detailsOf == "BN401", "\(text)")
            #expect(reply.hasPrefix(first + " The Ninja"), "\(text): \(reply)")
        }
        // Asked with nothing shown, "many" is no word to search for.
        let searched = EmbeddedInterpreter().spec(for: TurnContext(text: "how many cups does the first one make?", currentSpec: spec))
        #expect(!searched.keywords.contains("many"), "\(searched.keywords)")
    }

    /// "Which ones are tenkeyless?": a keyboard whose layout is "75%" is not, where before it
    /// "did not say"; one that states no layout does not say.
    @Test func anotherValueOfTheAttributeNamingAFeatureSaysNo() async throws {
        let keyboards = [listed("HyperX", "HyperX Alloy Origins Core TKL", category: "Keyboards", ["layout": "tenkeyless"]),
                         listed("Keychron", "Keychron K2 Pro", category: "Keyboards", ["layout": "75%"]),
                         listed("Apple", "Apple Magic Keyboard", category: "Keyboards", ["color": "white"])]
        let (decision, reply) = try await engine.answer("which ones are tenkeyless?", about: keyboards,
                                                 spec: RequirementSpec(category: "Keyboards"))
        #expect(decision.compared == ["HyperX", "Keychron", "Apple"])
        #expect(reply == "1 of the 3 shown is tenkeyless: the HyperX. The Keychron (75%) does not. The Apple does not say.", "\(reply)")
        // Any insulation stated says a jacket is insulated ("which one is the warmest?" named one of three).
        let jackets = [listed("Columbia", "Columbia Heavenly Long Hooded Jacket", category: "Jackets", ["insulation": "synthetic"]),
                       listed("Levis", "Levi's Trucker Denim Jacket", category: "Jackets", ["material": "denim"])]
        let warm = try await engine.answer("which ones are insulated?", about: jackets, spec: RequirementSpec(category: "Jackets"))
        #expect(warm.reply == "1 of the 2 shown is insulated: the Columbia. The Levi's does not say.", "\(warm.reply)")
        // So do a keyboard's switches say it is mechanical: "cheaper" after "with brown switches"
        // said none of the mechanical keyboards listed "mentions "mechanical"".
        let keys = [listed("Keychron", "Keychron C3 Pro", category: "Keyboards", ["switches": "Keychron K Pro Brown"]),
                    listed("Apple", "Apple Magic Keyboard", category: "Keyboards", ["color": "white"]),
                    listed("Cherry", "Cherry STREAM", category: "Keyboards", ["switches": "Cherry SX Slim"])]
        let mechanical = try await engine.answer("which ones are mechanical?", about: keys, spec: RequirementSpec(category: "Keyboards"))
        #expect(mechanical.reply == "1 of the 3 shown is mechanical: the Keychron. The Cherry does not. The Apple does not say.",
                "\(mechanical.reply)")
        // A value asked with the part it is of is said with it: "brown switches", not "brown".
        let brown = try await engine.answer("which ones have brown switches?", about: keys, spec: RequirementSpec(category: "Keyboards"))
        #expect(brown.reply == "1 of the 3 shown has brown switches: the Keychron. The Cherry (Cherry SX Slim) does not. "
                + "The Apple does not say.", "\(brown.reply)")
        // An attribute of one value: another value says no, where no listing names the one asked.
        let blue = try await engine.answer("which ones have blue switches?", about: keys, spec: RequirementSpec(category: "Keyboards"))
        #expect(blue.reply == "None of the 3 shown has blue switches. The Keychron (Keychron K Pro Brown) and the Cherry "
                + "(Cherry SX Slim) do not. The Apple does not say.", "\(blue.reply)")
    }

    @Test func aFactAskedOfTheListIsQuotedForEach() async throws {
        let sets = [listed("Crafting", "LEGO Minecraft The Crafting Box", category: "Building Sets",
                            ["age_range": "8+", "piece_count": "605"]),
                    listed("ATAT", "LEGO Star Wars AT-AT", category: "Building Sets", ["age_range": "18+", "piece_count": "6785"])]
        let spec = RequirementSpec(category: "Building Sets", query: "building sets")
        let ages = try await engine.answer("what ages are they for?", about: sets, spec: spec)
        #expect(ages.decision.compared == ["Crafting", "ATAT"])
        #expect(ages.reply == "Age range: the Crafting (8+) and the LEGO Star Wars AT-AT (18+).", "\(ages.reply)")
        let pieces = try await engine.answer("how many pieces does the second one have?", about: sets, spec: spec)
        #expect(pieces.reply.hasPrefix("Its piece count is 6785. The LEGO Star Wars AT-AT"), "\(pieces.reply)")
    }

    /// "Which one has the most threads?" said "All 8 shown mention "threads"": the listings
    /// state how many, and the most is named.
    @Test func theMostOfACountOrSpeedIsNamed() async throws {
        let cpus = [listed("Ryzen5", "AMD Ryzen 5 5600", category: "CPUs", ["threads": "12", "boost_clock": "4.4 GHz"]),
                    listed("i5", "Intel Core i5-13400F", category: "CPUs", ["threads": "16", "boost_clock": "4.6 GHz"])]
        let spec = RequirementSpec(category: "CPUs")
        for (text, start) in [("which one has the most threads?",
                               "Of the 2 shown, the one with the most threads is the Intel Core i5-13400F (16 threads)."),
                              ("which is the fastest?", "Of the 2 shown, the fastest is the Intel Core i5-13400F (4.6 GHz).")] {
            let (decision, reply) = try await engine.answer(text, about: cpus, spec: spec)
            #expect(decision.compared == ["Ryzen5", "i5"], "\(text)")
            #expect(reply.hasPrefix(start), "\(text): \(reply)")
        }
        let sets = [listed("Crafting", "LEGO Minecraft The Crafting Box", category: "Building Sets", ["piece_count": "605"]),
                    listed("ATAT", "LEGO Star Wars AT-AT", category: "Building Sets", ["piece_count": "6785"])]
        let pieces = try await engine.answer("which set has the most pieces?", about: sets,
                                             spec: RequirementSpec(category: "Building Sets"))
        #expect(pieces.reply.hasPrefix("Of the 2 shown, the one with the most pieces is the LEGO Star Wars AT-AT (6785 pieces)."),
                "\(pieces.reply)")
    }

    /// "Is it on sale?" said the listing did not say, of headphones 25% off: a product looked up
    /// by id has its list price.
    @Test func whetherAProductIsOnSaleIsReadFromItsPrices() async throws {
        var bose = listed("QC45", "Bose QuietComfort 45 Headphones", category: "Headphones", [:])
        (bose.price, bose.listPrice) = (249, 329)
        let spec = RequirementSpec(category: "Headphones")
        let sale = try await engine.answer("is it on sale?", about: [bose], spec: spec)
        #expect(sale.reply.hasPrefix("Yes, it is on sale ($249, down from $329: 24% off). The Bose QuietComfort 45 Headphones costs $249 "
                                     + "(down from $329)."), "\(sale.reply)")
        bose.listPrice = 249
        let full = try await engine.answer("is the first one on sale?", about: [bose], spec: spec)
        #expect(full.reply.hasPrefix("No, it is not on sale ($249, its usual price). The Bose QuietComfort 45 Headphones costs $249."),
                "\(full.reply)")
        bose.listPrice = nil
        let unknown = try await engine.answer("is it on sale?", about: [bose], spec: spec)
        #expect(unknown.reply.hasPrefix("Its listing does not say whether it is on sale."), "\(unknown.reply)")
    }

    /// "What about the camera?" after phones asks for phones with a good one: it searched cameras,
    /// and "how much storage?" then searched drives. "What about cameras?" still asks for cameras.
    @Test func theNameOfAPartAfterWhatAboutTheIsThePart() {
        let interpreter = EmbeddedInterpreter()
        let phones = interpreter.spec(for: TurnContext(text: "a phone with good battery life under 500"))
        let camera = interpreter.spec(for: TurnContext(text: "what about the camera?", currentSpec: phones))
        #expect(camera.category == "Phones" && camera.features.contains("camera"), "\(camera)")
        #expect(interpreter.spec(for: TurnContext(text: "what about cameras?", currentSpec: phones)).category == "Cameras")
        #expect(interpreter.spec(for: TurnContext(text: "what about a camera?", currentSpec: phones)).category == "Cameras")
        let laptops = interpreter.spec(for: TurnContext(text: "a laptop for video editing"))
        #expect(interpreter.spec(for: TurnContext(text: "and the graphics card?", currentSpec: laptops)).category == "Laptops")
    }

    /// Asked before any product was shown ("what's the max weight of the first one?" after "what's
    /// your budget?"), the search is shown as it was: before, "max" and "weight" were searched for.
    @Test func aFactAskedBeforeAnyWasShownSearchesAsBefore() {
        let interpreter = EmbeddedInterpreter()
        var chairs = interpreter.spec(for: TurnContext(text: "an office chair with lumbar support"))
        #expect(chairs.missingFields == ["budget"])
        let asked = interpreter.spec(for: TurnContext(text: "what's the max weight of the first one?", currentSpec: chairs))
        chairs.missingFields = []
        #expect(asked == chairs, "\(asked)")
    }

    /// "Does the cheapest one have gps?" asks about the cheapest shown: before, it searched again
    /// for gps, cheapest first. "Are they good for flat feet?" (stability) asks what listings mention.
    @Test func aShownProductIsNamedByItsPriceAndWhatItIsGoodForIsMentioned() async throws {
        var watches = [listed("Versa", "Fitbit Versa 4", category: "Smartwatches", ["gps": "yes"]),
                       listed("Bip", "Amazfit Bip 5", category: "Smartwatches", ["gps": "yes"])]
        (watches[0].price, watches[1].price) = (199.95, 89.99)
        let cheapest = try await engine.answer("does the cheapest one have gps?", about: watches,
                                               spec: RequirementSpec(category: "Smartwatches"))
        #expect(cheapest.decision.detailsOf == "Bip")
        #expect(cheapest.reply.hasPrefix("Yes, it has gps (gps: yes). The Amazfit Bip 5"), "\(cheapest.reply)")
        var shoes = [listed("Brooks", "Brooks Adrenaline GTS 23", category: "Running Shoes", [:]),
                     listed("Adidas", "Adidas Duramo SL", category: "Running Shoes", [:])]
        shoes[0].description = "Stability running shoe with GuideRails support for overpronation."
        let flat = try await engine.answer("are they good for flat feet?", about: shoes, spec: RequirementSpec(category: "Running Shoes"))
        #expect(flat.reply.hasPrefix("1 of the 2 shown mentions \"stability\": the Brooks"), "\(flat.reply)")
        // Of some of those shown, after a comparison of them: "compared", not "shown".
        let third = listed("Nike", "Nike Pegasus 41", category: "Running Shoes", [:])
        let compared = TurnContext(text: "are they good for flat feet?", lastShown: shoes + [third])
        let ofTwo = try await engine.productComparisonReply(compared, products: shoes).collect()
        #expect(ofTwo.hasPrefix("1 of the 2 compared mentions \"stability\""), "\(ofTwo)")
    }

    /// A question that names such a fact but asks for advice or for products is a request.
    @Test func aWishThatNamesAFactIsARequest() async throws {
        let laptop = listed("Vivobook", "ASUS Vivobook 16", category: "Laptops", ["gpu": "Intel Iris Xe Graphics"])
        let spec = RequirementSpec(category: "Laptops", query: "laptops")
        for text in ["what gpu should i get?", "what processor do you recommend for gaming?", "who makes the best running shoes?",
                     "how many do you have?"] {
            let turn = TurnContext(text: text, currentSpec: spec, lastShown: [laptop, laptop])
            let decision = try await engine.decideClarification(turn, spec: spec)
            #expect(decision.detailsOf == nil && decision.compared.isEmpty, "\(text)")
        }
    }

    /// "Does it have memory presets?" of a desk asks for a desk with them: before, "memory"
    /// switched the search to computer memory.
    @Test func aPartAskedOfTheProductKeepsItsCategory() {
        let interpreter = EmbeddedInterpreter()
        let desks = RequirementSpec(category: "Desks", query: "standing desks", keywords: ["standing"])
        let presets = interpreter.spec(for: TurnContext(text: "does it have memory presets?", currentSpec: desks))
        #expect(presets.category == "Desks")
        #expect(presets.features.contains("memory presets"), "\(presets.features)")
        // Asking the shop for some still asks for memory.
        #expect(interpreter.spec(for: TurnContext(text: "do you have memory?", currentSpec: desks)).category == "Memory")
    }
}
