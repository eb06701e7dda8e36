import Shared
import Testing
@testable import Understanding

/// Follow-ups that read the last answer, end to end: the worker puts the turn's own words in the
/// history before the engine reads it, which unit tests of the engine missed once ("something
/// else" still searched on the stack).
extension ConversationTests {
    @Test func somethingElseAfterAKindQuestionAsksAgainWithoutTheKindsOffered() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_else"
            let (first, _, _) = try await answer("a gift for my dad who likes cooking, around 100", in: session, gateway)
            guard case .clarification(let asked) = first.first(where: { $0.type == .clarification })?.data else {
                Issue.record("no question: \(first.map(\.type))"); return
            }
            let offered = EmbeddedInterpreter.kindsOffered(in: asked.question)
            try #require(offered.count >= 2, "\(asked.question)")
            let (next, _, _) = try await answer("something else", in: session, gateway)
            #expect(!next.contains { $0.type == .results }, "it searched again")
            guard case .clarification(let again) = next.first(where: { $0.type == .clarification })?.data else {
                Issue.record("no second question: \(next.map(\.type))"); return
            }
            #expect(again.question != asked.question)
            let offeredAgain = EmbeddedInterpreter.kindsOffered(in: again.question)
            #expect(again.question.contains("are all the kinds") || offeredAgain.allSatisfy { !offered.contains($0) }, "\(again.question)")
        }
    }

    @Test func theCheapestOfThosePicksAmongTheOnesTheLastAnswerNamed() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_those"
            let shown = try await say("a mechanical keyboard under 100", in: session, gateway)
            let (_, wireless, _) = try await answer("which ones are wireless?", in: session, gateway)
            // "3 of the 7 shown are wireless: the …, the … and the …. The … do not."
            let count = try #require(Int(wireless.prefix { $0.isNumber }), "\(wireless)")
            try #require(count > 1 && count < shown.products.count, "\(wireless)")
            let (events, reply, _) = try await answer("the cheapest of those", in: session, gateway)
            #expect(!events.contains { $0.type == .results }, "it searched again")
            #expect(reply.hasPrefix("Of those \(count), the cheapest is "), "\(reply)")
        }
    }
}
