/// The `data` of each server event type (protocol.md §1.2).

public struct ConnectedData: Sendable, Hashable, Codable {
    public struct Server: Sendable, Hashable, Codable {
        public var version: String
        public var instance: String

        public init(version: String, instance: String) {
            self.version = version
            self.instance = instance
        }
    }

    public var sessionID: String
    public var userID: String
    public var resumed: Bool
    public var stage: WorkflowStage
    public var heartbeatIntervalSeconds: Int
    public var server: Server
    /// Only when the client sent `last_event_id`: whether every later event is replayed next.
    public var recovered: Bool?

    public init(sessionID: String, userID: String, resumed: Bool, stage: WorkflowStage,
                heartbeatIntervalSeconds: Int, server: Server, recovered: Bool? = nil) {
        self.sessionID = sessionID
        self.userID = userID
        self.resumed = resumed
        self.stage = stage
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.server = server
        self.recovered = recovered
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case userID = "user_id"
        case resumed, stage
        case heartbeatIntervalSeconds = "heartbeat_interval_s"
        case server, recovered
    }
}

public struct AckData: Sendable, Hashable, Codable {
    /// Echoed from the client; `null` when it sent none.
    public var clientMessageID: String?
    public var turnID: String
    /// Turns of this session still ahead of this one.
    public var queuedBehind: Int

    public init(clientMessageID: String?, turnID: String, queuedBehind: Int) {
        self.clientMessageID = clientMessageID
        self.turnID = turnID
        self.queuedBehind = queuedBehind
    }

    enum CodingKeys: String, CodingKey {
        case clientMessageID = "client_message_id"
        case turnID = "turn_id"
        case queuedBehind = "queued_behind"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clientMessageID = try c.decodeIfPresent(String.self, forKey: .clientMessageID)
        turnID = try c.decode(String.self, forKey: .turnID)
        queuedBehind = try c.decode(Int.self, forKey: .queuedBehind)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clientMessageID, forKey: .clientMessageID)
        try c.encode(turnID, forKey: .turnID)
        try c.encode(queuedBehind, forKey: .queuedBehind)
    }
}

public struct ProgressData: Sendable, Hashable, Codable {
    public var stage: WorkflowStage
    public var node: String
    public var message: String

    public init(stage: WorkflowStage, node: String, message: String) {
        self.stage = stage
        self.node = node
        self.message = message
    }
}

public struct TokenData: Sendable, Hashable, Codable {
    public var text: String
    public var node: String

    public init(text: String, node: String) {
        self.text = text
        self.node = node
    }
}

public struct TranscriptData: Sendable, Hashable, Codable {
    public var text: String
    /// 0–1, from the recogniser.
    public var confidence: Double
    public var durationMilliseconds: Int
    public var engine: String

    public init(text: String, confidence: Double, durationMilliseconds: Int, engine: String) {
        self.text = text
        self.confidence = confidence
        self.durationMilliseconds = durationMilliseconds
        self.engine = engine
    }

    enum CodingKeys: String, CodingKey {
        case text, confidence
        case durationMilliseconds = "duration_ms"
        case engine
    }
}

public struct NamedColor: Sendable, Hashable, Codable {
    /// A word a shopper uses: "navy", "burgundy", "grey".
    public var name: String
    /// `#rrggbb`.
    public var hex: String
    /// Share of the product's pixels, 0–1.
    public var fraction: Double

    public init(name: String, hex: String, fraction: Double) {
        self.name = name
        self.hex = hex
        self.fraction = fraction
    }
}

public struct ImageAttributesData: Sendable, Hashable, Codable {
    public var colors: [NamedColor]
    public var attributes: [String: String]
    public var labels: [String]
    public var engine: String

    public init(colors: [NamedColor], attributes: [String: String], labels: [String], engine: String) {
        self.colors = colors
        self.attributes = attributes
        self.labels = labels
        self.engine = engine
    }
}

public struct RequirementsData: Sendable, Hashable, Codable {
    public var spec: RequirementSpec

    public init(spec: RequirementSpec) {
        self.spec = spec
    }
}

public struct ClarificationData: Sendable, Hashable, Codable {
    public var question: String
    public var missingFields: [String]
    public var clarificationCount: Int
    public var maxClarifications: Int

    public init(question: String, missingFields: [String], clarificationCount: Int, maxClarifications: Int) {
        self.question = question
        self.missingFields = missingFields
        self.clarificationCount = clarificationCount
        self.maxClarifications = maxClarifications
    }

    enum CodingKeys: String, CodingKey {
        case question
        case missingFields = "missing_fields"
        case clarificationCount = "clarification_count"
        case maxClarifications = "max_clarifications"
    }
}

public struct ResultsData: Sendable, Hashable, Codable {
    public var products: [ProductResult]
    public var totalFound: Int
    /// The full composed reply (the same text the `token` events streamed).
    public var summary: String
    public var sources: [SourceStatus]

    public init(products: [ProductResult], totalFound: Int, summary: String, sources: [SourceStatus]) {
        self.products = products
        self.totalFound = totalFound
        self.summary = summary
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey {
        case products
        case totalFound = "total_found"
        case summary, sources
    }
}

public struct DoneData: Sendable, Hashable, Codable {
    /// `completed`, `awaiting_answer`, `failed` or `cancelled`.
    public var stage: WorkflowStage
    public var durationMilliseconds: Int

    public init(stage: WorkflowStage, durationMilliseconds: Int) {
        self.stage = stage
        self.durationMilliseconds = durationMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case stage
        case durationMilliseconds = "duration_ms"
    }
}

public struct ErrorData: Sendable, Hashable, Codable {
    public var code: ErrorCode
    public var message: String
    public var retryable: Bool

    public init(code: ErrorCode, message: String, retryable: Bool? = nil) {
        self.code = code
        self.message = message
        self.retryable = retryable ?? code.isRetryable
    }

    public init(_ error: AppError) {
        self.init(code: error.code, message: error.message)
    }
}

public struct NoticeData: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Codable { case info, warning }

    public var message: String
    public var level: Level

    public init(message: String, level: Level) {
        self.message = message
        self.level = level
    }
}
