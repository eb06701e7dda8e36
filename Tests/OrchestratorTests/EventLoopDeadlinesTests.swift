import GraphRuntime
import Shared
import Testing

@testable import Orchestrator

/// The conversation's node deadlines, as loop timers.
@Suite(.timeLimit(.minutes(1)))
struct EventLoopDeadlinesTests {
    struct Refused: Error, Equatable {}

    @Test func aQuickAttemptKeepsItsResultOrItsError() async throws {
        let deadlines = EventLoopDeadlines()
        // Far beyond the attempt's cost: the parallel suites (and a build beside them) kept the
        // attempt from starting for over 10 s once, when the deadline was 10 s.
        #expect(try await deadlines.run(within: .seconds(45)) { 7 } == 7)
        await #expect(throws: Refused()) { try await deadlines.run(within: .seconds(45)) { () throws -> Int in throw Refused() } }
    }

    @Test func aSlowAttemptIsCancelledAndStoppedAtTheDeadline() async throws {
        let stopped = Flag()
        let started = ContinuousClock.now
        let result = try await EventLoopDeadlines().run(within: .milliseconds(50)) { () async throws -> Int in
            defer { stopped.set() }
            try await Task.sleep(for: .seconds(30))  // the behaviour under test: slower than the deadline
            return 1
        }
        #expect(result == nil)
        #expect(stopped.isSet, "the attempt has stopped when run returns")
        // Well before the attempt's 30 s: a bound on "did not wait for it", not a timing (the
        // parallel suites can keep both of this machine's cores busy for seconds).
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aGraphNodePastItsDeadlineTimesOut() async throws {
        var graph = StateGraph<ConversationState, String>()
        graph.addNode("slow", policy: NodePolicy(timeout: .milliseconds(50))) { state, _ in
            try await Task.sleep(for: .seconds(30))  // the behaviour under test
            return .next(state)
        }
        graph.setEntryPoint("slow")
        graph.addEdge(from: "slow", to: END)
        let compiled = try graph.compile(checkpointer: InMemoryCheckpointer(), deadlines: EventLoopDeadlines())
        await #expect(throws: GraphError.nodeTimedOut(node: "slow", after: .milliseconds(50))) {
            _ = try await compiled.run(threadID: "t", runID: "r", initialState: ConversationState(), applyInput: { _ in },
                                       sink: { _ in })
        }
    }
}
