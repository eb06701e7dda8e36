/// A request to a chat model: a system prompt and the conversation, oldest message first.
public struct ChatRequest: Sendable, Hashable {
    public var system: String?
    public var messages: [ConversationMessage]
    /// Whether the answer must be one JSON object (sent as the model API's JSON mode when it has one).
    public var expectsJSON: Bool
    public var maxTokens: Int
    public var temperature: Double

    public init(system: String? = nil, messages: [ConversationMessage], expectsJSON: Bool = false,
                maxTokens: Int = 600, temperature: Double = 0) {
        self.system = system
        self.messages = messages
        self.expectsJSON = expectsJSON
        self.maxTokens = maxTokens
        self.temperature = temperature
    }
}

/// Why a model call failed.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer (or no next token) within the configured time.
    case timeout(model: String)
    /// The model API refused or failed (after retries for throttling and 5xx).
    case status(model: String, code: Int, message: String)
    /// The connection failed or broke.
    case transport(model: String, reason: String)
    /// The answer was not in the API's format (bad JSON, bad frame, truncated stream).
    case malformed(model: String, reason: String)
    /// No credentials could be found for the model API.
    case credentials(reason: String)

    public var description: String {
        switch self {
        case .timeout(let model): "\(model): timed out"
        case .status(let model, let code, let message): "\(model): HTTP \(code) \(message.prefix(200))"
        case .transport(let model, let reason): "\(model): \(reason)"
        case .malformed(let model, let reason): "\(model): malformed answer (\(reason))"
        case .credentials(let reason): "credentials: \(reason)"
        }
    }
}

/// A remote chat model: one whole answer, or the answer streamed as text deltas.
public protocol ChatModel: Sendable {
    /// For logs: `openai:gpt-4o-mini`, `bedrock:anthropic.claude-3-haiku`.
    var name: String { get }
    func complete(_ request: ChatRequest) async throws -> String
    func stream(_ request: ChatRequest) -> TokenStream
}

/// Runs `operation`, throwing `ModelError.timeout` when it takes longer than `timeout`.
func withModelTimeout<T: Sendable>(
    _ timeout: Duration, model: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw ModelError.timeout(model: model)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw ModelError.timeout(model: model) }
        return first
    }
}
