import Foundation
import Shared
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A private `redis-server` for one test: on a free loopback port, with persistence off, stopped
/// when the test ends. It can be killed and restarted on the same port to test recovery.
public final class RedisServer: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case didNotStart(String)

        public var description: String {
            switch self {
            case .notInstalled: "redis-server is not installed: run `make test`, which installs it"
            case .didNotStart(let why): "redis-server did not start: \(why)"
            }
        }
    }

    public let port: Int
    private let process: Mutex<Process?>

    public var url: String { "redis://127.0.0.1:\(port)" }
    public var configuration: RedisConfiguration { configuration(address: .tcp(host: "127.0.0.1", port: port)) }
    /// The server's Unix socket (it listens there as well as on its port).
    public var unixSocketPath: String { NSTemporaryDirectory() + "redis-test-\(port).sock" }
    /// The configuration that reaches the server through its Unix socket.
    public var unixSocketConfiguration: RedisConfiguration { configuration(address: .unix(path: unixSocketPath)) }

    private func configuration(address: RedisConfiguration.Address) -> RedisConfiguration {
        RedisConfiguration(address: address, connectTimeout: .milliseconds(500), commandTimeout: .seconds(2),
                           reconnectBackoff: .milliseconds(20)...(.milliseconds(200)))
    }

    private init(port: Int) {
        self.port = port
        self.process = Mutex(nil)
    }

    /// Starts a server on a free port, retrying with another port if one is taken meanwhile.
    public static func start() async throws -> RedisServer {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let server = RedisServer(port: try freeLoopbackPort())
            do {
                try await server.launch()
                return server
            } catch let error as Failure {
                if case .notInstalled = error { throw error }
                lastError = error
            }
        }
        throw lastError ?? Failure.didNotStart("no free port")
    }

    /// Starts the server process (again) and waits until it answers `PING`.
    public func launch() async throws {
        let path = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let path else { throw Failure.notInstalled }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: path)
        child.arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                           "--daemonize", "no", "--loglevel", "warning", "--protected-mode", "no",
                           "--unixsocket", unixSocketPath, "--unixsocketperm", "700"]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        process.withLock { $0 = child }
        let probe = RedisConnection(configuration: configuration)
        defer { Task { await probe.close() } }
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            guard child.isRunning else { throw Failure.didNotStart("exited with \(child.terminationStatus)") }
            // Ours, not another test's server that took the port between `freeLoopbackPort` and
            // this launch (ours then fails to bind and exits; meanwhile the other one answers):
            // two tests sharing one Redis ran each other's turns.
            if let info = (try? await probe.execute(RedisCommand("INFO", "server"), timeout: .milliseconds(300)))?.string {
                if info.contains("process_id:\(child.processIdentifier)\r") { return }
                kill()
                throw Failure.didNotStart("port \(port) is another server's")
            }
        }
        kill()
        throw Failure.didNotStart("no PONG within 5 s on port \(port)")
    }

    /// SIGKILLs the server, as a crash would, and waits for it to be gone.
    public func kill() {
        guard let child = process.withLock({ process in defer { process = nil }; return process }) else { return }
        if child.isRunning {
            Glibc.kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        // A killed server leaves its socket file; the next launch on this port makes a new one.
        unlink(unixSocketPath)
    }

    /// Kills the server and starts a new one on the same port (its data is gone: persistence is off).
    public func restart() async throws {
        kill()
        try await launch()
    }

    deinit { kill() }
}

/// Runs `body` with a private Redis server, stopped afterwards whatever happens.
public func withRedisServer<T>(_ body: (RedisServer) async throws -> T) async throws -> T {
    let server = try await RedisServer.start()
    defer { server.kill() }
    return try await body(server)
}

/// A loopback port nobody else is given while it is held: a socket bound to it that does not
/// listen, so connections to it are refused (a service that is down) and `bind` to port 0 by
/// any other test passes it over. `release()` frees it for the service meant to come up there.
public final class LoopbackPortReservation: @unchecked Sendable {
    public let port: Int
    private var fd: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RedisServer.Failure.didNotStart("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw RedisServer.Failure.didNotStart("bind() failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Frees the port. Only the caller should bind it next; another `bind` to port 0 may take it.
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// A loopback port free at the moment of the call (`LoopbackPortReservation`, released at once).
public func freeLoopbackPort() throws -> Int {
    let reservation = try LoopbackPortReservation()
    reservation.release()
    return reservation.port
}
