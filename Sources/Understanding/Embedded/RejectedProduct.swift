import Shared

/// "I don't like the first one", "not the second one", "remove the third one": a shown product
/// the shopper turns down. The spec keeps it out (`RequirementSpec.excludedProductsKey`) and the
/// search starts again from the top without it. Before, such a message showed the search's next
/// page, which left out every product shown, the ones the shopper did not mind too.
enum RejectedProduct {
    /// Verbs that turn a product down: "remove the third one", "skip #2".
    static let rejectingVerbs: Set<String> = ["remove", "drop", "skip", "exclude", "hide", "lose", "ditch"]
    /// Verbs that, denied, turn a product down: "i don't like the first one", "i don't want #2".
    static let likingVerbs: Set<String> = ["like", "want", "love", "need", "care"]
    /// Words that deny the verb after them: "don't", "do not", "doesn't".
    static let denials: Set<String> = ["dont", "doesnt", "not", "didnt", "never"]

    /// The shown product the message turns down: it names one by its place ("the first one",
    /// "#2", "the last one") right after a rejecting verb, a denied liking verb, or a "not" that
    /// opens the message ("not the second one either"); `nil` for any other message.
    static func reference(in tokens: [Token], text: String, among shown: [ProductResult]) -> ProductResult? {
        guard !shown.isEmpty, let start = referenceStart(in: tokens) else { return nil }
        for index in tokens.indices.dropFirst(start).prefix(3) {
            if let place = ProductQuestion.place(namedAt: index, in: tokens, text: text, shownCount: shown.count) {
                return place < shown.count ? shown[place] : nil
            }
            guard ["the", "that", "this", "number", "#"].contains(tokens[index].text) else { return nil }
        }
        return nil
    }

    /// The index after the words that turn something down; `nil` when none do.
    private static func referenceStart(in tokens: [Token]) -> Int? {
        if tokens.first?.text == "not" { return 1 }
        for (index, token) in tokens.enumerated() {
            if rejectingVerbs.contains(token.text) { return index + 1 }
            // "I don't like", "I do not want", "I really don't like".
            if likingVerbs.contains(token.text), index > 0,
               tokens[max(0, index - 2)..<index].contains(where: { denials.contains($0.text) }) {
                return index + 1
            }
        }
        return nil
    }
}
