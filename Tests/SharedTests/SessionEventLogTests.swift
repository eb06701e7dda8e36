import Shared
import Synchronization
import Testing
import TestSupport

struct SessionEventLogTests {
    @Test func aLiveMessageSplitsIntoItsEvents() throws {
        let payload = Array("1764650000000-0\n{\"type\":\"progress\"}\n1764650000000-1\n{\"type\":\"token\",\"text\":\"a\\nb\"}".utf8)
        let events = EventEntries.liveEvents(in: payload)
        #expect(events.map(\.0.description) == ["1764650000000-0", "1764650000000-1"])
        #expect(events.map { String(decoding: $0.1, as: UTF8.self) }
                == [#"{"type":"progress"}"#, #"{"type":"token","text":"a\nb"}"#])
        // One event, as the finish script publishes it; garbage yields nothing rather than a wrong event.
        #expect(EventEntries.liveEvents(in: Array("5-0\n{}".utf8)).map(\.0.description) == ["5-0"])
        #expect(EventEntries.liveEvents(in: Array("not an id\n{}".utf8)).isEmpty)
    }

    @Test func aBatchLiveMessageNumbersItsEventsFromItsEntry() {
        let payload = Array("b1764650000000-2\n{\"type\":\"progress\"}\n{\"type\":\"done\"}\n".utf8)
        let events = EventEntries.liveEvents(in: payload)
        #expect(events.map(\.0.description) == ["1764650000000-2000", "1764650000000-2001"])
        #expect(events.map { String(decoding: $0.1, as: UTF8.self) } == [#"{"type":"progress"}"#, #"{"type":"done"}"#])
        #expect(EventEntries.liveEvents(in: Array("bnot-an-id\n{}\n".utf8)).isEmpty)
        // Ids keep the stream's order: the next entry, or the next millisecond, numbers above.
        #expect(EventEntries.eventID(entry: EventID(milliseconds: 5, sequence: 2), index: 999)
                < EventEntries.eventID(entry: EventID(milliseconds: 5, sequence: 3), index: 0))
        #expect(EventEntries.firstEntry(atOrBefore: EventID(milliseconds: 5, sequence: 2001)) == EventID(milliseconds: 5, sequence: 2))
    }

    @Test func anEntrysIdAndItsEventsArePairedPerChannel() throws {
        var pairing = LiveEntryPairing()
        let (first, second) = ("session:{s_1}:live", "session:{s_2}:live")
        func read(_ text: String, on channel: String) -> [String]? {
            pairing.events(in: Array(text.utf8), on: channel)?.map { "\($0.0) \(String(decoding: $0.1, as: UTF8.self))" }
        }
        #expect(read("i1764650000000-2", on: first) == [])
        #expect(read("i1764650000000-7", on: second) == [])
        #expect(read("{\"type\":\"progress\"}\n{\"type\":\"done\"}\n", on: first)
                == [#"1764650000000-2000 {"type":"progress"}"#, #"1764650000000-2001 {"type":"done"}"#])
        #expect(read("{}\n", on: second) == ["1764650000000-7000 {}"])
        // Events whose id never came (lost in a reconnect) are not numbered from a guess.
        #expect(read("{}\n", on: first) == nil)
        #expect(read("i1764650000000-3", on: first) == [])
        pairing.reset()
        #expect(read("{}\n", on: first) == nil)
        // A damaged id reads as nothing; the one-message forms still read whole.
        #expect(read("inot-an-id", on: first) == [])
        #expect(read("b5-1\n{}\n", on: first) == ["5-1000 {}"])
    }
}

/// One stream entry per commit (`EventEntries`), against a real Redis.
@Suite(.timeLimit(.minutes(1)))
struct EventEntryTests {
    static func token(_ text: String) -> SessionEventLog.Pending {
        SessionEventLog.Pending(ServerEvent(.token(TokenData(text: text, node: "n")), sessionID: "s_e", turnID: "t_1"))
    }

    static func texts(_ events: [(EventID, [UInt8])]) throws -> [String] {
        try events.map { id, json in
            let event = try JSONCoding.decode(ServerEvent.self, from: SessionEventLog.withEventID(id, json: json))
            #expect(event.eventID == id)
            if case .token(let token) = event.data { return token.text }
            if case .done = event.data { return "done" }
            return "?"
        }
    }

    @Test func aCommitIsOneEntryAndItsEventsReadFromAnyOfThem() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let log = SessionEventLog(redis: redis, ttlSeconds: 60)
            let first = try await log.commit([Self.token("a"), Self.token("b"), Self.token("c")], sessionID: "s_e")
            let second = try await log.commit([Self.token("d")], sessionID: "s_e")
            #expect(try await redis.send("XLEN", SessionKeys("s_e").events).int == 2)
            let ids = (first + second).compactMap { $0 }
            #expect(ids.count == 4 && ids == ids.sorted() && Set(ids).count == 4)

            let all = try await log.events(of: "s_e", after: nil)
            #expect(all.map(\.0) == ids)
            #expect(try Self.texts(all) == ["a", "b", "c", "d"])
            // After an event in the middle of an entry: the rest of it, then the next ones.
            #expect(try Self.texts(try await log.events(of: "s_e", after: ids[1])) == ["c", "d"])
            #expect(try Self.texts(try await log.events(of: "s_e", after: ids[2])) == ["d"])
            #expect(try await log.events(of: "s_e", after: ids[3]).isEmpty)
        }
    }

    @Test func aOnceEventAlreadyWrittenIsLeftOutOfTheEntry() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let log = SessionEventLog(redis: redis, ttlSeconds: 60)
            let done = ServerEvent(.done(DoneData(stage: .completed, durationMilliseconds: 1)), sessionID: "s_e", turnID: "t_1")
            let once = SessionEventLog.Pending(done, once: "done")
            let firstRun = try await log.commit([Self.token("a"), once], sessionID: "s_e")
            // A re-run after a crash: `done` was written by the first run and is left out,
            // wherever it stands in the commit.
            let rerun = try await log.commit([once, Self.token("b"), once, Self.token("c")], sessionID: "s_e")
            #expect(firstRun.allSatisfy { $0 != nil })
            #expect(rerun.map { $0 == nil } == [true, false, true, false])
            #expect(try Self.texts(try await log.events(of: "s_e", after: nil)) == ["a", "done", "b", "c"])
            // Nothing but already-written events: no entry at all.
            #expect(try await log.commit([once], sessionID: "s_e") == [nil])
            #expect(try await redis.send("XLEN", SessionKeys("s_e").events).int == 2)
        }
    }

    @Test func aCommitLongerThanAnEntryTakesSeveral() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let log = SessionEventLog(redis: redis, ttlSeconds: 60)
            let count = EventEntries.capacity + 5
            let ids = try await log.commit((0..<count).map { Self.token("\($0)") }, sessionID: "s_e").compactMap { $0 }
            #expect(ids.count == count && ids == ids.sorted() && Set(ids).count == count)
            #expect(try await redis.send("XLEN", SessionKeys("s_e").events).int == 2)
            let read = try await log.events(of: "s_e", after: ids[EventEntries.capacity - 2])
            #expect(try Self.texts(read) == (EventEntries.capacity - 1..<count).map { "\($0)" })
        }
    }

    @Test func entriesOfTheEarlierLayoutStillRead() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let log = SessionEventLog(redis: redis, ttlSeconds: 60)
            let key = SessionKeys("s_e").events
            let json = try JSONCoding.encodeEvent(ServerEvent(.token(TokenData(text: "old", node: "n")), sessionID: "s_e", turnID: "t_1"))
            let old = try #require(try await redis.send(RedisCommand("XADD", key, "*", "type", "token", "json", json)).eventID)
            let new = try await log.commit([Self.token("new")], sessionID: "s_e").compactMap { $0 }
            let all = try await log.events(of: "s_e", after: nil)
            #expect(all.map(\.0) == [old] + new && old < new[0])
            #expect(try Self.texts(all) == ["old", "new"])
            #expect(try Self.texts(try await log.events(of: "s_e", after: old)) == ["new"])
        }
    }
}

/// Adjacent commits of one session join into one script's worth: events in order, one
/// checkpoint write spanning their versions.
struct CommitJoiningTests {
    typealias Commit = SessionEventLog.Commit
    typealias Write = SessionEventLog.VersionedWrite

    static func event(_ text: String) -> SessionEventLog.Pending {
        SessionEventLog.Pending(ServerEvent(.token(TokenData(text: text, node: "n")), sessionID: "s", turnID: "t"))
    }

    static func texts(_ commit: Commit) -> [String] {
        commit.events.compactMap { if case .token(let token) = $0.event.data { token.text } else { nil } }
    }

    @Test func adjacentWritesOfOneHashJoinWithTheLaterValuesWinning() throws {
        let joined = Commit.joined([
            Commit([Self.event("a")], write: Write(key: "cp", version: 4, fields: [("status", [1]), ("ch:x", [1])])),
            Commit([], write: Write(key: "cp", version: 5, fields: [("status", [2]), ("ch:y", [2])])),
            Commit([Self.event("b"), Self.event("c")], write: Write(key: "cp", version: 6, fields: [("ch:x", [3])])),
            Commit([Self.event("d")]),
        ])
        #expect(joined.count == 1)
        let write = joined[0].write
        #expect(write?.expectedVersion == 3 && write?.version == 6)
        #expect(write?.fields.map(\.0) == ["status", "ch:x", "ch:y"])
        #expect(try write?.fields.map { try $0.1.bytes() } == [[2], [3], [2]])
        #expect(Self.texts(joined[0]) == ["a", "b", "c", "d"])
    }

    @Test func aValueALaterWriteReplacesIsNeverMade() throws {
        let made = Mutex<[String]>([])
        func value(_ name: String) -> Write.FieldValue {
            Write.FieldValue(making: { made.withLock { $0.append(name) }; return Array(name.utf8) })
        }
        let joined = Commit.joined([
            Commit([], write: Write(key: "cp", version: 1, fields: [("ch:results", value("full")), ("ch:spec", value("spec"))])),
            Commit([], write: Write(key: "cp", version: 2, fields: [("ch:results", value("null"))])),
        ])
        #expect(made.withLock { $0 }.isEmpty)  // joining makes nothing
        let fields = try joined[0].write?.fields.map { ($0.0, try $0.1.bytes()) } ?? []
        #expect(fields.map(\.0) == ["ch:results", "ch:spec"] && fields.map(\.1) == [Array("null".utf8), Array("spec".utf8)])
        #expect(made.withLock { $0 } == ["null", "spec"])
    }

    @Test func writesOfDifferentHashesStaySeparateAndEventsOnlyCommitsJoinEither() {
        let joined = Commit.joined([
            Commit([Self.event("a")]),
            Commit([Self.event("b")], write: Write(key: "one", version: 1, fields: [(String, [UInt8])]())),
            Commit([Self.event("c")], write: Write(key: "two", version: 7, fields: [(String, [UInt8])]())),
        ])
        #expect(joined.count == 2)
        #expect(Self.texts(joined[0]) == ["a", "b"] && joined[0].write?.key == "one" && joined[0].write?.expectedVersion == 0)
        #expect(Self.texts(joined[1]) == ["c"] && joined[1].write?.key == "two" && joined[1].write?.expectedVersion == 6)
        #expect(Commit.joined([]).isEmpty)
    }
}
