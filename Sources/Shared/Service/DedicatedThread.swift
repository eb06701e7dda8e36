import Foundation

/// Runs blocking work (a child process, seconds of model loading) on a thread of its own and
/// awaits its result.
///
/// Swift's cooperative pool has one thread per core (two here): a task that blocks one of them
/// stalls every other task of the process, and two blocked ones stall it whole. Work that may block
/// for long goes through here instead; short CPU work for requests uses the `NIOThreadPool`s.
/// - Throws: what `body` throws.
public func runOnDedicatedThread<T: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> T
) async throws(Failure) -> T {
    let result: Result<T, Failure> = await withCheckedContinuation { continuation in
        let thread = Thread {
            continuation.resume(returning: Result { () throws(Failure) -> T in try body() })
        }
        thread.name = "blocking-work"
        thread.start()
    }
    return try result.get()
}
