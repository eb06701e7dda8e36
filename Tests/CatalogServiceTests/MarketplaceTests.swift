@testable import CatalogService
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Shared
import Synchronization
import Testing
import TestSupport
import HTTPTypes

/// A gate requests wait at until the test opens it: how the eBay double stays slow without a sleep.
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A local double of eBay's Browse API in its real wire format: the OAuth client-credentials token
/// endpoint and `item_summary/search`. It checks what the real API would refuse.
struct EbayDouble: Sendable {
    static let clientID = "test-client"
    static let clientSecret = "test-secret"
    static let token = "v^1.1#i^1#test-token"
    let gate: Gate?

    init(slowUntil gate: Gate? = nil) {
        self.gate = gate
    }

    func makeRouter(_ counter: EbayDoubleCounters) -> Router<BasicRequestContext> {
        let router = Router()
        let gate = gate
        router.post("/identity/v1/oauth2/token") { request, _ -> Response in
            counter.tokenRequests.add(1, ordering: .relaxed)
            let expected = "Basic " + Data("\(Self.clientID):\(Self.clientSecret)".utf8).base64EncodedString()
            guard request.headers[.authorization] == expected else {
                return Response(status: .unauthorized, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"invalid_client"}"#)))
            }
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            guard request.headers[.contentType] == "application/x-www-form-urlencoded",
                  form.contains("grant_type=client_credentials"),
                  form.contains("scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope") else {
                return Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"invalid_request"}"#)))
            }
            let body = #"{"access_token":"\#(Self.token)","expires_in":7200,"token_type":"Application Access Token"}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/buy/browse/v1/item_summary/search") { request, _ -> Response in
            counter.searches.add(1, ordering: .relaxed)
            if let gate { await gate.wait() }
            guard request.headers[.authorization] == "Bearer \(Self.token)" else { return Response(status: .unauthorized) }
            guard request.headers[HTTPField.Name("X-EBAY-C-MARKETPLACE-ID")!] == "EBAY_US" else { return Response(status: .badRequest) }
            let query = request.uri.queryParameters
            guard let q = query["q"], !q.isEmpty else { return Response(status: .badRequest) }
            counter.lastQuery.withLock { $0 = String(q) }
            counter.lastFilter.withLock { $0 = query["filter"].map(String.init) }
            let body = """
                {"href":"https://api.ebay.com/buy/browse/v1/item_summary/search?q=x","total":3,"limit":50,"offset":0,
                 "itemSummaries":[
                  {"itemId":"v1|1111|0","title":"Dell Latitude 5420 Laptop 16GB RAM 256GB SSD","price":{"value":"429.99","currency":"USD"},
                   "image":{"imageUrl":"https://i.ebayimg.com/images/g/1.jpg"},"itemWebUrl":"https://www.ebay.com/itm/1111",
                   "condition":"Used","categories":[{"categoryId":"177","categoryName":"PC Laptops & Netbooks"}]},
                  {"itemId":"v1|2222|0","title":"Lenovo ThinkPad T14 Laptop 16GB","price":{"value":"1299.00","currency":"USD"},
                   "itemWebUrl":"https://www.ebay.com/itm/2222","condition":"New",
                   "categories":[{"categoryId":"177","categoryName":"PC Laptops & Netbooks"}]},
                  {"itemId":"v1|3333|0","title":"Laptop Sleeve 15 inch","price":{"value":"12.99","currency":"USD"},
                   "categories":[{"categoryId":"31510","categoryName":"Laptop Cases & Bags"}]}
                 ]}
                """
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }
}

final class EbayDoubleCounters: Sendable {
    let tokenRequests = Atomic<Int>(0)
    let searches = Atomic<Int>(0)
    let lastQuery = Mutex<String?>(nil)
    let lastFilter = Mutex<String?>(nil)
}

@Suite(.timeLimit(.minutes(2)))
struct MarketplaceTests {
    struct SearchBody: Encodable {
        var spec: RequirementSpec
        var limit: Int
        var sources: [String]?
    }

    static func search(_ client: some TestClientProtocol, _ body: SearchBody) async throws -> SearchResults {
        try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(bytes: try JSONCoding.encode(body))) { response in
            #expect(response.status == .ok)
            return try JSONDecoder().decode(SearchResults.self, from: Data(response.body.readableBytesView))
        }
    }

    static func withEbayDouble<T: Sendable>(
        gate: Gate? = nil, _ body: @escaping @Sendable (Int, EbayDoubleCounters) async throws -> T
    ) async throws -> T {
        let counters = EbayDoubleCounters()
        let double = Application(router: EbayDouble(slowUntil: gate).makeRouter(counters),
                                 configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await double.test(.live) { client in
            let port = try #require(client.port)
            defer { gate?.open() }  // let a slow request finish so the double can shut down
            return try await body(port, counters)
        }
    }

    @Test func ebayResultsAreMergedWithLocalOnesUnderTheHardConstraints() async throws {
        try await Self.withEbayDouble { port, counters in
            let app = try await CatalogAPITests.makeApp {
                $0.ebay = .init(baseURL: "http://127.0.0.1:\(port)", clientID: EbayDouble.clientID, clientSecret: EbayDouble.clientSecret)
            }
            try await app.test(.router) { client in
                let spec = RequirementSpec(category: "laptops", query: "laptop 16GB", budget: .init(max: 1_000), excludedBrands: ["Lenovo"])
                let results = try await Self.search(client, SearchBody(spec: spec, limit: 30, sources: nil))
                #expect(results.sources.map(\.marketplace) == ["local", "ebay"])
                #expect(results.sources.allSatisfy { $0.error == nil })
                #expect(results.sources.last?.count == 3)
                let ebay = results.products.filter { $0.marketplace == "ebay" }
                // The $1,299 Lenovo breaks the budget and the brand; the sleeve is not a laptop.
                #expect(ebay.map(\.id) == ["ebay:v1|1111|0"])
                #expect(ebay.first?.url == "https://www.ebay.com/itm/1111")
                #expect(results.products.contains { $0.marketplace == "local" })
                #expect(counters.lastQuery.withLock { $0 } == "laptop 16GB")
                #expect(counters.lastFilter.withLock { $0 } == "price:[..1000.00],priceCurrency:USD")
                _ = try await Self.search(client, SearchBody(spec: spec, limit: 5, sources: ["ebay"]))
                #expect(counters.tokenRequests.load(ordering: .relaxed) == 1)  // the token is cached
                #expect(counters.searches.load(ordering: .relaxed) == 2)
            }
        }
    }

    @Test func wrongEbayCredentialsFailOnlyThatSource() async throws {
        try await Self.withEbayDouble { port, _ in
            let app = try await CatalogAPITests.makeApp {
                $0.ebay = .init(baseURL: "http://127.0.0.1:\(port)", clientID: "wrong", clientSecret: "nope")
            }
            try await app.test(.router) { client in
                let results = try await Self.search(client, SearchBody(spec: RequirementSpec(category: "laptops"), limit: 5))
                #expect(results.products.count == 5)
                #expect(results.sources.first { $0.marketplace == "ebay" }?.error == "token request refused: HTTP 401")
            }
        }
    }

    @Test func aSlowSourceIsCutAtItsDeadlineWithPartialResults() async throws {
        let gate = Gate()
        try await Self.withEbayDouble(gate: gate) { port, counters in
            let app = try await CatalogAPITests.makeApp {
                $0.sourceDeadline = .milliseconds(300)
                $0.ebay = .init(baseURL: "http://127.0.0.1:\(port)", clientID: EbayDouble.clientID, clientSecret: EbayDouble.clientSecret)
            }
            try await app.test(.router) { client in
                let started = ContinuousClock.now
                let results = try await withDeadline(.seconds(5), "search with a hanging source") {
                    try await Self.search(client, SearchBody(spec: RequirementSpec(category: "tv", query: "4k"), limit: 5))
                }
                #expect(ContinuousClock.now - started < .seconds(3))
                #expect(results.products.count == 5)
                #expect(results.products.allSatisfy { $0.marketplace == "local" })
                let ebay = try #require(results.sources.first { $0.marketplace == "ebay" })
                #expect(ebay.error == "deadline exceeded")
                #expect(ebay.latencyMilliseconds >= 300)
                #expect(results.sources.first { $0.marketplace == "local" }?.error == nil)
                #expect(counters.searches.load(ordering: .relaxed) == 1)  // it was asked, and hung
            }
        }
    }

    @Test func federationSearchesAnotherCatalogService() async throws {
        let peer = try await CatalogAPITests.makeApp { $0.loadsDemoCatalog = false }
        try await peer.test(.live) { peerClient in
            let port = try #require(peerClient.port)
            let row = #"{"id":"p1","source":"peershop","title":"Aurora 65 inch 4K OLED TV","brand":"Aurora","category_path":["Electronics","Televisions"],"price":1499,"currency":"USD","rating":4.8,"rating_count":312}"#
            try await peerClient.execute(uri: "/v1/import", method: .post, headers: [.contentType: "application/x-ndjson"],
                                         body: ByteBuffer(string: row)) { #expect($0.status == .ok) }
            let app = try await CatalogAPITests.makeApp { $0.peers = [.init(name: "peer", baseURL: "http://127.0.0.1:\(port)")] }
            try await app.test(.router) { client in
                let spec = RequirementSpec(category: "television", query: "Aurora OLED", budget: .init(max: 2_000))
                let results = try await Self.search(client, SearchBody(spec: spec, limit: 5, sources: nil))
                #expect(results.sources.map(\.marketplace) == ["local", "peer"])
                #expect(results.sources.allSatisfy { $0.error == nil })
                let first = try #require(results.products.first)
                #expect(first.id == "peershop:p1")
                #expect(first.marketplace == "peer")
                #expect(results.products.dropFirst().allSatisfy { $0.marketplace == "local" && $0.category == "Electronics > TVs" })
            }
        }
    }
}
