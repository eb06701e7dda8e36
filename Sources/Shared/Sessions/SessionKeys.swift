/// The Redis keys of one session, all under the hash tag `{<session_id>}` (docs/architecture.md,
/// "Redis key layout"). Gateway and orchestrator both build keys only through this type.
public struct SessionKeys: Sendable, Hashable {
    public let sessionID: String

    public init(_ sessionID: String) {
        self.sessionID = sessionID
    }

    private var prefix: String { "session:{\(sessionID)}" }

    /// Hash: owner, stage, spec, counters, last results, timestamps.
    public var session: String { prefix }
    /// List: accepted, unfinished turn ids in order; the head runs.
    public var turns: String { "\(prefix):turns" }
    /// Hash: one turn's fields. The turn id is in braces too (the first pair is the hash tag).
    public func turn(_ turnID: String) -> String { "\(prefix):turn:{\(turnID)}" }
    /// Hash: client_message_id → turn id.
    public var dedupe: String { "\(prefix):dedupe" }
    /// Stream: the event history; entry ids are event ids.
    public var events: String { "\(prefix):events" }
    /// Channel: live events, `<event_id>\n<json>`.
    public var live: String { "\(prefix):live" }
    /// Channel: `cancel <turn_id>` for the worker running the session.
    public var control: String { "\(prefix):control" }
    /// String: the turn id to cancel.
    public var cancel: String { "\(prefix):cancel" }
    /// Hash: the graph checkpoint.
    public var checkpoint: String { "\(prefix):checkpoint" }
    /// String: `<worker>:<token>` of the worker running the session.
    public var lease: String { "\(prefix):lease" }
    /// Counter: fencing tokens for the lease.
    public var fence: String { "\(prefix):fence" }

    /// Every key that goes when the session is deleted or expires (turn hashes are found by scan).
    public var all: [String] { [session, turns, dedupe, events, cancel, checkpoint, lease, fence] }
}

/// The doorbell streams that tell workers a session has a turn to run (docs/architecture.md).
public enum TurnPartitions {
    /// The consumer group every worker reads the doorbell streams with.
    public static let consumerGroup = "workers"

    /// The stream of partition `index`: `turns:{p<index>}`.
    public static func stream(_ index: Int) -> String { "turns:{p\(index)}" }

    /// The partition of a session: FNV-1a of its id, modulo `count`.
    public static func partition(of sessionID: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in sessionID.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(max(1, count)))
    }

    /// The doorbell stream of a session.
    public static func stream(for sessionID: String, count: Int) -> String {
        stream(partition(of: sessionID, count: count))
    }
}

/// Random ids with a readable prefix: `s_` sessions, `t_` turns, `m_` media.
public enum Identifier {
    /// `prefix`, `_` and 24 lower-case hex digits: 96 bits from the system's generator, read in
    /// two calls (each is a `getrandom` system call; every accepted turn makes an id).
    public static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt32
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + 25)
        bytes.append(UInt8(ascii: "_"))
        for shift in stride(from: 60, through: 0, by: -4) { bytes.append(hexDigits[Int(high >> UInt64(shift) & 0xF)]) }
        for shift in stride(from: 28, through: 0, by: -4) { bytes.append(hexDigits[Int(low >> UInt32(shift) & 0xF)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
