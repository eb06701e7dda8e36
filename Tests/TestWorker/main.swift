// A worker process for the orchestrator's crash tests: the real WorkerPool with a runner whose
// behaviour the test chooses, so a test can SIGKILL a real process in the middle of a turn.
//   REDIS_URL, WORKER_ID, PARTITIONS, MODE=gated|poison
import Foundation
import Logging
import Orchestrator
import Shared

#if canImport(Glibc)
import Glibc
#endif

/// `gated`: emits progress, then waits until the test pushes to `test:release:<turn>`.
/// `poison`: kills its own process (SIGKILL) when the turn's text is "poison".
struct ChildRunner: TurnRunner {
    let redis: RedisClient
    let mode: String

    func run(_ context: RunningTurn) async throws -> TurnOutcome {
        try await context.events.emit(.progress(ProgressData(stage: .understanding, node: "parse_input",
                                                             message: "Reading (\(ProcessInfo.processInfo.processIdentifier))")))
        if mode == "poison" && context.turn.text == "poison" {
            kill(getpid(), SIGKILL)
        }
        if mode == "gated" {
            while try await redis.withDedicatedConnection({ connection in
                try await connection.execute(RedisCommand("BLPOP", "test:release:\(context.turn.turnID)", "0.05"),
                                             timeout: .seconds(2))
            }) == .null {}
        }
        try await context.events.emit(.results(ResultsData(products: [], totalFound: 0, summary: "done", sources: [])),
                                      once: "results")
        return TurnOutcome(.completed)
    }
}

let environment = ProcessInfo.processInfo.environment
do {
    let redis = try RedisClient(url: environment["REDIS_URL"] ?? "redis://127.0.0.1:6379")
    let settings = WorkerSettings(concurrency: 2, partitions: Int(environment["PARTITIONS"] ?? "") ?? 4,
                                  leaseDuration: .milliseconds(600), claimIdle: .milliseconds(900), maxDeliveries: 3,
                                  readBlock: .milliseconds(100))
    let pool = WorkerPool(settings: settings, redis: redis,
                          runner: ChildRunner(redis: redis, mode: environment["MODE"] ?? "gated"),
                          workerID: environment["WORKER_ID"] ?? "child", sessionTTLSeconds: 600,
                          logger: Logger(label: "test-worker"))
    try await pool.run()
} catch {
    FileHandle.standardError.write(Data("test worker failed: \(error)\n".utf8))
    exit(1)
}
