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
