import Foundation
import Hummingbird
import NIOCore
import Shared
import Testing
@testable import Understanding

/// The OpenAI engine against a local double that speaks chat completions and SSE. The model
/// name in each request picks the double's behaviour.
@Suite(.timeLimit(.minutes(1)))
struct OpenAIEngineTests {
    static func sse(_ events: [String]) -> [[UInt8]] {
        events.map { Array("data: \($0)\n\n".utf8) }
    }

    static func delta(_ text: String) -> String {
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(text)"},"finish_reason":null}]}"#
    }

    static let finish = #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#

    static func completion(_ content: String) -> Response {
        let escaped = String(decoding: (try? JSONEncoder().encode(content)) ?? Data("\"\"".utf8), as: UTF8.self)
        let body = #"{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":\#(escaped)},"finish_reason":"stop"}]}"#
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func router(_ calls: Calls) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            calls.record(body)
            guard request.headers[.authorization] == "Bearer test-key" else { return Response(status: .unauthorized) }
            let json = try JSONValue.parse(body)
            let model = json["model"]?.stringValue ?? ""
            let isStream = json["stream"] == .bool(true)
            let call = calls.next(model)
            switch (model, isStream) {
            case ("good", true):
                return streamingResponse(contentType: "text/event-stream",
                                         chunks: [Array(": keep-alive\n\n".utf8)]
                                            + sse([delta("Here "), delta("are "), delta("laptops."), finish, "[DONE]"]))
            case ("good", false):
                return completion(laptopSpecJSON)
            case ("throttled-once", _):
                if call == 1 { return Response(status: .tooManyRequests) }
                return isStream ? streamingResponse(contentType: "text/event-stream", chunks: sse([delta("ok"), finish, "[DONE]"]))
                    : completion(laptopSpecJSON)
            case ("repairable", false):
                return completion("Sure! Here is the spec:\n```json\n" + laptopSpecJSON.dropLast() + ",}\n```")
            case ("bad-then-good", false):
                return completion(call == 1 ? laptopSpecJSON.replacingOccurrences(of: "\"laptops\"", with: "\"spaceships\"")
                                            : laptopSpecJSON)
            case ("unknown-liked", false):
                // A product to be like that was never shown, then the one that was.
                let liked = call == 1 ? "ebay:made-up" : "demo:demo-lap-002"
                return completion(laptopSpecJSON.replacingOccurrences(of: #""ram":"16GB""#,
                                                                      with: #""ram":"16GB","similar_to":"\#(liked)""#))
            case ("malformed", false):
                return completion("I think they want a laptop.")
            case ("malformed", true):
                return streamingResponse(contentType: "text/event-stream", chunks: sse(["{not json"]))
            case ("truncated", true):
                return streamingResponse(contentType: "text/event-stream", chunks: sse([delta("Partial "), delta("reply")]))
            case ("truncated-early", true):
                return streamingResponse(contentType: "text/event-stream", chunks: [])
            case ("slow", _):
                try await Task.sleep(for: .seconds(3))  // the behaviour under test: a model slower than the timeout
                return completion(laptopSpecJSON)
            case ("down", _):
                return Response(status: .internalServerError)
            default:
                return Response(status: .badRequest)
            }
        }
        return router
    }

    static func engine(_ port: Int, model: String, timeout: Duration = .seconds(5)) throws -> ModelEngine {
        let chat = OpenAIChatModel(OpenAIConfiguration(baseURL: "http://127.0.0.1:\(port)/v1", model: model, apiKey: "test-key"),
                                   retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)), timeout: timeout)
        return try ModelEngine(kind: "openai", model: chat, fallback: EmbeddedEngine(), prompts: try PromptLibrary.bundled(),
                               timeout: timeout, logger: testLogger)
    }

    static let turn = TurnContext(text: "a gaming laptop from dell under 1200 with 16gb ram",
                                  history: [ConversationMessage(role: .user, text: "hi")])

    @Test func aValidAnswerIsDecodedAndNormalisedToCatalogNames() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "good")
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops")
            #expect(spec.budget.max == 1200 && spec.budget.currency == "USD")
            #expect(spec.brands == ["Dell"])
            #expect(engine.fallbackCounts.isEmpty)
            // The prompt carries the catalog's categories and the shopper's words; JSON mode is on.
            let request = try JSONValue.parse(calls.lastBody)
            let prompt = request["messages"].flatMap { if case .array(let m) = $0 { m.first?["content"]?.stringValue } else { nil } } ?? ""
            #expect(prompt.contains("Graphics Cards") && prompt.contains("16gb ram"))
            #expect(request["response_format"]?["type"]?.stringValue == "json_object")
            #expect(request["stream"] == .bool(false))
        }
    }

    @Test func theReplyStreamsTheModelsTokens() async throws {
        try await withServer(Self.router(Calls())) { port in
            let engine = try Self.engine(port, model: "good")
            var tokens: [String] = []
            let results = SearchResults(products: [], totalFound: 0, sources: [])
            for try await token in engine.composeReply(Self.turn, spec: RequirementSpec(), results: results) { tokens.append(token) }
            #expect(tokens == ["Here ", "are ", "laptops."])
        }
    }

    @Test func smallTalkProductQuestionsAndTheNearestOverBudgetAreAnsweredWithoutAModelCall() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "good")
            let searched = RequirementSpec(category: "Laptops", query: "laptops")
            let turn = TurnContext(text: "thanks a lot!", currentSpec: searched, lastShown: [
                ProductResult(id: "x:1", title: "A laptop", brand: "Dell", category: "Laptops", price: 500, currency: "USD",
                              marketplace: "local"),
            ])
            #expect(try await engine.buildSpec(turn) == searched)
            #expect(try await engine.decideClarification(turn, spec: searched) == .smallTalk)
            let reply = try await engine.smallTalkReply(turn).collect()
            #expect(reply == "You're welcome! Ask for more laptops, or tell me what else you'd like to find.")
            // A question about a shown product is answered from the catalog's facts, also without a call.
            let question = TurnContext(text: "tell me more about the first one", currentSpec: searched, lastShown: turn.lastShown)
            #expect(try await engine.buildSpec(question) == searched)
            #expect(try await engine.decideClarification(question, spec: searched) == .details(of: "x:1"))
            let details = try await engine.productDetailsReply(question, product: turn.lastShown[0]).collect()
            #expect(details.hasPrefix("The A laptop costs $500"), "\(details)")
            // Nothing within the budget and the nearest product outside it: named from the catalog's facts.
            let cheap = RequirementSpec(category: "Laptops", query: "laptops", budget: .init(max: 100))
            let nearest = TurnContext(text: "a laptop under 100", nearestOutsideBudget: turn.lastShown[0])
            let none = try await engine.composeReply(nearest, spec: cheap, results: SearchResults(products: [], totalFound: 0, sources: []))
                .collect()
            #expect(none.hasSuffix("The cheapest I found is the A laptop at $500: say \"under $500\" to see it and others."),
                    "\(none)")
            #expect(calls.count("good") == 0)
        }
    }

    @Test func throttlingIsRetried() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "throttled-once")
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops")
            #expect(calls.count("throttled-once") == 2)
            #expect(engine.fallbackCounts.isEmpty)
        }
    }

    @Test func fencedJSONWithATrailingCommaIsRepaired() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "repairable")
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops")
            #expect(calls.count("repairable") == 1)
        }
    }

    @Test func anInvalidAnswerIsReAskedOnceWithItsProblems() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "bad-then-good")
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops")
            #expect(calls.count("bad-then-good") == 2)
            #expect(calls.lastBody.contains("not a catalog category"))
        }
    }

    /// "More like the second one": the model is shown the products' ids, and an id it names that
    /// was not shown is a problem it is asked to fix.
    @Test func aProductToBeLikeMustBeOneShown() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "unknown-liked")
            let shown = [ProductResult(id: "demo:demo-lap-001", title: "Acer Aspire 1", brand: "Acer", category: "Laptops",
                                       price: 279, currency: "USD", marketplace: "local"),
                         ProductResult(id: "demo:demo-lap-002", title: "Lenovo IdeaPad 1 14", brand: "Lenovo", category: "Laptops",
                                       price: 329, currency: "USD", marketplace: "local")]
            let spec = try await engine.buildSpec(TurnContext(text: "more like the second one", lastShown: shown))
            #expect(spec.similarProductID == "demo:demo-lap-002")
            #expect(calls.count("unknown-liked") == 2 && calls.lastBody.contains("is not the id of a product shown"))
            #expect(calls.lastBody.contains("- demo:demo-lap-002: Lenovo IdeaPad 1 14, $329"))
        }
    }

    @Test func malformedAnswersFallBackToTheEmbeddedEngine() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "malformed")
            let spec = try await engine.buildSpec(Self.turn)
            // The embedded engine's reading of the same words.
            #expect(spec == (try await EmbeddedEngine().buildSpec(Self.turn)))
            #expect(calls.count("malformed") == 2)
            #expect(engine.fallbackCounts["build_requirement_spec"] == 1)
            let reply = try await engine.composeReply(Self.turn, spec: spec,
                                                      results: SearchResults(products: [], totalFound: 0, sources: [])).collect()
            #expect(reply.hasPrefix("I couldn't find any Dell laptops"))
        }
    }

    @Test func aStreamCutBeforeItsFirstTokenFallsBack() async throws {
        try await withServer(Self.router(Calls())) { port in
            let engine = try Self.engine(port, model: "truncated-early")
            let spec = RequirementSpec(category: "Laptops")
            let question = try await engine.clarifyingQuestion(Self.turn, spec: spec,
                                                               decision: ClarifyDecision(shouldAsk: true, missingFields: ["budget"])).collect()
            #expect(question.hasPrefix("What's your budget for laptops"))
            #expect(engine.fallbackCounts["ask_clarifying_q"] == 1)
        }
    }

    @Test func aStreamCutAfterItsFirstTokenEndsWithWhatArrived() async throws {
        try await withServer(Self.router(Calls())) { port in
            let engine = try Self.engine(port, model: "truncated")
            let reply = try await engine.composeReply(Self.turn, spec: RequirementSpec(),
                                                      results: SearchResults(products: [], totalFound: 0, sources: [])).collect()
            #expect(reply == "Partial reply")
            #expect(engine.fallbackCounts["rank_and_compose"] == 1)
        }
    }

    @Test func aSlowModelTimesOutAndFallsBack() async throws {
        try await withServer(Self.router(Calls())) { port in
            let engine = try Self.engine(port, model: "slow", timeout: .milliseconds(300))
            let started = ContinuousClock.now
            let spec = try await engine.buildSpec(Self.turn)
            #expect(spec.category == "Laptops")
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(engine.fallbackCounts["build_requirement_spec"] == 1)
        }
    }

    @Test func aFailingServerFallsBackAfterRetries() async throws {
        let calls = Calls()
        try await withServer(Self.router(calls)) { port in
            let engine = try Self.engine(port, model: "down")
            let decision = try await engine.decideMedia(TurnContext(text: "", attachments: [.audio]))
            #expect(decision == .transcribe)
            #expect(calls.count("down") == 3)
        }
    }
}
