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

    // This turn.
    public var turnText = ""
    public var media: [MediaReference] = []
    public var transcript: TranscriptData?
    public var image: ImageAttributesData?
    public var mediaDecision: MediaDecision?
    public var clarify: ClarifyDecision?
    public var results: SearchResults?

    /// Every stored field, one channel each (a field missing here would not survive a crash).
    public static let channels: [StateChannel<ConversationState>] = [
        StateChannel("spec", \.spec), StateChannel("clarification_count", \.clarificationCount),
        StateChannel("history", \.history, encode: JSONWriter.encode(messages:)),
        StateChannel("last_shown", \.lastShown),
        StateChannel("turn_text", \.turnText), StateChannel("media", \.media),
        StateChannel("transcript", \.transcript), StateChannel("image", \.image),
        StateChannel("media_decision", \.mediaDecision), StateChannel("clarify", \.clarify),
        StateChannel("results", \.results, encode: JSONWriter.encode(results:)),
    ]

    /// Messages kept for the engines; older ones are dropped.
    static let historyLimit = 20

    public init() {}

    /// Starts a new turn on the state the session had.
    mutating func begin(_ turn: TurnRecord) {
        turnText = turn.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        media = turn.media
        transcript = nil
        image = nil
        mediaDecision = nil
        clarify = nil
        results = nil
    }

    mutating func remember(_ role: ConversationMessage.Role, _ text: String) {
        guard !text.isEmpty else { return }
        history.append(ConversationMessage(role: role, text: text))
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
    }

    /// What the understanding engine reads for this turn.
    func engineContext(maxClarifications: Int) -> TurnContext {
        TurnContext(text: turnText, attachments: media.map(\.type), transcript: transcript, image: image,
                    history: history, currentSpec: spec, clarificationCount: clarificationCount,
                    maxClarifications: maxClarifications, lastShown: lastShown.map(\.productResult))
    }

    /// The session fields the worker stores with the turn's `done` (docs/architecture.md).
    var sessionFields: [String: String] {
        var fields = ["clarification_count": String(clarificationCount)]
        if let spec, let json = try? JSONCoding.encode(spec) { fields["spec"] = String(decoding: json, as: UTF8.self) }
        let summaries = lastShown.map {
            SessionState.ResultSummary(id: $0.id, title: $0.title, price: $0.price, currency: $0.currency)
        }
        if let json = try? JSONCoding.encode(summaries) { fields["last_results"] = String(decoding: json, as: UTF8.self) }
        return fields
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

    public init(_ product: ProductResult) {
        (id, title, brand, category) = (product.id, product.title, product.brand, product.category)
        (price, currency, marketplace) = (product.price, product.currency, product.marketplace)
    }

    var productResult: ProductResult {
        ProductResult(id: id, title: title, brand: brand, category: category, price: price, currency: currency,
                      marketplace: marketplace)
    }
}

/// A protocol event a node emits, with the name that makes it once-per-turn.
public struct ConversationEvent: Sendable {
    public var data: EventData
    public var once: String?
}

/// Hand-written JSON for the two channels that are large and written on every turn (history and
/// results): `JSONEncoder` made their checkpoints the worker's largest cost.
extension JSONWriter {
    static func encode(messages: [ConversationMessage]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 * messages.count + 2)
        writer.array(messages) { writer, message in
            writer.raw("{\"role\":")
            writer.string(message.role.rawValue)
            writer.raw(",\"text\":")
            writer.string(message.text)
            writer.raw("}")
        }
        return writer.bytes
    }

    static func encode(results: SearchResults?) -> [UInt8] {
        var writer = JSONWriter(capacity: 4_096)
        if let results { writer.searchResults(results) } else { writer.raw("null") }
        return writer.bytes
    }
}
