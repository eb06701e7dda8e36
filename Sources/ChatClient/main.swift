import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import Shared
import WSClient

/// `chat`: a terminal client for the gateway. Type a line to send it; `/image PATH` and
/// `/audio PATH` attach a file to the next line (or send it alone with an empty line);
/// `/cancel` cancels the running turn; `/quit` leaves.
struct ChatOptions {
    var url = "ws://127.0.0.1:8080/ws/chat"
    var user = ProcessInfo.processInfo.environment["USER"].map { "cli-\($0)" } ?? "cli-user"
    var token: String?
    var session: String?

    static let usage = """
        usage: chat [--url ws://HOST:PORT/ws/chat] [--user USER_ID] [--token JWT] [--session SESSION_ID]
          dev auth (?user_id=) is used unless --token is given.
          In the chat: /image PATH, /audio PATH, /cancel, /quit.
        """

    static func parse(_ arguments: [String]) -> Result<ChatOptions, ChatFailure> {
        var options = ChatOptions()
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            if flag == "--help" || flag == "-h" { return .failure(ChatFailure(ChatOptions.usage)) }
            guard index + 1 < arguments.count else { return .failure(ChatFailure("\(flag) needs a value\n\(usage)")) }
            let value = arguments[index + 1]
            switch flag {
            case "--url": options.url = value
            case "--user": options.user = value
            case "--token": options.token = value
            case "--session": options.session = value
            default: return .failure(ChatFailure("unknown option \(flag)\n\(usage)"))
            }
            index += 2
        }
        return .success(options)
    }

    var connectURL: String {
        var query: [String] = []
        if let token { query.append("token=\(Self.escape(token))") } else { query.append("user_id=\(Self.escape(user))") }
        if let session { query.append("session_id=\(Self.escape(session))") }
        return url + (url.contains("?") ? "&" : "?") + query.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

struct ChatFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Renders server events for a terminal.
enum Renderer {
    static func render(_ event: ServerEvent) -> String? {
        switch event.data {
        case .connected(let data):
            return "connected: session \(data.sessionID) as \(data.userID) (server \(data.server.version) on \(data.server.instance))"
        case .ping, .ack:
            return nil
        case .progress(let data):
            return "  … \(data.message)"
        case .token(let data):
            return "\u{1B}[tok]" + data.text
        case .transcript(let data):
            return "  heard: \"\(data.text)\" (\(Int(data.confidence * 100))%)"
        case .imageAttributes(let data):
            return "  image: " + (data.colors.map(\.name) + data.labels).joined(separator: ", ")
        case .requirements(let data):
            // An empty spec ("start over", a first "hi"): nothing is known yet.
            let wanted = [data.spec.category, data.spec.query].compactMap { $0 }.joined(separator: " ")
            return "  looking for: \(wanted.isEmpty ? "(not said yet)" : wanted)"
        case .clarification(let data):
            return "\n? \(data.question)"
        case .results(let data):
            return "\n" + table(data.products) + "\n  \(data.totalFound) found; sources: "
                + data.sources.map { "\($0.marketplace) \($0.count)" + ($0.error.map { " (\($0))" } ?? "") }.joined(separator: ", ")
        case .done(let data):
            return "\n  [\(data.stage.rawValue) in \(data.durationMilliseconds) ms]"
        case .error(let data):
            return "! \(data.code.rawValue): \(data.message)" + (data.retryable ? " (retry)" : "")
        case .notice(let data):
            return "** \(data.level.rawValue): \(data.message)"
        }
    }

    static func table(_ products: [ProductResult]) -> String {
        guard !products.isEmpty else { return "  (no products)" }
        let rows = products.enumerated().map { index, product in
            ["\(index + 1)", String(product.title.prefix(48)), product.brand ?? "",
             String(format: "%.2f %@", product.price, product.currency),
             product.rating.map { String(format: "%.1f", $0) } ?? "", product.marketplace]
        }
        let header = ["#", "title", "brand", "price", "rating", "source"]
        let widths = (0..<header.count).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([line(header), "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
                + rows.map(line)).joined(separator: "\n")
    }
}

/// Builds the JSON frames the client sends.
enum Frames {
    static func message(_ text: String, attachments: [[String: String]]) -> String {
        var object: [String: Any] = ["type": "message", "message": text,
                                     "client_message_id": "cli-\(UUID().uuidString.prefix(8))"]
        if !attachments.isEmpty { object["media"] = attachments }
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// An inline attachment from a file; the MIME type comes from the extension.
    static func attachment(kind: String, path: String) -> Result<[String: String], ChatFailure> {
        let types = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
                     "wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "flac": "audio/flac", "webm": "audio/webm"]
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let mime = types[ext], mime.hasPrefix(kind) else {
            return .failure(ChatFailure("\(path): not a supported \(kind) file (\(types.filter { $0.value.hasPrefix(kind) }.keys.sorted().joined(separator: ", ")))"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ChatFailure("\(path): cannot read the file"))
        }
        return .success(["type": kind, "mime_type": mime, "data": data.base64EncodedString()])
    }
}

func readLineOffLoop() async -> String? {
    (try? await NIOThreadPool.singleton.runIfActive { readLine(strippingNewline: true) }) ?? nil
}

func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

let options: ChatOptions
switch ChatOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed): options = parsed
case .failure(let failure):
    FileHandle.standardError.write(Data("\(failure)\n".utf8))
    exit(2)
}

var logger = Logger(label: "chat")
logger.logLevel = .critical
do {
    let close = try await WebSocketClient.connect(
        url: options.connectURL, configuration: .init(maxFrameSize: 16 << 20), logger: logger
    ) { inbound, outbound, _ in
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var inToken = false
                for try await message in inbound.messages(maxSize: 16 << 20) {
                    guard case .text(let text) = message,
                          let event = try? JSONCoding.decode(ServerEvent.self, from: Array(text.utf8)) else { continue }
                    if case .ping = event.data {
                        try await outbound.write(.text(#"{"type":"pong"}"#))
                        continue
                    }
                    guard let rendered = Renderer.render(event) else { continue }
                    if rendered.hasPrefix("\u{1B}[tok]") {
                        write((inToken ? "" : "\n< ") + rendered.dropFirst(6))
                        inToken = true
                    } else {
                        write((inToken ? "\n" : "") + rendered + "\n")
                        inToken = false
                    }
                }
            }
            group.addTask {
                var attachments: [[String: String]] = []
                write("type a message; /image PATH, /audio PATH, /cancel, /quit\n")
                while let line = await readLineOffLoop() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed == "/quit" { break }
                    if trimmed == "/cancel" {
                        try await outbound.write(.text(#"{"type":"cancel"}"#))
                        continue
                    }
                    if trimmed.hasPrefix("/image ") || trimmed.hasPrefix("/audio ") {
                        let kind = trimmed.hasPrefix("/image ") ? "image" : "audio"
                        switch Frames.attachment(kind: kind, path: String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces)) {
                        case .success(let item):
                            attachments.append(item)
                            write("  attached; type a message (or an empty line to send it alone)\n")
                        case .failure(let failure):
                            write("! \(failure)\n")
                        }
                        continue
                    }
                    if trimmed.isEmpty && attachments.isEmpty { continue }
                    try await outbound.write(.text(Frames.message(trimmed, attachments: attachments)))
                    attachments = []
                }
                try await outbound.close(.normalClosure, reason: "bye")
            }
            try await group.next()
            group.cancelAll()
        }
    }
    if let close, close.closeCode != .normalClosure {
        write("connection closed: \(close.closeCode) \(close.reason ?? "")\n")
    }
} catch {
    FileHandle.standardError.write(Data("chat: cannot connect to \(options.url): \(error)\n".utf8))
    exit(1)
}
