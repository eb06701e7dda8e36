import Foundation
import Shared
import Logging

/// What an import did: rows read, imported (inserted or replaced), skipped and why.
public struct ImportReport: Sendable, Codable, Equatable {
    /// One skipped row, for the first few skips.
    public struct Skip: Sendable, Codable, Equatable {
        public var file: String?
        public var line: Int
        public var reason: String
    }

    public var files: [String] = []
    public var rowsRead = 0
    public var imported = 0
    /// Of `imported`, how many replaced a product with the same `(source, id)`.
    public var replaced = 0
    public var skipped = 0
    public var skippedByReason: [String: Int] = [:]
    public var examples: [Skip] = []
    public var seconds = 0.0
    public var rowsPerSecond = 0.0

    static let maximumExamples = 20

    public init() {}

    mutating func skip(file: String?, line: Int, reason: String) {
        skipped += 1
        skippedByReason[reason, default: 0] += 1
        if examples.count < Self.maximumExamples { examples.append(Skip(file: file, line: line, reason: reason)) }
    }

    mutating func add(_ result: CatalogStore.BatchResult) {
        imported += result.inserted + result.updated
        replaced += result.updated
    }

    mutating func finish(startedAt start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rowsPerSecond = seconds > 0 ? (Double(rowsRead) / seconds).rounded() : 0
    }

    enum CodingKeys: String, CodingKey {
        case files
        case rowsRead = "rows_read"
        case imported, replaced, skipped
        case skippedByReason = "skipped_by_reason"
        case examples, seconds
        case rowsPerSecond = "rows_per_second"
    }
}

/// Loads products into the store from JSON Lines files (plain or gzip), directories of them, and
/// streamed request bodies (JSON Lines or mapped CSV). Memory stays constant: rows are parsed and
/// written in batches of `batchSize`, never collected whole.
public struct CatalogImporter: Sendable {
    public let store: CatalogStore
    public var batchSize: Int
    public var defaultCurrency: String

    public init(store: CatalogStore, batchSize: Int = 2_000, defaultCurrency: String = "USD") {
        self.store = store
        self.batchSize = batchSize
        self.defaultCurrency = defaultCurrency
    }

    /// The `.jsonl`/`.jsonl.gz` files at these paths (directories expanded, sorted by name).
    public static func expand(_ paths: [String]) throws(CatalogError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(path)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".jsonl.gz") }.sorted()
                    .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Imports files and directories. Two threads share the work: one reads and parses the files
    /// into batches, the store's writer thread writes them, each in one transaction; at most
    /// `queuedBatches` wait between them, so memory stays bounded.
    public func importFiles(_ paths: [String]) async throws -> ImportReport {
        let files = try Self.expand(paths)
        let start = ContinuousClock.now
        let batchSize = batchSize, defaultCurrency = defaultCurrency
        let queue = BatchQueue(capacity: Self.queuedBatches)
        async let parsed = runOnDedicatedThread { () throws -> ImportReport in
            defer { queue.close() }  // the writer then finishes what is queued and stops
            var report = ImportReport()
            for file in files {
                report.files.append(file)
                let name = URL(fileURLWithPath: file).lastPathComponent
                let defaultSource = name.replacingOccurrences(of: ".jsonl.gz", with: "")
                    .replacingOccurrences(of: ".jsonl", with: "").replacingOccurrences(of: "_products", with: "")
                let reader = try CompressedFileReader(path: file)
                var batcher = ImportBatcher(size: batchSize, file: name, report: report)
                var lines = JSONLinesReader(defaultSource: defaultSource, defaultCurrency: defaultCurrency)
                try reader.forEachChunk { chunk in
                    lines.feed(chunk, into: &batcher)
                    if let records = batcher.takeBatch(), !queue.push(records) { throw CancellationError() }
                }
                lines.finish(into: &batcher)
                if let records = batcher.takeBatch(isFinal: true), !queue.push(records) { throw CancellationError() }
                report = batcher.report
            }
            return report
        }
        let written: [CatalogStore.BatchResult]
        do {
            written = try await store.withWriter { db in
                defer { queue.close() }  // a failed write stops the reader at its next batch
                // Categories written so far; dropped with everything else when a batch throws.
                var categories: [String: CatalogStore.KnownCategory] = [:]
                var results: [CatalogStore.BatchResult] = []
                while let records = queue.pop() {
                    results.append(try CatalogStore.write(records, to: db, categories: &categories))
                }
                return results
            }
        } catch {
            _ = try? await parsed
            throw error
        }
        var report = try await parsed
        for result in written { report.add(result) }
        report.finish(startedAt: start)
        return report
    }

    /// Batches parsed and waiting for the writer during a file import.
    static let queuedBatches = 2

    /// Imports a streamed JSON Lines body.
    public func importJSONLines<Body: AsyncSequence>(
        _ body: Body, source: String, maximumBytes: Int
    ) async throws -> ImportReport where Body.Element: Collection, Body.Element.Element == UInt8 {
        var lines = JSONLinesReader(defaultSource: source, defaultCurrency: defaultCurrency)
        return try await importStream(body, maximumBytes: maximumBytes) { chunk, batcher in
            if let chunk { lines.feed(chunk, into: &batcher) } else { lines.finish(into: &batcher) }
        }
    }

    /// Imports a streamed CSV body whose first record is the header; `mapping` names the columns.
    public func importCSV<Body: AsyncSequence>(
        _ body: Body, mapping: CSVColumnMapping, source: String, maximumBytes: Int
    ) async throws -> ImportReport where Body.Element: Collection, Body.Element.Element == UInt8 {
        var parser = CSVRecordParser()
        var recordNumber = 0
        var indexes: [String: Int]?
        let defaultCurrency = defaultCurrency
        func handle(_ fields: [String]?, _ batcher: inout ImportBatcher) throws(CatalogError) {
            recordNumber += 1
            guard let columns = indexes else {
                // The header: an overlong one is not a row, so it is not counted.
                if let fields { indexes = try mapping.resolve(header: fields) }
                return
            }
            guard let fields else { return batcher.skip(line: recordNumber, reason: "record too long") }
            batcher.add(line: recordNumber) { () throws(RowRejection) in
                try ProductRecordParser.record(from: mapping.fields(of: fields, indexes: columns),
                                               defaultSource: source, defaultCurrency: defaultCurrency)
            }
        }
        let report = try await importStream(body, maximumBytes: maximumBytes) { chunk, batcher in
            var mappingError: CatalogError?
            func emit(_ fields: [String]?) {
                guard mappingError == nil else { return }
                do throws(CatalogError) { try handle(fields, &batcher) } catch { mappingError = error }
            }
            if let chunk { parser.feed(chunk, emit) } else { parser.finish(emit) }
            if let mappingError { throw mappingError }
        }
        guard indexes != nil else { throw CatalogError.invalidMapping("the CSV has no header row") }
        return report
    }

    /// The loop both streamed imports share: feeds each chunk to `parse` (then `nil` at the end),
    /// which adds rows to the batcher; each full batch is written in one transaction, so memory
    /// stays bounded and rows become searchable batch by batch.
    private func importStream<Body: AsyncSequence>(
        _ body: Body, maximumBytes: Int,
        parse: (Body.Element?, inout ImportBatcher) throws -> Void
    ) async throws -> ImportReport where Body.Element: Collection, Body.Element.Element == UInt8 {
        let start = ContinuousClock.now
        var batcher = ImportBatcher(size: batchSize, file: nil, report: ImportReport())
        var bytesRead = 0
        for try await chunk in body {
            bytesRead += chunk.count
            guard bytesRead <= maximumBytes else { throw ImportTooLarge(report: batcher.report, limit: maximumBytes) }
            try parse(chunk, &batcher)
            if let records = batcher.takeBatch() { batcher.report.add(try await store.write(records)) }
        }
        try parse(nil, &batcher)
        if let records = batcher.takeBatch(isFinal: true) { batcher.report.add(try await store.write(records)) }
        batcher.report.finish(startedAt: start)
        return batcher.report
    }
}

/// Collects parsed rows into batches of `size` records, one write transaction each, and counts
/// what was read and skipped in `report`: the one batching rule every import path follows.
struct ImportBatcher {
    let size: Int
    let file: String?
    var report: ImportReport
    private var records: [ProductRecord] = []

    init(size: Int, file: String?, report: ImportReport) {
        self.size = max(1, size)
        self.file = file
        self.report = report
        records.reserveCapacity(self.size)
    }

    /// Counts one row and keeps its record, or records why it was rejected.
    mutating func add(line: Int, _ parse: () throws(RowRejection) -> ProductRecord) {
        report.rowsRead += 1
        do {
            records.append(try parse())
        } catch {
            report.skip(file: file, line: line, reason: error.reason)
        }
    }

    /// Counts one row that could not even be parsed (too long).
    mutating func skip(line: Int, reason: String) {
        report.rowsRead += 1
        report.skip(file: file, line: line, reason: reason)
    }

    /// The records to write now: a full batch, or at the end whatever is left; `nil` when none.
    mutating func takeBatch(isFinal: Bool = false) -> [ProductRecord]? {
        guard records.count >= size || (isFinal && !records.isEmpty) else { return nil }
        defer { records.removeAll(keepingCapacity: true) }
        return records
    }
}

/// Splits JSON Lines into rows for an `ImportBatcher`, numbering lines and skipping blank ones.
struct JSONLinesReader {
    let defaultSource: String
    let defaultCurrency: String
    private var splitter = LineSplitter()
    private var lineNumber = 0

    init(defaultSource: String, defaultCurrency: String) {
        self.defaultSource = defaultSource
        self.defaultCurrency = defaultCurrency
    }

    mutating func feed(_ chunk: some Collection<UInt8>, into batcher: inout ImportBatcher) {
        var handler = LineHandler(reader: self)
        splitter.feed(chunk) { handler.handle($0, &batcher) }
        lineNumber = handler.lineNumber
    }

    mutating func finish(into batcher: inout ImportBatcher) {
        var handler = LineHandler(reader: self)
        splitter.finish { handler.handle($0, &batcher) }
        lineNumber = handler.lineNumber
    }

    /// The per-line work, apart from the splitter so the splitter can be mutated while it calls back.
    private struct LineHandler {
        let defaultSource: String
        let defaultCurrency: String
        var lineNumber: Int

        init(reader: JSONLinesReader) {
            defaultSource = reader.defaultSource
            defaultCurrency = reader.defaultCurrency
            lineNumber = reader.lineNumber
        }

        mutating func handle(_ line: LineSplitter.Line, _ batcher: inout ImportBatcher) {
            lineNumber += 1
            switch line {
            case .tooLong:
                batcher.skip(line: lineNumber, reason: "line too long")
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return }  // blank lines are not rows
                batcher.add(line: lineNumber) { () throws(RowRejection) in
                    try ProductRecordParser.parseJSONLine(bytes, defaultSource: defaultSource, defaultCurrency: defaultCurrency)
                }
            }
        }
    }
}

/// The body passed the import size limit; rows already written stay written.
public struct ImportTooLarge: Error, Sendable {
    public var report: ImportReport
    public var limit: Int
}

/// The hand-over between an import's reading thread and the store's writer thread: `push` waits
/// while `capacity` batches are queued, `pop` waits for one; `close` ends both sides (a closed
/// queue refuses pushes and, once empty, pops). Both sides are dedicated threads, so they may
/// block.
final class BatchQueue: @unchecked Sendable {  // all state behind `condition`
    private let condition = NSCondition()
    private var batches: [[ProductRecord]] = []
    private var isClosed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues a batch; `false` when the queue was closed (the writer stopped).
    func push(_ batch: [ProductRecord]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !isClosed { condition.wait() }
        guard !isClosed else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; `nil` once the queue is closed and empty.
    func pop() -> [ProductRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !isClosed { condition.wait() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
