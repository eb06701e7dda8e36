import AsyncHTTPClient
import Foundation
import Gateway
import HTTPTypes
import NIOCore
import NIOHTTP1
import Shared
import Testing
import TestSupport

/// Sends a WebSocket upgrade request as plain HTTP and returns the refusal's status and error code.
func upgradeAttempt(_ gateway: RunningGateway, query: String, headers extra: [(String, String)] = [])
    async throws -> (status: Int, code: String?) {
    var request = HTTPClientRequest(url: "\(gateway.baseURL)/ws/chat?\(query)")
    request.headers.add(name: "Connection", value: "Upgrade")
    request.headers.add(name: "Upgrade", value: "websocket")
    request.headers.add(name: "Sec-WebSocket-Version", value: "13")
    request.headers.add(name: "Sec-WebSocket-Key", value: "dGhlIHNhbXBsZSBub25jZQ==")
    for (name, value) in extra { request.headers.add(name: name, value: value) }
    return try await httpCall(request)
}

func httpCall(_ request: HTTPClientRequest) async throws -> (status: Int, code: String?) {
    let (status, body) = try await httpBody(request)
    let code = (try? JSONCoding.decode(ErrorBody.self, from: body))?.error.code
    return (status, code)
}

func httpBody(_ request: HTTPClientRequest) async throws -> (status: Int, body: [UInt8]) {
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), Array(body.readableBytesView))
}

@Suite(.timeLimit(.minutes(2)))
struct AuthTests {
    @Test func refusalsBeforeTheUpgradeAreJSONErrors() async throws {
        try await withRedisServer { redis in
            let config = Harness.configuration(redis: redis) { $0.authMode = .jwt }
            let signer = JWTSigner(secret: config.jwtSecret)
            try await Harness.withGateway(config) { gateway in
                #expect(try await upgradeAttempt(gateway, query: "") == (401, "unauthorized"))
                #expect(try await upgradeAttempt(gateway, query: "user_id=alice") == (401, "unauthorized"))
                #expect(try await upgradeAttempt(gateway, query: "token=not.a.jwt") == (401, "unauthorized"))
                let expired = signer.sign(subject: "alice", expiresAt: Timestamp.now().adding(seconds: -10))
                #expect(try await upgradeAttempt(gateway, query: "token=\(expired)") == (401, "unauthorized"))
                let forged = JWTSigner(secret: "another-secret-of-16-bytes").sign(
                    subject: "alice", expiresAt: Timestamp.now().adding(seconds: 60))
                #expect(try await upgradeAttempt(gateway, query: "token=\(forged)") == (401, "unauthorized"))
                let valid = signer.sign(subject: "alice", expiresAt: Timestamp.now().adding(seconds: 60))
                #expect(try await upgradeAttempt(gateway, query: "token=\(valid)&session_id=s_000000000000000000000000")
                        == (404, "session_not_found"))
                // A Bearer header works as well as ?token=.
                let sid = try await TestSocket.connect(gateway.socketURL(""), headers: [.authorization: "Bearer \(valid)"]) {
                    socket in try #require(try await socket.next().connected).sessionID
                }
                // Another user's session answers 404, exactly like an unknown one.
                let mallory = signer.sign(subject: "mallory", expiresAt: Timestamp.now().adding(seconds: 60))
                #expect(try await upgradeAttempt(gateway, query: "token=\(mallory)&session_id=\(sid)") == (404, "session_not_found"))
                var read = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/sessions/\(sid)")
                read.headers.add(name: "Authorization", value: "Bearer \(mallory)")
                #expect(try await httpCall(read) == (404, "session_not_found"))
                read.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(valid)")
                #expect(try await httpCall(read).status == 200)
            }
        }
    }

    @Test func capacityAndAttemptLimitsRefuseBeforeTheUpgrade() async throws {
        try await withRedisServer { redis in
            let config = Harness.configuration(redis: redis) {
                $0.maxConnectionsPerUser = 1
                $0.connectBurst = 3
                $0.connectRate = 0.01
            }
            try await Harness.withGateway(config) { gateway in
                try await TestSocket.connect(gateway.socketURL("user_id=bob")) { socket in
                    _ = try await socket.next(type: .connected)
                    #expect(try await upgradeAttempt(gateway, query: "user_id=bob") == (503, "over_capacity"))
                    #expect(try await upgradeAttempt(gateway, query: "user_id=bob") == (503, "over_capacity"))
                    // A burst of 3 attempts per address: the fourth is refused whoever it is for.
                    #expect(try await upgradeAttempt(gateway, query: "user_id=dave") == (429, "rate_limited"))
                }
            }
        }
    }

    @Test func foreignOriginsAreRefused() async throws {
        try await withRedisServer { redis in
            let config = Harness.configuration(redis: redis) { $0.allowedOrigins = ["https://shop.example.com"] }
            try await Harness.withGateway(config) { gateway in
                #expect(try await upgradeAttempt(gateway, query: "user_id=a", headers: [("Origin", "https://evil.example")])
                        == (403, "forbidden_origin"))
                var preflight = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/media")
                preflight.method = .OPTIONS
                preflight.headers.add(name: "Origin", value: "https://shop.example.com")
                preflight.headers.add(name: "Access-Control-Request-Method", value: "POST")
                let response = try await HTTPClient.shared.execute(preflight, timeout: .seconds(5))
                #expect(response.status.code == 204)
                #expect(response.headers["Access-Control-Allow-Origin"].first == "https://shop.example.com")
                // WSClient sends `Origin: ws://127.0.0.1`: localhost is always allowed.
                try await TestSocket.connect(gateway.socketURL("user_id=a")) { socket in
                    _ = try await socket.next(type: .connected)
                }
                // The same admission without an upgrade: the configured origin passes, and only the
                // missing upgrade is refused.
                var plain = HTTPClientRequest(url: "\(gateway.baseURL)/ws/chat?user_id=a")
                plain.headers.add(name: "Origin", value: "https://shop.example.com")
                #expect(try await httpCall(plain) == (400, "bad_request"))
                plain.headers.replaceOrAdd(name: "Origin", value: "https://evil.example")
                #expect(try await httpCall(plain) == (403, "forbidden_origin"))
            }
        }
    }
}
