import Foundation
import Shared

/// One stored event: its id and its JSON without `event_id`.
struct StoredEvent: Sendable, Equatable {
    var id: EventID
    var json: String

    /// The event as sent to a client: `{"event_id":"<id>",…}` (the JSON is encoded once, by its writer).
    var frame: String {
        guard json.hasPrefix("{") else { return json }
        let rest = json.dropFirst().drop { $0 == " " }
        return rest.hasPrefix("}") ? "{\"event_id\":\"\(id)\"}" : "{\"event_id\":\"\(id)\"," + rest
    }

    init(id: EventID, json: String) {
        self.id = id
        self.json = json
    }
}

/// Sessions and their event history in Redis (docs/architecture.md, "Redis key layout").
struct SessionStore: Sendable {
    let redis: RedisClient
    let ttlSeconds: Int

    /// The owner and stage of a session, or `nil` when it does not exist.
    func owner(of sid: String) async throws -> (userID: String, stage: WorkflowStage)? {
        guard RedisKeys.isID(sid, prefix: "s_") else { return nil }
        let reply = try await redis.send("HMGET", RedisKeys.session(sid), "user_id", "stage")
        guard let values = reply.array, values.count == 2, let user = values[0].string else { return nil }
        return (user, values[1].string.flatMap(WorkflowStage.init(rawValue:)) ?? .received)
    }

    /// Creates `session:{sid}` for `userID`.
    func create(for userID: String) async throws -> String {
        let sid = RedisKeys.makeID("s_")
        let now = Timestamp.now().description
        _ = try await redis.pipeline([
            RedisCommand("HSET", RedisKeys.session(sid), "user_id", userID, "stage", WorkflowStage.received.rawValue,
                         "clarification_count", 0, "turns", 0, "created_at", now, "updated_at", now),
            RedisCommand("EXPIRE", RedisKeys.session(sid), ttlSeconds),
        ])
        return sid
    }

    /// Refreshes the session's expiry on activity (a resumed socket).
    func touch(_ sid: String) async throws {
        _ = try await redis.pipeline([RedisKeys.session(sid), RedisKeys.turns(sid), RedisKeys.dedupe(sid),
                                      RedisKeys.events(sid)].map { RedisCommand("EXPIRE", $0, ttlSeconds) })
    }

    /// The session as the HTTP API shows it, or `nil` when it does not exist or belongs to someone else.
    func state(of sid: String, userID: String) async throws -> SessionState? {
        guard RedisKeys.isID(sid, prefix: "s_") else { return nil }
        let replies = try await redis.pipeline([RedisCommand("HGETALL", RedisKeys.session(sid)),
                                                RedisCommand("TTL", RedisKeys.session(sid))])
        guard let fields = replies[0].fieldValues, fields["user_id"] == userID else { return nil }
        let spec = fields["spec"].flatMap { try? JSONCoding.decode(RequirementSpec.self, from: Array($0.utf8)) }
        let results = fields["last_results"].flatMap {
            try? JSONCoding.decode([SessionState.ResultSummary].self, from: Array($0.utf8))
        }
        let now = Timestamp.now()
        let ttl = max(0, replies[1].int ?? ttlSeconds)
        return SessionState(
            sessionID: sid, userID: userID,
            stage: fields["stage"].flatMap(WorkflowStage.init(rawValue:)) ?? .received,
            spec: spec ?? RequirementSpec(), clarificationCount: Int(fields["clarification_count"] ?? "") ?? 0,
            turns: Int(fields["turns"] ?? "") ?? 0, lastResults: results ?? [],
            createdAt: fields["created_at"].flatMap { Timestamp(rfc3339: $0) } ?? now,
            updatedAt: fields["updated_at"].flatMap { Timestamp(rfc3339: $0) } ?? now,
            expiresAt: now.adding(seconds: ttl))
    }

    /// Deletes every key of the session (its hash, queue, turns, history, checkpoint…) and tells
    /// every gateway to close the session's sockets.
    func delete(_ sid: String) async throws {
        var keys = [RedisKeys.session(sid), RedisKeys.turns(sid), RedisKeys.dedupe(sid), RedisKeys.events(sid),
                    RedisKeys.cancel(sid), RedisKeys.checkpoint(sid), RedisKeys.lease(sid)]
        // Turn hashes: SCAN the session's own prefix, bounded (a session has few keys).
        var cursor = "0"
        for _ in 0..<1000 {
            let reply = try await redis.send("SCAN", cursor, "MATCH", "session:\\{\(sid)\\}:turn:*", "COUNT", 1000)
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else { break }
            keys += parts[1].array?.compactMap(\.string) ?? []
            cursor = next
            if cursor == "0" { break }
        }
        _ = try await redis.pipeline([RedisCommand("DEL", keys),
                                      RedisCommand("PUBLISH", RedisKeys.live(sid), RedisKeys.sessionDeletedSignal)])
    }

    /// Events after `after` (exclusive), oldest first, from at most `limit` stream entries
    /// (an entry holds one commit's events: `EventEntries`).
    func events(of sid: String, after: EventID?, limit: Int = 1000) async throws -> [StoredEvent] {
        let reply = try await redis.send("XRANGE", RedisKeys.events(sid), EventEntries.rangeStart(after: after), "+",
                                         "COUNT", limit)
        return EventEntries.events(inRange: reply, after: after).map {
            StoredEvent(id: $0.0, json: String(decoding: $0.1, as: UTF8.self))
        }
    }

    /// Whether the history still holds everything after `lastEventID`.
    ///
    /// Trimming (`MAXLEN`) removes from the head, so an event after `lastEventID` can only be gone when
    /// `lastEventID` is older than the first entry kept and something was trimmed
    /// (`entries-added` > `length`); `XDEL` is caught by `max-deleted-entry-id`. When `lastEventID` was
    /// the very last entry trimmed this answers false although nothing was lost: the client reloads
    /// the session, which is safe; a true answer is never wrong.
    func historyReaches(back lastEventID: EventID, of sid: String) async throws -> Bool {
        let reply: RedisValue
        do {
            reply = try await redis.send("XINFO", "STREAM", RedisKeys.events(sid))
        } catch RedisError.server(let message) where message.contains("no such key") {
            return true  // nothing was ever written (the session itself was checked at admission)
        }
        guard let values = reply.array else { return false }
        var fields: [String: RedisValue] = [:]
        var index = 0
        while index + 1 < values.count {
            if let name = values[index].string { fields[name] = values[index + 1] }
            index += 2
        }
        // Entry ids: the events an entry held have ids from its own up (`EventEntries`).
        if let deleted = fields["max-deleted-entry-id"]?.eventID,
           deleted != EventID(milliseconds: 0, sequence: 0), EventEntries.lastPossibleEventID(entry: deleted) > lastEventID {
            return false
        }
        let length = fields["length"]?.int ?? 0
        let added = fields["entries-added"]?.int ?? length
        guard added > length else { return true }  // nothing was ever trimmed
        let firstEntry = fields["recorded-first-entry-id"]?.eventID
            ?? fields["first-entry"]?.array?.first?.eventID
        guard let firstEntry else { return false }  // everything was trimmed
        // The first event kept has the entry's id in the earlier layout and `firstEntry × 1000` in
        // this one; the larger of the two never answers true wrongly.
        return lastEventID >= EventEntries.eventID(entry: firstEntry, index: 0)
    }

    /// The id of the newest event, if any.
    func lastEventID(of sid: String) async throws -> EventID? {
        let reply = try await redis.send("XREVRANGE", RedisKeys.events(sid), "+", "-", "COUNT", 1)
        return EventEntries.events(inRange: reply, after: nil).last?.0
    }
}
