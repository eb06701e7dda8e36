import Foundation
import GraphRuntime
import Orchestrator
import Shared
import Testing
import TestSupport
import Understanding

/// A turn's events go to Redis in batches: with the checkpoint of the node that produced them,
/// fenced by the session lease (docs/architecture.md, "Life of a turn").
@Suite(.timeLimit(.minutes(1)))
struct EventBatchingTests {
    static func progress(_ node: String) -> EventData {
        .progress(ProgressData(stage: .understanding, node: node, message: node))
    }

    /// Runs `body` with a fresh Redis, the session's event log and the events of turn `t_1`.
    static func withTurnEvents(
        _ sessionID: String, _ body: (RedisClient, SessionEventLog, TurnEvents) async throws -> Void
    ) async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let log = SessionEventLog(redis: redis, ttlSeconds: 60)
            try await body(redis, log, TurnEvents(sessionID: sessionID, turnID: "t_1", log: log))
        }
    }

    @Test func aNodesEventsAndItsCheckpointAreOneCommitAndOneLiveMessage() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let subscriber = redis.makeSubscriber()
            let listening = Task { try await subscriber.run() }
            defer {
                listening.cancel()
                Task { await redis.close() }
            }
            let keys = SessionKeys("s_batch")
            try await subscriber.subscribe([keys.live])
            try await redis.send("SET", keys.lease, "w1:1")
            let events = TurnEvents(sessionID: "s_batch", turnID: "t_1", log: SessionEventLog(redis: redis, ttlSeconds: 60),
                                    leaseHolder: "w1:1")
            events.buffer(Self.progress("build_requirement_spec"))
            events.buffer(.requirements(RequirementsData(spec: RequirementSpec(category: "laptops"))), once: "requirements")
            let checkpoint = StoredCheckpoint(version: 1, status: .running, nextNode: "need_clarify", runID: "t_1",
                                              channels: ["spec": Array(#"{"category":"laptops"}"#.utf8)])
            try await events.commit(with: RedisCheckpointer.versionedWrite(threadID: "s_batch", checkpoint))

            let stored = try await SessionEventLog(redis: redis, ttlSeconds: 60).events(of: "s_batch", after: nil)
            #expect(stored.count == 2)
            #expect(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_batch") == checkpoint)
            // The entry's id, then its events: one entry, so two messages.
            let live = try await withDeadline(.seconds(5), "live messages") { () -> [[UInt8]] in
                var messages: [[UInt8]] = []
                for await event in subscriber.events {
                    if case .message(_, let payload) = event { messages.append(payload) }
                    if messages.count == 2 { break }
                }
                return messages
            }
            var pairing = LiveEntryPairing()
            let afterID = pairing.events(in: live[0], on: keys.live)
            #expect(afterID?.isEmpty == true)
            let paired = pairing.events(in: live[1], on: keys.live)
            let published = try #require(paired)
            #expect(published.map(\.0) == stored.map(\.0))
            #expect(published.map { Array($0.1) } == stored.map(\.1))
        }
    }

    @Test func aWorkerThatLostTheLeaseWritesNeitherEventsNorCheckpoints() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let keys = SessionKeys("s_fenced")
            try await redis.send("SET", keys.lease, "w2:7")  // another worker took the session over
            let stale = TurnEvents(sessionID: "s_fenced", turnID: "t_1", log: SessionEventLog(redis: redis, ttlSeconds: 60),
                                   leaseHolder: "w1:6")
            await #expect(throws: SessionEventLog.CommitError.leaseLost) {
                try await stale.emit(Self.progress("search_marketplaces"))
            }
            stale.buffer(Self.progress("rank_and_compose"))
            let checkpoint = StoredCheckpoint(version: 1, status: .running, nextNode: "done", runID: "t_1", state: [1])
            await #expect(throws: SessionEventLog.CommitError.leaseLost) {
                try await stale.commit(with: RedisCheckpointer.versionedWrite(threadID: "s_fenced", checkpoint))
            }
            #expect(try await redis.send("EXISTS", keys.events, keys.checkpoint).int == 0)

            let queue = SessionQueue(redis: redis, workerID: "w1", leaseDuration: .seconds(5), ttlSeconds: 60,
                                     historyLimit: 100)
            let turn = TurnRecord(turnID: "t_1", sessionID: "s_fenced", userID: "u", text: "hi")
            await #expect(throws: SessionEventLog.CommitError.leaseLost) {
                try await queue.finish(turn, stage: .completed, duration: .milliseconds(3), leaseHolder: "w1:6")
            }
            #expect(try await redis.send("EXISTS", keys.events).int == 0)
        }
    }

    @Test func aCheckpointVersionConflictWritesNoEvents() async throws {
        try await Self.withTurnEvents("s_conflict") { redis, log, events in
            let checkpoint = StoredCheckpoint(version: 2, status: .running, nextNode: "done", runID: "t_1", state: [1])
            events.buffer(Self.progress("done"))
            await #expect(throws: SessionEventLog.CommitError.versionConflict(found: 0)) {
                try await events.commit(with: RedisCheckpointer.versionedWrite(threadID: "s_conflict", checkpoint))
            }
            let stored = try await log.events(of: "s_conflict", after: nil)
            #expect(stored.isEmpty)
        }
    }

    @Test func deferredCommitsWaitAndThenGoInOrderInOneRoundTrip() async throws {
        try await Self.withTurnEvents("s_deferred") { redis, log, events in
            func checkpoint(_ version: Int) -> SessionEventLog.VersionedWrite {
                RedisCheckpointer.versionedWrite(threadID: "s_deferred", StoredCheckpoint(
                    version: version, status: .running, nextNode: "n\(version + 1)", runID: "t_1",
                    channels: ["step": Array("\(version)".utf8)]))
            }
            for version in 1...2 {
                events.buffer(Self.progress("n\(version)"))
                try await events.commit(with: checkpoint(version), deferred: true)
            }
            // Deferred: nothing is written yet.
            #expect(try await log.events(of: "s_deferred", after: nil).isEmpty)
            #expect(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_deferred") == nil)
            events.buffer(Self.progress("n3"))
            try await events.commit(with: checkpoint(3))
            let stored = try await log.events(of: "s_deferred", after: nil).map { String(decoding: $0.1, as: UTF8.self) }
            #expect(stored.count == 3)
            #expect(zip(stored, ["n1", "n2", "n3"]).allSatisfy { $0.contains("\"node\":\"\($1)\"") })
            let saved = try #require(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_deferred"))
            #expect(saved.version == 3 && saved.channels["step"] == Array("3".utf8))
        }
    }

    @Test func whenTheFirstOfSeveralCommitsIsRefusedNoneIsWritten() async throws {
        try await Self.withTurnEvents("s_refused") { redis, log, events in
            for version in 4...5 {  // nothing stored: version 4 conflicts, and so does 5 after it
                events.buffer(Self.progress("n\(version)"))
                try await events.commit(with: RedisCheckpointer.versionedWrite(threadID: "s_refused", StoredCheckpoint(
                    version: version, status: .running, nextNode: "x", runID: "t_1", state: [1])), deferred: true)
            }
            events.buffer(Self.progress("late"))
            await #expect(throws: SessionEventLog.CommitError.versionConflict(found: 0)) { try await events.flush() }
            #expect(try await log.events(of: "s_refused", after: nil).isEmpty)
        }
    }

    /// A checkpoint of `s_linger` at `version`, as a node's commit writes it.
    static func lingerCheckpoint(_ version: Int) -> SessionEventLog.VersionedWrite {
        RedisCheckpointer.versionedWrite(threadID: "s_linger", StoredCheckpoint(
            version: version, status: .running, nextNode: "n\(version + 1)", runID: "t_1", state: [UInt8(version)]))
    }

    /// A node's commit (version 1) waits, then the search starts: its progress and a lingering flush.
    static func startSearch(_ events: TurnEvents, within linger: Duration) async throws {
        events.buffer(progress("n1"))
        try await events.commit(with: lingerCheckpoint(1), deferred: true)
        events.buffer(progress("search_marketplaces"))
        try await events.flush(within: linger)
    }

    /// Waits until `s_linger`'s history holds `count` events, written by a lingering flush alone.
    static func awaitHistory(_ log: SessionEventLog, count: Int, _ what: String) async throws {
        try await eventually(.seconds(10), what) { try await log.events(of: "s_linger", after: nil).count == count }
    }

    @Test func aLingeringFlushSharesTheNextWriteWhenThatComesFirst() async throws {
        try await Self.withTurnEvents("s_linger") { redis, log, events in
            try await Self.startSearch(events, within: .seconds(30))
            #expect(try await log.events(of: "s_linger", after: nil).isEmpty)  // waiting for its deadline
            events.buffer(Self.progress("rank_and_compose"))
            try await events.commit(with: Self.lingerCheckpoint(2))
            let stored = try await log.events(of: "s_linger", after: nil).map { String(decoding: $0.1, as: UTF8.self) }
            #expect(stored.count == 3)
            #expect(zip(stored, ["n1", "search_marketplaces", "rank_and_compose"]).allSatisfy { $0.contains("\"node\":\"\($1)\"") })
            #expect(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_linger")?.version == 2)
        }
    }

    @Test func aLingeringFlushWritesByItsDeadlineAndTheNextWriteFollowsIt() async throws {
        try await Self.withTurnEvents("s_linger") { redis, log, events in
            try await Self.startSearch(events, within: .milliseconds(20))
            // Nothing else is written: the deadline alone sends the two events and version 1.
            try await Self.awaitHistory(log, count: 2, "the lingering write")
            #expect(events.bufferedFor == .zero)
            events.buffer(Self.progress("rank_and_compose"))
            try await events.commit(with: Self.lingerCheckpoint(2))  // compare-and-set on version 1
            #expect(try await log.events(of: "s_linger", after: nil).count == 3)
            #expect(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_linger")?.version == 2)
        }
    }

    @Test func twoSlowStepsInARowAreEachWrittenByTheirDeadline() async throws {
        try await Self.withTurnEvents("s_linger") { redis, log, events in
            try await Self.startSearch(events, within: .milliseconds(10))
            try await Self.awaitHistory(log, count: 2, "the first lingering write")
            // The search ended (its commit waits), and another slow step starts.
            try await events.commit(with: Self.lingerCheckpoint(2), deferred: true)
            events.buffer(Self.progress("rank_and_compose"))
            try await events.flush(within: .milliseconds(10))
            try await Self.awaitHistory(log, count: 3, "the second lingering write, with no other write")
            #expect(try await RedisCheckpointer(redis: redis, ttlSeconds: 60).load(threadID: "s_linger")?.version == 2)
        }
    }

    @Test func aLingeringWriteThatFailedFailsTheNextWrite() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            try await redis.send("SET", SessionKeys("s_linger").lease, "w2:7")  // another worker took the session over
            let stale = TurnEvents(sessionID: "s_linger", turnID: "t_1", log: SessionEventLog(redis: redis, ttlSeconds: 60),
                                   leaseHolder: "w1:6")
            stale.buffer(Self.progress("search_marketplaces"))
            try await stale.flush(within: .milliseconds(5))
            try await eventually(.seconds(10), "the lingering write to take the events") { stale.bufferedFor == .zero }
            // Nothing is buffered any more: only the refused deadline write can fail this one.
            await #expect(throws: SessionEventLog.CommitError.leaseLost) { try await stale.flush() }
            try await stale.flush()  // reported once
            #expect(try await redis.send("EXISTS", SessionKeys("s_linger").events).int == 0)
        }
    }

    @Test func tokensOfOneNodeJoinAndOnceEventsStayOnce() async throws {
        try await Self.withTurnEvents("s_tokens") { redis, log, events in
            for word in ["Here ", "are ", "three."] { events.buffer(.token(TokenData(text: word, node: "rank_and_compose"))) }
            events.buffer(.token(TokenData(text: "Which?", node: "ask_clarifying_q")))
            let results = EventData.results(ResultsData(products: [], totalFound: 0, summary: "none", sources: []))
            events.buffer(results, once: "results")
            try await events.flush()
            #expect(try await events.emit(results, once: "results") == nil)  // a re-run's second copy
            let stored = try await log.events(of: "s_tokens", after: nil).map { id, json in
                try JSONDecoder().decode(ServerEvent.self, from: Data(SessionEventLog.withEventID(id, json: json)))
            }
            #expect(stored.map(\.type) == [.token, .token, .results])
            guard case .token(let first) = stored[0].data, case .token(let second) = stored[1].data else {
                Issue.record("expected two tokens")
                return
            }
            #expect(first.text == "Here are three." && first.node == "rank_and_compose")
            #expect(second.text == "Which?")
        }
    }
}

/// Every field of the conversation state is a checkpoint channel, so a crash loses none.
struct ConversationStateChannelTests {
    @Test func everyFieldSurvivesTheChannelRoundTrip() throws {
        let state = Self.fullState()
        #expect(try StateCodec<ConversationState>().roundTrip(state, base: ConversationState()) == state)
    }

    /// Checkpoints stored before the channels had hand-written JSON (each field by `JSONEncoder`)
    /// read back whole.
    @Test func readsChannelsWrittenByTheEncoder() throws {
        let state = Self.fullState()
        let encoder = JSONEncoder()
        func json(_ value: some Encodable) throws -> [UInt8] { Array(try encoder.encode(value)) }
        let stored: [String: [UInt8]] = [
            "spec": try json(state.spec), "clarification_count": try json(state.clarificationCount),
            "history": try json(state.history), "last_shown": try json(state.lastShown), "turn_text": try json(state.turnText),
            "media": try json(state.media), "transcript": try json(state.transcript), "image": try json(state.image),
            "media_decision": try json(state.mediaDecision), "clarify": try json(state.clarify), "results": try json(state.results),
            "earlier_shown": try json(state.earlierShown), "asked_product": try json(state.askedProduct),
            "compared_products": try json(state.comparedProducts), "nearest_outside_budget": try json(state.nearestOutsideBudget),
            "search_before_budget": try json(state.searchBeforeBudget),
            "earlier_shown_before_budget": try json(state.earlierShownBeforeBudget), "words_added": try json(state.wordsAdded),
        ]
        #expect(Set(stored.keys) == Set(ConversationState.channels.map(\.name)))
        #expect(try StateCodec<ConversationState>().decode(stored, base: ConversationState()).state == state)
    }

    /// A shown product keeps the amounts a follow-up steps past ("a longer battery" than these),
    /// not its other attributes; one stored before it kept any reads back with none.
    @Test func aShownProductKeepsItsSteppedAmountsOnly() throws {
        let shown = ShownProduct(ProductResult(id: "e1", title: "Earbuds", brand: nil, category: "Headphones", price: 50,
                                               currency: "USD", marketplace: "local",
                                               attributes: ["battery_life": "8 hours", "Wattage": "5W", "color": "blue"]))
        #expect(shown.amounts == ["battery_life": "8 hours", "Wattage": "5W"])
        let stored = #"{"id":"e1","title":"Earbuds","brand":null,"category":"Headphones","price":50,"currency":"USD","#
            + #""marketplace":"local"}"#
        let old = try JSONReader.decode(ShownProduct.self, from: Array(stored.utf8))
        #expect(old.amounts.isEmpty && old.title == "Earbuds")
        #expect(try JSONDecoder().decode(ShownProduct.self, from: Data(stored.utf8)).amounts.isEmpty)
    }

    @Test func theHistoryKeepsWhatTheEnginesReadAndNoMore() {
        var state = ConversationState()
        for index in 0..<20 { state.remember(.user, "message \(index)") }
        state.remember(.assistant, String(repeating: "é", count: 600))  // 1,200 UTF-8 bytes
        #expect(state.history.count == ConversationMessage.readLimit)
        #expect(state.history.first?.text == "message 9")
        #expect(state.history.last?.text == String(repeating: "é", count: ConversationMessage.textReadLimit))
    }

    static func fullState() -> ConversationState {
        var state = ConversationState()
        state.spec = RequirementSpec(category: "laptops", query: "gaming laptop", budget: .init(max: 1000),
                                     brands: ["Asus"], attributes: ["ram": "16GB"])
        state.clarificationCount = 1
        state.history = [ConversationMessage(role: .user, text: "a laptop\tfor \"work\" \\ games"),
                         ConversationMessage(role: .assistant, text: "For what?\u{0001} — é")]
        state.lastShown = [ShownProduct(ProductResult(id: "p1", title: "Zephyrus", brand: "Asus", category: "laptops",
                                                      price: 999, currency: "USD", rating: 4.4, reviewCount: 312,
                                                      marketplace: "local", attributes: ["RAM": "16GB", "color": "black"]))]
        state.earlierShown = ["p0", "p\"1"]
        state.turnText = "gaming"
        state.media = [MediaReference(type: .image, mimeType: "image/png", mediaID: "m_1")]
        state.transcript = TranscriptData(text: "gaming laptop", confidence: 0.9, durationMilliseconds: 1200, engine: "pocketsphinx")
        state.image = ImageAttributesData(colors: [NamedColor(name: "red", hex: "#cc0000", fraction: 0.6)],
                                          attributes: ["pattern": "solid"], labels: ["sneaker"], engine: "pixels")
        state.mediaDecision = .both
        // Every field set, though no real decision has them all.
        state.clarify = ClarifyDecision(shouldAsk: true, missingFields: ["budget"], isSmallTalk: true, detailsOf: "p\"1",
                                        compared: ["p1", "p\"2"])
        let product = ProductResult(id: "p2", title: "Quiet \"Pro\" 45 — \u{1F3A7}\nover-ear", brand: nil, category: "headphones",
                                    price: 249.5, currency: "USD", url: "https://example.com/p2", rating: 4.6, reviewCount: 1288,
                                    marketplace: "local", attributes: ["colour": "black", "anc": "yes"], score: 0.83,
                                    matchReasons: ["under $300", "rated 4.6 by 1,288 buyers"])
        state.results = SearchResults(products: [product], totalFound: 3, sources: [SourceStatus(
            marketplace: "local", count: 3, latencyMilliseconds: 2), SourceStatus(marketplace: "ebay", count: 0,
                                                                               latencyMilliseconds: 900, error: "timed out")])
        state.askedProduct = product
        state.comparedProducts = [product, product]
        state.nearestOutsideBudget = product
        state.searchBeforeBudget = RequirementSpec(category: "laptops", query: "gaming laptop", brands: ["Asus"])
        state.earlierShownBeforeBudget = ["p0"]
        state.wordsAdded = ["usb", "port"]
        return state
    }
}
