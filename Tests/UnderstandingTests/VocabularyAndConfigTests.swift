import Foundation
import Hummingbird
import NIOCore
import Shared
import TestSupport
import Testing
@testable import Understanding

@Suite(.timeLimit(.minutes(1)))
struct VocabularyProviderTests {
    static func catalog(_ calls: Calls) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/v1/categories") { _, _ -> Response in
            _ = calls.next("categories")
            let body = #"{"categories":[{"name":"Laptops","path":["Electronics","Laptops"],"count":23},"#
                + #"{"name":"Drones","path":["Electronics","Drones"],"count":40},"#
                + #"{"name":"Espresso Grinders","path":["Home","Espresso Grinders"],"count":2}],"#
                + #""currency_rates":{"USD":1,"INR":80}}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/v1/brands") { _, _ -> Response in
            _ = calls.next("brands")
            let body = #"{"brands":[{"name":"Dell","count":12},{"name":"DJI","count":9}]}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }

    @Test func theCatalogsVocabularyIsFetchedCachedAndUsed() async throws {
        let calls = Calls()
        try await withServer(Self.catalog(calls)) { port in
            let configuration = UnderstandingConfiguration(vocabularyRefresh: .seconds(300))
            // A loaded CI machine may take more than the 2 s default, and a retry would be a second call.
            let provider = UnderstandingEngineFactory.makeVocabularyProvider(
                catalogBaseURL: "http://127.0.0.1:\(port)", configuration: configuration, timeout: .seconds(30), logger: testLogger)
            let engine = EmbeddedEngine(vocabulary: provider)
            let spec = try await engine.buildSpec(TurnContext(text: "a dji drone under 900"))
            #expect(spec.category == "Drones" && spec.brands == ["DJI"] && spec.budget.max == 900)
            #expect(try await engine.buildSpec(TurnContext(text: "espresso grinder")).category == "Espresso Grinders")
            // Built-in categories stay recognisable next to the catalog's.
            #expect(try await engine.buildSpec(TurnContext(text: "yoga mat")).category == "Yoga Mats")
            let vocabulary = await provider.vocabulary()
            #expect(vocabulary.exampleCategories(2) == ["Drones", "Laptops"])
            // The catalog's rates, by which "cheaper" compares a list of rupees and dollars.
            #expect(vocabulary.rates.convert(800, from: "INR", to: "USD") == 10)
            #expect(provider.fetchCount == 1)
            #expect(calls.count("categories") == 1 && calls.count("brands") == 1)
        }
    }

    @Test func anUnreachableCatalogFallsBackToTheBuiltInVocabulary() async throws {
        let reserved = try LoopbackPortReservation()  // nothing listens there, nor will while it is held
        let port = reserved.port
        defer { reserved.release() }
        let provider = UnderstandingEngineFactory.makeVocabularyProvider(
            catalogBaseURL: "http://127.0.0.1:\(port)", configuration: UnderstandingConfiguration(), logger: testLogger)
        #expect(await provider.vocabulary() == .builtIn)
        let spec = try await EmbeddedEngine(vocabulary: provider).buildSpec(TurnContext(text: "a laptop under 900"))
        #expect(spec.category == "Laptops")
    }

    @Test func theBuiltInVocabularyCoversTheCommonCategories() {
        let names = Set(CatalogVocabulary.builtIn.categories.map { $0.name.lowercased() })
        for name in ["laptops", "monitors", "phones", "headphones", "tvs", "cameras", "tablets", "graphics cards", "memory",
                     "storage", "cpus", "keyboards", "mice", "running shoes", "sneakers", "boots", "jackets", "t-shirts",
                     "hoodies", "jeans", "backpacks", "coffee makers", "blenders", "air fryers", "vacuum cleaners",
                     "office chairs", "desks", "skincare", "building sets", "tents", "yoga mats", "books", "smartwatches"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(CatalogVocabulary.builtIn.brands.count > 100)
    }
}

@Suite struct UnderstandingConfigurationTests {
    @Test func defaultsToTheEmbeddedEngine() async throws {
        let configuration = try UnderstandingConfiguration(from: ConfigSource(environment: [:]))
        #expect(configuration.engine == .embedded && configuration.timeout == .seconds(15))
        let engine = try UnderstandingEngineFactory.makeEngine(configuration, vocabulary: StaticVocabularyProvider(),
                                                               logger: testLogger)
        #expect(engine.name == "embedded")
    }

    @Test func buildsTheOpenAIAndBedrockEngines() throws {
        let openAI = try UnderstandingConfiguration(from: ConfigSource(environment: [
            "LLM_ENGINE": "openai", "OPENAI_MODEL": "llama3.1:8b", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1/",
            "OPENAI_API_KEY": "k", "LLM_TIMEOUT_S": "2.5",
        ]))
        #expect(openAI.openAI == OpenAIConfiguration(baseURL: "http://127.0.0.1:8000/v1", model: "llama3.1:8b", apiKey: "k"))
        #expect(openAI.timeout == .milliseconds(2500))
        #expect(try UnderstandingEngineFactory.makeEngine(openAI, vocabulary: StaticVocabularyProvider(), logger: testLogger).name == "openai")
        let bedrock = try UnderstandingConfiguration(from: ConfigSource(environment: [
            "LLM_ENGINE": "Bedrock", "AWS_REGION": "eu-west-1",
        ]))
        #expect(bedrock.bedrock == BedrockConfiguration(region: "eu-west-1", modelID: "anthropic.claude-3-haiku-20240307-v1:0"))
        #expect(bedrock.bedrock?.endpoint == "https://bedrock-runtime.eu-west-1.amazonaws.com")
        #expect(try UnderstandingEngineFactory.makeEngine(bedrock, vocabulary: StaticVocabularyProvider(), logger: testLogger).name == "bedrock")
    }

    @Test func badSettingsNameTheirVariable() {
        let cases: [([String: String], String)] = [
            (["LLM_ENGINE": "gpt"], "LLM_ENGINE"), (["LLM_ENGINE": "openai"], "OPENAI_MODEL"),
            (["LLM_TIMEOUT_S": "0"], "LLM_TIMEOUT_S"), (["OPENAI_BASE_URL": "ftp://x"], "OPENAI_BASE_URL"),
            (["BEDROCK_REGION": "us east"], "BEDROCK_REGION"),
        ]
        for (environment, variable) in cases {
            #expect(throws: ConfigurationError.self) { try UnderstandingConfiguration(from: ConfigSource(environment: environment)) }
            do {
                _ = try UnderstandingConfiguration(from: ConfigSource(environment: environment))
            } catch {
                #expect(error.variable == variable)
            }
        }
    }

    @Test func everyNodeHasAPromptWithItsPlaceholders() throws {
        let prompts = try PromptLibrary.bundled()
        let text = prompts.render(.buildRequirementSpec, ["categories": "Laptops, TVs", "text": "hi"])
        #expect(text.contains("Laptops, TVs") && !text.contains("{{categories}}"))
        for node in PromptLibrary.Node.allCases {
            #expect(!prompts.render(node, [:]).isEmpty, "\(node.rawValue)")
        }
    }
}
