import GraphRuntime
import Orchestrator
import Shared
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)))
struct RedisCheckpointerTests {
    @Test func savesVersionedCheckpointsThatExpireWithTheSession() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let checkpointer = RedisCheckpointer(redis: redis, ttlSeconds: 600)
            #expect(try await checkpointer.load(threadID: "s1") == nil)
            let first = StoredCheckpoint(version: 1, status: .running, nextNode: "need_media_ops", runID: "t1",
                                         state: Array(#"{"x":1}"#.utf8))
            try await checkpointer.save(threadID: "s1", first)
            #expect(try await checkpointer.load(threadID: "s1") == first)
            let ttl = try await redis.send("TTL", RedisCheckpointer.key(threadID: "s1")).int ?? 0
            #expect((1...600).contains(ttl))

            // A stale writer (a worker that lost the session) cannot overwrite a newer checkpoint.
            await #expect(throws: GraphError.checkpointConflict(threadID: "s1", expectedVersion: 0)) {
                try await checkpointer.save(threadID: "s1", StoredCheckpoint(version: 1, status: .running, nextNode: "x",
                                                                             runID: "t1", state: []))
            }
            let done = StoredCheckpoint(version: 2, status: .completed, nextNode: nil, runID: "t1", state: [0, 1, 255])
            try await checkpointer.save(threadID: "s1", done)
            #expect(try await checkpointer.load(threadID: "s1") == done)
            try await checkpointer.delete(threadID: "s1")
            #expect(try await checkpointer.load(threadID: "s1") == nil)
        }
    }

    /// A turn's start reads the session's checkpoint in the same round trip, and the turn's
    /// checkpointer starts from that copy once, then reads Redis again.
    @Test func aTurnsStartReadsTheCheckpointOnce() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let checkpointer = RedisCheckpointer(redis: redis, ttlSeconds: 600)
            let stored = StoredCheckpoint(version: 1, status: .interrupted, nextNode: "need_clarify", runID: "t0",
                                          state: Array(#"{"x":1}"#.utf8))
            try await checkpointer.save(threadID: "s1", stored)
            let turn = TurnRecord(turnID: "t1", sessionID: "s1", userID: "u1", text: "hi")
            let fields: [any RedisArgument] = [SessionKeys("s1").turn("t1")] + turn.fields.flatMap { [$0.0, $0.1] }
            try await redis.send(RedisCommand("HSET", fields))
            let queue = SessionQueue(redis: redis, workerID: "w1", leaseDuration: .seconds(5), ttlSeconds: 60, historyLimit: 100)
            let attempt = try #require(try await queue.startAttempt(sessionID: "s1", turnID: "t1"))
            #expect(try attempt.checkpoint.get() == stored)
            #expect(attempt.attempts == 1 && attempt.turn == turn)

            let prefetched = PrefetchedCheckpoint(attempt.checkpoint)
            try await checkpointer.delete(threadID: "s1")
            #expect(try prefetched.take()?.get() == stored)
            #expect({ if case nil = prefetched.take() { true } else { false } }())

            // A session without a checkpoint reads as none.
            #expect(try #require(try await queue.startAttempt(sessionID: "s1", turnID: "t1")).checkpoint.get() == nil)
        }
    }

    /// Taking the lease for the turn a doorbell named starts that turn in the same step; for any
    /// other head it only names the head, and counts no attempt.
    @Test func takingTheLeaseStartsTheExpectedTurn() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let checkpointer = RedisCheckpointer(redis: redis, ttlSeconds: 600)
            let stored = StoredCheckpoint(version: 3, status: .completed, nextNode: nil, runID: "t0",
                                          state: Array(#"{"x":2}"#.utf8))
            try await checkpointer.save(threadID: "s1", StoredCheckpoint(version: 1, status: .completed, nextNode: nil,
                                                                       runID: "t0", state: []))
            try await checkpointer.save(threadID: "s1", StoredCheckpoint(version: 2, status: .completed, nextNode: nil,
                                                                       runID: "t0", state: []))
            try await checkpointer.save(threadID: "s1", stored)
            let keys = SessionKeys("s1")
            for id in ["t1", "t2"] {
                let turn = TurnRecord(turnID: id, sessionID: "s1", userID: "u1", text: "hi \(id)")
                try await redis.send(RedisCommand("HSET", [keys.turn(id)] + turn.fields.flatMap { [$0.0, $0.1] }))
                try await redis.send("RPUSH", keys.turns, id)
            }
            try await redis.send("SET", keys.cancel, "t1")
            let queue = SessionQueue(redis: redis, workerID: "w1", leaseDuration: .seconds(5), ttlSeconds: 60, historyLimit: 100)

            let first = try #require(try await queue.acquireLease("s1", expectedTurn: "t1"))
            #expect(first.headTurn == "t1")
            let attempt = try #require(first.attempt)
            #expect(attempt.turn.text == "hi t1" && attempt.attempts == 1 && attempt.isCancelRequested)
            #expect(try attempt.checkpoint.get() == stored)
            // Held: nobody else takes it, and nothing is counted.
            #expect(try await queue.acquireLease("s1", expectedTurn: "t1") == nil)
            #expect(try await redis.send("HGET", keys.turn("t1"), "attempts").int == 1)

            #expect(try await queue.release(first.lease, force: true))
            let other = try #require(try await queue.acquireLease("s1", expectedTurn: "t2"))
            #expect(other.headTurn == "t1" && other.attempt == nil && other.lease.token > first.lease.token)
            #expect(try await redis.send("HGET", keys.turn("t1"), "attempts").int == 1)
            #expect(try await redis.send("HGET", keys.turn("t2"), "attempts") == .null)
        }
    }

    @Test func aGraphResumesFromRedisInAnotherProcessView() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            var graph = StateGraph<[String], String>()
            graph.addNode("one") { state, _ in .next(state + ["one"]) }
            graph.addNode("two") { state, _ in .interrupt(state + ["two"], resumeAt: "one") }
            graph.setEntryPoint("one")
            graph.addEdge(from: "one", to: "two")
            graph.addEdge(from: "two", to: END)
            // Two compiled graphs over two Redis checkpointers: as two workers would have.
            let workerA = try graph.compile(checkpointer: RedisCheckpointer(redis: redis, ttlSeconds: 60))
            let workerB = try graph.compile(checkpointer: RedisCheckpointer(redis: redis, ttlSeconds: 60))
            _ = try await workerA.run(threadID: "s", runID: "t1", initialState: [], applyInput: { $0.append("in1") },
                                      sink: { _ in })
            let outcome = try await workerB.run(threadID: "s", runID: "t2", initialState: [],
                                                applyInput: { $0.append("in2") }, sink: { _ in })
            guard case .interrupted(let state, _) = outcome else { Issue.record("\(outcome)"); return }
            #expect(state == ["in1", "one", "two", "in2", "one", "two"])
        }
    }
}

@Suite struct OrchestratorConfigurationTests {
    @Test func settingsAreReadAndChecked() throws {
        let config = try OrchestratorConfiguration(from: ConfigSource(environment: [
            "ORCHESTRATOR_CONCURRENCY": "16", "SESSION_LEASE_S": "2", "CLAIM_IDLE_S": "3", "MAX_CLARIFICATIONS": "1",
            "CATALOG_SERVICE_URL": "http://catalog:8081/", "EVENT_LINGER_S": "0.005",
            "SERVICE_BREAKER_FAILURES": "3", "SERVICE_BREAKER_OPEN_S": "1.5",
        ]))
        #expect(config.serviceBreaker == CircuitBreakerPolicy(failureThreshold: 3, openDuration: .milliseconds(1500)))
        #expect(try OrchestratorConfiguration(from: ConfigSource(environment: [:])).serviceBreaker
            == CircuitBreakerPolicy(failureThreshold: 5, openDuration: .seconds(1)))
        let neverOpen = #expect(throws: ConfigurationError.self) {
            try OrchestratorConfiguration(from: ConfigSource(environment: ["SERVICE_BREAKER_OPEN_S": "0"]))
        }
        #expect(neverOpen?.variable == "SERVICE_BREAKER_OPEN_S")
        #expect(config.worker.concurrency == 16)
        #expect(config.worker.leaseDuration == .seconds(2))
        #expect(config.maxClarifications == 1)
        #expect(config.catalogURL == "http://catalog:8081")
        #expect(config.eventLinger == .milliseconds(5))
        #expect(try OrchestratorConfiguration(from: ConfigSource(environment: [:])).eventLinger == .milliseconds(40))
        // Without settings, the same as the memberwise defaults: each default is named once.
        let unset = try OrchestratorConfiguration(from: ConfigSource(environment: [:]))
        let defaults = OrchestratorConfiguration()
        #expect(unset.worker == defaults.worker && unset.worker.concurrency == 32)
        #expect(unset.serviceBreaker == defaults.serviceBreaker && unset.serviceTimeout == defaults.serviceTimeout)
        #expect(unset.resultLimit == defaults.resultLimit && unset.maxClarifications == defaults.maxClarifications)
        #expect(unset.catalogURL == defaults.catalogURL && unset.mediaURL == defaults.mediaURL && unset.listen == defaults.listen)
        let lingering = #expect(throws: ConfigurationError.self) {
            try OrchestratorConfiguration(from: ConfigSource(environment: ["EVENT_LINGER_S": "2"]))
        }
        #expect(lingering?.variable == "EVENT_LINGER_S")
        let raced = #expect(throws: ConfigurationError.self) {
            try OrchestratorConfiguration(from: ConfigSource(environment: ["SESSION_LEASE_S": "10", "CLAIM_IDLE_S": "5"]))
        }
        #expect(raced?.variable == "CLAIM_IDLE_S")
        let badURL = #expect(throws: ConfigurationError.self) {
            try OrchestratorConfiguration(from: ConfigSource(environment: ["MEDIA_SERVICE_URL": "media:8082"]))
        }
        #expect(badURL?.variable == "MEDIA_SERVICE_URL")
    }
}
