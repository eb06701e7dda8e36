import Configuration
import Foundation
import SystemPackage

/// Where settings come from, highest priority first: command-line flags (`--redis-url`),
/// environment variables (`REDIS_URL`), an optional `.env` file, then each setting's default.
///
/// Keys are dotted (`redis.url`); `environmentName(for:)` gives the variable a user sets. Every
/// typed read validates its value and throws a `ConfigurationError` naming that variable.
public struct ConfigSource: Sendable {
    private let reader: ConfigReader

    /// Reads the process's flags, environment and `.env` file (path from `ENV_FILE`, default
    /// `.env` in the working directory; a missing file is fine, a malformed one is an error).
    public static func load(
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> ConfigSource {
        let dotEnvPath = environment["ENV_FILE"] ?? ".env"
        let dotEnv: EnvironmentVariablesProvider
        do {
            dotEnv = try await EnvironmentVariablesProvider(
                environmentFilePath: FilePath(dotEnvPath), allowMissing: true,
                secretsSpecifier: .dynamic { key, _ in isSecret(key) })
        } catch {
            throw ConfigurationError(variable: "ENV_FILE", value: dotEnvPath, expected: "a readable KEY=value file (\(error))")
        }
        return ConfigSource(reader: ConfigReader(providers: [
            CommandLineArgumentsProvider(arguments: arguments, secretsSpecifier: .dynamic { key, _ in isSecret(key) }),
            EnvironmentVariablesProvider(environmentVariables: environment,
                                         secretsSpecifier: .dynamic { key, _ in isSecret(key) }),
            dotEnv,
        ]))
    }

    /// Settings from a dictionary of environment variables only (tests, tools).
    public init(environment: [String: String]) {
        reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
    }

    private init(reader: ConfigReader) {
        self.reader = reader
    }

    /// `redis.url` → `REDIS_URL`.
    public static func environmentName(for key: String) -> String {
        key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) }
    }

    private static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["SECRET", "PASSWORD", "TOKEN", "KEY"].contains { upper.contains($0) }
    }

    // MARK: Typed reads

    /// The raw text of a setting, or `nil` when unset (an empty value counts as unset).
    public func raw(_ key: String, isSecret: Bool = false) -> String? {
        let value = reader.string(forKey: ConfigKey(key), isSecret: isSecret)
        return value?.isEmpty == true ? nil : value
    }

    public func string(_ key: String, default defaultValue: String, isSecret: Bool = false) -> String {
        raw(key, isSecret: isSecret) ?? defaultValue
    }

    public func optionalString(_ key: String, isSecret: Bool = false) -> String? {
        raw(key, isSecret: isSecret)
    }

    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = raw(key) else { return defaultValue }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw invalid(key, text, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    public func double(_ key: String, default defaultValue: Double, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let text = raw(key) else { return defaultValue }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw invalid(key, text, "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    public func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let text = raw(key) else { return defaultValue }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw invalid(key, text, "true or false")
        }
    }

    /// Seconds, as a whole or decimal number (`2`, `0.5`).
    public func seconds(_ key: String, default defaultValue: Duration, in range: ClosedRange<Double>) throws(ConfigurationError) -> Duration {
        guard let text = raw(key) else { return defaultValue }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw invalid(key, text, "seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// One of an enum's raw values.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: T) throws(ConfigurationError) -> T
    where T.RawValue == String {
        guard let text = raw(key) else { return defaultValue }
        guard let value = T(rawValue: text.lowercased()) else {
            throw invalid(key, text, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// A comma-separated list; blanks dropped.
    public func list(_ key: String, default defaultValue: [String]) -> [String] {
        guard let text = raw(key) else { return defaultValue }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An `http://` or `https://` base URL, without a trailing slash.
    /// - Parameter allowsUnixSocket: also `http+unix://` with a Unix socket's path, percent-encoded,
    ///   as its host (`http+unix://%2Frun%2Fcatalog.sock`): a service on the same machine.
    public func httpURL(_ key: String, default defaultValue: String, allowsUnixSocket: Bool = false) throws(ConfigurationError) -> String {
        let text = raw(key) ?? defaultValue
        let isValid: Bool = if allowsUnixSocket, text.lowercased().hasPrefix("http+unix://") {
            ServiceHTTPClient.plainEndpoint(of: text) != nil
        } else if let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
            true
        } else {
            false
        }
        guard isValid else {
            throw invalid(key, text, allowsUnixSocket ? "an http://, https:// or http+unix:// URL (http+unix://%2Fpath%2Fto.sock)"
                                                      : "an http:// or https:// URL")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// A validated `redis://` URL.
    public func redis(_ key: String, default defaultValue: String) throws(ConfigurationError) -> RedisConfiguration {
        let text = raw(key) ?? defaultValue
        do {
            return try RedisConfiguration(url: text)
        } catch {
            // A URL with credentials is not echoed: the password must not reach a log.
            throw invalid(key, text.contains("@") ? nil : text, "redis://[:password@]host[:port][/db] or unix:///path")
        }
    }

    public func invalid(_ key: String, _ value: String?, _ expected: String) -> ConfigurationError {
        ConfigurationError(variable: Self.environmentName(for: key), value: value, expected: expected)
    }
}
