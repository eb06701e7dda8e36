import Foundation
import GraphRuntime
import Synchronization
import Testing

/// A small graph over a counter state exercises every runtime feature without I/O.
struct Counter: Codable, Sendable, Equatable {
    var value = 0
    var visited: [String] = []
    var input: [String] = []
}

/// Collects a run's events in order.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    var all: [String] { events.withLock { $0 } }
    var sink: GraphEventSink<String> {
        { event in
            let text = switch event {
            case .nodeStarted(let node): "start \(node)"
            case .nodeFinished(let node): "finish \(node)"
            case .token(let node, let text): "token \(node) \(text)"
            case .custom(let node, let payload): "custom \(node) \(payload)"
            }
            self.events.withLock { $0.append(text) }
        }
    }
}

struct Boom: Error, Equatable {}

func visit(_ name: String, add: Int = 1) -> NodeBody<Counter, String> {
    { state, _ in
        var state = state
        state.value += add
        state.visited.append(name)
        return .next(state)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct StateGraphTests {
    /// start → (even? double : odd) → end; `odd` interrupts when the input asks it to.
    func makeGraph(checkpointer: any Checkpointer = InMemoryCheckpointer(), stepLimit: Int = 20) throws -> CompiledGraph<Counter, String> {
        var graph = StateGraph<Counter, String>()
        graph.addNode("start", visit("start"))
        graph.addNode("even") { state, context in
            var state = state
            state.visited.append("even")
            state.value *= 2
            try await context.emitToken("doubled")
            return .next(state)
        }
        graph.addNode("odd") { state, context in
            var state = state
            state.visited.append("odd")
            try await context.emit("odd seen")
            if state.input.last == "ask" { return .interrupt(state, resumeAt: "start") }
            return .next(state)
        }
        graph.addNode("finish", visit("finish", add: 100))
        graph.setEntryPoint("start")
        graph.addConditionalEdges(from: "start", destinations: ["even", "odd"]) { $0.value % 2 == 0 ? "even" : "odd" }
        graph.addEdge(from: "even", to: "finish")
        graph.addEdge(from: "odd", to: "finish")
        graph.addEdge(from: "finish", to: END)
        return try graph.compile(checkpointer: checkpointer, stepLimit: stepLimit)
    }

    @Test func conditionalEdgesRouteByState() async throws {
        let graph = try makeGraph()
        let log = EventLog()
        let outcome = try await graph.run(threadID: "t", runID: "r1", initialState: Counter(value: 1),
                                          applyInput: { $0.input.append("go") }, sink: log.sink)
        guard case .completed(let state) = outcome else { Issue.record("\(outcome)"); return }
        #expect(state.visited == ["start", "even", "finish"])
        #expect(state.value == 104)  // 1 + 1 = 2 → doubled to 4 → + 100
        #expect(log.all == ["start start", "finish start", "start even", "token even doubled", "finish even",
                            "start finish", "finish finish"])
    }

    @Test func aCheckpointIsSavedAfterEveryNode() async throws {
        let checkpointer = InMemoryCheckpointer()
        let graph = try makeGraph(checkpointer: checkpointer)
        _ = try await graph.run(threadID: "t", runID: "r1", initialState: Counter(), applyInput: { _ in },
                                sink: EventLog().sink)
        let history = await checkpointer.history["t"] ?? []
        #expect(history.map(\.version) == [1, 2, 3])
        #expect(history.map(\.nextNode) == ["odd", "finish", nil])
        #expect(history.map(\.status) == [.running, .running, .completed])
    }

    @Test func interruptsEndTheRunAndTheNextInputResumesThere() async throws {
        let graph = try makeGraph()
        let first = try await graph.run(threadID: "t", runID: "r1", initialState: Counter(),
                                        applyInput: { $0.input.append("ask") }, sink: EventLog().sink)
        guard case .interrupted(let paused, let resumeAt) = first else { Issue.record("\(first)"); return }
        #expect(resumeAt == "start")
        #expect(paused.visited == ["start", "odd"])
        // The answer resumes with the stored state and its own input applied.
        let second = try await graph.run(threadID: "t", runID: "r2", initialState: Counter(),
                                         applyInput: { $0.input.append("answer") }, sink: EventLog().sink)
        guard case .completed(let done) = second else { Issue.record("\(second)"); return }
        #expect(done.input == ["ask", "answer"])
        #expect(done.visited == ["start", "odd", "start", "even", "finish"])
    }

    @Test func aCrashedRunResumesFromItsLastCheckpoint() async throws {
        let checkpointer = InMemoryCheckpointer()
        // A first worker runs `start` and dies in `even` (simulated by a node that throws once).
        let crashes = Mutex(1)
        var graph = StateGraph<Counter, String>()
        graph.addNode("start", visit("start"))
        graph.addNode("work") { state, _ in
            let shouldCrash = crashes.withLock { remaining in
                defer { remaining -= 1 }
                return remaining > 0
            }
            if shouldCrash { throw Boom() }
            var state = state
            state.visited.append("work")
            return .next(state)
        }
        graph.setEntryPoint("start")
        graph.addEdge(from: "start", to: "work")
        graph.addEdge(from: "work", to: END)
        let compiled = try graph.compile(checkpointer: checkpointer)
        await #expect(throws: Boom.self) {
            _ = try await compiled.run(threadID: "t", runID: "r1", initialState: Counter(),
                                       applyInput: { $0.input.append("x") }, sink: EventLog().sink)
        }
        // Another worker picks the same run up: `start` is not run again, the input not applied twice.
        let log = EventLog()
        let outcome = try await compiled.run(threadID: "t", runID: "r1", initialState: Counter(),
                                             applyInput: { $0.input.append("x") }, sink: log.sink)
        guard case .completed(let state) = outcome else { Issue.record("\(outcome)"); return }
        #expect(state.visited == ["start", "work"])
        #expect(state.input == ["x"])
        #expect(log.all == ["start work", "finish work"])
    }

    @Test func retriesFollowThePolicy() async throws {
        let attempts = Mutex(0)
        var graph = StateGraph<Counter, String>()
        graph.addNode("flaky", policy: NodePolicy(maxAttempts: 3, backoff: .milliseconds(1))) { state, context in
            attempts.withLock { $0 += 1 }
            if context.attempt < 3 { throw Boom() }
            return .next(state)
        }
        graph.setEntryPoint("flaky")
        graph.addEdge(from: "flaky", to: END)
        let compiled = try graph.compile(checkpointer: InMemoryCheckpointer())
        _ = try await compiled.run(threadID: "t", runID: "r", initialState: Counter(), applyInput: { _ in },
                                   sink: EventLog().sink)
        #expect(attempts.withLock { $0 } == 3)

        // Errors the policy does not retry fail at once.
        var strict = StateGraph<Counter, String>()
        strict.addNode("once", policy: NodePolicy(maxAttempts: 5, shouldRetry: { !($0 is Boom) })) { _, _ in throw Boom() }
        strict.setEntryPoint("once")
        strict.addEdge(from: "once", to: END)
        await #expect(throws: Boom.self) {
            _ = try await strict.compile(checkpointer: InMemoryCheckpointer())
                .run(threadID: "t", runID: "r", initialState: Counter(), applyInput: { _ in }, sink: EventLog().sink)
        }
    }

    @Test func aSlowNodeTimesOut() async throws {
        var graph = StateGraph<Counter, String>()
        graph.addNode("slow", policy: NodePolicy(timeout: .milliseconds(50))) { state, _ in
            try await Task.sleep(for: .seconds(30))  // the behaviour under test: a node slower than its timeout
            return .next(state)
        }
        graph.setEntryPoint("slow")
        graph.addEdge(from: "slow", to: END)
        let compiled = try graph.compile(checkpointer: InMemoryCheckpointer())
        let started = ContinuousClock.now
        await #expect(throws: GraphError.nodeTimedOut(node: "slow", after: .milliseconds(50))) {
            _ = try await compiled.run(threadID: "t", runID: "r", initialState: Counter(), applyInput: { _ in },
                                       sink: EventLog().sink)
        }
        // Well before the node's 30 s: the timeout ended it. (5 s was exceeded twice on a machine
        // another tenant kept busy, at 5.09 and 5.3 s.)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func theStepLimitStopsLoops() async throws {
        var graph = StateGraph<Counter, String>()
        graph.addNode("a", visit("a"))
        graph.addNode("b", visit("b"))
        graph.setEntryPoint("a")
        graph.addEdge(from: "a", to: "b")
        graph.addEdge(from: "b", to: "a")
        let compiled = try graph.compile(checkpointer: InMemoryCheckpointer(), stepLimit: 7)
        await #expect(throws: GraphError.stepLimitExceeded(limit: 7)) {
            _ = try await compiled.run(threadID: "t", runID: "r", initialState: Counter(), applyInput: { _ in },
                                       sink: EventLog().sink)
        }
    }

    @Test func cancellationStopsAtTheNextSafePoint() async throws {
        let checkpointer = InMemoryCheckpointer()
        let graph = try makeGraph(checkpointer: checkpointer)
        let cancelAfterFirstNode = Mutex(0)
        let outcome = try await graph.run(
            threadID: "t", runID: "r", initialState: Counter(value: 1), applyInput: { _ in }, sink: EventLog().sink,
            isCancelled: { cancelAfterFirstNode.withLock { $0 += 1; return $0 > 1 } })
        guard case .cancelled(let state, let before) = outcome else { Issue.record("\(outcome)"); return }
        #expect(before == "even")
        #expect(state.visited == ["start"])
        // The thread is not left mid-run: the next input starts from the entry point.
        #expect(await checkpointer.load(threadID: "t")?.status == .completed)
    }

    @Test func invalidGraphsAreRefused() throws {
        var graph = StateGraph<Counter, String>()
        graph.addNode("a", visit("a"))
        #expect(throws: GraphError.invalidGraph("no entry point")) { try graph.compile(checkpointer: InMemoryCheckpointer()) }
        graph.setEntryPoint("a")
        #expect(throws: GraphError.invalidGraph("node a has no outgoing edge")) {
            try graph.compile(checkpointer: InMemoryCheckpointer())
        }
        graph.addEdge(from: "a", to: "nowhere")
        #expect(throws: GraphError.invalidGraph("edge from a to unknown node nowhere")) {
            try graph.compile(checkpointer: InMemoryCheckpointer())
        }
    }

    @Test func aStaleWriterCannotOverwriteANewerCheckpoint() async throws {
        let checkpointer = InMemoryCheckpointer()
        try await checkpointer.save(threadID: "t", StoredCheckpoint(version: 1, status: .running, nextNode: "a", runID: "r", state: []))
        await #expect(throws: GraphError.checkpointConflict(threadID: "t", expectedVersion: 0)) {
            try await checkpointer.save(threadID: "t", StoredCheckpoint(version: 1, status: .running, nextNode: "b", runID: "r", state: []))
        }
    }
}
