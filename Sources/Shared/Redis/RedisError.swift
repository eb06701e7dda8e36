/// What can go wrong talking to Redis.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached (connect refused, DNS, connect timeout); the command was not sent.
    case connectionFailed(String)
    /// The connection broke while the command was in flight; it may or may not have run.
    case connectionLost(String)
    /// The call did not finish before its deadline.
    case timeout(command: String)
    /// Redis answered with an error reply, e.g. `NOSCRIPT`, `BUSYGROUP`, `WRONGTYPE`.
    case server(String)
    /// The reply did not have the shape the caller expected.
    case unexpectedReply(command: String, reply: String)
    /// The URL in the configuration is not a valid `redis://` URL.
    case invalidURL(String)
    /// The client was closed.
    case closed

    public var description: String {
        switch self {
        case .connectionFailed(let why): "redis connection failed: \(why)"
        case .connectionLost(let why): "redis connection lost: \(why)"
        case .timeout(let command): "redis \(command) timed out"
        case .server(let message): "redis error: \(message)"
        case .unexpectedReply(let command, let reply): "redis \(command): unexpected reply \(reply)"
        case .invalidURL(let url): "invalid redis url: \(url)"
        case .closed: "redis client closed"
        }
    }

    /// Whether retrying the same call later may succeed (the server was unreachable or slow).
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .timeout: true
        default: false
        }
    }
}
