@testable import CatalogService
import Foundation
import Logging
import Shared
import Testing
import TestSupport

/// The in-memory search index against FTS5, the definition it must reproduce: the same products in
/// the same order with the same bm25 scores and the same total, for random queries over the demo
/// catalog and (when present) all of `../shared/data`; and it follows every write, in this process
/// or another.
@Suite(.timeLimit(.minutes(3)))
struct SearchIndexTests {
    static let words = [
        "wireless", "headphone", "mouse", "black", "gaming", "laptop", "inch", "shirt", "16gb", "ssd", "cotton", "men",
        "women", "steel", "running", "shoe", "watch", "analog", "silver", "earring", "wooden", "table", "coffee", "ddr4",
        "32gb", "rtx", "3060", "keyboard", "mechanical", "bluetooth", "speaker", "waterproof", "120mm", "rgb", "fan",
        "phone", "ryzen", "monitor", "144hz", "27", "nvme", "1tb", "samsung", "corsair", "logitech", "jacket", "bag",
        "leather", "usb", "noexistingword", "set", "pack", "kid", "blue", "red",
    ]
    static let categories = ["headphone", "mouse", "laptop", "shoe", "watch", "memory", "keyboard", "monitor", "jewellery",
                             "furniture", "smartphone", "cpu", "video card", "no such category"]
    static let brands = ["beats", "intel", "samsung", "corsair", "logitech", "apple", "nike", "sony"]

    static func randomQuery(_ random: inout SeededGenerator) -> LocalQuery {
        var groups: [[String]] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            groups.append((0..<(Int.random(in: 0...3, using: &random) == 0 ? 2 : 1)).map { _ in
                words.randomElement(using: &random) ?? "black"
            })
        }
        let orders: [LocalQuery.Order] = [.relevance, .relevance, .popularity, .priceAscending, .priceDescending]
        var bounds: [LocalQuery.PriceBound]?
        if Bool.random(using: &random) {
            let maximum = Double.random(in: 10...2_000, using: &random)
            bounds = [LocalQuery.PriceBound(currency: "USD", min: Bool.random(using: &random) ? maximum / 4 : nil, max: maximum),
                      LocalQuery.PriceBound(currency: "INR", min: nil, max: maximum * 83)]
        }
        var text = TextQuery(groups: groups, needsEveryGroup: Bool.random(using: &random))
        if Int.random(in: 0...2, using: &random) == 0 {  // widened only by some words (no known category)
            text.widensBy = Set(text.groups.joined().filter { _ in Bool.random(using: &random) })
        }
        return LocalQuery(
            text: text,
            categoryTerms: Bool.random(using: &random) ? [categories.randomElement(using: &random) ?? "shoe"] : nil,
            priceBounds: bounds,
            excludedBrands: Int.random(in: 0...2, using: &random) == 0 ? [brands.randomElement(using: &random) ?? "sony"] : [],
            order: orders.randomElement(using: &random) ?? .relevance, limit: Int.random(in: 1...40, using: &random),
            priceScale: Bool.random(using: &random) ? ["USD": 1, "INR": 1 / 83] : [:])
    }

    @Test func randomQueriesAnswerAsFTS5Does() async throws {
        let fixture = try await CatalogFixture.shared()
        let index = try #require(fixture.store.searchIndex)
        var random = SeededGenerator(seed: 0x5EA2C4)
        let queries = (0..<400).map { _ in Self.randomQuery(&random) }
        let mismatches = try await fixture.store.withWriter { db -> [String] in
            try index.catchUp(db)
            var mismatches: [String] = []
            var answered = 0
            for query in queries {
                let tokenizer = try db.fullTextTokenizer()
                guard index.search(query, tokenizer: tokenizer) != nil else { continue }
                answered += 1
                let (memory, memoryTotal) = try CatalogStore.search(query, index: index, in: db)
                let (fullText, fullTextTotal) = try CatalogStore.search(query, in: db)
                let memoryRows = memory.map { "\($0.record.publicID) \($0.relevance)" }
                let fullTextRows = fullText.map { "\($0.record.publicID) \($0.relevance)" }
                // AND first, OR when too few: one walk in memory, two queries through FTS5.
                let memoryWide = try CatalogStore.searchWidening(query, index: index, in: db)
                let fullTextWide = try CatalogStore.searchWidening(query, in: db)
                if memoryWide.products.map({ "\($0.record.publicID) \($0.relevance)" })
                    != fullTextWide.products.map({ "\($0.record.publicID) \($0.relevance)" })
                    || memoryWide.totalFound != fullTextWide.totalFound || memoryWide.isWidened != fullTextWide.isWidened {
                    mismatches.append("widening \(query.text?.expression ?? "") in \(query.categoryTerms ?? []): index "
                        + "\(memoryWide.totalFound) \(memoryWide.isWidened), FTS5 \(fullTextWide.totalFound) \(fullTextWide.isWidened)")
                }
                if memoryRows != fullTextRows || memoryTotal != fullTextTotal {
                    mismatches.append("\(query.text?.expression ?? "") in \(query.categoryTerms ?? []) \(query.order) "
                        + "limit \(query.limit): index \(memoryTotal) \(memoryRows.prefix(3)), FTS5 \(fullTextTotal) \(fullTextRows.prefix(3))")
                }
            }
            #expect(answered == queries.count, "every query of single-term words is answered in memory")
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(queries.count) differ, first: \(mismatches.prefix(3))")
    }

    /// A category's products without text (the fill-up of a search with few text matches): SQLite
    /// leaves ties in index order, so the order is compared by its keys and the products as sets.
    @Test func filterOnlySearchesAnswerAsSQLDoes() async throws {
        let fixture = try await CatalogFixture.shared()
        let index = try #require(fixture.store.searchIndex)
        var random = SeededGenerator(seed: 0xF11735)
        let queries = (0..<120).map { _ in
            var query = Self.randomQuery(&random)
            query.text = nil
            query.categoryTerms = [Self.categories.randomElement(using: &random) ?? "shoe"]
            return query
        }
        let mismatches = try await fixture.store.withWriter { db -> [String] in
            try index.catchUp(db)
            var mismatches: [String] = []
            for query in queries {
                #expect(index.search(query, tokenizer: try db.fullTextTokenizer()) != nil)
                let (memory, memoryTotal) = try CatalogStore.search(query, index: index, in: db)
                let (sql, sqlTotal) = try CatalogStore.search(query, in: db)
                func key(_ product: StoredProduct) -> Double {
                    switch query.order {
                    case .relevance, .popularity: (product.record.rating ?? 0) * log1p(Double(product.record.ratingCount ?? 0))
                    case .priceAscending, .priceDescending: product.record.price ?? .nan
                    }
                }
                let lastKey = memory.last.map(key)
                func settled(_ products: [StoredProduct]) -> Set<String> {  // all but the last key's ties
                    Set(products.filter { key($0) != lastKey }.map(\.record.publicID))
                }
                if memoryTotal != sqlTotal || memory.map(key) != sql.map(key) || settled(memory) != settled(sql) {
                    mismatches.append("\(query.categoryTerms ?? []) \(query.order) limit \(query.limit): "
                        + "index \(memoryTotal) \(memory.prefix(3).map(key)), SQL \(sqlTotal) \(sql.prefix(3).map(key))")
                }
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(queries.count) differ, first: \(mismatches.prefix(3))")
    }

    @Test func aWordTheTokenizerSplitsGoesToFTS5() async throws {
        let fixture = try await CatalogFixture.shared()
        let index = try #require(fixture.store.searchIndex)
        let query = LocalQuery(text: TextQuery(groups: [["wi-fi"], ["router"]], needsEveryGroup: false), categoryTerms: nil,
                               priceBounds: nil, excludedBrands: [], order: .relevance, limit: 10)
        let answered = try await fixture.store.withWriter { db in
            try index.catchUp(db)
            return index.search(query, tokenizer: try db.fullTextTokenizer()) != nil
        }
        #expect(!answered)  // "wi-fi" is the phrase "wi fi" to FTS5: SQLite answers it
        let (products, _) = try await fixture.store.search(query)
        #expect(!products.isEmpty)
    }

    @Test func theTokenizerIsFTS5s() async throws {
        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: Logger(label: "test"))
        let tokens = try await store.withWriter { db in
            try db.fullTextTokenizer().tokens(of: "Running SHOES, Café-Crème 27\" 144Hz", isQuery: false)
        }
        #expect(tokens == ["run", "shoe", "cafe", "creme", "27", "144hz"])
        await store.close()
    }

    static func product(_ id: String, title: String, price: Double = 50) -> ProductRecord {
        ProductRecord(source: "test", sourceID: id, title: title, brand: "Acme", categoryPath: ["Electronics", "Headphones"],
                      price: price, currency: "USD", description: "A product for the index tests.")
    }

    @Test func followsWritesOfThisProcessAndOfAnother() async throws {
        let path = try temporaryDatabasePath()
        let logger = Logger(label: "test")
        // Every search checks the index against the log (the interval's own test is below).
        let store = try await CatalogStore(path: path, readerCount: 1, indexCheckInterval: .zero, logger: logger)
        _ = try await store.write([Self.product("1", title: "Quiet wireless headphones"),
                                   Self.product("2", title: "Wired studio headphones")])
        func found(_ word: String, in store: CatalogStore) async throws -> [String] {
            let query = LocalQuery(text: TextQuery(groups: [[word]], needsEveryGroup: true), categoryTerms: nil,
                                   priceBounds: nil, excludedBrands: [], order: .relevance, limit: 10)
            return try await store.search(query).products.map(\.record.sourceID).sorted()
        }
        #expect(try await found("wireless", in: store) == ["1"])
        #expect(store.searchIndex?.productCount == 2)
        // A replacement: the old words are gone, the new ones found, the count unchanged.
        _ = try await store.write([Self.product("1", title: "Loud bluetooth headphones")])
        #expect(try await found("wireless", in: store) == [])
        #expect(try await found("bluetooth", in: store) == ["1"])
        #expect(store.searchIndex?.productCount == 2)
        // Another process's import (a second store on the same file stands for it).
        let other = try await CatalogStore(path: path, readerCount: 1, searchesInMemory: false, logger: logger)
        _ = try await other.write([Self.product("3", title: "Wireless earbuds with case")])
        await other.close()
        #expect(try await found("wireless", in: store) == ["3"])
        #expect(try await found("earbud", in: store) == ["3"])
        #expect(store.searchIndex?.productCount == 3)
        // Two more writes, and the log pruned past what the index has seen: it loads again, whole.
        let third = try await CatalogStore(path: path, readerCount: 1, searchesInMemory: false, logger: logger)
        _ = try await third.write([Self.product("4", title: "Wireless speaker")])
        _ = try await third.write([Self.product("2", title: "Wired studio monitors", price: 80)])
        try await third.withWriter { db in
            try db.execute("DELETE FROM product_changes WHERE seq < (SELECT max(seq) FROM product_changes)")
        }
        await third.close()
        #expect(try await found("wireless", in: store) == ["3", "4"])
        #expect(try await found("monitor", in: store) == ["2"])
        #expect(store.searchIndex?.productCount == 4)
        await store.close()
    }

    @Test func searchesDearerThanTheLimitStayOnTheReadersThreads() async throws {
        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, inlineSearchLimit: .zero,
                                           logger: Logger(label: "test"))
        _ = try await store.write([Self.product("1", title: "Quiet wireless headphones", price: 50)])
        let query = LocalQuery(text: TextQuery(groups: [["headphone"]], needsEveryGroup: true), categoryTerms: nil,
                               priceBounds: nil, excludedBrands: [], order: .relevance, limit: 10)
        for _ in 0..<3 { #expect(try await store.search(query).products.map(\.record.sourceID) == ["1"]) }
        #expect(store.searchIndex?.productCache.count == 1)  // memory could answer, but no search is that cheap
        #expect(store.inMemorySearchCount == 0)
        await store.close()
    }

    /// Also: a search memory answers whole runs on the caller's thread, and only then.
    @Test func aProductChangedElsewhereIsReadAgainNotTakenFromTheCache() async throws {
        let path = try temporaryDatabasePath()
        let logger = Logger(label: "test")
        // Any search counts as cheap here: which thread answers must not hang on a loaded machine's timing.
        let store = try await CatalogStore(path: path, readerCount: 1, inlineSearchLimit: .seconds(60),
                                           indexCheckInterval: .zero, logger: logger)
        _ = try await store.write([Self.product("1", title: "Quiet wireless headphones", price: 50)])
        let query = LocalQuery(text: TextQuery(groups: [["headphone"]], needsEveryGroup: true), categoryTerms: nil,
                               priceBounds: nil, excludedBrands: [], order: .relevance, limit: 10)
        func prices() async throws -> [Double?] { try await store.search(query).products.map(\.record.price) }
        #expect(try await prices() == [50])
        #expect(store.searchIndex?.productCache.count == 1)
        #expect(store.inMemorySearchCount == 0)  // the row was read on a reader's thread
        #expect(try await prices() == [50])  // served from the cache, on this thread
        #expect(store.inMemorySearchCount == 1)
        // Another process changes the price only: the same words, so the same hit.
        let other = try await CatalogStore(path: path, readerCount: 1, searchesInMemory: false, logger: logger)
        _ = try await other.write([Self.product("1", title: "Quiet wireless headphones", price: 35)])
        await other.close()
        #expect(try await prices() == [35])
        #expect(store.inMemorySearchCount == 1)  // the index was behind: caught up on a reader's thread
        // This process's own write too.
        _ = try await store.write([Self.product("1", title: "Quiet wireless headphones", price: 42)])
        #expect(try await prices() == [42])
        #expect(try await prices() == [42])
        #expect(store.inMemorySearchCount == 2)
        await store.close()
    }

    @Test func theCheckIntervalIsReadFromItsVariable() throws {
        #expect(try CatalogConfiguration(from: ConfigSource(environment: [:])).indexCheckInterval == .milliseconds(50))
        #expect(try CatalogConfiguration(from: ConfigSource(environment: ["CATALOG_INDEX_CHECK_S": "0"])).indexCheckInterval == .zero)
        for value in ["-1", "6", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try CatalogConfiguration(from: ConfigSource(environment: ["CATALOG_INDEX_CHECK_S": value]))
            }
            do {
                _ = try CatalogConfiguration(from: ConfigSource(environment: ["CATALOG_INDEX_CHECK_S": value]))
            } catch {
                #expect(error.variable == "CATALOG_INDEX_CHECK_S")
            }
        }
    }

    /// A check that found the index current holds for the interval: another process's write waits
    /// for it to pass, this process's own shows in the next search.
    @Test func aCheckHoldsForItsIntervalExceptAfterThisProcesssWrites() async throws {
        let path = try temporaryDatabasePath()
        let logger = Logger(label: "test")
        func store(checkingEvery interval: Duration) async throws -> CatalogStore {
            try await CatalogStore(path: path, readerCount: 1, inlineSearchLimit: .seconds(60),
                                   indexCheckInterval: interval, logger: logger)
        }
        let query = LocalQuery(text: TextQuery(groups: [["headphone"]], needsEveryGroup: true), categoryTerms: nil,
                               priceBounds: nil, excludedBrands: [], order: .relevance, limit: 10)
        func write(price: Double, from other: Bool, to store: CatalogStore) async throws {
            let record = Self.product("1", title: "Quiet wireless headphones", price: price)
            guard other else { return _ = try await store.write([record]) }
            let writer = try await CatalogStore(path: path, readerCount: 1, searchesInMemory: false, logger: logger)
            _ = try await writer.write([record])
            await writer.close()
        }

        let trusting = try await store(checkingEvery: .seconds(600))
        func prices() async throws -> [Double?] { try await trusting.search(query).products.map(\.record.price) }
        try await write(price: 50, from: false, to: trusting)
        #expect(try await prices() == [50])  // read on a reader's thread, which catches up
        #expect(try await prices() == [50])  // from memory, after a check: it holds from now on
        try await write(price: 35, from: true, to: trusting)
        #expect(try await prices() == [50])  // within the interval: not checked, not seen yet
        try await write(price: 42, from: false, to: trusting)
        #expect(try await prices() == [42])  // this process's write ends the interval
        await trusting.close()

        // With a short interval another process's write shows once it has passed.
        let checking = try await store(checkingEvery: .milliseconds(100))
        #expect(try await checking.search(query).products.map(\.record.price) == [42])
        #expect(try await checking.search(query).products.map(\.record.price) == [42])
        try await write(price: 30, from: true, to: checking)
        try await eventually(.seconds(10), "another process's write to show") {
            try await checking.search(query).products.map(\.record.price) == [30]
        }
        await checking.close()
    }

}

/// A catalog that sells in rupees and dollars, ordered by price: the bare numbers put ₹999
/// ($12.04) after $19.98, so "the cheapest" kept the rupee products out of its candidates and "the
/// most expensive" filled them with ₹ prices. Both the index and SQLite compare prices in one
/// currency (`LocalQuery.priceScale`).
@Suite(.timeLimit(.minutes(1)))
struct MixedCurrencyOrderTests {
    @Test func aPriceOrderComparesPricesInOneCurrency() async throws {
        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: Logger(label: "currency-order"))
        let prices: [(String, Double, String)] = [("a", 5.99, "USD"), ("b", 999, "INR"), ("c", 19.98, "USD"), ("d", 90_000, "INR"),
                                                  ("e", 500, "USD")]
        _ = try await store.write(prices.map { id, price, currency in
            ProductRecord(source: "shop", sourceID: id, title: "Acme Wireless Headphones \(id)", categoryPath: ["Headphones"],
                          price: price, currency: currency)
        })
        try await store.prepareSearchIndex()
        let rates = CurrencyRates()
        let source = LocalCatalogSource(store: store, rates: rates)
        for (words, order, expected) in [(["headphone"], RequirementSpec.SortOrder.priceAscending, ["a", "b", "c"]),
                                         (["headphone"], .priceDescending, ["d", "e", "c"])] {
            let spec = RequirementSpec(category: nil, query: words.joined(separator: " "), sort: order)
            let answer = try await source.search(SourceRequest(spec: spec, limit: 3, categoryTerms: nil))
            #expect(answer.candidates.map { $0.product.id.split(separator: ":").last.map(String.init) ?? "" } == expected, "\(order)")
        }
        // SQLite's own order, without the index: a filter-only search and a full-text one.
        let scale = source.priceScale
        #expect(scale["USD"] == 1 && scale["INR"] == 1 / 83)
        for text in [nil, TextQuery(groups: [["headphone"]], needsEveryGroup: true)] {
            let query = LocalQuery(text: text, categoryTerms: nil, priceBounds: nil, excludedBrands: [], order: .priceAscending,
                                   limit: 3, priceScale: scale)
            let found = try await store.withWriter { db in try CatalogStore.search(query, in: db).products.map(\.record.sourceID) }
            #expect(found == ["a", "b", "c"], "\(text.map { "\($0.groups)" } ?? "filter only")")
        }
        await store.close()
    }
}
