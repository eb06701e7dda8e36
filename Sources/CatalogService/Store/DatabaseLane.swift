import NIOPosix
import Synchronization

/// One SQLite connection with its own thread: every call on it runs there, never on a NIO event
/// loop or the cooperative pool, and the connection is only touched under `connection`'s lock.
final class DatabaseLane: Sendable {
    private let connection: Mutex<SQLiteConnection?>
    private let thread: NIOThreadPool
    private let inFlight = Atomic<Int>(0)

    init(path: String, isReadOnly: Bool) throws(SQLiteError) {
        let opened = try SQLiteConnection(path: path, isReadOnly: isReadOnly)
        connection = Mutex(opened)
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
    }

    /// Calls queued or running here; searches go to the least busy reader.
    var load: Int { inFlight.load(ordering: .relaxed) }

    /// Runs `body` with the connection on this lane's thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        let result: Result<T, any Error>
        do {
            result = try await thread.runIfActive {
                self.connection.withLock { connection -> Result<T, any Error> in
                    guard let connection else { return .failure(CatalogError.closed) }
                    defer { connection.resetStatements() }
                    return Result { try body(connection) }
                }
            }
        } catch {
            throw CatalogError.closed  // the thread is shut down
        }
        return try result.get()
    }

    /// Runs `body` with the connection on the caller's thread, if no call holds it now; `nil` at
    /// once otherwise. Only for work that is all in memory (the caller must not block its thread).
    func runHereIfFree<T: Sendable>(_ body: @Sendable (SQLiteConnection) throws -> T) throws -> T? {
        try connection.withLockIfAvailable { connection -> T? in
            guard let connection else { throw CatalogError.closed }
            defer { connection.resetStatements() }
            return try body(connection)
        } ?? nil
    }

    /// Closes the connection and stops the thread; later calls throw `CatalogError.closed`.
    func close() async {
        _ = try? await thread.runIfActive { self.connection.withLock { $0 = nil } }
        try? await thread.shutdownGracefully()
    }
}
