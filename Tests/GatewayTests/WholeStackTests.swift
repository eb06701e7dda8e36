import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import Orchestrator
import Shared
import StackTestSupport
import Testing
import TestSupport

/// A shopper's messages through every part of the stack, all of them real: a WebSocket to the
/// gateway, Redis, a worker pool running the conversation graph with the embedded engine, and the
/// catalog service over HTTP with its demo catalog. The other suites test each part against
/// stand-ins for its neighbours; this one tests that the parts speak to each other.
@Suite(.timeLimit(.minutes(2)))
struct WholeStackTests {
    @Test func aConversationRunsThroughEveryServiceAndBack() async throws {
        try await withRedisServer { redis in
            try await withCatalogService { catalogPort in
                try await Self.withWorkerPool(redis: redis, catalogPort: catalogPort) {
                    try await Harness.withGateway(Harness.configuration(redis: redis)) { gateway in
                        try await Self.converse(on: gateway)
                    }
                }
            }
        }
    }

    static func converse(on gateway: RunningGateway) async throws {
        let sessionID = try await TestSocket.connect(gateway.socketURL("user_id=shopper")) { socket in
            let sessionID = try #require(try await socket.next(type: .connected).connected).sessionID

            // A request: ack first, the steps in order, the spec, ranked results within it, one done.
            let search = try await turn("wireless headphones under 100 dollars", on: socket)
            #expect(search.first?.type == .ack)
            #expect(search.filter { $0.type == .done }.count == 1)
            #expect(search.last?.data == .done(DoneData(stage: .completed, durationMilliseconds: {
                if case .done(let done)? = search.last?.data { done.durationMilliseconds } else { -1 }
            }())))
            let steps = search.compactMap { if case .progress(let progress) = $0.data { progress.node } else { nil } }
            #expect(steps.first == "parse_input" && steps.contains("search_marketplaces") && steps.last == "done", "\(steps)")
            guard case .requirements(let requirements)? = search.first(where: { $0.type == .requirements })?.data,
                  case .results(let results)? = search.first(where: { $0.type == .results })?.data else {
                Issue.record("no requirements or results: \(search.map(\.type))")
                return sessionID
            }
            #expect(requirements.spec.category == "Headphones" && requirements.spec.budget.max == 100)
            #expect(results.products.count >= 2 && results.products.allSatisfy { $0.price <= 100 })
            #expect(results.summary.hasPrefix("Here are the top"), "\(results.summary)")
            let ids = search.compactMap(\.eventID)
            #expect(ids.count == search.count - 1 && ids == ids.sorted(), "every event but the ack has an id, in order")

            // A question about a product shown: answered in words, without results.
            let question = try await turn("tell me more about the second one", on: socket)
            #expect(!question.contains { $0.type == .results })
            let reply = question.compactMap { if case .token(let token) = $0.data { token.text } else { nil } }.joined()
            #expect(reply.hasPrefix("The \(results.products[1].title) costs"), "\(reply)")
            return sessionID
        }
        // The session, read over HTTP, still lists what the shopper saw.
        let request = HTTPClientRequest(url: "\(gateway.baseURL)/api/v1/sessions/\(sessionID)?user_id=shopper")
        let (status, body) = try await httpBody(request)
        #expect(status == 200)
        let session = try JSONCoding.decode(SessionState.self, from: body)
        #expect(session.turns == 2 && session.spec.category == "Headphones" && session.lastResults.count >= 2, "\(session)")
    }

    /// Sends a message and collects the turn's events, from its `ack` to its `done`.
    static func turn(_ text: String, on socket: TestSocket) async throws -> [ServerEvent] {
        socket.send(json: ["type": "message", "message": text])
        var events: [ServerEvent] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let event = try await socket.next(deadline - ContinuousClock.now)
            guard event.type != .ping, event.type != .notice else { continue }
            events.append(event)
            if event.type == .done { return events }
        }
        throw TurnDidNotEnd(text: text)
    }

    struct TurnDidNotEnd: Error, CustomStringConvertible {
        let text: String
        var description: String { "'\(text)' did not end within 30 s" }
    }

    /// A worker pool reading the gateway's turn partitions, for the duration of `body`.
    static func withWorkerPool(redis: RedisServer, catalogPort: Int,
                               _ body: @escaping @Sendable () async throws -> Void) async throws {
        let settings = WorkerSettings(concurrency: 4, partitions: Harness.configuration(redis: redis).turnPartitions,
                                      leaseDuration: .seconds(3), claimIdle: .seconds(4), readBlock: .milliseconds(100))
        var config = OrchestratorConfiguration(worker: settings, catalogURL: "http://127.0.0.1:\(catalogPort)",
                                               mediaURL: "http://127.0.0.1:1", serviceTimeout: .seconds(5))
        config.common.redis = redis.configuration
        var logger = Logger(label: "workers")
        logger.logLevel = .warning
        let client = RedisClient(configuration: redis.configuration)
        let pool = try makeWorkerPool(config, redis: client, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            try await body()
            group.cancelAll()
        }
        await client.close()
    }
}
