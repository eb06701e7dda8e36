@testable import CatalogService
import Foundation
import Logging
import Shared
import TestSupport
import Testing

/// `../shared/data` next to the repository (resolved from this file), when it is there.
let sharedDataDirectory: String? = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = repository.deletingLastPathComponent().appendingPathComponent("shared/data").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Whether the shared catalog data is present; tests over it are skipped otherwise.
let hasSharedData = sharedDataDirectory != nil

/// A fresh database path in a temporary directory that is removed when the test run ends.
func temporaryDatabasePath() throws -> String {
    try makeTemporaryDirectory("catalog-test").appendingPathComponent("catalog.sqlite").path
}

/// One store with the demo catalog and (when present) all of `../shared/data`, imported once per
/// test run and shared read-only by the tests that search it.
struct CatalogFixture: Sendable {
    let store: CatalogStore
    let search: SearchService
    let rates: CurrencyRates
    let sharedDataReport: ImportReport?

    static func shared() async throws -> CatalogFixture {
        try await FixtureCache.instance.fixture()
    }
}

private actor FixtureCache {
    static let instance = FixtureCache()
    private var task: Task<CatalogFixture, any Error>?

    func fixture() async throws -> CatalogFixture {
        if let task { return try await task.value }
        // Kept for the whole run: every test awaits this one import (not fire-and-forget).
        let task = Task<CatalogFixture, any Error> {
            let logger = Logger(label: "catalog-tests")
            let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 2, logger: logger)
            let importer = CatalogImporter(store: store)
            guard let demo = demoCatalogPath else { throw FixtureError.demoCatalogMissing }
            _ = try await importer.importFiles([demo])
            var report: ImportReport?
            if let sharedDataDirectory {
                report = try await importer.importFiles([sharedDataDirectory])
            }
            let rates = CurrencyRates()
            let search = SearchService(store: store, sources: [LocalCatalogSource(store: store, rates: rates)], rates: rates,
                                       sourceDeadline: .seconds(10), metrics: CatalogMetrics(registry: MetricsRegistry()),
                                       logger: logger)
            return CatalogFixture(store: store, search: search, rates: rates, sharedDataReport: report)
        }
        self.task = task
        return try await task.value
    }
}

/// A search over a fresh store of the demo catalog alone, for tests that need its exact products
/// (the shared fixture adds `../shared/data` when it is there).
func demoCatalogSearch(label: String) async throws -> SearchService {
    try await localSearch(label: label) { store in
        _ = try await CatalogImporter(store: store).importFiles([try #require(demoCatalogPath)])
    }
}

/// A search over a fresh store of `records` alone: the products a test needs, and no others.
func localSearch(of records: [ProductRecord], label: String) async throws -> SearchService {
    try await localSearch(label: label) { store in _ = try await store.write(records) }
}

/// More products than the 30 a search looks at: "`title` 0", "`title` 1"…, the `index`-th priced
/// `price + priceStep × index`. What a test's wanted products must rise above.
func fillerProducts(_ count: Int = 40, title: String, brand: String, categoryPath: [String], price: Double = 20,
                    priceStep: Double = 0, rating: Double? = nil, ratingCount: Int? = nil,
                    attributes: [String: String] = [:]) -> [ProductRecord] {
    (0..<count).map { index in
        ProductRecord(source: "t", sourceID: "filler\(index)", title: "\(title) \(index)", brand: brand, categoryPath: categoryPath,
                      price: price + priceStep * Double(index), rating: rating, ratingCount: ratingCount, attributes: attributes)
    }
}

/// A search of the local catalog over a fresh store that `fill` stocks.
private func localSearch(label: String, fill: (CatalogStore) async throws -> Void) async throws -> SearchService {
    let logger = Logger(label: label)
    let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: logger)
    try await fill(store)
    let rates = CurrencyRates()
    return SearchService(store: store, sources: [LocalCatalogSource(store: store, rates: rates)], rates: rates,
                         sourceDeadline: .seconds(10), metrics: CatalogMetrics(registry: MetricsRegistry()), logger: logger)
}

enum FixtureError: Error {
    case demoCatalogMissing
}

/// A small deterministic random generator (SplitMix64), so a failing property case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
