#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread has used so far, in nanoseconds: what a piece of work cost
/// the thread, without the time it spent preempted on busy cores.
public func threadCPUNanoseconds() -> Int {
    // `timespec`'s two fields (seconds, nanoseconds), read without naming them: which C module a
    // release build credits with `timespec` depends on what else the module imports, and member
    // import visibility then rejects `tv_sec` unless that module is imported here too.
    assert(MemoryLayout<timespec>.size == MemoryLayout<(Int, Int)>.size)
    var now = (0, 0)
    withUnsafeMutablePointer(to: &now) { pair in
        pair.withMemoryRebound(to: timespec.self, capacity: 1) { _ = clock_gettime(CLOCK_THREAD_CPUTIME_ID, $0) }
    }
    return now.0 * 1_000_000_000 + now.1
}

/// The address of a symbol some library the process has loaded exports (the Swift runtime's
/// variables, say), or nil.
func loadedSymbol(_ name: String) -> UnsafeMutableRawPointer? {
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
}
