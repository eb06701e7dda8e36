// media-image-bench: image-attribute latency (in process) and throughput (over HTTP, 4 clients)
// for a 12-megapixel JPEG and a 1-megapixel PNG. Build and run in release mode:
//   swift build -c release --product media-image-bench && .build/release/media-image-bench
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import MediaService
import NIOCore
import NIOHTTP1
import Shared
import TestSupport

/// A product photo: a light backdrop with a gradient and sensor-like noise, a red product in the middle.
func photo(width: Int, height: Int) -> RGBAImage {
    var state: UInt64 = 7
    var pixels = [UInt8](repeating: 255, count: width * height * 4)
    let cx = width / 2, cy = height / 2, rx = width / 4, ry = height / 3
    for y in 0..<height {
        let base = 236 - 10 * y / height
        for x in 0..<width {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Int(state >> 61) - 3
            let dx = Double(x - cx) / Double(rx), dy = Double(y - cy) / Double(ry)
            let inside = dx * dx + dy * dy <= 1
            let (r, g, b) = inside ? (196, 28, 36) : (base, base, base + 2)
            let i = (y * width + x) * 4
            pixels[i] = UInt8(clamping: r + noise)
            pixels[i + 1] = UInt8(clamping: g + noise)
            pixels[i + 2] = UInt8(clamping: b + noise)
        }
    }
    return RGBAImage(width: width, height: height, pixels: pixels)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func format(_ v: Double) -> String { String(format: "%.1f", v) }

/// CPU time this process has used (user + system), in milliseconds: on a shared machine it says
/// what a request costs independently of how long it waited for a core.
func cpuMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return ms(usage.ru_utime) + ms(usage.ru_stime)
}

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 200 : 200
let httpRequests = arguments.count > 2 ? Int(arguments[2]) ?? 400 : 400

print("preparing images…")
let jpeg12 = try ImageEncoder.jpeg(photo(width: 4000, height: 3000), quality: 90)
let png1 = try ImageEncoder.png(photo(width: 1000, height: 1000))
let inputs: [(String, [UInt8], String)] = [
    ("12 MP JPEG (4000×3000, \(jpeg12.count / 1024) KiB)", jpeg12, "image/jpeg"),
    ("1 MP PNG (1000×1000, \(png1.count / 1024) KiB)", png1, "image/png"),
]

// 1. Latency in process: one request at a time through ImageAnalyzer (decode + pixel analysis).
let analyzer = ImageAnalyzer()
print("\nin-process latency, \(iterations) sequential requests each (after 10 warm-up):")
for (name, bytes, type) in inputs {
    let buffer = ByteBuffer(bytes: bytes)
    for _ in 0..<10 { _ = try await analyzer.analyse(buffer, contentType: type) }
    var totals: [Double] = [], decodes: [Double] = [], analyses: [Double] = []
    let cpuBefore = cpuMilliseconds()
    for _ in 0..<iterations {
        let started = ContinuousClock.now
        let answer = try await analyzer.analyse(buffer, contentType: type)
        totals.append(milliseconds(ContinuousClock.now - started))
        decodes.append(answer.timings.decodeMS)
        analyses.append(answer.timings.analyseMS)
    }
    let cpuPerRequest = (cpuMilliseconds() - cpuBefore) / Double(iterations)
    totals.sort(); decodes.sort(); analyses.sort()
    print("  \(name): total p50 \(format(percentile(totals, 0.5))) ms, p99 \(format(percentile(totals, 0.99))) ms"
          + " (decode p50 \(format(percentile(decodes, 0.5))) ms, analyse p50 \(format(percentile(analyses, 0.5))) ms);"
          + " CPU \(format(cpuPerRequest)) ms per request")
}

// 2. Throughput over HTTP: the real media-service application, 4 concurrent clients.
let port = try freeLoopbackPort()
let config = MediaConfiguration(listen: .init(host: "127.0.0.1", port: port))
var quiet = Logger(label: "bench")
quiet.logLevel = .critical  // cancelling the server at the end logs errors that mean nothing here
let app = try await buildApplication(config, logger: quiet)
let client = HTTPClient.shared
let clients = 4
print("\nHTTP POST /v1/image/attributes, \(clients) concurrent clients, \(httpRequests) requests each input:")
try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await app.runService() }
    // Wait for the listener: a bounded number of health probes.
    var isUp = false
    for _ in 0..<200 where !isUp {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
        if let response = try? await client.execute(request, timeout: .seconds(1)), response.status == .ok {
            isUp = true
        } else {
            try await Task.sleep(for: .milliseconds(25))  // retry pacing for start-up, bounded by the loop
        }
    }
    guard isUp else { throw AppError(.unavailable, "media-service did not start") }
    for (name, bytes, type) in inputs {
        let started = ContinuousClock.now
        let cpuBefore = cpuMilliseconds()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { workers in
            for worker in 0..<clients {
                workers.addTask {
                    var mine: [Double] = []
                    for _ in stride(from: worker, to: httpRequests, by: clients) {
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/image/attributes")
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: type)
                        request.body = .bytes(ByteBuffer(bytes: bytes))
                        let sent = ContinuousClock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        guard response.status == .ok else { throw AppError(.internal, "HTTP \(response.status.code)") }
                        mine.append(milliseconds(ContinuousClock.now - sent))
                    }
                    return mine
                }
            }
            var all: [Double] = []
            for try await part in workers { all += part }
            return all.sorted()
        }
        let seconds = milliseconds(ContinuousClock.now - started) / 1000
        let cpuPerRequest = (cpuMilliseconds() - cpuBefore) / Double(latencies.count)
        print("  \(name): \(format(Double(latencies.count) / seconds)) requests/s;"
              + " latency p50 \(format(percentile(latencies, 0.5))) ms, p99 \(format(percentile(latencies, 0.99))) ms;"
              + " CPU \(format(cpuPerRequest)) ms per request (server and client)")
    }
    group.cancelAll()
}
print("\nmachine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average at the end: "
      + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"))
