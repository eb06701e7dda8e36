import Testing
@testable import Understanding

@Suite struct EventStreamTests {
    static func delta(_ text: String) -> EventStreamMessage {
        EventStreamMessage(headers: [":message-type": .string("event"), ":event-type": .string("contentBlockDelta"),
                                     ":content-type": .string("application/json")],
                           payload: Array(#"{"contentBlockIndex":0,"delta":{"text":"\#(text)"}}"#.utf8))
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        // The CRC-32/IEEE check value of "123456789".
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func framesRoundTripWithEveryHeaderType() throws {
        let message = EventStreamMessage(headers: [
            "b": .bool(true), "f": .bool(false), "y": .byte(-3), "s": .short(-300), "i": .int(70000),
            "l": .long(-5_000_000_000), "a": .bytes([1, 2, 3]), "t": .string("héllo"), "ts": .timestamp(1_700_000_000_000),
            "u": .uuid(Array(0..<16)),
        ], payload: Array("{\"x\":1}".utf8))
        let frame = EventStreamCodec.encode(message)
        #expect(try EventStreamCodec.decode(frame[...]) == message)
    }

    @Test func framesSplitAcrossChunksAreReassembled() throws {
        let bytes = (["Hel", "lo", " world"].map { EventStreamCodec.encode(Self.delta($0)) }).flatMap { $0 }
        var decoder = EventStreamDecoder()
        var messages: [EventStreamMessage] = []
        var offset = 0
        for size in [1, 5, 11, 40, 7, 1000] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            messages += try decoder.feed(bytes[offset..<end])
            offset = end
        }
        #expect(messages.count == 3)
        #expect(messages.first?.string(":event-type") == "contentBlockDelta")
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test func aCorruptedPayloadFailsTheMessageChecksum() {
        var frame = EventStreamCodec.encode(Self.delta("x"))
        frame[frame.count - 6] ^= 0x40
        #expect(throws: EventStreamError.messageChecksum) { try EventStreamCodec.decode(frame[...]) }
    }

    @Test func aCorruptedPreludeIsRefusedBeforeWaitingForTheBody() {
        var frame = EventStreamCodec.encode(Self.delta("x"))
        frame[5] ^= 0x01
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.preludeChecksum) { try decoder.feed(frame.prefix(12)) }
    }

    @Test func anAbsurdLengthIsRefused() {
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.self) { try decoder.feed([0xFF, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0, count: 8)) }
    }
}
