import Shared
import Testing
@testable import Understanding

/// "Which one do you recommend?" and "can you send me the link?" of the products shown: before,
/// both searched again (showing the same list, or "you have seen all 6").
@Suite(.timeLimit(.minutes(1)))
struct AdviceAndLinkTests {
    let interpreter = EmbeddedInterpreter()
    let shown = [("Sony", "https://shop.example/sony"), ("JBL", nil), ("Soundcore", nil)].map { brand, url in
        ProductResult(id: brand, title: "\(brand) Wireless Headphones", brand: brand, category: "Headphones", price: 59.99,
                      currency: "USD", url: url, marketplace: "local")
    }
    let searched = RequirementSpec(category: "Headphones", query: "headphones", budget: .init(max: 100))

    private func turn(_ text: String, history: [ConversationMessage] = []) -> TurnContext {
        TurnContext(text: text, history: history, currentSpec: searched, lastShown: shown)
    }

    @Test func aRecommendationIsTheBestMatchShown() {
        for text in ["which one do you recommend?", "which one should i buy", "which would you pick?"] {
            #expect(interpreter.searchlessDecision(turn(text))?.detailsOf == "Sony", "\(text)")
            let reply = interpreter.productDetails(shown[0], answering: turn(text))
            #expect(reply.hasPrefix("Of the 3 shown, the best match for what you asked is the Sony Wireless Headphones."), "\(reply)")
        }
        #expect(interpreter.spec(for: turn("which one do you recommend?")) == searched)
    }

    @Test func aLinkIsOfTheProductNamedOrTalkedAbout() {
        #expect(interpreter.searchlessDecision(turn("can you send me the link"))?.detailsOf == "Sony")
        #expect(interpreter.searchlessDecision(turn("the link to the second one please"))?.detailsOf == "JBL")
        let talkedAbout = [ConversationMessage(role: .assistant, text: "The Soundcore Wireless Headphones costs $59.99.")]
        #expect(interpreter.searchlessDecision(turn("link?", history: talkedAbout))?.detailsOf == "Soundcore")
        #expect(EmbeddedInterpreter.mayBeSearchless("link?"))
        let page = interpreter.productDetails(shown[0], answering: turn("link?"))
        #expect(page.hasPrefix("Its page: https://shop.example/sony ") && page.ranges(of: "shop.example").count == 1,
                "\(page)")
        #expect(interpreter.productDetails(shown[1], answering: turn("link please"))
            .hasPrefix("Its listing here has no link: search its seller's site for the JBL Wireless Headphones."))
        // A request that names a link cable is a search.
        #expect(interpreter.searchlessDecision(turn("headphones with a usb link cable")) == nil)
    }
}

/// "Is it compatible with amd?" was answered "whether it is amd": what a product works with is
/// what its listing's compatibility says.
@Suite(.timeLimit(.minutes(1)))
struct CompatibilityQuestionTests {
    @Test func whatItWorksWithIsItsCompatibility() {
        let interpreter = EmbeddedInterpreter()
        let watches = [("Garmin", "iPhone and Android"), ("Apple", "iPhone")].map { brand, compatibility in
            ProductResult(id: brand, title: "\(brand) Smartwatch", brand: brand, category: "Smartwatches", price: 249.99,
                          currency: "USD", marketplace: "local", attributes: ["compatibility": compatibility])
        }
        let one = interpreter.featureAnswer(watches[0], tokens: Tokenizer.tokenize("does it work with iphone?"))
        #expect(one == "Yes, it works with iphone (compatibility: iPhone and Android).", "\(String(describing: one))")
        let unsaid = interpreter.featureAnswer(ProductResult(id: "m", title: "Desktop Memory", brand: nil, category: "Memory",
                                                             price: 99, currency: "USD", marketplace: "local"),
                                               tokens: Tokenizer.tokenize("is it compatible with amd?"))
        #expect(unsaid == "Its listing does not say whether it works with amd.", "\(String(describing: unsaid))")
        let question = FeatureQuestion.aboutTheList(in: Tokenizer.tokenize("do they work with android?"), extractor: interpreter.extractor)
        let all = question.map { interpreter.featureAnswer(among: watches, question: $0) }
        #expect(all == "1 of the 2 shown works with android: the Garmin. The Apple (iPhone) does not.", "\(String(describing: all))")
    }
}
