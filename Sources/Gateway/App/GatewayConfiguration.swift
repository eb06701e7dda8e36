import Shared

/// The gateway's settings (see `env.example`).
public struct GatewayConfiguration: Sendable {
    /// How clients prove who they are.
    public enum AuthMode: String, Sendable, CaseIterable {
        /// HS256 JWTs only.
        case jwt
        /// JWTs, plus `?user_id=` and `POST /api/v1/auth/dev-token` (never in production).
        case dev
    }

    /// The JWT secret used when none is configured; refused outside development.
    public static let developmentJWTSecret = "dev-only-insecure-secret-change-me"

    public var common: CommonConfiguration
    /// `GATEWAY_HOST` / `GATEWAY_PORT` (default 8080).
    public var listen: ListenAddress
    /// `AUTH_MODE`: jwt or dev (default dev in development, jwt elsewhere).
    public var authMode: AuthMode
    /// `JWT_SECRET`.
    public var jwtSecret: String
    /// `HEARTBEAT_INTERVAL_S` (default 30): a `ping` this often; two missed `pong`s close the socket.
    public var heartbeatInterval: Duration = .seconds(30)
    /// `GATEWAY_MAX_CONNECTIONS` (default 60000): sockets per instance.
    public var maxConnections = 60_000
    /// `GATEWAY_MAX_CONNECTIONS_PER_USER` (default 20).
    public var maxConnectionsPerUser = 20
    /// `GATEWAY_MESSAGE_RATE` / `GATEWAY_MESSAGE_BURST` (default 5/s, burst 20): frames per connection.
    public var messageRate: Double = 5
    public var messageBurst: Double = 20
    /// `GATEWAY_USER_MESSAGE_RATE` / `GATEWAY_USER_MESSAGE_BURST` (default 10/s, burst 40): frames per user.
    public var userMessageRate: Double = 10
    public var userMessageBurst: Double = 40
    /// `GATEWAY_RATE_LIMIT_STRIKES` (default 10): consecutive `rate_limited` frames that close with 1008.
    public var rateLimitStrikes = 10
    /// `GATEWAY_CONNECT_RATE` / `GATEWAY_CONNECT_BURST` (default 50/s, burst 200): upgrade attempts per client address.
    public var connectRate: Double = 50
    public var connectBurst: Double = 200
    /// `GATEWAY_MAX_FRAME_BYTES` (default 8 MiB): larger frames close the socket with 1009.
    public var maxFrameBytes = 8 << 20
    /// `GATEWAY_ALLOWED_ORIGINS`: comma-separated origins (`*` for any); same origin and localhost always.
    public var allowedOrigins: [String] = []
    /// `ADMIN_TOKEN`: enables `POST /api/v1/admin/broadcast` (404 when unset).
    public var adminToken: String?
    /// `GATEWAY_DEBUG` (default false): enables `GET /debug/connections`.
    public var isDebug = false
    /// `EVENT_HISTORY_MAX` (default 1000): approximate bound of each session's history, in entries (commits).
    public var eventHistoryMax = 1000
    /// `TURN_PARTITIONS` (default 16): doorbell streams `turns:{p<n>}`.
    public var turnPartitions = 16
    /// `MEDIA_MAX_BYTES` (default 8 MiB): largest upload or inline attachment.
    public var mediaMaxBytes = 8 << 20
    /// `SERVER_VERSION` (default 0.1.0): reported in `connected`.
    public var serverVersion = "0.1.0"

    public init(common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 8080),
                authMode: AuthMode = .dev, jwtSecret: String = GatewayConfiguration.developmentJWTSecret) {
        self.common = common
        self.listen = listen
        self.authMode = authMode
        self.jwtSecret = jwtSecret
    }

    /// Reads and validates the settings; production refuses `dev` auth and the default secret.
    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "gateway", defaultPort: 8080)
        authMode = try source.choice("auth.mode", default: common.profile == .development ? AuthMode.dev : .jwt)
        jwtSecret = source.string("jwt.secret", default: Self.developmentJWTSecret, isSecret: true)
        heartbeatInterval = try source.seconds("heartbeat.interval.s", default: .seconds(30), in: 0.05...3600)
        maxConnections = try source.int("gateway.max.connections", default: 60_000, in: 1...1_000_000)
        maxConnectionsPerUser = try source.int("gateway.max.connections.per.user", default: 20, in: 1...100_000)
        messageRate = try source.double("gateway.message.rate", default: 5, in: 0.01...100_000)
        messageBurst = try source.double("gateway.message.burst", default: 20, in: 1...100_000)
        userMessageRate = try source.double("gateway.user.message.rate", default: 10, in: 0.01...100_000)
        userMessageBurst = try source.double("gateway.user.message.burst", default: 40, in: 1...100_000)
        rateLimitStrikes = try source.int("gateway.rate.limit.strikes", default: 10, in: 1...10_000)
        connectRate = try source.double("gateway.connect.rate", default: 50, in: 0.01...1_000_000)
        connectBurst = try source.double("gateway.connect.burst", default: 200, in: 1...1_000_000)
        maxFrameBytes = try source.int("gateway.max.frame.bytes", default: 8 << 20, in: 1024...(256 << 20))
        allowedOrigins = source.list("gateway.allowed.origins", default: [])
        adminToken = source.optionalString("admin.token", isSecret: true)
        isDebug = try source.bool("gateway.debug", default: false)
        eventHistoryMax = try source.int("event.history.max", default: 1000, in: 10...1_000_000)
        turnPartitions = try source.int("turn.partitions", default: 16, in: 1...1024)
        mediaMaxBytes = try source.int("media.max.bytes", default: 8 << 20, in: 1024...(256 << 20))
        serverVersion = source.string("server.version", default: "0.1.0")
        try validate()
    }

    /// The profile's rules: production and staging need a real secret; production refuses dev auth.
    public func validate() throws(ConfigurationError) {
        if common.profile == .production && authMode == .dev {
            throw ConfigurationError(variable: "AUTH_MODE", value: "dev",
                                     expected: "jwt in production (dev mode accepts any user id)")
        }
        if common.profile != .development && jwtSecret == Self.developmentJWTSecret {
            throw ConfigurationError(variable: "JWT_SECRET", value: nil,
                                     expected: "a secret of your own outside development (the default is public)")
        }
        if let adminToken, adminToken.utf8.count < 16 {
            throw ConfigurationError(variable: "ADMIN_TOKEN", value: nil, expected: "at least 16 bytes")
        }
        if jwtSecret.utf8.count < 16 {
            throw ConfigurationError(variable: "JWT_SECRET", value: nil, expected: "at least 16 bytes")
        }
    }
}
