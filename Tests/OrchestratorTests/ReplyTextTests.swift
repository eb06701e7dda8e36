import Foundation
import Testing

@testable import Orchestrator

/// The streamed reply's trimming, and the turn text's spacing, against the general forms as the reference.
struct ReplyTextTests {
    @Test(arguments: ["", " ", "headphones", "wireless headphones under $100", " leading", "trailing ", "two  spaces",
                      "tab\there", "line\nbreak", "caf\u{00E9} au lait", "no\u{00A0}break", "\u{2003}em space", "~!{}|"])
    func aTurnsWordsAreSeparatedBySingleSpaces(_ text: String) {
        #expect(ConversationState.collapsingWhitespace(text)
                == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test(arguments: ["", " ", "\n\t ", "Here are 3 laptops.", "  Here are 3 laptops.\n", "\u{00A0}Café\u{2003}",
                      "one\n\ntwo", " 🎧 ", "\r\nline\r\n"])
    func repliesAreTrimmedAsFoundationTrimsThem(_ text: String) {
        #expect(ConversationGraph.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
