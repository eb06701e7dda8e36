import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import NIOWebSocket
import Shared
import Synchronization
import Testing
import TestSupport
import WSCore

@Suite(.timeLimit(.minutes(2)))
struct HTTPRoutesTests {
    @Test func devTokenMediaSessionAndEvents() async throws {
        try await withRedisAndClient { redis, client in
            let worker = FakeWorker(redis: client, partitions: 2)
            try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                // dev-token → a JWT the socket accepts.
                var tokenRequest = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/auth/dev-token")
                tokenRequest.method = .POST
                tokenRequest.body = .bytes(ByteBuffer(string: #"{"user_id":"alice"}"#))
                let (status, body) = try await httpBody(tokenRequest)
                #expect(status == 200)
                let token = try JSONCoding.decode(DevTokenReply.self, from: body).token

                // Media upload: 201, then usable by id; 415 for other types; 413 over the limit.
                var upload = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/media")
                upload.method = .POST
                upload.headers.add(name: "Authorization", value: "Bearer \(token)")
                upload.headers.add(name: "Content-Type", value: "image/png")
                upload.body = .bytes(ByteBuffer(bytes: tinyPNG))
                let (uploadStatus, uploadBody) = try await httpBody(upload)
                #expect(uploadStatus == 201)
                let media = try JSONCoding.decode(MediaReply.self, from: uploadBody)
                #expect(media.bytes == tinyPNG.count && media.type == "image")
                #expect(try await client.send("TTL", "media:{\(media.media_id)}").int ?? 0 > 3000)
                upload.headers.replaceOrAdd(name: "Content-Type", value: "application/pdf")
                #expect(try await httpCall(upload) == (415, "unsupported_media_type"))

                let sid = try await TestSocket.connect(gateway.socketURL("token=\(token)")) { socket in
                    let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                    socket.send(#"{"type":"message","message":"","media":[{"type":"image","media_id":"\#(media.media_id)"}]}"#)
                    _ = try await socket.next(type: .ack)
                    let doorbell = try #require(try await worker.nextDoorbell())
                    _ = try await worker.runTurn(for: doorbell)
                    _ = try await socket.next(type: .done)
                    return sid
                }
                var read = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/sessions/\(sid)")
                read.headers.add(name: "Authorization", value: "Bearer \(token)")
                let (readStatus, readBody) = try await httpBody(read)
                #expect(readStatus == 200)
                let state = try JSONCoding.decode(SessionState.self, from: readBody)
                #expect(state.userID == "alice" && state.sessionID == sid)

                var events = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/sessions/\(sid)/events")
                events.headers.add(name: "Authorization", value: "Bearer \(token)")
                let (_, eventsBody) = try await httpBody(events)
                let all = try JSONCoding.decode([ServerEvent].self, from: eventsBody)
                #expect(all.map(\.type) == [.progress, .token, .done])
                events.url += "?after=\(try #require(all.first?.eventID))"
                #expect(try JSONCoding.decode([ServerEvent].self, from: try await httpBody(events).body).count == 2)

                var delete = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/sessions/\(sid)")
                delete.method = .DELETE
                delete.headers.add(name: "Authorization", value: "Bearer \(token)")
                #expect(try await httpCall(delete).status == 204)
                #expect(try await httpCall(read) == (404, "session_not_found"))
                let left = try await client.send("KEYS", "session:{\(sid)}*").array ?? []
                #expect(left.isEmpty)
            }
        }
    }

    @Test func deletingASessionClosesItsSocketsOnEveryInstance() async throws {
        try await withRedisAndClient { redis, _ in
            try await Harness.withGateway(Harness.configuration(redis: redis, instance: "a")) { a in
                try await Harness.withGateway(Harness.configuration(redis: redis, instance: "b")) { b in
                    let sid = try await TestSocket.connect(a.socketURL("user_id=alice")) { socket in
                        let sid = try #require(try await socket.next(type: .connected).connected).sessionID
                        var delete = HTTPClientRequest(url: "\(b.baseURL)/api/v1/sessions/\(sid)?user_id=alice")
                        delete.method = .DELETE
                        #expect(try await httpCall(delete).status == 204)
                        #expect(try await socket.next(type: .error).errorCode == .sessionNotFound)
                        try await socket.waitForClose()
                        #expect(socket.closeFrame.withLock { $0?.closeCode } == .normalClosure)
                        return sid
                    }
                    // The deleted session is gone; the error carries CORS headers, so a browser page can read it.
                    var read = HTTPClientRequest(url: "\(a.baseURL)/api/v1/sessions/\(sid)?user_id=alice")
                    read.headers.add(name: "Origin", value: "http://localhost:5173")
                    let response = try await HTTPClient.shared.execute(read, timeout: .seconds(10))
                    #expect(response.status.code == 404)
                    #expect(response.headers["Access-Control-Allow-Origin"].first == "http://localhost:5173")
                }
            }
        }
    }

    @Test func broadcastReachesEverySocketOfEveryInstance() async throws {
        try await withRedisAndClient { redis, _ in
            let admin = "admin-token-0123456789"
            let configA = Harness.configuration(redis: redis, instance: "a") { $0.adminToken = admin; $0.isDebug = true }
            let configB = Harness.configuration(redis: redis, instance: "b") { $0.adminToken = admin }
            try await Harness.withGateway(configA) { a in
                try await Harness.withGateway(configB) { b in
                    try await TestSocket.connect(a.socketURL("user_id=u1")) { first in
                        try await TestSocket.connect(b.socketURL("user_id=u2")) { second in
                            _ = try await first.next(type: .connected)
                            _ = try await second.next(type: .connected)
                            var request = HTTPClientRequest(url: "\(b.baseURL)/api/v1/admin/broadcast")
                            request.method = .POST
                            request.body = .bytes(ByteBuffer(string: #"{"message":"maintenance at 18:00","level":"warning"}"#))
                            #expect(try await httpCall(request) == (401, "unauthorized"))
                            request.headers.add(name: "Authorization", value: "Bearer \(admin)")
                            let (status, body) = try await httpBody(request)
                            #expect(status == 202)
                            #expect(String(decoding: body, as: UTF8.self) == #"{"instances":2}"#)
                            for socket in [first, second] {
                                let notice = try await socket.next(type: .notice)
                                if case .notice(let data) = notice.data { #expect(data.message == "maintenance at 18:00") }
                            }
                            let (debugStatus, debugBody) = try await httpBody(HTTPClientRequest(url: "\(a.baseURL)/debug/connections"))
                            #expect(debugStatus == 200)
                            #expect(String(decoding: debugBody, as: UTF8.self).contains(#""user_id":"u1""#))
                            #expect(try await httpCall(HTTPClientRequest(url: "\(b.baseURL)/debug/connections")).status == 404)
                        }
                    }
                }
            }
        }
    }
}

struct DevTokenReply: Decodable { var token: String }
// swiftlint:disable:next identifier_name
struct MediaReply: Decodable { var media_id: String; var type: String; var bytes: Int }
