import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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

/// A dedicated pub/sub connection on its own thread.
///
/// The thread waits in `poll` on the socket and on a wake-up pipe, so (un)subscribing never races
/// a blocked read on the same hiredis context. After the connection breaks it reconnects with
/// backoff, subscribes to every channel and pattern again, and emits `.reconnected`.
public final class RedisSubscriber: Service, Sendable {
    private struct Waiter {
        var pending: Set<String>
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var channels: Set<String> = []
        var patterns: Set<String> = []
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
    /// when `deliverOnReadingThread` took them.
    public let events: AsyncStream<RedisPubSubEvent>
    /// Boxed: a function value kept in a generic container is re-wrapped in a thunk pair every
    /// time it passes through `withLock`'s `inout`, and the chain grew with every message.
    private final class Handler: Sendable {
        let call: @Sendable (RedisPubSubEvent) -> Void
        init(_ call: @escaping @Sendable (RedisPubSubEvent) -> Void) { self.call = call }
    }
    private let handler = Mutex<Handler?>(nil)
    private let continuation: AsyncStream<RedisPubSubEvent>.Continuation
    private let configuration: RedisConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    private let wakePipe: (read: Int32, write: Int32)
    private let thread = NIOThreadPool(numberOfThreads: 1)

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        wakePipe = (fds[0], fds[1])
        thread.start()
    }

    deinit {
        Glibc.close(wakePipe.read)
        Glibc.close(wakePipe.write)
    }

    /// Hands every later event to `handler` instead of `events`: on the subscriber's own thread,
    /// in order, as soon as it is read. `handler` must not block. For a router that only passes
    /// messages on (the gateway's), this spares a hop through a task for every message.
    public func deliverOnReadingThread(to handler: @escaping @Sendable (RedisPubSubEvent) -> Void) {
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
        wake()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                _ = try? await thread.runIfActive { self.loop() }
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
        try? await thread.shutdownGracefully()
    }

    private func stop() {
        state.withLock { $0.isStopped = true }
        wake()
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
                        if let refusal { continuation.resume(throwing: refusal) } else { self.wake() }
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

    // MARK: The thread

    private func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakePipe.write, &byte, 1)
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(wakePipe.read, &buffer, buffer.count) > 0 {}
    }

    /// Runs until `stop()`: connect, (re)subscribe, read, deliver.
    ///
    /// A connection counts as working once Redis has answered on it or it has lasted the longest
    /// backoff. Until then every failure, the connect's or a later one's, adds to the backoff: a
    /// server that accepts and then drops the connection (or a socket that fails every call) gets
    /// a retry every few hundred milliseconds, not tens of thousands of connections a second.
    private func loop() {
        let hiredis = HiredisConnection(configuration: configuration)
        var failedAttempts = 0
        var connectedAt = ContinuousClock.now
        var hasConnectedBefore = false
        while !state.withLock({ $0.isStopped }) {
            if !hiredis.isConnected {
                if failedAttempts > 0 {
                    let delay = RedisConnection.backoff(attempt: failedAttempts, range: configuration.reconnectBackoff)
                    waitForWake(timeoutMilliseconds: Int32(delay.wholeMilliseconds))
                    if state.withLock({ $0.isStopped }) { break }
                }
                // Counted now, forgiven when Redis answers on the new connection.
                failedAttempts += 1
                do {
                    try hiredis.connect()
                } catch {
                    logger.debug("redis subscriber reconnect failed", metadata: ["error": "\(error)"])
                    continue
                }
                connectedAt = .now
                let (channels, patterns) = state.withLock { state in
                    state.outbox = []
                    state.isConnected = true
                    return (Array(state.channels), Array(state.patterns))
                }
                do {
                    if !channels.isEmpty { try hiredis.write(RedisCommand("SUBSCRIBE", channels)) }
                    if !patterns.isEmpty { try hiredis.write(RedisCommand("PSUBSCRIBE", patterns)) }
                } catch {
                    disconnected(hiredis)
                    continue
                }
                if hasConnectedBefore {
                    let pending = Set(channels.map { "subscribe:\($0)" } + patterns.map { "psubscribe:\($0)" })
                    state.withLock { $0.unconfirmedAfterReconnect = pending }
                    if pending.isEmpty { continuation.yield(.reconnected) }
                }
                hasConnectedBefore = true
            }
            do {
                for command in state.withLock({ state in defer { state.outbox = [] }; return state.outbox }) {
                    try hiredis.write(command)
                }
                while let reply = try hiredis.bufferedReply() {
                    failedAttempts = 0
                    deliver(reply)
                }
                guard let fd = hiredis.fileDescriptor else { continue }
                var fds = [
                    pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&fds, 2, 1000)
                if ready < 0 { continue }  // EINTR
                if fds[1].revents != 0 { drainWakePipe() }
                if fds[0].revents != 0 { try hiredis.readAvailable() }
            } catch {
                logger.debug("redis subscriber connection lost", metadata: ["error": "\(error)"])
                if ContinuousClock.now - connectedAt >= configuration.reconnectBackoff.upperBound { failedAttempts = 0 }
                disconnected(hiredis)
            }
        }
        hiredis.close()
    }

    private func disconnected(_ hiredis: HiredisConnection) {
        hiredis.close()
        state.withLock { $0.isConnected = false }
    }

    private func waitForWake(timeoutMilliseconds: Int32) {
        var fds = [pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
        if poll(&fds, 1, max(1, timeoutMilliseconds)) > 0 { drainWakePipe() }
    }

    private func deliver(_ reply: RedisValue) {
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
            guard let name = parts[1].string else { return }
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
