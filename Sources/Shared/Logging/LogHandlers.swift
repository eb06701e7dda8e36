import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Metadata keys every process uses for the ids a reader greps for.
public enum LogKey {
    public static let sessionID = "session_id"
    public static let turnID = "turn_id"
    public static let requestID = "request_id"
    public static let userID = "user_id"
}

/// Writes one line per log event to standard output: a JSON object (`LogFormat.json`) or
/// readable text (`LogFormat.text`). Lines are written with one `write(2)` so concurrent
/// events never interleave.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: LogFormat
    private let service: String

    public init(label: String, service: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.service = service
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = render(level: event.level, message: event.message, metadata: event.metadata,
                          file: event.file, line: event.line)
        var bytes = Array(line.utf8)
        bytes.append(10)
        bytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// One log line, without its newline: the handler's metadata, the provider's, then the event's.
    func render(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?,
                file: String, line sourceLine: UInt) -> String {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra { merged.merge(extra) { _, new in new } }
        switch format {
        case .json:
            var line = "{\"ts\":\"\(Timestamp.now())\",\"level\":\"\(level)\",\"service\":"
            line += Self.quoted(service) + ",\"logger\":" + Self.quoted(label) + ",\"msg\":" + Self.quoted("\(message)")
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                line += "," + Self.quoted(key) + ":" + Self.json(value)
            }
            if level >= .error {
                line += ",\"source\":" + Self.quoted("\(file.split(separator: "/").last ?? ""):\(sourceLine)")
            }
            return line + "}"
        case .text:
            return textLine(level, message, merged)
        }
    }

    private func textLine(_ level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata) -> String {
        var line = "\(Timestamp.now()) \(level.rawValue.uppercased()) \(service): \(message)"
        if !metadata.isEmpty {
            line += " " + metadata.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return line
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .stringConvertible(let convertible): quoted(convertible.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{" + dictionary.sorted(by: { $0.key < $1.key }).map { quoted($0.key) + ":" + json($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension Logger {
    /// Bootstraps the logging system for a process. Call once, from `main` only: a second
    /// bootstrap traps, and tests build applications many times.
    public static func bootstrap(service: String, configuration: CommonConfiguration) {
        LoggingSystem.bootstrap { label in
            LineLogHandler(label: label, service: service, format: configuration.logFormat,
                           level: configuration.logLevel)
        }
    }

    /// A logger for `service` at `level`, stamped with the instance id.
    public static func make(_ service: String, level: Logger.Level, instanceID: String? = nil) -> Logger {
        var logger = Logger(label: service)
        logger.logLevel = level
        if let instanceID { logger[metadataKey: "instance"] = .string(instanceID) }
        return logger
    }
}
