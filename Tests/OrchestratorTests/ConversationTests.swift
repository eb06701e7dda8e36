import CatalogService
import Foundation
import GraphRuntime
import Hummingbird
import HummingbirdTesting
import Logging
import NIOHTTP1
import Orchestrator
import Shared
import StackTestSupport
import Testing
import TestSupport
import Understanding

/// The conversation end to end: real Redis, the real catalog service on loopback (with its demo
/// catalog), the embedded engine, the real worker pool.
@Suite(.timeLimit(.minutes(3)))
struct ConversationTests {
    static let settings = WorkerSettings(concurrency: 4, partitions: 4, leaseDuration: .seconds(3),
                                         claimIdle: .seconds(4), readBlock: .milliseconds(100))

    /// The catalog service with its demo catalog (`withCatalogService`).
    func withCatalog(port: Int? = nil, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withCatalogService(port: port, body)
    }

    /// Runs `body` with the conversation's whole back end: a private Redis, the catalog service with
    /// its demo catalog, and a worker pool; `body` gets a client of that Redis and the fake gateway.
    func withConversationStack(_ body: @escaping @Sendable (RedisClient, FakeGateway) async throws -> Void) async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            try await withCatalog { port in
                try await withWorkers(try orchestrator(server, catalogPort: port), redis) { gateway in
                    try await body(redis, gateway)
                }
            }
            await redis.close()
        }
    }

    func orchestrator(_ server: RedisServer, catalogPort: Int) throws -> OrchestratorConfiguration {
        var config = OrchestratorConfiguration(worker: Self.settings, catalogURL: "http://127.0.0.1:\(catalogPort)",
                                               mediaURL: "http://127.0.0.1:1", serviceTimeout: .seconds(5))
        config.common.redis = server.configuration
        return config
    }

    /// Starts a worker pool, runs `body`, stops the pool.
    func withWorkers(_ config: OrchestratorConfiguration, _ redis: RedisClient,
                     _ body: @escaping @Sendable (FakeGateway) async throws -> Void) async throws {
        let pool = try makeWorkerPool(config, redis: redis, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            try await body(FakeGateway(redis: redis, partitions: config.worker.partitions))
            group.cancelAll()
        }
    }

    func turnEvents(_ gateway: FakeGateway, _ session: String, _ turnID: String) async throws -> [ServerEvent] {
        try await gateway.events(of: session).filter { $0.turnID == turnID }
    }

    @Test func aShoppingRequestEndsWithRankedResultsWithinItsConstraints() async throws {
        try await withConversationStack { redis, gateway in
            let turn = try await gateway.enqueue(session: "s_laptop", text: "gaming laptop under $1000 with 16GB RAM")
            try await eventually(.seconds(60), "the turn ends") { try await gateway.doneCount(of: "s_laptop") == 1 }
            let events = try await turnEvents(gateway, "s_laptop", turn)
            #expect(events.first?.type == .progress)
            #expect(events.last?.data == .done(DoneData(stage: .completed, durationMilliseconds: {
                if case .done(let done) = events.last?.data { return done.durationMilliseconds }
                return -1
            }())))
            guard let spec = events.compactMap({ if case .requirements(let data) = $0.data { data.spec } else { nil } }).first,
                  let results = events.compactMap({ if case .results(let data) = $0.data { data } else { nil } }).first
            else { Issue.record("no spec or results: \(events.map(\.type))"); return }
            #expect(spec.category?.lowercased().hasPrefix("laptop") == true)
            #expect(spec.budget.max == 1000)
            #expect(!results.products.isEmpty)
            #expect(results.products.allSatisfy { $0.price <= 1000 && $0.category.lowercased().contains("laptop") })
            #expect(results.products.allSatisfy { !$0.matchReasons.isEmpty })
            // The reply was streamed word by word and is the results' summary.
            let streamed = events.compactMap { if case .token(let token) = $0.data { token.text } else { nil } }.joined()
            #expect(streamed.trimmingCharacters(in: .whitespacesAndNewlines) == results.summary)
            #expect(events.filter { $0.type == .results }.count == 1)
            // The session keeps what a follow-up refines, written with the turn's finish.
            let session = try await redis.send("HGETALL", SessionKeys("s_laptop").session)
            let fields = Dictionary(uniqueKeysWithValues: stride(from: 0, to: (session.array ?? []).count - 1, by: 2).map {
                ((session.array ?? [])[$0].string ?? "", (session.array ?? [])[$0 + 1].string ?? "")
            })
            #expect(fields["stage"] == "completed" && fields["turns"] == "1" && fields["clarification_count"] == "0")
            #expect(fields["spec"]?.contains("\"max\":1000") == true)
            let shown = try JSONDecoder().decode([SessionState.ResultSummary].self, from: Data((fields["last_results"] ?? "").utf8))
            #expect(shown.map(\.id) == results.products.map(\.id))
        }
    }

    @Test func anUnclearRequestAsksFirstAndTheAnswerSearches() async throws {
        try await withConversationStack { redis, gateway in
            let first = try await gateway.enqueue(session: "s_vague", text: "I need a present for my brother")
            try await eventually(.seconds(60), "the question") { try await gateway.doneCount(of: "s_vague") == 1 }
            let asked = try await turnEvents(gateway, "s_vague", first)
            guard case .clarification(let question) = asked.first(where: { $0.type == .clarification })?.data else {
                Issue.record("no clarification: \(asked.map(\.type))"); return
            }
            #expect(question.missingFields.contains("category"))
            #expect(question.clarificationCount == 1)
            #expect(asked.last?.data.doneStage == .awaitingAnswer)

            let answer = try await gateway.enqueue(session: "s_vague", text: "headphones under 200 dollars")
            try await eventually(.seconds(60), "the answer's results") { try await gateway.doneCount(of: "s_vague") == 2 }
            let answered = try await turnEvents(gateway, "s_vague", answer)
            #expect(answered.contains { $0.type == .results })
            #expect(answered.last?.data.doneStage == .completed)
            #expect(try await redis.send("HGET", SessionKeys("s_vague").session, "clarification_count").int == 1)
        }
    }

    @Test func aFollowUpRefinesThePreviousSearch() async throws {
        try await withConversationStack { _, gateway in
            try await gateway.enqueue(session: "s_refine", text: "laptop under $1500")
            let cheaper = try await gateway.enqueue(session: "s_refine", text: "something cheaper")
            try await eventually(.seconds(60), "both turns") { try await gateway.doneCount(of: "s_refine") == 2 }
            let events = try await turnEvents(gateway, "s_refine", cheaper)
            guard let spec = events.compactMap({ if case .requirements(let data) = $0.data { data.spec } else { nil } }).first
            else { Issue.record("no spec"); return }
            #expect(spec.category?.lowercased().hasPrefix("laptop") == true)
            #expect((spec.budget.max ?? .infinity) < 1500)
        }
    }

    /// The results event of a turn.
    func results(_ gateway: FakeGateway, _ session: String, _ turnID: String) async throws -> ResultsData? {
        try await turnEvents(gateway, session, turnID).compactMap { if case .results(let data) = $0.data { data } else { nil } }.first
    }

    /// Sends `text` as the session's next turn, waits for its `done` and returns its results.
    func say(_ text: String, in session: String, _ gateway: FakeGateway) async throws -> ResultsData {
        let before = try await gateway.doneCount(of: session)
        let turn = try await gateway.enqueue(session: session, text: text)
        try await eventually(.seconds(60), "'\(text)' ends") { try await gateway.doneCount(of: session) == before + 1 }
        return try #require(try await results(gateway, session, turn), "no results for \(text)")
    }

    /// Words a follow-up adds that none of the results mentions are said. The reply reads them
    /// from the state (`wordsAdded`): by then the turn's spec is the new one, so comparing it with
    /// the session's spec found nothing added, and the lamps came back without a word.
    @Test func wordsAFollowUpAddsThatNoneOfTheResultsMentionsAreSaid() async throws {
        try await withConversationStack { _, gateway in
            _ = try await say("wireless headphones under $200", in: "s_words", gateway)
            let radio = try await say("with an fm radio", in: "s_words", gateway)
            #expect(radio.summary.hasPrefix("None of the best matches mentions \"radio\"."), "\(radio.summary)")
            let more = try await say("show me more", in: "s_words", gateway)
            #expect(!more.summary.contains("None of the best matches mentions"), "\(more.summary)")
        }
    }

    @Test func showMeMorePagesThroughTheSearchThenStartsOver() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_more"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.products.count >= 2 && first.totalFound > first.products.count)
            var shown = first.products.map(\.id)
            var last = first
            for round in 0..<10 {
                last = try await say(["show me more", "more please", "any others?"][round % 3], in: session, gateway)
                #expect(Set(last.products.map(\.id)).isDisjoint(with: shown), "a page repeats: \(last.summary)")
                if last.products.isEmpty { break }
                #expect(last.summary.hasPrefix("Here are \(last.products.count) more")
                        || last.summary.hasPrefix("Here is one more"), "\(last.summary)")
                #expect(last.summary.contains("(\(shown.count + 1)"), "\(last.summary)")
                shown += last.products.map(\.id)
            }
            #expect(shown.count > first.products.count, "no second page")
            #expect(last.products.isEmpty, "still pages after 10 turns")
            #expect(last.summary.contains("you have seen all \(shown.count)"), "\(last.summary)")
            // Once every page was shown, asking again starts from the best.
            let over = try await say("show me more", in: session, gateway)
            #expect(over.products.map(\.id) == first.products.map(\.id))
            // A changed spec is a new search: its first page, whatever was shown before.
            let second = try await say("show me more", in: session, gateway)
            #expect(Set(second.products.map(\.id)).isDisjoint(with: first.products.map(\.id)))
            let budget = try await say("under 150 dollars", in: session, gateway)
            #expect(!budget.summary.contains(" more "), "\(budget.summary)")
            #expect(budget.products.allSatisfy { $0.price <= 150 })
            let firstUnder150 = first.products.filter { $0.price <= 150 }.map(\.id)
            try #require(!firstUnder150.isEmpty)
            #expect(!Set(budget.products.map(\.id)).isDisjoint(with: firstUnder150), "the new search left out earlier pages")
        }
    }

    @Test func aSecondCheaperAfterNothingCheaperNamesTheCheapestShownAgain() async throws {
        try await withConversationStack { redis, gateway in
            let session = "s_cheaper"
            let shown = try await say("wireless headphones under 100 dollars", in: session, gateway)
            let cheapest = try #require(shown.products.min { $0.price < $1.price })
            for _ in 0..<2 {
                let none = try await say("cheaper", in: session, gateway)
                #expect(none.products.isEmpty)
                #expect(none.summary.hasPrefix("I couldn't find anything cheaper than the \(cheapest.title)"), "\(none.summary)")
            }
            // What the session says was shown last is what the shopper still sees.
            let lastResults = try await redis.send("HGET", SessionKeys(session).session, "last_results").string ?? ""
            #expect(lastResults.contains(cheapest.id))
            // Another kind of product that finds nothing leaves nothing to compare with.
            let other = try await say("a laptop under 5 dollars", in: session, gateway)
            #expect(other.products.isEmpty)
            #expect(try await redis.send("HGET", SessionKeys(session).session, "last_results").string == "[]")
        }
    }

    /// A budget that finds nothing leaves the search as it was: "show me more" after "nothing
    /// cheaper" pages on through the earlier search (before, it searched the empty budget again:
    /// "I couldn't find any hoodies under $16").
    @Test func aBudgetThatFindsNothingLeavesTheSearchAsItWas() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_budget_kept"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.totalFound > first.products.count)
            let none = try await say("under 1 dollar", in: session, gateway)
            #expect(none.products.isEmpty, "\(none.summary)")
            let more = try await say("show me more", in: session, gateway)
            #expect(!more.products.isEmpty && Set(more.products.map(\.id)).isDisjoint(with: first.products.map(\.id)), "\(more.summary)")
            #expect(more.summary.hasPrefix("Here are \(more.products.count) more") || more.summary.hasPrefix("Here is one more"),
                    "\(more.summary)")
            // Another wish that finds nothing is kept: it is no budget alone.
            let tiny = try await say("in size 2 under 1 dollar", in: session, gateway)
            #expect(tiny.products.isEmpty)
            let again = try await say("show me more", in: session, gateway)
            #expect(again.products.isEmpty, "\(again.summary)")
        }
    }

    @Test func nothingWithinTheBudgetNamesTheNearestProductAndABudgetThatShowsIt() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_nearest"
            let none = try await say("wireless headphones under 5 dollars", in: session, gateway)
            #expect(none.products.isEmpty, "nothing over the budget is shown as a result")
            let named = try #require(none.summary.firstMatch(of: #/The cheapest I found is the (.+) at \$[0-9.,]+: say "under (\$[0-9,]+)"/#),
                                     "\(none.summary)")
            // The budget the reply names shows the product it named, as the cheapest.
            let shown = try await say("under \(named.2)", in: session, gateway)
            let cheapest = try #require(shown.products.min { $0.price < $1.price })
            #expect(cheapest.title == String(named.1), "\(shown.summary)")
            let dear = try await say("a laptop over 50000 dollars", in: session, gateway)
            #expect(dear.products.isEmpty)
            #expect(dear.summary.contains("The dearest I found is the "), "\(dear.summary)")
        }
    }

    @Test func thanksAndGoodbyeAnswerWithoutSearchingAndKeepTheSearch() async throws {
        try await withConversationStack { redis, gateway in
            let session = "s_thanks"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.totalFound > first.products.count)
            let specBefore = try await redis.send("HGET", SessionKeys(session).session, "spec").string
            for text in ["thanks!", "ok great, that's all", "bye"] {
                let before = try await gateway.doneCount(of: session)
                let turn = try await gateway.enqueue(session: session, text: text)
                try await eventually(.seconds(60), "'\(text)' ends") { try await gateway.doneCount(of: session) == before + 1 }
                let events = try await turnEvents(gateway, session, turn)
                #expect(!events.contains { $0.type == .results || $0.type == .clarification }, "\(text) searched or asked")
                #expect(!events.contains { ($0.data.progressNode ?? "") == "search_marketplaces" })
                #expect(events.contains { $0.data == .progress(ProgressData(stage: .ranking, node: "rank_and_compose",
                                                                             message: "Writing a reply")) })
                let reply = events.compactMap { if case .token(let token) = $0.data { token.text } else { nil } }.joined()
                #expect(reply.hasPrefix(text == "bye" ? "Goodbye" : text == "thanks!" ? "You're welcome!" : "Got it."), "\(reply)")
                #expect(events.last?.data.doneStage == .completed)
            }
            #expect(try await redis.send("HGET", SessionKeys(session).session, "spec").string == specBefore)
            // The search goes on where it was: the next page, not the first again.
            let more = try await say("show me more", in: session, gateway)
            #expect(Set(more.products.map(\.id)).isDisjoint(with: first.products.map(\.id)))
            #expect(more.summary.contains("(\(first.products.count + 1)"), "\(more.summary)")
            // A shopping word makes it a request again.
            let black = try await say("thanks, now in black", in: session, gateway)
            #expect(!black.summary.contains(" more "), "\(black.summary)")
        }
    }

    /// The gateway refreshes a session's expiry with each turn it enqueues; every key the worker
    /// adds or keeps must expire too, whichever way the turn ended.
    @Test func everyKeyASessionLeavesExpires() async throws {
        try await withConversationStack { redis, gateway in
            let session = "s_expiry"
            for text in ["running shoes", "thanks!", "tell me more about the first one", "a laptop", "under 500 dollars"] {
                let before = try await gateway.doneCount(of: session)
                try await gateway.enqueue(session: session, text: text)
                try await eventually(.seconds(60), "'\(text)' ends") { try await gateway.doneCount(of: session) == before + 1 }
            }
            let keys = try await redis.send("KEYS", "session:{\(session)}*").array?.compactMap(\.string) ?? []
            #expect(keys.count >= 4, "\(keys)")
            for key in keys {
                let ttl = try await redis.send("PTTL", key).int ?? -3
                #expect(ttl > 0, "\(key) has no expiry (\(ttl))")
            }
        }
    }

    /// A turn that answers in words (a question about shown products): its events, the reply its
    /// tokens make and the messages of its `progress` steps.
    func answer(_ text: String, in session: String, _ gateway: FakeGateway) async throws
        -> (events: [ServerEvent], reply: String, steps: [String]) {
        let before = try await gateway.doneCount(of: session)
        let turn = try await gateway.enqueue(session: session, text: text)
        try await eventually(.seconds(60), "'\(text)' ends") { try await gateway.doneCount(of: session) == before + 1 }
        let events = try await turnEvents(gateway, session, turn)
        let reply = events.compactMap { if case .token(let token) = $0.data { token.text } else { nil } }.joined()
        let steps = events.compactMap { if case .progress(let progress) = $0.data { progress.message } else { nil } }
        return (events, reply, steps)
    }

    @Test func aQuestionAboutAShownProductDescribesItAndKeepsTheSearch() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_details"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.products.count >= 2 && first.totalFound > first.products.count)
            let second = first.products[1]
            let (events, reply, steps) = try await answer("tell me more about the second one", in: session, gateway)
            #expect(!events.contains { $0.type == .results || $0.type == .clarification })
            #expect(reply.hasPrefix("The \(second.title) costs"), "\(reply)")
            #expect(steps.contains("Looking up that product") && steps.contains("Reading its details"), "\(steps)")
            #expect(!steps.contains("Searching the marketplaces"), "\(steps)")
            if let url = second.url { #expect(reply.contains(url), "\(reply)") }
            #expect(events.last?.data.doneStage == .completed)
            // The search goes on where it was.
            let more = try await say("show me more", in: session, gateway)
            #expect(more.summary.contains("(\(first.products.count + 1)"), "\(more.summary)")
        }
    }

    @Test func aComparisonOfShownProductsLooksThemUpAndKeepsTheSearch() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_compare"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.products.count >= 3 && first.totalFound > first.products.count)
            let (events, reply, steps) = try await answer("what's the difference between the first and the third?",
                                                          in: session, gateway)
            #expect(!events.contains { $0.type == .results || $0.type == .clarification })
            #expect(reply.hasPrefix("Comparing the \(first.products[0].title) and the \(first.products[2].title): "), "\(reply)")
            #expect(steps.contains("Looking up those products") && steps.contains("Comparing them"), "\(steps)")
            #expect(events.last?.data.doneStage == .completed)
            // The search goes on where it was.
            let more = try await say("show me more", in: session, gateway)
            #expect(more.summary.contains("(\(first.products.count + 1)"), "\(more.summary)")
        }
    }

    @Test func whichOneIsTheCheapestNamesAShownProductAndKeepsTheSearch() async throws {
        try await withConversationStack { _, gateway in
            let session = "s_which"
            let first = try await say("running shoes", in: session, gateway)
            try #require(first.products.count >= 2 && first.totalFound > first.products.count)
            for (question, expected) in [
                ("which one is the cheapest?", first.products.min { $0.price < $1.price }),
                ("which is best rated", first.products.filter { $0.rating != nil }.max { ($0.rating ?? 0, $0.reviewCount ?? 0) < ($1.rating ?? 0, $1.reviewCount ?? 0) }),
            ] {
                let product = try #require(expected)
                let (events, reply, _) = try await answer(question, in: session, gateway)
                #expect(!events.contains { $0.type == .results }, "\(question) searched again")
                #expect(reply.hasPrefix("Of the \(first.products.count) shown, "), "\(reply)")
                #expect(reply.contains("is the \(product.title). "), "\(question): \(reply)")
            }
            // The search goes on where it was.
            let more = try await say("show me more", in: session, gateway)
            #expect(more.summary.contains("(\(first.products.count + 1)"), "\(more.summary)")
        }
    }

    @Test func aDownCatalogFailsTheTurnRetryablyAndTheNextTurnWorks() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            // Nothing listens here, and no test running beside this one is given the port.
            let reserved = try LoopbackPortReservation()
            let port = reserved.port
            var config = try orchestrator(server, catalogPort: port)
            config.serviceTimeout = .seconds(1)
            try await withWorkers(config, redis) { gateway in
                let failed = try await gateway.enqueue(session: "s_down", text: "running shoes under 100")
                try await eventually(.seconds(60), "the failed turn") { try await gateway.doneCount(of: "s_down") == 1 }
                let events = try await turnEvents(gateway, "s_down", failed)
                guard case .error(let error) = events.first(where: { $0.type == .error })?.data else {
                    Issue.record("no error: \(events.map(\.type))"); return
                }
                #expect(error.code == .serviceUnavailable)
                #expect(error.retryable)
                #expect(events.last?.data.doneStage == .failed)
                // The catalog comes up on the same port; the session is still usable.
                reserved.release()
                try await withCatalog(port: port) { _ in
                    let next = try await gateway.enqueue(session: "s_down", text: "running shoes under 100")
                    try await eventually(.seconds(60), "the next turn") { try await gateway.doneCount(of: "s_down") == 2 }
                    #expect(try await turnEvents(gateway, "s_down", next).last?.data.doneStage == .completed)
                }
            }
            await redis.close()
        }
    }

    /// A search that takes a while: the steps before it reach the history by the event linger's
    /// deadline, while it still runs, and are not written again with its results.
    @Test func theStepsBeforeASlowSearchAreWrittenWhileItRuns() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            try await withCatalog { catalogPort in
                let gate = SearchGate()
                try await withGatedCatalog(forwardingTo: catalogPort, gate: gate) { gatedPort in
                    var config = try orchestrator(server, catalogPort: gatedPort)
                    config.eventLinger = .milliseconds(20)
                    try await withWorkers(config, redis) { gateway in
                        let turn = try await gateway.enqueue(session: "s_slow", text: "running shoes under 100")
                        try await eventually(.seconds(30), "the search step while the search waits") {
                            try await gateway.events(of: "s_slow").contains { $0.data.progressNode == "search_marketplaces" }
                        }
                        #expect(try await gateway.doneCount(of: "s_slow") == 0)
                        await gate.open()
                        try await eventually(.seconds(30), "the turn ends") { try await gateway.doneCount(of: "s_slow") == 1 }
                        let events = try await turnEvents(gateway, "s_slow", turn)
                        #expect(events.filter { $0.data.progressNode == "search_marketplaces" }.count == 1)
                        #expect(events.filter { $0.type == .requirements }.count == 1)
                        #expect(events.filter { $0.type == .results }.count == 1)
                        #expect(events.last?.data.doneStage == .completed)
                    }
                }
            }
            await redis.close()
        }
    }

    /// Serves the catalog's API on a free port by forwarding to the catalog on `catalogPort`,
    /// each search only once `gate` opens.
    func withGatedCatalog(forwardingTo catalogPort: Int, gate: SearchGate,
                          _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let upstream = ServiceHTTPClient(service: "catalog-service", baseURL: "http://127.0.0.1:\(catalogPort)",
                                         timeout: .seconds(5), retry: .none, logger: Logger(label: "test"))
        @Sendable func forward(_ method: NIOHTTP1.HTTPMethod, _ path: String, _ body: [UInt8]?) async throws -> Response {
            let answer = try await upstream.send(method, path, body: body, isIdempotent: true)
            return Response(status: .init(code: answer.status), headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: answer.body))
        }
        let router = Router()
        router.get("/v1/categories") { _, _ in try await forward(.GET, "/v1/categories", nil) }
        router.get("/v1/brands") { _, _ in try await forward(.GET, "/v1/brands", nil) }
        router.post("/v1/search") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            await gate.pass()
            return try await forward(.POST, "/v1/search", Array(buffer: body))
        }
        let port = try freeLoopbackPort()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await whileRunning(app) {
            let probe = ServiceHTTPClient(service: "gated", baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(1),
                                          retry: .none, logger: Logger(label: "test"))
            try await eventually(.seconds(30), "the gated catalog answers") {
                try await probe.send(.GET, "/v1/brands").status == 200
            }
            try await body(port)
        }
    }

    @Test func aRedeliveredTurnDoesNotShowResultsTwice() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            try await withCatalog { port in
                let config = try orchestrator(server, catalogPort: port)
                let gateway = FakeGateway(redis: redis, partitions: config.worker.partitions)
                let turnID = try await gateway.enqueue(session: "s_twice", text: "yoga mat under 50")
                let record = try #require(try await redis.send("HGETALL", SessionKeys("s_twice").turn(turnID)).fieldValues
                    .flatMap(TurnRecord.init(fields:)))
                // The same turn run twice from the start, as after a crash before its checkpoint.
                let services = ConversationServices(
                    engine: EmbeddedEngine(),
                    catalog: CatalogClient(http: ServiceHTTPClient(service: "catalog-service", baseURL: config.catalogURL,
                                                                   logger: Logger(label: "test"))),
                    media: MediaClient(http: ServiceHTTPClient(service: "media-service", baseURL: config.mediaURL,
                                                               logger: Logger(label: "test"))),
                    mediaStore: MediaStore(redis: redis))
                let events = TurnEvents(sessionID: "s_twice", turnID: turnID,
                                        log: SessionEventLog(redis: redis, ttlSeconds: 600))
                for _ in 0..<2 {
                    let graph = try ConversationGraph.make(services, checkpointer: InMemoryCheckpointer())
                    _ = try await ConversationRunner(graph: graph).run(
                        RunningTurn(turn: record, events: events, isCancelled: { false }, logger: Logger(label: "test")))
                }
                let stored = try await gateway.events(of: "s_twice")
                #expect(stored.filter { $0.type == .results }.count == 1)
                #expect(stored.filter { $0.type == .requirements }.count == 1)
            }
            await redis.close()
        }
    }
}

extension EventData {
    /// The stage of a `done` event, else `nil`.
    var doneStage: WorkflowStage? {
        if case .done(let done) = self { return done.stage }
        return nil
    }
}

/// Holds searches until the test opens it.
actor SearchGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func pass() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

extension EventData {
    /// The node of a `progress` event.
    var progressNode: String? {
        if case .progress(let progress) = self { progress.node } else { nil }
    }
}
