import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Directories made by `makeTemporaryDirectory`, removed when the test process exits.
private let directoriesToRemove = Mutex<[String]>([])

/// Registers the exit hook once, the first time a directory is made.
private let removalAtExit: Void = {
    atexit {
        for path in directoriesToRemove.withLock({ $0 }) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}()

/// Makes a fresh directory under the system's temporary directory, named `prefix-<uuid>`, and
/// removes it (with what a test wrote there) when the test process exits. Exit, not the end of the
/// test, because some stores stay open for a whole run (a catalog imported once and shared by
/// many tests); a process that crashes leaves its directories behind.
public func makeTemporaryDirectory(_ prefix: String) throws -> URL {
    _ = removalAtExit
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    directoriesToRemove.withLock { $0.append(directory.path) }
    return directory
}
