import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MediaService
import Shared
import Testing

/// `POST /v1/image/attributes` through the real media-service application over live HTTP.
@Suite(.timeLimit(.minutes(2)))
struct ImageRouteTests {
    typealias T = TestImages

    static func config(limits: ImageLimits = ImageLimits()) -> MediaConfiguration {
        var config = MediaConfiguration(listen: .init(host: "127.0.0.1", port: 0))
        config.image.limits = limits
        return config
    }

    /// Runs `body` with a client of a live media-service.
    static func withService(
        limits: ImageLimits = ImageLimits(), _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        // The speech engine is shared with the speech tests: loaded once, not once per app.
        let app = try await buildApplication(config(limits: limits), speech: try await SharedSpeech.pocketSphinx())
        try await app.test(.live) { client in try await body(client) }
    }

    static func post(_ client: some TestClientProtocol, _ bytes: [UInt8], type: String?) async throws -> (HTTPResponse.Status, Data) {
        var headers = HTTPFields()
        if let type { headers[.contentType] = type }
        return try await client.execute(uri: "/v1/image/attributes", method: .post, headers: headers,
                                        body: ByteBuffer(bytes: bytes)) { ($0.status, Data($0.body.readableBytesView)) }
    }

    static func errorCode(_ data: Data) throws -> String {
        try JSONDecoder().decode(ErrorBody.self, from: data).error.code
    }

    @Test(arguments: ImageFormat.allCases)
    func answersWithColoursSizeFormatAndTimings(format: ImageFormat) async throws {
        let image = T.object(T.rgb(205, 30, 38), on: T.rgb(250, 250, 250), width: 400, height: 300)
        let bytes = switch format {
        case .jpeg: try ImageEncoder.jpeg(image)
        case .png: try ImageEncoder.png(image)
        case .webp: try ImageEncoder.webp(image)
        }
        try await Self.withService { client in
            let (status, data) = try await Self.post(client, bytes, type: format.mimeType)
            #expect(status == .ok)
            let answer = try JSONDecoder().decode(ImageAttributesResponse.self, from: data)
            #expect(answer.colors.first?.name == "red")
            #expect(answer.engine == "pixels")
            #expect(answer.labels.isEmpty)
            #expect(answer.width == 400 && answer.height == 300 && answer.format == format.rawValue)
            #expect(answer.timings.totalMS >= answer.timings.decodeMS)
            // The wire names are the protocol's, snake_case.
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let timings = try #require(object["timings"] as? [String: Any])
            #expect(Set(timings.keys) == ["decode_ms", "analyse_ms", "total_ms"])
            #expect(Set(object.keys) == ["colors", "attributes", "labels", "engine", "width", "height", "format", "timings"])
        }
    }

    @Test func unsupportedTypesAre415() async throws {
        let png = try ImageEncoder.png(T.object(T.rgb(1, 2, 3), on: T.rgb(200, 200, 200), width: 16, height: 16))
        try await Self.withService { client in
            for type in ["image/gif", "text/plain", "application/octet-stream", nil] as [String?] {
                let (status, data) = try await Self.post(client, png, type: type)
                #expect(status == .unsupportedMediaType, "\(type ?? "no type")")
                #expect(try Self.errorCode(data) == "unsupported_media_type")
            }
        }
    }

    @Test func corruptTruncatedAndMislabelledImagesAre400() async throws {
        let image = T.object(T.rgb(30, 140, 60), on: T.rgb(250, 250, 250), width: 300, height: 200)
        let jpeg = try ImageEncoder.jpeg(image), png = try ImageEncoder.png(image), webp = try ImageEncoder.webp(image)
        var garbledPNG = png
        for i in stride(from: 60, to: garbledPNG.count - 20, by: 7) { garbledPNG[i] ^= 0x5A }
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "image/png"),
            ("random bytes", (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, "image/jpeg"),
            ("jpeg declared as png", jpeg, "image/png"),
            ("png declared as webp", png, "image/webp"),
            ("truncated jpeg", Array(jpeg.prefix(jpeg.count / 2)), "image/jpeg"),
            ("jpeg header only", Array(jpeg.prefix(20)), "image/jpeg"),
            ("truncated png", Array(png.prefix(png.count / 2)), "image/png"),
            ("png signature only", Array(png.prefix(8)), "image/png"),
            ("garbled png", garbledPNG, "image/png"),
            ("truncated webp", Array(webp.prefix(webp.count / 2)), "image/webp"),
            ("webp header only", Array(webp.prefix(16)), "image/webp"),
        ]
        try await Self.withService { client in
            for (name, bytes, type) in cases {
                let (status, data) = try await Self.post(client, bytes, type: type)
                #expect(status == .badRequest, "\(name)")
                #expect(try Self.errorCode(data) == "media_invalid", "\(name)")
            }
        }
    }

    @Test func bombsAndOversizedBodiesAre413FromTheHeader() async throws {
        let limits = ImageLimits(maxBytes: 2 << 20, maxPixels: 4_000_000)
        // A real, valid PNG of 9 megapixels that compresses to a few kilobytes.
        let realBomb = try ImageEncoder.png(RGBAImage(width: 3000, height: 3000, fill: T.rgb(255, 255, 255)))
        #expect(realBomb.count < 200_000)
        let smallJPEG = try ImageEncoder.jpeg(T.object(T.rgb(205, 30, 38), on: T.rgb(250, 250, 250), width: 64, height: 64))
        let hugeWebP = try ImageEncoder.webp(RGBAImage(width: 2100, height: 2100, fill: T.rgb(10, 10, 10)), quality: 10)
        // The forged headers carry no decodable data: a 413 rather than a 400 shows the limit was
        // applied from the header, before any decoder ran.
        let cases: [(String, [UInt8], String)] = [
            ("png declaring 9 MP", realBomb, "image/png"),
            ("png header declaring 4e9 pixels", T.forgedPNGHeader(width: 65_535, height: 65_535), "image/png"),
            ("jpeg header declaring 65000 × 65000", T.withJPEGSize(smallJPEG, width: 65_000, height: 65_000), "image/jpeg"),
            ("webp of 4.4 MP", hugeWebP, "image/webp"),
            ("body over the byte limit", [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 3 << 20), "image/jpeg"),
        ]
        try await Self.withService(limits: limits) { client in
            for (name, bytes, type) in cases {
                let (status, data) = try await Self.post(client, bytes, type: type)
                #expect(status == .contentTooLarge, "\(name)")
                #expect(try Self.errorCode(data) == "payload_too_large", "\(name)")
            }
        }
    }
}
