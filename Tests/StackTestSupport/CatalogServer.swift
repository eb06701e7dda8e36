import CatalogService
import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import ServiceLifecycle
import Shared
import TestSupport

/// Runs `body` with the catalog service serving its demo catalog on `port` (a free one when `nil`),
/// as a real server in this process, its database in a temporary directory: a test can take it
/// down and bring it back on the same port. `body` gets the port. A free port another process took
/// before the server bound it is given up for another (before, the test waited 30 s for a server
/// that had failed to start).
public func withCatalogService(port: Int? = nil, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    for attempt in 1...3 {
        let chosen = try port ?? freeLoopbackPort()
        var config = CatalogConfiguration(listen: .init(host: "127.0.0.1", port: chosen))
        config.databasePath = try makeTemporaryDirectory("catalog-service").appendingPathComponent("catalog.sqlite").path
        config.loadsDemoCatalog = true
        do {
            try await whileRunning(try await CatalogService.buildApplication(config)) {
                let probe = ServiceHTTPClient(service: "catalog-service", baseURL: "http://127.0.0.1:\(chosen)",
                                              timeout: .milliseconds(500), retry: .none, logger: Logger(label: "test"))
                try await eventually(.seconds(30), "the catalog answers") { try await probe.send(.GET, "/health").status == 200 }
                try await body(chosen)
            }
            return
        } catch let error as ServerStopped where port == nil && attempt < 3 {
            _ = error  // the port was taken: another one
        }
    }
}

/// The server `whileRunning` ran stopped before `body` finished, with this error.
public struct ServerStopped: Error, CustomStringConvertible {
    public var underlying: any Error
    public var description: String { "the server stopped early: \(underlying)" }
}

/// Which of `whileRunning`'s two tasks ended.
private enum ServerTaskFinished: Sendable { case server, body }

/// Runs `service` (a server) while `body` runs, then shuts it down gracefully, also when `body`
/// throws. Cancelled instead, a Hummingbird server logs "Server shutdown error: Already closed" and
/// "Waiting on child channel: CancellationError()" as errors, which are not. A server that stops
/// first (it could not bind its port) ends `body` with `ServerStopped`.
public func whileRunning(_ service: some Service, _ body: @escaping @Sendable () async throws -> Void) async throws {
    let services = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test-service")))
    try await withThrowingTaskGroup(of: ServerTaskFinished.self) { group in
        group.addTask {
            do {
                try await services.run()
            } catch {
                throw ServerStopped(underlying: error)
            }
            return .server
        }
        group.addTask {
            do {
                try await body()
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            return .body
        }
        do {
            switch try await group.next() {
            case .body?:
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
            case .server?, nil:
                group.cancelAll()
                throw ServerStopped(underlying: CancellationError())
            }
        } catch {
            await services.triggerGracefulShutdown()
            throw error  // the group cancels and awaits what still runs
        }
    }
}
