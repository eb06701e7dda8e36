import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Shared

/// The catalog service's search API (docs/openapi/catalog-service.yaml).
public struct CatalogClient: Sendable {
    public let http: ServiceHTTPClient

    public init(http: ServiceHTTPClient) {
        self.http = http
    }

    struct SearchRequest: Encodable, JSONWritable {
        var spec: RequirementSpec
        var limit: Int
        var excludeIDs: [String]

        enum CodingKeys: String, CodingKey {
            case spec, limit
            case excludeIDs = "exclude_ids"
        }

        func write(json writer: inout JSONWriter) {
            writer.raw("{\"spec\":")
            spec.write(json: &writer)
            writer.raw(",\"limit\":")
            writer.number(limit)
            if !excludeIDs.isEmpty {
                writer.raw(",\"exclude_ids\":")
                writer.strings(excludeIDs)
            }
            writer.raw("}")
        }
    }

    /// Searches every configured marketplace for the spec; hard constraints are the catalog's filters.
    /// - Parameter excluding: ids of products not to return (shown on earlier pages of the same
    ///   search), at most `SearchResults.maximumExcludedIDs`.
    public func search(_ spec: RequirementSpec, limit: Int, excluding: [String] = [],
                       requestID: String) async throws(ServiceCallError) -> SearchResults {
        // A search changes nothing: safe to retry even as a POST.
        try await http.json(.POST, "/v1/search", body: SearchRequest(spec: spec, limit: limit, excludeIDs: excluding),
                            as: SearchResults.self, isIdempotent: true, requestID: requestID)
    }

    /// One product as the catalog has it now (`GET /v1/products/{id}`); `nil` when it has none by
    /// that id (a marketplace's product, or one removed since it was shown).
    public func product(_ id: String, requestID: String) async throws(ServiceCallError) -> ProductResult? {
        let path = "/v1/products/" + (id.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentCharacters) ?? id)
        let response = try await http.send(.GET, path, requestID: requestID)
        if response.status == 404 { return nil }
        guard (200..<300).contains(response.status) else {
            throw .status(service: http.service, code: response.status,
                          body: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
        do { return try response.decode(ProductResult.self) } catch {
            throw .invalidResponse(service: http.service, reason: "\(error)")
        }
    }

    /// What a path segment may hold unescaped: `/`, `?` and `%` are escaped.
    private static let pathSegmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?%"))
}

/// The media service's transcription and image APIs (docs/openapi/media-service.yaml).
public struct MediaClient: Sendable {
    public let http: ServiceHTTPClient

    public init(http: ServiceHTTPClient) {
        self.http = http
    }

    /// The media service's image answer: the protocol's `image_attributes` fields and more.
    public struct ImageAnswer: Decodable, Sendable {
        public var colors: [NamedColor]
        public var attributes: [String: String]
        public var labels: [String]
        public var engine: String
    }

    /// - Throws: `AppError(.mediaInvalid)` when the service refuses the file (4xx), else `ServiceCallError`.
    public func transcribe(_ audio: [UInt8], mimeType: String, requestID: String) async throws -> TranscriptData {
        let response = try await http.send(.POST, "/v1/transcribe", body: audio, contentType: mimeType, isIdempotent: true,
                                           requestID: requestID)
        return try decode(TranscriptData.self, response)
    }

    /// - Throws: `AppError(.mediaInvalid)` when the service refuses the file (4xx), else `ServiceCallError`.
    public func imageAttributes(_ image: [UInt8], mimeType: String, requestID: String) async throws -> ImageAttributesData {
        let response = try await http.send(.POST, "/v1/image/attributes", body: image, contentType: mimeType,
                                           isIdempotent: true, requestID: requestID)
        let answer = try decode(ImageAnswer.self, response)
        return ImageAttributesData(colors: answer.colors, attributes: answer.attributes, labels: answer.labels,
                                   engine: answer.engine)
    }

    /// A 4xx means the media itself is bad (the user's problem, not the service's).
    private func decode<T: Decodable>(_ type: T.Type, _ response: ServiceResponse) throws -> T {
        if (400..<500).contains(response.status) {
            let reason = (try? response.decode(ErrorBody.self).error.message) ?? "the file could not be read"
            throw AppError(.mediaInvalid, "The attached file could not be used: \(reason)")
        }
        guard (200..<300).contains(response.status) else {
            throw ServiceCallError.status(service: http.service, code: response.status,
                                          body: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
        do { return try response.decode(type) } catch {
            throw ServiceCallError.invalidResponse(service: http.service, reason: "\(error)")
        }
    }
}

/// Media blobs the gateway stored in Redis (`media:{mid}`, 1 h).
public struct MediaStore: Sendable {
    public let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// The blob, or an `AppError(.mediaInvalid)` when it expired or never existed.
    public func blob(_ mediaID: String) async throws -> [UInt8] {
        guard let bytes = try await redis.send("GET", "media:{\(mediaID)}").bytes else {
            throw AppError(.mediaInvalid, "The attached file has expired; please send it again.")
        }
        return bytes
    }
}
