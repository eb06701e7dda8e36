import NIOCore
@testable import Shared
import Testing

/// The RESP codec of `RedisConnection`, byte for byte, including replies cut at every point as
/// a socket may deliver them.
@Suite struct RESPCodecTests {
    @Test func commandsAreArraysOfBulkStrings() {
        let command = RedisCommand("SET", "k", [UInt8]([0, 13, 10]), 1_234_567_890_123, "")
        let expected = "*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\0\r\n\r\n$13\r\n1234567890123\r\n$0\r\n\r\n"
        #expect(command.resp == Array(expected.utf8))
        #expect(command.name == "SET" && command.argumentCount == 4)

        let long = RedisCommand("MSET", (0..<11).map { "\($0)" } + [String(repeating: "x", count: 100)])
        #expect(String(decoding: long.resp, as: UTF8.self).hasPrefix("*13\r\n$4\r\nMSET\r\n$1\r\n0\r\n"))
        #expect(String(decoding: long.resp, as: UTF8.self).hasSuffix("$100\r\n" + String(repeating: "x", count: 100) + "\r\n"))
    }

    @Test func everyReplyKind() throws {
        let wire = "+OK\r\n-ERR wrong type\r\n:-42\r\n$5\r\nhe\r\no\r\n$-1\r\n*-1\r\n*0\r\n$0\r\n\r\n"
            + "*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n+QUEUED\r\n"
        var buffer = ByteBuffer(string: wire)
        var replies: [RedisValue] = []
        while let reply = try RESP.readReply(from: &buffer) { replies.append(reply) }
        #expect(replies == [
            .status("OK"), .error("ERR wrong type"), .integer(-42), .bulk(Array("he\r\no".utf8)), .null, .null,
            .array([]), .bulk([]), .array([.integer(1), .array([.bulk(Array("a".utf8)), .null]), .status("QUEUED")]),
        ])
        #expect(buffer.readableBytes == 0)
    }

    /// A reply split anywhere reads as nothing (consuming nothing) until its last byte is there.
    @Test func partialRepliesWaitForTheirLastByte() throws {
        let wire = Array("*2\r\n$11\r\nhello world\r\n*1\r\n:7\r\n".utf8)
        for cut in 0..<wire.count {
            var buffer = ByteBuffer(bytes: wire[..<cut])
            #expect(try RESP.readReply(from: &buffer) == nil, "cut at \(cut)")
            #expect(buffer.readableBytes == cut)
            buffer.writeBytes(wire[cut...])
            #expect(try RESP.readReply(from: &buffer)
                    == .array([.bulk(Array("hello world".utf8)), .array([.integer(7)])]))
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func malformedRepliesAreProtocolErrors() {
        for bad in ["?what\r\n", ":12x\r\n", ":\r\n", "$abc\r\n", ":99999999999999999999\r\n"] {
            var buffer = ByteBuffer(string: bad)
            #expect(throws: RESP.ProtocolError.self, "\(bad)") { try RESP.readReply(from: &buffer) }
        }
    }
}
