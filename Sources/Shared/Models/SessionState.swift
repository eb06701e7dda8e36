/// A session as `GET /api/v1/sessions/{id}` returns it (protocol.md §2).
public struct SessionState: Sendable, Hashable, Codable {
    /// A product of the last results, in short.
    public struct ResultSummary: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var price: Double
        public var currency: String

        public init(id: String, title: String, price: Double, currency: String) {
            self.id = id
            self.title = title
            self.price = price
            self.currency = currency
        }
    }

    public var sessionID: String
    public var userID: String
    public var stage: WorkflowStage
    public var spec: RequirementSpec
    public var clarificationCount: Int
    /// Turns finished in this session.
    public var turns: Int
    public var lastResults: [ResultSummary]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var expiresAt: Timestamp

    public init(
        sessionID: String, userID: String, stage: WorkflowStage = .received, spec: RequirementSpec = .init(),
        clarificationCount: Int = 0, turns: Int = 0, lastResults: [ResultSummary] = [],
        createdAt: Timestamp, updatedAt: Timestamp, expiresAt: Timestamp
    ) {
        self.sessionID = sessionID
        self.userID = userID
        self.stage = stage
        self.spec = spec
        self.clarificationCount = clarificationCount
        self.turns = turns
        self.lastResults = lastResults
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case userID = "user_id"
        case stage, spec
        case clarificationCount = "clarification_count"
        case turns
        case lastResults = "last_results"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case expiresAt = "expires_at"
    }
}
