#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread has used so far, in nanoseconds: what a piece of work cost
/// the thread, without the time it spent preempted on busy cores.
public func threadCPUNanoseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
}
