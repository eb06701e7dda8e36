import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The project's Redis client: a pool of connections on NIO event loops, async to its callers.
/// Run it as a `Service` (started first, stopped last) or call `close()` yourself.
public final class RedisClient: Service, Sendable {
    public let configuration: RedisConfiguration
    private let connections: [RedisConnection]
    /// The scripts this client has loaded on its server (`RedisScript.pipeline`); emptied at a
    /// `NOSCRIPT`. Per client, not per process: tests run one server per client.
    let loadedScripts = Mutex<Set<ObjectIdentifier>>([])
    private let logger: Logger

    public init(configuration: RedisConfiguration, logger: Logger = Logger(label: "redis")) {
        self.configuration = configuration
        self.logger = logger
        // Spread over every event loop, so a caller on any loop has a connection of its own loop.
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        self.connections = (0..<max(1, configuration.poolSize)).map { index in
            RedisConnection(configuration: configuration, eventLoop: loops[index % loops.count])
        }
    }

    /// Convenience for `redis://` URLs.
    public convenience init(url: String, logger: Logger = Logger(label: "redis")) throws(RedisError) {
        self.init(configuration: try RedisConfiguration(url: url), logger: logger)
    }

    /// Sends one command on the least busy connection.
    /// - Throws: `RedisError.server` for an error reply, other `RedisError`s for I/O and deadlines.
    @discardableResult
    public func send(_ command: RedisCommand, timeout: Duration? = nil) async throws -> RedisValue {
        let reply = try await leastBusy().execute(command, timeout: timeout)
        if case .error(let message) = reply { throw RedisError.server(message) }
        return reply
    }

    /// `send(RedisCommand(name, arguments…))`.
    @discardableResult
    public func send(_ name: String, _ arguments: any RedisArgument...) async throws -> RedisValue {
        try await send(RedisCommand(name, arguments))
    }

    /// Sends the commands in one round trip on one connection; replies in order, error replies
    /// included as `.error` values. Wrap them in `MULTI`/`EXEC` for atomicity.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration? = nil) async throws -> [RedisValue] {
        try await leastBusy().pipeline(commands, timeout: timeout)
    }

    /// `pipeline` without awaiting: `completion` runs on the chosen connection's event loop (see
    /// `RedisConnection.submit`), so it must return quickly.
    public func submit(_ commands: [RedisCommand], timeout: Duration? = nil,
                       completion: @escaping @Sendable (Result<[RedisValue], RedisError>) -> Void) {
        leastBusy().submit(commands, timeout: timeout, completion: completion)
    }

    /// Runs `body` with a connection of its own, for blocking commands (`XREADGROUP BLOCK`) that
    /// would otherwise hold a pooled connection; it is closed afterwards.
    public func withDedicatedConnection<T: Sendable>(
        _ body: (RedisConnection) async throws -> T
    ) async throws -> T {
        let connection = RedisConnection(configuration: configuration)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Makes a subscriber on its own connection, read on `eventLoop`; run it as a `Service` too.
    public func makeSubscriber(on eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()) -> RedisSubscriber {
        RedisSubscriber(configuration: configuration, logger: logger, eventLoop: eventLoop)
    }

    /// Whether Redis answers `PING` within `timeout`.
    public func ping(timeout: Duration = .seconds(1)) async -> Bool {
        (try? await send(RedisCommand("PING"), timeout: timeout))?.string == "PONG"
    }

    public func close() async {
        for connection in connections { await connection.close() }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// The least busy connection of the caller's own event loop when it runs on one (its call is
    /// written, and its reply read, right there: no hop to another thread and back), otherwise
    /// the least busy of all.
    private func leastBusy() -> RedisConnection {
        Self.leastBusy(of: connections.lazy.filter { $0.eventLoop.inEventLoop })
            ?? Self.leastBusy(of: connections) ?? connections[0]
    }

    /// The connection with the fewest calls in flight (the first idle one found); `nil` for none.
    private static func leastBusy(of candidates: some Sequence<RedisConnection>) -> RedisConnection? {
        var best: RedisConnection?
        var bestLoad = Int.max
        for connection in candidates {
            let load = connection.load
            if load < bestLoad {
                best = connection
                bestLoad = load
                if load == 0 { break }
            }
        }
        return best
    }
}
