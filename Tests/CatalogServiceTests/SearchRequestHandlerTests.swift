@testable import CatalogService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import NIOPosix
import Shared
import Synchronization
import TestSupport
import Testing

/// Searches answered in the channel pipeline (`SearchRequestHandler`): over real sockets they
/// answer as the router would, in order with the requests around them; in an embedded pipeline,
/// what waits for a search's answer.
@Suite(.timeLimit(.minutes(2)))
struct SearchRequestHandlerTests {
    @Test func pipelinedRequestsAreAnsweredInTheOrderSent() async throws {
        let app = try await CatalogAPITests.makeApp()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let requests = RawHTTP.request("POST", "/v1/search", json: #"{"spec":{"category":"laptops"},"limit":1}"#)
                + RawHTTP.request("GET", "/health")
                + RawHTTP.request("POST", "/v1/search?trace=1", json: #"{"spec":{"category":"tv"},"limit":2}"#)
                + RawHTTP.request("GET", "/v1/categories")
                + RawHTTP.request("POST", "/v1/search", json: #"{"spec":{},"limit":0}"#)
                + RawHTTP.request("GET", "/health", headers: "Connection: close\r\n")
            let responses = try await RawHTTP.exchange(port: port, requests)
            #expect(responses.map(\.status) == [200, 200, 200, 200, 422, 200])
            let laptops = try JSONDecoder().decode(SearchResults.self, from: Data(responses[0].body.utf8))
            #expect(laptops.products.map(\.category) == ["Electronics > Laptops"])
            #expect(responses[1].body == #"{"status":"ok"}"#)
            let tvs = try JSONDecoder().decode(SearchResults.self, from: Data(responses[2].body.utf8))
            #expect(tvs.products.count == 2 && tvs.products.allSatisfy { $0.category.hasSuffix("TVs") })
            #expect(responses[3].body.contains(#""categories":[{"#))
            #expect(responses[4].body.contains(#""code":"unprocessable""#))
            // The search's answer carries what Hummingbird's answers carry.
            for header in ["content-type", "content-length", "date", "server"] {
                #expect(responses[0].headers[header] != nil, "\(header)")
            }
            #expect(responses[0].headers["server"] == responses[1].headers["server"])
            #expect(responses[0].headers["content-length"] == String(responses[0].body.utf8.count))
        }
    }

    @Test func aSearchThatAsksToCloseIsAnsweredThenClosed() async throws {
        let app = try await CatalogAPITests.makeApp()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // The server must close: `exchange` returns only when it does.
            let responses = try await RawHTTP.exchange(
                port: port, RawHTTP.request("POST", "/v1/search", json: #"{"spec":{"category":"tv"},"limit":1}"#,
                                            headers: "Connection: close\r\n"))
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.headers["connection"] == "close")
        }
    }

    @Test func badSearchesGetTheRouterErrorsOverALiveConnection() async throws {
        let app = try await CatalogAPITests.makeApp()
        try await app.test(.live) { client in
            func expectError(contentType: String = "application/json", body: ByteBuffer, status: HTTPResponse.Status,
                             code: String) async throws {
                try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: contentType],
                                         body: body) { response in
                    #expect(response.status == status)
                    let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(error.error.code == code)
                }
            }
            try await expectError(body: ByteBuffer(string: "{not json"), status: .badRequest, code: "bad_request")
            try await expectError(body: ByteBuffer(string: #"{"limit":5}"#), status: .unprocessableContent, code: "unprocessable")
            try await expectError(contentType: "text/plain", body: ByteBuffer(string: "{}"), status: .unsupportedMediaType,
                                  code: "unsupported_media_type")
            let tooLarge = ByteBuffer(repeating: UInt8(ascii: " "), count: CatalogRoutes.maximumJSONBody + 1)
            try await expectError(body: tooLarge, status: .contentTooLarge, code: "payload_too_large")
            // The connection still serves searches after each error.
            try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"spec":{"category":"tv"},"limit":1}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func requestsAndTheShutdownNoticeWaitForTheSearchInHand() async throws {
        let (gate, open) = AsyncStream<Void>.makeStream()
        let respond: SearchRequestHandler.Respond = { contentType, body in
            for await _ in gate { break }
            let answer = "{\"type\":\"\(contentType ?? "")\",\"bytes\":\(body?.readableBytes ?? -1)}"
            return (.ok, ByteBuffer(string: answer))
        }
        let recorder = EventRecorder()
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            try channel.pipeline.syncOperations.addHandlers([SearchRequestHandler(serverName: "catalog-test", respond: respond),
                                                             recorder])
        }

        try await channel.writeInbound(HTTPRequestPart.head(
            HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/search", headerFields: [.contentType: "application/json"])))
        try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{}")))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        let health = HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/health"))
        try await channel.writeInbound(health)
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        await channel.testingEventLoop.run()
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == nil, "the next request waits for the search")
        #expect(recorder.quiesceNotices == 0, "shutdown waits for the search")

        open.yield()
        let head = try await withDeadline(.seconds(10), "the search's answer") {
            try await channel.waitForOutboundWrite(as: HTTPResponsePart.self)
        }
        guard case .head(let response) = head else { Issue.record("expected a head, got \(head)"); return }
        #expect(response.status == .ok)
        #expect(response.headerFields[.server] == "catalog-test")
        #expect(try await channel.readOutbound(as: HTTPResponsePart.self) == .body(ByteBuffer(string: #"{"type":"application/json","bytes":2}"#)))
        #expect(try await channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        await channel.testingEventLoop.run()
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == health)
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(recorder.quiesceNotices == 1)
    }

    @Test func readsGoOnWhileASearchIsAnsweredUntilAPartMustWait() async throws {
        let (gate, open) = AsyncStream<Void>.makeStream()
        let respond: SearchRequestHandler.Respond = { _, _ in
            for await _ in gate { break }
            return (.ok, ByteBuffer(string: "{}"))
        }
        let reads = ReadCounter()
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            try channel.pipeline.syncOperations.addHandlers([reads, SearchRequestHandler(serverName: "catalog-test", respond: respond)])
        }
        try await channel.writeInbound(HTTPRequestPart.head(
            HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/search", headerFields: [.contentType: "application/json"])))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        await channel.testingEventLoop.run()
        let before = reads.count
        channel.read()
        await channel.testingEventLoop.run()
        #expect(reads.count == before + 1, "nothing waits, so the socket is read on while the search runs")

        try await channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/health")))
        channel.read()
        await channel.testingEventLoop.run()
        #expect(reads.count == before + 1, "a part waits, so the next read waits for the answer")

        open.yield()
        _ = try await withDeadline(.seconds(10), "the search's answer") {
            try await channel.waitForOutboundWrite(as: HTTPResponsePart.self)
        }
        await channel.testingEventLoop.run()
        #expect(reads.count == before + 2, "the held read goes once the waiting part is taken")
    }

    @Test func theDateHeaderIsAnIMFFixdate() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_796_256_000 + 8 * 3600 + 5 * 60 + 9) == "Thu, 03 Dec 2026 08:05:09 GMT")
    }
}

/// Counts the shutdown notices that pass it.
private final class EventRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    private let notices = Atomic(0)
    var quiesceNotices: Int { notices.load(ordering: .relaxed) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { notices.add(1, ordering: .relaxed) }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Counts the reads that pass it towards the socket.
private final class ReadCounter: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = Any
    private let reads = Atomic(0)
    var count: Int { reads.load(ordering: .relaxed) }

    func read(context: ChannelHandlerContext) {
        reads.add(1, ordering: .relaxed)
        context.read()
    }
}

/// HTTP/1.1 written and read by hand, for what a client library will not do (pipelining).
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func request(_ method: String, _ target: String, json: String? = nil, headers: String = "") -> String {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
        if let json { text += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n" }
        return text + "\r\n" + (json ?? "")
    }

    /// Sends `requests` at once on a new connection and returns the responses, once the server
    /// has closed the connection.
    static func exchange(port: Int, _ requests: String) async throws -> [Response] {
        let collector = ByteCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: requests))
        try await withDeadline(.seconds(30), "the server to close the connection") { try await channel.closeFuture.get() }
        return try parse(collector.bytes)
    }

    static func parse(_ bytes: [UInt8]) throws -> [Response] {
        var responses: [Response] = []
        var rest = bytes[...]
        let separator = Array("\r\n\r\n".utf8)
        while !rest.isEmpty {
            guard let end = rest.indices.first(where: { rest[$0...].starts(with: separator) }) else {
                throw RawHTTPError(message: "unterminated head")
            }
            let lines = String(decoding: rest[..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let status = Int(lines[0].split(separator: " ")[1]) ?? 0
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            let bodyStart = end + separator.count
            guard rest.endIndex - bodyStart >= length else { throw RawHTTPError(message: "short body") }
            responses.append(Response(status: status, headers: headers,
                                      body: String(decoding: rest[bodyStart..<(bodyStart + length)], as: UTF8.self)))
            rest = rest[(bodyStart + length)...]
        }
        return responses
    }

    struct RawHTTPError: Error { var message: String }

    private final class ByteCollector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        private let received = Mutex<[UInt8]>([])
        var bytes: [UInt8] { received.withLock { $0 } }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLock { $0.append(contentsOf: buffer.readableBytesView) }
        }
    }
}
