// media-bench: speech-to-text figures for docs/performance.md.
//
//   swift build -c release --product media-bench && .build/release/media-bench [--decoders N] [--rounds R]
//
// Prints the real-time factor of one decoder on one core (decode time / audio time), how often the
// general model had to run, memory per decoder, and requests/s through the real HTTP API at 4
// concurrent clients. Needs flite (the recordings are synthesised) and the PocketSphinx model.
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import MediaService
import NIOCore
import NIOHTTP1
import Shared

let phrases = [
    "show me red running shoes under 100 dollars", "i am looking for a black leather jacket",
    "find me nike sneakers in size 10", "samsung phones under 500 dollars", "i need wireless headphones for the gym",
    "show me navy hoodies for women", "apple laptop between 1000 and 1500 dollars", "sony earbuds under 200 dollars",
    "purple yoga mat under 30 dollars", "gucci sunglasses under 250 dollars", "the weather is lovely this morning",
    "please call me back tomorrow afternoon",
]
let voices = ["slt", "rms", "awb", "kal16"]

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let parsed = Int(arguments[index + 1]) else { return value }
    return parsed
}

func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func synthesize(_ text: String, voice: String, into directory: String) throws -> [UInt8] {
    let path = "\(directory)/\(UUID().uuidString).wav"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["flite", "-voice", voice, "-t", text, "-o", path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw SpeechModelError(description: "flite failed") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

let decoderCount = option("--decoders", default: 2)
let rounds = option("--rounds", default: 3)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("media-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

let files = try SpeechModelBuilder.prepare(in: ".build/media-bench-model")
let recordings: [[UInt8]] = try phrases.enumerated().map { index, phrase in
    try synthesize(phrase, voice: voices[index % voices.count], into: directory)
}
let audios = try recordings.map { try WAVFile(bytes: $0, maxDurationSeconds: 60) }
let audioSeconds = Double(audios.map(\.durationMilliseconds).reduce(0, +)) / 1000

// Memory: resident size before and after loading the decoders.
let before = residentKilobytes()
let engine = try PocketSphinxEngine(files: files, decoderCount: decoderCount, fallbackConfidence: SpeechConfiguration().fallbackConfidence)
let after = residentKilobytes()
print("decoders: \(decoderCount), memory per decoder: \((after - before) / decoderCount / 1024) MiB (RSS \(before / 1024) → \(after / 1024) MiB)")

// Real-time factor on one core: one request at a time.
var decodeSeconds = 0.0
var fallbacks = 0
for _ in 0..<rounds {
    for audio in audios {
        let result = try await engine.transcribe(audio, deadline: .now + .seconds(60))
        decodeSeconds += Double(result.decodeMilliseconds) / 1000
        if result.passes != "domain" { fallbacks += 1 }
    }
}
let rtf = decodeSeconds / (audioSeconds * Double(rounds))
print(String(format: "real-time factor (one decoder, one core): %.3f over %.1f s of audio × %d rounds; general pass ran for %d of %d",
             rtf, audioSeconds, rounds, fallbacks, audios.count * rounds))

// Requests/s through the HTTP API with 4 concurrent clients.
let port = 18_000 + Int(ProcessInfo.processInfo.processIdentifier % 1000)
var config = MediaConfiguration(listen: .init(host: "127.0.0.1", port: port))
config.speech.decoderCount = decoderCount
var logger = Logger(label: "media-bench")
logger.logLevel = .warning
let app = try await buildApplication(config, speech: engine, logger: logger)
let requestsPerClient = rounds * recordings.count / 2
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await app.runService() }
    let client = HTTPClient.shared
    // Wait for the server to answer, up to 10 s.
    var isUp = false
    for _ in 0..<200 where !isUp {
        if let response = try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(1)),
           response.status == .ok { isUp = true } else { try await Task.sleep(for: .milliseconds(50)) }
    }
    guard isUp else { throw SpeechModelError(description: "the bench server did not start") }
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Int.self) { clients in
        for clientIndex in 0..<4 {
            clients.addTask {
                var failures = 0
                for request in 0..<requestsPerClient {
                    var httpRequest = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/transcribe")
                    httpRequest.method = .POST
                    httpRequest.headers.add(name: "Content-Type", value: "audio/wav")
                    httpRequest.body = .bytes(recordings[(clientIndex + request) % recordings.count])
                    let response = try await client.execute(httpRequest, timeout: .seconds(60))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    if response.status != .ok { failures += 1 }
                }
                return failures
            }
        }
        var failures = 0
        for try await count in clients { failures += count }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let total = 4 * requestsPerClient
        print(String(format: "HTTP, 4 concurrent clients, %d decoders: %d requests in %.2f s = %.2f requests/s (%d failed)",
                     decoderCount, total, seconds, Double(total) / seconds, failures))
    }
    group.cancelAll()
}
