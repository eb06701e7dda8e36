import Foundation
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

    /// Imports files and directories; the whole run happens on the store's writer thread.
    public func importFiles(_ paths: [String]) async throws -> ImportReport {
        let files = try Self.expand(paths)
        let start = ContinuousClock.now
        let batchSize = batchSize, defaultCurrency = defaultCurrency
        var report = try await store.withWriter { db in
            var report = ImportReport()
            for file in files {
                report.files.append(file)
                let name = URL(fileURLWithPath: file).lastPathComponent
                let defaultSource = name.replacingOccurrences(of: ".jsonl.gz", with: "")
                    .replacingOccurrences(of: ".jsonl", with: "").replacingOccurrences(of: "_products", with: "")
                let reader = try CompressedFileReader(path: file)
                let decoder = JSONDecoder()
                var splitter = LineSplitter()
                var batch: [ProductRecord] = []
                batch.reserveCapacity(batchSize)
                var lineNumber = 0
                let handle: (LineSplitter.Line) throws -> Void = { line in
                    lineNumber += 1
                    switch line {
                    case .tooLong:
                        report.rowsRead += 1
                        report.skip(file: name, line: lineNumber, reason: "line too long")
                    case .text(let bytes):
                        if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return }  // blank lines are not rows
                        report.rowsRead += 1
                        do {
                            batch.append(try ProductRecordParser.parseJSONLine(
                                bytes, defaultSource: defaultSource, defaultCurrency: defaultCurrency, decoder: decoder))
                        } catch let rejection as RowRejection {
                            report.skip(file: name, line: lineNumber, reason: rejection.reason)
                        }
                        if batch.count >= batchSize {
                            report.add(try CatalogStore.write(batch, to: db))
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                }
                try reader.forEachChunk { chunk in try splitter.feed(chunk, handle) }
                try splitter.finish(handle)
                if !batch.isEmpty { report.add(try CatalogStore.write(batch, to: db)) }
            }
            return report
        }
        report.finish(startedAt: start)
        return report
    }

    /// Imports a streamed JSON Lines body.
    public func importJSONLines<Body: AsyncSequence>(
        _ body: Body, source: String, maximumBytes: Int
    ) async throws -> ImportReport where Body.Element: Collection, Body.Element.Element == UInt8 {
        let start = ContinuousClock.now
        var report = ImportReport()
        var splitter = LineSplitter()
        var batch: [ProductRecord] = []
        var lineNumber = 0
        var bytesRead = 0
        let defaultCurrency = defaultCurrency
        let decoder = JSONDecoder()
        func handle(_ line: LineSplitter.Line) {
            lineNumber += 1
            switch line {
            case .tooLong:
                report.rowsRead += 1
                report.skip(file: nil, line: lineNumber, reason: "line too long")
            case .text(let bytes):
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
                report.rowsRead += 1
                do {
                    batch.append(try ProductRecordParser.parseJSONLine(bytes, defaultSource: source, defaultCurrency: defaultCurrency,
                                                                       decoder: decoder))
                } catch {
                    report.skip(file: nil, line: lineNumber, reason: error.reason)
                }
            }
        }
        for try await chunk in body {
            bytesRead += chunk.count
            guard bytesRead <= maximumBytes else { throw ImportTooLarge(report: report, limit: maximumBytes) }
            splitter.feed(chunk, handle)
            if batch.count >= batchSize {
                report.add(try await store.write(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        splitter.finish(handle)
        if !batch.isEmpty { report.add(try await store.write(batch)) }
        report.finish(startedAt: start)
        return report
    }

    /// Imports a streamed CSV body whose first record is the header; `mapping` names the columns.
    public func importCSV<Body: AsyncSequence>(
        _ body: Body, mapping: CSVColumnMapping, source: String, maximumBytes: Int
    ) async throws -> ImportReport where Body.Element: Collection, Body.Element.Element == UInt8 {
        let start = ContinuousClock.now
        var report = ImportReport()
        var parser = CSVRecordParser()
        var batch: [ProductRecord] = []
        var recordNumber = 0
        var bytesRead = 0
        var indexes: [String: Int]?
        var mappingError: CatalogError?
        let defaultCurrency = defaultCurrency
        func handle(_ fields: [String]?) {
            recordNumber += 1
            guard let fields else {
                if indexes != nil {
                    report.rowsRead += 1
                    report.skip(file: nil, line: recordNumber, reason: "record too long")
                }
                return
            }
            guard let columns = indexes else {
                do { indexes = try mapping.resolve(header: fields) } catch { mappingError = error }
                return
            }
            report.rowsRead += 1
            do {
                let row = mapping.fields(of: fields, indexes: columns)
                batch.append(try ProductRecordParser.record(from: row, defaultSource: source, defaultCurrency: defaultCurrency))
            } catch {
                report.skip(file: nil, line: recordNumber, reason: error.reason)
            }
        }
        for try await chunk in body {
            bytesRead += chunk.count
            guard bytesRead <= maximumBytes else { throw ImportTooLarge(report: report, limit: maximumBytes) }
            parser.feed(chunk, handle)
            if let mappingError { throw mappingError }
            if batch.count >= batchSize {
                report.add(try await store.write(batch))
                batch.removeAll(keepingCapacity: true)
            }
        }
        parser.finish(handle)
        if let mappingError { throw mappingError }
        guard indexes != nil else { throw CatalogError.invalidMapping("the CSV has no header row") }
        if !batch.isEmpty { report.add(try await store.write(batch)) }
        report.finish(startedAt: start)
        return report
    }
}

/// The body passed the import size limit; rows already written stay written.
public struct ImportTooLarge: Error, Sendable {
    public var report: ImportReport
    public var limit: Int
}
