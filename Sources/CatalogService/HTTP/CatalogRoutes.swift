import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Shared

/// `POST /v1/search` body.
struct SearchRequest: Decodable, JSONReadable {
    var spec: RequirementSpec
    var limit: Int?
    var sources: [String]?
    /// Products not to return: those shown on earlier pages of the same search.
    var excludeIDs: [String]

    init(json reader: inout JSONReader) throws(JSONReadError) {
        var spec: RequirementSpec?
        var limit: Int?
        var sources: [String]?
        var excludeIDs: [String] = []
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "spec": spec = try RequirementSpec(json: &reader)
            case "limit": limit = try reader.optionalInt()
            case "sources": sources = try reader.readNull() ? nil : reader.strings()
            case "exclude_ids": excludeIDs = try reader.readNull() ? [] : reader.strings()
            default: try reader.skip()
            }
        }
        (self.spec, self.limit, self.sources) = (try reader.required(spec, "spec"), limit, sources)
        self.excludeIDs = excludeIDs
    }

    enum CodingKeys: String, CodingKey {
        case spec, limit, sources
        case excludeIDs = "exclude_ids"
    }

    /// Only for the error message of a body `JSONReader` refused (`CatalogRoutes.decodeJSON`).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        spec = try container.decode(RequirementSpec.self, forKey: .spec)
        limit = try container.decodeIfPresent(Int.self, forKey: .limit)
        sources = try container.decodeIfPresent([String].self, forKey: .sources)
        excludeIDs = try container.decodeIfPresent([String].self, forKey: .excludeIDs) ?? []
    }
}

/// `POST /v1/rank` body.
struct RankRequest: Decodable {
    var spec: RequirementSpec
    var products: [ProductResult]
    var limit: Int?
}

struct RankResponse: Codable {
    var products: [ProductResult]
}

struct CategoriesResponse: Codable {
    var categories: [CategoryCount]
    /// The rates the catalog converts budgets by (units per US dollar), so a client that
    /// compares prices ("cheaper" than a ₹350 and a $49.99 product) converts as it does.
    var currencyRates: [String: Double]

    enum CodingKeys: String, CodingKey { case categories, currencyRates = "currency_rates" }
}

struct BrandsResponse: Codable {
    var brands: [BrandCount]
}

/// The catalog API (`docs/openapi/catalog-service.yaml`).
struct CatalogRoutes: Sendable {
    let search: SearchService
    let importer: CatalogImporter
    let metrics: CatalogMetrics
    let maximumImportBytes: Int
    static let maximumJSONBody = 4 << 20
    static let maximumRankProducts = 1_000

    func register(on router: Router<BasicRequestContext>) {
        let v1 = router.group("v1")
        v1.post("search") { request, context in try await searchProducts(request, context: context) }
        v1.post("rank") { request, context in try await rankProducts(request, context: context) }
        v1.get("products/{id}") { _, context in try await product(context: context) }
        v1.get("categories") { _, _ in
            Response.json(CategoriesResponse(categories: try await mapped { try await search.store.categories() },
                                             currencyRates: search.ranker.rates.unitsPerUSD))
        }
        v1.get("brands") { _, _ in
            Response.json(BrandsResponse(brands: try await mapped { try await search.store.brands() }))
        }
        v1.post("import") { request, context in try await importProducts(request, context: context) }
    }

    /// `POST /v1/search` through the router. On a live server `SearchRequestHandler` answers it
    /// first, with the same `searchResults(for:)`; this route serves the router's own tests and
    /// any path the handler leaves alone.
    func searchProducts(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try Self.requireJSON(contentType: request.headers[.contentType])
        let body = try await Self.collect(request)
        return Response(status: .ok, headers: [.contentType: Self.jsonContentType],
                        body: ResponseBody(byteBuffer: try await searchResults(for: body.readableBytesView)))
    }

    /// What `SearchRequestHandler` answers a search with this content type and body (`nil`: over
    /// `maximumJSONBody`): the results, or the error the router's middleware would answer.
    func searchAnswer(contentType: String?, body: ByteBuffer?, logger: Logger) async -> (HTTPResponse.Status, ByteBuffer) {
        do {
            try Self.requireJSON(contentType: contentType)
            guard let body else { throw Self.bodyTooLarge }
            return (.ok, try await searchResults(for: body.readableBytesView))
        } catch {
            let answer = AppError.answer(for: error)
            if answer.error.code == .internal {
                logger.error("request failed", metadata: ["error": "\(error)", "path": "/v1/search"])
            }
            return (answer.status, ByteBuffer(bytes: JSONCoding.httpBody(answer.error.body)))
        }
    }

    /// The JSON answer to a search body; throws the `AppError` the client gets (400 or 422 for the
    /// body, 422 for the spec, 503 when the catalog cannot be read).
    func searchResults(for body: ByteBufferView) async throws -> ByteBuffer {
        let request = try Self.decodeJSON(SearchRequest.self, from: body)
        let results = try await mapped {
            try await search.search(request.spec, limit: request.limit ?? 10, sourceNames: request.sources,
                                    excluding: Set(request.excludeIDs))
        }
        // Written by hand, not with JSONEncoder: this runs once per conversation turn.
        var writer = JSONWriter(capacity: 16 << 10)
        writer.searchResults(results)
        return ByteBuffer(bytes: writer.bytes)
    }

    func rankProducts(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await decode(RankRequest.self, from: request, context: context)
        guard body.products.count <= Self.maximumRankProducts else {
            throw AppError(.unprocessable, "at most \(Self.maximumRankProducts) products can be ranked at once")
        }
        let limit = body.limit ?? max(1, min(SearchService.maximumLimit, body.products.count))
        let ranked = try await mapped { try await search.rank(body.products, spec: body.spec, limit: limit) }
        return .json(RankResponse(products: ranked))
    }

    func product(context: BasicRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let stored = try await mapped({ try await search.store.product(id: id) }) else {
            throw AppError(.notFound, "no product with that id")
        }
        return .json(stored.describedProductResult(marketplace: "local"))
    }

    func importProducts(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let contentType = (request.headers[.contentType] ?? "").split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let query = request.uri.queryParameters
        let source = query["source"].map(String.init) ?? "import"
        guard !source.isEmpty, !source.contains(":"), source.count <= 64 else {
            throw AppError(.badRequest, "source must be a short name without ':'")
        }
        var importer = importer
        if let currency = query["currency"].map(String.init) {
            guard currency.count == 3, currency.allSatisfy({ $0.isLetter && $0.isASCII }) else {
                throw AppError(.badRequest, "currency must be an ISO 4217 code")
            }
            importer.defaultCurrency = currency.uppercased()
        }
        let bytes = request.body.map { $0.readableBytesView }
        let report: ImportReport
        do {
            switch contentType {
            case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-seq":
                report = try await importer.importJSONLines(bytes, source: source, maximumBytes: maximumImportBytes)
            case "text/csv":
                let parameters = query.map { (String($0.key), String($0.value)) }
                let mapping = try CSVColumnMapping(parameters: parameters)
                report = try await importer.importCSV(bytes, mapping: mapping, source: source, maximumBytes: maximumImportBytes)
            default:
                throw AppError(.unsupportedMediaType,
                               "send application/x-ndjson (JSON Lines) or text/csv with a column mapping")
            }
        } catch let error as ImportTooLarge {
            metrics.record(error.report)
            throw AppError(.payloadTooLarge,
                           "import body over \(error.limit) bytes; \(error.report.imported) rows were imported before the limit")
        } catch let error as CatalogError {
            throw error.appError
        }
        metrics.record(report)
        context.logger.info("import finished", metadata: [
            "import.rows": "\(report.rowsRead)", "import.imported": "\(report.imported)", "import.skipped": "\(report.skipped)",
        ])
        return .json(report)
    }

    /// Runs a store call, mapping its domain errors to protocol errors.
    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CatalogError {
            throw error.appError
        } catch let error as SQLiteError {
            throw CatalogError.database(error).appError
        }
    }

    static let jsonContentType = "application/json; charset=utf-8"

    /// 415 unless the request says nothing of its content type or says JSON.
    static func requireJSON(contentType: String?) throws(AppError) {
        if let contentType, !contentType.lowercased().containsBytes(of: "json") {
            throw AppError(.unsupportedMediaType, "send application/json")
        }
    }

    /// What a body over `maximumJSONBody` gets.
    static let bodyTooLarge = AppError(.payloadTooLarge, "request body over \(maximumJSONBody) bytes")

    /// Reads and decodes a JSON body: 415 for another content type, 413 over the size limit,
    /// 400 for malformed JSON, 422 for JSON of the wrong shape.
    private func decode<T: Decodable>(_ type: T.Type, from request: Request, context: BasicRequestContext) async throws -> T {
        try Self.requireJSON(contentType: request.headers[.contentType])
        return try Self.decodeJSON(type, from: try await Self.collect(request).readableBytesView)
    }

    /// The whole body, 413 past `maximumJSONBody`.
    private static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximumJSONBody)
        } catch {
            throw bodyTooLarge
        }
    }

    /// A JSON body decoded: 400 for malformed JSON, 422 for JSON of the wrong shape.
    static func decodeJSON<T: Decodable>(_ type: T.Type, from body: ByteBufferView) throws -> T {
        // A body that reads itself is read by `JSONReader`; if that fails, `JSONDecoder` reads it
        // again to tell malformed JSON (400) from JSON of the wrong shape (422) and say where.
        if let readable = type as? any JSONReadable.Type,
           let decoded = try? JSONReader.decode(readable, from: body) as? T {  // `readable` is `T`
            return decoded
        }
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw AppError(.badRequest, "the body is not valid JSON")
        } catch let error as DecodingError {
            throw AppError(.unprocessable, "invalid request: \(Self.describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return "missing field \(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted(let context): return "invalid value at \(path(context))"
        @unknown default: return "invalid body"
        }
    }
}
