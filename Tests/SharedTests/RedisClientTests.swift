import Foundation
import NIOCore
import Shared
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite(.timeLimit(.minutes(2)))
struct RedisClientTests {
    @Test func stringsExpiryAndTypedReplies() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            #expect(try await redis.send("SET", "greeting", "hello", "PX", 60_000) == .status("OK"))
            #expect(try await redis.send("GET", "greeting").string == "hello")
            #expect(try await redis.send("GET", "missing") == .null)
            #expect(try await redis.send("INCRBY", "counter", 41).int == 41)
            #expect(try await redis.send("PTTL", "greeting").int.map { $0 > 0 && $0 <= 60_000 } == true)
            // Binary-safe values survive the round trip.
            let binary: [UInt8] = [0, 255, 13, 10, 0, 1]
            try await redis.send(RedisCommand("SET", "blob", binary))
            #expect(try await redis.send("GET", "blob").bytes == binary)
            // Expiry really removes the key.
            try await redis.send("SET", "short", "x", "PX", 1)
            try await eventually(.seconds(2), "key expiry") { try await redis.send("EXISTS", "short").int == 0 }
            // An error reply throws with Redis' message.
            await #expect(throws: RedisError.self) { try await redis.send("INCR", "greeting") }
        }
    }

    @Test func hashesAndPipelining() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let replies = try await redis.pipeline([
                RedisCommand("HSET", "session:{s1}", "user_id", "u1", "turns", 3),
                RedisCommand("HINCRBY", "session:{s1}", "turns", 1),
                RedisCommand("HGETALL", "session:{s1}"),
                RedisCommand("NOSUCHCOMMAND"),
            ])
            #expect(replies.count == 4)
            #expect(replies[0].int == 2)
            #expect(replies[1].int == 4)
            #expect(replies[2].fieldValues == ["user_id": "u1", "turns": "4"])
            #expect(replies[3].errorMessage?.hasPrefix("ERR") == true)
            // Many concurrent callers share the pool without mixing replies.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await redis.send("SET", "k\(index)", "v\(index)")
                        let value = try await redis.send("GET", "k\(index)").string
                        #expect(value == "v\(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func streamsWithConsumerGroupsAndAutoclaim() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            try await redis.send("XGROUP", "CREATE", "turns", "workers", "$", "MKSTREAM")
            await #expect(throws: RedisError.server("BUSYGROUP Consumer Group name already exists")) {
                try await redis.send("XGROUP", "CREATE", "turns", "workers", "$", "MKSTREAM")
            }
            let first = try await redis.send("XADD", "turns", "*", "turn_id", "t1").string
            try await redis.send("XADD", "turns", "*", "turn_id", "t2")
            // Worker A reads both and dies without acknowledging.
            let read = try await redis.send("XREADGROUP", "GROUP", "workers", "a", "COUNT", 10, "STREAMS", "turns", ">")
            let entries = read.array?.first?.array?[1].array ?? []
            #expect(entries.count == 2)
            #expect(entries.first?.array?[0].string == first)
            #expect(entries.first?.array?[1].fieldValues == ["turn_id": "t1"])
            // Worker B claims what has been idle for at least 0 ms.
            let claimed = try await redis.send("XAUTOCLAIM", "turns", "workers", "b", 0, "0-0", "COUNT", 10)
            let claimedEntries = claimed.array?[1].array ?? []
            #expect(claimedEntries.count == 2)
            #expect(try await redis.send("XACK", "turns", "workers", first ?? "").int == 1)
            let pending = try await redis.send("XPENDING", "turns", "workers")
            #expect(pending.array?.first?.int == 1)
        }
    }

    @Test func blockingCommandsUseADedicatedConnectionAndTimeOut() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            // A socket timeout shorter than the block time is reported as a timeout, not a hang.
            try await redis.withDedicatedConnection { (connection) async throws -> Void in
                await #expect(throws: RedisError.timeout(command: "BLPOP")) {
                    _ = try await connection.execute(RedisCommand("BLPOP", "empty", 5), timeout: .milliseconds(200))
                }
                // The connection recovers for the next call.
                #expect(try await connection.execute(RedisCommand("PING")).string == "PONG")
            }
            // A block shorter than the timeout returns nil normally.
            let reply = try await redis.withDedicatedConnection { connection in
                try await connection.execute(RedisCommand("BLPOP", "empty", "0.05"), timeout: .seconds(2))
            }
            #expect(reply == .null)
        }
    }

    @Test func luaScriptsReloadAfterScriptFlush() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
            #expect(try await script.run(on: redis, keys: ["n"], arguments: [5]).int == 5)
            try await redis.send("SCRIPT", "FLUSH")  // as a restarted Redis would have forgotten it
            #expect(try await script.run(on: redis, keys: ["n"], arguments: [2]).int == 7)
        }
    }

    @Test func pipelinedScriptsReloadAfterScriptFlushInOrder() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            defer { Task { await redis.close() } }
            let add = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
            let double = RedisScript("return redis.call('SET', KEYS[1], redis.call('GET', KEYS[1]) * 2)")
            let calls = [RedisScript.Call(add, keys: ["n"], arguments: [1]), RedisScript.Call(double, keys: ["n"], arguments: []),
                         RedisScript.Call(add, keys: ["n"], arguments: [3])]
            _ = try await RedisScript.pipeline(on: redis, calls)
            #expect(try await redis.send("GET", "n").int == 5)  // (0 + 1) * 2 + 3
            try await redis.send("SCRIPT", "FLUSH")  // both scripts forgotten, as after a restart
            let replies = try await RedisScript.pipeline(on: redis, calls)
            #expect(replies.count == 3 && replies.allSatisfy { $0.errorMessage == nil })
            #expect(try await redis.send("GET", "n").int == 15)  // (5 + 1) * 2 + 3: each ran once, in order
        }
    }

    @Test func publishSubscribeDeliversInOrder() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let subscriber = redis.makeSubscriber()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await subscriber.run() }
                try await subscriber.subscribe(["events:{s1}"])
                try await subscriber.psubscribe(["notice:*"])
                for index in 0..<20 { try await redis.send("PUBLISH", "events:{s1}", "m\(index)") }
                try await redis.send("PUBLISH", "notice:all", "hello")
                try await redis.send("PUBLISH", "events:{other}", "not subscribed")
                var received: [RedisPubSubEvent] = []
                for await event in subscriber.events {
                    received.append(event)
                    if received.count == 21 { break }
                }
                #expect(received.prefix(20) == ArraySlice((0..<20).map {
                    RedisPubSubEvent.message(channel: "events:{s1}", payload: Array("m\($0)".utf8))
                }))
                #expect(received.last == .patternMessage(pattern: "notice:*", channel: "notice:all", payload: Array("hello".utf8)))
                // After unsubscribing, nothing more arrives for that channel.
                subscriber.unsubscribe(["events:{s1}"])
                try await eventually(.seconds(5), "unsubscribe applied") {
                    try await redis.send("PUBSUB", "NUMSUB", "events:{s1}").array?[1].int == 0
                }
                group.cancelAll()
            }
            await redis.close()
        }
    }

    @Test func aHandlerOnTheSubscribersEventLoopGetsEveryMessageInOrder() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let subscriber = redis.makeSubscriber()
            let (handled, handledContinuation) = AsyncStream.makeStream(of: RedisPubSubEvent.self)
            let offLoop = Atomic(0)
            subscriber.deliverOnEventLoop { event in
                if !subscriber.eventLoop.inEventLoop { offLoop.add(1, ordering: .relaxed) }
                handledContinuation.yield(event)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await subscriber.run() }
                try await subscriber.subscribe(["events:{s1}"])
                for index in 0..<20 { try await redis.send("PUBLISH", "events:{s1}", "m\(index)") }
                var received: [RedisPubSubEvent] = []
                for await event in handled {
                    received.append(event)
                    if received.count == 20 { break }
                }
                #expect(received == (0..<20).map {
                    RedisPubSubEvent.message(channel: "events:{s1}", payload: Array("m\($0)".utf8))
                })
                #expect(offLoop.load(ordering: .relaxed) == 0, "a message was delivered off the subscriber's loop")
                group.cancelAll()
            }
            await redis.close()
        }
    }

    @Test func commandsAndSubscriberRecoverAfterRedisIsKilledAndRestarted() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.configuration)
            let subscriber = redis.makeSubscriber()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await subscriber.run() }
                try await subscriber.subscribe(["live"])
                try await redis.send("SET", "before", "1")

                server.kill()
                // While Redis is down a call fails within its deadline instead of hanging.
                await #expect(throws: RedisError.self) {
                    try await redis.send(RedisCommand("GET", "before"), timeout: .milliseconds(300))
                }
                try await server.launch()

                // Commands reconnect by themselves (the data is gone: persistence is off).
                try await eventually(.seconds(10), "commands after restart") {
                    try await redis.send("SET", "after", "2") == .status("OK")
                }
                #expect(try await redis.send("GET", "before") == .null)
                // The subscriber reconnects, resubscribes and says so before new messages.
                let events = subscriber.events
                let reconnected = try await withDeadline(.seconds(10), "reconnected marker") {
                    await events.first { _ in true }
                }
                #expect(reconnected == .reconnected)
                try await redis.send("PUBLISH", "live", "after-restart")
                // (A restart seen in two steps may add another `.reconnected`; messages are what count.)
                let next = try await withDeadline(.seconds(10), "message after restart") {
                    await events.first { $0 != .reconnected }
                }
                #expect(next == .message(channel: "live", payload: Array("after-restart".utf8)))
                group.cancelAll()
            }
            await redis.close()
        }
    }

    @Test func commandsAndSubscriberWorkOverAUnixSocket() async throws {
        try await withRedisServer { server in
            let redis = RedisClient(configuration: server.unixSocketConfiguration)
            let subscriber = redis.makeSubscriber()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await subscriber.run() }
                try await subscriber.subscribe(["live"])
                try await redis.send("SET", "k", "v")
                #expect(try await redis.send("GET", "k").string == "v")
                try await redis.send("PUBLISH", "live", "hello")
                let events = subscriber.events
                let first = try await withDeadline(.seconds(5), "message over the socket") { await events.first { _ in true } }
                #expect(first == .message(channel: "live", payload: Array("hello".utf8)))
                // Both connections are the socket's, not the port's.
                let clients = try await redis.send("CLIENT", "LIST").string ?? ""
                #expect(clients.split(separator: "\n").filter { $0.contains("addr=\(server.unixSocketPath)") }.count == 2)
                group.cancelAll()
            }
            await redis.close()
        }
    }

    /// A server that accepts and at once drops every connection: the subscriber's connects all
    /// succeed, and each connection fails right after. It must back off all the same.
    @Test func aSubscriberBacksOffFromAServerThatDropsEveryConnection() async throws {
        let listener = try DroppingListener()
        defer { listener.stop() }
        let configuration = RedisConfiguration(address: .tcp(host: "127.0.0.1", port: listener.port),
                                               connectTimeout: .milliseconds(500), commandTimeout: .seconds(2),
                                               reconnectBackoff: .milliseconds(20)...(.milliseconds(200)))
        let redis = RedisClient(configuration: configuration)
        let subscriber = redis.makeSubscriber()
        let started = ContinuousClock.now
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await subscriber.run() }
            // Never confirmed: the wait ends at its timeout, a second of reconnecting.
            await #expect(throws: RedisError.self) { try await subscriber.subscribe(["live"], timeout: .seconds(1)) }
            group.cancelAll()
        }
        await redis.close()
        let accepted = listener.accepted
        // Backing off from 20 ms up to 200 ms allows about ten connections a second (a retry at
        // least every 100 ms once at the cap); without it there were thousands a second. The
        // bound follows the time it really took, which a loaded machine stretches.
        let bound = 10 + Int((ContinuousClock.now - started) / .milliseconds(100))
        #expect(accepted >= 2 && accepted <= bound, "connections accepted: \(accepted), at most \(bound)")
    }

    @Test func configurationParsesRedisURLs() throws {
        let full = try RedisConfiguration(url: "redis://user:secret@cache.internal:6380/2")
        #expect(full.address == .tcp(host: "cache.internal", port: 6380))
        #expect(full.username == "user")
        #expect(full.password == "secret")
        #expect(full.database == 2)
        #expect(try RedisConfiguration(url: "redis://:pw@localhost").password == "pw")
        #expect(try RedisConfiguration(url: "unix:///run/redis.sock?db=3").address == .unix(path: "/run/redis.sock"))
        for bad in ["http://x", "redis://", "redis://h:0", "redis://h:70000", "redis://h/x"] {
            #expect(throws: RedisError.invalidURL(bad)) { try RedisConfiguration(url: bad) }
        }
    }
}

/// A loopback TCP listener that accepts connections and closes each one at once, on a thread of
/// its own, counting them.
private final class DroppingListener: Sendable {
    let port: Int
    private let socket: Int32
    private let count = Mutex(0)
    private let stopped = Atomic(false)

    var accepted: Int { count.withLock { $0 } }

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 128) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(fd)
            throw RedisServer.Failure.didNotStart("cannot listen on 127.0.0.1")
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptAndDrop() }.start()
    }

    /// Polls with a short timeout so that it notices `stop()`.
    private func acceptAndDrop() {
        while !stopped.load(ordering: .acquiring) {
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 50) > 0 else { continue }
            let connection = accept(socket, nil, nil)
            if connection >= 0 {
                count.withLock { $0 += 1 }
                Glibc.close(connection)
            }
        }
        Glibc.close(socket)
    }

    func stop() { stopped.store(true, ordering: .releasing) }
}
