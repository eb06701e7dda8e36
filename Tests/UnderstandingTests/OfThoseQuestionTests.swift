import Shared
import Testing
@testable import Understanding

/// "The cheapest of those" after an answer that named some of the shown products ("3 of the 7
/// shown are wireless: …"): the cheapest of those named (before, a new search sorted by price,
/// which put the best matches first).
@Suite(.timeLimit(.minutes(1)))
struct OfThoseQuestionTests {
    let interpreter = EmbeddedInterpreter()

    static func keyboard(_ title: String, _ brand: String, _ price: Double, wireless: Bool) -> ProductResult {
        ProductResult(id: title, title: title, brand: brand, category: "Keyboards", price: price, currency: "USD", marketplace: "local",
                      attributes: ["wireless": wireless ? "yes" : "no"])
    }

    let shown = [
        keyboard("HyperX Alloy Origins Core TKL Mechanical Keyboard", "HyperX", 79.99, wireless: false),
        keyboard("Logitech POP Keys Wireless Mechanical Keyboard", "Logitech", 79.99, wireless: true),
        keyboard("Logitech K380 Multi-Device Bluetooth Keyboard", "Logitech", 39.99, wireless: true),
        keyboard("Microsoft Wired Keyboard 600", "Microsoft", 19.99, wireless: false),
    ]

    @Test func theCheapestOfThoseNamed() throws {
        let spec = RequirementSpec(category: "Keyboards", query: "keyboards")
        // The answer to "which ones are wireless?", as the reply words it.
        let question = TurnContext(text: "which ones are wireless?", currentSpec: spec, lastShown: shown)
        let decision = interpreter.clarifyDecision(for: question, spec: spec)
        let wireless = interpreter.comparison(of: shown.filter { decision.compared.contains($0.id) }, answering: question)
        #expect(wireless.hasPrefix("2 of the 4 shown are wireless: "), "\(wireless)")
        let history = [ConversationMessage(role: .user, text: question.text), ConversationMessage(role: .assistant, text: wireless)]
        for text in ["the cheapest of those", "which is the cheapest of them?", "the cheapest of the ones that are wireless"] {
            // As the worker gives it: this turn's words last in the history.
            let turn = TurnContext(text: text, history: history + [ConversationMessage(role: .user, text: text)], currentSpec: spec,
                                   lastShown: shown)
            let product = try #require(interpreter.productAskedAbout(turn), "\(text)")
            #expect(product.title == "Logitech K380 Multi-Device Bluetooth Keyboard", "\(text)")
            #expect(interpreter.productDetails(product, answering: turn).hasPrefix("Of those 2, the cheapest is the Logitech K380"),
                    "\(text)")
        }
        // Without "of those", the cheapest shown.
        let all = TurnContext(text: "which is the cheapest?", history: history, currentSpec: spec, lastShown: shown)
        #expect(interpreter.productAskedAbout(all)?.title == "Microsoft Wired Keyboard 600")
    }

    /// "Which of those is the lightest?" after "2 of the 4 shown are wireless: …": the lightest of
    /// those 2 (before, of all 4 shown).
    @Test func anAttributeSuperlativeOfThoseNamed() async throws {
        let engine = EmbeddedEngine()
        var weighed = shown
        for (index, weight) in ["1.2 lb", "1.6 lb", "0.9 lb", "0.5 lb"].enumerated() { weighed[index].attributes["weight"] = weight }
        let spec = RequirementSpec(category: "Keyboards", query: "keyboards")
        let history = [ConversationMessage(role: .user, text: "which ones are wireless?"),
                       ConversationMessage(role: .assistant, text: "2 of the 4 shown are wireless: the Logitech POP Keys "
                                           + "Wireless Mechanical Keyboard and the Logitech K380 Multi-Device Bluetooth Keyboard. "
                                           + "The others do not say."),
                       ConversationMessage(role: .user, text: "which of those is the lightest?")]
        let turn = TurnContext(text: "which of those is the lightest?", history: history, currentSpec: spec, lastShown: weighed)
        let decision = try await engine.decideClarification(turn, spec: spec)
        #expect(decision.compared == ["Logitech POP Keys Wireless Mechanical Keyboard", "Logitech K380 Multi-Device Bluetooth Keyboard"],
                "\(decision)")
        // One named: its details, not the first shown's.
        var one = history
        one[1] = ConversationMessage(role: .assistant, text: "1 of the 4 shown mentions \"folds\": the Logitech K380 Multi-Device "
                                     + "Bluetooth. The others do not say.")
        let single = try await engine.decideClarification(TurnContext(text: "which of those is the lightest?", history: one,
                                                                      currentSpec: spec, lastShown: weighed), spec: spec)
        #expect(single.detailsOf == "Logitech K380 Multi-Device Bluetooth Keyboard", "\(single)")
        let compared = weighed.filter { decision.compared.contains($0.id) }
        let reply = try await engine.productComparisonReply(turn, products: compared).collect()
        #expect(reply.hasPrefix("Of the 2 just named, the lightest is the Logitech K380 Multi-Device Bluetooth Keyboard (0.9 lb)."),
                "\(reply)")
    }

    /// "The cheapest of the ones that fold" when the last answer named one: that one, said so.
    @Test func theOnlyOneNamed() throws {
        let spec = RequirementSpec(category: "Keyboards", query: "keyboards")
        let text = "the cheapest of the ones that fold"
        let history = [ConversationMessage(role: .user, text: "do they fold?"),
                       ConversationMessage(role: .assistant, text: "1 of the 4 shown mentions \"fold\": the Logitech K380 Multi-Device "
                                           + "Bluetooth (\"Folds flat\"). The others do not say."),
                       ConversationMessage(role: .user, text: text)]
        let turn = TurnContext(text: text, history: history, currentSpec: spec, lastShown: shown)
        let product = try #require(interpreter.productAskedAbout(turn))
        #expect(product.title == "Logitech K380 Multi-Device Bluetooth Keyboard")
        #expect(interpreter.productDetails(product, answering: turn).hasPrefix("The only one is the Logitech K380"))
    }
}
