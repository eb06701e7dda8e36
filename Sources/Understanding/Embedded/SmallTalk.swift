import Shared

/// Messages that ask for nothing to search: they only thank, agree, greet, say goodbye or ask
/// what the assistant can do.
/// Without this, "thanks!" after a search read as "the same again" and showed the next page, and
/// "bye" became a search word.
///
/// A message is small talk when it has at least one such word, every other word is a filler
/// ("thank you so much", "ok great, that's all"), and no photo is attached (a voice note counts by
/// its transcript). A message with one shopping word ("thanks, now in black") is a request, as
/// before. A bare greeting before anything was searched is not small talk while a question may
/// still be asked: "Which kind of product are you looking for?" is the better answer to "hi" then.
enum SmallTalk {
    enum Kind: Sendable, Equatable {
        case thanks, agreement, greeting, goodbye
        /// "What can you do?", "how does this work?", "help".
        case help
        /// "Start over", "new search": the search is dropped and the next message starts anew.
        case startOver
        /// "What's your return policy?", "do you ship to canada?": the marketplaces' business.
        case storePolicy
        /// "Add it to my cart", "buy the second one": an order, which the sellers take.
        case purchase
    }

    /// Words that ask about a seller's terms rather than a product: returns, shipping, warranty,
    /// payment. Before, "what's your return policy?" searched for the words "return policy".
    static let storePolicyWords: Set<String> = [
        "return", "returns", "returning", "refund", "refunds", "policy", "policies", "shipping", "ship", "ships",
        "shipped", "delivery", "deliver", "delivers", "warranty", "warranties", "guarantee", "payment", "payments",
        "pay", "paypal", "installments", "exchange", "exchanges", "tracking", "track",
    ]
    /// The store-policy words that alone may ask what a product does ("does it track sleep?").
    private static let trackingWords: Set<String> = ["tracking", "track"]
    /// What a seller's tracking is of: "can i track my order?", "package tracking".
    private static let orderWords: Set<String> = ["order", "orders", "package", "parcel", "shipment", "my", "delivery"]
    /// Words that may come with a store-policy question: "how long does delivery take?".
    private static let storePolicyFillers: Set<String> = helpFillers.union([
        "what", "whats", "is", "are", "your", "you", "do", "does", "can", "i", "the", "a", "an", "on", "for", "to",
        "with", "by", "how", "long", "much", "it", "take", "takes", "any", "free", "there", "have", "offer", "get",
        "my", "of", "if", "in", "or", "about", "tell", "me", "when", "will", "need", "days", "cost", "costs", "fee",
        "fees", "international", "internationally", "worldwide", "usually", "accept", "things", "stuff", "items",
        "item", "products", "order", "orders", "where", "who", "handles", "time", "fast",
    ])

    /// Words that ask to order what was shown. Before, "add it to my cart" searched again for
    /// "add" and "cart".
    static let purchaseWords: Set<String> = ["cart", "basket", "checkout", "buy", "purchase", "order"]
    /// Words that may come with a purchase: "i'll buy the second one", "put it in my basket".
    private static let purchaseFillers: Set<String> = helpFillers.union([
        "add", "put", "it", "this", "that", "one", "them", "to", "into", "in", "my", "the", "a", "an", "i", "ill", "id",
        "want", "would", "like", "can", "you", "for", "me", "place", "now", "go", "ahead", "lets", "and", "how", "do",
        "first", "second", "third", "fourth", "last", "both", "take", "where",
    ])

    /// Words of a purchase that ask to order something already chosen ("add it to my cart"),
    /// not to find something to buy ("i want to buy").
    static let orderingWords: Set<String> = ["cart", "basket", "checkout", "it", "this", "that", "them", "order"]

    /// Whether the words only ask to order what was shown.
    static func asksToPurchase(_ tokens: [Token]) -> Bool {
        tokens.contains { purchaseWords.contains($0.text) }
            // A number said as a word is a place ("the second one"), not an amount.
            && tokens.allSatisfy { purchaseWords.contains($0.text) || purchaseFillers.contains($0.text) || ($0.number != nil && !$0.isTyped) }
    }

    /// Whether the words only ask about a seller's terms: a store-policy word, and besides
    /// fillers at most one other word (a place, a way to pay: "do you ship to canada?").
    static func asksStorePolicy(_ tokens: [Token]) -> Bool {
        guard tokens.contains(where: { storePolicyWords.contains($0.text) }), tokens.allSatisfy({ $0.number == nil }) else {
            return false
        }
        // "Does it track sleep?" asks what a watch tracks: tracking is a seller's only of an order.
        if tokens.allSatisfy({ !storePolicyWords.contains($0.text) || trackingWords.contains($0.text) }),
           !tokens.contains(where: { orderWords.contains($0.text) }) {
            return false
        }
        return tokens.count(where: { !storePolicyWords.contains($0.text) && !storePolicyFillers.contains($0.text) }) <= 1
    }

    /// Whole messages that drop the search, without the words of `helpFillers` and "lets", "can", "we".
    static let startOverPhrases: Set<[String]> = [
        ["start", "over"], ["start"], ["start", "again"], ["start", "from", "scratch"], ["start", "a", "new", "search"],
        ["new", "search"], ["reset"], ["restart"], ["begin", "again"], ["clear", "everything"], ["clear", "all"],
        ["forget", "everything"], ["forget", "all", "that"], ["forget", "it"], ["never", "mind"], ["nevermind"],
        ["something", "completely", "different"],
    ]
    /// Words a start-over message may have besides its own: "ok, let's start over".
    private static let startOverFillers: Set<String> = helpFillers.union(["lets", "let", "us", "can", "we", "i", "want", "to"])
    /// Phrases that drop the search inside a request too: "start over, I need sneakers".
    private static let startOverInRequest: [[String]] = [["start", "over"], ["start", "again"], ["new", "search"],
                                                         ["from", "scratch"]]

    /// Whether the words say to drop the search, alone or before a new request.
    static func startsOver(_ tokens: [Token]) -> Bool {
        tokens.indices.contains { start in
            startOverInRequest.contains { phrase in
                phrase[0] == tokens[start].text && tokens[start...].lazy.map(\.text).starts(with: phrase)
            }
        }
    }

    /// Every word of a start-over message, for the quick look of `EmbeddedInterpreter.mayBeSearchless`.
    static let startOverWords: Set<String> = Set(startOverPhrases.joined()).union(startOverFillers)

    /// Whole messages that ask what the assistant does, without the words of `helpFillers`.
    static let helpQuestions: Set<[String]> = [
        ["help"], ["help", "me"], ["i", "need", "help"], ["what", "can", "you", "do"], ["what", "do", "you", "do"],
        ["how", "does", "this", "work"], ["how", "does", "it", "work"], ["how", "do", "i", "use", "this"],
        ["how", "do", "i", "use", "you"], ["who", "are", "you"], ["what", "are", "you"], ["what", "can", "i", "ask"],
        ["what", "can", "i", "ask", "you"], ["what", "do", "you", "sell"], ["what", "do", "you", "have"],
        ["what", "can", "you", "help", "with"], ["what", "can", "you", "help", "me", "with"], ["how", "can", "you", "help"],
        ["how", "can", "you", "help", "me"], ["what", "can", "you", "find"], ["what", "is", "this"], ["whats", "this"],
    ]
    /// Words a help question may have besides its own: "so what exactly can you do?".
    static let helpFillers: Set<String> = ["so", "please", "exactly", "actually", "again", "here", "then", "hi", "hello", "hey", "ok", "okay", "and"]
    /// Every word of a help question, for the quick look of `EmbeddedInterpreter.mayBeSearchless`.
    static let helpWords: Set<String> = Set(helpQuestions.joined()).union(helpFillers)

    static let words: [Kind: Set<String>] = [
        .thanks: ["thanks", "thank", "thankyou", "thx", "thnx", "thanx", "ty", "tysm", "cheers", "appreciate",
                  "appreciated", "grateful"],
        .agreement: ["ok", "okay", "k", "kk", "great", "cool", "nice", "perfect", "awesome", "excellent",
                     "alright", "gotcha", "understood", "wonderful", "brilliant", "lovely", "amazing", "super",
                     "noted", "fine", "good"],
        .greeting: ["hi", "hello", "hey", "hiya", "howdy", "yo", "morning", "evening", "afternoon"],
        .goodbye: ["bye", "goodbye", "byebye", "cya", "later", "farewell", "goodnight", "night"],
    ]

    /// Each small-talk word's kind.
    static let kindOfWord: [String: Kind] = {
        var kinds: [String: Kind] = [:]
        for (kind, list) in words {
            for word in list { kinds[word] = kind }
        }
        return kinds
    }()

    /// Words that may come with small talk without making it a request.
    static let fillers: Set<String> = [
        "you", "u", "so", "much", "very", "really", "a", "lot", "lots", "for", "the", "your", "that", "thats",
        "it", "its", "is", "was", "this", "all", "now", "again", "i", "me", "we", "and", "oh", "ah", "well",
        "see", "day", "have", "then", "there", "just", "no", "got", "sounds", "looks", "help", "helping", "bunch",
        "million", "will", "do", "buddy", "mate", "man", "dude", "guys", "everyone", "too", "indeed", "anyway",
        "bot", "assistant", "im", "done", "enough",
    ]

    /// The kinds of small talk in `text`, most telling first; `nil` when it is not small talk.
    static func kinds(of text: String) -> [Kind]? {
        kinds(of: Tokenizer.tokenize(text))
    }

    static func kinds(of tokens: [Token]) -> [Kind]? {
        guard !tokens.isEmpty else { return nil }
        // Whole phrases, looked up only when every word may be one of theirs (few messages are).
        if tokens.allSatisfy({ helpWords.contains($0.text) }),
           helpQuestions.contains(tokens.map(\.text).filter { !helpFillers.contains($0) }) { return [.help] }
        if tokens.allSatisfy({ startOverWords.contains($0.text) }),
           startOverPhrases.contains(tokens.map(\.text).filter { !startOverFillers.contains($0) }) { return [.startOver] }
        if asksStorePolicy(tokens) { return [.storePolicy] }
        if asksToPurchase(tokens) { return [.purchase] }
        var found: Set<Kind> = []
        for token in tokens {
            guard token.number == nil else { return nil }
            if let kind = kindOfWord[token.text] {
                found.insert(kind)
            } else if !fillers.contains(token.text) {
                return nil
            }
        }
        let order: [Kind] = [.goodbye, .thanks, .greeting, .agreement]
        let ordered = order.filter(found.contains)
        return ordered.isEmpty ? nil : ordered
    }
}

extension EmbeddedInterpreter {
    /// The spec after a turn that searches nothing (small talk, a question about a product
    /// shown): the session's, unchanged, or a new empty one that waits for its category after
    /// "start over"; `nil` for a turn that may search.
    public func specAfterSearchlessTurn(_ turn: TurnContext) -> RequirementSpec? {
        specAfterSearchlessTurn(turn, tokens: Tokenizer.tokenize(turn.utterance))
    }

    func specAfterSearchlessTurn(_ turn: TurnContext, tokens: [Token]) -> RequirementSpec? {
        guard turn.currentSpec != nil else {
            // Without a spec there is nothing to keep or drop, and the turn's words are read as a
            // request, but a seller's terms are no search words: "what's your return policy?"
            // first made "return policy" the keywords of the TVs asked for next. (Other small
            // talk's words are stop words.) Nor is "add it to my cart".
            let asksTerms = !turn.attachments.contains(.image)
                && (SmallTalk.asksStorePolicy(tokens) || SmallTalk.kinds(of: tokens) == [.purchase] && isSmallTalk(turn, tokens: tokens))
            return asksTerms ? RequirementSpec(missingFields: ["category"]) : nil
        }
        // The quick look first, as `searchlessDecision(_:)` has it: nearly every request is done there.
        guard Self.mayBeSearchless(turn.utterance), let decision = searchlessDecision(turn, tokens: tokens) else { return nil }
        if decision == .smallTalk, SmallTalk.kinds(of: tokens) == [.startOver] { return RequirementSpec(missingFields: ["category"]) }
        return turn.currentSpec
    }

    /// Whether the turn only makes small talk (see `SmallTalk`).
    public func isSmallTalk(_ turn: TurnContext) -> Bool {
        isSmallTalk(turn, tokens: Tokenizer.tokenize(turn.utterance))
    }

    func isSmallTalk(_ turn: TurnContext, tokens: [Token]) -> Bool {
        guard !turn.attachments.contains(.image), let kinds = SmallTalk.kinds(of: tokens) else { return false }
        let mayStillAsk = turn.currentSpec?.category == nil && turn.clarificationCount < turn.maxClarifications
        // "I want to buy" before anything was shown asks for something to buy; "add it to my
        // cart" still asks to order.
        return !(kinds == [.greeting] && mayStillAsk)
            && !(kinds == [.purchase] && turn.lastShown.isEmpty && !tokens.contains { SmallTalk.orderingWords.contains($0.text) })
    }

    /// The answer to small talk: a word back, then what the shopper can do next.
    public func smallTalkReply(for turn: TurnContext) -> String {
        let kind = SmallTalk.kinds(of: turn.utterance)?.first ?? .agreement
        let searched = turn.currentSpec.flatMap { $0.category == nil && $0.query == nil ? nil : $0 }
        let next: String = if let searched, !turn.lastShown.isEmpty {
            "Ask for more \(Self.describe(searched)), or tell me what else you'd like to find."
        } else if let searched {
            // Asked for, not shown yet (a question is waiting): say what would help.
            "Tell me what matters for the \(Self.describe(searched)) you want, a budget or a brand, and I'll search for them."
        } else {
            "Tell me what you're looking for, and I'll search the marketplaces for it."
        }
        switch kind {
        case .startOver:
            let kinds = vocabulary.exampleCategories(3).map { $0.lowercased() }
            return "Sure, let's start over. What are you looking for?"
                + (kinds.isEmpty ? "" : " For example \(kinds.joined(separator: ", ")) or anything else.")
        case .goodbye:
            return searched == nil ? "Goodbye, and happy shopping!"
                : "Goodbye, and happy shopping! This conversation keeps your search if you come back to it."
        case .thanks: return "You're welcome! " + next
        case .greeting: return "Hello again! " + next
        case .agreement: return "Got it. " + next
        case .storePolicy:
            return "I don't sell the products myself: I search the marketplaces, and each product's seller sets its "
                + "returns, shipping, warranty and payment. Open a product's link to read them on its page. " + next
        case .purchase:
            return "I can't place orders: I don't sell the products myself. "
                + (turn.lastShown.isEmpty ? "" : "Open a product's link to buy it from its seller. ") + next
        case .help:
            let kinds = vocabulary.exampleCategories(3).map { $0.lowercased() }
            return "I search the marketplaces for products and explain why each one fits. Tell me what you want, "
                + "for example \"running shoes under $100\" or \"a Samsung TV, 55 inch\", and I'll ask a short question "
                + "only when I must. You can send a photo of something you like or a voice note, ask about a product "
                + "shown (\"tell me more about the second one\", \"is it waterproof?\"), compare them (\"compare the "
                + "first two\"), or say \"cheaper\", \"in black\" or \"show me more\"."
                + (kinds.isEmpty ? "" : " The catalog has \(kinds.joined(separator: ", ")) and more.")
        }
    }
}
