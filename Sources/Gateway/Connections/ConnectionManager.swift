import Foundation
import Logging
import Metrics
import NIOCore
import ServiceLifecycle
import Shared
import Synchronization

/// The sockets of this instance: limits, the per-user rate limit, live-event routing from the
/// instance's Redis subscribers, the heartbeat and operator notices. Run it as a `Service`.
///
/// There is one subscriber per event loop, and a socket's session is subscribed on the subscriber
/// of the socket's loop: a live message is read on the loop that writes it to the socket, with no
/// hop to another thread.
///
/// Its router task is the instance's one delivery task: it writes live events, notices and pings
/// straight to each socket (`ChatConnection.push`); sockets have no delivery task of their own.
final class ConnectionManager: Service, Sendable {
    struct Registry: Sendable {
        var connections: [UInt64: ChatConnection] = [:]
        var bySession: [String: Set<UInt64>] = [:]
        /// Each connection's subscriber (its index in `subscribers`: the one of its loop).
        var subscriberOf: [UInt64: Int] = [:]
        var perUser: [String: Int] = [:]
        var userBuckets: KeyedBuckets
        var connectBuckets: KeyedBuckets
        var nextID: UInt64 = 1
    }

    let config: GatewayConfiguration
    /// One per event loop (`RedisSubscribers`).
    let subscribers: [RedisSubscriber]
    let history: HistoryReplay
    private let registry: Mutex<Registry>
    /// Connections whose history must be replayed, for the replay tasks in `run()`.
    private let replays: (stream: AsyncStream<ChatConnection>, continuation: AsyncStream<ChatConnection>.Continuation)
    private let logger: Logger
    private let connectionsGauge = Gauge(label: "gateway_connections")

    init(config: GatewayConfiguration, subscribers: [RedisSubscriber], sessions: SessionStore, logger: Logger) {
        precondition(!subscribers.isEmpty, "a gateway needs a Redis subscriber")
        self.config = config
        self.subscribers = subscribers
        history = HistoryReplay(sessions: sessions, eventHistoryMax: config.eventHistoryMax)
        replays = AsyncStream.makeStream()
        self.logger = logger
        registry = Mutex(Registry(userBuckets: KeyedBuckets(rate: config.userMessageRate, burst: config.userMessageBurst),
                                  connectBuckets: KeyedBuckets(rate: config.connectRate, burst: config.connectBurst)))
    }

    var count: Int { registry.withLock { $0.connections.count } }

    var snapshot: [ChatConnection] { registry.withLock { Array($0.connections.values) } }

    /// A connection attempt from `address`; `false` when it is over the connection-attempt rate.
    func admitAttempt(from address: String) -> Bool {
        registry.withLock { $0.connectBuckets.take(address) }
    }

    /// Throws `over_capacity` when the instance or the user has no room for another socket.
    func checkCapacity(for userID: String) throws(AppError) {
        let (total, mine) = registry.withLock { ($0.connections.count, $0.perUser[userID] ?? 0) }
        if total >= config.maxConnections { throw AppError(.overCapacity, "this gateway is full; try again") }
        if mine >= config.maxConnectionsPerUser { throw AppError(.overCapacity, "too many connections for this user") }
    }

    /// The subscriber of the loop that runs `io`'s channel (the first one if none does).
    private func subscriberIndex(for io: ChatSocketIO) -> Int {
        subscribers.firstIndex { $0.eventLoop === io.channel.eventLoop } ?? 0
    }

    /// Adds a socket and subscribes to its session's live channel on its loop's subscriber
    /// (confirmed before returning, so a history read afterwards cannot miss an event).
    func register(userID: String, sessionID: String, remoteAddress: String, io: ChatSocketIO,
                  metrics: GatewayMetrics) async throws -> ChatConnection {
        let subscriber = subscriberIndex(for: io)
        let connection = try registry.withLock { registry throws(AppError) -> ChatConnection in
            if registry.connections.count >= config.maxConnections || registry.perUser[userID, default: 0] >= config.maxConnectionsPerUser {
                throw AppError(.overCapacity, "no room for another connection")
            }
            let connection = ChatConnection(
                id: registry.nextID, userID: userID, sessionID: sessionID, remoteAddress: remoteAddress,
                bucket: TokenBucket(rate: config.messageRate, burst: config.messageBurst), io: io, metrics: metrics)
            registry.nextID += 1
            registry.connections[connection.id] = connection
            registry.bySession[sessionID, default: []].insert(connection.id)
            registry.subscriberOf[connection.id] = subscriber
            registry.perUser[userID, default: 0] += 1
            return connection
        }
        connectionsGauge.record(count)
        do {
            try await subscribers[subscriber].subscribe([RedisKeys.live(sessionID)])
        } catch {
            unregister(connection)
            throw error
        }
        return connection
    }

    func unregister(_ connection: ChatConnection) {
        registry.withLock { registry in
            guard registry.connections.removeValue(forKey: connection.id) != nil else { return }
            let sessionID = connection.sessionID
            registry.bySession[sessionID]?.remove(connection.id)
            if registry.bySession[sessionID]?.isEmpty == true { registry.bySession[sessionID] = nil }
            if let subscriber = registry.subscriberOf.removeValue(forKey: connection.id),
               !(registry.bySession[sessionID] ?? []).contains(where: { registry.subscriberOf[$0] == subscriber }) {
                // The session's last socket on that loop. Inside the lock, so a later register's
                // SUBSCRIBE is queued after this UNSUBSCRIBE.
                subscribers[subscriber].unsubscribe([RedisKeys.live(sessionID)])
            }
            registry.perUser[connection.userID, default: 1] -= 1
            if registry.perUser[connection.userID] == 0 { registry.perUser[connection.userID] = nil }
        }
        connectionsGauge.record(count)
    }

    /// One client frame against the connection's and the user's buckets.
    func admitFrame(from connection: ChatConnection) -> Bool {
        let connectionOK = connection.state.withLock { $0.bucket.take() }
        guard connectionOK else { return false }
        return registry.withLock { $0.userBuckets.take(connection.userID) }
    }

    func run() async throws {
        for (index, subscriber) in subscribers.enumerated() {
            let pairing = NIOLoopBoundBox.makeBoxSendingValue(LiveEntryPairing(), eventLoop: subscriber.eventLoop)
            subscriber.deliverOnEventLoop { [self] event in route(event, from: index, pairing: pairing) }
        }
        // Notices are rare: one subscriber takes them for every socket, so that a broadcast's
        // receiver count (`PUBLISH`'s answer) is the number of gateway instances.
        try await subscribers[0].subscribe([RedisKeys.broadcast])
        await withDiscardingTaskGroup { group in
            group.addTask { await self.runReplays() }
            group.addTask { await self.runHeartbeat() }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Replays the history to `connection` in one of this instance's replay tasks, when its
    /// delivery needs it and no replay of it runs (the running one looks again when it ends).
    func replay(to connection: ChatConnection) {
        if connection.beginReplay() { replays.continuation.yield(connection) }
    }

    /// One child task per replay asked for; they end with the manager.
    private func runReplays() async {
        await withDiscardingTaskGroup { group in
            for await connection in replays.stream {
                group.addTask {
                    let isComplete = await self.history.run(for: connection)
                    connection.endReplay(failed: !isComplete)
                }
            }
        }
    }

    /// Routes a pub/sub message from subscriber `index` to the sockets that subscriber serves (a
    /// session with sockets on several loops is subscribed on each, and each delivers to its own);
    /// after a subscriber reconnect its sockets re-read their history, because messages published
    /// during the gap are lost. Runs on the subscriber's event loop, which is its sockets' loop;
    /// `pairing` is that subscriber's (an entry's id and its events are two messages).
    private func route(_ event: RedisPubSubEvent, from index: Int, pairing: NIOLoopBoundBox<LiveEntryPairing>) {
        switch event {
        case .message(let channel, let payload):
            if channel == RedisKeys.broadcast {
                let frame = String(decoding: payload, as: UTF8.self)
                for connection in snapshot { connection.push(.frame(frame)) }
            } else if let sid = RedisKeys.sessionID(ofLiveChannel: channel) {
                if payload.elementsEqual(RedisKeys.sessionDeletedSignal.utf8) {
                    for connection in targets(of: sid, servedBy: index) { closeDeleted(connection) }
                    return
                }
                guard let events = pairing.value.events(in: payload, on: channel) else {
                    logger.warning("live events without their entry id; re-reading the history", metadata: ["session_id": "\(sid)"])
                    for connection in targets(of: sid, servedBy: index) { connection.resync() }
                    return
                }
                guard !events.isEmpty else { return }
                let batch = events.map { StoredEvent(id: $0.0, json: String(decoding: $0.1, as: UTF8.self)) }
                for connection in targets(of: sid, servedBy: index) { connection.push(.live(batch)) }
            }
        case .patternMessage:
            return
        case .reconnected:
            pairing.value.reset()
            logger.warning("redis subscriber reconnected; re-reading histories", metadata: ["subscriber": "\(index)"])
            for connection in connections(servedBy: index) { connection.resync() }
        }
    }

    /// The sockets of session `sid` whose live messages subscriber `index` reads.
    private func targets(of sid: String, servedBy index: Int) -> [ChatConnection] {
        registry.withLock { registry in
            (registry.bySession[sid] ?? []).compactMap { id in
                registry.subscriberOf[id] == index ? registry.connections[id] : nil
            }
        }
    }

    /// The sockets whose live messages subscriber `index` reads.
    private func connections(servedBy index: Int) -> [ChatConnection] {
        registry.withLock { registry in
            registry.connections.values.filter { registry.subscriberOf[$0.id] == index }
        }
    }

    /// A socket whose session was deleted (`DELETE /api/v1/sessions/{id}`, on any instance):
    /// it gets `error(session_not_found)` and a normal close, and its session cannot be resumed.
    private func closeDeleted(_ connection: ChatConnection) {
        let error = ServerEvent(.error(ErrorData(AppError(.sessionNotFound, "this session was deleted"))),
                                sessionID: connection.sessionID)
        if let json = try? JSONCoding.encode(error) { connection.push(.frame(String(decoding: json, as: UTF8.self))) }
        connection.requestClose(code: 1000, reason: "session deleted")
    }

    /// Pings every socket each `heartbeatInterval`; a socket that missed two pongs is closed.
    private func runHeartbeat() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: config.heartbeatInterval)  // the heartbeat period itself
            } catch {
                return
            }
            let ping = (try? JSONCoding.encode(ServerEvent(.ping))).map { String(decoding: $0, as: UTF8.self) }
                ?? #"{"type":"ping","data":{}}"#
            for connection in snapshot {
                if connection.heartbeat() {
                    connection.push(.frame(ping))
                } else {
                    logger.info("heartbeat missed; closing", metadata: ["connection.id": "\(connection.id)"])
                    connection.requestClose(code: 1001, reason: "heartbeat timeout")
                }
            }
        }
    }
}
