import Shared
import StackTestSupport
import Testing
import TestSupport

/// The test support's servers: one that cannot start ends the test's body with the reason at
/// once (before, a taken port made the test wait 30 s for an answer that could not come).
@Suite(.timeLimit(.minutes(1)))
struct TestServerStartTests {
    @Test func aServerWhosePortIsTakenStopsTheBodyWithTheReason() async throws {
        let taken = try LoopbackPortReservation()
        defer { taken.release() }
        await #expect(throws: ServerStopped.self) {
            try await withCatalogService(port: taken.port) { port in
                Issue.record("a server answered on the taken port \(port)")
            }
        }
    }
}
