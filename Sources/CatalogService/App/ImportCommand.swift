import Foundation
import Logging
import Shared

/// `catalog-service import PATH...`: loads JSON Lines files or directories of them into the
/// configured database, prints the report as JSON and returns the process exit status.
public enum ImportCommand {
    public static func run(paths: [String]) async -> Int32 {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: catalog-service import PATH... (.jsonl, .jsonl.gz or directories)\n".utf8))
            return 2
        }
        let config: CatalogConfiguration
        do {
            config = try CatalogConfiguration(from: try await ConfigSource.load(arguments: ["catalog-service"]))
        } catch {
            FileHandle.standardError.write(Data("catalog-service: \(error)\n".utf8))
            return 2
        }
        let logger = Logger.make("catalog-service", level: config.common.logLevel)
        do {
            let store = try await CatalogStore(path: config.databasePath, readerCount: 1, logger: logger)
            let report: ImportReport
            do {
                report = try await CatalogImporter(store: store).importFiles(paths)
            } catch {
                await store.close()
                throw error
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            await store.close()
            return 0
        } catch {
            FileHandle.standardError.write(Data("catalog-service: import failed: \(error)\n".utf8))
            return 1
        }
    }
}
