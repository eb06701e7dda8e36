import AsyncHTTPClient
import Foundation
import Logging
import Shared

/// Which engine the agent nodes use, and its settings (`env.example`, "understanding engine").
public struct UnderstandingConfiguration: Sendable, Hashable {
    public enum EngineKind: String, Sendable, Hashable, CaseIterable {
        case embedded, openai, bedrock
    }

    /// `LLM_ENGINE`: embedded (default) | openai | bedrock.
    public var engine: EngineKind
    /// `OPENAI_BASE_URL` (default `http://127.0.0.1:11434/v1`), `OPENAI_MODEL` (required for
    /// openai), `OPENAI_API_KEY` (secret, optional).
    public var openAI: OpenAIConfiguration?
    /// `BEDROCK_REGION` (default `AWS_REGION`, else us-east-1), `BEDROCK_MODEL_ID` (default
    /// `anthropic.claude-3-haiku-20240307-v1:0`), `BEDROCK_ENDPOINT` (optional override).
    public var bedrock: BedrockConfiguration?
    /// `LLM_TIMEOUT_S` (0.1–120, default 15): the longest wait for a model answer or its next token.
    public var timeout: Duration
    /// `UNDERSTANDING_VOCABULARY_REFRESH_S` (10–86400, default 300): how long the catalog's
    /// categories and brands are cached.
    public var vocabularyRefresh: Duration

    public init(engine: EngineKind = .embedded, openAI: OpenAIConfiguration? = nil, bedrock: BedrockConfiguration? = nil,
                timeout: Duration = .seconds(15), vocabularyRefresh: Duration = .seconds(300)) {
        self.engine = engine
        self.openAI = openAI
        self.bedrock = bedrock
        self.timeout = timeout
        self.vocabularyRefresh = vocabularyRefresh
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        engine = try source.choice("llm.engine", default: EngineKind.embedded)
        timeout = try source.seconds("llm.timeout.s", default: .seconds(15), in: 0.1...120)
        vocabularyRefresh = try source.seconds("understanding.vocabulary.refresh.s", default: .seconds(300), in: 10...86400)
        let baseURL = try source.httpURL("openai.base.url", default: "http://127.0.0.1:11434/v1")
        let model = source.optionalString("openai.model")
        let key = source.optionalString("openai.api.key", isSecret: true)
        if engine == .openai && model == nil {
            throw source.invalid("openai.model", nil, "a model name when LLM_ENGINE=openai (e.g. llama3.1:8b, gpt-4o-mini)")
        }
        openAI = model.map { OpenAIConfiguration(baseURL: baseURL, model: $0, apiKey: key) }
        let region = source.optionalString("bedrock.region") ?? source.optionalString("aws.region") ?? "us-east-1"
        guard region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), !region.isEmpty else {
            throw source.invalid("bedrock.region", region, "an AWS region such as us-east-1")
        }
        let modelID = source.string("bedrock.model.id", default: "anthropic.claude-3-haiku-20240307-v1:0")
        var endpoint: String?
        if source.optionalString("bedrock.endpoint") != nil {
            endpoint = try source.httpURL("bedrock.endpoint", default: "")
        }
        bedrock = BedrockConfiguration(region: region, modelID: modelID, endpoint: endpoint)
    }
}

/// Builds the configured engine.
public enum UnderstandingEngineFactory {
    /// - Parameters:
    ///   - vocabulary: where the catalog's categories and brands come from (an
    ///     `HTTPVocabularyProvider` on the catalog service in production).
    ///   - environment: where AWS credentials are looked up (the process environment by default).
    public static func makeEngine(
        _ configuration: UnderstandingConfiguration, vocabulary: any VocabularyProvider,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        client: HTTPClient = .shared, logger: Logger
    ) throws -> any UnderstandingEngine {
        let embedded = EmbeddedEngine(vocabulary: vocabulary)
        let model: any ChatModel
        switch configuration.engine {
        case .embedded:
            return embedded
        case .openai:
            guard let settings = configuration.openAI else {
                throw ConfigurationError(variable: "OPENAI_MODEL", value: nil, expected: "a model name when LLM_ENGINE=openai")
            }
            model = OpenAIChatModel(settings, client: client, timeout: configuration.timeout)
        case .bedrock:
            let settings = configuration.bedrock ?? BedrockConfiguration(
                region: "us-east-1", modelID: "anthropic.claude-3-haiku-20240307-v1:0")
            model = BedrockChatModel(settings, credentials: AWSCredentialsProvider(environment: environment, client: client),
                                     client: client, timeout: configuration.timeout)
        }
        return try ModelEngine(kind: configuration.engine.rawValue, model: model, fallback: embedded,
                               prompts: try PromptLibrary.bundled(), timeout: configuration.timeout, logger: logger)
    }

    /// The catalog's vocabulary over HTTP, cached for the configured interval.
    /// - Parameter timeout: how long one request to the catalog may take before it is tried again.
    public static func makeVocabularyProvider(
        catalogBaseURL: String, configuration: UnderstandingConfiguration, client: HTTPClient = .shared,
        timeout: Duration = .seconds(2), logger: Logger
    ) -> HTTPVocabularyProvider {
        let http = ServiceHTTPClient(service: "catalog-service", baseURL: catalogBaseURL, timeout: timeout,
                                     retry: RetryPolicy(maxAttempts: 2), client: client, logger: logger)
        return HTTPVocabularyProvider(client: http, refreshInterval: configuration.vocabularyRefresh, logger: logger)
    }
}
