import Foundation
import Shared

/// A media blob stored in Redis (`media:{mid}`), referenced by a turn.
struct StoredMedia: Sendable, Equatable, Codable {
    var mediaID: String
    var type: MediaType
    var mimeType: String
    var bytes: Int

    var json: [String: String] { ["type": type.rawValue, "mime_type": mimeType, "media_id": mediaID] }

    enum CodingKeys: String, CodingKey {
        case mediaID = "media_id"
        case type
        case mimeType = "mime_type"
        case bytes
    }
}

/// Checks, stores and looks up media (`media:{mid}` and `media:{mid}:meta`, 1 h).
struct MediaStore: Sendable {
    static let lifetimeSeconds = 3600
    let redis: RedisClient
    let maxBytes: Int

    /// MIME types each media type accepts (protocol.md §1.3: JPEG, PNG, WebP; WAV and other audio).
    static let mimeTypes: [MediaType: Set<String>] = [
        .image: ["image/jpeg", "image/png", "image/webp"],
        .audio: ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/mpeg", "audio/ogg",
                 "audio/webm", "audio/flac", "audio/mp4"],
    ]

    /// The media type of a MIME type, or `nil` when it is not supported.
    static func mediaType(ofMIME mime: String) -> MediaType? {
        let base = mime.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return mimeTypes.first { $0.value.contains(base) }?.key
    }

    static func normalized(_ mime: String) -> String {
        mime.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? mime
    }

    /// Whether the bytes start as the MIME type says (a cheap check that the content is decodable).
    static func contentMatches(_ bytes: [UInt8], mime: String) -> Bool {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        switch normalized(mime) {
        case "image/jpeg": return starts([0xFF, 0xD8, 0xFF])
        case "image/png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "image/webp": return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave":
            return starts(Array("RIFF".utf8)) && starts(Array("WAVE".utf8), at: 8)
        default: return bytes.count >= 16
        }
    }

    /// Validates and stores one blob.
    /// - Throws: `AppError(.unsupportedMediaType)`, `.payloadTooLarge` or `.mediaInvalid`; `.unavailable` for Redis.
    func store(_ bytes: [UInt8], mime: String, expected: MediaType? = nil, userID: String) async throws(AppError) -> StoredMedia {
        guard let type = Self.mediaType(ofMIME: mime), expected == nil || expected == type else {
            throw AppError(.unsupportedMediaType, "unsupported media type '\(mime.prefix(60))'")
        }
        guard bytes.count <= maxBytes else {
            throw AppError(.payloadTooLarge, "media is larger than \(maxBytes) bytes")
        }
        guard Self.contentMatches(bytes, mime: mime) else {
            throw AppError(.mediaInvalid, "media content is not valid \(Self.normalized(mime))")
        }
        let media = StoredMedia(mediaID: RedisKeys.makeID("m_"), type: type, mimeType: Self.normalized(mime),
                                bytes: bytes.count)
        do {
            let replies = try await redis.pipeline([
                RedisCommand("SET", RedisKeys.media(media.mediaID), bytes, "EX", Self.lifetimeSeconds),
                RedisCommand("HSET", RedisKeys.mediaMeta(media.mediaID), "type", type.rawValue,
                             "mime_type", media.mimeType, "bytes", bytes.count, "user_id", userID),
                RedisCommand("EXPIRE", RedisKeys.mediaMeta(media.mediaID), Self.lifetimeSeconds),
            ])
            if let failure = replies.first(where: { $0.errorMessage != nil }) {
                throw RedisError.server(failure.errorMessage ?? "")
            }
        } catch {
            throw AppError(.unavailable, "media could not be stored; try again", detail: "\(error)")
        }
        return media
    }

    /// Resolves a message's media: inline items are decoded, checked and stored; ids looked up.
    /// - Throws: `AppError(.mediaInvalid)` for anything wrong with an item.
    func resolve(_ items: [MediaItem], userID: String) async throws(AppError) -> [StoredMedia] {
        var resolved: [StoredMedia] = []
        for (index, item) in items.enumerated() {
            let at = "media[\(index)]"
            if let data = item.data {
                guard let decoded = Data(base64Encoded: data, options: [.ignoreUnknownCharacters]), !decoded.isEmpty else {
                    throw AppError(.mediaInvalid, "\(at): data is not valid base64")
                }
                let mime = item.mimeType ?? ""
                do {
                    resolved.append(try await store(Array(decoded), mime: mime, expected: item.type, userID: userID))
                } catch let error where error.code == .unsupportedMediaType || error.code == .payloadTooLarge {
                    throw AppError(.mediaInvalid, "\(at): \(error.message)")
                }
            } else if let mediaID = item.mediaID {
                guard RedisKeys.isID(mediaID, prefix: "m_") else { throw AppError(.mediaInvalid, "\(at): unknown media_id") }
                let meta: [String: String]
                do {
                    meta = try await redis.send("HGETALL", RedisKeys.mediaMeta(mediaID)).fieldValues ?? [:]
                } catch {
                    throw AppError(.unavailable, "media could not be looked up; try again", detail: "\(error)")
                }
                guard meta["user_id"] == userID, let typeName = meta["type"], let type = MediaType(rawValue: typeName),
                      let mime = meta["mime_type"] else {
                    throw AppError(.mediaInvalid, "\(at): unknown media_id")
                }
                guard type == item.type else { throw AppError(.mediaInvalid, "\(at): media_id is not \(item.type.rawValue)") }
                resolved.append(StoredMedia(mediaID: mediaID, type: type, mimeType: mime, bytes: Int(meta["bytes"] ?? "") ?? 0))
            }
        }
        return resolved
    }
}
