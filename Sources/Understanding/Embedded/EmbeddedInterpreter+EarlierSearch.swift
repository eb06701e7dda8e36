import Shared

// build_requirement_spec, when the shopper returns to a search of the session: "go back to the
// laptops" after tablets is the laptop search as they left it (before, a new one, which asked
// the budget again).
extension EmbeddedInterpreter {
    /// Whether the words return to an earlier search: "back to the laptops", "go back".
    static func returnsToEarlierSearch(_ tokens: [Token]) -> Bool {
        tokens.indices.contains { index in
            tokens[index].text == "back" && (index + 1 < tokens.count && tokens[index + 1].text == "to"
                || index > 0 && ["go", "going", "come", "get"].contains(tokens[index - 1].text))
        }
    }

    /// The place of the earlier search the words go back to ("go back to the first search",
    /// "back to the previous one"), if they name one so.
    static func earlierSearchPlace(namedBy tokens: [Token]) -> SearchPlace? {
        let words = tokens.map(\.text)
        guard returnsToEarlierSearch(tokens), let back = words.firstIndex(of: "back") else { return nil }
        return words[back...].lazy.compactMap { searchPlaces[$0] }.first
    }

    /// The category of the session's search at `place`: its first, or the latest before the
    /// current one (the current one when there was no other).
    func earlierCategory(at place: SearchPlace, in turn: TurnContext) -> String? {
        var categories: [String] = []
        for message in turn.history where message.role == .user {
            guard let category = extractor.extract(message.text).categories.first, categories.last != category else { continue }
            categories.append(category)
        }
        let current = turn.currentSpec?.category
        if place == .first { return categories.first ?? current }
        return categories.last { $0.lowercased() != current?.lowercased() } ?? current
    }

    enum SearchPlace { case first, previous }
    /// The words that name an earlier search by its place.
    static let searchPlaces: [String: SearchPlace] = [
        "first": .first, "original": .first, "previous": .previous, "last": .previous, "earlier": .previous, "other": .previous,
    ]
    /// Words of a request to go back that are no wishes: "go back to the first search".
    static let returnWords = Set(["back", "search", "searches", "results", "list"] + searchPlaces.keys)

    /// The session's latest search for `category`, made again from the shopper's messages in
    /// the history: the one that last named the category, with the messages around it that
    /// named no other (its refinements: "under 700", "in silver"); `nil` when none named it.
    /// Refinements relative to the products shown then ("cheaper") are read without them.
    func earlierSearch(for category: String, in turn: TurnContext) -> RequirementSpec? {
        var history = turn.history
        // The orchestrator's history ends with the turn's own message.
        if let last = history.last, last.role == .user, turn.utterance.hasPrefix(last.text) { history.removeLast() }
        let messages = history.filter { $0.role == .user }.map(\.text)
        let named = messages.map { extractor.extract($0).categories.first?.lowercased() }
        let wanted = category.lowercased()
        guard let last = named.lastIndex(of: wanted) else { return nil }
        let isOfSearch = { (index: Int) in named[index] == nil || named[index] == wanted }
        var start = last, end = last
        while start > 0, isOfSearch(start - 1) { start -= 1 }
        while end + 1 < messages.count, isOfSearch(end + 1) { end += 1 }
        var spec: RequirementSpec?
        for text in messages[start...end] { spec = self.spec(for: TurnContext(text: text, currentSpec: spec)) }
        return spec?.category?.lowercased() == wanted ? spec : nil
    }
}
