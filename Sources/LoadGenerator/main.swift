// loadgen: a closed-loop load generator for the whole stack. Each simulated user holds one
// WebSocket and sends its next turn when the previous one is `done`. It reports turns/s, the
// latency of ack / first progress / results / done, and the server CPU spent per turn summed
// over the stack's processes (from /proc/PID/stat over the measurement window), with their
// context switches per turn (from /proc/PID/task/*/status: each one a thread going to sleep or
// being preempted, the main cost of a turn's hops between threads).
//
//   loadgen [--url ws://127.0.0.1:8080/ws/chat] [--users 10] [--duration 20] [--warmup 3]
//           [--processes gateway,orchestrator,catalog-service,redis-server]
import BenchSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var url = "ws://127.0.0.1:8080/ws/chat"
    var users = 10
    var duration = 20.0
    var warmup = 3.0
    var processes = ["gateway", "orchestrator", "catalog-service", "media-service", "redis-server"]

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var index = 0
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--url": options.url = value
            case "--users": options.users = Int(value) ?? options.users
            case "--duration": options.duration = Double(value) ?? options.duration
            case "--warmup": options.warmup = Double(value) ?? options.warmup
            case "--processes": options.processes = value.split(separator: ",").map(String.init)
            default: return nil
            }
            index += 2
        }
        return index == arguments.count ? options : nil
    }
}

/// Shopping requests that name a category and a budget, so a turn searches without asking back.
let requests = [
    "gaming laptop under $1000 with 16GB RAM",
    "noise cancelling headphones under 300 dollars",
    "black running shoes size 10 under $120",
    "65 inch 4K TV between 500 and 1500",
    "espresso machine under $400",
    "cordless vacuum for pet hair under 500",
    "red hoodie size XL under 60",
    "27 inch monitor 144Hz under $350",
]

/// Latencies of finished turns, in milliseconds, and the window's turn count.
final class Recorder: Sendable {
    struct Samples {
        var ack: [Double] = []
        var progress: [Double] = []
        var results: [Double] = []
        var done: [Double] = []
        var turns = 0
        var failed = 0
        /// Users the gateway refused outside a turn, by error code (`rate_limited`…).
        var stopped: [String: Int] = [:]
    }

    let samples = Mutex(Samples())
    let windowStart: ContinuousClock.Instant
    let windowEnd: ContinuousClock.Instant

    init(windowStart: ContinuousClock.Instant, windowEnd: ContinuousClock.Instant) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    func record(sent: ContinuousClock.Instant, ack: Duration?, progress: Duration?, results: Duration?, done: Duration,
                failed: Bool) {
        let finished = sent + done
        guard sent >= windowStart, finished <= windowEnd else { return }
        func ms(_ duration: Duration) -> Double { Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000 }
        samples.withLock { samples in
            samples.turns += 1
            if failed { samples.failed += 1 }
            if let ack { samples.ack.append(ms(ack)) }
            if let progress { samples.progress.append(ms(progress)) }
            if let results { samples.results.append(ms(results)) }
            samples.done.append(ms(done))
        }
    }
}

extension Recorder {
    /// A user the gateway refused with `code` outside a turn; it sends no more.
    func stopped(code: String) {
        samples.withLock { $0.stopped[code, default: 0] += 1 }
    }
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// What the stack's processes spent so far: CPU (utime + stime) and context switches.
struct Usage {
    var cpuMilliseconds = 0.0
    /// Voluntary and involuntary, summed over the process's threads alive now.
    var contextSwitches = 0.0

    static func - (lhs: Usage, rhs: Usage) -> Usage {
        Usage(cpuMilliseconds: lhs.cpuMilliseconds - rhs.cpuMilliseconds,
              contextSwitches: lhs.contextSwitches - rhs.contextSwitches)
    }
}

/// The usage of every process whose name is in `names`, by name.
func usage(of names: [String]) -> [String: Usage] {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    var perName: [String: Usage] = [:]
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    for entry in entries where Int(entry) != nil {
        guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
        let name = String(stat[stat.index(after: open)..<close])
        guard names.contains(where: { name == $0 || (name.count == 15 && $0.hasPrefix(name)) }) else { continue }
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
        perName[name, default: Usage()].cpuMilliseconds += (user + system) / ticks * 1000
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(entry)/task")) ?? []
        for thread in threads {
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/task/\(thread)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where line.contains("ctxt_switches:") {
                perName[name, default: Usage()].contextSwitches += Double(line.split(separator: "\t").last ?? "") ?? 0
            }
        }
    }
    return perName
}

/// One user: a socket, one turn at a time until the window ends. It lives on its socket's event
/// loop: a frame's arrival is handled right there (the next turn is written from the `done`), so
/// the generator spends little CPU per turn and leaves the cores to the stack it measures.
final class LoadUser: @unchecked Sendable {  // every field is touched only on the channel's event loop
    private let index: Int
    private let recorder: Recorder
    private let stopAt: ContinuousClock.Instant
    private var channel: (any Channel)?
    private var turn = 0
    private var sent = ContinuousClock.now
    private var ack: Duration?, progress: Duration?, results: Duration?
    private var failed = false

    init(index: Int, recorder: Recorder, stopAt: ContinuousClock.Instant) {
        self.index = index
        self.recorder = recorder
        self.stopAt = stopAt
    }

    /// Sends the first turn; on the channel's loop.
    func start(on channel: any Channel) {
        self.channel = channel
        send()
    }

    private func send() {
        let text = requests[(index + turn) % requests.count]
        turn += 1
        (ack, progress, results, failed) = (nil, nil, nil, false)
        sent = .now
        channel?.writeAndFlush(RawWebSocketHandler.frame(
            text: #"{"type":"message","message":"\#(text)","client_message_id":"l\#(index)-\#(turn)"}"#), promise: nil)
    }

    private func stop() {
        channel?.close(promise: nil)
    }

    private static let turnIDKey = Array(#""turn_id""#.utf8)
    private static let codeKey = Array(#""code":""#.utf8)

    /// One text frame from the gateway; on the channel's loop.
    func received(_ payload: ByteBuffer) {
        // The type is enough to time the turn; no need to decode the whole event.
        guard let type = RawWebSocketHandler.eventType(of: payload) else { return }
        let elapsed = ContinuousClock.now - sent
        switch type {
        case "ack": ack = ack ?? elapsed
        case "progress": progress = progress ?? elapsed
        case "results": results = results ?? elapsed
        case "error":
            failed = true
            // An error outside a turn (rate_limited, busy) ends no turn: stop this user rather
            // than wait for a done that will not come.
            if RawWebSocketHandler.firstIndex(of: Self.turnIDKey, in: payload) == nil {
                recorder.record(sent: sent, ack: ack, progress: progress, results: results, done: elapsed, failed: true)
                recorder.stopped(code: RawWebSocketHandler.stringValue(after: Self.codeKey, in: payload) ?? "unknown")
                stop()
            }
        case "done":
            recorder.record(sent: sent, ack: ack, progress: progress, results: results, done: elapsed, failed: failed)
            if ContinuousClock.now >= stopAt { return stop() }
            send()
        default: break
        }
    }
}

/// Runs one user until the window ends or its socket closes.
func runUser(_ index: Int, target: Target, recorder: Recorder, stopAt: ContinuousClock.Instant) async {
    let user = LoadUser(index: index, recorder: recorder, stopAt: stopAt)
    do {
        let (channel, _) = try await openRawWebSocket(
            group: MultiThreadedEventLoopGroup.singleton, host: target.host, port: target.port,
            path: target.path(userID: "load-\(index)"), source: nil
        ) { payload in user.received(payload) }
        channel.eventLoop.execute { user.start(on: channel) }
        try await channel.closeFuture.get()
    } catch {
        FileHandle.standardError.write(Data("user \(index) failed: \(error)\n".utf8))
    }
}

/// The gateway's WebSocket address, from `--url`.
struct Target {
    var host: String
    var port: Int
    var path: String

    init?(url: String) {
        guard let parts = URLComponents(string: url), parts.scheme == "ws", let host = parts.host, !host.isEmpty else {
            return nil
        }
        self.host = host
        port = parts.port ?? 80
        path = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    func path(userID: String) -> String { path + (path.contains("?") ? "&" : "?") + "user_id=" + userID }
}

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())), let target = Target(url: options.url) else {
    print("usage: loadgen [--url ws://HOST:PORT/PATH] [--users N] [--duration S] [--warmup S] [--processes a,b,c]")
    exit(2)
}
// The generator shares the cores with the stack it measures, and one event loop drives 200 users:
// that costs it about a quarter less CPU per turn than a loop per core, CPU left to the stack
// (docs/performance.md, round 14). NIO_SINGLETON_GROUP_LOOP_COUNT still decides when it is set.
if ProcessInfo.processInfo.environment["NIO_SINGLETON_GROUP_LOOP_COUNT"] == nil {
    NIOSingletons.groupLoopCountSuggestion = 1
}
let start = ContinuousClock.now
let windowStart = start + .milliseconds(Int64(options.warmup * 1000))
let windowEnd = windowStart + .milliseconds(Int64(options.duration * 1000))
let recorder = Recorder(windowStart: windowStart, windowEnd: windowEnd)

/// This process's name in /proc (its own CPU is reported apart from the stack's).
let generatorName = "loadgen"
let measured = Mutex<[String: Usage]>([:])
await withTaskGroup(of: Void.self) { group in
    for index in 0..<options.users {
        group.addTask { await runUser(index, target: target, recorder: recorder, stopAt: windowEnd) }
    }
    group.addTask {
        try? await Task.sleep(until: windowStart)  // the measurement window itself
        let before = usage(of: options.processes + [generatorName])
        try? await Task.sleep(until: windowEnd)
        let after = usage(of: options.processes + [generatorName])
        let window = after.reduce(into: [String: Usage]()) { $0[$1.key] = $1.value - (before[$1.key] ?? Usage()) }
        measured.withLock { $0 = window }
    }
}

let samples = recorder.samples.withLock { $0 }
var perProcess = measured.withLock { $0 }
let generator = perProcess.removeValue(forKey: generatorName)
let cpu = perProcess.values.reduce(0) { $0 + $1.cpuMilliseconds }
let seconds = options.duration
print("users \(options.users), window \(seconds) s (after \(options.warmup) s warm-up)")
print(String(format: "turns %d (%d failed), %.1f turns/s", samples.turns, samples.failed, Double(samples.turns) / seconds))
for (code, users) in samples.stopped.sorted(by: { $0.key < $1.key }) {
    print("\(users) of \(options.users) users stopped: the gateway answered \(code) outside a turn")
}
if samples.stopped["rate_limited"] != nil {
    print("  the gateway's rate limits stop a closed-loop user within seconds; for a load test, lift them as")
    print("  docs/performance.md does (GATEWAY_MESSAGE_RATE=100000 GATEWAY_USER_MESSAGE_RATE=100000 …)")
}
for (name, values) in [("ack", samples.ack), ("first progress", samples.progress), ("results", samples.results), ("done", samples.done)] {
    print(String(format: "%-15@ p50 %8.2f ms   p99 %8.2f ms   (n=%d)", name as NSString, percentile(values, 0.5), percentile(values, 0.99), values.count))
}
print(String(format: "server CPU %.0f ms in the window = %.3f ms per turn", cpu, samples.turns > 0 ? cpu / Double(samples.turns) : .nan))
let turns = Double(samples.turns)
for (name, value) in perProcess.sorted(by: { $0.key < $1.key }) {
    print(String(format: "  %-16@ %8.0f ms  %.3f ms/turn  %6.1f context switches/turn", name as NSString,
                 value.cpuMilliseconds, value.cpuMilliseconds / turns, value.contextSwitches / turns))
}
if let generator {
    // Not server CPU, but it shares the cores with the stack: what it takes, the stack cannot use.
    print(String(format: "load generator (not counted above) %.0f ms = %.3f ms/turn", generator.cpuMilliseconds,
                 generator.cpuMilliseconds / turns))
}
