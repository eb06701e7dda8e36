import Foundation
import GraphRuntime
import Testing

/// A state checkpointed channel by channel: `notes` is large and rarely changes, `step` changes
/// at every node.
struct Notebook: ChanneledState, Equatable {
    var step = 0
    var notes: [String] = []
    var input: String?

    static let channels: [StateChannel<Notebook>] = [
        StateChannel("step", \.step), StateChannel("notes", \.notes), StateChannel("input", \.input),
    ]
}

/// A state whose `forgotten` field was left out of its channels.
struct Forgetful: ChanneledState, Equatable {
    var kept = 1
    var forgotten = 2
    static let channels: [StateChannel<Forgetful>] = [StateChannel("kept", \.kept)]
}

struct StateChannelTests {
    static func graph(checkpointer: any Checkpointer, failingAt failing: String? = nil) throws -> CompiledGraph<Notebook, String> {
        var graph = StateGraph<Notebook, String>()
        graph.addNode("write") { state, _ in
            var state = state
            state.step += 1
            state.notes.append("note \(state.notes.count)")
            return .next(state)
        }
        for name in ["count", "count again"] {
            graph.addNode(name) { state, _ in
                if name == failing { throw Boom() }
                var state = state
                state.step += 1
                return .next(state)
            }
        }
        graph.setEntryPoint("write")
        graph.addEdge(from: "write", to: "count")
        graph.addEdge(from: "count", to: "count again")
        graph.addEdge(from: "count again", to: END)
        return try graph.compile(checkpointer: checkpointer)
    }

    @Test func aSaveWritesOnlyTheChannelsTheNodeChanged() async throws {
        let checkpointer = InMemoryCheckpointer()
        let graph = try Self.graph(checkpointer: checkpointer)
        _ = try await graph.run(threadID: "t", runID: "r1", initialState: Notebook(), applyInput: { $0.input = "a" },
                                sink: { _ in })
        _ = try await graph.run(threadID: "t", runID: "r2", initialState: Notebook(), applyInput: { $0.input = "b" },
                                sink: { _ in })
        let saves = await checkpointer.history["t"] ?? []
        #expect(saves.map { $0.channels.keys.sorted() } == [
            ["input", "notes", "step"], ["step"], ["step"],  // first run: nothing stored yet, then one field a node
            ["input", "notes", "step"], ["step"], ["step"],  // the new input, a new note, the counters
        ])
        let stored = try await graph.storedState(threadID: "t", base: Notebook())
        #expect(stored == Notebook(step: 6, notes: ["note 0", "note 1"], input: "b"))
    }

    @Test func aRunResumedAfterACrashSeesEveryChannel() async throws {
        let checkpointer = InMemoryCheckpointer()
        await #expect(throws: Boom.self) {
            _ = try await Self.graph(checkpointer: checkpointer, failingAt: "count again")
                .run(threadID: "t", runID: "r1", initialState: Notebook(), applyInput: { $0.input = "a" }, sink: { _ in })
        }
        let outcome = try await Self.graph(checkpointer: checkpointer)
            .run(threadID: "t", runID: "r1", initialState: Notebook(), applyInput: { $0.input = "never applied" },
                 sink: { _ in })
        guard case .completed(let state) = outcome else {
            Issue.record("expected completion, got \(outcome)")
            return
        }
        #expect(state == Notebook(step: 3, notes: ["note 0"], input: "a"))
    }

    @Test func aWholeStateCheckpointFromBeforeChannelsIsReadAndRewrittenWhole() async throws {
        let checkpointer = InMemoryCheckpointer()
        let old = Notebook(step: 4, notes: ["kept"], input: nil)
        try await checkpointer.save(threadID: "t", StoredCheckpoint(version: 1, status: .completed, nextNode: nil,
                                                                    runID: "r0", state: Array(JSONEncoder().encode(old))))
        _ = try await Self.graph(checkpointer: checkpointer)
            .run(threadID: "t", runID: "r1", initialState: Notebook(), applyInput: { $0.input = "c" }, sink: { _ in })
        let saves = await checkpointer.history["t"] ?? []
        #expect(saves.dropFirst().first?.channels.keys.sorted() == ["input", "notes", "step"])
        #expect(try await Self.graph(checkpointer: checkpointer).storedState(threadID: "t", base: Notebook())
                == Notebook(step: 7, notes: ["kept", "note 1"], input: "c"))
    }

    @Test func aRoundTripLosesAFieldThatIsNoChannel() throws {
        let state = Forgetful(kept: 5, forgotten: 9)
        #expect(try StateCodec<Forgetful>().roundTrip(state, base: Forgetful()) != state)
        #expect(try StateCodec<Notebook>().roundTrip(Notebook(step: 2, notes: ["x"], input: "y"), base: Notebook())
                == Notebook(step: 2, notes: ["x"], input: "y"))
    }
}
