import Foundation
import Gateway
import ServiceLifecycle
import Shared
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(2)))
struct TurnControlTests {
    /// A Redis that forgot the enqueue script (restarted, flushed) still gets every turn queued
    /// before its last doorbell: the doorbell that rang before the script ran is rung again.
    @Test func aForgottenEnqueueScriptRingsAgainAfterTheTurnIsQueued() async throws {
        try await withAliceAcknowledged { client, socket, sid, first in
            try await client.send("SCRIPT", "FLUSH")
            socket.send(#"{"type":"message","message":"second"}"#)
            let second = try #require(try await socket.next(type: .ack).ack).turnID
            #expect(try await client.send("LRANGE", "session:{\(sid)}:turns", 0, -1).array?.compactMap(\.string)
                == [first, second])
            var doorbells: [String] = []
            for stream in try await client.send("KEYS", "turns:*").array?.compactMap(\.string) ?? [] {
                for entry in try await client.send("XRANGE", stream, "-", "+").array ?? [] {
                    if let fields = entry.array?.last?.fieldValues, let turn = fields["turn_id"] { doorbells.append(turn) }
                }
            }
            #expect(doorbells == [first, second, second])
        }
    }

    @Test func interruptAndCancelReachTheRunningTurn() async throws {
        try await withRedisAndClient { redis, client in
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    let subscriber = client.makeSubscriber()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await subscriber.run() }
                        try await subscriber.subscribe(["session:{\(sid)}:control"])
                        // A cancel with no turn running is ignored: no frame, no flag.
                        socket.send(#"{"type":"cancel"}"#)
                        socket.send(#"{"type":"message","message":"first"}"#)
                        let head = try #require(try await socket.next(type: .ack).ack)
                        socket.send(#"{"type":"message","message":"second"}"#)
                        let queued = try #require(try await socket.next(type: .ack).ack)
                        socket.send(#"{"type":"message","message":"now this","multitask":"interrupt"}"#)
                        let interrupt = try #require(try await socket.next(type: .ack).ack)
                        #expect(interrupt.queuedBehind == 1)
                        // Runs right after the head, before the turn queued earlier.
                        let order = try await client.send("LRANGE", "session:{\(sid)}:turns", 0, -1).array?.compactMap(\.string)
                        #expect(order == [head.turnID, interrupt.turnID, queued.turnID])
                        #expect(try await client.send("GET", "session:{\(sid)}:cancel").string == head.turnID)
                        let events = subscriber.events
                        let message = try await withDeadline(.seconds(5), "the control message") {
                            for await event in events {
                                if case .message(_, let payload) = event { return String(decoding: payload, as: UTF8.self) }
                            }
                            return ""
                        }
                        #expect(message == "cancel \(head.turnID)")
                        // An explicit cancel does the same for whatever runs now.
                        try await client.send("DEL", "session:{\(sid)}:cancel")
                        socket.send(#"{"type":"cancel"}"#)
                        try await eventually(.seconds(5), "the cancel flag") {
                            try await client.send("GET", "session:{\(sid)}:cancel").string == head.turnID
                        }
                        group.cancelAll()
                    }
                }
            }
        }
    }

    @Test func turnFailuresAreRelayedAndTheSocketStaysOpen() async throws {
        try await withRedisAndClient { redis, client in
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    socket.send(#"{"type":"message","message":"anything"}"#)
                    let ack = try #require(try await socket.next(type: .ack).ack)
                    for code in [ErrorCode.llmUnavailable, .serviceUnavailable, .timeout, .internal] {
                        try await worker.append(ServerEvent(.error(ErrorData(code: code, message: "failed")), sessionID: sid,
                                                            turnID: ack.turnID), sessionID: sid)
                        let error = try await socket.next(type: .error)
                        #expect(error.errorCode == code)
                        #expect(error.eventID != nil)
                    }
                    try await worker.append(ServerEvent(.done(DoneData(stage: .failed, durationMilliseconds: 5)), sessionID: sid,
                                                        turnID: ack.turnID), sessionID: sid)
                    #expect(try await socket.next(type: .done).turnID == ack.turnID)
                    socket.send(#"{"type":"message","message":"again"}"#)
                    #expect(try await socket.next(type: .ack).ack != nil)
                }
            }
        }
    }

    @Test func configurationNamesTheBadVariable() throws {
        let good = try GatewayConfiguration(from: ConfigSource(environment: [
            "HEARTBEAT_INTERVAL_S": "10", "GATEWAY_MAX_FRAME_BYTES": "65536", "TURN_PARTITIONS": "4",
            "GATEWAY_ALLOWED_ORIGINS": "https://a.example, https://b.example", "ADMIN_TOKEN": "0123456789abcdef0",
        ]))
        #expect(good.heartbeatInterval == .seconds(10))
        #expect(good.maxFrameBytes == 65536)
        #expect(good.turnPartitions == 4)
        #expect(good.allowedOrigins == ["https://a.example", "https://b.example"])
        for (variable, value) in [("HEARTBEAT_INTERVAL_S", "soon"), ("TURN_PARTITIONS", "0"),
                                  ("GATEWAY_MESSAGE_RATE", "-1"), ("ADMIN_TOKEN", "short")] {
            #expect(throws: ConfigurationError.self) {
                try GatewayConfiguration(from: ConfigSource(environment: [variable: value]))
            }
            do {
                _ = try GatewayConfiguration(from: ConfigSource(environment: [variable: value]))
            } catch {
                #expect(error.variable == variable)
            }
        }
    }
}

@Suite(.timeLimit(.minutes(2)))
struct RedisRestartTests {
    /// Events written while the gateway's subscriber is reconnecting are lost by pub/sub; the
    /// socket re-reads the history on `.reconnected`, so each still arrives, once.
    @Test func eventsAfterARedisRestartArriveOnce() async throws {
        try await withRedisAndClient { redis, client in
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=alice")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    try await redis.restart()
                    var written: [String] = []
                    for node in ["a", "b", "c"] {
                        let event = ServerEvent(.progress(ProgressData(stage: .searching, node: node, message: node)),
                                                sessionID: sid)
                        var id = ""
                        try await eventually(.seconds(10), "redis to take the event") {
                            id = try await worker.append(event, sessionID: sid)
                            return !id.isEmpty
                        }
                        written.append(id)
                    }
                    var received: [String] = []
                    for _ in 0..<3 {
                        received.append(try #require(try await socket.next(type: .progress, .seconds(15)).eventID).description)
                    }
                    #expect(received == written)
                    // And nothing twice: the next frame is the answer to a new message.
                    socket.send(#"{"type":"message","message":"after the restart"}"#)
                    let next = try await socket.next(.seconds(10))
                    #expect(next.type == .ack)
                }
            }
        }
    }
}
