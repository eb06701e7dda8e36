import CSQLite

/// A failure reported by SQLite, with the statement's context for logs.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public var description: String { "sqlite error \(code): \(message)" }
}

/// One SQLite connection. Not thread-safe: its owner (a `CatalogStore` lane) uses it from one
/// thread at a time, under a lock.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// The statements handed out since the last `resetStatements()`: only these can hold a snapshot.
    private var handedOut: [SQLiteStatement] = []
    /// FTS5's tokenizer on this connection, opened on first use.
    private var tokenizer: FullTextTokenizer?

    /// Opens (creating when `isReadOnly` is false) the database at `path`.
    init(path: String, isReadOnly: Bool) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = (isReadOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &pointer, flags, nil)
        guard rc == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: rc, message: "\(message) (\(path))")
        }
        handle = pointer
        sqlite3_busy_timeout(handle, 5000)
        // Searches read pages all over the FTS index and the products table. With SQLite's
        // default 2 MB page cache every query copied them in again through pread (a fifth of a
        // search's CPU in the profile); mapping the file lets every connection read the OS page
        // cache in place, and a bigger cache keeps the hot index pages decoded.
        try execute("PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384")
    }

    deinit {
        tokenizer = nil  // before the connection that made it closes
        handedOut.removeAll()
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The tokenizer `products_fts` uses, for splitting text outside a query.
    func fullTextTokenizer() throws(SQLiteError) -> FullTextTokenizer {
        if let tokenizer { return tokenizer }
        let opened = try FullTextTokenizer(connection: handle)
        tokenizer = opened
        return opened
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? "exec failed"
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message)
        }
    }

    /// A prepared statement, cached by its text; reset and with bindings cleared.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            handOut(cached)
            return cached
        }
        var pointer: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard rc == SQLITE_OK, let pointer else { throw lastError(rc) }
        let statement = SQLiteStatement(pointer, connection: self)
        if statements.count > 256 { statements.removeAll() }  // bounded: dynamic SQL varies with the spec
        statements[sql] = statement
        handOut(statement)
        return statement
    }

    /// Notes a statement as handed out, once however often (an import asks for the same few per row).
    private func handOut(_ statement: SQLiteStatement) {
        guard !statement.isHandedOut else { return }
        statement.isHandedOut = true
        handedOut.append(statement)
    }

    /// Resets every cached statement, ending any read transaction one left open (a stepped
    /// statement pins its WAL snapshot until reset, so later commits would stay invisible).
    func resetStatements() {
        for statement in handedOut {
            statement.reset()
            statement.isHandedOut = false
        }
        handedOut.removeAll(keepingCapacity: true)
    }

    /// Runs `body` in one read transaction (one snapshot, and SQLite's WAL read lock taken once
    /// rather than per statement). Inside a transaction already, `body` just runs in it.
    func reading<T>(_ body: () throws -> T) throws -> T {
        guard sqlite3_get_autocommit(handle) != 0 else { return try body() }
        try statement("BEGIN").run()
        do {
            let result = try body()
            resetStatements()  // a statement left mid-step would keep the snapshot open
            try statement("COMMIT").run()
            return result
        } catch {
            resetStatements()
            try? execute("ROLLBACK")
            throw error
        }
    }

    func lastError(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }
}

/// A prepared statement. Binding indexes are 1-based, column indexes 0-based (SQLite's own).
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection
    /// Whether the connection has it in its list to reset after the current call.
    var isHandedOut = false

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let rc: Int32 = switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let v): sqlite3_bind_int64(handle, index, Int64(v))
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(let v): sqlite3_bind_text(handle, index, v, -1, csqlite_transient())
        }
        guard rc == SQLITE_OK else { throw connection.lastError(rc) }
    }

    /// Advances to the next row; `false` when done.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(rc)
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    /// Calls `body` with the column's UTF-8 bytes in place (empty for NULL), with no String made.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let pointer = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))  // after _text, as SQLite's docs require
        return body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    func int(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }
}

enum SQLiteValue: Sendable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ number: Double?) { self = number.map { .real($0) } ?? .null }
    init(_ number: Int?) { self = number.map { .integer($0) } ?? .null }
}
