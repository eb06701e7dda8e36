import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Shared
import Synchronization

/// The HTTP API of protocol.md §2 (besides /health, /ready and /metrics).
struct GatewayRoutes: Sendable {
    let services: GatewayServices
    let socket: ChatSocket

    private var config: GatewayConfiguration { services.config }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: GatewayPage.placeholder)))
        }
        // A request that reaches the router here was not upgraded: answer the refusal, or ask for one.
        router.get("/ws/chat") { request, _ -> Response in
            _ = try await socket.admit(uri: request.uri.description, headers: request.headers,
                                       host: request.head.authority, remoteAddress: "http", createSession: false)
            throw AppError(.badRequest, "this endpoint needs a WebSocket upgrade")
        }
        let api = router.group("/api/v1")
        api.get("/sessions/:id") { request, context -> Response in
            let user = try services.authenticator.userID(request: request)
            let sid = try context.parameters.require("id")
            guard let state = try await redisCall({ try await services.sessions.state(of: sid, userID: user) }) else {
                throw AppError(.sessionNotFound, "no such session")
            }
            return .json(state)
        }
        api.delete("/sessions/:id") { request, context -> Response in
            let user = try services.authenticator.userID(request: request)
            let sid = try context.parameters.require("id")
            guard let owner = try await redisCall({ try await services.sessions.owner(of: sid) }), owner.userID == user else {
                throw AppError(.sessionNotFound, "no such session")
            }
            try await redisCall { try await services.sessions.delete(sid) }
            return Response(status: .noContent)
        }
        api.get("/sessions/:id/events") { request, context -> Response in
            let user = try services.authenticator.userID(request: request)
            let sid = try context.parameters.require("id")
            guard let owner = try await redisCall({ try await services.sessions.owner(of: sid) }), owner.userID == user else {
                throw AppError(.sessionNotFound, "no such session")
            }
            var after: EventID?
            if let text = request.uri.queryParameters["after"] {
                guard let parsed = EventID(text) else { throw AppError(.badRequest, "'after' is not an event id") }
                after = parsed
            }
            let events = try await redisCall { try await services.sessions.events(of: sid, after: after, limit: 10_000) }
            let body = "[" + events.map(\.frame).joined(separator: ",") + "]"
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        api.post("/media") { request, context -> Response in
            let user = try services.authenticator.userID(request: request)
            guard let mime = request.headers[.contentType] else {
                throw AppError(.unsupportedMediaType, "Content-Type is required")
            }
            guard MediaStore.mediaType(ofMIME: mime) != nil else {
                throw AppError(.unsupportedMediaType, "unsupported media type '\(mime.prefix(60))'")
            }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: config.mediaMaxBytes)
            } catch {
                throw AppError(.payloadTooLarge, "media is larger than \(config.mediaMaxBytes) bytes")
            }
            let stored = try await services.media.store(Array(buffer.readableBytesView), mime: mime, userID: user)
            return .json(MediaUploaded(media: stored, expiresAt: Timestamp.now().adding(seconds: MediaStore.lifetimeSeconds)),
                         status: .created)
        }
        api.post("/auth/dev-token") { request, context -> Response in
            guard config.authMode == .dev else { throw AppError(.notFound, "no such route") }
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let parsed = try? JSONCoding.decode(DevTokenRequest.self, from: Array(body.readableBytesView)),
                  UserID.isValid(parsed.userID) else {
                throw AppError(.badRequest, "body must be {\"user_id\": \"...\"} with a user id of 1 to 128 characters")
            }
            let expiresAt = Timestamp.now().adding(seconds: 86_400)
            return .json(DevToken(token: services.authenticator.signer.sign(subject: parsed.userID, expiresAt: expiresAt),
                                  expiresAt: expiresAt))
        }
        api.post("/admin/broadcast") { request, context -> Response in
            guard let adminToken = config.adminToken else { throw AppError(.notFound, "no such route") }
            let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented, Self.constantTimeEquals(presented, adminToken) else {
                throw AppError(.unauthorized, "admin token required")
            }
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let notice = try? JSONCoding.decode(NoticeData.self, from: Array(body.readableBytesView)),
                  !notice.message.isEmpty, notice.message.count <= 2000 else {
                throw AppError(.badRequest, "body must be {\"message\": \"...\", \"level\": \"info\"|\"warning\"}")
            }
            let frame = try JSONCoding.encode(ServerEvent(.notice(notice)))
            // Every gateway instance subscribes to the channel once: the receiver count is the instance count.
            let receivers = try await redisCall { try await services.redis.send("PUBLISH", RedisKeys.broadcast, Array(frame)) }
            return .json(["instances": receivers.int ?? 0], status: .accepted)
        }
        router.get("/debug/connections") { _, _ -> Response in
            guard config.isDebug else { throw AppError(.notFound, "no such route") }
            let connections = services.manager.snapshot.sorted { $0.id < $1.id }.map {
                DebugConnection(id: $0.id, userID: $0.userID, sessionID: $0.sessionID, remoteAddress: $0.remoteAddress,
                                connectedAt: $0.connectedAt, missedPongs: $0.state.withLock { $0.missedPongs },
                                isProcessing: $0.state.withLock { $0.isProcessing })
            }
            return .json(DebugConnections(instance: config.common.instanceID, count: connections.count,
                                          connections: connections))
        }
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(SHA256.hash(data: Data(a.utf8))), right = Array(SHA256.hash(data: Data(b.utf8)))
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Maps Redis failures to `unavailable` once, at this edge.
func redisCall<T: Sendable>(_ body: () async throws -> T) async throws(AppError) -> T {
    do {
        return try await body()
    } catch let error as AppError {
        throw error
    } catch {
        throw AppError(.unavailable, "storage is unavailable; try again", detail: "\(error)")
    }
}

struct MediaUploaded: Encodable {
    var media: StoredMedia
    var expiresAt: Timestamp

    enum CodingKeys: String, CodingKey {
        case mediaID = "media_id", type, mimeType = "mime_type", bytes, expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(media.mediaID, forKey: .mediaID)
        try c.encode(media.type, forKey: .type)
        try c.encode(media.mimeType, forKey: .mimeType)
        try c.encode(media.bytes, forKey: .bytes)
        try c.encode(expiresAt, forKey: .expiresAt)
    }
}

struct DevTokenRequest: Decodable {
    var userID: String
    enum CodingKeys: String, CodingKey { case userID = "user_id" }
}

struct DevToken: Codable {
    var token: String
    var expiresAt: Timestamp
    enum CodingKeys: String, CodingKey { case token, expiresAt = "expires_at" }
}

struct DebugConnection: Encodable {
    var id: UInt64
    var userID: String
    var sessionID: String
    var remoteAddress: String
    var connectedAt: Timestamp
    var missedPongs: Int
    /// Whether a client frame (an enqueue) is being processed right now.
    var isProcessing: Bool
    enum CodingKeys: String, CodingKey {
        case id, userID = "user_id", sessionID = "session_id", remoteAddress = "remote_address"
        case connectedAt = "connected_at", missedPongs = "missed_pongs", isProcessing = "processing"
    }
}

struct DebugConnections: Encodable {
    var instance: String
    var count: Int
    var connections: [DebugConnection]
}
