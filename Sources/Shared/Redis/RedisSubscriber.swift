import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// What a subscriber delivers.
public enum RedisPubSubEvent: Sendable, Equatable {
    /// A message published on a subscribed channel.
    case message(channel: String, payload: [UInt8])
    /// A message on a channel matched by a subscribed pattern.
    case patternMessage(pattern: String, channel: String, payload: [UInt8])
    /// The connection was lost and has been re-established with every subscription restored
    /// (confirmed by Redis). Messages published in between are lost (pub/sub keeps nothing):
    /// re-read durable state.
    case reconnected
}

/// A dedicated pub/sub connection on a NIO event loop, with no thread of its own.
///
/// Messages are read and delivered on that loop. After the connection breaks it reconnects with
/// backoff, subscribes to every channel and pattern again, and emits `.reconnected`.
public final class RedisSubscriber: Service, Sendable {
    private struct Waiter {
        var pending: Set<String>
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var channels: Set<String> = []
        var patterns: Set<String> = []
        /// (Un)subscribe commands for the connection in place, written by the loop.
        var outbox: [RedisCommand] = []
        var waiters: [Int: Waiter] = [:]
        var nextWaiterID = 0
        var isStopped = false
        var isConnected = false
        /// After a reconnect: the subscriptions Redis has not confirmed yet. `.reconnected` is
        /// emitted once it is empty, so a reader that re-reads durable state on it cannot miss a
        /// message published before the subscriptions were in force again.
        var unconfirmedAfterReconnect: Set<String> = []
    }

    /// Every message, in the order received, and `.reconnected` markers. One consumer. Empty
    /// when `deliverOnEventLoop` took them.
    public let events: AsyncStream<RedisPubSubEvent>
    /// Boxed: a function value kept in a generic container is re-wrapped in a thunk pair every
    /// time it passes through `withLock`'s `inout`, and the chain grew with every message.
    private final class Handler: Sendable {
        let call: @Sendable (RedisPubSubEvent) -> Void
        init(_ call: @escaping @Sendable (RedisPubSubEvent) -> Void) { self.call = call }
    }
    private let handler = Mutex<Handler?>(nil)
    private let continuation: AsyncStream<RedisPubSubEvent>.Continuation
    private let logger: Logger
    private let state = Mutex(State())
    /// The loop that reads the socket and delivers what it reads.
    public let eventLoop: any EventLoop
    private let link: Link

    init(configuration: RedisConfiguration, logger: Logger,
         eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.logger = logger
        self.eventLoop = eventLoop
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        link = Link(configuration: configuration, eventLoop: eventLoop, logger: logger)
        link.owner = self
    }

    /// Hands every later event to `handler` instead of `events`: on the subscriber's event loop
    /// (`eventLoop`), in order, as soon as it is read. `handler` must not block. For a router that
    /// only passes messages on (the gateway's), this spares a hop through a task for every
    /// message, and a socket on the same loop is written at once.
    public func deliverOnEventLoop(to handler: @escaping @Sendable (RedisPubSubEvent) -> Void) {
        self.handler.withLock { $0 = Handler(handler) }
    }

    private func emit(_ event: RedisPubSubEvent) {
        if let handler = handler.withLock({ $0 }) { handler.call(event) } else { continuation.yield(event) }
    }

    /// Subscribes to channels and returns once Redis has confirmed each of them.
    /// - Throws: `RedisError.timeout` when Redis does not confirm in time (it is still retried on
    ///   every reconnect until `unsubscribe`).
    public func subscribe(_ channels: [String], timeout: Duration = .seconds(5)) async throws {
        try await change(names: channels, kind: "subscribe", timeout: timeout) { state in
            state.channels.formUnion(channels)
            return RedisCommand("SUBSCRIBE", channels)
        }
    }

    /// Subscribes to glob patterns (`PSUBSCRIBE`) and returns once Redis has confirmed them.
    public func psubscribe(_ patterns: [String], timeout: Duration = .seconds(5)) async throws {
        try await change(names: patterns, kind: "psubscribe", timeout: timeout) { state in
            state.patterns.formUnion(patterns)
            return RedisCommand("PSUBSCRIBE", patterns)
        }
    }

    /// Stops receiving messages of these channels; does not wait for Redis.
    public func unsubscribe(_ channels: [String]) {
        guard !channels.isEmpty else { return }
        state.withLock { state in
            state.channels.subtract(channels)
            if state.isConnected { state.outbox.append(RedisCommand("UNSUBSCRIBE", channels)) }
        }
        sendOutbox()
    }

    /// Connects, and keeps the subscriptions until cancelled or shut down gracefully.
    public func run() async throws {
        eventLoop.execute { [link] in link.start() }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
                    eventLoop.execute { [link] in link.whenStopped(stopped) }
                }
            } onCancel: {
                self.stop()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        continuation.finish()
        let waiters = state.withLock { state in
            defer { state.waiters = [:] }
            return state.waiters.values.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(throwing: RedisError.closed) }
    }

    private func stop() {
        state.withLock { $0.isStopped = true }
        eventLoop.execute { [link] in link.stop() }
    }

    /// Writes the queued (un)subscribe commands, on the loop.
    private func sendOutbox() {
        if eventLoop.inEventLoop {
            link.sendOutbox()
        } else {
            eventLoop.execute { [link] in link.sendOutbox() }
        }
    }

    // MARK: Confirmations

    /// Registers one waiter for every name and queues the command in the same critical section,
    /// so a confirmation can never arrive before its waiter exists.
    private func change(
        names: [String], kind: String, timeout: Duration, _ update: @escaping @Sendable (inout State) -> RedisCommand
    ) async throws {
        guard !names.isEmpty else { return }
        let keys = Set(names.map { "\(kind):\($0)" })
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withTaskCancellationHandler {
                    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                        let refusal: (any Error)? = self.state.withLock { state in
                            if state.isStopped { return RedisError.closed }
                            if Task.isCancelled { return CancellationError() }
                            state.waiters[id] = Waiter(pending: keys, continuation: continuation)
                            let command = update(&state)
                            if state.isConnected { state.outbox.append(command) }
                            return nil
                        }
                        if let refusal { continuation.resume(throwing: refusal) } else { self.sendOutbox() }
                    }
                } onCancel: {
                    self.state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation
                        .resume(throwing: CancellationError())
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RedisError.timeout(command: kind.uppercased())
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func confirm(key: String) {
        let satisfied = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            var done: [CheckedContinuation<Void, any Error>] = []
            for (id, var waiter) in state.waiters where waiter.pending.contains(key) {
                waiter.pending.remove(key)
                if waiter.pending.isEmpty {
                    state.waiters[id] = nil
                    done.append(waiter.continuation)
                } else {
                    state.waiters[id] = waiter
                }
            }
            return done
        }
        for continuation in satisfied { continuation.resume() }
    }

    // MARK: What the connection reads

    /// A new connection: every subscription again, and whatever was queued for the old one dropped
    /// (the full sets are sent instead).
    fileprivate func connected(isReconnect: Bool) -> [RedisCommand] {
        let (channels, patterns) = state.withLock { state in
            state.outbox = []
            state.isConnected = true
            return (Array(state.channels), Array(state.patterns))
        }
        var commands: [RedisCommand] = []
        if !channels.isEmpty { commands.append(RedisCommand("SUBSCRIBE", channels)) }
        if !patterns.isEmpty { commands.append(RedisCommand("PSUBSCRIBE", patterns)) }
        if isReconnect {
            let pending = Set(channels.map { "subscribe:\($0)" } + patterns.map { "psubscribe:\($0)" })
            state.withLock { $0.unconfirmedAfterReconnect = pending }
            if pending.isEmpty { emit(.reconnected) }
        }
        return commands
    }

    fileprivate func disconnected() {
        state.withLock { $0.isConnected = false }
    }

    fileprivate func takeOutbox() -> [RedisCommand] {
        state.withLock { state in
            defer { state.outbox = [] }
            return state.outbox
        }
    }

    fileprivate func deliver(_ reply: RedisValue) {
        guard let parts = reply.array, let kind = parts.first?.string else { return }
        switch kind {
        case "message" where parts.count == 3:
            if let channel = parts[1].string, let payload = parts[2].bytes {
                emit(.message(channel: channel, payload: payload))
            }
        case "pmessage" where parts.count == 4:
            if let pattern = parts[1].string, let channel = parts[2].string, let payload = parts[3].bytes {
                emit(.patternMessage(pattern: pattern, channel: channel, payload: payload))
            }
        case "subscribe", "psubscribe":
            guard parts.count > 1, let name = parts[1].string else { return }
            confirm(key: "\(kind):\(name)")
            let resubscribed = state.withLock { state in
                state.unconfirmedAfterReconnect.remove("\(kind):\(name)") != nil && state.unconfirmedAfterReconnect.isEmpty
            }
            if resubscribed { emit(.reconnected) }
        default:
            break
        }
    }
}

extension RedisSubscriber {
    /// The socket and its reconnects, confined to the subscriber's loop: every method runs there
    /// (hence unchecked).
    ///
    /// A connection counts as working once Redis has answered on it or it has lasted the longest
    /// backoff. Until then every failure, the connect's or a later one's, adds to the backoff: a
    /// server that accepts and then drops the connection (or a socket that fails every call) gets
    /// a retry every few hundred milliseconds, not tens of thousands of connections a second.
    fileprivate final class Link: @unchecked Sendable {
        enum State {
            case idle
            case connecting
            case connected(any Channel)
            case backingOff(Scheduled<Void>)
            case stopped
        }

        let configuration: RedisConfiguration
        let eventLoop: any EventLoop
        let logger: Logger
        /// Set once, right after init, before the loop sees the link.
        weak var owner: RedisSubscriber?
        var state = State.idle
        var failedAttempts = 0
        var connectedAt = NIODeadline.now()
        var hasConnectedBefore = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
        /// `stop()` ran and the socket is closed.
        var isShutDown = false

        init(configuration: RedisConfiguration, eventLoop: any EventLoop, logger: Logger) {
            self.configuration = configuration
            self.eventLoop = eventLoop
            self.logger = logger
        }

        func start() {
            guard case .idle = state else { return }
            attempt()
        }

        /// Connects now, or after the backoff when the last attempts failed.
        private func attempt() {
            if failedAttempts > 0 {
                let delay = RedisConnection.backoff(attempt: failedAttempts, range: configuration.reconnectBackoff)
                state = .backingOff(eventLoop.scheduleTask(in: TimeAmount(delay)) { [self] in
                    if case .backingOff = state { connect() }
                })
            } else {
                connect()
            }
        }

        private func connect() {
            // Counted now, forgiven when Redis answers on the new connection.
            failedAttempts += 1
            state = .connecting
            RESPReplyHandler.connect(configuration, on: eventLoop, received: { [self] in received($0) },
                                     closed: { [self] in closed($0, reason: $1) }).whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    guard case .connecting = state, let owner else {
                        channel.close(promise: nil)  // stopped meanwhile
                        return
                    }
                    guard channel.isActive else {  // closed before it was handed over
                        state = .idle
                        return attempt()
                    }
                    state = .connected(channel)
                    connectedAt = .now()
                    let commands = owner.connected(isReconnect: hasConnectedBefore)
                    hasConnectedBefore = true
                    write(commands, on: channel)
                case .failure(let error):
                    guard case .connecting = state else { return }
                    logger.debug("redis subscriber connect failed", metadata: ["error": "\(error)"])
                    state = .idle
                    attempt()
                }
            }
        }

        private func write(_ commands: [RedisCommand], on channel: any Channel) {
            guard !commands.isEmpty else { return }
            channel.writeAndFlush(channel.allocator.buffer(of: commands), promise: nil)
        }

        func sendOutbox() {
            guard case .connected(let channel) = state, let commands = owner?.takeOutbox() else { return }
            write(commands, on: channel)
        }

        func received(_ reply: RedisValue) {
            failedAttempts = 0
            owner?.deliver(reply)
        }

        func closed(_ channel: any Channel, reason: String) {
            guard case .connected(let current) = state, current === channel else { return }
            logger.debug("redis subscriber connection lost", metadata: ["error": "\(reason)"])
            owner?.disconnected()
            if NIODeadline.now() - connectedAt >= TimeAmount(configuration.reconnectBackoff.upperBound) { failedAttempts = 0 }
            state = .idle
            attempt()
        }

        func stop() {
            let channel: (any Channel)?
            switch state {
            case .connected(let current): channel = current
            case .backingOff(let retry):
                retry.cancel()
                channel = nil
            default: channel = nil
            }
            state = .stopped
            owner?.disconnected()
            let closing = channel?.close() ?? eventLoop.makeSucceededVoidFuture()
            closing.whenComplete { [self] _ in
                isShutDown = true
                for waiter in stopWaiters { waiter.resume() }
                stopWaiters = []
            }
        }

        func whenStopped(_ waiter: CheckedContinuation<Void, Never>) {
            if isShutDown { waiter.resume() } else { stopWaiters.append(waiter) }
        }
    }
}

/// Several subscribers run as one service (one per event loop, say): each runs until the service
/// is cancelled or shut down gracefully.
public struct RedisSubscribers: Service, Sendable {
    public let all: [RedisSubscriber]

    public init(_ all: [RedisSubscriber]) {
        self.all = all
    }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for subscriber in all { group.addTask { try await subscriber.run() } }
        }
    }
}
