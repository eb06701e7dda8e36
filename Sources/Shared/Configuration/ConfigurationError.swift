/// A setting that cannot be used; the process stops with `description` as its one line.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable that carries the setting, e.g. `REDIS_URL`.
    public var variable: String
    /// The offending value, or `nil` for secrets and missing values.
    public var value: String?
    /// What would have been accepted.
    public var expected: String

    public init(variable: String, value: String?, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String {
        if let value { "configuration error: \(variable)=\(value.debugDescription) is invalid: \(expected)" }
        else { "configuration error: \(variable): \(expected)" }
    }
}
