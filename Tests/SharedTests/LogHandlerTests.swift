import Foundation
import Logging
@testable import Shared
import Testing

@Suite struct LogHandlerTests {
    @Test func jsonLinesCarryIdsAndEscapeText() throws {
        var handler = LineLogHandler(label: "gateway", service: "gateway", format: .json, level: .info)
        handler[metadataKey: LogKey.sessionID] = "s_1"
        let line = handler.render(level: .info, message: "turn \"enqueued\"\nnext",
                                  metadata: [LogKey.turnID: "t_2", LogKey.requestID: "r_3"], file: #file, line: #line)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "turn \"enqueued\"\nnext")
        #expect(object["session_id"] as? String == "s_1")
        #expect(object["turn_id"] as? String == "t_2")
        #expect(object["request_id"] as? String == "r_3")
        #expect(object["level"] as? String == "info")
        #expect(Timestamp(rfc3339: object["ts"] as? String ?? "") != nil)
    }

    @Test func textLinesAreReadable() {
        let handler = LineLogHandler(label: "gateway", service: "gateway", format: .text, level: .info)
        let line = handler.render(level: .warning, message: "source timed out", metadata: ["source": "ebay"],
                                  file: #file, line: #line)
        #expect(line.hasSuffix("WARNING gateway: source timed out source=ebay"))
    }
}
