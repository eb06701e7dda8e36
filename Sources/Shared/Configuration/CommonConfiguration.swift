import Logging

/// The deployment profile. Production refuses development conveniences (each service's
/// configuration says which); development logs human-readable text by default.
public enum EnvironmentProfile: String, Sendable, CaseIterable {
    case development, staging, production
}

/// How log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (the default outside development).
    case json
    /// Human-readable text (the default in development).
    case text
}

/// Settings every process shares. See `env.example` for each variable.
public struct CommonConfiguration: Sendable {
    /// `APP_ENV`: development, staging or production.
    public var profile: EnvironmentProfile
    /// `LOG_LEVEL`: trace … critical (default info).
    public var logLevel: Logger.Level
    /// `LOG_FORMAT`: json or text.
    public var logFormat: LogFormat
    /// `REDIS_URL`, with `REDIS_POOL_SIZE` and `REDIS_COMMAND_TIMEOUT_S`.
    public var redis: RedisConfiguration
    /// `INSTANCE_ID`: names this process in logs, metrics and `connected.server.instance`.
    public var instanceID: String
    /// `SESSION_TTL_S`: sessions, checkpoints and histories expire this long after the last activity.
    public var sessionTTLSeconds: Int

    public init(
        profile: EnvironmentProfile = .development, logLevel: Logger.Level = .info, logFormat: LogFormat = .text,
        redis: RedisConfiguration = RedisConfiguration(), instanceID: String = CommonConfiguration.defaultInstanceID(),
        sessionTTLSeconds: Int = 86_400
    ) {
        self.profile = profile
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.redis = redis
        self.instanceID = instanceID
        self.sessionTTLSeconds = sessionTTLSeconds
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        profile = try source.choice("app.env", default: EnvironmentProfile.development)
        let levelText = source.string("log.level", default: "info").lowercased()
        guard let level = Logger.Level(rawValue: levelText) else {
            throw source.invalid("log.level", levelText, "one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = level
        logFormat = try source.choice("log.format", default: profile == .development ? LogFormat.text : .json)
        redis = try source.redis("redis.url", default: "redis://127.0.0.1:6379")
        redis.poolSize = try source.int("redis.pool.size", default: 4, in: 1...256)
        redis.commandTimeout = try source.seconds("redis.command.timeout.s", default: .seconds(3), in: 0.05...60)
        instanceID = source.string("instance.id", default: Self.defaultInstanceID())
        sessionTTLSeconds = try source.int("session.ttl.s", default: 86_400, in: 60...2_592_000)
    }

    /// `hostname-pid`, unique enough to tell processes apart in one cluster.
    public static func defaultInstanceID() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let host = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host.isEmpty ? "host" : host)-\(getpid())"
    }
}

/// Where an HTTP server listens.
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A Unix socket the server listens on as well, for callers on the same machine.
    public var socketPath: String?

    public init(host: String, port: Int, socketPath: String? = nil) {
        self.host = host
        self.port = port
        self.socketPath = socketPath
    }

    /// Reads `<PREFIX>_HOST` and `<PREFIX>_PORT` (port 0 picks a free one, for tests), and
    /// `<PREFIX>_SOCKET` when `readsSocket`.
    public init(from source: ConfigSource, prefix: String, defaultPort: Int, readsSocket: Bool = false) throws(ConfigurationError) {
        host = source.string("\(prefix).host", default: "127.0.0.1")
        port = try source.int("\(prefix).port", default: defaultPort, in: 0...65535)
        guard readsSocket, let path = source.optionalString("\(prefix).socket"), !path.isEmpty else { return }
        // A socket's address holds at most 107 bytes and a NUL.
        guard path.hasPrefix("/"), path.utf8.count <= 107 else {
            throw ConfigurationError(variable: ConfigSource.environmentName(for: "\(prefix).socket"), value: path,
                                     expected: "an absolute path of at most 107 bytes")
        }
        socketPath = path
    }
}

#if canImport(Glibc)
import Glibc
#endif
