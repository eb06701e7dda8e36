import Foundation
import Shared

/// A stand-in for the orchestrator that follows the turn-queue contract of docs/architecture.md:
/// it reads doorbells through the `workers` consumer group, runs the head of the session's turn
/// list, appends events to the history with one Lua script (XADD + PUBLISH, one entry per batch), and finishes with
/// `done`, the LREM of the turn and the XACK of the doorbell.
struct FakeWorker: Sendable {
    let redis: RedisClient
    let partitions: Int
    var historyMax = 1000

    /// XADDs events as one entry of the history (`EventEntries`: field `e`, each event's JSON and a
    /// newline) and publishes `i<entry id>`, then the same bytes, as the orchestrator does.
    static let appendScript = RedisScript("""
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', ARGV[1])
        redis.call('PUBLISH', KEYS[2], 'i' .. id)
        redis.call('PUBLISH', KEYS[2], ARGV[1])
        return id
        """)

    /// Appends one event of a session; returns its event id.
    @discardableResult
    func append(_ event: ServerEvent, sessionID sid: String, maxLength: Int? = nil) async throws -> String {
        try await append([event], sessionID: sid, maxLength: maxLength)[0]
    }

    /// Appends events of a session as one entry; returns their event ids.
    @discardableResult
    func append(_ events: [ServerEvent], sessionID sid: String, maxLength: Int? = nil) async throws -> [String] {
        var batch: [UInt8] = []
        for event in events {
            batch += try JSONCoding.encode(event)
            batch.append(0x0A)
        }
        let reply = try await Self.appendScript.run(
            on: redis, keys: ["session:{\(sid)}:events", "session:{\(sid)}:live"],
            arguments: [batch, maxLength ?? historyMax])
        guard let entry = reply.eventID else { return [] }
        return events.indices.map { EventEntries.eventID(entry: entry, index: $0).description }
    }

    /// A doorbell: the session and turn it rang for, and its stream entry.
    struct Doorbell: Sendable {
        var stream: String
        var entryID: String
        var sessionID: String
        var turnID: String
    }

    /// Reads one doorbell (blocking up to `block`), or `nil`.
    func nextDoorbell(block: Duration = .seconds(2)) async throws -> Doorbell? {
        let streams = (0..<partitions).map { "turns:{p\($0)}" }
        let milliseconds = Int(block.components.seconds * 1000)
        let reply = try await redis.withDedicatedConnection { connection in
            try await connection.execute(
                RedisCommand("XREADGROUP", ["GROUP", "workers", "fake-worker", "COUNT", "1", "BLOCK", "\(milliseconds)",
                                            "STREAMS"] + streams + streams.map { _ in ">" }),
                timeout: block + .seconds(2))
        }
        guard let stream = reply.array?.first?.array, stream.count == 2, let name = stream[0].string,
              let entry = stream[1].array?.first?.array, entry.count == 2, let entryID = entry[0].string,
              let fields = entry[1].fieldValues, let sid = fields["session_id"], let tid = fields["turn_id"] else {
            return nil
        }
        return Doorbell(stream: name, entryID: entryID, sessionID: sid, turnID: tid)
    }

    /// Runs the head turn of the doorbell's session like a tiny graph: progress, a streamed token,
    /// then `done`; returns the turn hash it ran.
    func runTurn(for doorbell: Doorbell) async throws -> [String: String] {
        let sid = doorbell.sessionID
        guard let head = try await redis.send("LINDEX", "session:{\(sid)}:turns", 0).string else {
            try await redis.send("XACK", doorbell.stream, "workers", doorbell.entryID)
            return [:]
        }
        let turn = try await redis.send("HGETALL", "session:{\(sid)}:turn:{\(head)}").fieldValues ?? [:]
        try await append(ServerEvent(.progress(ProgressData(stage: .understanding, node: "parse", message: "Reading")),
                                     sessionID: sid, turnID: head), sessionID: sid)
        try await append(ServerEvent(.token(TokenData(text: "echo: \(turn["text"] ?? "")", node: "respond")),
                                     sessionID: sid, turnID: head), sessionID: sid)
        try await append(ServerEvent(.done(DoneData(stage: .completed, durationMilliseconds: 1)),
                                     sessionID: sid, turnID: head), sessionID: sid)
        try await redis.send("LREM", "session:{\(sid)}:turns", 1, head)
        try await redis.send("XACK", doorbell.stream, "workers", doorbell.entryID)
        return turn
    }
}
