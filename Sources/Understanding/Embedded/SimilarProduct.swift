import Shared

/// "More like the third one", "anything similar to the sony?", "like the second one but
/// cheaper", "alternatives to it": the shown product the shopper wants others like. The spec then
/// names it (`RequirementSpec.similarToKey`), and the catalog ranks by likeness to it. Before,
/// "more like the third one" showed the search's next page, and "is there anything like the
/// second one?" the second one's details.
enum SimilarProduct {
    /// Words before "like" that ask for others like a thing: "more like", "something like", "ones
    /// like" (and "one like it"); not "i like the third one", which says which one pleases.
    static let askingWords: Set<String> = [
        "more", "others", "other", "ones", "something", "anything", "any", "stuff", "things", "products", "items",
        "options", "models", "sth", "similar", "else",
    ]
    /// Words after "like" that ask for one of a kind ("something like a gaming laptop"), not for
    /// others like a product shown.
    private static let kindArticles: Set<String> = ["a", "an", "some"]
    /// Words between the likeness and the product that name nothing: "similar to the one", "like that one".
    private static let fillers: Set<String> = ["to", "the", "one", "that", "this", "those", "these", "of", "1"]

    /// The shown product the turn asks for others like, if it asks so, read from the turn's
    /// tokens. "Something like this" with a photo asks for what the photo shows.
    static func reference(in turn: TurnContext, tokens: [Token]) -> ProductResult? {
        guard !turn.attachments.contains(.image) else { return nil }
        return reference(in: tokens, text: turn.utterance, among: turn.lastShown, history: turn.history)
    }

    /// The shown product the message asks for others like, if it asks so.
    /// - Parameters:
    ///   - text: the words `tokens` were read from ("like #2").
    ///   - history: the conversation, whose last reply that named a product says which one "it",
    ///     "that" or "this" are (`ProductQuestion.productDiscussed`), as it does for "something
    ///     similar" that names none.
    static func reference(in tokens: [Token], text: String, among shown: [ProductResult],
                          history: [ConversationMessage]) -> ProductResult? {
        guard !shown.isEmpty, let start = referenceStart(in: tokens) else { return nil }
        let brands = ProductQuestion.productsByBrand(shown)
        for index in tokens.indices.dropFirst(start).prefix(4) {
            let word = tokens[index].text
            if let place = ProductQuestion.place(namedAt: index, in: tokens, text: text, shownCount: shown.count) {
                return place < shown.count ? shown[place] : nil
            }
            if let products = brands[word] {
                return ProductQuestion.narrowed(products, byWordsAfter: index, in: tokens).products.first
            }
            if kindArticles.contains(word) { return nil }
            if fillers.contains(word) || tokens[index].isSpelledOne { continue }
            // "More like it": the product talked about last. So for a word that ends the
            // reference ("something similar but cheaper").
            if ProductQuestion.pronouns.contains(word) || Lexicon.keywordStopwords.contains(word) { break }
            // "Like the pixel": a word of one shown title; another word names something not
            // shown ("a book similar to the hunger games").
            return ProductQuestion.products(namedByTitleWord: word, among: shown).first
        }
        // "Something similar", "more like that one": the product talked about last.
        return ProductQuestion.productDiscussed(in: history, among: shown)
    }

    /// The index after the words that ask for others like something ("more like", "similar to",
    /// "alternatives to", a message that opens with "like"); `nil` when none do.
    private static func referenceStart(in tokens: [Token]) -> Int? {
        for (index, token) in tokens.enumerated() {
            switch token.text {
            case "like":
                // "Like the second one but cheaper"; "more like", "anything like"; not "i like" or
                // "something like a gaming laptop", which asks for one of a kind.
                // "What else is like", "anything that is like": through a verb.
                let asker = index >= 2 && ["is", "are"].contains(tokens[index - 1].text) ? index - 2 : index - 1
                guard index == 0 || askingWords.contains(tokens[asker].text) || tokens[asker].isSpelledOne
                        || asker < index - 1 && ["what", "that", "which"].contains(tokens[asker].text) else { continue }
                if index + 1 < tokens.count, kindArticles.contains(tokens[index + 1].text) { return nil }
                return index + 1
            case "similar", "alternative", "alternatives":
                return index + 1
            default:
                continue
            }
        }
        return nil
    }
}
