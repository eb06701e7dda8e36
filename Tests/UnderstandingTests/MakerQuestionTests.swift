import Shared
import Testing
@testable import Understanding

/// "What brand is the first one?", "which brand is it?": who makes a product shown.
@Suite(.timeLimit(.minutes(1)))
struct MakerQuestionTests {
    /// Before, "what brand is the first one?" answered with the product's price, and "which brand
    /// is it?" showed the search's next page. A listing without a brand says so.
    @Test func aQuestionOfWhoMakesAShownProductNamesItsBrand() async throws {
        let engine = EmbeddedEngine()
        let shown = [listed("Ocean", "Ocean Q3 Wireless Optical Mouse", category: "Mice", [:]),
                     listed("Technotech", "Technotech Q3 Wireless Optical Mouse", category: "Mice", [:])]
        let spec = RequirementSpec(category: "Mice", query: "wireless mice", features: ["wireless"])
        for (text, brand) in [("what brand is the first one?", "Ocean"), ("who makes the second one?", "Technotech"),
                              ("which brand is it?", "Ocean"), ("who is the manufacturer of the 2nd one", "Technotech")] {
            let (decision, reply) = try await engine.answer(text, about: shown, spec: spec)
            #expect(decision.detailsOf == brand && reply.hasPrefix("It's made by \(brand)."), "\(text): \(reply)")
        }
        var unbranded = shown
        unbranded[0].brand = nil
        let (_, reply) = try await engine.answer("what brand is the first one?", about: unbranded, spec: spec)
        #expect(reply.hasPrefix("Its listing does not name its brand."), "\(reply)")
    }

    /// Words of making that ask nothing of the sort: "make it cheaper", "what is it made of?".
    @Test func otherWordsOfMakingAskNoBrand() {
        for text in ["make it cheaper", "what is it made of?", "made in the usa", "which brands do you have?"] {
            #expect(!MakerQuestion.isAsked(in: Tokenizer.tokenize(text)), "\(text)")
        }
        for text in ["what brand is it", "who makes this one", "made by whom?", "whats the make of the third"] {
            #expect(MakerQuestion.isAsked(in: Tokenizer.tokenize(text)), "\(text)")
        }
    }
}
