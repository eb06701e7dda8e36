import Shared
import Testing
@testable import Understanding

/// Bounds said with a negation and questions about a product's parts: "nothing over 800" (it
/// searched laptops over $800), "a tv not bigger than 55 inch" (56 inches or more), "is the
/// keyboard backlit?" of a laptop (a search for keyboards), "does it have a backlit keyboard?"
/// ("whether it has a backlit"), "is there one with more?" after a phone's storage was asked (the
/// search's next page).
@Suite(.timeLimit(.minutes(1)))
struct DeniedBoundsAndPartsTests {
    let interpreter = EmbeddedInterpreter()

    private func product(_ title: String, category: String, _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: title, title: title, brand: String(title.split(separator: " ")[0]), category: category, price: 500,
                      currency: "USD", marketplace: "local", attributes: attributes)
    }

    private func budget(_ text: String) -> RequirementSpec.Budget {
        interpreter.spec(for: TurnContext(text: text)).budget
    }

    /// A negation before "over", "more than" or "less than" turns the bound around.
    @Test func aDeniedBoundIsTheOtherBound() {
        for text in ["laptop, nothing over 800", "laptop, i don't want to spend more than 800", "laptop, can't spend over 800",
                     "laptop, no more than 800", "laptop, shouldn't cost more than 800", "laptop, not above 800 please",
                     "laptop, not a penny over 800", "laptop, not over $800"] {
            let said = budget(text)
            #expect(said.max == 800 && said.min == nil, "\(text): \(said)")
        }
        let atLeast = budget("laptop, no less than 800")
        #expect(atLeast.min == 800 && atLeast.max == nil, "\(atLeast)")
        // A verb's bound is not a comparison: "can't spend 800" is still at most 800.
        #expect(budget("laptop, i can't spend 800").max == 800)
        // A negation of something else leaves the bound alone.
        let heavy = interpreter.spec(for: TurnContext(text: "a laptop that's not too heavy, over 800"))
        #expect(heavy.budget.min == 800 && heavy.budget.max == nil, "\(heavy)")
        // The answer to "what's your budget?".
        let asked = RequirementSpec(category: "Laptops", missingFields: ["budget"])
        let answer = interpreter.spec(for: TurnContext(text: "nothing over 800", currentSpec: asked))
        #expect(answer.budget.max == 800 && answer.budget.min == nil, "\(answer)")
    }

    /// "Actually make that 1000" after "under 800" moves the bound; a number far from it is no price.
    @Test func aNumberSaidInsteadMovesTheBudget() {
        let laptops = RequirementSpec(category: "Laptops", budget: .init(max: 800))
        for text in ["actually make that 1000", "make it 1000", "what about 1000?", "let's say 1000 instead"] {
            let moved = interpreter.spec(for: TurnContext(text: text, currentSpec: laptops))
            #expect(moved.budget.max == 1000 && moved.budget.min == nil, "\(text): \(moved)")
        }
        let over = interpreter.spec(for: TurnContext(text: "make that 500", currentSpec: RequirementSpec(category: "Laptops",
                                                                                                         budget: .init(min: 800))))
        #expect(over.budget.min == 500 && over.budget.max == nil, "\(over)")
        let headphones = RequirementSpec(category: "Headphones", budget: .init(max: 200))
        #expect(interpreter.spec(for: TurnContext(text: "or maybe 250", currentSpec: headphones)).budget.max == 250)
        // A hedge is no thing searched for by name, which started a new search without a category.
        let between = RequirementSpec(category: "Laptops", budget: .init(min: 500, max: 1000))
        for text in ["no more than 700 though", "under 700 though", "ideally under 700", "under 700 mate", "under 700 lol",
                     "under 700 dude"] {
            let narrowed = interpreter.spec(for: TurnContext(text: text, currentSpec: between))
            #expect(narrowed.category == "Laptops" && narrowed.budget.max == 700 && narrowed.keywords.isEmpty, "\(text): \(narrowed)")
        }
        let tvs = RequirementSpec(category: "TVs", budget: .init(max: 1000))
        #expect(interpreter.spec(for: TurnContext(text: "how about 65?", currentSpec: tvs)).budget.max == 1000)
    }

    /// "Not bigger than 55 inch" is 55 or less, "no smaller than 27 inch" 27 or more; "not bigger
    /// than that" keeps the size asked.
    @Test func aDeniedSizeIsABoundThatIncludesIt() {
        let tv = interpreter.spec(for: TurnContext(text: "a tv not bigger than 55 inch"))
        #expect(tv.attributes == ["screen_size_max": "55 inch"], "\(tv)")
        let monitor = interpreter.spec(for: TurnContext(text: "monitor no smaller than 27 inch"))
        #expect(monitor.attributes == ["screen_size_min": "27 inch"], "\(monitor)")
        #expect(interpreter.spec(for: TurnContext(text: "a 50 inch tv or smaller")).attributes == ["screen_size_max": "50 inch"])
        let asked = RequirementSpec(category: "Monitors", attributes: ["screen_size": "32 inch"])
        let that = interpreter.spec(for: TurnContext(text: "not bigger than that", currentSpec: asked))
        #expect(that.attributes == ["screen_size_max": "32 inch"], "\(that)")
        // Without a denial, "bigger than" is past the size, as before.
        let bigger = interpreter.spec(for: TurnContext(text: "a tv bigger than 55 inch"))
        #expect(bigger.attributes == ["screen_size_min": "56 inch"], "\(bigger)")
    }

    /// "Is the keyboard backlit?" of a laptop asks about the laptop; of a keyboard, about it.
    @Test func aQuestionAboutAPartIsAboutTheProduct() {
        let laptop = product("ASUS Vivobook 16 Laptop, 16GB RAM", category: "Laptops", ["keyboard": "backlit"])
        let other = product("Acer Aspire 1 Laptop, 4GB RAM", category: "Laptops")
        let history = [ConversationMessage(role: .assistant, text: "Here are the top 2: 1. ASUS Vivobook 16 Laptop, 16GB RAM at $500")]
        let laptops = RequirementSpec(category: "Laptops")
        let part = TurnContext(text: "is the keyboard backlit?", history: history, currentSpec: laptops, lastShown: [laptop, other])
        #expect(interpreter.productAskedAbout(part)?.id == laptop.id)
        #expect(interpreter.spec(for: part).category == "Laptops")
        let answer = interpreter.productDetails(laptop, answering: part)
        #expect(answer.hasPrefix("Yes, its keyboard is backlit"), "\(answer)")
        let keyboard = product("Keychron K2 Pro Wireless Mechanical Keyboard", category: "Keyboards", ["wireless": "yes"])
        let ofKeyboard = interpreter.productDetails(keyboard, answering: TurnContext(text: "is the keyboard wireless?",
                                                                                    lastShown: [keyboard]))
        #expect(ofKeyboard.hasPrefix("Yes, it is wireless"), "\(ofKeyboard)")
        // The feature said with the part it describes.
        let unstated = interpreter.productDetails(other, answering: TurnContext(text: "does it have a backlit keyboard?",
                                                                                lastShown: [other]))
        #expect(unstated.hasPrefix("Its listing does not say whether it has a backlit keyboard."), "\(unstated)")
        // A material said with the part it is of (before, "whether it has a leather").
        let watch = product("Flippd FD040103 Formal Analog Watch - For Men, Boys", category: "Watches")
        let strap = interpreter.productDetails(watch, answering: TurnContext(text: "does it have a leather strap", lastShown: [watch]))
        #expect(strap.hasPrefix("Its listing does not say whether it has a leather strap."), "\(strap)")
        // Of every laptop shown: a question, not a search for keyboards.
        let list = TurnContext(text: "do they have backlit keyboards?", currentSpec: laptops, lastShown: [laptop, other])
        if case .feature(let question)? = interpreter.listQuestion(Tokenizer.tokenize(list.text)) {
            #expect(question.features == ["backlit"] && question.describedPart == "keyboards", "\(question)")
        } else {
            Issue.record("not a question about the list")
        }
        // "Any backlit keyboards?" still asks for keyboards.
        #expect(interpreter.listQuestion(Tokenizer.tokenize("any backlit keyboards?")) == nil)
    }

    /// "Does the battery last all day?", "is the screen big?": the measure, as its listing states it.
    @Test func aYesOrNoQuestionAboutAPartsMeasureQuotesIt() throws {
        let phone = product("Nothing Phone (2a), 256GB, Unlocked", category: "Phones", ["screen_size": "6.7 inch"])
        let screen = interpreter.productDetails(phone, answering: TurnContext(text: "is the screen big?", lastShown: [phone]))
        #expect(screen.hasPrefix("Its screen size is 6.7 inch."), "\(screen)")
        let acer = product("Acer Chromebook Plus 515", category: "Laptops", ["battery_life": "10 hours"])
        let battery = interpreter.productDetails(acer, answering: TurnContext(text: "the acer chromebook, does the battery last all day?",
                                                                            lastShown: [acer]))
        #expect(battery.hasPrefix("Its battery life is 10 hours."), "\(battery)")
        let good = interpreter.productDetails(acer, answering: TurnContext(text: "is the battery good?", lastShown: [acer]))
        #expect(good.hasPrefix("Its battery life is 10 hours."), "\(good)")
        // "Which lasts longest?" of watches that state no battery life: what their descriptions say of it.
        let longest = try #require(AttributeSuperlative.asked(in: Tokenizer.tokenize("which lasts longest?")))
        var garmin = product("Garmin Venu Sq 2 GPS Fitness Smartwatch", category: "Smartwatches")
        garmin.description = "Square-faced fitness smartwatch with up to 11 days of battery."
        let fitbit = product("Fitbit Versa 4 Fitness Smartwatch", category: "Smartwatches")
        let said = longest.answer(among: [garmin, fitbit], details: nil)
        #expect(said.hasSuffix("one listing mentions its battery: the Garmin (\"…up to 11 days of battery\")."), "\(said)")
        // "Which is the thickest?" of yoga mats whose titles state it (before, "None of the 8 shown
        // states its thickness" of mats named "… 12 mm").
        let thickest = try #require(AttributeSuperlative.asked(in: Tokenizer.tokenize("which is the thickest?")))
        let mats = [product("ShopSince Yoga and Exercise Mat (4mm) Yoga Green 4 mm", category: "Yoga Mats"),
                    product("Gravolite Plain Yoga Cherry 12 mm", category: "Yoga Mats"),
                    product("Gravolite Plain Yoga Blue 3 mm", category: "Yoga Mats")]
        let answer = thickest.answer(among: mats, details: nil)
        #expect(answer.hasPrefix("Of the 3 shown, the thickest is the Gravolite Plain Yoga Cherry 12 mm (12 mm)."), "\(answer)")
        // So is a blender's power ("500 W Hand Blender"); a title's "0 W" states none.
        let powerful = try #require(AttributeSuperlative.asked(in: Tokenizer.tokenize("which is the most powerful?")))
        let blenders = [product("NESTWELL Hand Blender Liquidizing 0 W Hand Blender", category: "Blenders"),
                        product("Black & Decker SB3220 500 W Hand Blender", category: "Blenders")]
        let most = powerful.answer(among: blenders, details: nil)
        #expect(most.hasPrefix("Only the Black & Decker SB3220 500 W Hand Blender states its power (500 W)"), "\(most)")
    }

    /// "Is there one with more?" after "how much storage does it have?": more storage than that
    /// phone has, not more than every one shown.
    @Test func moreAfterAnAmountWasAskedIsMoreOfIt() {
        let pixel = product("Google Pixel 8, 128GB, Unlocked", category: "Phones")
        let pro = product("Google Pixel 8 Pro, 512GB, Unlocked", category: "Phones")
        let phones = RequirementSpec(category: "Phones", features: ["camera"])
        let history = [ConversationMessage(role: .user, text: "how much storage does it have?"),
                       ConversationMessage(role: .assistant, text: "Its storage is 128GB. The Google Pixel 8, 128GB, Unlocked costs $699.")]
        for text in ["is there one with more?", "is there one with more storage?", "any with more"] {
            let more = interpreter.spec(for: TurnContext(text: text, history: history, currentSpec: phones, lastShown: [pixel, pro]))
            #expect(more.attributes == ["storage": "256GB"], "\(text): \(more)")
            // As the orchestrator passes it: the history ends with this turn's message.
            let own = history + [ConversationMessage(role: .user, text: text)]
            let remembered = interpreter.spec(for: TurnContext(text: text, history: own, currentSpec: phones, lastShown: [pixel, pro]))
            #expect(remembered.attributes == ["storage": "256GB"], "\(text): \(remembered)")
        }
        // A measure without usual steps: the most of it first.
        let lego = RequirementSpec(category: "Building Sets", brands: ["LEGO"])
        let pieces = [ConversationMessage(role: .user, text: "how many pieces does it have?"),
                      ConversationMessage(role: .assistant, text: "Its piece count is 6785.")]
        let most = interpreter.spec(for: TurnContext(text: "one with more?", history: pieces, currentSpec: lego, lastShown: [pixel]))
        #expect(most.attributes == ["piece_count": "most"], "\(most)")
        // Without a question about an amount before, "more" is the next page of the same search.
        let page = interpreter.spec(for: TurnContext(text: "show me more", currentSpec: phones, lastShown: [pixel, pro]))
        #expect(page.attributes.isEmpty, "\(page)")
    }
}

/// A hedge before an amount gives way to a bound after it: "like 400 max" is at most 400 (it was
/// $320–$480); "my budget is tight" is cheapest first, no keyword "tight"; with no category, a
/// budget offers kinds of product it buys ("a gift under 50": not electronics and computer
/// components).
@Suite(.timeLimit(.minutes(1)))
struct HedgedBoundTests {
    let engine = EmbeddedEngine()

    @Test func aBoundAfterAHedgeWins() async throws {
        let tight = try await engine.buildSpec(TurnContext(text: "my budget is tight, like 400 max, a laptop"))
        #expect(tight.budget.max == 400 && tight.budget.min == nil && tight.keywords.isEmpty && tight.sort == .priceAscending,
                "\(tight)")
        let floor = try await engine.buildSpec(TurnContext(text: "laptop around 500 minimum"))
        #expect(floor.budget.min == 500 && floor.budget.max == nil, "\(floor)")
        let around = try await engine.buildSpec(TurnContext(text: "laptop about 500"))
        #expect(around.budget.min == 400 && around.budget.max == 600, "\(around)")
    }

    @Test func aBudgetWithoutACategoryOffersWhatItBuys() async throws {
        let turn = TurnContext(text: "looking for a gift under 50 for a coworker")
        let spec = try await engine.buildSpec(turn)
        let decision = ClarifyDecision(shouldAsk: true, missingFields: ["category"])
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(!question.contains("electronics") && !question.contains("computer components"), "\(question)")
    }
}
