import Foundation
import Shared
import Testing
import TestSupport

/// A history entry goes live as two messages: its id, then its events (`EventEntries`).
@Suite(.timeLimit(.minutes(1)))
struct LiveEntryTests {
    /// Events whose id never came are not shown under a guessed id: the socket re-reads them
    /// from the history, where the entry gives them theirs.
    @Test func eventsWithoutTheirEntryIDAreReadFromTheHistory() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    let event = ServerEvent(.progress(ProgressData(stage: .searching, node: "a", message: "a")), sessionID: sid)
                    var batch: [UInt8] = []
                    batch += try JSONCoding.encode(event)
                    batch.append(0x0A)
                    let keys = SessionKeys(sid)
                    let entry = try #require(try await client.send("XADD", keys.events, "*", "e", batch).eventID)
                    try await client.send("PUBLISH", keys.live, batch)  // without `i<entry id>` first
                    let received = try await socket.next(type: .progress, .seconds(10))
                    #expect(received.eventID == EventEntries.eventID(entry: entry, index: 0))
                }
            }
        }
    }
}
