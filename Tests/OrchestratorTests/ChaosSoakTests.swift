import Foundation
import Orchestrator
import Shared
import Testing
import TestSupport

/// Whether the long soak and chaos runs are asked for (`make test-long`).
let longTestsEnabled = ProcessInfo.processInfo.environment["LONG_TESTS"] == "1"

/// Worker processes SIGKILLed again and again while many sessions' turns run: every turn still
/// ends with exactly one `done`, each session's turns end in the order they were sent, a result
/// is never shown twice, and no session is left locked. `make test` runs it small (200 turns, 6
/// kills, a few seconds); `make test-long` as a soak (5,000 turns, 150 kills).
@Suite(.timeLimit(.minutes(10)))
struct ChaosSoakTests {
    static let sessions = longTestsEnabled ? 200 : 20
    static let turnsPerSession = longTestsEnabled ? 25 : 10
    static let workers = 3
    static let kills = longTestsEnabled ? 150 : 6

    func startWorker(_ server: RedisServer, id: String) throws -> ChildProcess {
        let executable = try #require(CrashRecoveryTests.worker, "TestWorker is built by `swift build --build-tests`")
        return try ChildProcess(executable, environment: ["REDIS_URL": server.url, "WORKER_ID": id, "MODE": "steady",
                                                          "PARTITIONS": "4"])
    }

    @Test func workersKilledOverAndOverLoseNoTurnAndKeepEachSessionsOrder() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let gateway = FakeGateway(redis: redis, partitions: 4)
            let sessions = (0..<Self.sessions).map { "s_chaos\($0)" }
            // Interleaved: turn k of every session, then turn k + 1. All of them before the workers
            // start, so that every kill meets a backlog: with workers already running, a loaded
            // machine's slower enqueues let them finish everything before the first kill.
            var sent: [String: [String]] = [:]
            for turn in 0..<Self.turnsPerSession {
                for session in sessions {
                    sent[session, default: []].append(try await gateway.enqueue(session: session, text: "turn \(turn)"))
                }
            }
            var workers = try (0..<Self.workers).map { try startWorker(server, id: "w\($0)") }
            defer { workers.forEach { $0.kill() } }
            let total = Self.sessions * Self.turnsPerSession
            func doneCount() async throws -> Int {
                var count = 0
                for session in sessions { count += try await gateway.doneCount(of: session) }
                return count
            }
            // Kill a worker each time another share of the turns has ended, and start a new one.
            var killed = 0
            var spawned = Self.workers
            while killed < Self.kills {
                let target = (killed + 1) * total / (Self.kills + 2)
                try await eventually(.seconds(60), "\(target) turns done before kill \(killed + 1)") { try await doneCount() >= target }
                let victim = Int.random(in: 0..<workers.count)
                workers[victim].kill()
                workers[victim] = try startWorker(server, id: "w\(spawned)")
                spawned += 1
                killed += 1
            }
            try await eventually(.seconds(120), "all \(total) turns done") { try await doneCount() == total }

            var failed = 0
            var reRun = 0
            for session in sessions {
                let events = try await gateway.events(of: session)
                let dones = events.filter { $0.type == .done }
                #expect(dones.map(\.turnID) == (sent[session] ?? []).map(Optional.some), "\(session): turns ended out of order")
                for turnID in sent[session] ?? [] {
                    let own = events.filter { $0.turnID == turnID }
                    #expect(own.filter { $0.type == .done }.count == 1, "\(turnID): not exactly one done")
                    #expect(own.filter { $0.type == .results }.count <= 1, "\(turnID): results shown twice")
                    #expect(own.last?.type == .done, "\(turnID): an event after its done")
                    if own.last?.data.doneStage == .failed { failed += 1 }
                    if own.filter({ $0.type == .progress }).count > 1 { reRun += 1 }
                }
            }
            // A turn is dead-lettered only after three of its deliveries died with their workers,
            // and a test worker runs two turns at once.
            #expect(failed <= 2 * Self.kills / 3, "\(failed) turns failed")
            print("chaos: \(total) turns, \(killed) workers killed, \(reRun) turns run again elsewhere, \(failed) dead-lettered")
            #expect(reRun > 0, "no kill met a turn in flight: the run tested nothing")
            try await eventually(.seconds(10), "no session left locked") {
                for session in sessions where try await redis.send("EXISTS", SessionKeys(session).lease).int != 0 { return false }
                return true
            }
            await redis.close()
        }
    }
}
