import Foundation
import Testing
import TestSupport

/// `runTasksOnEventLoops()` in a process of its own, as the orchestrator and catalog run it: it
/// replaces Swift Concurrency's global executor for the whole process, so it cannot be tried
/// inside the test process.
struct EventLoopExecutorTests {
    @Test func tasksActorHopsAndContinuationsRunOnTheEventLoops() async throws {
        let executable = try #require(CrashRecoveryTests.worker, "TestWorker is built by `swift build --build-tests`")
        let child = try ChildProcess(executable, environment: ["MODE": "executor"])
        try await withDeadline(.seconds(60), "the executor checks to finish") { await child.waitForExit() }
        // 0: every check held; 2: the executor did not install; 3: a check failed.
        #expect(child.exitStatus == 0)
    }
}
