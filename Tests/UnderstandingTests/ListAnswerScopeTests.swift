import Shared
import Testing
@testable import Understanding

/// Which products a question about the list is answered of, and how: "do any come in wide sizes?"
/// right after a comparison of two (before, "None of the 2 compared says whether it comes in
/// wide."), "is the ninja dishwasher safe?" (before, answered twice, as "easy to clean" too), a
/// keyword a description says ("a blender that can crush ice": before, "None of the best matches
/// mentions "ice"" of blenders whose descriptions say they crush ice).
@Suite(.timeLimit(.minutes(1)))
struct ListAnswerScopeTests {
    let engine = EmbeddedEngine()
    let interpreter = EmbeddedInterpreter()

    private func shoe(_ brand: String, _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: brand, title: "\(brand) Running Shoes", brand: brand, category: "Running Shoes", price: 100, currency: "USD",
                      marketplace: "local", attributes: attributes)
    }

    @Test func anyOrAllAsksOfEveryProductShown() async throws {
        let shoes = [shoe("Brooks"), shoe("Puma"), shoe("Asics", ["width": "wide"])]
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes")
        let compare = TurnContext(text: "what's the difference between the first two?", currentSpec: spec, lastShown: shoes)
        let compared = try await engine.productComparisonReply(compare, products: Array(shoes.prefix(2))).collect()
        let history = [ConversationMessage(role: .user, text: compare.utterance), ConversationMessage(role: .assistant, text: compared)]
        let any = TurnContext(text: "do any come in wide sizes?", history: history, currentSpec: spec, lastShown: shoes)
        #expect(try await engine.decideClarification(any, spec: spec).compared == shoes.map(\.id))
        let answer = try await engine.productComparisonReply(any, products: shoes).collect()
        #expect(answer.contains("of the 3 shown") || answer.contains("Of the 3 shown") || answer.hasPrefix("1 of the 3 shown"), "\(answer)")
        #expect(!answer.contains("comes in wide.") && !answer.contains("come in wide."), "\(answer)")
        // Without "any" or "all", of the two compared, as before.
        let which = TurnContext(text: "which one is lighter?", history: history, currentSpec: spec, lastShown: shoes)
        #expect(try await engine.decideClarification(which, spec: spec).compared == ["Brooks", "Puma"])
    }

    @Test func dishwasherSafeIsOneWish() {
        let said = SpecExtractor(vocabulary: .builtIn).extract("is the ninja dishwasher safe?")
        #expect(said.features == ["dishwasher safe"], "\(said.features)")
        #expect(SpecExtractor(vocabulary: .builtIn).extract("an air fryer that's easy to clean").features == ["easy to clean"])
        #expect(SpecExtractor(vocabulary: .builtIn).extract("volume limited?").features == ["volume limited"])
    }

    @Test func aKeywordTheDescriptionSaysIsMentioned() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "Blenders", path: ["Kitchen", "Blenders"], count: 15, words: ["blender", "ice", "crush"]),
        ], brands: []).merged())
        let spec = interpreter.spec(for: TurnContext(text: "a blender that can crush ice"))
        #expect(spec.keywords.contains("ice"), "\(spec)")
        func blender(_ description: String) -> ProductResult {
            ProductResult(id: "b", title: "Acme Pro Blender", brand: "Acme", category: "Blenders", price: 90, currency: "USD",
                          marketplace: "local", description: description)
        }
        let crushing = interpreter.reply(for: spec, results: SearchResults(
            products: [blender("Large blender that crushes ice for frozen drinks.")], totalFound: 1, sources: []))
        #expect(!crushing.contains("mentions \"ice\""), "\(crushing)")
        // A word inside another ("device") is no mention.
        let device = interpreter.reply(for: spec, results: SearchResults(products: [blender("A handy device for smoothies.")],
                                                                        totalFound: 1, sources: []))
        #expect(device.hasPrefix("None of the best matches mentions \"crush\" or \"ice\"."), "\(device)")
    }

    /// "With a usb port" after table lamps, none of which mentions one: said (before, the same
    /// lamps came back without a word, as if the words were not heard). Words of the first
    /// request, and words one of them has, are not.
    @Test func wordsAFollowUpAddsThatNoneMentionsAreSaid() {
        let lamps = RequirementSpec(category: "Table Lamps", query: "table lamps")
        var usb = lamps
        usb.keywords = ["usb", "port"]
        func lamp(_ title: String, _ description: String? = nil) -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: "table lamps", price: 20, currency: "USD",
                          marketplace: "local", description: description)
        }
        let none = [lamp("Tucasa Table Lamp"), lamp("Brahmz Glass Table Lamp")]
        // The orchestrator passes the words the turn added (the turn's spec is the new one by then).
        let turn = TurnContext(text: "with a usb port", currentSpec: usb, lastShown: none, wordsAdded: usb.wordsAdded(since: lamps))
        #expect(turn.wordsAdded == ["usb", "port"])
        let reply = interpreter.reply(for: usb, results: SearchResults(products: none, totalFound: 2, sources: []), turn: turn)
        #expect(reply.hasPrefix("None of the best matches mentions \"usb port\". Here are the top 2"), "\(reply)")
        let one = none + [lamp("Desk Lamp", "A lamp with a USB charging port.")]
        let found = interpreter.reply(for: usb, results: SearchResults(products: one, totalFound: 3, sources: []), turn: turn)
        #expect(!found.contains("mentions \"usb"), "\(found)")
        let first = interpreter.reply(for: lamps, results: SearchResults(products: none, totalFound: 2, sources: []),
                                      turn: TurnContext(text: "a table lamp", wordsAdded: lamps.wordsAdded(since: nil)))
        #expect(!first.contains("None of"), "\(first)")
        // The first search, after "which kind of product?": the words said before it too.
        var vocabulary = CatalogVocabulary.builtIn
        vocabulary.categories.append(.init(name: "Toys", path: ["Toys"], count: 40))
        let stocked = EmbeddedInterpreter(vocabulary: vocabulary)
        let gift = stocked.spec(for: TurnContext(text: "a gift for a 5 year old boy who loves dinosaurs"))
        let toys = stocked.spec(for: TurnContext(text: "toys", currentSpec: gift))
        #expect(gift.missingFields.contains("category") && toys.category == "Toys" && toys.keywords.contains("dinosaurs"), "\(toys)")
        let blocks = [ProductResult(id: "b", title: "DIY Building Blocks", brand: nil, category: "Toys", price: 20, currency: "USD",
                                    marketplace: "local")]
        #expect(toys.wordsAdded(since: gift) == toys.keywords)
        let toysReply = stocked.reply(for: toys, results: SearchResults(products: blocks, totalFound: 1, sources: []),
                                      turn: TurnContext(text: "toys", currentSpec: toys, wordsAdded: toys.wordsAdded(since: gift)))
        #expect(toysReply.hasPrefix("None of the best matches mentions \"dinosaurs\"."), "\(toysReply)")
        // A feature the lexicon does not know is such a word ("polarized ones" after sunglasses);
        // one it knows has a sentence of its own.
        let sunglasses = RequirementSpec(category: "Sunglasses", query: "sunglasses")
        var polarized = sunglasses
        polarized.features = ["polarized"]
        #expect(polarized.wordsAdded(since: sunglasses) == ["polarized"], "\(polarized)")
        let shades = [ProductResult(id: "r", title: "Raees Wayfarer Sunglasses", brand: "Raees", category: "Sunglasses", price: 3,
                                    currency: "USD", marketplace: "local")]
        let polarizedReply = interpreter.reply(for: polarized, results: SearchResults(products: shades, totalFound: 1, sources: []),
                                               turn: TurnContext(text: "polarized ones", currentSpec: polarized,
                                                                 wordsAdded: polarized.wordsAdded(since: sunglasses)))
        #expect(polarizedReply.hasPrefix("None of the best matches mentions \"polarized\"."), "\(polarizedReply)")
        var waterproof = lamps
        waterproof.features = ["waterproof"]
        let once = interpreter.reply(for: waterproof, results: SearchResults(products: none, totalFound: 2, sources: []),
                                     turn: TurnContext(text: "waterproof", wordsAdded: waterproof.wordsAdded(since: lamps)))
        #expect(once.ranges(of: "\"waterproof\"").count == 1, "\(once)")
    }

    /// "Something in wood" after coffee tables, a word the tables' listings use: said once when
    /// none mentions it (before, twice: as a word added and as a word of the listings), and a
    /// "Wooden" table mentions it.
    @Test func aWordNoneMentionsIsSaidOnceAndItsAdjectiveMentionsIt() {
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "tables", path: ["furniture", "tables"], count: 123, words: ["coffee", "table", "wood", "oak"]),
        ], brands: []).merged())
        let tables = interpreter.spec(for: TurnContext(text: "a coffee table"))
        let wood = interpreter.spec(for: TurnContext(text: "something in wood", currentSpec: tables))
        #expect(wood.category == "tables" && wood.keywords.contains("wood"), "\(wood)")
        func table(_ title: String) -> ProductResult {
            ProductResult(id: title, title: title, brand: nil, category: "tables", price: 299.99, currency: "USD", marketplace: "local")
        }
        let turn = TurnContext(text: "something in wood", currentSpec: wood, wordsAdded: wood.wordsAdded(since: tables))
        let glass = [table("Modern Marble Coffee Table"), table("Luxe Gold Nesting Coffee Tables")]
        let none = interpreter.reply(for: wood, results: SearchResults(products: glass, totalFound: 2, sources: []), turn: turn)
        #expect(none.ranges(of: "\"wood\"").count == 1, "\(none)")
        let wooden = [table("Zen Harmony Wooden Coffee Table Set")] + glass
        let found = interpreter.reply(for: wood, results: SearchResults(products: wooden, totalFound: 3, sources: []), turn: turn)
        #expect(!found.contains("\"wood\""), "\(found)")
    }

    /// A kind said in two words is named by both: "an external hard drive" that found only a pen
    /// drive said "I couldn't find any hard storage".
    @Test func aKindOfTwoWordsIsNamedByBoth() {
        let spec = RequirementSpec(category: "Storage", query: "hard drive storage", keywords: ["external", "hard", "drive"])
        let pen = ProductResult(id: "p", title: "HP v220w 16 GB Pen Drive", brand: "HP", category: "Storage", price: 6.6,
                                currency: "USD", marketplace: "local")
        let reply = interpreter.reply(for: spec, results: SearchResults(products: [pen], totalFound: 1, sources: []))
        #expect(reply.contains("hard drives") && !reply.contains("hard storage"), "\(reply)")
        // With the budget it was looked for under ("one that makes espresso" after coffee makers under $100).
        var under = spec
        under.budget.max = 60
        let budgeted = interpreter.reply(for: under, results: SearchResults(products: [pen], totalFound: 1, sources: []))
        #expect(budgeted.hasPrefix("I couldn't find any hard drives under $60 right now."), "\(budgeted)")
    }

    /// An attribute's name mentions what the product has ("side_panel": "Tempered Glass" of a PC
    /// case, for "one with a glass side panel"), unless its value says it has not.
    @Test func anAttributesNameMentionsWhatItStates() {
        func product(_ attributes: [String: String]) -> ProductResult {
            ProductResult(id: "p", title: "Corsair 4000D Airflow", brand: nil, category: "Cases", price: 94.99, currency: "USD",
                          marketplace: "local", attributes: attributes)
        }
        #expect(EmbeddedInterpreter.product(product(["side_panel": "Tempered Glass"]), mentions: "panel"))
        #expect(!EmbeddedInterpreter.product(product(["wireless": "no"]), mentions: "wireless"))
        #expect(!EmbeddedInterpreter.product(product(["wireless": " No "]), mentions: "wireless"))
        #expect(EmbeddedInterpreter.product(product(["wireless": "yes"]), mentions: "wireless"))
    }

    /// Headphones for an 8-year-old, none of them made for children: said (before, studio
    /// headphones were listed without a word). A toy, an age stated or "kids" in a listing is.
    @Test func aChildsAgeNoneOfTheBestIsMadeForIsSaid() {
        let spec = interpreter.spec(for: TurnContext(text: "good headphones for my 8 year old under 100"))
        #expect(spec.attributes["age"] == "8", "\(spec)")
        func headphones(_ title: String, description: String? = nil, category: String = "Headphones") -> ProductResult {
            ProductResult(id: title, title: title, brand: "Acme", category: category, price: 60, currency: "USD", marketplace: "local",
                          description: description)
        }
        let studio = interpreter.reply(for: spec, results: SearchResults(products: [headphones("Acme Studio Monitor Headphones")],
                                                                         totalFound: 1, sources: []))
        #expect(studio.hasPrefix("None of the best matches says it is made for children."), "\(studio)")
        let camera = interpreter.reply(for: spec, results: SearchResults(products: [
            headphones("Acme Camera", description: "Good for travel, pets and kids in motion.")], totalFound: 1, sources: []))
        #expect(camera.hasPrefix("None of the best matches says it is made for children."), "\(camera)")
        for kids in [headphones("Acme Kids Headphones, Volume Limited"), headphones("Acme On-Ear", description: "Sized for children."),
                     headphones("Acme Robot", category: "Toys > Building Sets")] {
            let reply = interpreter.reply(for: spec, results: SearchResults(products: [kids], totalFound: 1, sources: []))
            #expect(!reply.contains("made for children"), "\(reply)")
        }
    }
}
