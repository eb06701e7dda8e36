import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import ServiceLifecycle
import Shared
import Synchronization
import TestSupport
import WSClient

/// A gateway built by `buildApplication` and run in a `ServiceGroup` on a free loopback port.
struct RunningGateway: Sendable {
    let port: Int
    let group: ServiceGroup
    let metrics: MetricsRegistry

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func socketURL(_ query: String) -> String { "ws://127.0.0.1:\(port)/ws/chat?\(query)" }
}

enum Harness {
    static func configuration(redis: RedisServer, instance: String = "gw-test",
                              _ adjust: (inout GatewayConfiguration) -> Void = { _ in }) -> GatewayConfiguration {
        var config = GatewayConfiguration(
            common: CommonConfiguration(redis: redis.configuration, instanceID: instance),
            listen: ListenAddress(host: "127.0.0.1", port: 0))
        config.turnPartitions = 2
        adjust(&config)
        return config
    }

    /// Runs a gateway for the duration of `body`, then shuts it down gracefully.
    static func withGateway<T: Sendable>(
        _ config: GatewayConfiguration, _ body: @Sendable (RunningGateway) async throws -> T
    ) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let metrics = MetricsRegistry()
        var gatewayLogger = Logger(label: "gateway-test")
        gatewayLogger.logLevel = .warning
        let logger = gatewayLogger
        let app = try await buildApplication(config, metrics: metrics, logger: logger) { port in
            portContinuation.yield(port)
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let port = try await withDeadline(.seconds(10), "gateway start") {
                    var iterator = ports.makeAsyncIterator()
                    return await iterator.next() ?? 0
                }
                let result = try await body(RunningGateway(port: port, group: group, metrics: metrics))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// Frames received by a test socket, awaited one by one under a deadline.
final class FrameInbox: Sendable {
    private struct State {
        var frames: [String] = []
        var isFinished = false
        var waiter: (id: Int, continuation: CheckedContinuation<String?, Never>)?
        var nextID = 0
    }

    private let state = Mutex(State())

    func push(_ frame: String) {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter.continuation
            }
            state.frames.append(frame)
            return nil
        }
        waiter?.resume(returning: frame)
    }

    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            state.isFinished = true
            defer { state.waiter = nil }
            return state.waiter?.continuation
        }
        waiter?.resume(returning: nil)
    }

    /// The next frame, or `nil` once the socket closed (or the waiting task was cancelled).
    func next() async -> String? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let immediate = state.withLock { state -> String?? in
                    if !state.frames.isEmpty { return .some(state.frames.removeFirst()) }
                    if state.isFinished || Task.isCancelled { return .some(nil) }
                    state.waiter = (id, continuation)
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
                guard let waiter = state.waiter, waiter.id == id else { return nil }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume(returning: nil)
        }
    }
}

/// A frame a test sends.
enum OutgoingFrame: Sendable {
    case text(String)
    case binary([UInt8])
    /// One text message sent as several frames (a first frame, then continuations).
    case fragments([String])
    case close
}

struct FrameDeadline: Error, CustomStringConvertible {
    var type: EventType
    var description: String { "no \(type.rawValue) frame before the deadline" }
}

struct SocketClosed: Error, CustomStringConvertible {
    var description: String { "socket closed" }
}

/// A real WebSocket client (WSClient) driven by a test.
final class TestSocket: Sendable {
    let inbox = FrameInbox()
    let outgoing: AsyncStream<OutgoingFrame>
    private let continuation: AsyncStream<OutgoingFrame>.Continuation
    let closeFrame = Mutex<WebSocketCloseFrame?>(nil)

    init() {
        (outgoing, continuation) = AsyncStream.makeStream()
    }

    func send(_ text: String) { continuation.yield(.text(text)) }
    func send(json: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
        send(String(decoding: data, as: UTF8.self))
    }
    func sendBinary(_ bytes: [UInt8]) { continuation.yield(.binary(bytes)) }
    func sendFragments(_ parts: [String]) { continuation.yield(.fragments(parts)) }
    func close() { continuation.yield(.close) }
    func endOutgoing() { continuation.finish() }

    /// The next frame, decoded by the protocol's own decoder; throws when the socket closed or the
    /// deadline passed.
    func next(_ timeout: Duration = .seconds(5)) async throws -> ServerEvent {
        let inbox = self.inbox
        guard let text = try await withDeadline(timeout, "a frame", { await inbox.next() }) else { throw SocketClosed() }
        return try JSONCoding.decode(ServerEvent.self, from: Array(text.utf8))
    }

    /// The next frame of `type`, skipping others (pings, notices…).
    func next(type: EventType, _ timeout: Duration = .seconds(5)) async throws -> ServerEvent {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw FrameDeadline(type: type) }
            let event = try await next(remaining)
            if event.type == type { return event }
        }
    }

    /// Waits until the server closed the socket (every remaining frame is discarded).
    func waitForClose(_ timeout: Duration = .seconds(5)) async throws {
        let inbox = self.inbox
        try await withDeadline(timeout, "the socket to close") {
            for _ in 0..<100_000 { if await inbox.next() == nil { return } }
        }
    }

    /// The test clients' own loop: a client on the gateway's loops would take every other one of
    /// them, and every socket the gateway accepted would land on the same loop.
    static let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Connects, runs `body`, then closes the socket. Returns `body`'s result.
    static func connect<T: Sendable>(
        _ url: String, maxFrameSize: Int = 16 << 20, headers: HTTPFields = [:],
        _ body: @Sendable (TestSocket) async throws -> T
    ) async throws -> T {
        let socket = TestSocket()
        var socketLogger = Logger(label: "test-socket")
        socketLogger.logLevel = .warning
        let logger = socketLogger
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { socket.inbox.finish() }
                let close = try await WebSocketClient.connect(
                    url: url, configuration: .init(maxFrameSize: maxFrameSize, additionalHeaders: headers),
                    eventLoopGroup: clientGroup, logger: logger
                ) { inbound, outbound, _ in
                    try await withThrowingTaskGroup(of: Void.self) { io in
                        io.addTask {
                            for await frame in socket.outgoing {
                                switch frame {
                                case .text(let text): try await outbound.write(.text(text))
                                case .binary(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                                case .fragments(let parts):
                                    try await outbound.withTextMessageWriter { writer in
                                        for part in parts { try await writer(part) }
                                    }
                                case .close:
                                    try await outbound.close(.normalClosure, reason: nil)
                                    return
                                }
                            }
                        }
                        for try await message in inbound.messages(maxSize: maxFrameSize) {
                            if case .text(let text) = message { socket.inbox.push(text) }
                        }
                        // The inbox finishes once the close frame is recorded, below.
                        io.cancelAll()
                    }
                }
                socket.closeFrame.withLock { $0 = close }
                socket.inbox.finish()
            }
            do {
                let result = try await body(socket)
                socket.close()
                socket.endOutgoing()
                try await group.waitForAll()
                return result
            } catch {
                socket.close()
                socket.endOutgoing()
                group.cancelAll()
                throw error
            }
        }
    }
}

extension ServerEvent {
    var errorCode: ErrorCode? {
        if case .error(let error) = data { return error.code }
        return nil
    }

    var ack: AckData? {
        if case .ack(let ack) = data { return ack }
        return nil
    }

    var connected: ConnectedData? {
        if case .connected(let connected) = data { return connected }
        return nil
    }
}
