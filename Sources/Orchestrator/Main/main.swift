import Foundation
import Orchestrator
import Shared

// Tasks run on NIO's event loops, where the worker's Redis and HTTP sockets and its timers live:
// a turn's round trips then resume on the loop that read the reply, with no hop to Swift's
// cooperative pool and back (docs/performance.md, Orchestrator, "Round 5").
if !runTasksOnEventLoops() {
    let note = "orchestrator: tasks stay on Swift's cooperative pool (NIO's executor hook is unavailable)\n"
    FileHandle.standardError.write(Data(note.utf8))
}

await ProcessRunner.run(name: "orchestrator") { source in
    let config = try OrchestratorConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
