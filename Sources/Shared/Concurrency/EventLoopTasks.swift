import NIOCore
import NIOPosix
import Synchronization

/// Runs `operation` in a task of its own, cancels it when `timeout` passes (or when the calling
/// task is cancelled), and waits for it to stop.
///
/// The deadline is a timer on a NIO event loop: arming and disarming it is a heap insert and
/// removal on a loop that is running anyway. Racing a `Task.sleep` child in a task group instead
/// costs a child task and a Dispatch timer every time, and the Dispatch manager thread's wake-ups
/// alone were 5% of a worker's CPU.
/// - Throws: `timeoutError` when the deadline passed first (whatever `operation` ended with);
///   otherwise what `operation` throws.
public func withTimeout<T: Sendable>(
    _ timeout: Duration, throwing timeoutError: @autoclosure () -> any Error,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let task = Task(operation: operation)
    let expired = Flag()
    let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(timeout)) {
        expired.set()
        task.cancel()
    }
    let result = await withTaskCancellationHandler { await task.result } onCancel: { task.cancel() }
    timer.cancel()
    if expired.isSet { throw timeoutError() }
    return try result.get()
}

/// Calls `action` every `period` on a NIO event loop until the returned handle is cancelled or
/// `action` returns `false`; the next call is timed from the end of the previous one.
public func repeatEvery(_ period: Duration, _ action: @escaping @Sendable () async -> Bool) -> RepeatingTimer {
    let loop = MultiThreadedEventLoopGroup.singleton.any()
    let delay = TimeAmount(period)
    return RepeatingTimer(task: loop.scheduleRepeatedAsyncTask(initialDelay: delay, delay: delay) { repeated in
        let promise = loop.makePromise(of: Void.self)
        promise.completeWithTask {
            if await !action() { repeated.cancel() }
        }
        return promise.futureResult
    })
}

/// The handle of `repeatEvery`.
public struct RepeatingTimer: Sendable {
    let task: RepeatedTask

    /// Stops the calls; one already running finishes.
    public func cancel() { task.cancel() }
}

/// A flag set once, read from any thread.
public final class Flag: Sendable {
    private let value = Atomic<Bool>(false)

    public init() {}

    public func set() { value.store(true, ordering: .releasing) }
    public var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Makes NIO's singleton event loops Swift Concurrency's global executor, for a process whose
/// tasks mostly wait on sockets those loops own. Call it first thing in `main`, before any task
/// starts; nothing a task runs may then block for long, as it would stall that loop's sockets.
/// - Returns: whether it was installed; if not, tasks stay on the cooperative pool, which only
///   costs thread hops.
@discardableResult
public func runTasksOnEventLoops() -> Bool {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

extension EventLoop {
    /// Runs `body` now when already on this loop, otherwise as soon as the loop gets to it.
    public func executeHere(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop { body() } else { execute(body) }
    }
}
