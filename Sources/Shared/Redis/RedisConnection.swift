import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One Redis connection with its own thread: every hiredis call runs there, never on a NIO event
/// loop or the cooperative pool, and the context is only touched under `state`'s lock.
///
/// A broken connection reconnects on the next call, with exponential backoff and jitter between
/// attempts, for as long as that call's deadline allows. A command is retried only when it was
/// never sent (the connect failed); once written, a lost connection is reported, because the
/// command may have run.
public final class RedisConnection: Sendable {
    private struct State {
        let hiredis: HiredisConnection
        var failedConnects = 0
    }

    public let configuration: RedisConfiguration
    private let state: Mutex<State>
    private let thread: NIOThreadPool
    private let inFlight = Atomic<Int>(0)
    /// Calls handed over with `submit`, waiting for the thread to send them together.
    private let lane = Mutex(Lane())

    /// One call of `submit`, queued.
    private struct Submitted: Sendable {
        var commands: [RedisCommand]
        var deadline: ContinuousClock.Instant
        var completion: @Sendable (Result<[RedisValue], RedisError>) -> Void
    }

    private struct Lane {
        var queued: [Submitted] = []
        /// A work item on the thread sends what is queued; later calls join it.
        var isScheduled = false
    }

    public init(configuration: RedisConfiguration) {
        self.configuration = configuration
        self.state = Mutex(State(hiredis: HiredisConnection(configuration: configuration)))
        self.thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
    }

    /// Calls queued or running on this connection; the client sends new work to the least busy one.
    var load: Int { inFlight.load(ordering: .relaxed) }

    /// Sends one command. Error replies come back as `.error`, not as a thrown error.
    /// - Parameter timeout: deadline for the whole call; defaults to `commandTimeout`. A blocking
    ///   command (`XREADGROUP BLOCK`, `BLPOP`) must pass more than its own block time.
    /// - Throws: `RedisError` for connection failures, timeouts and a closed client.
    public func execute(_ command: RedisCommand, timeout: Duration? = nil) async throws -> RedisValue {
        try await onThread(timeout: timeout, name: command.name) { hiredis, remaining throws(RedisError) in
            try hiredis.execute(command, timeout: remaining)
        }
    }

    /// Sends every command in one round trip and returns their replies in order.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration? = nil) async throws -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        return try await onThread(timeout: timeout, name: commands[0].name) { hiredis, remaining throws(RedisError) in
            try hiredis.pipeline(commands, timeout: remaining)
        }
    }

    /// Sends the commands in one round trip without awaiting them: `completion` gets their replies
    /// (error replies as `.error`) on the connection's thread, so it must return quickly. Calls
    /// submitted while the thread is busy are sent together, in submission order, as one pipeline:
    /// under load a socket's enqueue costs no wake-up of its own, and no task hop either way.
    /// - Parameter timeout: deadline for the call; defaults to `commandTimeout`. A batch uses the
    ///   earliest deadline of its calls.
    public func submit(_ commands: [RedisCommand], timeout: Duration? = nil,
                       completion: @escaping @Sendable (Result<[RedisValue], RedisError>) -> Void) {
        guard !commands.isEmpty else { return completion(.success([])) }
        let call = Submitted(commands: commands, deadline: ContinuousClock.now + (timeout ?? configuration.commandTimeout),
                             completion: completion)
        inFlight.add(1, ordering: .relaxed)
        let schedule = lane.withLock { lane in
            lane.queued.append(call)
            guard !lane.isScheduled else { return false }
            lane.isScheduled = true
            return true
        }
        if schedule { scheduleSubmitted() }
    }

    /// One work item per batch, so calls awaited with `execute`/`pipeline` queued meanwhile on the
    /// thread take their turn between batches.
    private func scheduleSubmitted() {
        thread.submit { state in
            let batch = self.lane.withLock { lane in
                defer { lane.queued.removeAll(keepingCapacity: true) }
                return lane.queued
            }
            if case .active = state {
                self.send(batch)
            } else {
                self.complete(batch, with: .failure(.closed))  // the thread pool is shut down
            }
            let more = self.lane.withLock { lane in
                lane.isScheduled = !lane.queued.isEmpty
                return lane.isScheduled
            }
            if more { self.scheduleSubmitted() }
        }
    }

    /// On the thread: one pipeline for every call of the batch, replies split back per call.
    private func send(_ batch: [Submitted]) {
        guard let deadline = batch.lazy.map(\.deadline).min() else { return }
        let commands = batch.count == 1 ? batch[0].commands : batch.flatMap(\.commands)
        let result = Result { () throws(RedisError) -> [RedisValue] in
            try withConnection(until: deadline, name: commands[0].name) { hiredis, remaining throws(RedisError) in
                try hiredis.pipeline(commands, timeout: remaining)
            }
        }
        complete(batch, with: result)
    }

    private func complete(_ batch: [Submitted], with result: Result<[RedisValue], RedisError>) {
        var start = 0
        for call in batch {
            inFlight.subtract(1, ordering: .relaxed)
            switch result {
            case .success(let replies) where batch.count == 1:
                call.completion(.success(replies))
            case .success(let replies):
                let end = start + call.commands.count
                call.completion(.success(Array(replies[start..<end])))
                start = end
            case .failure(let error):
                call.completion(.failure(error))
            }
        }
    }

    /// Closes the socket and stops the thread; later calls throw `RedisError.closed`.
    public func close() async {
        _ = try? await thread.runIfActive { self.state.withLock { $0.hiredis.close() } }
        try? await thread.shutdownGracefully()
    }

    private func onThread<T: Sendable>(
        timeout: Duration?, name: String,
        _ body: @escaping @Sendable (HiredisConnection, Duration) throws(RedisError) -> T
    ) async throws -> T {
        let deadline = ContinuousClock.now + (timeout ?? configuration.commandTimeout)
        inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        do {
            return try await thread.runIfActive {
                try self.withConnection(until: deadline, name: name, body)
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError.closed  // the thread pool is shut down
        }
    }

    /// Runs `body` on a connected context, reconnecting with backoff until `deadline`.
    private func withConnection<T: Sendable>(
        until deadline: ContinuousClock.Instant, name: String,
        _ body: (HiredisConnection, Duration) throws(RedisError) -> T
    ) throws(RedisError) -> T {
        try state.withLock { (state: inout State) throws(RedisError) -> T in
            while !state.hiredis.isConnected {
                guard ContinuousClock.now < deadline else { throw .timeout(command: name) }
                do throws(RedisError) {
                    try state.hiredis.connect()
                    state.failedConnects = 0
                    // A new connection may be to a restarted server: load every script before any call.
                    let scripts = RedisScript.loadCommands
                    if !scripts.isEmpty {
                        _ = try state.hiredis.pipeline(scripts, timeout: max(deadline - ContinuousClock.now, .milliseconds(100)))
                    }
                } catch {
                    state.failedConnects += 1
                    let delay = Self.backoff(attempt: state.failedConnects, range: configuration.reconnectBackoff)
                    guard ContinuousClock.now + delay < deadline else { throw error }
                    Self.sleep(delay)
                }
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timeout(command: name) }
            return try body(state.hiredis, remaining)
        }
    }

    /// Exponential backoff with full jitter in the upper half: attempt 1 waits about the lower bound.
    static func backoff(attempt: Int, range: ClosedRange<Duration>) -> Duration {
        let exponent = min(max(attempt - 1, 0), 16)
        let base = min(range.lowerBound * (1 << exponent), range.upperBound)
        return base / 2 + base / 2 * Double.random(in: 0...1)
    }

    private static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
