import Foundation
import Orchestrator
import Shared
import TestSupport

/// Writes turns exactly as the gateway does (docs/architecture.md, "Turn queue contract"), so the
/// worker pool is tested before and independently of the gateway.
struct FakeGateway {
    let redis: RedisClient
    let partitions: Int
    /// The session expiry the gateway refreshes with each turn it enqueues.
    static let ttlSeconds = 600

    @discardableResult
    func enqueue(session: String, text: String, user: String = "u1") async throws -> String {
        let turn = TurnRecord(turnID: Identifier.make("t"), sessionID: session, userID: user, text: text)
        let keys = SessionKeys(session)
        var hset: [any RedisArgument] = [keys.turn(turn.turnID)]
        for (field, value) in turn.fields { hset += [field, value] }
        _ = try await redis.pipeline([
            RedisCommand("HSETNX", keys.session, "user_id", user),
            RedisCommand("HSET", hset),
            RedisCommand("RPUSH", keys.turns, turn.turnID),
            RedisCommand("EXPIRE", keys.session, Self.ttlSeconds),
            RedisCommand("EXPIRE", keys.turns, Self.ttlSeconds),
            RedisCommand("EXPIRE", keys.turn(turn.turnID), Self.ttlSeconds),
        ])
        try await redis.send("XADD", TurnPartitions.stream(for: session, count: partitions), "*", "session_id", session)
        return turn.turnID
    }

    func cancel(session: String, turnID: String) async throws {
        let keys = SessionKeys(session)
        try await redis.send("SET", keys.cancel, turnID, "EX", 3600)
        try await redis.send("PUBLISH", keys.control, "cancel \(turnID)")
    }

    /// The stored events of a session, decoded.
    func events(of session: String) async throws -> [ServerEvent] {
        let log = SessionEventLog(redis: redis, ttlSeconds: 60)
        return try await log.events(of: session, after: nil).map { id, json in
            try JSONDecoder().decode(ServerEvent.self, from: Data(SessionEventLog.withEventID(id, json: json)))
        }
    }

    func doneCount(of session: String) async throws -> Int {
        try await events(of: session).filter { $0.type == .done }.count
    }
}

/// Records the order in which turns start and end, in Redis, and emits a progress event.
struct RecordingRunner: TurnRunner {
    let redis: RedisClient

    func run(_ context: RunningTurn) async throws -> TurnOutcome {
        let log = "test:log:{\(context.turn.sessionID)}"
        try await redis.send("RPUSH", log, "start \(context.turn.text)")
        try await context.events.emit(.progress(ProgressData(stage: .searching, node: "search_marketplaces",
                                                             message: "Searching")))
        try await redis.send("RPUSH", log, "end \(context.turn.text)")
        return TurnOutcome(.completed, sessionFields: ["last_text": context.turn.text])
    }
}

/// Waits in a blocking Redis read until the test releases the turn (or cancellation).
struct GatedRunner: TurnRunner {
    let redis: RedisClient

    func run(_ context: RunningTurn) async throws -> TurnOutcome {
        try await context.events.emit(.progress(ProgressData(stage: .understanding, node: "parse_input", message: "Reading")))
        while true {
            if await context.isCancelled() { return TurnOutcome(.cancelled) }
            let released = try await redis.withDedicatedConnection { connection in
                try await connection.execute(RedisCommand("BLPOP", "test:release:\(context.turn.turnID)", "0.05"),
                                             timeout: .seconds(2))
            }
            if released != .null { break }
        }
        try await context.events.emit(.results(ResultsData(products: [], totalFound: 0, summary: "Nothing yet.", sources: [])),
                                      once: "results")
        return TurnOutcome(.completed)
    }
}

/// Fails every turn as a down catalog service would.
struct FailingRunner: TurnRunner {
    func run(_ context: RunningTurn) async throws -> TurnOutcome {
        if context.turn.text == "catalog down" {
            throw ServiceCallError.unreachable(service: "catalog-service", reason: "connection refused")
        }
        return TurnOutcome(.completed)
    }
}
