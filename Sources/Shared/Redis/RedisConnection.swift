import NIOCore
import NIOPosix
import Synchronization

/// One Redis connection on a NIO event loop: calls are written as they come (pipelined, flushed
/// once per loop turn) and their replies matched in order, with no thread of its own and no
/// thread hop when the caller already runs on that loop.
///
/// A broken connection reconnects on the next call, with exponential backoff and jitter between
/// attempts, for as long as that call's deadline allows. A command is retried only when it was
/// never sent (the connect failed); once written, a lost connection is reported, because the
/// command may have run. A call that outlives its deadline after it was written closes the
/// connection: its reply could otherwise be taken for the next call's, and a blocking command
/// (`BLPOP`) must not pop an element nobody reads.
public final class RedisConnection: Sendable {
    public let configuration: RedisConfiguration
    /// The loop that owns the socket and every piece of state below.
    let eventLoop: any EventLoop
    private let core: Core
    private let inFlight = Atomic<Int>(0)

    public init(configuration: RedisConfiguration,
                eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) {
        self.configuration = configuration
        self.eventLoop = eventLoop
        core = Core(configuration: configuration, eventLoop: eventLoop)
    }

    /// Calls queued or running on this connection; the client sends new work to the least busy one.
    var load: Int { inFlight.load(ordering: .relaxed) }

    /// Sends one command. Error replies come back as `.error`, not as a thrown error.
    /// - Parameter timeout: deadline for the whole call; defaults to `commandTimeout`. A blocking
    ///   command (`XREADGROUP BLOCK`, `BLPOP`) must pass more than its own block time.
    /// - Throws: `RedisError` for connection failures, timeouts and a closed client.
    public func execute(_ command: RedisCommand, timeout: Duration? = nil) async throws -> RedisValue {
        let replies = try await pipeline([command], timeout: timeout)
        guard let reply = replies.first else { throw RedisError.unexpectedReply(command: command.name, reply: "none") }
        return reply
    }

    /// Sends every command in one round trip and returns their replies in order.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration? = nil) async throws -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            submit(commands, timeout: timeout) { continuation.resume(with: $0) }
        }
    }

    /// Sends the commands in one round trip without awaiting them: `completion` gets their replies
    /// (error replies as `.error`) on the connection's event loop, so it must return quickly.
    /// - Parameter timeout: deadline for the call; defaults to `commandTimeout`.
    public func submit(_ commands: [RedisCommand], timeout: Duration? = nil,
                       completion: @escaping @Sendable (Result<[RedisValue], RedisError>) -> Void) {
        guard !commands.isEmpty else { return completion(.success([])) }
        inFlight.add(1, ordering: .relaxed)
        let call = Call(commands: commands, timeout: timeout ?? configuration.commandTimeout) { result in
            self.inFlight.subtract(1, ordering: .relaxed)
            completion(result)
        }
        if eventLoop.inEventLoop {
            core.start(call)
        } else {
            eventLoop.execute { [core] in core.start(call) }
        }
    }

    /// Closes the socket; calls waiting or in flight, and later calls, fail with `RedisError.closed`.
    public func close() async {
        let closed = eventLoop.flatSubmit { [core] in core.close() }
        try? await closed.get()
    }

    /// Exponential backoff with full jitter in the upper half: attempt 1 waits about the lower bound.
    static func backoff(attempt: Int, range: ClosedRange<Duration>) -> Duration {
        let exponent = min(max(attempt - 1, 0), 16)
        let base = min(range.lowerBound * (1 << exponent), range.upperBound)
        return base / 2 + base / 2 * Double.random(in: 0...1)
    }
}

extension RedisConnection {
    /// One call: its commands, the replies gathered so far and who waits for them. Made on any
    /// thread, then touched only on the connection's loop (hence unchecked).
    fileprivate final class Call: @unchecked Sendable {
        let commands: [RedisCommand]
        /// When the call fails if it has not finished.
        let expiresAt: NIODeadline
        var replies: [RedisValue] = []
        var deadline: Scheduled<Void>?
        private var completion: ((Result<[RedisValue], RedisError>) -> Void)?

        init(commands: [RedisCommand], timeout: Duration,
             completion: @escaping (Result<[RedisValue], RedisError>) -> Void) {
            self.commands = commands
            expiresAt = .now() + TimeAmount(timeout)
            self.completion = completion
        }

        var isDone: Bool { completion == nil }
        var name: String { commands.first?.name ?? "" }

        /// Delivers the result once; later results (a reply after a timeout) are dropped.
        func finish(_ result: Result<[RedisValue], RedisError>) {
            guard let completion else { return }
            self.completion = nil
            deadline?.cancel()
            deadline = nil
            completion(result)
        }
    }

    /// The connection's state, confined to its event loop: every method runs there (hence
    /// unchecked; debug builds assert it).
    fileprivate final class Core: @unchecked Sendable {
        enum State {
            case idle
            case connecting
            /// Connected; `AUTH`, `SELECT` and the scripts are being sent before any call.
            case preparing(any Channel)
            case connected(any Channel)
            /// Waiting to try connecting again.
            case backingOff(Scheduled<Void>)
            case closed
        }

        let configuration: RedisConfiguration
        let eventLoop: any EventLoop
        var state = State.idle
        /// Calls not written yet (no connection).
        var waiting = CircularBuffer<Call>()
        /// Calls written, in order, waiting for their replies.
        var sent = CircularBuffer<Call>()
        var failedConnects = 0
        var lastConnectError: RedisError?
        var isFlushScheduled = false
        var closeFuture: EventLoopFuture<Void>?

        init(configuration: RedisConfiguration, eventLoop: any EventLoop) {
            self.configuration = configuration
            self.eventLoop = eventLoop
        }

        // MARK: Calls

        func start(_ call: Call) {
            eventLoop.assertInEventLoop()
            if case .closed = state { return call.finish(.failure(.closed)) }
            call.deadline = eventLoop.scheduleTask(deadline: call.expiresAt) { [self] in expire(call) }
            switch state {
            case .connected(let channel):
                write(call, on: channel)
            case .idle:
                waiting.append(call)
                connect()
            case .connecting, .preparing, .backingOff:
                waiting.append(call)
            case .closed:
                break
            }
        }

        private func write(_ call: Call, on channel: any Channel) {
            sent.append(call)
            channel.write(channel.allocator.buffer(of: call.commands), promise: nil)
            // One flush per loop turn for every call written in it: under load, one write syscall.
            if !isFlushScheduled {
                isFlushScheduled = true
                eventLoop.execute { [self] in
                    isFlushScheduled = false
                    switch state {
                    case .connected(let current), .preparing(let current): current.flush()
                    default: break  // closed meanwhile: its calls have failed
                    }
                }
            }
        }

        /// A call's deadline passed: unsent, it fails with the last connect error or a timeout;
        /// sent, it times out and the connection closes (its reply would be read as another's).
        private func expire(_ call: Call) {
            guard !call.isDone else { return }
            call.deadline = nil
            if let index = waiting.firstIndex(where: { $0 === call }) {
                waiting.remove(at: index)
                call.finish(.failure(lastConnectError ?? .timeout(command: call.name)))
                return
            }
            call.finish(.failure(.timeout(command: call.name)))
            if case .connected(let channel) = state { channel.close(promise: nil) }
        }

        /// A reply arrived: it belongs to the oldest call still short of replies.
        func received(_ reply: RedisValue) {
            guard let call = sent.first else { return }
            call.replies.append(reply)
            if call.replies.count == call.commands.count {
                sent.removeFirst()
                call.finish(.success(call.replies))
            }
        }

        // MARK: Connecting

        private func connect() {
            state = .connecting
            RESPReplyHandler.connect(configuration, on: eventLoop, received: { [self] in received($0) },
                                     closed: { [self] in channelClosed($0, reason: $1) }).whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    guard case .connecting = state else {
                        channel.close(promise: nil)  // closed meanwhile
                        return
                    }
                    prepare(channel)
                case .failure(let error):
                    connectFailed(.connectionFailed("\(error)"))
                }
            }
        }

        /// Authenticates, selects the database and loads every script before the first call: a
        /// new connection may be to a restarted server.
        private func prepare(_ channel: any Channel) {
            var setup: [RedisCommand] = []
            if let password = configuration.password {
                var auth: [any RedisArgument] = [password]
                if let username = configuration.username { auth.insert(username, at: 0) }
                setup.append(RedisCommand("AUTH", auth))
            }
            if configuration.database != 0 { setup.append(RedisCommand("SELECT", configuration.database)) }
            let checked = setup.count
            setup += RedisScript.loadCommands
            guard !setup.isEmpty else { return ready(channel) }
            state = .preparing(channel)
            let call = Call(commands: setup, timeout: configuration.connectTimeout) { [self] result in
                switch result {
                case .success(let replies):
                    if let refused = replies.prefix(checked).firstIndex(where: { $0.errorMessage != nil }) {
                        channel.close(promise: nil)
                        let message = replies[refused].errorMessage ?? ""
                        connectFailed(.connectionFailed("\(setup[refused].name) refused: \(message)"))
                    } else if case .preparing = state {
                        ready(channel)
                    }
                case .failure(let error):
                    connectFailed(error == .closed ? .closed : .connectionFailed("\(error)"))
                }
            }
            call.deadline = eventLoop.scheduleTask(deadline: call.expiresAt) {
                guard !call.isDone else { return }
                call.finish(.failure(.timeout(command: "connection setup")))
                channel.close(promise: nil)
            }
            write(call, on: channel)
        }

        private func ready(_ channel: any Channel) {
            state = .connected(channel)
            failedConnects = 0
            lastConnectError = nil
            while let call = waiting.popFirst() { write(call, on: channel) }
        }

        private func connectFailed(_ error: RedisError) {
            if case .closed = state { return }
            failedConnects += 1
            lastConnectError = error
            state = .idle
            guard !waiting.isEmpty else { return }
            let delay = RedisConnection.backoff(attempt: failedConnects, range: configuration.reconnectBackoff)
            // A call that cannot live to see the next attempt fails now, with the reason.
            let retryAt = NIODeadline.now() + TimeAmount(delay)
            let doomed = waiting.filter { $0.expiresAt < retryAt }
            waiting.removeAll { $0.expiresAt < retryAt }
            for call in doomed { call.finish(.failure(error)) }
            guard !waiting.isEmpty else { return }
            state = .backingOff(eventLoop.scheduleTask(deadline: retryAt) { [self] in
                if case .backingOff = state { connect() }
            })
        }

        /// The socket closed: calls in flight fail (they may have run); waiting ones reconnect.
        func channelClosed(_ channel: any Channel, reason: String) {
            switch state {
            case .connected(let current) where current === channel, .preparing(let current) where current === channel:
                state = .idle
            default:
                break
            }
            let lost = sent
            sent.removeAll()
            for call in lost { call.finish(.failure(.connectionLost(reason))) }
            if case .idle = state, !waiting.isEmpty { connect() }
        }

        func close() -> EventLoopFuture<Void> {
            if let closeFuture { return closeFuture }
            let channel: (any Channel)?
            switch state {
            case .connected(let current), .preparing(let current): channel = current
            case .backingOff(let retry):
                retry.cancel()
                channel = nil
            default: channel = nil
            }
            state = .closed
            let pending = Array(waiting) + Array(sent)
            waiting.removeAll()
            sent.removeAll()
            for call in pending { call.finish(.failure(.closed)) }
            let future = channel?.close() ?? eventLoop.makeSucceededVoidFuture()
            closeFuture = future.recover { _ in }
            return closeFuture!
        }
    }
}
