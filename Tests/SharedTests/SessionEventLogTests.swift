import Shared
import Synchronization
import Testing

struct SessionEventLogTests {
    @Test func aLiveMessageSplitsIntoItsEvents() throws {
        let payload = Array("1764650000000-0\n{\"type\":\"progress\"}\n1764650000000-1\n{\"type\":\"token\",\"text\":\"a\\nb\"}".utf8)
        let events = SessionEventLog.liveEvents(in: payload)
        #expect(events.map(\.0.description) == ["1764650000000-0", "1764650000000-1"])
        #expect(events.map { String(decoding: $0.1, as: UTF8.self) }
                == [#"{"type":"progress"}"#, #"{"type":"token","text":"a\nb"}"#])
        // One event, as the finish script publishes it; garbage yields nothing rather than a wrong event.
        #expect(SessionEventLog.liveEvents(in: Array("5-0\n{}".utf8)).map(\.0.description) == ["5-0"])
        #expect(SessionEventLog.liveEvents(in: Array("not an id\n{}".utf8)).isEmpty)
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
