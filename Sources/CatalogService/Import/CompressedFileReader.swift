import CZlib

/// Reads a file in chunks through zlib, which inflates `.gz` files and passes plain files through
/// unchanged, so `.jsonl` and `.jsonl.gz` take the same path. Blocking: run it off the event loop.
final class CompressedFileReader {
    private let file: gzFile
    private var buffer: [UInt8]

    init(path: String, chunkSize: Int = 256 << 10) throws(CatalogError) {
        guard let file = gzopen(path, "rb") else { throw CatalogError.unreadableFile(path) }
        self.file = file
        gzbuffer(file, 256 << 10)
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { gzclose(file) }

    /// Calls `body` with each chunk until the end of the file.
    func forEachChunk(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        while true {
            let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw CatalogError.corruptFile(message)
            }
            if count == 0 { return }
            try body(buffer[0..<Int(count)])
        }
    }
}
