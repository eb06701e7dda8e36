// A worker process for the orchestrator's crash tests: the real WorkerPool with a runner whose
// behaviour the test chooses, so a test can SIGKILL a real process in the middle of a turn.
//   REDIS_URL, WORKER_ID, PARTITIONS, MODE=gated|poison|steady|executor
// Like the orchestrator process, it runs its tasks on NIO's event loops (`runTasksOnEventLoops`).
// `executor` checks that arrangement itself and exits: 0 when every check holds.
import Foundation
import Logging
import NIOCore
import NIOPosix
import Orchestrator
import Shared

#if canImport(Glibc)
import Glibc
#endif

/// `gated`: emits progress, then waits until the test pushes to `test:release:<turn>`.
/// `poison`: kills its own process (SIGKILL) when the turn's text is "poison".
/// `steady`: emits progress, waits about 10 ms in Redis (a service call's worth), then results.
struct ChildRunner: TurnRunner {
    let redis: RedisClient
    let mode: String

    func run(_ context: RunningTurn) async throws -> TurnOutcome {
        try await context.events.emit(.progress(ProgressData(stage: .understanding, node: "parse_input",
                                                             message: "Reading (\(ProcessInfo.processInfo.processIdentifier))")))
        if mode == "poison" && context.turn.text == "poison" {
            kill(getpid(), SIGKILL)
        }
        if mode == "steady" {
            _ = try await redis.withDedicatedConnection { connection in
                try await connection.execute(RedisCommand("BLPOP", "test:never:\(context.turn.turnID)", "0.01"),
                                             timeout: .seconds(2))
            }
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

/// Counts in isolation, for a hop onto an actor and back.
actor HopCounter {
    var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}

/// Whether the calling task runs on one of NIO's singleton event loops.
func onEventLoop() async -> Bool { MultiThreadedEventLoopGroup.currentEventLoop != nil }

/// The checks of `MODE=executor`: tasks, calls between nonisolated functions, actor hops, child
/// tasks and continuations resumed from another thread all run, and run on the loops; a task
/// moved to a loop stays on it.
func checkEventLoopExecutor() async -> [String] {
    var failures: [String] = []
    if !(await Task.detached { await onEventLoop() }.value) { failures.append("a new task is not on a loop") }
    let counter = HopCounter()
    var total = 0
    for _ in 0..<1_000 {
        total += await counter.increment()
        if !(await onEventLoop()) { failures.append("back from the actor, off the loops"); break }
    }
    if total != 500_500 { failures.append("actor hops counted \(total)") }
    let children = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<64 { group.addTask { await onEventLoop() } }
        return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    if children != 64 { failures.append("\(64 - children) child tasks off the loops") }
    let resumed = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
        Thread.detachNewThread { continuation.resume(returning: 42) }
    }
    let resumedOnLoop = await onEventLoop()
    if resumed != 42 || !resumedOnLoop { failures.append("a continuation resumed off the loops") }
    // A task moved to a loop (as the worker pool spreads sessions) stays there through actor
    // hops and replies resumed by that loop, as a connection of the loop resumes them.
    for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
        let stayed = await Task.detached {
            await loop.adoptCallingTask()
            guard loop.inEventLoop else { return false }
            _ = await counter.increment()
            guard loop.inEventLoop else { return false }
            await withCheckedContinuation { (reply: CheckedContinuation<Void, Never>) in loop.execute { reply.resume() } }
            return loop.inEventLoop
        }.value
        if !stayed { failures.append("a task moved to a loop left it") }
    }
    if runTasksOnEventLoops() { failures.append("installed twice") }
    return failures
}

let environment = ProcessInfo.processInfo.environment
guard runTasksOnEventLoops() else {
    FileHandle.standardError.write(Data("test worker: the event-loop executor did not install\n".utf8))
    exit(2)
}
if environment["MODE"] == "executor" {
    let failures = await checkEventLoopExecutor()
    FileHandle.standardError.write(Data(failures.map { "executor check failed: \($0)\n" }.joined().utf8))
    exit(failures.isEmpty ? 0 : 3)
}
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
