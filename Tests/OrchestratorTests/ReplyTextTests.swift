import Foundation
import Testing

@testable import Orchestrator

/// The streamed reply's trimming, against Foundation's as the reference.
struct ReplyTextTests {
    @Test(arguments: ["", " ", "\n\t ", "Here are 3 laptops.", "  Here are 3 laptops.\n", "\u{00A0}Café\u{2003}",
                      "one\n\ntwo", " 🎧 ", "\r\nline\r\n"])
    func repliesAreTrimmedAsFoundationTrimsThem(_ text: String) {
        #expect(ConversationGraph.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
