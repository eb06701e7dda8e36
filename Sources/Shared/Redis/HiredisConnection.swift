import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One hiredis context and the synchronous calls on it.
///
/// Not thread-safe: hiredis contexts are not. Its owner (the subscriber's thread) makes every
/// call from one thread at a time. Any I/O error closes the context; the next call reconnects.
final class HiredisConnection {
    private var context: UnsafeMutablePointer<redisContext>?
    private var currentTimeout: Duration?
    let configuration: RedisConfiguration

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
    }

    deinit { close() }

    var isConnected: Bool { context != nil }

    /// The socket's file descriptor, for `poll`; `nil` when not connected.
    var fileDescriptor: Int32? { context.map { $0.pointee.fd } }

    func close() {
        if let context { redisFree(context) }
        context = nil
        currentTimeout = nil
    }

    /// Connects (closing any previous context), authenticates and selects the database.
    func connect() throws(RedisError) {
        close()
        let timeout = timeval(configuration.connectTimeout)
        let made: UnsafeMutablePointer<redisContext>? =
            switch configuration.address {
            case .tcp(let host, let port): redisConnectWithTimeout(host, Int32(port), timeout)
            case .unix(let path): redisConnectUnixWithTimeout(path, timeout)
            }
        guard let made else { throw .connectionFailed("cannot allocate a redis context") }
        if made.pointee.err != 0 {
            let reason = Self.errorText(of: made)
            redisFree(made)
            throw .connectionFailed(reason)
        }
        context = made
        // TCP only: on a Unix socket hiredis's keep-alive `setsockopt` fails, and the error it
        // records in the context fails every later call on it.
        if case .tcp = configuration.address { _ = redisEnableKeepAlive(made) }
        if let password = configuration.password {
            var auth: [any RedisArgument] = [password]
            if let username = configuration.username { auth.insert(username, at: 0) }
            try expectOK(RedisCommand("AUTH", auth))
        }
        if configuration.database != 0 {
            try expectOK(RedisCommand("SELECT", configuration.database))
        }
    }

    private func expectOK(_ command: RedisCommand) throws(RedisError) {
        let reply = try execute(command, timeout: configuration.connectTimeout)
        if case .error(let message) = reply {
            close()
            throw .connectionFailed("\(command.name) refused: \(message)")
        }
    }

    /// Sends one command and waits for its reply, up to `timeout` of socket inactivity.
    func execute(_ command: RedisCommand, timeout: Duration) throws(RedisError) -> RedisValue {
        guard let context else { throw .connectionFailed("not connected") }
        applyTimeout(timeout)
        var reply: UnsafeMutableRawPointer?
        guard Self.append(command, to: context) == REDIS_OK, redisGetReply(context, &reply) == REDIS_OK, let reply else {
            throw failure(command)
        }
        defer { freeReplyObject(reply) }
        return RedisValue(reply: reply.assumingMemoryBound(to: redisReply.self))
    }

    // MARK: Non-blocking use by the subscriber

    /// Queues a command in the output buffer and writes it out.
    func write(_ command: RedisCommand) throws(RedisError) {
        guard let context else { throw .connectionFailed("not connected") }
        if Self.append(command, to: context) != REDIS_OK { throw failure(command) }
        var done: Int32 = 0
        while done == 0 {
            if redisBufferWrite(context, &done) != REDIS_OK { throw failure(command) }
        }
    }

    /// A reply already read into the input buffer, if a whole one is there; never blocks.
    func bufferedReply() throws(RedisError) -> RedisValue? {
        guard let context else { throw .connectionFailed("not connected") }
        var raw: UnsafeMutableRawPointer?
        guard redisGetReplyFromReader(context, &raw) == REDIS_OK else { throw failure(RedisCommand("READ")) }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return RedisValue(reply: raw.assumingMemoryBound(to: redisReply.self))
    }

    /// Reads what the socket has into the input buffer; call after `poll` reported it readable.
    func readAvailable() throws(RedisError) {
        guard let context else { throw .connectionFailed("not connected") }
        if redisBufferRead(context) != REDIS_OK { throw failure(RedisCommand("READ")) }
    }

    // MARK: Helpers

    /// Sets the socket's inactivity timeout to `timeout` rounded up to a tenth of a second. A
    /// call's timeout is what remains of its deadline, different every time; rounded, it stays
    /// the same from call to call, which spares two `setsockopt` calls per command.
    private func applyTimeout(_ timeout: Duration) {
        let step = Duration.milliseconds(100)
        let rounded = step * Int((timeout / step).rounded(.up))
        guard let context, currentTimeout != rounded else { return }
        _ = redisSetTimeout(context, timeval(rounded))
        currentTimeout = rounded
    }

    /// Turns the context's error into a `RedisError` and closes the context.
    private func failure(_ command: RedisCommand) -> RedisError {
        guard let context else { return .connectionFailed("not connected") }
        let reason = Self.errorText(of: context)
        let code = context.pointee.err
        let isTimeout = code == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK)
        close()
        return isTimeout ? .timeout(command: command.name) : .connectionLost(reason)
    }

    private static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
            let text = String(decoding: bytes[..<end], as: UTF8.self)
            return text.isEmpty ? "error \(context.pointee.err)" : text
        }
    }

    /// Queues the command, already in RESP, in the context's output buffer.
    private static func append(_ command: RedisCommand, to context: UnsafeMutablePointer<redisContext>) -> Int32 {
        command.resp.withUnsafeBufferPointer { resp in
            resp.withMemoryRebound(to: CChar.self) { redisAppendFormattedCommand(context, $0.baseAddress, $0.count) }
        }
    }
}

extension RedisValue {
    /// Copies a hiredis reply tree; the caller frees the reply.
    init(reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            self = .bulk(Self.copyBytes(value.str, value.len))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: Self.copyBytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: Self.copyBytes(value.str, value.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(value.integer)
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(value.elements)
            for index in 0..<value.elements {
                if let element = value.element[index] {
                    elements.append(RedisValue(reply: element))
                } else {
                    elements.append(.null)
                }
            }
            self = .array(elements)
        default:
            self = .null
        }
    }

    private static func copyBytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
