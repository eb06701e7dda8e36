import Foundation
import Logging
@testable import MediaService
import Shared
import Synchronization
import Testing

/// The repository root, from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Whether the PocketSphinx model and the speech tools (flite, sphinx_lm_convert) are installed.
let speechToolsInstalled: Bool = {
    let fileManager = FileManager.default
    return fileManager.fileExists(atPath: SpeechModelBuilder.systemModelDirectory + "/en-us/mdef")
        && ["/usr/bin/flite", "/usr/bin/sphinx_lm_convert"].allSatisfy(fileManager.isExecutableFile(atPath:))
}()

/// One set of loaded decoders for the whole test run (loading them takes seconds).
enum SharedSpeech {
    /// The generated model goes under `.build`, like other build output.
    static let modelDirectory = repositoryRoot + "/.build/media-test-speech-model"

    private static let engine = Mutex<PocketSphinxEngine?>(nil)

    /// The first caller generates the model and loads the decoders; the others wait for it on
    /// their own threads (the lock is taken there), never on the cooperative pool.
    static func pocketSphinx() async throws -> PocketSphinxEngine {
        try await runOnDedicatedThread { () throws(any Error) -> PocketSphinxEngine in
            try engine.withLock { cached in
                if let cached { return cached }
                let files = try SpeechModelBuilder.prepare(in: modelDirectory)
                let made = try PocketSphinxEngine(files: files, decoderCount: 2,
                                                  fallbackConfidence: SpeechConfiguration().fallbackConfidence)
                cached = made
                return made
            }
        }
    }

    static func configuration(port: Int = 0, limits: MediaLimits = MediaLimits()) -> MediaConfiguration {
        var speech = SpeechConfiguration()
        speech.modelDirectory = modelDirectory
        return MediaConfiguration(listen: .init(host: "127.0.0.1", port: port), limits: limits, speech: speech)
    }
}

/// A temporary directory removed at the end of the scope.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("media-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Speaks `text` with a flite voice into a WAV file and returns its bytes.
func synthesize(_ text: String, voice: String, in directory: URL) async throws -> [UInt8] {
    try await runTool("/usr/bin/flite", ["-voice", voice, "-t", text], outputIn: directory, failure: "flite failed for voice \(voice)")
}

/// Speaks `text` with an espeak-ng voice (`en-us`, `en-gb-scotland`, …) into a WAV file and
/// returns its bytes.
func synthesizeWithESpeak(_ text: String, voice: String, in directory: URL) async throws -> [UInt8] {
    try await runTool(espeakPath, ["-v", voice, text], outputFlag: "-w", outputIn: directory,
                      failure: "espeak-ng failed for voice \(voice)")
}

/// espeak-ng's voices are far harder for the decoder than flite's: a stress case, measured apart.
let espeakPath = "/usr/bin/espeak-ng"
let espeakInstalled = FileManager.default.isExecutableFile(atPath: espeakPath)

/// Converts a WAV with sox (rate, channels), for resampling tests.
func soxConvert(_ bytes: [UInt8], rate: Int, channels: Int, in directory: URL) async throws -> [UInt8] {
    let input = directory.appendingPathComponent("\(UUID().uuidString).wav")
    try Data(bytes).write(to: input)
    return try await runTool("/usr/bin/sox", [input.path, "-r", "\(rate)", "-c", "\(channels)", "-b", "16"],
                             outputFlag: nil, outputIn: directory, failure: "sox failed")
}

/// Runs a tool that writes a WAV file (`outputFlag path`, or the path last when the flag is `nil`)
/// on a thread of its own, and returns the file's bytes.
private func runTool(_ executable: String, _ arguments: [String], outputFlag: String? = "-o", outputIn directory: URL,
                     failure: String) async throws -> [UInt8] {
    let output = directory.appendingPathComponent("\(UUID().uuidString).wav")
    return try await runOnDedicatedThread { () throws(any Error) -> [UInt8] in
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + (outputFlag.map { [$0] } ?? []) + [output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SpeechTestError(failure) }
        return Array(try Data(contentsOf: output))
    }
}

struct SpeechTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Builds WAV files byte by byte, with any chunks, for the parser and refusal tests.
struct WAVBuilder {
    var formatTag: UInt16 = 1
    var channels: UInt16 = 1
    var sampleRate: UInt32 = 16_000
    var bitsPerSample: UInt16 = 16
    var extraChunks: [(String, [UInt8])] = []
    /// Overrides the data chunk's declared size.
    var declaredDataSize: UInt32?

    func build(samples: [Int16]) -> [UInt8] {
        var data: [UInt8] = []
        for sample in samples { data += [UInt8(truncatingIfNeeded: sample), UInt8(truncatingIfNeeded: sample >> 8)] }
        return build(dataBytes: data)
    }

    func build(dataBytes: [UInt8]) -> [UInt8] {
        let blockAlign = channels * (bitsPerSample / 8)
        var fmt: [UInt8] = []
        fmt += le(formatTag) + le(channels) + le(sampleRate) + le(sampleRate * UInt32(blockAlign)) + le(blockAlign) + le(bitsPerSample)
        var body: [UInt8] = Array("WAVE".utf8)
        body += chunk("fmt ", fmt)
        for (id, bytes) in extraChunks { body += chunk(id, bytes) }
        body += Array("data".utf8) + le(declaredDataSize ?? UInt32(dataBytes.count)) + dataBytes
        return Array("RIFF".utf8) + le(UInt32(body.count)) + body
    }

    private func chunk(_ id: String, _ bytes: [UInt8]) -> [UInt8] {
        Array(id.utf8) + le(UInt32(bytes.count)) + bytes + (bytes.count % 2 == 1 ? [0] : [])
    }

    private func le(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}

/// Deterministic white noise.
func noiseSamples(count: Int, amplitude: Double, seed: UInt64) -> [Int16] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in Int16((Double(random.next() % 20_001) / 10_000 - 1) * amplitude) }
}
