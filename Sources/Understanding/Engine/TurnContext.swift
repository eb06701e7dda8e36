import Shared

/// One message of the conversation so far, oldest first.
public struct ConversationMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable { case user, assistant }

    public var role: Role
    public var text: String

    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }

    /// How many of the latest messages an engine reads: a state need keep no more.
    public static let readLimit = 12
    /// How many characters of a message an engine reads.
    public static let textReadLimit = 500
}

/// Everything an agent node knows about the turn it is running: the input the engines read.
public struct TurnContext: Sendable, Hashable {
    /// What the shopper typed this turn (may be empty when they only sent media).
    public var text: String
    /// The kinds of media attached to this turn's message.
    public var attachments: [MediaType]
    /// The transcript of this turn's audio, once `media_ops` ran.
    public var transcript: TranscriptData?
    /// Colours and labels of this turn's image, once `media_ops` ran.
    public var image: ImageAttributesData?
    /// The session's messages, oldest first. The orchestrator remembers this turn's text (and
    /// transcript) before the engine reads them, so they may end it; a context built elsewhere
    /// may leave them out. `earlierUserMessage` skips them either way.
    public var history: [ConversationMessage]
    /// The session's spec: as it was before this turn in `decideMedia` and `buildSpec`, and as
    /// `buildSpec` made it in the calls after (`decideClarification`, the replies); `nil` at the
    /// start of a search.
    public var currentSpec: RequirementSpec?
    /// Clarifying questions already asked in this search, and the most allowed.
    public var clarificationCount: Int
    public var maxClarifications: Int
    /// The products the previous turn showed, best first (for "cheaper", "what about Dell").
    public var lastShown: [ProductResult]
    /// How many products of this search earlier turns showed: more than 0 when the results
    /// replied to are a further page ("show me more"), which leaves those out.
    public var shownBefore: Int
    /// When this turn's search found nothing within the budget: the product the same search finds
    /// nearest to it (the cheapest over `budget.max`, or else the dearest under `budget.min`), so
    /// the reply can say what the budget would have to be. `nil` otherwise, or when there is none.
    public var nearestOutsideBudget: ProductResult?
    /// The keywords this turn added to the search it refines, or all of them at the first search
    /// after "which kind of product?" (the orchestrator's `RequirementSpec.wordsAdded`): the reply
    /// says those none of the results mentions.
    public var wordsAdded: [String]

    public init(
        text: String, attachments: [MediaType] = [], transcript: TranscriptData? = nil,
        image: ImageAttributesData? = nil, history: [ConversationMessage] = [],
        currentSpec: RequirementSpec? = nil, clarificationCount: Int = 0, maxClarifications: Int = 2,
        lastShown: [ProductResult] = [], shownBefore: Int = 0, nearestOutsideBudget: ProductResult? = nil,
        wordsAdded: [String] = []
    ) {
        self.text = text
        self.attachments = attachments
        self.transcript = transcript
        self.image = image
        self.history = history
        self.currentSpec = currentSpec
        self.clarificationCount = clarificationCount
        self.maxClarifications = maxClarifications
        self.lastShown = lastShown
        self.shownBefore = shownBefore
        self.nearestOutsideBudget = nearestOutsideBudget
        self.wordsAdded = wordsAdded
    }

    /// The shopper's last message before this turn's, whether or not `history` ends with this
    /// turn's own.
    public var earlierUserMessage: String? {
        var ownSkipped = false
        for message in history.reversed() {
            if message.role != .user { ownSkipped = true; continue }
            // Its own, as remembered: cut to `ConversationMessage.textReadLimit`.
            if !ownSkipped, text.hasPrefix(message.text) || transcript.map({ $0.text.hasPrefix(message.text) }) == true { continue }
            return message.text
        }
        return nil
    }

    /// The words of the turn: the typed text and the transcript, in that order.
    public var utterance: String {
        let spoken = transcript?.text ?? ""
        if text.isEmpty { return spoken }
        if spoken.isEmpty { return text }
        return text + " " + spoken
    }
}

/// What `need_media_ops` decides.
public enum MediaDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Transcribe the audio.
    case transcribe
    /// Describe the image (colours, labels).
    case vision
    /// Both.
    case both
    /// Nothing to do.
    case skip

    public var needsTranscription: Bool { self == .transcribe || self == .both }
    public var needsVision: Bool { self == .vision || self == .both }
}

/// What `need_clarify` decides: ask a question, search, or answer without searching (small
/// talk, or a question about a product shown).
public struct ClarifyDecision: Sendable, Hashable, Codable {
    public var shouldAsk: Bool
    /// `category`, `budget`: what the question is about, most important first.
    public var missingFields: [String]
    /// The message asks for nothing to search: it only thanks, agrees, greets or says goodbye
    /// ("thanks!", "ok great", "bye"). The turn answers with `smallTalkReply` and searches nothing,
    /// so the search and its pages stay as they were.
    public var isSmallTalk: Bool
    /// The id of the shown product the message asks about ("tell me more about the second one"):
    /// the turn fetches it and answers with `productDetailsReply`, and the search stays as it was.
    public var detailsOf: String?
    /// The ids of the shown products the message compares ("what's the difference between the
    /// first two?"), two or more: the turn fetches them and answers with
    /// `productComparisonReply`, and the search stays as it was. Empty for any other message.
    public var compared: [String]

    public init(shouldAsk: Bool, missingFields: [String], isSmallTalk: Bool = false, detailsOf: String? = nil,
                compared: [String] = []) {
        self.shouldAsk = shouldAsk
        self.missingFields = missingFields
        self.isSmallTalk = isSmallTalk
        self.detailsOf = detailsOf
        self.compared = compared
    }

    /// The decision for a message that only makes small talk.
    public static let smallTalk = ClarifyDecision(shouldAsk: false, missingFields: [], isSmallTalk: true)

    /// The decision for a question about the shown product `id`.
    public static func details(of id: String) -> ClarifyDecision {
        ClarifyDecision(shouldAsk: false, missingFields: [], detailsOf: id)
    }

    /// The decision for a comparison of the shown products `ids`.
    public static func comparison(of ids: [String]) -> ClarifyDecision {
        ClarifyDecision(shouldAsk: false, missingFields: [], compared: ids)
    }

    enum CodingKeys: String, CodingKey {
        case shouldAsk = "should_ask"
        case missingFields = "missing_fields"
        case isSmallTalk = "small_talk"
        case detailsOf = "details_of"
        case compared
    }

    /// `small_talk`, `details_of` and `compared` may be absent: a model's answer (its schema does
    /// not ask for them) and checkpoints written before they existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shouldAsk = try container.decode(Bool.self, forKey: .shouldAsk)
        missingFields = try container.decode([String].self, forKey: .missingFields)
        isSmallTalk = try container.decodeIfPresent(Bool.self, forKey: .isSmallTalk) ?? false
        detailsOf = try container.decodeIfPresent(String.self, forKey: .detailsOf)
        compared = try container.decodeIfPresent([String].self, forKey: .compared) ?? []
    }
}
