import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program of this package run as a real child process (a worker to SIGKILL in a test).
public final class ChildProcess: @unchecked Sendable {
    // Invariant: `process` is only mutated in init; Process itself is thread-safe for these calls.
    private let process = Process()

    /// Finds an executable built next to the test bundle (`.build/<config>/<name>`).
    public static func builtExecutable(_ name: String) -> URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle) }
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates += [argv0, argv0.deletingLastPathComponent(), argv0.deletingLastPathComponent().deletingLastPathComponent()]
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    public init(_ executable: URL, environment: [String: String]) throws {
        process.executableURL = executable
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    public var isRunning: Bool { process.isRunning }
    /// The exit status, once the process has exited.
    public var exitStatus: Int32 { process.terminationStatus }
    public var pid: Int32 { process.processIdentifier }

    /// SIGKILL: no graceful shutdown, no cleanup, as a crash.
    public func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Waits (off the cooperative pool) for the process to exit by itself.
    public func waitForExit() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                self.process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    deinit { kill() }
}
