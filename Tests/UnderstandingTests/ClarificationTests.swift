import Shared
import Testing
@testable import Understanding

/// The embedded engine's clarifying questions: when it asks (the category, the budget once per
/// search, never more than the session's maximum, never the same question twice) and what it
/// offers (the catalog's categories for a word, a use or a brand).
@Suite(.timeLimit(.minutes(1)))
struct ClarificationTests {
    let engine = EmbeddedEngine()

    /// "A laptop and a mouse": the search is for the laptop, and the question or the reply says
    /// the mouse comes next (before, it was dropped without a word).
    @Test func aRequestForTwoKindsSaysTheSecondComesNext() async throws {
        let turn = TurnContext(text: "I need a laptop and a mouse for college")
        let spec = try await engine.buildSpec(turn)
        #expect(spec.category == "Laptops", "\(spec)")
        let decision = try await engine.decideClarification(turn, spec: spec)
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question.hasPrefix("Let's start with the laptops; ask me for mice after. What's your budget for laptops"), "\(question)")
        let both = TurnContext(text: "headphones and a keyboard for gaming under 100")
        let reply = try await engine.composeReply(both, spec: try await engine.buildSpec(both),
                                                  results: SearchResults(products: [], totalFound: 0, sources: [])).collect()
        #expect(reply.hasSuffix(" Ask me for keyboards next."), "\(reply)")
        // Two of anything else ("black and white") or one kind: no such note.
        for text in ["black and white sneakers", "a laptop for work and school"] {
            let one = TurnContext(text: text)
            let said = try await engine.composeReply(one, spec: try await engine.buildSpec(one),
                                                     results: SearchResults(products: [], totalFound: 0, sources: [])).collect()
            #expect(!said.contains("Ask me for"), "\(text): \(said)")
        }
    }

    @Test func clarificationAsksForTheCategoryWithCatalogExamples() async throws {
        let turn = TurnContext(text: "something for gaming")
        let spec = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: spec)
        #expect(decision == ClarifyDecision(shouldAsk: true, missingFields: ["category"]))
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        // The categories that serve the use case, not the catalog's biggest.
        #expect(question == "Which kind of product for gaming are you looking for — laptops, monitors, graphics cards?")
        // An answer that changes nothing ("yes") is not asked the same question again: it searches.
        let history = [ConversationMessage(role: .user, text: "something for gaming"), ConversationMessage(role: .assistant, text: question)]
        let answer = TurnContext(text: "yes", history: history, currentSpec: spec, clarificationCount: 1)
        let unchanged = try await engine.buildSpec(answer)
        #expect(unchanged.category == nil)
        #expect(try await engine.decideClarification(answer, spec: unchanged).shouldAsk == false)
        // An answer that changes the question is asked it.
        let budget = TurnContext(text: "a laptop", history: history, currentSpec: spec, clarificationCount: 1)
        #expect(try await engine.decideClarification(budget, spec: try await engine.buildSpec(budget)).shouldAsk)
    }

    /// "Something under 50 for a 5 year old" offered electronics, clothing and computer
    /// components: a child's age asks among the things for kids.
    @Test func aChildsAgeAsksAmongThingsForKids() async throws {
        let turn = TurnContext(text: "something under 50 for a 5 year old")
        let spec = try await engine.buildSpec(turn)
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: try await engine.decideClarification(turn, spec: spec)).collect()
        #expect(spec.attributes == ["age": "5"] && question.hasSuffix("kids product?") && question.contains("building sets"), "\(question)")
        let adult = TurnContext(text: "something for a 40 year old")
        let grown = try await engine.clarifyingQuestion(adult, spec: try await engine.buildSpec(adult),
                                                        decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(!grown.contains("kids"), "\(grown)")
    }

    /// "Something for my brother who games, around 50 bucks" offered laptops, graphics cards and
    /// monitors: the categories offered are those the budget reaches.
    @Test func aBudgetOffersTheCategoriesItReaches() async throws {
        let turn = TurnContext(text: "something for my brother who games, around 50 bucks")
        let spec = try await engine.buildSpec(turn)
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: try await engine.decideClarification(turn, spec: spec)).collect()
        #expect(question.hasPrefix("Which kind of product for gaming are you looking for — ") && question.contains("keyboards")
                && !question.contains("laptops") && !question.contains("graphics cards"), "\(question)")
        let rich = TurnContext(text: "something for gaming under 2000")
        let offered = try await engine.clarifyingQuestion(rich, spec: try await engine.buildSpec(rich),
                                                          decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(offered == "Which kind of product for gaming are you looking for — laptops, monitors, graphics cards?", "\(offered)")
    }

    /// A question the shopper went past ("he likes coffee": "Do you mean coffee makers …?",
    /// "under 100": a search) is not asked again two turns later ("something for the office"):
    /// before, it was, word for word.
    @Test func aQuestionGonePastIsNotAskedAgain() async throws {
        let first = TurnContext(text: "I need a gift for my dad, he likes coffee")
        let coffee = try await engine.buildSpec(first)
        let question = try await engine.clarifyingQuestion(first, spec: coffee, decision: try await engine.decideClarification(first, spec: coffee)).collect()
        #expect(question == "Do you mean coffee makers, or another kind of coffee product?")
        let history = [ConversationMessage(role: .user, text: first.utterance), ConversationMessage(role: .assistant, text: question),
                       ConversationMessage(role: .user, text: "under 100"),
                       ConversationMessage(role: .assistant, text: "Here are the top 3 products matching \"coffee\" under $100: …")]
        let office = TurnContext(text: "something he can use at the office", history: history,
                                 currentSpec: coffee, clarificationCount: 1)
        let spec = try await engine.buildSpec(office)
        #expect(spec.category == nil && spec.missingFields == ["category"], "\(spec)")
        #expect(try await engine.decideClarification(office, spec: spec).shouldAsk == false)
        // Without that question in the history, the same turn would ask it.
        let fresh = TurnContext(text: "something he can use at the office", currentSpec: coffee, clarificationCount: 1)
        #expect(try await engine.decideClarification(fresh, spec: spec).shouldAsk)
    }

    @Test func aWordThatNamesCategoriesAsksAmongThem() async throws {
        // The first answer to "a gift for my dad" named no category, only what he likes.
        let turn = TurnContext(text: "he likes coffee", clarificationCount: 1)
        let spec = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: spec)
        #expect(decision.shouldAsk && decision.missingFields == ["category"])
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "Do you mean coffee makers, or another kind of coffee product?")
        // "yes" takes the suggestion; a "yes" to any other question does not invent a category.
        let history = [ConversationMessage(role: .user, text: "he likes coffee"), ConversationMessage(role: .assistant, text: question)]
        let accepted = try await engine.buildSpec(TurnContext(text: "yes please", history: history + [.init(role: .user, text: "yes please")],
                                                              currentSpec: spec, clarificationCount: 2))
        #expect(accepted.category?.lowercased() == "coffee makers" && !accepted.missingFields.contains("category"))
        let other = [ConversationMessage(role: .assistant, text: "Which kind of product are you looking for — laptops, monitors, phones?")]
        let unanswered = try await engine.buildSpec(TurnContext(text: "yes", history: other, currentSpec: spec))
        #expect(unanswered.category == nil)
        let shoes = RequirementSpec(query: "something with shoe laces", missingFields: ["category"])
        let asked = try await engine.clarifyingQuestion(TurnContext(text: "something with shoe laces"), spec: shoes,
                                                        decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(asked.contains("running shoes") && asked.contains("shoe product"), "\(asked)")
        // Brands' leaves under a kind (Flipkart's "Prithish Coffee Mugs") are that kind, not others.
        let mugs = EmbeddedEngine(vocabulary: StaticVocabularyProvider(CatalogVocabulary(categories: [
            .init(name: "Coffee Mugs", path: ["Kitchen & Dining", "Coffee Mugs"], count: 300),
            .init(name: "Prithish Coffee Mugs", path: ["Kitchen & Dining", "Coffee Mugs", "Prithish Coffee Mugs"], count: 90),
            .init(name: "Coffee Makers", path: ["Kitchen", "Coffee Makers"], count: 20),
        ], brands: []).merged()))
        let dad = TurnContext(text: "a gift for my dad who likes coffee")
        let dadSpec = try await mugs.buildSpec(dad)
        let kinds = try await mugs.clarifyingQuestion(dad, spec: dadSpec, decision: mugs.decideClarification(dad, spec: dadSpec)).collect()
        #expect(kinds.contains("coffee mugs") && kinds.contains("coffee makers") && !kinds.contains("prithish"), "\(kinds)")
    }

    /// "Something for my wife's birthday": kinds the catalog sells to women, one of each
    /// department, not its biggest departments ("computer components, memory, peripherals?").
    @Test func aGiftForSomeoneAsksAmongWhatIsSoldToThem() async throws {
        let engine = EmbeddedEngine(vocabulary: StaticVocabularyProvider(CatalogVocabulary(categories: [
            .init(name: "Computer Components", path: ["Computer Components"], count: 20_000),
            .init(name: "Western Wear", path: ["Clothing", "Women's Clothing", "Western Wear"], count: 1_981),
            .init(name: "Ethnic Wear", path: ["Clothing", "Women's Clothing", "Ethnic Wear"], count: 468),
            .init(name: "Girls Wear", path: ["Clothing", "Kids' Clothing", "Girls Wear"], count: 287, words: ["girls", "women"]),
            .init(name: "Necklaces", path: ["Jewellery", "Necklaces"], count: 1_588, words: ["necklace", "women", "gold"]),
            .init(name: "Shirts", path: ["Clothing", "Men's Clothing", "Shirts"], count: 900),
            .init(name: "Wrist Watches", path: ["Watches", "Wrist Watches"], count: 523),
            .init(name: "Maxima Wrist Watches", path: ["Watches", "Wrist Watches", "Maxima Wrist Watches"], count: 73,
                  words: ["watch", "women", "men"]),
        ], brands: []).merged()))
        let turn = TurnContext(text: "i want to buy something for my wife's birthday")
        let spec = try await engine.buildSpec(turn)
        #expect(spec.attributes["gender"] == "women", "\(spec)")
        let decision = try await engine.decideClarification(turn, spec: spec)
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "Which kind of product for women are you looking for — western wear, necklaces, wrist watches?",
                "\(question)")
    }

    /// "A gift for my mom, she loves cooking" asked among electronics, clothing and computer
    /// components; it asks among the catalog's kitchen categories now, the narrowest, most stocked
    /// first, and only those the catalog has.
    @Test func aUseCaseAsksAmongTheCategoriesThatServeIt() async throws {
        let vocabulary = CatalogVocabulary(categories: [
            .init(name: "Electronics", path: ["Electronics"], count: 120), .init(name: "Kitchen", path: ["Kitchen"], count: 46),
            .init(name: "Coffee Makers", path: ["Kitchen", "Coffee Makers"], count: 16),
            .init(name: "Air Fryers", path: ["Kitchen", "Air Fryers"], count: 15),
            .init(name: "Blenders", path: ["Kitchen", "Blenders"], count: 15), .init(name: "Books", path: ["Books"], count: 16),
        ], brands: []).merged()
        let kitchen = EmbeddedEngine(vocabulary: StaticVocabularyProvider(vocabulary))
        let turn = TurnContext(text: "hi, I'm looking for a gift for my mom, she loves cooking")
        let spec = try await kitchen.buildSpec(turn)
        let decision = try await kitchen.decideClarification(turn, spec: spec)
        let question = try await kitchen.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "Which kind of product for cooking are you looking for — coffee makers, air fryers, blenders?")
        // One category: offered as the suggestion a "yes" takes.
        let reading = TurnContext(text: "something for reading")
        let book = try await kitchen.clarifyingQuestion(reading, spec: try await kitchen.buildSpec(reading),
                                                        decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(book == "Do you mean books, or another kind of reading product?")
        // Camping asks among tents and backpacks, not the yoga mats a "Sports & Outdoors" department holds.
        let outdoors = EmbeddedEngine(vocabulary: StaticVocabularyProvider(CatalogVocabulary(categories: [
            .init(name: "Tents", path: ["Sports & Outdoors", "Tents"], count: 15),
            .init(name: "Yoga Mats", path: ["Sports & Outdoors", "Yoga Mats"], count: 15),
            .init(name: "Backpacks", path: ["Bags", "Backpacks"], count: 15),
        ], brands: [])))
        let camping = TurnContext(text: "a gift for my dad, he likes camping")
        let campingQuestion = try await outdoors.clarifyingQuestion(camping, spec: try await outdoors.buildSpec(camping),
                                                                    decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(campingQuestion == "Which kind of product for camping are you looking for — tents, backpacks?", "\(campingQuestion)")
    }

    /// "Something for my back pain when I sit all day" offered the catalog's biggest departments:
    /// it asks among the categories whose listings say the feature, and "yes" or "the cordless
    /// kind" to the one suggested takes it.
    @Test func aFeatureAsksAmongTheCategoriesWhoseListingsSayIt() async throws {
        let engine = EmbeddedEngine(vocabulary: StaticVocabularyProvider(CatalogVocabulary(categories: [
            .init(name: "Electronics", path: ["Electronics"], count: 120),
            .init(name: "Office Chairs", path: ["Furniture", "Office Chairs"], count: 15, words: ["chair", "lumbar", "support", "mesh"]),
            .init(name: "Vacuum Cleaners", path: ["Appliances", "Vacuum Cleaners"], count: 16,
                  words: ["vacuum", "pet", "hair", "cordless"]),
            .init(name: "Jackets", path: ["Clothing", "Jackets"], count: 16, words: ["jacket", "waterproof"]),
            .init(name: "Boots", path: ["Shoes", "Boots"], count: 15, words: ["boot", "waterproof"]),
        ], brands: [])))
        func question(_ text: String) async throws -> String {
            let turn = TurnContext(text: text)
            return try await engine.clarifyingQuestion(turn, spec: try await engine.buildSpec(turn),
                                                       decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        }
        let back = try await question("need something for my back pain when I sit all day")
        #expect(back == "Do you mean office chairs, or another kind of lumbar support product?", "\(back)")
        let waterproof = try await question("something waterproof")
        #expect(waterproof == "Which kind of waterproof product are you looking for — jackets, boots?", "\(waterproof)")
        let pets = "something for pet hair"
        let suggested = try await question(pets)
        let history = [ConversationMessage(role: .user, text: pets), ConversationMessage(role: .assistant, text: suggested)]
        let asked = try await engine.buildSpec(TurnContext(text: pets))
        for answer in ["yes", "the cordless kind"] {
            let spec = try await engine.buildSpec(TurnContext(text: answer, history: history, currentSpec: asked, clarificationCount: 1))
            #expect(spec.category == "Vacuum Cleaners" && spec.features.contains("pet hair"), "\(answer): \(spec)")
        }
    }

    /// "A gift for my dad who likes grilling", where no category is named by the word and no use
    /// knows it: the categories whose listings say it, the narrowest (before, the catalog's
    /// biggest departments: "computer components, memory, peripherals"). The answer names them as
    /// a count says an imported catalog's singular names ("the top 3 meat products").
    @Test func aKeywordAsksAmongTheCategoriesWhoseListingsSayIt() async throws {
        let vocabulary = CatalogVocabulary(categories: [
            .init(name: "Computer Components", path: ["Computer Components"], count: 40_000),
            .init(name: "groceries", path: ["groceries"], count: 222, words: ["fresh", "grilling"]),
            .init(name: "meat", path: ["groceries", "meat"], count: 31, words: ["beef", "grilling"]),
            .init(name: "seafood", path: ["groceries", "seafood"], count: 21, words: ["fish", "grilling"]),
        ], brands: [])
        let engine = EmbeddedEngine(vocabulary: StaticVocabularyProvider(vocabulary))
        let turn = TurnContext(text: "a gift for my dad who likes grilling")
        let spec = try await engine.buildSpec(turn)
        let decision = ClarifyDecision(shouldAsk: true, missingFields: ["category"])
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "Which kind of grilling product are you looking for — meat, seafood?", "\(question)")
        let counted = ["meat": "meat products", "jacket": "jackets", "lighting": "lighting products",
                       "Western Wear": "western wear products", "Kitchen & Dining": "kitchen & dining products", "Mice": "mice",
                       "backpack": "backpacks", "Laptops": "laptops", "accessory": "accessories", "TVs": "TVs",
                       "Internal Storage": "storage drives", "earring": "earrings"]
        for (name, said) in counted { #expect(WordForms.counted(name) == said, "\(name)") }
    }

    @Test func clarificationAsksForTheBudgetOfAPriceVariableCategory() async throws {
        let turn = TurnContext(text: "a laptop")
        let spec = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: spec)
        #expect(decision.shouldAsk && decision.missingFields == ["budget"])
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "What's your budget for laptops — under $500, under $1,000, or more than $1,500?")
        // A catalog's category named in the singular is said as many ("for television" before).
        let tvs = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: [
            .init(name: "television", path: ["electronics", "television"], count: 9),
        ], brands: []).merged())
        let tvSpec = tvs.spec(for: TurnContext(text: "a 4k tv 55 inch"))
        let tvQuestion = tvs.question(for: tvSpec, decision: ClarifyDecision(shouldAsk: true, missingFields: ["budget"]))
        #expect(tvQuestion.hasPrefix("What's your budget for televisions — "), "\(tvQuestion)")
    }

    @Test func aBrandOnlyQuestionOffersThatBrandsCategories() async throws {
        let turn = TurnContext(text: "sony")
        let spec = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: spec)
        let question = try await engine.clarifyingQuestion(turn, spec: spec, decision: decision).collect()
        #expect(question == "Which kind of Sony product are you looking for — phones, headphones, TVs?")
    }

    @Test func neverAsksMoreThanTheMaximum() async throws {
        let turn = TurnContext(text: "something nice", clarificationCount: 2, maxClarifications: 2)
        let spec = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: spec)
        #expect(!decision.shouldAsk)
        #expect(decision.missingFields == ["category"])
    }
}

/// "Go back to the laptops" after tablets: the laptop search as the session left it (before, a
/// new one that asked the budget again).
@Suite(.timeLimit(.minutes(1)))
struct EarlierSearchTests {
    let interpreter = EmbeddedInterpreter()

    @Test func goingBackToACategoryMakesItsSearchAgain() {
        var history: [ConversationMessage] = []
        var spec: RequirementSpec?
        for text in ["hi", "laptop under 700", "in silver", "actually show me tablets instead", "under 300"] {
            history.append(ConversationMessage(role: .user, text: text))
            spec = interpreter.spec(for: TurnContext(text: text, history: history, currentSpec: spec))
            history.append(ConversationMessage(role: .assistant, text: "Here are the top 3…"))
        }
        #expect(spec?.category == "Tablets" && spec?.budget.max == 300, "\(String(describing: spec))")
        for text in ["go back to the laptops", "back to laptops please"] {
            let back = interpreter.spec(for: TurnContext(text: text, history: history + [ConversationMessage(role: .user, text: text)],
                                                         currentSpec: spec))
            #expect(back.category == "Laptops" && back.budget.max == 700 && back.attributes["color"] == "silver"
                        && back.keywords.isEmpty && back.missingFields.isEmpty, "\(text): \(back)")
        }
        // Named by its place: the first search, or the one before (before, the keyword "back").
        for (text, category, max) in [("go back to the first search", "Laptops", 700.0), ("back to the previous one", "Laptops", 700),
                                      ("go back to the original search please", "Laptops", 700)] {
            let back = interpreter.spec(for: TurnContext(text: text, history: history + [ConversationMessage(role: .user, text: text)],
                                                         currentSpec: spec))
            #expect(back.category == category && back.budget.max == max && back.keywords.isEmpty, "\(text): \(back)")
        }
        let only = interpreter.spec(for: TurnContext(text: "a coffee table"))
        let same = interpreter.spec(for: TurnContext(text: "go back to the first search", history: [
            ConversationMessage(role: .user, text: "a coffee table"), ConversationMessage(role: .user, text: "go back to the first search"),
        ], currentSpec: only))
        #expect(same.category == only.category && same.keywords == only.keywords, "\(same)")
        // A category never searched for is a new search; so is one named without going back.
        let phones = interpreter.spec(for: TurnContext(text: "go back to phones", history: history, currentSpec: spec))
        #expect(phones.category == "Phones" && phones.budget.isOpen, "\(phones)")
        let laptops = interpreter.spec(for: TurnContext(text: "laptops", history: history, currentSpec: spec))
        #expect(laptops.category == "Laptops" && laptops.budget.isOpen, "\(laptops)")
    }
}

/// "Something else" after "which kind of …?": the kinds offered are left out of the next question,
/// or said to be all there are (before, the same question was not asked twice, so it searched
/// "products for cooking" and found none).
@Suite(.timeLimit(.minutes(1)))
struct SomethingElseTests {
    let engine = EmbeddedEngine()
    let interpreter = EmbeddedInterpreter()

    func ask(_ text: String, after history: [ConversationMessage], spec: RequirementSpec) async throws -> (ClarifyDecision, String) {
        // As the worker gives it: this turn's words last in the history.
        let turn = TurnContext(text: text, history: history + [ConversationMessage(role: .user, text: text)], currentSpec: spec,
                               clarificationCount: 1)
        let next = try await engine.buildSpec(turn)
        let decision = try await engine.decideClarification(turn, spec: next)
        return (decision, try await engine.clarifyingQuestion(turn, spec: next, decision: decision).collect())
    }

    @Test func theKindsOfferedAreNotOfferedAgain() async throws {
        let first = TurnContext(text: "a gift for my dad who likes cooking, around 100")
        let spec = try await engine.buildSpec(first)
        let decision = try await engine.decideClarification(first, spec: spec)
        let question = try await engine.clarifyingQuestion(first, spec: spec, decision: decision).collect()
        let offered = EmbeddedInterpreter.kindsOffered(in: question)
        #expect(offered.count >= 2, "\(question)")
        let history = [ConversationMessage(role: .user, text: first.text), ConversationMessage(role: .assistant, text: question)]
        for text in ["something else", "none of those", "hmm, anything else?"] {
            let (next, asked) = try await ask(text, after: history, spec: spec)
            #expect(next.shouldAsk, "\(text)")
            #expect(offered.allSatisfy { !EmbeddedInterpreter.kindsOffered(in: asked).contains($0) }, "\(text): \(asked)")
            #expect(asked.hasPrefix("Which kind of product for cooking") || asked.contains("are all the kinds of product for cooking"),
                    "\(text): \(asked)")
        }
        // When they were all there are, the question says so.
        let cooking = Set(interpreter.categoriesServing("cooking").map(WordForms.spoken))
        let all = interpreter.question(for: spec, decision: decision, excluding: cooking)
        #expect(all.hasSuffix("are all the kinds of product for cooking I have. "
                              + "Would one of them do, or is there something else I can look for?"), "\(all)")
        // Offered from the catalog's biggest kinds, the next ones.
        let vague = RequirementSpec(missingFields: ["category"])
        let biggest = interpreter.question(for: vague, decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"]))
        let next = interpreter.question(for: vague, decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"]),
                                        excluding: Set(EmbeddedInterpreter.kindsOffered(in: biggest)))
        #expect(Set(EmbeddedInterpreter.kindsOffered(in: next)).isDisjoint(with: EmbeddedInterpreter.kindsOffered(in: biggest)),
                "\(biggest) \(next)")
        #expect(EmbeddedInterpreter.kindsOffered(in: next).count == 3, "\(next)")
        // Another answer asks nothing new.
        #expect(!EmbeddedInterpreter.asksForOtherKinds("a blender please"))
    }
}
