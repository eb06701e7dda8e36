import BenchSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// `gateway-bench`: load for a running gateway on loopback (start it with `scripts/bench-gateway.sh`).
///   gateway-bench idle --port P --pid PID --connections N [--sources K] [--hold S]
///   gateway-bench connect --port P --connections N [--concurrency C]
///   gateway-bench ack --port P --clients C --messages M [--interval-ms I]
/// Every loop is bounded by its counts; all traffic stays on 127.0.0.0/8.
struct BenchOptions {
    var mode = "idle"
    var port = 8080
    var pid: Int32 = 0
    var connections = 1000
    var sources = 1
    var hold = 5
    var concurrency = 64
    var clients = 200
    var messages = 50
    /// ack mode: pause between a client's messages (0: send the next as soon as the ack arrives).
    var intervalMilliseconds = 0

    init(_ arguments: [String]) throws {
        guard let first = arguments.first else { throw BenchFailure.usage }
        mode = first
        var index = 1
        while index + 1 < arguments.count {
            let value = arguments[index + 1]
            func int() throws -> Int {
                guard let parsed = Int(value), parsed >= 0 else { throw BenchFailure.bad(arguments[index], value) }
                return parsed
            }
            switch arguments[index] {
            case "--port": port = try int()
            case "--pid": pid = Int32(try int())
            case "--connections": connections = try int()
            case "--sources": sources = max(1, min(250, try int()))
            case "--hold": hold = try int()
            case "--concurrency": concurrency = max(1, try int())
            case "--clients": clients = max(1, try int())
            case "--messages": messages = max(1, try int())
            case "--interval-ms": intervalMilliseconds = try int()
            default: throw BenchFailure.bad(arguments[index], value)
            }
            index += 2
        }
    }
}

enum BenchFailure: Error, CustomStringConvertible {
    case usage
    case bad(String, String)
    var description: String {
        switch self {
        case .usage: "usage: gateway-bench idle|connect|ack --port P [--pid PID --connections N --sources K --hold S | --concurrency C | --clients C --messages M]"
        case .bad(let flag, let value): "bad option \(flag) \(value)"
        }
    }
}

func residentKilobytes(of pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

func source(_ index: Int, of sources: Int) -> String? {
    sources <= 1 ? nil : "127.0.0.\(2 + index % sources)"
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let options: BenchOptions
do {
    options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
/// When a client's message left, set and read on its socket's event loop only.
final class AckClock: @unchecked Sendable {
    var sent: ContinuousClock.Instant?
}

/// Shared counters of the concurrent bench tasks.
final class Tally: Sendable {
    let next = Atomic<Int>(0)
    let failures = Atomic<Int>(0)
    let latencies = Mutex<[Double]>([])
}

let group = MultiThreadedEventLoopGroup.singleton
let host = "127.0.0.1"

switch options.mode {
case "idle":
    let before = residentKilobytes(of: options.pid)
    var channels: [(any Channel, RawWebSocketHandler)] = []
    let started = ContinuousClock.now
    var failures = 0
    for batch in stride(from: 0, to: options.connections, by: 500) {
        let opened = await withTaskGroup(of: (any Channel, RawWebSocketHandler)?.self) { tasks in
            for index in batch..<min(options.connections, batch + 500) {
                tasks.addTask {
                    try? await openRawWebSocket(group: group, host: host, port: options.port,
                                          path: "/ws/chat?user_id=idle-\(index)", source: source(index, of: options.sources))
                }
            }
            var result: [(any Channel, RawWebSocketHandler)?] = []
            for await item in tasks { result.append(item) }
            return result
        }
        failures += opened.filter { $0 == nil }.count
        channels += opened.compactMap { $0 }
        if failures > 100 { break }
    }
    let setup = ContinuousClock.now - started
    print("open: \(channels.count) connections (\(failures) failed) in \(setup)")
    try? await Task.sleep(for: .seconds(options.hold))  // hold them idle while heartbeats run
    let pings = channels.reduce(0) { $0 + $1.1.pings.load(ordering: .relaxed) }
    let alive = channels.filter { $0.0.isActive }.count
    let after = residentKilobytes(of: options.pid)
    print("held: \(alive) alive after \(options.hold) s; pings answered: \(pings)")
    if let before, let after, !channels.isEmpty {
        print("gateway RSS: \(before) KB before, \(after) KB after; \(String(format: "%.1f", Double(after - before) / Double(channels.count))) KB per connection")
    }
    for (channel, _) in channels { try? await channel.close().get() }

case "connect":
    let tally = Tally()
    let connections = options.connections
    let port = options.port
    let started = ContinuousClock.now
    await withTaskGroup(of: Void.self) { tasks in
        for worker in 0..<options.concurrency {
            tasks.addTask {
                while true {
                    let index = tally.next.add(1, ordering: .relaxed).newValue
                    guard index <= connections else { return }
                    do {
                        let (channel, _) = try await openRawWebSocket(group: group, host: host, port: port,
                                                                path: "/ws/chat?user_id=conn-\(worker)", source: nil)
                        try await channel.close().get()
                    } catch {
                        tally.failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("connect: \(options.connections) upgrades (\(tally.failures.load(ordering: .relaxed)) failed) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", Double(options.connections) / seconds)) connections/s at concurrency \(options.concurrency)")

case "ack":
    let tally = Tally()
    let port = options.port
    let messages = options.messages
    let interval = Duration.milliseconds(options.intervalMilliseconds)
    let started = ContinuousClock.now
    await withTaskGroup(of: Void.self) { tasks in
        for client in 0..<options.clients {
            tasks.addTask {
                let (acks, ackContinuation) = AsyncStream.makeStream(of: Void.self)
                // Both ends of a message's latency are taken on the socket's event loop: the
                // write and the ack's arrival. The bench's own task wake-ups (pacing, the next
                // send) then stay out of the figure, which is the gateway's round trip.
                let clock = AckClock()
                do {
                    let (channel, _) = try await openRawWebSocket(
                        group: group, host: host, port: port, path: "/ws/chat?user_id=ack-\(client)", source: nil
                    ) { payload in
                        guard RawWebSocketHandler.eventType(of: payload) == "ack", let sent = clock.sent else { return }
                        let elapsed = ContinuousClock.now - sent
                        tally.latencies.withLock {
                            $0.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                        }
                        ackContinuation.yield()
                    }
                    var iterator = acks.makeAsyncIterator()
                    // Open loop: clients start at evenly spread phases of the interval, so the
                    // messages arrive spread over time (about clients ÷ interval per second)
                    // rather than in waves of every client at once.
                    if interval > .zero { try await Task.sleep(for: interval * client / options.clients) }
                    for message in 0..<messages {
                        // Pacing for an open-loop load: the bench's own send rate, not a synchronisation.
                        if interval > .zero { try await Task.sleep(for: interval) }
                        let frame = RawWebSocketHandler.frame(
                            text: #"{"type":"message","message":"bench \#(message)","client_message_id":"b-\#(message)"}"#)
                        channel.eventLoop.execute {
                            clock.sent = ContinuousClock.now
                            channel.writeAndFlush(frame, promise: nil)
                        }
                        guard await iterator.next() != nil else { break }
                    }
                    try await channel.close().get()
                } catch {
                    tally.failures.add(1, ordering: .relaxed)
                }
            }
        }
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let sorted = tally.latencies.withLock { $0 }.sorted()
    print("ack: \(sorted.count) acks from \(options.clients) clients (\(tally.failures.load(ordering: .relaxed)) failed) in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", Double(sorted.count) / seconds)) msg/s)")
    print(String(format: "ack latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f", percentile(sorted, 0.5),
                 percentile(sorted, 0.9), percentile(sorted, 0.99), sorted.last ?? 0))

default:
    FileHandle.standardError.write(Data("\(BenchFailure.usage)\n".utf8))
    exit(2)
}
