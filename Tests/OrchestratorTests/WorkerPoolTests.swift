import Foundation
import Logging
import Orchestrator
import Shared
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(3)))
struct WorkerPoolTests {
    // A lease long enough that a busy test machine never lets one lapse under a live worker
    // (that would re-run a turn, which the ordering test counts).
    static let settings = WorkerSettings(concurrency: 4, partitions: 4, leaseDuration: .seconds(3),
                                         claimIdle: .seconds(4), maxDeliveries: 3, turnTimeout: .seconds(20),
                                         readBlock: .milliseconds(100))

    func makePool(_ redis: RedisClient, runner: any TurnRunner, id: String) -> WorkerPool {
        WorkerPool(settings: Self.settings, redis: redis, runner: runner, workerID: id, sessionTTLSeconds: 600,
                   logger: Logger(label: "test"))
    }

    @Test func twoWorkersKeepEverySessionInOrder() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: Self.settings.partitions)
            let sessions = (0..<50).map { "s_order\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ["w1", "w2"] {
                    group.addTask { try await self.makePool(redis, runner: RecordingRunner(redis: redis), id: id).run() }
                }
                // Interleave four turns per session.
                for round in 1...4 {
                    for session in sessions { try await gateway.enqueue(session: session, text: "\(round)") }
                }
                for session in sessions {
                    try await eventually(.seconds(60), "four turns of \(session)") {
                        try await gateway.doneCount(of: session) == 4
                    }
                }
                // Every doorbell is acknowledged (with the workers' next reads) and deleted.
                try await eventually(.seconds(10), "doorbells acknowledged") {
                    var pending = 0
                    for partition in 0..<Self.settings.partitions {
                        let stream = TurnPartitions.stream(partition)
                        pending += try await redis.send("XPENDING", stream, TurnPartitions.consumerGroup).array?.first?.int ?? 0
                        pending += try await redis.send("XLEN", stream).int ?? 0
                    }
                    return pending == 0
                }
                group.cancelAll()
            }
            for session in sessions {
                let log = try await redis.send("LRANGE", "test:log:{\(session)}", 0, -1).array?.compactMap(\.string)
                #expect(log == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3", "start 4", "end 4"], "\(session)")
                let events = try await gateway.events(of: session)
                // Event ids increase strictly, and each turn ends with exactly one done.
                #expect(zip(events, events.dropFirst()).allSatisfy { $0.eventID! < $1.eventID! })
                #expect(Set(events.compactMap(\.turnID)).count == 4)
                #expect(try await redis.send("HGET", SessionKeys(session).session, "turns").int == 4)
                // Never left locked: the lease goes right after the last turn's done.
                try await eventually(.seconds(10), "lease of \(session) released") {
                    try await redis.send("EXISTS", SessionKeys(session).lease).int == 0
                }
            }
            await redis.close()
        }
    }

    @Test func cancelStopsTheRunningTurnAndTheNextOneRuns() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: Self.settings.partitions)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.makePool(redis, runner: GatedRunner(redis: redis), id: "w1").run() }
                let first = try await gateway.enqueue(session: "s_cancel", text: "first")
                let second = try await gateway.enqueue(session: "s_cancel", text: "second")
                try await eventually(.seconds(20), "first turn running") {
                    try await gateway.events(of: "s_cancel").contains { $0.turnID == first && $0.type == .progress }
                }
                try await gateway.cancel(session: "s_cancel", turnID: first)
                try await redis.send("RPUSH", "test:release:\(second)", "go")
                try await eventually(.seconds(20), "both turns done") { try await gateway.doneCount(of: "s_cancel") == 2 }
                group.cancelAll()
                let dones = try await gateway.events(of: "s_cancel").compactMap { event -> (String?, WorkflowStage)? in
                    if case .done(let data) = event.data { return (event.turnID, data.stage) }
                    return nil
                }
                #expect(dones.map(\.0) == [first, second])
                #expect(dones.map(\.1) == [.cancelled, .completed])
            }
            await redis.close()
        }
    }

    @Test func aServiceFailureEndsTheTurnWithAnErrorAndTheSessionStaysUsable() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: Self.settings.partitions)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.makePool(redis, runner: FailingRunner(), id: "w1").run() }
                try await gateway.enqueue(session: "s_fail", text: "catalog down")
                try await gateway.enqueue(session: "s_fail", text: "fine")
                try await eventually(.seconds(20), "both turns done") { try await gateway.doneCount(of: "s_fail") == 2 }
                group.cancelAll()
            }
            let events = try await gateway.events(of: "s_fail")
            let kinds = events.map { event -> String in
                switch event.data {
                case .error(let error): "error \(error.code.rawValue) \(error.retryable)"
                case .done(let done): "done \(done.stage.rawValue)"
                default: event.type.rawValue
                }
            }
            #expect(kinds == ["error service_unavailable true", "done failed", "done completed"])
            await redis.close()
        }
    }

    /// A Redis that lost its data (restarted without persistence, or flushed) has no consumer
    /// groups: the pool makes them again and serves the turns rung since.
    @Test func thePoolMakesItsGroupsAgainWhenRedisLosesThem() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: Self.settings.partitions)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.makePool(redis, runner: RecordingRunner(redis: redis), id: "w1").run() }
                try await gateway.enqueue(session: "s_before", text: "first")
                try await eventually(.seconds(20), "the first turn done") { try await gateway.doneCount(of: "s_before") == 1 }
                try await redis.send("FLUSHALL")
                try await gateway.enqueue(session: "s_after", text: "after the flush")
                try await eventually(.seconds(20), "the turn after the flush done") {
                    try await gateway.doneCount(of: "s_after") == 1
                }
                group.cancelAll()
            }
            await redis.close()
        }
    }

    @Test func aTurnThatKeepsFailingDeliveryIsDeadLettered() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: Self.settings.partitions)
            let turnID = try await gateway.enqueue(session: "s_poison", text: "poison")
            // Three workers already died on it.
            try await redis.send("HSET", SessionKeys("s_poison").turn(turnID), "attempts", 3)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.makePool(redis, runner: RecordingRunner(redis: redis), id: "w1").run() }
                try await eventually(.seconds(20), "dead letter") { try await gateway.doneCount(of: "s_poison") == 1 }
                group.cancelAll()
            }
            let events = try await gateway.events(of: "s_poison")
            guard case .error(let error) = events.first?.data, case .done(let done) = events.last?.data else {
                Issue.record("\(events)"); return
            }
            #expect(error.code == .internal)
            #expect(done.stage == .failed)
            // It never ran.
            #expect(try await redis.send("EXISTS", "test:log:{s_poison}").int == 0)
            await redis.close()
        }
    }
}
