import Foundation
import Logging
import Orchestrator
import Shared
import Testing
import TestSupport

/// Real worker processes, really SIGKILLed mid-turn.
@Suite(.timeLimit(.minutes(3)))
struct CrashRecoveryTests {
    static let worker = ChildProcess.builtExecutable("TestWorker")

    func startWorker(_ server: RedisServer, id: String, mode: String) throws -> ChildProcess {
        let executable = try #require(Self.worker, "TestWorker is built by `swift build --build-tests`")
        return try ChildProcess(executable, environment: ["REDIS_URL": server.url, "WORKER_ID": id, "MODE": mode,
                                                          "PARTITIONS": "4"])
    }

    @Test func aTurnWhoseWorkerWasKilledCompletesOnAnotherWithOneDone() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: 4)
            let victim = try startWorker(server, id: "victim", mode: "gated")
            let turnID = try await gateway.enqueue(session: "s_crash", text: "hello")
            try await eventually(.seconds(30), "the victim runs the turn") {
                try await gateway.events(of: "s_crash").contains { $0.type == .progress }
            }
            victim.kill()
            let survivor = try startWorker(server, id: "survivor", mode: "gated")
            defer { survivor.kill() }
            try await redis.send("RPUSH", "test:release:\(turnID)", "go")
            try await eventually(.seconds(30), "the survivor finishes it") { try await gateway.doneCount(of: "s_crash") == 1 }
            let events = try await gateway.events(of: "s_crash")
            #expect(events.filter { $0.type == .done }.count == 1)
            #expect(events.filter { $0.type == .results }.count == 1)
            #expect(events.last?.type == .done)
            // The survivor re-ran the turn: two progress events from two different processes.
            let runners = Set(events.compactMap { event -> String? in
                if case .progress(let progress) = event.data { return progress.message }
                return nil
            })
            #expect(runners.count == 2)
            await redis.close()
        }
    }

    @Test func aTurnThatKillsEveryWorkerIsDeadLettered() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: 4)
            try await gateway.enqueue(session: "s_poison", text: "poison")
            var workers: [ChildProcess] = []
            defer { workers.forEach { $0.kill() } }
            // Each worker that takes the turn dies; the fourth delivery is dead-lettered.
            for index in 1...6 {
                let worker = try startWorker(server, id: "w\(index)", mode: "poison")
                workers.append(worker)
                try await withDeadline(.seconds(30), "worker \(index) dies or the turn ends") {
                    while worker.isRunning {
                        if try await gateway.doneCount(of: "s_poison") == 1 { return }
                        try await Task.sleep(for: .milliseconds(20))  // backoff between checks, bounded by the deadline
                    }
                }
                if try await gateway.doneCount(of: "s_poison") == 1 { break }
            }
            let events = try await gateway.events(of: "s_poison")
            guard case .done(let done) = events.last?.data else { Issue.record("no done: \(events)"); return }
            #expect(done.stage == .failed)
            #expect(events.contains { if case .error(let error) = $0.data { error.code == .internal } else { false } })
            #expect(workers.count == 4)
            await redis.close()
        }
    }
}
