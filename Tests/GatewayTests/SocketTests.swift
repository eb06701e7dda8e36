import AsyncHTTPClient
import Foundation
import Gateway
import NIOWebSocket
import ServiceLifecycle
import Shared
import Synchronization
import Testing
import TestSupport
import WSCore

let tinyPNG: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 24)

@Suite(.timeLimit(.minutes(2)))
struct SocketTests {
    @Test func everyInputErrorCodeKeepsTheSocketOpen() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    let cases: [(String, ErrorCode)] = [
                        ("{not json", .invalidJSON),
                        (#"{"type":"dance"}"#, .invalidMessage),
                        (#"{"type":"message","message":"   "}"#, .invalidMessage),
                        (#"{"type":"message","message":42}"#, .invalidMessage),
                        (#"{"type":"message","message":"x","media":[{"type":"image","media_id":"m_1"},{"type":"image","media_id":"m_2"},{"type":"image","media_id":"m_3"},{"type":"image","media_id":"m_4"},{"type":"image","media_id":"m_5"}]}"#, .invalidMessage),
                        (#"{"type":"message","message":"x","media":[{"type":"image","mime_type":"image/png","data":"%%%"}]}"#, .mediaInvalid),
                        (#"{"type":"message","message":"x","media":[{"type":"image","mime_type":"image/png","data":"aGVsbG8gd29ybGQ="}]}"#, .mediaInvalid),
                        (#"{"type":"message","message":"x","media":[{"type":"image","mime_type":"text/html","data":"aGVsbG8="}]}"#, .mediaInvalid),
                        (#"{"type":"message","message":"x","media":[{"type":"audio","media_id":"m_0123456789abcdef01234567"}]}"#, .mediaInvalid),
                    ]
                    for (frame, code) in cases {
                        socket.send(frame)
                        let event = try await socket.next(type: .error)
                        #expect(event.errorCode == code, "\(frame)")
                        #expect(event.eventID == nil)
                    }
                    socket.sendBinary([1, 2, 3])
                    #expect(try await socket.next(type: .error).errorCode == .unsupportedFrame)
                    // Still open, and a valid message with valid inline media is acknowledged.
                    let png = Data(tinyPNG).base64EncodedString()
                    socket.send(#"{"type":"message","message":"like this","media":[{"type":"image","mime_type":"image/png","data":"\#(png)"}]}"#)
                    let ack = try #require(try await socket.next(type: .ack).ack)
                    let turn = try await client.send("HGET", "session:{\(sid)}:turn:{\(ack.turnID)}", "media")
                    #expect(turn.string?.contains("image/png") == true)
                }
            }
        }
    }

    @Test func rejectWhileBusyAndUnavailableBroker() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    _ = try await socket.next(type: .connected)
                    socket.send(#"{"type":"message","message":"first"}"#)
                    #expect(try #require(try await socket.next(type: .ack).ack).queuedBehind == 0)
                    socket.send(#"{"type":"message","message":"second"}"#)
                    #expect(try #require(try await socket.next(type: .ack).ack).queuedBehind == 1)
                    socket.send(#"{"type":"message","message":"third","multitask":"reject"}"#)
                    #expect(try await socket.next(type: .error).errorCode == .busy)
                    redis.kill()
                    socket.send(#"{"type":"message","message":"lost?"}"#)
                    let error = try await socket.next(type: .error, .seconds(15))
                    #expect(error.errorCode == .unavailable)
                    if case .error(let data) = error.data { #expect(data.retryable) }
                    try await redis.launch()
                    socket.send(#"{"type":"message","message":"again"}"#)
                    #expect(try await socket.next(type: .ack, .seconds(15)).ack != nil)
                }
            }
        }
    }

    @Test func repeatedClientMessageIDIsOneTurn() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    socket.send(#"{"type":"message","message":"laptop","client_message_id":"c-1"}"#)
                    let first = try #require(try await socket.next(type: .ack).ack)
                    socket.send(#"{"type":"message","message":"laptop","client_message_id":"c-1"}"#)
                    let second = try #require(try await socket.next(type: .ack).ack)
                    #expect(first.turnID == second.turnID)
                    #expect(second.clientMessageID == "c-1")
                    #expect(try await client.send("LLEN", "session:{\(sid)}:turns").int == 1)
                }
            }
        }
    }

    @Test func fakeWorkerEndToEnd() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis)
            let worker = FakeWorker(redis: client, partitions: config.turnPartitions)
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let connected = try #require(try await socket.next(type: .connected).connected)
                    #expect(connected.resumed == false)
                    socket.send(#"{"type":"message","message":"gaming laptop","client_message_id":"c-9"}"#)
                    let ack = try #require(try await socket.next(type: .ack).ack)
                    let doorbell = try #require(try await worker.nextDoorbell())
                    #expect(doorbell.sessionID == connected.sessionID)
                    #expect(doorbell.turnID == ack.turnID)
                    let turn = try await worker.runTurn(for: doorbell)
                    #expect(turn["text"] == "gaming laptop")
                    #expect(turn["user_id"] == "alice")
                    let progress = try await socket.next(type: .progress)
                    let token = try await socket.next(type: .token)
                    let done = try await socket.next(type: .done)
                    #expect(progress.turnID == ack.turnID)
                    let ids = try [progress, token, done].map { try #require($0.eventID) }
                    #expect(ids == ids.sorted() && Set(ids).count == 3)
                    if case .token(let data) = token.data { #expect(data.text == "echo: gaming laptop") }
                }
            }
        }
    }

    @Test func replayAcrossTwoInstancesHasNoGapAndNoDuplicate() async throws {
        try await withRedisAndClient { redis, client in
            let configA = Harness.configuration(redis: redis, instance: "gw-a")
            let configB = Harness.configuration(redis: redis, instance: "gw-b")
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(configA) { a in
                try await Harness.withGateway(configB) { b in
                    // On A: a session with two events seen.
                    let (sid, seen) = try await TestSocket.connect(a.socketURL("user_id=alice")) { socket in
                        let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                        try await worker.append(ServerEvent(.progress(ProgressData(stage: .parsing, node: "n1", message: "1")), sessionID: sid), sessionID: sid)
                        try await worker.append(ServerEvent(.progress(ProgressData(stage: .parsing, node: "n2", message: "2")), sessionID: sid), sessionID: sid)
                        _ = try await socket.next(type: .progress)
                        let second = try await socket.next(type: .progress)
                        return (sid, try #require(second.eventID))
                    }
                    // While disconnected, three more events.
                    var missed: [String] = []
                    for node in ["n3", "n4", "n5"] {
                        missed.append(try await worker.append(ServerEvent(.progress(ProgressData(stage: .searching, node: node, message: node)), sessionID: sid), sessionID: sid))
                    }
                    let missedIDs = missed
                    // On B: resume after the last seen event; then one live event.
                    try await TestSocket.connect(b.socketURL("user_id=alice&session_id=\(sid)&last_event_id=\(seen)")) { socket in
                        let connected = try #require(try await socket.next().connected)
                        #expect(connected.resumed)
                        #expect(connected.recovered == true)
                        #expect(connected.server.instance == "gw-b")
                        var replayed: [String] = []
                        for _ in 0..<3 { replayed.append(try #require(try await socket.next(type: .progress).eventID).description) }
                        #expect(replayed == missedIDs)
                        let live = try await worker.append(ServerEvent(.progress(ProgressData(stage: .ranking, node: "n6", message: "6")), sessionID: sid), sessionID: sid)
                        #expect(try await socket.next(type: .progress).eventID?.description == live)
                        // Nothing else: the next frame is the answer to a cancel-free pong round trip.
                        socket.send(#"{"type":"message","message":"done?"}"#)
                        #expect(try await socket.next().type == .ack)
                    }
                }
            }
        }
    }

    /// A session's sockets on one instance sit on different event loops (one subscriber each):
    /// every socket still gets every live event once, in order, and keeps getting them when
    /// another socket of the session on another loop goes away.
    @Test func everySocketOfASessionGetsEachLiveEventOnceWhateverItsLoop() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis)
            let worker = FakeWorker(redis: client, partitions: config.turnPartitions)
            @Sendable func progress(_ node: String, _ sid: String) -> ServerEvent {
                ServerEvent(.progress(ProgressData(stage: .parsing, node: node, message: node)), sessionID: sid)
            }
            @Sendable func expectEvents(_ ids: [String], on socket: TestSocket) async throws {
                var got: [String] = []
                for _ in ids { got.append(try #require(try await socket.next(type: .progress).eventID).description) }
                #expect(got == ids)
                // Nothing more of them: the next frame is the answer to this message.
                socket.send(#"{"type":"message","message":"anything else?"}"#)
                #expect(try await socket.next().type == .ack)
            }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { first in
                    let sid = try #require(try await first.next(type: .connected).connected).sessionID
                    let resume = gateway.socketURL("user_id=alice&session_id=\(sid)")
                    // Sockets are spread over the loops as they are accepted: four make it likely
                    // that the session has sockets on more than one.
                    try await TestSocket.connect(resume) { second in
                        _ = try await second.next(type: .connected)
                        try await TestSocket.connect(resume) { third in
                            _ = try await third.next(type: .connected)
                            try await TestSocket.connect(resume) { fourth in
                                _ = try await fourth.next(type: .connected)
                                var ids: [String] = []
                                for node in ["n1", "n2", "n3"] { ids.append(try await worker.append(progress(node, sid), sessionID: sid)) }
                                ids += try await worker.append([progress("n4", sid), progress("n5", sid)], sessionID: sid)
                                for socket in [first, second, third, fourth] { try await expectEvents(ids, on: socket) }
                                second.close()
                                try await second.waitForClose()
                                let after = [try await worker.append(progress("n6", sid), sessionID: sid)]
                                for socket in [first, third, fourth] { try await expectEvents(after, on: socket) }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func resumingInsideAnEntrySendsTheRestOfItThenTheNextOnes() async throws {
        try await withRedisAndClient { redis, client in
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                let sid = try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    try #require(try await socket.next(type: .connected).connected).sessionID
                }
                let tokens = (0..<4).map { ServerEvent(.token(TokenData(text: "\($0)", node: "r")), sessionID: sid) }
                let first = try await worker.append(Array(tokens[0..<3]), sessionID: sid)  // one entry, three events
                let last = try await worker.append(tokens[3], sessionID: sid)
                try await TestSocket.connect(gateway.socketURL("user_id=alice&session_id=\(sid)&last_event_id=\(first[1])")) { socket in
                    let connected = try #require(try await socket.next().connected)
                    #expect(connected.recovered == true)
                    var replayed: [String] = []
                    for _ in 0..<2 { replayed.append(try #require(try await socket.next(type: .token).eventID).description) }
                    #expect(replayed == [first[2], last])
                    socket.send(#"{"type":"message","message":"anything else?"}"#)
                    #expect(try await socket.next().type == .ack)  // nothing was sent twice
                }
            }
        }
    }

    @Test func trimmedHistoryIsReportedAsNotRecovered() async throws {
        try await withRedisAndClient { redis, client in
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                let sid = try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    try #require(try await socket.next(type: .connected).connected).sessionID
                }
                let first = try await worker.append(ServerEvent(.progress(ProgressData(stage: .parsing, node: "a", message: "a")), sessionID: sid), sessionID: sid)
                for index in 0..<5 {
                    try await worker.append(ServerEvent(.token(TokenData(text: "\(index)", node: "r")), sessionID: sid), sessionID: sid)
                }
                try await client.send("XTRIM", "session:{\(sid)}:events", "MAXLEN", 2)
                try await TestSocket.connect(gateway.socketURL("user_id=alice&session_id=\(sid)&last_event_id=\(first)")) { socket in
                    let connected = try #require(try await socket.next().connected)
                    #expect(connected.recovered == false)
                }
            }
        }
    }

    @Test func missedPongsCloseTheSocket() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis) { $0.heartbeatInterval = .milliseconds(100) }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    _ = try await socket.next(type: .connected)
                    _ = try await socket.next(type: .ping)
                    try await socket.waitForClose(.seconds(5))
                    #expect(socket.closeFrame.withLock { $0?.closeCode } == .goingAway)
                }
                // Answering pings keeps a socket open past several intervals.
                try await TestSocket.connect(gateway.socketURL("user_id=bob")) { socket in
                    _ = try await socket.next(type: .connected)
                    for _ in 0..<5 {
                        _ = try await socket.next(type: .ping)
                        socket.send(#"{"type":"pong"}"#)
                    }
                    socket.send(#"{"type":"message","message":"still here"}"#)
                    _ = try await socket.next(type: .ack)
                }
            }
        }
    }

    @Test func rateLimitAnswersThenClosesWith1008() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis) {
                $0.messageBurst = 2
                $0.messageRate = 0.01
                $0.rateLimitStrikes = 3
            }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    _ = try await socket.next(type: .connected)
                    for _ in 0..<5 { socket.send(#"{"type":"cancel"}"#) }
                    for _ in 0..<3 { #expect(try await socket.next(type: .error).errorCode == .rateLimited) }
                    try await socket.waitForClose()
                    #expect(socket.closeFrame.withLock { $0?.closeCode } == .policyViolation)
                }
            }
        }
    }

    @Test func oversizedFrameClosesWith1009() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis) { $0.maxFrameBytes = 4096 }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    _ = try await socket.next(type: .connected)
                    socket.send(#"{"type":"message","message":"\#(String(repeating: "x", count: 8000))"}"#)
                    // The client learns why before the close.
                    #expect(try await socket.next(type: .error).errorCode == .messageTooLarge)
                    try await socket.waitForClose()
                    #expect(socket.closeFrame.withLock { $0?.closeCode } == .messageTooLarge)
                }
            }
        }
    }

    @Test func fragmentedMessagesAreJoinedAndLimitedAsAWhole() async throws {
        try await withRedisAndClient { redis, client in
            let config = Harness.configuration(redis: redis) { $0.maxFrameBytes = 4096 }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    socket.sendFragments([#"{"type":"message","#, #""message":"in three "#, #"parts"}"#])
                    let ack = try #require(try await socket.next(type: .ack).ack)
                    let text = try await client.send("HGET", "session:{\(sid)}:turn:{\(ack.turnID)}", "text")
                    #expect(text.string == "in three parts")
                    // Each fragment is under the limit, the message is not: protocol.md §1.4.
                    let part = String(repeating: "x", count: 2000)
                    socket.sendFragments([#"{"type":"message","message":""# + part, part, part + #""}"#])
                    #expect(try await socket.next(type: .error).errorCode == .messageTooLarge)
                    try await socket.waitForClose()
                    #expect(socket.closeFrame.withLock { $0?.closeCode } == .messageTooLarge)
                }
            }
        }
    }

    @Test func gracefulShutdownAnswersTheInFlightMessageThenCloses1001() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis) { $0.isDebug = true }) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    // Writes stall in Redis, so the enqueue is in flight when shutdown starts.
                    try await client.send("CLIENT", "PAUSE", 700, "WRITE")
                    socket.send(#"{"type":"message","message":"keep me","client_message_id":"c-shut"}"#)
                    try await eventually(.seconds(5), "the enqueue to be in flight") {
                        let (_, body) = try await httpBody(HTTPClientRequest(url: "\(gateway.baseURL)/debug/connections"))
                        return String(decoding: body, as: UTF8.self).contains(#""processing":true"#)
                    }
                    await gateway.group.triggerGracefulShutdown()
                    let ack = try #require(try await socket.next(type: .ack, .seconds(10)).ack)
                    try await socket.waitForClose(.seconds(10))
                    #expect(socket.closeFrame.withLock { $0?.closeCode } == .goingAway)
                    #expect(try await client.send("HGET", "session:{\(sid)}:dedupe", "c-shut").string == ack.turnID)
                    #expect(try await client.send("XLEN", RedisKeysForTests.doorbell(sid, partitions: 2)).int == 1)
                }
            }
        }
    }
}

enum RedisKeysForTests {
    static func doorbell(_ sid: String, partitions: Int) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in sid.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return "turns:{p\(hash % UInt32(partitions))}"
    }
}

/// A private Redis server and a client of it, closed afterwards.
/// A gateway on a fresh Redis with alice's socket connected and a first message ("first") acked:
/// `body` gets the Redis client, the socket, the session id and that first turn's id.
func withAliceAcknowledged(
    _ body: @escaping @Sendable (RedisClient, TestSocket, String, String) async throws -> Void
) async throws {
    try await withRedisAndClient { redis, client in
        try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
            try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                socket.send(#"{"type":"message","message":"first"}"#)
                let first = try #require(try await socket.next(type: .ack).ack).turnID
                try await body(client, socket, sid, first)
            }
        }
    }
}

func withRedisAndClient<T>(_ body: (RedisServer, RedisClient) async throws -> T) async throws -> T {
    try await withRedisServer { redis in
        let client = RedisClient(configuration: redis.configuration)
        do {
            let result = try await body(redis, client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}
