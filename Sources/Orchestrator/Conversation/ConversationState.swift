import GraphRuntime
import Shared
import Understanding

/// The conversation graph's state: what lasts across the turns of a session (the spec, the
/// clarifications asked, the history, the products last shown) and what one turn works on.
/// It is the checkpoint: saved after every node, channel by channel (only the fields a node
/// changed are written), restored by whichever worker runs next.
public struct ConversationState: ChanneledState, Equatable {
    // Across turns.
    public var spec: RequirementSpec?
    public var clarificationCount = 0
    public var history: [ConversationMessage] = []
    public var lastShown: [ShownProduct] = []
    /// The ids of the products the current search showed before `lastShown` (its earlier pages),
    /// `[]` when `lastShown` is its first page, and `nil` when the next search starts from the top:
    /// no search yet, or the spec changed since, or a question was asked, or the last search showed
    /// nothing (more).
    /// A turn that leaves the spec as it was ("show me more") shows the next page.
    public var earlierShown: [String]?

    // This turn.
    public var turnText = ""
    public var media: [MediaReference] = []
    public var transcript: TranscriptData?
    public var image: ImageAttributesData?
    public var mediaDecision: MediaDecision?
    public var clarify: ClarifyDecision?
    public var results: SearchResults?
    /// The shown product the shopper asked about (`ClarifyDecision.detailsOf`), as the catalog
    /// describes it now.
    public var askedProduct: ProductResult?
    /// The shown products the shopper compares (`ClarifyDecision.compared`), as the catalog
    /// describes them now.
    public var comparedProducts: [ProductResult] = []
    /// When the search found nothing within the budget, the product nearest to it
    /// (`TurnContext.nearestOutsideBudget`).
    public var nearestOutsideBudget: ProductResult?
    /// When this turn only moved the budget ("cheaper", "under $20"), the search as it was before
    /// it and its earlier pages: a budget that finds nothing leaves the search as it was, so "show
    /// me more" pages on through it (before, it searched the empty budget again).
    public var searchBeforeBudget: RequirementSpec?
    public var earlierShownBeforeBudget: [String]?
    /// The words this turn added to the search it refines (`RequirementSpec.wordsAdded`): the
    /// reply says those none of the results mentions. Kept, not the spec before the turn, as most
    /// turns add none and so write nothing.
    public var wordsAdded: [String] = []

    /// Every stored field, one channel each (a field missing here would not survive a crash).
    /// All are written by `JSONWriter` and read by `JSONReader`: every turn loads the whole state
    /// and saves what changed, and `JSONEncoder`/`JSONDecoder` made that a third of a worker's CPU.
    public static let channels: [StateChannel<ConversationState>] = [
        .json("spec", { $0.spec }, { $0.spec = $1 }),
        .json("clarification_count", { $0.clarificationCount }, { $0.clarificationCount = $1 }),
        .json("history", { $0.history }, { $0.history = $1 }),
        .json("last_shown", { $0.lastShown }, { $0.lastShown = $1 }),
        .json("earlier_shown", { $0.earlierShown }, { $0.earlierShown = $1 }),
        .json("turn_text", { $0.turnText }, { $0.turnText = $1 }),
        .json("media", { $0.media }, { $0.media = $1 }),
        .json("transcript", { $0.transcript }, { $0.transcript = $1 }),
        .json("image", { $0.image }, { $0.image = $1 }),
        .json("media_decision", { $0.mediaDecision }, { $0.mediaDecision = $1 }),
        .json("clarify", { $0.clarify }, { $0.clarify = $1 }),
        .json("results", { $0.results }, { $0.results = $1 }),
        .json("asked_product", { $0.askedProduct }, { $0.askedProduct = $1 }),
        .json("compared_products", { $0.comparedProducts }, { $0.comparedProducts = $1 }),
        .json("nearest_outside_budget", { $0.nearestOutsideBudget }, { $0.nearestOutsideBudget = $1 }),
        .json("search_before_budget", { $0.searchBeforeBudget }, { $0.searchBeforeBudget = $1 }),
        .json("earlier_shown_before_budget", { $0.earlierShownBeforeBudget }, { $0.earlierShownBeforeBudget = $1 }),
        .json("words_added", { $0.wordsAdded }, { $0.wordsAdded = $1 }),
    ]

    public init() {}

    /// Starts a new turn on the state the session had.
    mutating func begin(_ turn: TurnRecord) {
        turnText = Self.collapsingWhitespace(turn.text)
        media = turn.media
        transcript = nil
        image = nil
        mediaDecision = nil
        clarify = nil
        results = nil
        askedProduct = nil
        comparedProducts = []
        nearestOutsideBudget = nil
        searchBeforeBudget = nil
        earlierShownBeforeBudget = nil
        wordsAdded = []
    }

    /// `text` with its words separated by single spaces, none leading or trailing.
    static func collapsingWhitespace(_ text: String) -> String {
        // Most messages are printable ASCII with single spaces already: those are kept as they are,
        // without splitting them into Characters (which was 1 % of a worker's CPU).
        var afterSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20
            guard byte > 0x20 && byte < 0x7F || isSpace && !afterSpace else {
                return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            afterSpace = isSpace
        }
        return afterSpace && !text.isEmpty ? text.split(whereSeparator: \.isWhitespace).joined(separator: " ") : text
    }

    /// Adds a message to the history, keeping what the engines read of it and no more: the
    /// history is decoded with every turn and encoded at every turn's checkpoints.
    public mutating func remember(_ role: ConversationMessage.Role, _ text: String) {
        guard !text.isEmpty else { return }
        let limit = ConversationMessage.textReadLimit
        // A text of at most `limit` UTF-8 bytes has at most `limit` characters: no need to count them.
        history.append(ConversationMessage(role: role, text: text.utf8.count <= limit ? text : String(text.prefix(limit))))
        if history.count > ConversationMessage.readLimit { history.removeFirst(history.count - ConversationMessage.readLimit) }
    }

    /// The shown product `id` as it was shown: what a question about it falls back on when the
    /// catalog no longer has it (or never had: a marketplace's).
    func shownProduct(_ id: String) -> ProductResult? {
        lastShown.first { $0.id == id }?.productResult
    }

    /// What the understanding engine reads for this turn.
    func engineContext(maxClarifications: Int) -> TurnContext {
        TurnContext(text: turnText, attachments: media.map(\.type), transcript: transcript, image: image,
                    history: history, currentSpec: spec, clarificationCount: clarificationCount,
                    maxClarifications: maxClarifications, lastShown: lastShown.map(\.productResult),
                    shownBefore: earlierShown?.count ?? 0, nearestOutsideBudget: nearestOutsideBudget, wordsAdded: wordsAdded)
    }

    /// What the next search excludes: every product this search showed, when the spec is the one
    /// it searched for (`earlierShown` is not `nil`) and it showed any; else nothing, and the search
    /// starts from the top. Also from the top once the list would pass the catalog's limit.
    var nextPageExclusions: [String] {
        guard let earlierShown, !lastShown.isEmpty,
              earlierShown.count + lastShown.count <= SearchResults.maximumExcludedIDs else { return [] }
        return earlierShown + lastShown.map(\.id)
    }

    /// The session fields the worker stores with the turn's `done` (docs/architecture.md).
    var sessionFields: [String: String] {
        var fields = ["clarification_count": String(clarificationCount)]
        if let spec { fields["spec"] = String(decoding: JSONWriter.encode(spec), as: UTF8.self) }
        let summaries = lastShown.map {
            SessionState.ResultSummary(id: $0.id, title: $0.title, price: $0.price, currency: $0.currency)
        }
        fields["last_results"] = String(decoding: JSONWriter.encode(summaries), as: UTF8.self)
        return fields
    }
}

extension RequirementSpec {
    /// Whether a search for `other` looks for the same products: every field but the engine's
    /// `confidence` and `missing_fields` is equal.
    func searchesForSameProducts(as other: RequirementSpec) -> Bool {
        var (this, that) = (self, other)
        (this.confidence, this.missingFields) = (0, [])
        (that.confidence, that.missingFields) = (0, [])
        return this == that
    }

    /// Whether `other` asks for the same products at another budget ("cheaper", "under $20").
    func differsOnlyInBudget(from other: RequirementSpec) -> Bool {
        guard budget != other.budget else { return false }
        var moved = other
        moved.budget = budget
        return searchesForSameProducts(as: moved)
    }

    /// The search for the products nearest to a budget nothing was found within: without its
    /// maximum, cheapest first (so the first is the cheapest over it); or, with only a minimum,
    /// without that, dearest first. Every other constraint stays. `nil` for an open budget.
    var withoutNearestBudgetBound: RequirementSpec? {
        var nearer = self
        if budget.max != nil {
            (nearer.budget.max, nearer.sort) = (nil, .priceAscending)
        } else if budget.min != nil {
            (nearer.budget.min, nearer.sort) = (nil, .priceDescending)
        } else {
            return nil
        }
        return nearer
    }
}

/// What the state keeps of a product it showed: enough for the engines' follow-ups ("cheaper",
/// "the Dell one") and the session summary. Not the whole result: the state is encoded at every
/// checkpoint, and whole results (attributes, reasons, links) made that the worker's main cost.
/// Its keys are `ProductResult`'s, so either decodes from the other's JSON.
public struct ShownProduct: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var brand: String?
    public var category: String
    public var price: Double
    public var currency: String
    public var marketplace: String
    /// For "which one is best rated?" and "… has the most reviews?".
    public var rating: Double?
    public var reviewCount: Int?
    /// Its attributes of `AttributeName.steppedAmounts`, for "one with a longer battery" (than
    /// these); stored under `attributes`, as a `ProductResult`'s.
    public var amounts: [String: String]

    public init(_ product: ProductResult) {
        (id, title, brand, category) = (product.id, product.title, product.brand, product.category)
        (price, currency, marketplace) = (product.price, product.currency, product.marketplace)
        (rating, reviewCount) = (product.rating, product.reviewCount)
        amounts = product.attributes.filter { AttributeName.steppedAmounts.contains(AttributeName.key($0.key)) }
    }

    /// Read as a `ProductResult` (whose `attributes` may be missing), as `init(json:)` reads it.
    public init(from decoder: any Decoder) throws {
        self.init(try ProductResult(from: decoder))
    }

    var productResult: ProductResult {
        ProductResult(id: id, title: title, brand: brand, category: category, price: price, currency: currency,
                      rating: rating, reviewCount: reviewCount, marketplace: marketplace, attributes: amounts)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, brand, category, price, currency, marketplace, rating
        case reviewCount = "review_count"
        case amounts = "attributes"
    }
}

/// A protocol event a node emits, with the name that makes it once-per-turn.
public struct ConversationEvent: Sendable {
    public var data: EventData
    public var once: String?
}

extension StateChannel {
    /// A channel written by `JSONWriter` and read by `JSONReader`, its field read by `get` and
    /// written by `set` (closures, not a key path: see `StateChannel.init(_:get:set:encode:decode:)`).
    static func json<Value: JSONReadable & JSONWritable & Equatable & Sendable>(
        _ name: String, _ get: @escaping @Sendable (State) -> Value, _ set: @escaping @Sendable (inout State, Value) -> Void
    ) -> StateChannel {
        StateChannel(name, get: get, set: set, encode: { JSONWriter.encode($0) },
                     decode: { try JSONReader.decode(Value.self, from: $0) })
    }
}

extension ShownProduct: JSONReadable, JSONWritable {
    /// Its keys are `ProductResult`'s: read as one, keeping what a shown product keeps.
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self.init(try ProductResult(json: &reader))
    }

    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"id\":")
        writer.string(id)
        writer.raw(",\"title\":")
        writer.string(title)
        writer.raw(",\"brand\":")
        writer.string(brand)
        writer.raw(",\"category\":")
        writer.string(category)
        writer.raw(",\"price\":")
        writer.number(price)
        writer.raw(",\"currency\":")
        writer.string(currency)
        writer.raw(",\"marketplace\":")
        writer.string(marketplace)
        writer.raw(",\"rating\":")
        writer.number(rating)
        writer.raw(",\"review_count\":")
        writer.number(reviewCount)
        if !amounts.isEmpty {
            writer.raw(",\"attributes\":")
            writer.object(amounts)
        }
        writer.raw("}")
    }
}
