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
        if jwtSecret.utf8.count < 16 {
            throw ConfigurationError(variable: "JWT_SECRET", value: nil, expected: "at least 16 bytes")
        }
    }
}
