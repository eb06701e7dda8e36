/// A session's event history (`session:{sid}:events`) and its live channel: every event is
/// appended to the bounded stream, which assigns its `event_id`, and published to gateways in
/// the same Lua script, so history and live delivery never disagree on order.
public struct SessionEventLog: Sendable {
    public let redis: RedisClient
    /// Entries kept per session (approximately: `MAXLEN ~`).
    public let historyLimit: Int
    public let ttlSeconds: Int

    public init(redis: RedisClient, historyLimit: Int = 1000, ttlSeconds: Int) {
        self.redis = redis
        self.historyLimit = historyLimit
        self.ttlSeconds = ttlSeconds
    }

    // KEYS: events stream, turn hash. ARGV: type, json, maxlen, live channel, once-marker ('' = none), ttl.
    private static let appendScript = RedisScript("""
        if ARGV[5] ~= '' then
          if redis.call('HSETNX', KEYS[2], 'emitted:' .. ARGV[5], '1') == 0 then return false end
        end
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'type', ARGV[1], 'json', ARGV[2])
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        redis.call('PUBLISH', ARGV[4], id .. '\\n' .. ARGV[2])
        return id
        """)

    /// Appends an event (its `eventID` is ignored: the stream assigns it) and publishes it.
    /// - Parameter once: a name such as `results`: the event is written at most once per turn, so a
    ///   node re-run after a crash does not show the user a second copy. Needs `event.turnID`.
    /// - Returns: the event id, or `nil` when a `once` event of this turn was already written.
    @discardableResult
    public func append(_ event: ServerEvent, once: String? = nil) async throws -> EventID? {
        guard let sessionID = event.sessionID else { throw AppError(.internal, "event without session") }
        var stored = event
        stored.eventID = nil
        let json = try JSONCoding.encode(stored)
        let keys = SessionKeys(sessionID)
        let turnKey = event.turnID.map { keys.turn($0) } ?? keys.events
        let reply = try await Self.appendScript.run(on: redis, keys: [keys.events, turnKey], arguments: [
            event.type.rawValue, Array(json), historyLimit, keys.live, once ?? "", ttlSeconds,
        ])
        return reply.string.flatMap { EventID($0) }
    }

    /// Stored events after `after` (exclusive; `nil` for all), oldest first, with their ids.
    public func events(of sessionID: String, after: EventID?, limit: Int = 1000) async throws -> [(EventID, [UInt8])] {
        let start = after.map { "(\($0))" } ?? "-"
        let reply = try await redis.send(RedisCommand("XRANGE", SessionKeys(sessionID).events, start, "+", "COUNT", limit))
        return (reply.array ?? []).compactMap { entry in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].string.flatMap({ EventID($0) }),
                  let fields = parts[1].array else { return nil }
            var index = 0
            while index + 1 < fields.count {
                if fields[index].string == "json", let json = fields[index + 1].bytes { return (id, json) }
                index += 2
            }
            return nil
        }
    }

    /// The stored event JSON with its `event_id` inserted as the first field.
    public static func withEventID(_ id: EventID, json: [UInt8]) -> [UInt8] {
        guard json.first == UInt8(ascii: "{") else { return json }
        var out = Array("{\"event_id\":\"\(id)\"".utf8)
        out.reserveCapacity(json.count + out.count + 1)
        if json.count > 2 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: json.dropFirst())
        return out
    }
}
