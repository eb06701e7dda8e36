import Foundation

/// A session's event history (`session:{sid}:events`) and its live channel: every event is
/// appended to the bounded stream, which assigns its `event_id`, and published to gateways in
/// the same Lua script, so history and live delivery never disagree on order.
///
/// Events are written in batches: one script appends any number of events, publishes them as one
/// live entry, and can carry a versioned hash write (a graph checkpoint) and a lease check, so a
/// worker commits a node's checkpoint and the events it produced in one round trip, and a worker
/// that lost its session's lease can write neither.
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

    /// An event waiting to be appended.
    public struct Pending: Sendable {
        public var event: ServerEvent
        /// A name such as `results`: the event is written at most once per turn, so a node re-run
        /// after a crash does not show the user a second copy. Needs `event.turnID`.
        public var once: String?

        public init(_ event: ServerEvent, once: String? = nil) {
            self.event = event
            self.once = once
        }
    }

    /// A hash written with a batch only if its `version` field is exactly `expectedVersion`
    /// (absent counts as 0), then set to `version`: how a graph checkpoint is committed with the
    /// node's events.
    public struct VersionedWrite: Sendable {
        public var key: String
        public var version: Int
        /// The version the hash must hold: `version - 1`, or older for joined writes.
        public var expectedVersion: Int
        /// Field/value pairs written besides `version`.
        public var fields: [(String, FieldValue)]

        public init(key: String, version: Int, fields: [(String, FieldValue)]) {
            self.key = key
            self.version = version
            expectedVersion = version - 1
            self.fields = fields
        }

        public init(key: String, version: Int, fields: [(String, [UInt8])]) {
            self.init(key: key, version: version, fields: fields.map { ($0.0, FieldValue($0.1)) })
        }

        /// A field's value: bytes, or how to make them, called when the write is sent, so a value
        /// a later write of a joined commit replaces is never made.
        public struct FieldValue: Sendable {
            private let make: @Sendable () throws -> [UInt8]

            public init(_ bytes: [UInt8]) { make = { bytes } }
            public init(making make: @escaping @Sendable () throws -> [UInt8]) { self.make = make }

            public func bytes() throws -> [UInt8] { try make() }
        }

        /// Makes this write the one of this and `later` together: from this one's expected version
        /// to `later`'s version, `later`'s value for a field written by both. (A write has a field
        /// per state channel, a dozen at most: a linear search, not a dictionary per join.)
        mutating func absorb(_ later: VersionedWrite) {
            version = later.version
            for field in later.fields {
                if let position = fields.firstIndex(where: { $0.0 == field.0 }) {
                    fields[position].1 = field.1
                } else {
                    fields.append(field)
                }
            }
        }
    }

    /// The batch was refused; nothing of it was written.
    public enum CommitError: Error, Equatable {
        /// The versioned hash holds `found`, not `version - 1`.
        case versionConflict(found: Int)
        /// The session's lease is no longer held by the writer.
        case leaseLost

        /// The error of a script's error reply: a refusal (`CONFLICT <found>`, `LEASE_LOST …`, as
        /// the commit script and the worker's finish script answer) or any other server error.
        public static func from(errorReply message: String) -> any Error {
            if message.hasPrefix("CONFLICT") {
                return CommitError.versionConflict(found: Int(message.split(separator: " ").last ?? "") ?? -1)
            }
            if message.hasPrefix("LEASE_LOST") { return CommitError.leaseLost }
            return RedisError.server(message)
        }
    }

    // KEYS: events stream, turn hash (once-markers), versioned hash, lease.
    // ARGV: maxlen, live channel, ttl, lease holder ('' = unchecked), version ('' = no write),
    // expected version, field count n, n field/value pairs, the events (each one's JSON and '\n',
    // `EventEntries`), then for each `once` event: its index, its first and last byte (1-based,
    // its '\n' included) and its name. Returns {entry id, or '' when no event was written, then
    // the indexes of the `once` events already written and left out}.
    // The events pass through Lua once: stored and published as the same string, after a message
    // with the entry's id (`EventEntries`), so that Lua never makes a string of both.
    private static let commitScript = RedisScript("""
        if ARGV[4] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[4] then return redis.error_reply('LEASE_LOST the session lease is held by another worker') end
        local i = 8
        if ARGV[5] ~= '' then
          local current = tonumber(redis.call('HGET', KEYS[3], 'version') or '0')
          if current ~= tonumber(ARGV[6]) then return redis.error_reply('CONFLICT ' .. current) end
          redis.call('HSET', KEYS[3], 'version', ARGV[5], unpack(ARGV, i, i + 2 * tonumber(ARGV[7]) - 1))
          redis.call('EXPIRE', KEYS[3], ARGV[3])
        end
        i = i + 2 * tonumber(ARGV[7])
        local events = ARGV[i]
        local reply = {''}
        for j = #ARGV - 3, i + 1, -4 do
          if redis.call('HSETNX', KEYS[2], 'emitted:' .. ARGV[j + 3], '1') == 0 then
            events = string.sub(events, 1, tonumber(ARGV[j + 1]) - 1) .. string.sub(events, tonumber(ARGV[j + 2]) + 1)
            reply[#reply + 1] = ARGV[j]
          end
        end
        if events ~= '' then
          reply[1] = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', events)
          redis.call('EXPIRE', KEYS[1], ARGV[3])
          redis.call('PUBLISH', ARGV[2], 'i' .. reply[1])
          redis.call('PUBLISH', ARGV[2], events)
        end
        return reply
        """)

    /// Appends an event (its `eventID` is ignored: the stream assigns it) and publishes it.
    /// - Returns: the event id, or `nil` when a `once` event of this turn was already written.
    @discardableResult
    public func append(_ event: ServerEvent, once: String? = nil) async throws -> EventID? {
        guard let sessionID = event.sessionID else { throw AppError(.internal, "event without session") }
        return try await commit([Pending(event, once: once)], sessionID: sessionID).first ?? nil
    }

    /// Events of one session to append in order, with an optional versioned write: one script.
    public struct Commit: Sendable {
        public var events: [Pending]
        public var write: VersionedWrite?

        public init(_ events: [Pending], write: VersionedWrite? = nil) {
            self.events = events
            self.write = write
        }

        /// `commits` with each run of adjacent ones that write the same hash (or none) joined into
        /// one: their events in order, one write from the first's expected version to the last's
        /// version. A joined commit is one script and one live entry, written all or nothing.
        public static func joined(_ commits: [Commit]) -> [Commit] {
            var joined: [Commit] = []
            for commit in commits {
                // In place: a copy of the last commit would copy its events and fields at every join.
                guard let last = joined.indices.last else {
                    joined.append(commit)
                    continue
                }
                if let later = commit.write {
                    if joined[last].write == nil {
                        joined[last].write = later
                    } else if joined[last].write?.key == later.key {
                        joined[last].write?.absorb(later)
                    } else {
                        joined.append(commit)
                        continue
                    }
                }
                joined[last].events += commit.events
            }
            return joined
        }
    }

    /// Appends `events` of one session in order, with an optional versioned write, in one step.
    /// - Parameters:
    ///   - leaseHolder: when given, nothing is written unless the session's lease holds this value.
    /// - Returns: each event's id, `nil` for a `once` event already written.
    /// - Throws: `CommitError` when the lease or the version check refuses the batch.
    @discardableResult
    public func commit(_ events: [Pending], sessionID: String, write: VersionedWrite? = nil,
                       leaseHolder: String? = nil) async throws -> [EventID?] {
        try await commit([Commit(events, write: write)], sessionID: sessionID, leaseHolder: leaseHolder).last ?? []
    }

    /// Runs several commits in order in one round trip (a pipeline of scripts). When one is
    /// refused, the later ones are too (their versions follow it, and the lease is the same), so
    /// nothing is written out of order.
    /// - Returns: the event ids of each commit.
    /// - Throws: the first commit's refusal, as `CommitError`.
    @discardableResult
    public func commit(_ commits: [Commit], sessionID: String, leaseHolder: String? = nil) async throws -> [[EventID?]] {
        let calls = try scriptCalls(for: commits, sessionID: sessionID, leaseHolder: leaseHolder)
        if calls.isEmpty { return [] }
        return try Self.eventIDs(from: try await RedisScript.pipeline(on: redis, calls.map(\.call)), of: calls)
    }

    /// One script run of a commit (or of a part of one with more than `EventEntries.capacity` events).
    public struct ScriptCall: Sendable {
        public var call: RedisScript.Call
        /// The commit it writes (its index among those passed) and how many of its events.
        public var commitIndex: Int
        public var eventCount: Int
    }

    /// The script runs of `commits`, for a caller that pipelines them with its own scripts.
    /// Commits with neither events nor a write have none; a commit with more events than an
    /// entry holds has one per entry, the write going with the first.
    public func scriptCalls(for commits: [Commit], sessionID: String, leaseHolder: String?) throws -> [ScriptCall] {
        let keys = SessionKeys(sessionID)
        var calls: [ScriptCall] = []
        for (index, commit) in commits.enumerated() where !commit.events.isEmpty || commit.write != nil {
            var write = commit.write
            var start = 0
            repeat {
                let part = Array(commit.events[start..<min(start + EventEntries.capacity, commit.events.count)])
                let turnKey = part.first(where: { $0.once != nil })?.event.turnID.map { keys.turn($0) } ?? keys.events
                let call = RedisScript.Call(Self.commitScript, keys: [keys.events, turnKey, write?.key ?? keys.events, keys.lease],
                                            arguments: try arguments(of: Commit(part, write: write), keys: keys, leaseHolder: leaseHolder))
                calls.append(ScriptCall(call: call, commitIndex: index, eventCount: part.count))
                write = nil
                start += part.count
            } while start < commit.events.count
        }
        return calls
    }

    /// The event ids of each commit from the replies of its script runs (`calls`, in order):
    /// one list per commit that had a run.
    /// - Throws: the first refusal, as `CommitError`.
    public static func eventIDs(from replies: some Sequence<RedisValue>, of calls: [ScriptCall]) throws -> [[EventID?]] {
        var ids: [[EventID?]] = []
        var lastCommit: Int?
        for (reply, call) in zip(replies, calls) {
            if let message = reply.errorMessage { throw CommitError.from(errorReply: message) }
            let parts = reply.array ?? []
            let entry = parts.first?.eventID
            let skipped = Set(parts.dropFirst().compactMap(\.int))
            var written = 0
            let callIDs: [EventID?] = (0..<call.eventCount).map { index in
                guard let entry, !skipped.contains(index) else { return nil }
                defer { written += 1 }
                return EventEntries.eventID(entry: entry, index: written)
            }
            if call.commitIndex == lastCommit { ids[ids.count - 1] += callIDs } else { ids.append(callIDs) }
            lastCommit = call.commitIndex
        }
        return ids
    }

    private func arguments(of commit: Commit, keys: SessionKeys, leaseHolder: String?) throws -> [any RedisArgument] {
        let write = commit.write
        var arguments: [any RedisArgument] = [historyLimit, keys.live, ttlSeconds, leaseHolder ?? "",
                                              write.map { String($0.version) } ?? "", write?.expectedVersion ?? 0,
                                              write?.fields.count ?? 0]
        arguments.reserveCapacity(arguments.count + 2 * (write?.fields.count ?? 0) + 1 + 4 * commit.events.count)
        for (field, value) in write?.fields ?? [] {
            arguments.append(field)
            arguments.append(try value.bytes())
        }
        var events: [UInt8] = []
        var onces: [any RedisArgument] = []
        for (index, pending) in commit.events.enumerated() {
            var stored = pending.event
            stored.eventID = nil
            let first = events.count + 1
            events += try JSONCoding.encodeEvent(stored)
            events.append(0x0A)
            if let once = pending.once { onces += [index, first, events.count, once] }
        }
        arguments.append(events)
        return arguments + onces
    }

    /// Stored events after `after` (exclusive; `nil` for all), oldest first, with their ids,
    /// from at most `limit` stream entries.
    public func events(of sessionID: String, after: EventID?, limit: Int = 1000) async throws -> [(EventID, [UInt8])] {
        let reply = try await redis.send(RedisCommand("XRANGE", SessionKeys(sessionID).events,
                                                      EventEntries.rangeStart(after: after), "+", "COUNT", limit))
        return EventEntries.events(inRange: reply, after: after).map { ($0.0, Array($0.1)) }
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

extension RedisValue {
    /// The event id a reply carries (a stream entry's id, a script's answer), read from its bytes.
    public var eventID: EventID? { bytes.flatMap { EventID(utf8: $0) } }
}
