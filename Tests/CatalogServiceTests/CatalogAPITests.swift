@testable import CatalogService
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Shared
import Testing
import TestSupport

/// The catalog API over real HTTP, on a fresh database with the demo catalog.
@Suite(.timeLimit(.minutes(2)))
struct CatalogAPITests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func makeApp(_ configure: (inout CatalogConfiguration) -> Void = { _ in }) async throws -> some ApplicationProtocol {
        var config = CatalogConfiguration(listen: .init(host: "127.0.0.1", port: 0), databasePath: try temporaryDatabasePath())
        configure(&config)
        return try await buildApplication(config, logger: Logger(label: "catalog-api-test"))
    }

    static func json(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONCoding.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(type, from: Data(response.body.readableBytesView))
    }

    struct SearchBody: Encodable {
        var spec: RequirementSpec
        var limit: Int?
        var sources: [String]?
        var excludeIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case spec, limit, sources
            case excludeIDs = "exclude_ids"
        }
    }

    @Test func searchAnswersWithRankedProductsAndSourceStatus() async throws {
        let app = try await Self.makeApp()
        try await app.test(.live) { client in
            let body = SearchBody(spec: RequirementSpec(category: "notebooks", budget: .init(max: 800)), limit: 5)
            try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                     body: try Self.json(body)) { response in
                #expect(response.status == .ok)
                let results = try Self.decode(SearchResults.self, response)
                #expect(results.products.count == 5)
                #expect(results.products.allSatisfy { $0.category == "Electronics > Laptops" && $0.price <= 800 })
                #expect(results.totalFound >= 5)
                #expect(results.sources.map(\.marketplace) == ["local"])
                #expect(results.sources.first?.error == nil)
            }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func theSameAPIIsServedOnAUnixSocketWhenConfigured() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let socketPath = folder.appendingPathComponent("catalog.sock").path
        let app = try await Self.makeApp { $0.listen.socketPath = socketPath }
        try await app.test(.live) { _ in
            let encoded = try #require(socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            // The socket's server starts beside the port's: connections refused until then are retried.
            let client = ServiceHTTPClient(service: "catalog-service", baseURL: "http+unix://\(encoded)",
                                           retry: RetryPolicy(maxAttempts: 40, baseDelay: .milliseconds(10), maxDelay: .milliseconds(100)),
                                           logger: Logger(label: "test"))
            let body = Array(try JSONCoding.encode(SearchBody(spec: RequirementSpec(category: "headphones"), limit: 3)))
            let response = try await client.send(.POST, "/v1/search", body: body, isIdempotent: true)
            #expect(response.status == 200)
            let results = try JSONDecoder().decode(SearchResults.self, from: Data(response.body.readableBytesView))
            #expect(results.products.count == 3)
            #expect(try await client.send(.GET, "/ready").status == 200)
        }
    }

    @Test func excludedIDsPageThroughASearchUntilNothingIsLeft() async throws {
        let app = try await Self.makeApp()
        try await app.test(.live) { client in
            func search(excluding: [String]) async throws -> SearchResults {
                let body = SearchBody(spec: RequirementSpec(category: "laptops"), limit: 3, excludeIDs: excluding)
                return try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                                body: try Self.json(body)) { response in
                    #expect(response.status == .ok)
                    return try Self.decode(SearchResults.self, response)
                }
            }
            let first = try await search(excluding: [])
            try #require(first.products.count == 3)
            var shown = first.products.map(\.id)
            var pages = 1
            while pages < 20 {
                let page = try await search(excluding: shown)
                #expect(Set(page.products.map(\.id)).isDisjoint(with: shown), "page \(pages + 1) repeats a product")
                #expect(page.totalFound >= shown.count + page.products.count, "the shown ones still count as found")
                if page.products.isEmpty { break }
                shown += page.products.map(\.id)
                pages += 1
            }
            #expect(pages >= 2 && pages < 20, "\(pages) pages")
            #expect(Set(shown).count == shown.count)
            // The ids are products, not positions: the first page less one of its products is that
            // product's place taken by the next best.
            let again = try await search(excluding: [first.products[1].id])
            #expect(again.products.map(\.id).prefix(1) == first.products.map(\.id).prefix(1))
            #expect(again.products.map(\.id).contains(first.products[2].id))
            #expect(!again.products.map(\.id).contains(first.products[1].id))

            let tooMany = SearchBody(spec: RequirementSpec(category: "laptops"), limit: 3,
                                     excludeIDs: (0...SearchResults.maximumExcludedIDs).map { "demo:x-\($0)" })
            try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                     body: try Self.json(tooMany)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test func badRequestsGetJSONErrors() async throws {
        let app = try await Self.makeApp()
        try await app.test(.router) { client in
            func expectError(_ uri: String, _ method: HTTPRequest.Method, contentType: String = "application/json",
                             body: String, status: HTTPResponse.Status, code: String) async throws {
                try await client.execute(uri: uri, method: method, headers: [.contentType: contentType],
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(uri) \(body)")
                    let error = try Self.decode(ErrorBody.self, response)
                    #expect(error.error.code == code)
                }
            }
            try await expectError("/v1/search", .post, body: "{not json", status: .badRequest, code: "bad_request")
            try await expectError("/v1/search", .post, body: "{\"limit\":5}", status: .unprocessableContent, code: "unprocessable")
            try await expectError("/v1/search", .post, body: "{\"spec\":{},\"limit\":0}", status: .unprocessableContent, code: "unprocessable")
            try await expectError("/v1/search", .post, body: "{\"spec\":{\"budget\":{\"max\":5,\"currency\":\"XYZ\"}}}",
                                  status: .unprocessableContent, code: "unprocessable")
            try await expectError("/v1/search", .post, body: "{\"spec\":{},\"sources\":[\"nowhere\"]}",
                                  status: .unprocessableContent, code: "unprocessable")
            try await expectError("/v1/search", .post, contentType: "text/plain", body: "{}", status: .unsupportedMediaType,
                                  code: "unsupported_media_type")
            try await expectError("/v1/import", .post, contentType: "application/pdf", body: "x", status: .unsupportedMediaType,
                                  code: "unsupported_media_type")
            try await expectError("/v1/import?title=name", .post, contentType: "text/csv", body: "name\nx\n",
                                  status: .badRequest, code: "bad_request")
            try await client.execute(uri: "/v1/products/demo:no-such-thing", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try Self.decode(ErrorBody.self, response)
                #expect(error.error.code == "not_found")
            }
        }
    }

    @Test func malformedImportRowsAreReportedNotFatalAndImportIsIdempotent() async throws {
        let app = try await Self.makeApp { $0.loadsDemoCatalog = false }
        let lines = [
            #"{"id":"a1","source":"shop","title":"Trail Runner 2","brand":"Stride","category_path":["Shoes","Running Shoes"],"price":89.5,"list_price":119.95,"currency":"USD","rating":4.4,"rating_count":120,"description":"Grippy trail shoe with a rock plate.","attributes":{"color":"red","size":"7-12","waterproof":true}}"#,
            #"{"id":"a2","source":"shop","title":"Cloud Jacket","brand":"Nimbus","category_path":["Clothing","Jackets"],"price":"120.00","currency":"USD"}"#,
            #"{"id":"a3","source":"shop","title":"Broken"#,
            #"{"id":"a4","source":"shop","price":10}"#,
            #"{"id":"a5","source":"shop","title":"Negative","price":-3}"#,
            #"[1,2,3]"#,
            "",
            #"{"id":"a6","source":"shop","title":"Desk Lamp","category_path":["Home","Lighting"],"price":25,"currency":"usd"}"#,
        ]
        let body = lines.joined(separator: "\n")
        try await app.test(.router) { client in
            for round in 1...2 {
                try await client.execute(uri: "/v1/import", method: .post, headers: [.contentType: "application/x-ndjson"],
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    let report = try Self.decode(ImportReport.self, response)
                    #expect(report.rowsRead == 7)
                    #expect(report.imported == 3)
                    #expect(report.replaced == (round == 1 ? 0 : 3))
                    #expect(report.skipped == 4)
                    #expect(report.skippedByReason == ["invalid JSON": 1, "missing title": 1, "negative price": 1, "not a JSON object": 1])
                    #expect(report.examples.map(\.line) == [3, 4, 5, 6])
                }
            }
            try await client.execute(uri: "/v1/products/shop:a1", method: .get) { response in
                #expect(response.status == .ok)
                let product = try Self.decode(ProductResult.self, response)
                #expect(product.attributes == ["color": "red", "size": "7-12", "waterproof": "yes"])
                #expect(product.reviewCount == 120)
                #expect(product.description == "Grippy trail shoe with a rock plate.")
                #expect(product.listPrice == 119.95)  // "is it on sale?" reads it
            }
            // A search's results leave descriptions and list prices out: no reply reads them, and
            // they are sent on every turn.
            let search = try Self.json(SearchBody(spec: RequirementSpec(query: "trail runner"), limit: 5))
            let json: HTTPFields = [.contentType: "application/json"]
            try await client.execute(uri: "/v1/search", method: .post, headers: json, body: search) { response in
                let found = try Self.decode(SearchResults.self, response).products
                #expect(found.map(\.id) == ["shop:a1"])
                #expect(found.allSatisfy { $0.description == nil })
                #expect(!String(buffer: response.body).contains("\"description\"") && !String(buffer: response.body).contains("list_price"))
            }
            try await client.execute(uri: "/v1/brands", method: .get) { response in
                let brands = try Self.decode(BrandsResponse.self, response).brands
                #expect(Set(brands.map(\.name)) == ["Stride", "Nimbus"])  // re-import did not duplicate
                #expect(brands.allSatisfy { $0.count == 1 })
                // What each makes, at every level of its products' paths: "an instant camera" is
                // no Instant Pot (`EmbeddedInterpreter.readOrdinaryWordBrands`).
                #expect(brands.first { $0.name == "Stride" }?.categories == ["Running Shoes", "Shoes"])
                #expect(brands.first { $0.name == "Nimbus" }?.categories == ["Clothing", "Jackets"])
            }
        }
    }

    @Test func csvImportUsesTheColumnMapping() async throws {
        let app = try await Self.makeApp { $0.loadsDemoCatalog = false }
        let csv = """
            sku,name,maker,dept,cost,Colour,notes
            k-1,"Mechanical Keyboard, 87 keys",Keyco,Peripherals/Keyboards,59.99,black,"says ""clicky""
            over two lines"
            k-2,Silent Mouse,Keyco,Peripherals/Mice,19.5,white,
            k-3,,Keyco,Peripherals/Mice,5,grey,
            k-4,Gel Wrist Rest,Keyco,Peripherals/Accessories,not-a-price,blue,
            """
        let query = "source=deskshop&currency=INR&id=sku&title=name&brand=maker&category=dept&category_separator=/&price=cost&description=notes&attr.color=Colour"
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/import?\(query)", method: .post, headers: [.contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                let report = try Self.decode(ImportReport.self, response)
                #expect(report.rowsRead == 4)
                #expect(report.imported == 2)
                #expect(report.skippedByReason == ["missing title": 1, "price is not a number": 1])
            }
            try await client.execute(uri: "/v1/products/deskshop:k-1", method: .get) { response in
                let product = try Self.decode(ProductResult.self, response)
                #expect(product.title == "Mechanical Keyboard, 87 keys")
                #expect(product.category == "Peripherals > Keyboards")
                #expect(product.currency == "INR")
                #expect(product.attributes["color"] == "black")
            }
            try await client.execute(uri: "/v1/categories", method: .get) { response in
                let answer = try Self.decode(CategoriesResponse.self, response)
                let categories = answer.categories
                #expect(answer.currencyRates == CurrencyRates.defaults)
                #expect(categories.contains(CategoryCount(name: "Peripherals", path: ["Peripherals"], count: 2)))
                #expect(categories.contains(CategoryCount(name: "Mice", path: ["Peripherals", "Mice"], count: 1)))
            }
        }
    }

    /// `GET /v1/categories` gives each category's deepest node the words at least two of its
    /// listings use, most used first, counted again after an import changes them.
    @Test func categoriesListTheWordsTheirListingsUse() async throws {
        let app = try await Self.makeApp()
        let header = "id,title,brand,category,price,description\n"
        let first = header + """
            k-1,Quiet Mechanical Keypad,Keyco,Desk Gear/Keypads,59.99,Linear switches for a quiet desk
            k-2,Compact Keypad,Keyco,Desk Gear/Keypads,39.99,Tactile switches beside a lamp
            k-3,Wireless Keypad,Keyco,Desk Gear/Keypads,29.99,Scissor keys
            """
        @Sendable func keypadWords(_ client: some TestClientProtocol) async throws -> [String]? {
            let response = try await client.execute(uri: "/v1/categories", method: .get)
            let categories = try Self.decode(CategoriesResponse.self, response).categories
            let gear = categories.first { $0.path == ["Desk Gear"] }
            #expect(gear != nil && gear?.words == nil, "only the deepest node has words")
            return categories.first { $0.path == ["Desk Gear", "Keypads"] }?.words
        }
        try await app.test(.router) { client in
            let query = "source=keyshop&currency=USD&id=id&title=title&brand=brand&category=category&category_separator=/"
                + "&price=price&description=description"
            try await client.execute(uri: "/v1/import?\(query)", method: .post, headers: [.contentType: "text/csv"],
                                     body: ByteBuffer(string: first)) { #expect($0.status == .ok) }
            let listed = try await keypadWords(client)
            let words = try #require(listed)
            // Words of all three first (the category's own among them), the earlier in the alphabet first on a tie.
            #expect(Array(words.prefix(4)) == ["desk", "gear", "keyco", "keypad"], "\(words)")
            #expect(words.contains("switch"), "\(words)")
            #expect(!words.contains("scissor") && !words.contains("lamp") && !words.contains("quiet"),
                    "one listing's words are not the category's, however often it says them: \(words)")
            let more = header + "k-4,Lamp Keypad,Keyco,Desk Gear/Keypads,19.99,Scissor keys\n"
            try await client.execute(uri: "/v1/import?\(query)", method: .post, headers: [.contentType: "text/csv"],
                                     body: ByteBuffer(string: more)) { #expect($0.status == .ok) }
            let relisted = try await keypadWords(client)
            let after = try #require(relisted)
            #expect(after.contains("scissor") && after.contains("lamp"), "\(after)")
        }
    }

    @Test func rankRescoresAndAppliesHardConstraints() async throws {
        let app = try await Self.makeApp()
        let products = [
            ProductResult(id: "x:1", title: "Budget Laptop 8GB", brand: "Acme", category: "Electronics > Laptops", price: 400,
                          currency: "USD", rating: 4.1, reviewCount: 50, marketplace: "x", attributes: ["ram": "8GB"]),
            ProductResult(id: "x:2", title: "Pro Laptop 16GB", brand: "Acme", category: "Electronics > Laptops", price: 950,
                          currency: "USD", rating: 4.7, reviewCount: 1288, marketplace: "x", attributes: ["ram": "16GB"]),
            ProductResult(id: "x:3", title: "Pricey Laptop 16GB", brand: "Acme", category: "Electronics > Laptops", price: 1_900,
                          currency: "USD", marketplace: "x", attributes: ["ram": "16GB"]),
            ProductResult(id: "x:4", title: "Banned Laptop 16GB", brand: "Nope", category: "Electronics > Laptops", price: 500,
                          currency: "USD", marketplace: "x", attributes: ["ram": "16GB"]),
            ProductResult(id: "x:5", title: "Desk 16GB", brand: "Acme", category: "Furniture > Desks", price: 300,
                          currency: "USD", marketplace: "x"),
        ]
        struct Body: Encodable { var spec: RequirementSpec; var products: [ProductResult]; var limit: Int }
        let spec = RequirementSpec(category: "laptop", budget: .init(max: 1_000), excludedBrands: ["nope"], attributes: ["ram": "16GB"])
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/rank", method: .post, headers: [.contentType: "application/json"],
                                     body: try Self.json(Body(spec: spec, products: products, limit: 10))) { response in
                #expect(response.status == .ok)
                let ranked = try Self.decode(RankResponse.self, response).products
                #expect(ranked.map(\.id) == ["x:2", "x:1"])
                #expect(ranked.first?.matchReasons == ["16GB RAM", "under $1,000", "rated 4.7 by 1,288 buyers"])
            }
        }
    }

    @Test func demoCatalogLoadsOnFirstStartOnly() async throws {
        let path = try temporaryDatabasePath()
        for _ in 1...2 {
            let app = try await buildApplication(
                CatalogConfiguration(listen: .init(host: "127.0.0.1", port: 0), databasePath: path), logger: Logger(label: "t"))
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/categories", method: .get) { response in
                    let categories = try Self.decode(CategoriesResponse.self, response).categories
                    #expect(categories.filter { $0.path.count == 2 }.count >= 20)
                    #expect(categories.first { $0.path == ["Electronics", "Laptops"] }?.count == 23)
                }
            }
        }
    }

    @Test(.enabled(if: CatalogAPITests.hasOpenAPIValidator, "needs python3 with openapi-spec-validator (pip)"))
    func openAPIDocumentIsValidAndAnswersConform() async throws {
        let directory = try makeTemporaryDirectory("catalog-openapi")
        let app = try await Self.makeApp()
        let spec = RequirementSpec(category: "headphones", query: "wireless noise cancelling", budget: .init(max: 300),
                                   excludedBrands: ["Sony"], attributes: ["color": "black"], features: ["noise cancelling"])
        let searchBody = try Self.json(SearchBody(spec: spec, limit: 10))
        let bodies: [(String, Data)] = try await app.test(.live) { client in
            func body(_ response: TestResponse) -> Data { Data(response.body.readableBytesView) }
            let json: HTTPFields = [.contentType: "application/json"]
            return [
                ("SearchResults", try await client.execute(uri: "/v1/search", method: .post, headers: json, body: searchBody) { body($0) }),
                ("ProductResult", try await client.execute(uri: "/v1/products/demo:demo-lap-001", method: .get) { body($0) }),
                ("Error", try await client.execute(uri: "/v1/products/nope:1", method: .get) { body($0) }),
                ("ImportReport", try await client.execute(
                    uri: "/v1/import", method: .post, headers: [.contentType: "application/x-ndjson"],
                    body: ByteBuffer(string: "{\"id\":\"1\",\"title\":\"T\",\"price\":1}\nnot json\n")) { body($0) }),
                ("Error", try await client.execute(uri: "/v1/search", method: .post, headers: json,
                                                   body: ByteBuffer(string: "{\"spec\":{},\"limit\":1000}")) { body($0) }),
                ("CategoryCount", try await client.execute(uri: "/v1/categories", method: .get) { response in
                    // One element of the list, against its item schema.
                    let list = try JSONDecoder().decode(CategoriesResponse.self, from: body(response))
                    return try JSONCoding.encode(try #require(list.categories.first))
                }),
            ]
        }
        var answers: [(schema: String, file: String)] = []
        for (index, (schema, data)) in bodies.enumerated() {
            let file = directory.appendingPathComponent("\(index).json").path
            try data.write(to: URL(fileURLWithPath: file))
            answers.append((schema, file))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repositoryRoot.appendingPathComponent("scripts/openapi-conform.py").path,
                             Self.repositoryRoot.appendingPathComponent("docs/openapi/catalog-service.yaml").path]
            + answers.flatMap { [$0.schema, $0.file] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    static let hasOpenAPIValidator: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openapi_spec_validator, jsonschema, yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
