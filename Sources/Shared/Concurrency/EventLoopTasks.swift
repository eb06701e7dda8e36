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
///
/// A job enqueued from a loop's thread stays on that loop. It runs there as work of the generic
/// executor (any thread may run it), not of the loop's own serial executor, which is how NIO's
/// `NIOSingletons` takeover runs it. The difference is large: a task running "on the loop's
/// executor" that calls a nonisolated async function must hop to the generic executor, and the
/// runtime can only do that by enqueueing the job again, so NIO's takeover re-queued a worker's
/// turn about 120 times on its way through the graph (docs/performance.md, round 10). Run as
/// generic work, those calls continue in place.
/// - Returns: whether it was installed; if not (another hook is there, or the runtime lacks the
///   hook), tasks stay on the cooperative pool, which only costs thread hops.
@discardableResult
public func runTasksOnEventLoops() -> Bool {
    EventLoopGlobalExecutor.install()
}

/// Swift Concurrency's global-enqueue hook, pointed at NIO's singleton loops.
enum EventLoopGlobalExecutor {
    /// The runtime's default enqueue, which the hook is given and does not use.
    typealias DefaultEnqueue = @convention(thin) (UnownedJob) -> Void
    typealias Hook = @convention(thin) (UnownedJob, DefaultEnqueue) -> Void

    /// What a job runs on: the global concurrent executor as its task executor, so its serial
    /// executor is the generic one. Only the identity matters to the runtime; the thread is the loop's.
    static let taskExecutor = globalConcurrentExecutor.asUnownedTaskExecutor()

    /// Whether `install` put the hook in place in this process.
    static var isInstalled: Bool { installed.load(ordering: .acquiring) }
    private static let installed = Atomic<Bool>(false)

    static func install() -> Bool {
        // `swift_task_enqueueGlobal_hook` is a variable of the concurrency runtime: a function
        // pointer it calls, when set, instead of enqueueing on its own thread pool.
        guard let slot = loadedSymbol("swift_task_enqueueGlobal_hook")?
            .assumingMemoryBound(to: UnsafeRawPointer?.self), slot.pointee == nil else { return false }
        let hook: Hook = { job, _ in
            // The current loop when called from one of the group's threads, else the next one.
            MultiThreadedEventLoopGroup.singleton.any().execute {
                job.runSynchronously(on: EventLoopGlobalExecutor.taskExecutor)
            }
        }
        slot.pointee = unsafeBitCast(hook, to: UnsafeRawPointer.self)
        installed.store(true, ordering: .releasing)
        return true
    }
}

extension EventLoop {
    /// Moves the calling task onto this loop. With `runTasksOnEventLoops` installed, a task's
    /// jobs stay on the loop that resumed it, and its Redis and HTTP calls pick that loop's
    /// connections, so the rest of the task runs here. Without the hook it does nothing.
    public func adoptCallingTask() async {
        guard EventLoopGlobalExecutor.isInstalled else { return }  // tasks run on Swift's own pool
        // A loop that resumes the task before it has finished suspending leaves it where it was
        // (the runtime then carries on in place): such a task tries again.
        while !inEventLoop {
            await withUnsafeContinuation { (resumed: UnsafeContinuation<Void, Never>) in
                execute { resumed.resume() }
            }
        }
    }

    /// Runs `body` now when already on this loop, otherwise as soon as the loop gets to it.
    public func executeHere(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop { body() } else { execute(body) }
    }
}
