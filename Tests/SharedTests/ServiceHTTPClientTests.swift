import Hummingbird
import HummingbirdTesting
import Logging
import NIOHTTP1
import Shared
import Synchronization
import Testing
import TestSupport

/// The service HTTP client against a real local server whose routes fail on purpose.
@Suite(.timeLimit(.minutes(2)))
struct ServiceHTTPClientTests {
    /// Counts calls per route so tests can tell how many attempts were made.
    final class Calls: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func next(_ route: String) -> Int { counts.withLock { $0[route, default: 0] += 1; return $0[route]! } }
        func count(_ route: String) -> Int { counts.withLock { $0[route, default: 0] } }
    }

    func withFlakyServer(_ body: @escaping @Sendable (Int, Calls) async throws -> Void) async throws {
        let calls = Calls()
        let router = Router()
        router.get("/flaky") { _, _ -> Response in
            // Fails twice with 502, then answers.
            calls.next("flaky") <= 2 ? Response(status: .badGateway) : Response.json(["ok": true])
        }
        router.post("/create") { _, _ -> Response in
            _ = calls.next("create")
            return Response(status: .internalServerError)
        }
        router.post("/overloaded") { _, _ -> Response in
            calls.next("overloaded") == 1 ? Response(status: .serviceUnavailable) : Response.json(["ok": true])
        }
        router.get("/slow") { _, _ -> Response in
            _ = calls.next("slow")
            try await Task.sleep(for: .seconds(2))  // the behaviour under test: a server slower than the timeout
            return Response.json(["ok": true])
        }
        router.get("/missing") { _, _ -> Response in
            _ = calls.next("missing")
            return Response(status: .notFound)
        }
        router.get("/down") { _, _ -> Response in
            _ = calls.next("down")
            return Response(status: .internalServerError)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(try #require(client.port), calls)
        }
    }

    func client(_ port: Int, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(5)),
                breaker: CircuitBreakerPolicy = CircuitBreakerPolicy(), timeout: Duration = .seconds(20)) -> ServiceHTTPClient {
        // The per-attempt timeout is far above any answer's time, so that a busy machine (CI runs
        // the suites in parallel) cannot turn a slow answer into a retry the test did not expect.
        ServiceHTTPClient(service: "catalog-service", baseURL: "http://127.0.0.1:\(port)", timeout: timeout,
                          retry: retry, breaker: breaker, logger: Logger(label: "test"))
    }

    @Test func idempotentCallsAreRetriedUntilTheyWork() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            let response = try await client(port).send(.GET, "/flaky")
            #expect(response.status == 200)
            #expect(calls.count("flaky") == 3)
        }
    }

    @Test func nonIdempotentCallsAreNotRetriedAfterAServerError() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            let response = try await client(port).send(.POST, "/create", body: Array("{}".utf8))
            #expect(response.status == 500)
            #expect(calls.count("create") == 1)
        }
    }

    @Test func aServiceUnavailableAnswerIsSafeToRetryEvenForPost() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            let response = try await client(port).send(.POST, "/overloaded", body: Array("{}".utf8))
            #expect(response.status == 200)
            #expect(calls.count("overloaded") == 2)
        }
    }

    @Test func clientErrorsAreReturnedNotRetried() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            #expect(try await client(port).send(.GET, "/missing").status == 404)
            #expect(calls.count("missing") == 1)
            await #expect(throws: ServiceCallError.status(service: "catalog-service", code: 404, body: "")) {
                _ = try await client(port).json(.GET, "/missing", as: [String: Bool].self)
            }
        }
    }

    @Test func slowAnswersTimeOut() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            // The server answers 200 after 2 s; the timeout error shows the call stopped waiting.
            await #expect(throws: ServiceCallError.timeout(service: "catalog-service")) {
                _ = try await client(port, retry: .none, timeout: .milliseconds(200)).send(.GET, "/slow")
            }
            // Not retried. (On a loaded machine the 200 ms can pass before the handler counts the call.)
            #expect(calls.count("slow") <= 1)
        }
    }

    @Test func aCancelledCallStopsWaitingAtOnce() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            let call = Task { try await client(port, retry: .none, timeout: .seconds(30)).send(.GET, "/slow") }
            try await eventually { calls.count("slow") == 1 }
            call.cancel()
            // Without stopping at the cancellation, the call would wait for the server's answer
            // (200, after 2 s) and return it.
            await #expect(throws: ServiceCallError.unreachable(service: "catalog-service", reason: "cancelled")) {
                _ = try await call.value
            }
        }
    }

    @Test func theCircuitOpensAfterRepeatedFailuresAndFailsFast() async throws {
        try await withFlakyServer { (port: Int, calls: Calls) async throws in
            let flaky = client(port, retry: .none, breaker: CircuitBreakerPolicy(failureThreshold: 3, openDuration: .seconds(30)))
            for _ in 0..<3 { #expect(try await flaky.send(.GET, "/down").status == 500) }
            await #expect(throws: ServiceCallError.circuitOpen(service: "catalog-service")) {
                _ = try await flaky.send(.GET, "/down")
            }
            #expect(calls.count("down") == 3)  // the fourth call never reached the server
        }
    }

    @Test func aHalfOpenCircuitClosesAfterASuccessfulProbe() {
        let breaker = CircuitBreaker(policy: CircuitBreakerPolicy(failureThreshold: 2, openDuration: .seconds(1)))
        let start = ContinuousClock.now
        breaker.recordFailure(now: start)
        #expect(breaker.admit(now: start))
        breaker.recordFailure(now: start)
        #expect(!breaker.admit(now: start + .milliseconds(500)))
        #expect(breaker.admit(now: start + .seconds(2)))   // the probe
        #expect(!breaker.admit(now: start + .seconds(2)))  // only one probe at a time
        breaker.recordSuccess()
        #expect(breaker.phase == .closed)
        #expect(breaker.admit(now: start + .seconds(2)))
    }

    @Test func anUnreachableServiceIsRetriedThenReported() async throws {
        let reserved = try LoopbackPortReservation()  // nothing listens here, nor will while it is held
        let port = reserved.port
        defer { reserved.release() }
        let unreachable = client(port, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5)))
        do {
            _ = try await unreachable.send(.POST, "/search", body: Array("{}".utf8))
            Issue.record("expected a failure")
        } catch {
            guard case .unreachable = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.appError.code == .serviceUnavailable)
        }
    }

    /// A request the service refused as it was fails the same way again: an internal error, not
    /// a retryable outage ("the catalog service is unavailable" for a search it rejected).
    @Test func aRefusedRequestIsNoOutage() {
        let refused = ServiceCallError.status(service: "catalog-service", code: 422, body: "budget.min is above budget.max")
        #expect(refused.appError.code == .internal && !refused.appError.code.isRetryable)
        #expect(refused.appError.message == "The catalog service could not handle this request.")
        for code in [429, 408, 500, 503] {
            #expect(ServiceCallError.status(service: "catalog-service", code: code, body: "").appError.code == .serviceUnavailable)
        }
    }

    @Test func backoffGrowsAndStaysWithinItsCeiling() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300))
        for _ in 0..<50 {
            #expect((.milliseconds(50)...(.milliseconds(100))).contains(policy.delay(after: 1)))
            #expect((.milliseconds(100)...(.milliseconds(200))).contains(policy.delay(after: 2)))
            #expect((.milliseconds(150)...(.milliseconds(300))).contains(policy.delay(after: 6)))
        }
    }
}
