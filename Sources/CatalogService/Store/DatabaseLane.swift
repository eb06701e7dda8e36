import NIOPosix
import Synchronization

/// One SQLite connection with its own thread, touched only under `connection`'s lock. The
/// writer's calls (imports) always run on that thread, never on a NIO event loop or the
/// cooperative pool; a reader's short calls run on the caller's thread when the connection is free.
final class DatabaseLane: Sendable {
    private let connection: Mutex<SQLiteConnection?>
    private let thread: NIOThreadPool
    private let inFlight = Atomic<Int>(0)
    /// Reader lanes run a call on the caller's thread when the connection is free.
    private let runsInline: Bool

    init(path: String, isReadOnly: Bool) throws(SQLiteError) {
        let opened = try SQLiteConnection(path: path, isReadOnly: isReadOnly)
        connection = Mutex(opened)
        runsInline = isReadOnly
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
    }

    /// Calls queued or running here; searches go to the least busy reader.
    var load: Int { inFlight.load(ordering: .relaxed) }

    /// Runs `body` with the connection: right here when this is a reader lane and its connection
    /// is free, otherwise on the lane's thread.
    ///
    /// A search on the in-memory index holds the connection for tens of microseconds; sending
    /// it to the lane's thread and back cost two thread wake-ups, about as much again. The
    /// writer always uses its thread: an import holds its connection for seconds.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        if runsInline, let result = connection.withLockIfAvailable({ Self.call(body, with: $0) }) {
            return try result.get()
        }
        let result: Result<T, any Error>
        do {
            result = try await thread.runIfActive {
                self.connection.withLock { Self.call(body, with: $0) }
            }
        } catch {
            throw CatalogError.closed  // the thread is shut down
        }
        return try result.get()
    }

    private static func call<T>(_ body: (SQLiteConnection) throws -> T, with connection: SQLiteConnection?) -> Result<T, any Error> {
        guard let connection else { return .failure(CatalogError.closed) }
        defer { connection.resetStatements() }
        return Result { try body(connection) }
    }

    /// Closes the connection and stops the thread; later calls throw `CatalogError.closed`.
    func close() async {
        _ = try? await thread.runIfActive { self.connection.withLock { $0 = nil } }
        try? await thread.shutdownGracefully()
    }
}
