import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MediaService
import NIOCore
import Shared
import Testing

/// Thousands of mutated images: every one gets a 200 or a clear 4xx, and the service keeps answering.
@Suite(.timeLimit(.minutes(4)))
struct ImageFuzzTests {
    typealias T = TestImages

    static func seeds() throws -> [(ImageFormat, [UInt8])] {
        let image = T.object(T.rgb(205, 30, 38), on: T.rgb(250, 250, 250), width: 48, height: 32)
        let stripes = T.stripes(T.rgb(30, 140, 60), T.rgb(250, 215, 40), period: 8, width: 32, height: 32)
        return [
            (.jpeg, try ImageEncoder.jpeg(image)),
            (.jpeg, T.withEXIFOrientation(try ImageEncoder.jpeg(stripes), 6)),
            (.png, try ImageEncoder.png(image)),
            (.png, try ImageEncoder.png(stripes)),
            (.webp, try ImageEncoder.webp(image)),
            (.webp, try ImageEncoder.webp(stripes, quality: nil)),
        ]
    }

    /// One mutation of `bytes`: flipped bits, overwritten runs, truncation, duplicated or removed
    /// spans, or "interesting" values (0, 0xFF, 0x7F…) in the first 64 bytes where headers live.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        let rounds = 1 + Int(random.next() % 4)
        for _ in 0..<rounds where !out.isEmpty {
            let at = Int(random.next() % UInt64(out.count))
            switch random.next() % 6 {
            case 0: out[at] ^= UInt8(1 << (random.next() % 8))
            case 1:
                for i in at..<min(out.count, at + 1 + Int(random.next() % 16)) { out[i] = UInt8(truncatingIfNeeded: random.next()) }
            case 2: out = Array(out.prefix(at))
            case 3:
                let end = min(out.count, at + 1 + Int(random.next() % 64))
                out.insert(contentsOf: out[at..<end], at: at)
            case 4:
                let end = min(out.count, at + 1 + Int(random.next() % 64))
                out.removeSubrange(at..<end)
            default:
                let header = Int(random.next() % UInt64(min(64, out.count)))
                out[header] = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE][Int(random.next() % 6)]
            }
        }
        return out
    }

    @Test func thousandsOfMutatedImagesNeverCrashTheAnalyser() async throws {
        // Small seeds and a low pixel limit keep each input cheap in a debug build; mutated headers
        // that declare more pixels get their 413.
        let analyzer = ImageAnalyzer(limits: ImageLimits(maxBytes: 1 << 20, maxPixels: 250_000))
        var random = SplitMix64(seed: 2026)
        var statuses: [Int: Int] = [:]
        for (format, seed) in try Self.seeds() {
            for _ in 0..<600 {
                let mutated = Self.mutate(seed, &random)
                do {
                    let answer = try await analyzer.analyse(ByteBuffer(bytes: mutated), contentType: format.mimeType)
                    #expect(answer.width > 0 && answer.height > 0)
                    statuses[200, default: 0] += 1
                } catch {
                    #expect([400, 413].contains(error.code.httpStatus), "\(error)")
                    statuses[error.code.httpStatus, default: 0] += 1
                }
            }
        }
        #expect(statuses.values.reduce(0, +) == 3600)
        // Both outcomes occur: the mutations reach the decoders, not only the signature check.
        #expect(statuses[200, default: 0] > 100)
        #expect(statuses[400, default: 0] > 100)
    }

    @Test func mutatedImagesOverHTTPGetAnswersAndTheServiceStaysUp() async throws {
        var config = MediaConfiguration(listen: .init(host: "127.0.0.1", port: 0))
        config.image.limits = ImageLimits(maxBytes: 1 << 20, maxPixels: 250_000)
        let app = try await buildApplication(config, speech: try await SharedSpeech.pocketSphinx())
        var random = SplitMix64(seed: 99)
        var inputs: [(ImageFormat, [UInt8])] = []
        for (format, seed) in try Self.seeds() {
            for _ in 0..<60 { inputs.append((format, Self.mutate(seed, &random))) }
        }
        let cases = inputs
        try await app.test(.live) { client in
            for (format, bytes) in cases {
                let status = try await client.execute(
                    uri: "/v1/image/attributes", method: .post, headers: [.contentType: format.mimeType],
                    body: ByteBuffer(bytes: bytes)) { $0.status.code }
                #expect([200, 400, 413].contains(status))
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
