/// How a session's events are laid out in its stream `session:{sid}:events` and on its live
/// channel (docs/architecture.md, "Redis key layout").
///
/// One stream entry holds the events of one commit, in field `e`: each event's JSON followed by
/// `\n` (JSON text never holds a raw newline). Event `k` of the entry `ms-seq` has the id
/// `ms-(seq × 1000 + k)`: ids still have the stream ids' form and order, and increase strictly
/// within a session (the next entry has a larger `seq`, or a larger `ms`). The live message of an
/// entry is `b<entry id>\n` followed by the same bytes, so Redis's Lua builds it with one
/// concatenation; it used to hash each event twice on the way in (arguments, then
/// `table.concat`), about a fifth of Redis's work on a turn (docs/performance.md, round 11).
///
/// Entries of the earlier layout, one event each in fields `type` and `json` with the entry's id
/// as the event's, and their live messages (`<id>\n<json>` pairs) are read too.
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

    /// Splits a live-channel message into its events: `b<entry id>\n` and a batch, or the earlier
    /// `<event_id>\n<json>` pairs joined by `\n`. A message that is neither yields what it could
    /// read before the damage, never an event with a wrong id.
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
