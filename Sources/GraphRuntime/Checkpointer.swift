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

/// A checkpoint as a run saves it: the channels that changed, not yet encoded. A checkpointer
/// that holds saves back and joins them (writing each channel's last value) encodes only the
/// channels it writes; a channel a later save of the join replaces is never encoded.
public struct CheckpointDraft: Sendable {
    /// A changed channel: its name, and its value's encoding when called.
    public typealias Channel = (name: String, encode: @Sendable () throws -> [UInt8])

    public var version: Int
    public var status: StoredCheckpoint.Status
    public var nextNode: String?
    public var runID: String
    public var channels: [Channel]

    public init(version: Int, status: StoredCheckpoint.Status, nextNode: String?, runID: String, channels: [Channel]) {
        self.version = version
        self.status = status
        self.nextNode = nextNode
        self.runID = runID
        self.channels = channels
    }

    /// A checkpoint already encoded, as a draft.
    public init(_ checkpoint: StoredCheckpoint) {
        self.init(version: checkpoint.version, status: checkpoint.status, nextNode: checkpoint.nextNode,
                  runID: checkpoint.runID, channels: checkpoint.channels.map { channel in (channel.key, { channel.value }) })
    }

    /// The draft with every channel encoded.
    public func encoded() throws -> StoredCheckpoint {
        var encoded: [String: [UInt8]] = [:]
        for channel in channels { encoded[channel.name] = try channel.encode() }
        return StoredCheckpoint(version: version, status: status, nextNode: nextNode, runID: runID, channels: encoded)
    }
}

/// Stores checkpoints per thread (a conversation). Implementations: in memory (tests) and Redis.
public protocol Checkpointer: Sendable {
    /// The latest checkpoint of the thread, if any, with every channel stored.
    func load(threadID: String) async throws -> StoredCheckpoint?
    /// Saves `checkpoint` if the stored version is `checkpoint.version - 1` (or none is stored and
    /// the version is 1); otherwise throws `GraphError.checkpointConflict`. Its channels replace
    /// the stored ones of the same names; the others are kept.
    func save(threadID: String, _ checkpoint: StoredCheckpoint) async throws
    /// Saves a run's checkpoint as `save(threadID:_:)` does; the runtime calls this one. By
    /// default the draft is encoded at once; a checkpointer that joins saves encodes it later.
    func save(threadID: String, draft: CheckpointDraft) async throws
    func delete(threadID: String) async throws
}

extension Checkpointer {
    public func save(threadID: String, draft: CheckpointDraft) async throws {
        try await save(threadID: threadID, draft.encoded())
    }
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
