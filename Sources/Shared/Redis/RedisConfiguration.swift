/// Where Redis is and how the client treats it.
public struct RedisConfiguration: Sendable, Equatable {
    public enum Address: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var address: Address
    public var password: String?
    public var username: String?
    public var database: Int
    /// Connections in the command pool, each owned by one thread.
    public var poolSize: Int
    /// Deadline for connecting, per attempt.
    public var connectTimeout: Duration
    /// Default deadline of one command, including waiting for its connection.
    public var commandTimeout: Duration
    /// First and largest delay between reconnect attempts.
    public var reconnectBackoff: ClosedRange<Duration>

    public init(
        address: Address = .tcp(host: "127.0.0.1", port: 6379), password: String? = nil,
        username: String? = nil, database: Int = 0, poolSize: Int = 4,
        connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(3),
        reconnectBackoff: ClosedRange<Duration> = .milliseconds(50)...(.seconds(2))
    ) {
        self.address = address
        self.password = password
        self.username = username
        self.database = database
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnectBackoff = reconnectBackoff
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]` or `unix:///path/to/socket[?db=N]`.
    public init(url: String) throws(RedisError) {
        self.init()
        if url.hasPrefix("unix://") {
            let rest = url.dropFirst("unix://".count)
            let parts = rest.split(separator: "?", maxSplits: 1)
            guard let path = parts.first, path.hasPrefix("/") else { throw .invalidURL(url) }
            address = .unix(path: String(path))
            if parts.count == 2, parts[1].hasPrefix("db=") {
                guard let db = Int(parts[1].dropFirst(3)), db >= 0 else { throw .invalidURL(url) }
                database = db
            }
            return
        }
        guard url.hasPrefix("redis://") else { throw .invalidURL(url) }
        var rest = Substring(url.dropFirst("redis://".count))
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let user = credentials[..<colon]
                username = user.isEmpty ? nil : String(user)
                password = String(credentials[credentials.index(after: colon)...])
            } else {
                password = String(credentials)
            }
        }
        var hostPort = rest
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            let dbText = rest[rest.index(after: slash)...]
            if !dbText.isEmpty {
                guard let db = Int(dbText), db >= 0 else { throw .invalidURL(url) }
                database = db
            }
        }
        var host = String(hostPort)
        var port = 6379
        if let colon = hostPort.lastIndex(of: ":") {
            guard let parsed = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw .invalidURL(url)
            }
            port = parsed
            host = String(hostPort[..<colon])
        }
        guard !host.isEmpty else { throw .invalidURL(url) }
        address = .tcp(host: host, port: port)
    }
}
