import Foundation
import Shared

/// A media attachment of a turn, already stored in Redis by the gateway (`media:{mid}`).
public struct MediaReference: Sendable, Hashable, Codable {
    public var type: MediaType
    public var mimeType: String
    public var mediaID: String

    public init(type: MediaType, mimeType: String, mediaID: String) {
        self.type = type
        self.mimeType = mimeType
        self.mediaID = mediaID
    }

    enum CodingKeys: String, CodingKey {
        case type
        case mimeType = "mime_type"
        case mediaID = "media_id"
    }
}

/// One accepted turn, as the gateway wrote it to `session:{sid}:turn:{tid}`.
public struct TurnRecord: Sendable, Hashable {
    public var turnID: String
    public var sessionID: String
    public var userID: String
    public var kind: ClientMessage.Kind
    public var text: String
    public var media: [MediaReference]
    public var clientMessageID: String?
    public var multitask: Multitask
    /// When the gateway accepted it, in milliseconds since 1970.
    public var acceptedAt: Int64

    public init(turnID: String, sessionID: String, userID: String, kind: ClientMessage.Kind = .message, text: String,
                media: [MediaReference] = [], clientMessageID: String? = nil, multitask: Multitask = .enqueue,
                acceptedAt: Int64 = Timestamp.now().millisecondsSince1970) {
        self.turnID = turnID
        self.sessionID = sessionID
        self.userID = userID
        self.kind = kind
        self.text = text
        self.media = media
        self.clientMessageID = clientMessageID
        self.multitask = multitask
        self.acceptedAt = acceptedAt
    }

    /// Reads the hash fields; `nil` when required fields are missing or malformed.
    public init?(fields: [String: String]) {
        guard let turnID = fields["turn_id"], let sessionID = fields["session_id"], let userID = fields["user_id"] else {
            return nil
        }
        self.turnID = turnID
        self.sessionID = sessionID
        self.userID = userID
        kind = fields["kind"].flatMap(ClientMessage.Kind.init(rawValue:)) ?? .message
        text = fields["text"] ?? ""
        media = fields["media"].flatMap { try? JSONReader.decode([MediaReference].self, from: $0.utf8) } ?? []
        clientMessageID = fields["client_message_id"].flatMap { $0.isEmpty ? nil : $0 }
        multitask = fields["multitask"].flatMap(Multitask.init(rawValue:)) ?? .enqueue
        acceptedAt = fields["accepted_at"].flatMap { Int64($0) } ?? 0
    }

    /// The hash fields, as the gateway writes them.
    public var fields: [(String, String)] {
        let mediaJSON = String(decoding: JSONWriter.encode(media), as: UTF8.self)
        return [
            ("turn_id", turnID), ("session_id", sessionID), ("user_id", userID), ("kind", kind.rawValue),
            ("text", text), ("media", mediaJSON), ("client_message_id", clientMessageID ?? ""),
            ("multitask", multitask.rawValue), ("accepted_at", String(acceptedAt)),
        ]
    }
}

extension MediaReference: JSONReadable, JSONWritable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var type: MediaType?
        var mimeType, mediaID: String?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "type": type = try reader.rawValue(MediaType.self)
            case "mime_type": mimeType = try reader.string()
            case "media_id": mediaID = try reader.string()
            default: try reader.skip()
            }
        }
        self.init(type: try reader.required(type, "type"), mimeType: try reader.required(mimeType, "mime_type"),
                  mediaID: try reader.required(mediaID, "media_id"))
    }

    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"type\":")
        writer.string(type.rawValue)
        writer.raw(",\"mime_type\":")
        writer.string(mimeType)
        writer.raw(",\"media_id\":")
        writer.string(mediaID)
        writer.raw("}")
    }
}
