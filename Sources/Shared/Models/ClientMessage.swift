import Foundation

/// One media attachment of a client message: inline base64 `data` with `mime_type`, or a
/// `media_id` from `POST /api/v1/media`.
public struct MediaItem: Sendable, Hashable, Codable {
    public var type: MediaType
    public var mimeType: String?
    /// Base64; decoded and checked by the gateway.
    public var data: String?
    public var mediaID: String?

    public init(type: MediaType, mimeType: String? = nil, data: String? = nil, mediaID: String? = nil) {
        self.type = type
        self.mimeType = mimeType
        self.data = data
        self.mediaID = mediaID
    }

    enum CodingKeys: String, CodingKey {
        case type
        case mimeType = "mime_type"
        case data
        case mediaID = "media_id"
    }
}

/// What a message does while a turn of its session is running (protocol.md §1.3).
public enum Multitask: String, Sendable, Codable, CaseIterable {
    /// Run after the running turn (the default).
    case enqueue
    /// Cancel the running turn and run this one next.
    case interrupt
    /// Refuse with `busy`.
    case reject
}

/// A client → server frame (protocol.md §1.3).
public struct ClientMessage: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case message, answer, cancel, pong, disconnect
    }

    /// Protocol limits on client messages.
    public static let maxClientMessageIDLength = 128
    public static let maxMediaItems = 4

    public var type: Kind
    public var message: String
    public var clientMessageID: String?
    public var media: [MediaItem]
    public var multitask: Multitask

    public init(type: Kind, message: String = "", clientMessageID: String? = nil,
                media: [MediaItem] = [], multitask: Multitask = .enqueue) {
        self.type = type
        self.message = message
        self.clientMessageID = clientMessageID
        self.media = media
        self.multitask = multitask
    }

    enum CodingKeys: String, CodingKey {
        case type, message
        case clientMessageID = "client_message_id"
        case media, multitask
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        if type == .message || type == .answer {
            try c.encode(message, forKey: .message)
            try c.encodeIfPresent(clientMessageID, forKey: .clientMessageID)
            if !media.isEmpty { try c.encode(media, forKey: .media) }
            if multitask != .enqueue { try c.encode(multitask, forKey: .multitask) }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(Kind.self, forKey: .type)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        clientMessageID = try c.decodeIfPresent(String.self, forKey: .clientMessageID)
        media = try c.decodeIfPresent([MediaItem].self, forKey: .media) ?? []
        multitask = try c.decodeIfPresent(Multitask.self, forKey: .multitask) ?? .enqueue
    }

    /// Whether this frame asks for a new turn.
    public var startsTurn: Bool { type == .message || type == .answer }

    /// Parses and validates one text frame, with the protocol's error code for each failure:
    /// `invalid_json` when it is not UTF-8 JSON, `invalid_message` when it does not match §1.3.
    /// Media content (base64, MIME types, ids) is checked later, by whoever decodes it.
    public static func parse(frame: some Collection<UInt8>) throws(AppError) -> ClientMessage {
        let object: FrameValue
        do {
            object = try JSONReader.read(frame) { reader throws(JSONReadError) in try FrameValue(json: &reader) }
        } catch {
            // A frame read whole was UTF-8 (the reader checks every string); one that was not is
            // told apart only now.
            let isUTF8 = Array(frame).withUnsafeBufferPointer { JSONReader.string(validating: $0) != nil }
            throw AppError(.invalidJSON, isUTF8 ? "frame is not valid JSON" : "frame is not valid UTF-8")
        }
        guard case .object(let fields) = object else {
            throw AppError(.invalidMessage, "a message must be a JSON object")
        }
        guard let typeText = fields["type"] else { throw AppError(.invalidMessage, "field 'type' is missing") }
        guard case .string(let typeName) = typeText else { throw AppError(.invalidMessage, "field 'type' must be a string") }
        guard let kind = Kind(rawValue: typeName) else {
            throw AppError(.invalidMessage, "unknown message type '\(typeName.prefix(40))'")
        }
        guard kind == .message || kind == .answer else { return ClientMessage(type: kind) }

        let message = try fields.optionalString("message", at: "field 'message'") ?? ""
        let clientMessageID = try fields.optionalString("client_message_id", at: "field 'client_message_id'")
        if let clientMessageID, clientMessageID.isEmpty || clientMessageID.count > maxClientMessageIDLength {
            throw AppError(.invalidMessage, "field 'client_message_id' must have 1 to \(maxClientMessageIDLength) characters")
        }
        var multitask = Multitask.enqueue
        if let text = try fields.optionalString("multitask", at: "field 'multitask'") {
            guard let parsed = Multitask(rawValue: text) else {
                throw AppError(.invalidMessage, "field 'multitask' must be one of enqueue, interrupt, reject")
            }
            multitask = parsed
        }
        var media: [MediaItem] = []
        switch fields["media"] {
        case nil, .null?:
            break
        case .array(let items)?:
            guard items.count <= maxMediaItems else {
                throw AppError(.invalidMessage, "at most \(maxMediaItems) media items per message")
            }
            for (index, item) in items.enumerated() {
                media.append(try parseMedia(item, index: index))
            }
        default:
            throw AppError(.invalidMessage, "field 'media' must be an array")
        }
        if media.isEmpty && message.allSatisfy(\.isWhitespace) {
            throw AppError(.invalidMessage, "a message needs text or media")
        }
        return ClientMessage(type: kind, message: message, clientMessageID: clientMessageID,
                             media: media, multitask: multitask)
    }

    private static func parseMedia(_ item: FrameValue, index: Int) throws(AppError) -> MediaItem {
        let at = "media[\(index)]"
        guard case .object(let fields) = item else { throw AppError(.invalidMessage, "\(at) must be an object") }
        guard case .string(let typeName)? = fields["type"], let type = MediaType(rawValue: typeName) else {
            throw AppError(.invalidMessage, "\(at).type must be 'image' or 'audio'")
        }
        let data = try fields.optionalString("data", at: "\(at).data")
        let mimeType = try fields.optionalString("mime_type", at: "\(at).mime_type")
        let mediaID = try fields.optionalString("media_id", at: "\(at).media_id")
        switch (data, mediaID) {
        case (.some, .some):
            throw AppError(.invalidMessage, "\(at) has both 'data' and 'media_id'; send one")
        case (nil, nil):
            throw AppError(.invalidMessage, "\(at) needs 'data' with 'mime_type', or 'media_id'")
        case (.some, nil) where mimeType == nil:
            throw AppError(.invalidMessage, "\(at).mime_type is required with inline data")
        default:
            return MediaItem(type: type, mimeType: mimeType, data: data, mediaID: mediaID)
        }
    }
}

/// A client frame's JSON as `ClientMessage.parse` checks it: strings kept, objects and arrays
/// walked, numbers and booleans only noted. Read by `JSONReader`: `JSONSerialization`'s bridged
/// dictionaries and the frame's `Data` copy were a twentieth of a gateway's CPU.
private indirect enum FrameValue {
    case string(String)
    case null
    case numberOrBool
    case array([FrameValue])
    case object([String: FrameValue])

    init(json reader: inout JSONReader) throws(JSONReadError) {
        switch try reader.nextKind() {
        case .string:
            self = .string(try reader.string())
        case .null:
            _ = try reader.readNull()
            self = .null
        case .number, .bool:
            try reader.skip()
            self = .numberOrBool
        case .array:
            self = .array(try reader.array { reader throws(JSONReadError) in try FrameValue(json: &reader) })
        case .object:
            var members: [String: FrameValue] = [:]
            try reader.object { reader, key throws(JSONReadError) in members[key] = try FrameValue(json: &reader) }
            self = .object(members)
        }
    }
}

extension [String: FrameValue] {
    /// The member `key` when it is a string; `nil` when absent or null.
    /// - Throws: `invalid_message` naming `place` when it is anything else.
    fileprivate func optionalString(_ key: String, at place: String) throws(AppError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw AppError(.invalidMessage, "\(place) must be a string")
        }
    }
}
