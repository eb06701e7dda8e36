/// A saved point of a graph run, between two nodes.
public struct StoredCheckpoint: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Saved between nodes of a run in progress: a crashed run resumes at `nextNode`.
        case running
        /// The run stopped awaiting input; the next run starts at `nextNode` with this state.
        case interrupted
        /// The run reached `END`; the next run starts at the entry point with this state.
        case completed
    }

    /// Increases by one with every save of the thread; saves are compare-and-set on it.
    public var version: Int
    public var status: Status
    /// The node to run next (`nil` when completed).
    public var nextNode: String?
    /// The run that saved it (a turn id), so a resumed run knows whether it is the same one.
    public var runID: String
    /// The graph's state, encoded by the graph channel by channel (see `ChanneledState`; a plain
    /// `Codable` state is the one channel `state`). A save carries only the channels that changed
    /// since the run's previous save; a load returns every channel stored.
    public var channels: [String: [UInt8]]

    public init(version: Int, status: Status, nextNode: String?, runID: String, channels: [String: [UInt8]]) {
        self.version = version
        self.status = status
        self.nextNode = nextNode
        self.runID = runID
        self.channels = channels
    }

    /// A checkpoint of a state stored whole, as the one channel `state`.
    public init(version: Int, status: Status, nextNode: String?, runID: String, state: [UInt8]) {
        self.init(version: version, status: status, nextNode: nextNode, runID: runID,
                  channels: [StoredCheckpoint.wholeStateChannel: state])
    }

    /// The channel of a state that is not a `ChanneledState`.
    public static let wholeStateChannel = "state"
}

/// Stores checkpoints per thread (a conversation). Implementations: in memory (tests) and Redis.
public protocol Checkpointer: Sendable {
    /// The latest checkpoint of the thread, if any, with every channel stored.
    func load(threadID: String) async throws -> StoredCheckpoint?
    /// Saves `checkpoint` if the stored version is `checkpoint.version - 1` (or none is stored and
    /// the version is 1); otherwise throws `GraphError.checkpointConflict`. Its channels replace
    /// the stored ones of the same names; the others are kept.
    func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws
    func delete(threadID: String) async throws
}

/// Checkpoints in memory, for tests and single-process use.
public actor InMemoryCheckpointer: Checkpointer {
    private var checkpoints: [String: StoredCheckpoint] = [:]
    /// Every save, in order, so tests can inspect the history.
    public private(set) var history: [String: [StoredCheckpoint]] = [:]

    public init() {}

    public func load(threadID: String) -> StoredCheckpoint? { checkpoints[threadID] }

    public func save(threadID: String, _ checkpoint: StoredCheckpoint) throws {
        let current = checkpoints[threadID]?.version ?? 0
        guard checkpoint.version == current + 1 else {
            throw GraphError.checkpointConflict(threadID: threadID, expectedVersion: checkpoint.version - 1)
        }
        var merged = checkpoint
        merged.channels = (checkpoints[threadID]?.channels ?? [:]).merging(checkpoint.channels) { $1 }
        checkpoints[threadID] = merged
        history[threadID, default: []].append(checkpoint)
    }

    public func delete(threadID: String) {
        checkpoints[threadID] = nil
    }
}
