import Foundation
@testable import MediaService
import Testing

/// The WAV parser: chunks walked properly, strict validation, limits from the header.
@Suite(.timeLimit(.minutes(1)))
struct WAVFileTests {
    let second = [Int16](repeating: 100, count: 16_000)

    @Test func chunksBeforeTheDataAreSkipped() throws {
        var builder = WAVBuilder()
        builder.extraChunks = [("LIST", Array("INFOISFT\u{5}\0\0\0Lavf\0".utf8)), ("fact", [0, 0, 0, 1, 0])]
        let file = try WAVFile(bytes: builder.build(samples: second), maxDurationSeconds: 60)
        #expect(file.frameCount == 16_000)
        #expect(file.durationMilliseconds == 1000)
    }

    @Test func stereo48kIsDownMixedAndResampledTo16kMono() throws {
        var builder = WAVBuilder()
        builder.channels = 2
        builder.sampleRate = 48_000
        // Left and right differ; their mean is a constant 1000.
        var samples: [Int16] = []
        for _ in 0..<48_000 { samples += [1500, 500] }
        let file = try WAVFile(bytes: builder.build(samples: samples), maxDurationSeconds: 60)
        let mono = file.monoSamples16k()
        #expect(mono.count == 16_000)
        // Away from the edges a constant stays that constant.
        #expect(abs(Int(mono[8_000]) - 1000) <= 5)
    }

    @Test func eightKilohertzIsUpsampled() throws {
        var builder = WAVBuilder()
        builder.sampleRate = 8_000
        let file = try WAVFile(bytes: builder.build(samples: [Int16](repeating: 0, count: 8_000)), maxDurationSeconds: 60)
        #expect(file.monoSamples16k().count == 16_000)
    }

    @Test func extensiblePCMIsAccepted() throws {
        var builder = WAVBuilder()
        builder.formatTag = 0xFFFE
        var bytes = builder.build(samples: second)
        // Grow the fmt chunk to 40 bytes with a PCM sub-format GUID.
        let fmtExtension: [UInt8] = [22, 0, 16, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        bytes.replaceSubrange(16..<20, with: [40, 0, 0, 0])
        bytes.insert(contentsOf: fmtExtension, at: 36)
        let riffSize = UInt32(bytes.count - 8)
        bytes.replaceSubrange(4..<8, with: (0..<4).map { UInt8((riffSize >> (8 * $0)) & 0xFF) })
        let file = try WAVFile(bytes: bytes, maxDurationSeconds: 60)
        #expect(file.format.isPCM)
    }

    @Test func streamingWritersZeroSizeMeansTheRestOfTheFile() throws {
        var builder = WAVBuilder()
        builder.declaredDataSize = 0
        #expect(try WAVFile(bytes: builder.build(samples: second), maxDurationSeconds: 60).frameCount == 16_000)
    }

    @Test(arguments: [
        ("empty", [UInt8]()),
        ("wrong magic", Array("OggS\0\0\0\0WAVEfmt ".utf8)),
        ("truncated header", Array(WAVBuilder().build(samples: [1, 2, 3]).prefix(30))),
        ("no data chunk", Array(WAVBuilder().build(samples: [1, 2, 3]).prefix(44 - 8))),
    ])
    func brokenFilesAreInvalid(_ name: String, _ bytes: [UInt8]) {
        #expect(throws: AudioError.self, "\(name)") { try WAVFile(bytes: bytes, maxDurationSeconds: 60) }
        do {
            _ = try WAVFile(bytes: bytes, maxDurationSeconds: 60)
        } catch {
            guard case .invalid = error else { Issue.record("\(name): \(error) is not .invalid"); return }
        }
    }

    @Test func truncatedDataIsInvalid() {
        var builder = WAVBuilder()
        builder.declaredDataSize = 64_000
        #expect(throws: AudioError.invalid("the data chunk is truncated (32000 of 64000 bytes)")) {
            try WAVFile(bytes: builder.build(samples: second), maxDurationSeconds: 60)
        }
    }

    @Test(arguments: [
        ("8-bit", WAVBuilder(bitsPerSample: 8)),
        ("24-bit", WAVBuilder(bitsPerSample: 24)),
        ("float", WAVBuilder(formatTag: 3, bitsPerSample: 32)),
        ("mu-law", WAVBuilder(formatTag: 7, bitsPerSample: 8)),
        ("six channels", WAVBuilder(channels: 6)),
        ("96 kHz", WAVBuilder(sampleRate: 96_000)),
        ("4 kHz", WAVBuilder(sampleRate: 4_000)),
    ])
    func unsupportedFormatsAreRefused(_ name: String, _ builder: WAVBuilder) {
        do {
            _ = try WAVFile(bytes: builder.build(dataBytes: [UInt8](repeating: 0, count: 4_800)), maxDurationSeconds: 60)
            Issue.record("\(name) was accepted")
        } catch {
            guard case .unsupportedFormat = error else { Issue.record("\(name): \(error)"); return }
        }
    }

    @Test func durationOverTheLimitIsRefusedFromTheHeader() {
        // The header claims an hour; the file holds one second. Refused before any sample is read.
        var builder = WAVBuilder()
        builder.declaredDataSize = 16_000 * 2 * 3600
        var bytes = builder.build(samples: second)
        bytes += [UInt8](repeating: 0, count: 0)
        #expect(throws: AudioError.self) { try WAVFile(bytes: bytes, maxDurationSeconds: 60) }
        let long = WAVBuilder().build(samples: [Int16](repeating: 0, count: 16_000 * 5))
        #expect(throws: AudioError.tooLarge("the audio lasts 5 s; the limit is 2 s")) {
            try WAVFile(bytes: long, maxDurationSeconds: 2)
        }
    }
}

/// Spoken numbers become digits.
@Suite struct NumberWordsTests {
    @Test(arguments: [
        ("under two hundred dollars", "under 200 dollars"),
        ("one hundred and fifty bucks", "150 bucks"),
        ("one hundred fifty", "150"),
        ("a hundred dollars", "100 dollars"),
        ("fifteen hundred dollars", "1500 dollars"),
        ("two thousand five hundred", "2500"),
        ("between one thousand and one thousand five hundred dollars", "between 1000 and 1500 dollars"),
        ("size ten", "size 10"),
        ("twenty five", "25"),
        ("four and a half stars", "4 and a half stars"),
        ("one of those", "one of those"),
        ("a red one", "a red one"),
        ("ninety nine dollars", "99 dollars"),
        ("nine hundred ninety nine", "999"),
    ])
    func spokenNumbersBecomeDigits(_ spoken: String, _ expected: String) {
        let words = spoken.split(separator: " ").map(String.init)
        #expect(NumberWords.digitize(words).joined(separator: " ") == expected)
    }

    @Test func spokenFormsRoundTrip() {
        for number in [7, 15, 20, 42, 99, 100, 101, 150, 199, 200, 999, 1000, 1200, 1500, 2500, 99_999] {
            for form in NumberWords.spokenForms(of: number) {
                let words = form.split(separator: " ").map(String.init)
                #expect(NumberWords.digitize(words) == [String(number)], "\(form)")
            }
        }
    }
}
