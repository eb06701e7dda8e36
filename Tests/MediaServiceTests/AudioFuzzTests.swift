import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MediaService
import Shared
import Testing

/// Thousands of mutated WAV files through the real HTTP API and decoders: every answer is 200 or a
/// JSON error with a 4xx status, and the service keeps serving.
@Suite(.timeLimit(.minutes(8)), .enabled(if: speechToolsInstalled, "needs flite, sphinxbase-utils and pocketsphinx-en-us (make deps)"))
struct AudioFuzzTests {
    static let inputCount = 2_000

    @Test func mutatedWAVsNeverCrashTheService() async throws {
        let base = try await withTemporaryDirectory { directory in
            try await synthesize("red", voice: "slt", in: directory)
        }
        let app = try await buildApplication(SharedSpeech.configuration(limits: MediaLimits(audioMaxBytes: 1 << 20, audioMaxSeconds: 5)),
                                             speech: try await SharedSpeech.pocketSphinx())
        try await app.test(.live) { client in
            var statuses: [Int: Int] = [:]
            var random = SplitMix64(seed: 0xF022)
            var inputs: [[UInt8]] = []
            for _ in 0..<Self.inputCount { inputs.append(Self.mutate(base, random: &random)) }
            // Four clients at a time, as in production.
            try await withThrowingTaskGroup(of: Int.self) { group in
                var next = 0
                func submit() {
                    let input = inputs[next]
                    next += 1
                    group.addTask {
                        try await client.execute(uri: "/v1/transcribe", method: .post, headers: [.contentType: "audio/wav"],
                                                 body: ByteBuffer(bytes: input)) { response in
                            let status = Int(response.status.code)
                            if status != 200 {
                                let body = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                                #expect(body != nil, "status \(status) without the JSON error body")
                            }
                            return status
                        }
                    }
                }
                for _ in 0..<4 { submit() }
                while let status = try await group.next() {
                    statuses[status, default: 0] += 1
                    if next < inputs.count { submit() }
                }
            }
            print("audio fuzz: \(Self.inputCount) inputs → statuses \(statuses.sorted { $0.key < $1.key })")
            #expect(statuses.keys.allSatisfy { [200, 400, 413, 415].contains($0) })
            #expect(statuses.values.reduce(0, +) == Self.inputCount)
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    /// One mutation: header bytes flipped, sizes rewritten, truncation, junk, a lying chunk, or sample noise.
    static func mutate(_ base: [UInt8], random: inout SplitMix64) -> [UInt8] {
        var bytes = base
        // Weighted towards the structure (what the parser must survive); about one input in ten
        // stays a valid recording and goes through the decoders.
        switch random.next() % 20 {
        case 0...5:  // flip a few bytes of the RIFF/fmt/data headers (byte rate excluded: it is informational)
            let structural = Array(0..<28) + Array(32..<44)
            for _ in 0..<(1 + Int(random.next() % 4)) {
                bytes[structural[Int(random.next() % UInt64(structural.count))]] = UInt8(truncatingIfNeeded: random.next())
            }
        case 6...9:  // rewrite a size field with an extreme value
            let field = [4, 16, 40][Int(random.next() % 3)]
            let value: UInt32 = [0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32(truncatingIfNeeded: random.next())][Int(random.next() % 5)]
            for index in 0..<4 { bytes[field + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
        case 10...13:  // truncate anywhere
            bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        case 14...16:  // random junk of random length
            bytes = (0..<Int(random.next() % 512)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case 17, 18:  // an extra chunk with a lying size before the data
            let junk: [UInt8] = Array("JUNK".utf8) + [UInt8(random.next() % 256), UInt8(random.next() % 256), 0, 0]
            bytes.insert(contentsOf: junk, at: 36)
        default:  // noise over part of the samples
            for _ in 0..<200 {
                let index = 44 + Int(random.next() % UInt64(max(1, bytes.count - 44)))
                if index < bytes.count { bytes[index] = UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return bytes
    }
}
