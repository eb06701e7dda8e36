/// How a session's events are laid out in its stream `session:{sid}:events` and on its live
/// channel (docs/architecture.md, "Redis key layout").
///
/// One stream entry holds the events of one commit, in field `e`: each event's JSON followed by
/// `\n` (JSON text never holds a raw newline). Event `k` of the entry `ms-seq` has the id
/// `ms-(seq × 1000 + k)`: ids still have the stream ids' form and order, and increase strictly
/// within a session (the next entry has a larger `seq`, or a larger `ms`).
///
/// An entry goes live as two messages on the session's channel, published by the same script:
/// `i<entry id>`, then the entry's bytes as they were stored. Redis's Lua hashes every string it
/// makes, so one message of both would hash the events a second time: 14 % of Redis's work on
/// a turn (docs/performance.md, round 18). A subscriber pairs them with `LiveEntryPairing`.
///
/// Also read: the single-message form `b<entry id>\n` followed by the entry's bytes (before round
/// 18), and the earliest layout's entries, one event each in fields `type` and `json` with the
/// entry's id as the event's, with their live messages (`<id>\n<json>` pairs).
public enum EventEntries {
    /// The most events one entry holds: a longer commit is written as several entries.
    public static let capacity = 1000

    /// The id of event `index` of the entry `entry`.
    public static func eventID(entry: EventID, index: Int) -> EventID {
        EventID(milliseconds: entry.milliseconds, sequence: entry.sequence * UInt64(capacity) + UInt64(index))
    }

    /// The entry that holds the event `id` when it is of this layout, or the first id of its
    /// millisecond (no later than `id`) when it is of the earlier one: where a read of the
    /// events after `id` starts, inclusive.
    public static func firstEntry(atOrBefore id: EventID) -> EventID {
        EventID(milliseconds: id.milliseconds, sequence: id.sequence / UInt64(capacity))
    }

    /// Where `XRANGE` starts (inclusive) to read the events after `after`; `-` for all.
    public static func rangeStart(after: EventID?) -> String {
        after.map { "\(firstEntry(atOrBefore: $0))" } ?? "-"
    }

    /// The events of an `XRANGE` (or `XREVRANGE`) reply, in the reply's entry order, without
    /// those up to `after`.
    public static func events(inRange reply: RedisValue, after: EventID?) -> [(EventID, ArraySlice<UInt8>)] {
        (reply.array ?? []).flatMap { entry -> [(EventID, ArraySlice<UInt8>)] in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].eventID,
                  let fields = parts[1].array else { return [] }
            let events = events(entryID: id, fields: fields)
            guard let after else { return events }
            return events.filter { $0.0 > after }
        }
    }

    /// The events of one stream entry (its id and field/value pairs), with their ids.
    public static func events(entryID: EventID, fields: [RedisValue]) -> [(EventID, ArraySlice<UInt8>)] {
        var index = 0
        while index + 1 < fields.count {
            let name = fields[index].bytes ?? []
            if name == [UInt8(ascii: "e")], let bytes = fields[index + 1].bytes {
                return events(entryID: entryID, batch: bytes[...])
            }
            if name == Array("json".utf8), let json = fields[index + 1].bytes {
                return [(entryID, json[...])]
            }
            index += 2
        }
        return []
    }

    /// The events of a batch (`e`'s value): the lines, numbered from the entry's id.
    static func events(entryID: EventID, batch: ArraySlice<UInt8>) -> [(EventID, ArraySlice<UInt8>)] {
        var events: [(EventID, ArraySlice<UInt8>)] = []
        var start = batch.startIndex
        while start < batch.endIndex, events.count < capacity {
            let end = batch[start...].firstIndex(of: 0x0A) ?? batch.endIndex
            if end > start { events.append((eventID(entry: entryID, index: events.count), batch[start..<end])) }
            start = end + 1
        }
        return events
    }

    /// A message of a session's live channel, as `liveMessage(_:)` reads it.
    public enum LiveMessage {
        /// `i<entry id>`: the next message of the channel holds this entry's events.
        case entry(EventID)
        /// An entry's bytes, the message after its `entry`.
        case entryEvents(ArraySlice<UInt8>)
        /// Events with their ids in one message (the earlier forms: `liveEvents(in:)`).
        case events([(EventID, ArraySlice<UInt8>)])
    }

    /// Reads a live-channel message; an `i` message without a valid id reads as no events.
    public static func liveMessage(_ payload: [UInt8]) -> LiveMessage {
        switch payload.first {
        case UInt8(ascii: "i"):
            guard let entry = EventID(utf8: payload.dropFirst()) else { return .events([]) }
            return .entry(entry)
        case UInt8(ascii: "{"): return .entryEvents(payload[...])
        default: return .events(liveEvents(in: payload))
        }
    }

    /// Splits a one-message live batch into its events: `b<entry id>\n` and a batch, or the
    /// earliest `<event_id>\n<json>` pairs joined by `\n`. A message that is neither yields what
    /// it could read before the damage, never an event with a wrong id.
    public static func liveEvents(in payload: [UInt8]) -> [(EventID, ArraySlice<UInt8>)] {
        if payload.first == UInt8(ascii: "b") {
            guard let idEnd = payload.firstIndex(of: 0x0A),
                  let entry = EventID(utf8: payload[(payload.startIndex + 1)..<idEnd]) else { return [] }
            return events(entryID: entry, batch: payload[(idEnd + 1)...])
        }
        var events: [(EventID, ArraySlice<UInt8>)] = []
        var start = payload.startIndex
        while start < payload.endIndex {
            guard let idEnd = payload[start...].firstIndex(of: 0x0A),
                  let id = EventID(utf8: payload[start..<idEnd]) else { break }
            let jsonEnd = payload[(idEnd + 1)...].firstIndex(of: 0x0A) ?? payload.endIndex
            events.append((id, payload[(idEnd + 1)..<jsonEnd]))
            start = jsonEnd + 1
        }
        return events
    }

    /// The largest event id an entry can hold, for comparisons that know the entry's id only
    /// (a deleted entry's).
    public static func lastPossibleEventID(entry: EventID) -> EventID {
        eventID(entry: entry, index: capacity - 1)
    }
}

/// Pairs each `i<entry id>` message of a subscriber's live channels with the entry's events, the
/// next message on the same channel (`EventEntries`). One per subscriber connection: Redis keeps
/// a connection's messages in order, and a script's two messages are never split by another
/// publisher's or by a (un)subscription.
public struct LiveEntryPairing: Sendable {
    private var pendingEntries: [String: EventID] = [:]

    public init() {}

    /// The events `payload` completes on `channel`, with their ids: none after an `i` message
    /// (they come with the next one), `nil` for an entry's events whose id never came (the
    /// subscriber reconnected in between: the caller re-reads the history).
    public mutating func events(in payload: [UInt8], on channel: String) -> [(EventID, ArraySlice<UInt8>)]? {
        switch EventEntries.liveMessage(payload) {
        case .entry(let entry):
            pendingEntries[channel] = entry
            return []
        case .entryEvents(let batch):
            guard let entry = pendingEntries.removeValue(forKey: channel) else { return nil }
            return EventEntries.events(entryID: entry, batch: batch)
        case .events(let events):
            return events
        }
    }

    /// Forgets half-received entries: after a reconnect, their events never come.
    public mutating func reset() {
        pendingEntries.removeAll()
    }
}
