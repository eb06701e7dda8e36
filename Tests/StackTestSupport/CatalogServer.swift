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
/// down and bring it back on the same port. `body` gets the port.
public func withCatalogService(port: Int? = nil, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    let port = try port ?? freeLoopbackPort()
    var config = CatalogConfiguration(listen: .init(host: "127.0.0.1", port: port))
    config.databasePath = try makeTemporaryDirectory("catalog-service").appendingPathComponent("catalog.sqlite").path
    config.loadsDemoCatalog = true
    try await whileRunning(try await CatalogService.buildApplication(config)) {
        let probe = ServiceHTTPClient(service: "catalog-service", baseURL: "http://127.0.0.1:\(port)",
                                      timeout: .milliseconds(500), retry: .none, logger: Logger(label: "test"))
        try await eventually(.seconds(30), "the catalog answers") { try await probe.send(.GET, "/health").status == 200 }
        try await body(port)
    }
}

/// Runs `service` (a server) while `body` runs, then shuts it down gracefully, also when `body`
/// throws. Cancelled instead, a Hummingbird server logs "Server shutdown error: Already closed" and
/// "Waiting on child channel: CancellationError()" as errors, which are not.
public func whileRunning(_ service: some Service, _ body: () async throws -> Void) async throws {
    let services = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "test-service")))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        do {
            try await body()
        } catch {
            await services.triggerGracefulShutdown()
            try? await group.waitForAll()
            throw error
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
    }
}
