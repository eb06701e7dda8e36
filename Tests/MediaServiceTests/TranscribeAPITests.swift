import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MediaService
import Shared
import Testing

/// `POST /v1/transcribe` through the real HTTP server and real decoders: bad uploads get the right
/// status and the JSON error body, never a crash.
@Suite(.timeLimit(.minutes(5)), .enabled(if: speechToolsInstalled, "needs sphinxbase-utils and pocketsphinx-en-us (make deps)"))
struct TranscribeAPITests {
    func withLiveService(limits: MediaLimits = MediaLimits(),
                         _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(SharedSpeech.configuration(limits: limits), speech: try await SharedSpeech.pocketSphinx())
        try await app.test(.live, body)
    }

    func post(_ client: some TestClientProtocol, _ bytes: [UInt8], type: String = "audio/wav") async throws -> (HTTPResponse.Status, String?, TranscribeAnswer?) {
        try await client.execute(uri: "/v1/transcribe", method: .post, headers: [.contentType: type], body: ByteBuffer(bytes: bytes)) { response in
            let data = Data(response.body.readableBytesView)
            if response.status == .ok { return (response.status, nil, try JSONDecoder().decode(TranscribeAnswer.self, from: data)) }
            let error = try JSONDecoder().decode(ErrorBody.self, from: data)
            return (response.status, error.error.code, nil)
        }
    }

    @Test func refusalsHaveTheRightStatusAndCode() async throws {
        let valid = WAVBuilder().build(samples: [Int16](repeating: 0, count: 1_600))
        try await withLiveService(limits: MediaLimits(audioMaxBytes: 200_000, audioMaxSeconds: 3)) { client in
            let cases: [(String, [UInt8], String, HTTPResponse.Status, String)] = [
                ("0-byte file", [], "audio/wav", .badRequest, "media_invalid"),
                ("truncated header", Array(valid.prefix(30)), "audio/wav", .badRequest, "media_invalid"),
                ("wrong magic bytes", Array("ID3\u{3}".utf8) + valid.dropFirst(4), "audio/wav", .badRequest, "media_invalid"),
                ("PNG declared as WAV", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + valid, "audio/x-wav", .badRequest, "media_invalid"),
                ("8-bit samples", WAVBuilder(bitsPerSample: 8).build(dataBytes: [UInt8](repeating: 128, count: 1_000)), "audio/wav", .unsupportedMediaType, "unsupported_media_type"),
                ("float samples", WAVBuilder(formatTag: 3, bitsPerSample: 32).build(dataBytes: [UInt8](repeating: 0, count: 1_000)), "audio/wav", .unsupportedMediaType, "unsupported_media_type"),
                ("mp3 type", valid, "audio/mpeg", .unsupportedMediaType, "unsupported_media_type"),
                ("no type", valid, "", .unsupportedMediaType, "unsupported_media_type"),
                ("over-long file", WAVBuilder().build(samples: [Int16](repeating: 0, count: 16_000 * 4)), "audio/wav", .contentTooLarge, "payload_too_large"),
                ("header claims an hour", WAVBuilder(declaredDataSize: 16_000 * 2 * 3600).build(samples: [0, 0]), "audio/wav", .contentTooLarge, "payload_too_large"),
                ("truncated data", WAVBuilder(declaredDataSize: 32_000).build(samples: [0, 0]), "audio/wav", .badRequest, "media_invalid"),
                ("too many bytes", [UInt8](repeating: 0, count: 300_000), "audio/wav", .contentTooLarge, "payload_too_large"),
            ]
            for (name, bytes, type, status, code) in cases {
                let (gotStatus, gotCode, _) = try await post(client, bytes, type: type)
                #expect(gotStatus == status, "\(name)")
                #expect(gotCode == code, "\(name)")
            }
            // Still serving after all that.
            let (status, _, answer) = try await post(client, valid)
            #expect(status == .ok)
            #expect(answer?.engine == "pocketsphinx")
        }
    }

    @Test func silenceGivesAnEmptyTranscript() async throws {
        try await withLiveService { client in
            let silence = WAVBuilder().build(samples: [Int16](repeating: 0, count: 16_000 * 2))
            let (status, _, answer) = try await post(client, silence)
            #expect(status == .ok)
            #expect(answer?.text == "")
            #expect(answer?.confidence == 0)
            #expect(answer?.durationMs == 2000)
        }
    }

    @Test func noiseIsAnsweredWithoutAShoppingRequest() async throws {
        try await withLiveService { client in
            let noise = WAVBuilder().build(samples: noiseSamples(count: 16_000 * 2, amplitude: 3000, seed: 7))
            let (status, _, answer) = try await post(client, noise)
            #expect(status == .ok)
            let words = (answer?.text ?? "").split(separator: " ").map(String.init)
            let shopping = words.filter(SpeechAccuracyTests.isContentWord)
            print("noise transcript: \"\(answer?.text ?? "")\" confidence \(answer?.confidence ?? -1)")
            #expect(shopping.count <= 1, "noise became \(shopping)")
        }
    }

    @Test func resampledStereoSpeechIsTranscribed() async throws {
        try await withTemporaryDirectory { directory in
            let original = try await synthesize("show me red running shoes", voice: "slt", in: directory)
            let stereo44k = try await soxConvert(original, rate: 44_100, channels: 2, in: directory)
            let narrow = try await synthesize("show me red running shoes", voice: "kal", in: directory)  // 8 kHz voice
            try await withLiveService { client in
                for (name, bytes) in [("44.1 kHz stereo", stereo44k), ("8 kHz", narrow)] {
                    let (status, _, answer) = try await post(client, bytes)
                    #expect(status == .ok, "\(name)")
                    #expect(answer?.text == "show me red running shoes", "\(name)")
                }
            }
        }
    }

    @Test func readyReportsTheLoadedEngine() async throws {
        try await withLiveService { client in
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("pocketsphinx, 2 decoders"))
            }
        }
    }
}
