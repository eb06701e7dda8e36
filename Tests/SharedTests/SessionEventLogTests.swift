import Shared
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
