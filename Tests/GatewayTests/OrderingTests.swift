import Foundation
import Gateway
import Shared
import Testing
import TestSupport

/// Client frames sent back to back, without waiting for answers: acks and errors come back in the
/// order the frames were sent, and turns are queued in that order, whichever side (the event loop's
/// enqueue or the socket's task) handles each frame.
@Suite(.timeLimit(.minutes(2)))
struct OrderingTests {
    @Test func framesSentBackToBackAreAnsweredInOrder() async throws {
        try await withAliceAcknowledged { client, socket, sid, first in
            let frames = [
                #"{"type":"message","message":"a","client_message_id":"k-1"}"#,
                "{not json",
                #"{"type":"message","message":"a again","client_message_id":"k-1"}"#,
                #"{"type":"message","message":"x","media":[{"type":"audio","media_id":"m_0123456789abcdef01234567"}]}"#,
                #"{"type":"message","message":"b","client_message_id":"k-2"}"#,
                #"{"type":"answer","message":"c","multitask":"reject"}"#,
                #"{"type":"pong"}"#,
                #"{"type":"answer","message":"d"}"#,
            ]
            for frame in frames { socket.send(frame) }
            var answers: [ServerEvent] = []
            while answers.count < 7 {
                let event = try await socket.next()
                if event.type == .ack || event.type == .error { answers.append(event) }
            }
            let a = try #require(answers[0].ack)
            #expect(a.clientMessageID == "k-1" && a.queuedBehind == 1)
            #expect(answers[1].errorCode == .invalidJSON)
            let again = try #require(answers[2].ack)
            #expect(again.turnID == a.turnID && again.queuedBehind == 1)
            #expect(answers[3].errorCode == .mediaInvalid)
            let b = try #require(answers[4].ack)
            #expect(b.clientMessageID == "k-2" && b.queuedBehind == 2)
            #expect(answers[5].errorCode == .busy)
            let d = try #require(answers[6].ack)
            #expect(d.queuedBehind == 3)
            #expect(try await client.send("LRANGE", "session:{\(sid)}:turns", 0, -1).array?.compactMap(\.string)
                == [first, a.turnID, b.turnID, d.turnID])
        }
    }

    @Test func manySocketsAtOnceKeepTheirOwnOrder() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for user in 0..<16 {
                        group.addTask {
                            try await TestSocket.connect(gateway.socketURL("user_id=u\(user)")) { socket in
                                let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                                for index in 0..<12 {
                                    socket.send(#"{"type":"message","message":"m\#(index)","client_message_id":"c\#(index)"}"#)
                                }
                                var turns: [String] = []
                                for index in 0..<12 {
                                    let ack = try #require(try await socket.next(type: .ack, .seconds(15)).ack)
                                    #expect(ack.clientMessageID == "c\(index)" && ack.queuedBehind == index)
                                    turns.append(ack.turnID)
                                }
                                #expect(try await client.send("LRANGE", "session:{\(sid)}:turns", 0, -1).array?
                                    .compactMap(\.string) == turns)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }
}

/// `RedisClient.submit`, which the event loop's enqueue uses: calls submitted together are sent as
/// one pipeline per connection, and each completion gets its own replies.
@Suite(.timeLimit(.minutes(1)))
struct RedisSubmitTests {
    @Test func concurrentSubmitsGetTheirOwnReplies() async throws {
        try await withRedisAndClient { _, client in
            let replies = try await withThrowingTaskGroup(of: (Int, [RedisValue]).self) { group in
                for index in 0..<300 {
                    group.addTask {
                        let commands = [RedisCommand("ECHO", "a\(index)"), RedisCommand("INCR", "submitted"),
                                        RedisCommand("ECHO", "b\(index)")]
                        let values = try await withCheckedThrowingContinuation { continuation in
                            client.submit(commands) { continuation.resume(with: $0) }
                        }
                        return (index, values)
                    }
                }
                var all: [Int: [RedisValue]] = [:]
                for try await (index, values) in group { all[index] = values }
                return all
            }
            #expect(replies.count == 300)
            for (index, values) in replies {
                #expect(values.count == 3)
                #expect(values.first?.string == "a\(index)" && values.last?.string == "b\(index)")
            }
            // Each INCR ran once: the counts seen are exactly 1…300.
            #expect(Set(replies.values.compactMap { $0.count == 3 ? $0[1].int : nil }) == Set(1...300))
            #expect(try await client.send("GET", "submitted").string == "300")
        }
    }

    @Test func submitsAfterCloseFailAsClosed() async throws {
        try await withRedisAndClient { _, client in
            await client.close()
            let result = await withCheckedContinuation { continuation in
                client.submit([RedisCommand("PING")]) { continuation.resume(returning: $0) }
            }
            guard case .failure(let error) = result else {
                Issue.record("a closed client answered \(result)")
                return
            }
            #expect("\(error)".contains("closed"))
        }
    }
}
