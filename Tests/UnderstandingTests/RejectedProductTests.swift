import Shared
import Testing
@testable import Understanding

/// "I don't like the first one": a shown product turned down, which the spec keeps out
/// (`RequirementSpec.excludedProductsKey`). Before, it showed the search's next page, which left
/// out every product shown.
@Suite(.timeLimit(.minutes(1)))
struct RejectedProductTests {
    let interpreter = EmbeddedInterpreter()
    static let mats = [
        listed("Gaiam", "Gaiam Essentials Thick Yoga Mat", category: "Sports & Outdoors > Yoga Mats", [:]),
        listed("Manduka", "Manduka PRO Yoga Mat", category: "Sports & Outdoors > Yoga Mats", [:]),
        listed("Liforme", "Liforme Yoga Mat", category: "Sports & Outdoors > Yoga Mats", [:]),
    ]
    static let spec = RequirementSpec(category: "Yoga Mats", query: "yoga mats")

    func turn(_ text: String, spec: RequirementSpec = spec, shown: [ProductResult] = mats) -> TurnContext {
        let listed = ConversationMessage(role: .assistant, text: "Here are the top 3 yoga mats: 1. \(shown[0].title)")
        return TurnContext(text: text, history: [listed], currentSpec: spec, lastShown: shown)
    }

    @Test func aProductNamedByItsPlaceIsTurnedDown() {
        let asked: [(String, String)] = [
            ("i don't like the first one", "Gaiam"), ("not the second one", "Manduka"), ("remove the third one", "Liforme"),
            ("I do not want the last one", "Liforme"), ("skip #2", "Manduka"), ("i really don't like the first one", "Gaiam"),
        ]
        for (text, id) in asked {
            let spec = interpreter.spec(for: turn(text))
            #expect(spec.excludedProductIDs == [id] && spec.category == "Yoga Mats" && spec.keywords.isEmpty, "\(text): \(spec)")
        }
        // Turned down one after another, all are kept out.
        let first = interpreter.spec(for: turn("i don't like the first one"))
        let both = interpreter.spec(for: turn("not the second one either", spec: first))
        #expect(both.excludedProductIDs == ["Gaiam", "Manduka"], "\(both)")
        // A new search starts without them.
        #expect(interpreter.spec(for: turn("a foam roller", spec: both)).excludedProductIDs.isEmpty)
    }

    @Test func otherMessagesTurnNoneDown() {
        for text in ["i like the first one", "tell me about the second one", "not too thick", "show me more", "not red",
                     "i don't like yoga mats", "not the cheapest"] {
            let spec = interpreter.spec(for: turn(text))
            #expect(spec.excludedProductIDs.isEmpty, "\(text): \(spec)")
        }
    }

    /// The reply says which one is left out, on the turn that turned it down.
    @Test func theReplySaysWhichProductIsLeftOut() async throws {
        let spec = interpreter.spec(for: turn("i don't like the first one"))
        let found = SearchResults(products: Array(Self.mats.dropFirst()), totalFound: 2, sources: [])
        let reply = interpreter.composedReply(turn("i don't like the first one"), spec: spec, results: found)
        #expect(reply.hasPrefix("Leaving out the Gaiam Essentials Thick Yoga Mat. Here are the top 2"), "\(reply)")
        let decision = try await EmbeddedEngine().decideClarification(turn("not the second one"), spec: spec)
        #expect(decision.detailsOf == nil && !decision.shouldAsk)
    }
}
