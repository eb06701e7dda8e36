import CSQLite
import Foundation
import Logging
import Shared
import Synchronization

/// A product read back from the store, with its full-text relevance when the query had text
/// (SQLite's bm25: lower is better, so it is negated here: higher is better, 0 when none).
public struct StoredProduct: Sendable, Hashable {
    /// What was read of the row, shared by every copy: the search index's `ProductCache` hands the
    /// same rows to search after search, and a product is a few dozen strings to retain per copy.
    final class Row: Sendable, Hashable {
        let record: ProductRecord
        let words: ProductWords?
        let comparableAttributes: ComparableAttributes
        /// `record.publicID` and the category path as clients see it ("Electronics > Laptops").
        let publicID: String, category: String

        init(record: ProductRecord, words: ProductWords?, category: String) {
            self.record = record
            self.words = words
            comparableAttributes = ComparableAttributes(record.attributes)
            publicID = record.publicID
            self.category = category
        }

        static func == (left: Row, right: Row) -> Bool { left.record == right.record && left.words == right.words }
        func hash(into hasher: inout Hasher) { hasher.combine(record) }
    }

    let row: Row
    public var relevance: Double

    public var record: ProductRecord { row.record }
    /// The words stored at import; `nil` for a row written before the store kept them.
    public var words: ProductWords? { row.words }
    /// The record's attributes as ranking compares them, worked out when the row is read.
    public var comparableAttributes: ComparableAttributes { row.comparableAttributes }

    init(row: Row, relevance: Double) {
        self.row = row
        self.relevance = relevance
    }
}

/// One category path with its product count.
public struct CategoryCount: Sendable, Hashable, Codable {
    public var name: String
    public var path: [String]
    public var count: Int
    /// The words its listings use, most used first (`CategoryWords`); only on the deepest node of
    /// a category's path, `nil` on the nodes above it.
    public var words: [String]?
}

/// One brand with its product count and the category nodes it has products in, most first.
public struct BrandCount: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
    public var categories: [String]
}

/// The local catalog: SQLite in WAL mode with an FTS5 index. One write connection (imports) and a
/// few read-only connections, each on its own thread, so searches run in parallel with an import.
public final class CatalogStore: Sendable {
    public let path: String
    private let writer: DatabaseLane
    private let readers: [DatabaseLane]
    private let logger: Logger
    /// Full-text searches answered by every word (AND) and those widened to any word (OR).
    private let everyWordSearches = Atomic<Int>(0)
    private let widenedSearches = Atomic<Int>(0)
    private let inMemorySearches = Atomic<Int>(0)
    /// What a search's own work costs, on average, in CPU nanoseconds (see `search`).
    private let searchCost = Atomic<Int>(0)
    private let searchesTimed = Atomic<Int>(0)
    /// Searches cost less than this (CPU ns, on average) to run on the caller's thread. The
    /// default, 100 µs: a demo-catalog search costs 35–50 µs under load, about what the hop it
    /// saves costs; one of the full data (90,000 products) about 340 µs, too long to hold a loop.
    private let inlineSearchLimit: Int
    /// Category terms known to answer to some local category. Only positive answers are kept:
    /// categories are never deleted, so a term once known stays known and nothing need be dropped.
    private let knownCategoryTerms = Mutex<Set<String>>([])
    /// The words of each category's listings and the catalog revision (last change, product
    /// count) they were counted at.
    let categoryWordsCache = Mutex<(revision: [Int], words: CategoryWords)?>(nil)
    /// The full-text index in memory; `nil` when text searches go through FTS5 (`searchesInMemory`).
    public let searchIndex: SearchIndex?

    /// Opens (creating if needed) the database at `path` with `readerCount` read connections.
    /// `searchesInMemory`: text searches use the in-memory `SearchIndex` (the same answers, less
    /// CPU); `false` runs them through FTS5, as the index's tests and the benchmark compare.
    /// - Parameters:
    ///   - inlineSearchLimit: searches that cost less than this on average run on the caller's
    ///     thread when memory answers them whole (see `search`).
    ///   - indexCheckInterval: how long those searches trust a check that found the in-memory
    ///     index current: a write by another process shows after at most this (this process's at once).
    public init(path: String, readerCount: Int = 4, searchesInMemory: Bool = true,
                inlineSearchLimit: Duration = .microseconds(100), indexCheckInterval: Duration = .milliseconds(50),
                logger: Logger) async throws {
        self.path = path
        self.logger = logger
        self.inlineSearchLimit = inlineSearchLimit.wholeNanoseconds
        searchIndex = searchesInMemory ? SearchIndex(checkInterval: indexCheckInterval) : nil
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            writer = try DatabaseLane(path: path, isReadOnly: false)
        } catch {
            throw CatalogError.database(error)
        }
        let rebuilt = try await writer.run { connection in try Self.migrate(connection) }
        if let rebuilt, rebuilt > 0 {  // a new, empty database creates its index without rebuilding
            logger.info("full-text index rebuilt", metadata: ["catalog.products": "\(rebuilt)"])
        }
        var lanes: [DatabaseLane] = []
        do {
            for _ in 0..<max(1, readerCount) {
                lanes.append(try DatabaseLane(path: path, isReadOnly: true))
            }
        } catch {
            for lane in lanes { await lane.close() }
            await writer.close()
            throw CatalogError.database(error)
        }
        readers = lanes
    }

    public func close() async {
        for reader in readers { await reader.close() }
        await writer.close()
    }

    // MARK: Writing

    /// Counts of one written batch.
    struct BatchResult: Sendable {
        var inserted = 0
        var updated = 0
    }

    /// Writes records in one transaction, replacing any with the same `(source, id)`.
    func write(_ records: [ProductRecord]) async throws -> BatchResult {
        defer { searchIndex?.noteWrite() }
        return try await writer.run { db in try Self.write(records, to: db) }
    }

    /// Runs a long write (a whole file import) on the writer's thread; `body` commits as it goes.
    func withWriter<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        defer { searchIndex?.noteWrite() }
        return try await writer.run(body)
    }

    static func write(_ records: [ProductRecord], to db: SQLiteConnection) throws -> BatchResult {
        var categories: [String: KnownCategory] = [:]
        return try write(records, to: db, categories: &categories)
    }

    /// `write(_:to:)` with the categories already seen by earlier batches of the same import, so a
    /// path is looked up and its terms worked out once per import, not once per batch (Flipkart's
    /// thousands of paths cost 8 % of an import's CPU that way). If a batch fails, the caller must
    /// drop `categories`: its ids may be of rows the rollback removed.
    static func write(_ records: [ProductRecord], to db: SQLiteConnection, categories: inout [String: KnownCategory]) throws
        -> BatchResult {
        var result = BatchResult()
        try db.execute("BEGIN IMMEDIATE")
        do {
            for record in records {
                let isUpdate = try upsert(record, into: db, categories: &categories)
                if isUpdate { result.updated += 1 } else { result.inserted += 1 }
            }
            // The change log stays bounded: an index further behind than this loads whole again.
            if !records.isEmpty {  // the last statement logged the last change
                try db.statement("DELETE FROM product_changes WHERE seq <= ?1")
                    .run([.integer(db.lastInsertedRowID - changeLogLength)])
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        return result
    }

    /// Inserts or replaces one product and its full-text row; `true` when it replaced one.
    static func upsert(_ record: ProductRecord, into db: SQLiteConnection, categories: inout [String: KnownCategory]) throws -> Bool {
        let categoryPath = record.categoryPath.isEmpty ? ["Uncategorized"] : record.categoryPath
        let pathText = categoryPath.joined(separator: " > ")
        let categoryID: Int
        let categoryTokens: String
        if let known = categories[pathText] {
            categoryID = known.id
            categoryTokens = known.tokens
        } else {
            // Worked out once per path for both tables (a tenth of the import's CPU when done twice).
            let terms = CategoryVocabulary.terms(ofPath: categoryPath)
            let find = try db.statement("SELECT id FROM categories WHERE path = ?1")
            try find.bind([.text(pathText)])
            if try find.step(), let id = find.int(0) {
                categoryID = id
            } else {
                try db.statement("INSERT INTO categories(path) VALUES (?1)").run([.text(pathText)])
                categoryID = db.lastInsertedRowID
                try Self.writeTerms(terms, ofCategory: categoryID, into: db)
            }
            categoryTokens = Self.categoryTokens(of: terms)
            if categories.count > 50_000 { categories.removeAll() }
            categories[pathText] = KnownCategory(id: categoryID, tokens: categoryTokens)
        }
        var attributesJSON = JSONWriter(capacity: 256)
        attributesJSON.object(record.attributes)
        let words = ProductWords(title: record.title, brand: record.brand, category: categoryPath.joined(separator: " > "),
                                 attributes: record.attributes, description: record.description)
        let popularity = (record.rating ?? 0) * log1p(Double(record.ratingCount ?? 0))
        let values: [SQLiteValue] = [
            .text(record.source), .text(record.sourceID), .text(record.title), SQLiteValue(record.brand),
            SQLiteValue(record.brand?.lowercased()), .integer(categoryID), SQLiteValue(record.price),
            SQLiteValue(record.listPrice), .text(record.currency), SQLiteValue(record.description),
            SQLiteValue(record.rating), SQLiteValue(record.ratingCount), .real(popularity),
            SQLiteValue(record.imageURL), SQLiteValue(record.url), .text(String(decoding: attributesJSON.bytes, as: UTF8.self)),
            .text(words.title), .text(words.other),
        ]
        // Insert first: on a fresh import that is the only statement; a conflict means a replacement.
        try db.statement("""
            INSERT INTO products(source, source_id, title, brand, brand_key, category_id, price, list_price,
                currency, description, rating, rating_count, popularity, image_url, url, attributes, title_words, other_words)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT(source, source_id) DO NOTHING
            """).run(values)
        let isReplacement = db.changes == 0
        let rowID: Int
        if isReplacement {
            let existing = try db.statement("SELECT rowid FROM products WHERE source = ?1 AND source_id = ?2")
            try existing.bind([.text(record.source), .text(record.sourceID)])
            guard try existing.step(), let existingRowID = existing.int(0) else {
                throw SQLiteError(code: 0, message: "conflicting row vanished")
            }
            existing.reset()
            try db.statement("""
                UPDATE products SET source = ?1, source_id = ?2, title = ?3, brand = ?4, brand_key = ?5,
                    category_id = ?6, price = ?7, list_price = ?8, currency = ?9, description = ?10, rating = ?11,
                    rating_count = ?12, popularity = ?13, image_url = ?14, url = ?15, attributes = ?16,
                    title_words = ?17, other_words = ?18
                WHERE rowid = ?19
                """).run(values + [.integer(existingRowID)])
            try db.statement("DELETE FROM products_fts WHERE rowid = ?1").run([.integer(existingRowID)])
            rowID = existingRowID
        } else {
            rowID = db.lastInsertedRowID
        }
        let document = FullTextDocument(title: record.title, brand: record.brand, categoryPath: categoryPath,
                                        description: record.description, attributes: record.attributes,
                                        categoryTokens: categoryTokens)
        try insertFullTextRow(rowID: rowID, document, into: db)
        try db.statement("INSERT INTO product_changes(product_rowid) VALUES (?1)").run([.integer(rowID)])
        return isReplacement
    }

    /// How many `product_changes` entries are kept (about 2 MB).
    static let changeLogLength = 200_000

    /// A category an import has already written: its id and its `category_terms` tokens.
    struct KnownCategory {
        var id: Int
        var tokens: String
    }

    /// Indexes one product's text (an import's and the rebuild's one way of doing it).
    static func insertFullTextRow(rowID: Int, _ document: FullTextDocument, into db: SQLiteConnection) throws {
        try db.statement("""
            INSERT INTO products_fts(rowid, \(FullTextDocument.columnNames.joined(separator: ", ")))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """).run([.integer(rowID)] + document.columns.map { SQLiteValue($0) })
    }

    // MARK: Reading

    /// The least loaded read connection (the writer when there is none).
    var reader: DatabaseLane {
        readers.min { $0.load < $1.load } ?? writer
    }

    /// Whether the database answers a query (for `/ready`).
    public func isReadable() async -> Bool {
        (try? await reader.run { db -> Bool in
            let statement = try db.statement("SELECT 1")
            return try statement.step()
        }) ?? false
    }

    public func productCount() async throws -> Int {
        try await reader.run { db in
            let statement = try db.statement("SELECT count(*) FROM products")
            return try statement.step() ? statement.int(0) ?? 0 : 0
        }
    }

    static let productColumns = """
        p.source, p.source_id, p.title, p.brand, c.path, p.price, p.list_price, p.currency, p.description,
        p.rating, p.rating_count, p.image_url, p.url, p.attributes, p.title_words, p.other_words
        """

    /// `productColumns` for a search's candidates: the description only for a row without stored
    /// words (the ranker then works its words out from it). Nothing else of a search reads it, and
    /// at up to thousands of characters it was most of what a candidate's row cost.
    static let candidateColumns = productColumns.replacingOccurrences(
        of: "p.description", with: "CASE WHEN p.other_words IS NULL THEN p.description END")

    static func product(from row: SQLiteStatement, relevance: Double = 0) -> StoredProduct {
        let attributes = row.withBytes(13) { JSONScanner.parseStringObject($0) }
        let pathText = row.text(4) ?? ""
        let path = pathText.splittingBytes(on: " > ")
        let record = ProductRecord(
            source: row.text(0) ?? "", sourceID: row.text(1) ?? "", title: row.text(2) ?? "", brand: row.text(3),
            categoryPath: path, price: row.double(5), listPrice: row.double(6), currency: row.text(7) ?? "USD",
            description: row.text(8), rating: row.double(9), ratingCount: row.int(10), imageURL: row.text(11),
            url: row.text(12), attributes: attributes)
        let words = row.text(14).flatMap { title in row.text(15).map { ProductWords(title: title, other: $0) } }
        return StoredProduct(row: StoredProduct.Row(record: record, words: words, category: pathText), relevance: relevance)
    }

    /// One product by its public id (`source:source_id`).
    public func product(id: String) async throws -> StoredProduct? {
        guard let colon = id.firstIndex(of: ":") else { return nil }
        let source = String(id[..<colon]), sourceID = String(id[id.index(after: colon)...])
        return try await reader.run { db in
            let statement = try db.statement("""
                SELECT \(Self.productColumns) FROM products p JOIN categories c ON c.id = p.category_id
                WHERE p.source = ?1 AND p.source_id = ?2
                """)
            try statement.bind([.text(source), .text(sourceID)])
            return try statement.step() ? Self.product(from: statement) : nil
        }
    }

    /// The first of these canonical terms some local category answers to (one read, however many terms).
    func firstKnownCategoryTerm(_ terms: [String]) async throws -> String? {
        guard let first = terms.first else { return nil }
        // Most searches name a category already seen: answered here, without a trip to a reader.
        if knownCategoryTerms.withLock({ $0.contains(first) }) { return first }
        let known = try await reader.run { db -> String? in
            let statement = try db.statement("SELECT 1 FROM category_terms WHERE term = ?1 LIMIT 1")
            for term in terms {
                try statement.bind([.text(term)])
                defer { statement.reset() }
                if try statement.step() { return term }
            }
            return nil
        }
        if let known { knownCategoryTerms.withLock { _ = $0.insert(known) } }
        return known
    }

    /// How many full-text searches every word answered, and how many were widened to any word.
    public var textSearchCounts: (everyWord: Int, widened: Int) {
        (everyWordSearches.load(ordering: .relaxed), widenedSearches.load(ordering: .relaxed))
    }

    /// How many searches were answered on the caller's thread, from memory alone.
    public var inMemorySearchCount: Int { inMemorySearches.load(ordering: .relaxed) }

    /// The matching products (at most `query.limit`) and how many match in all (all full-text
    /// matches; up to 1,000 for a filter-only search).
    /// A text query that needs every group and finds fewer than its limit is widened to any word:
    /// the products with every word come first, then the others (see `searchWidening`).
    /// When `fallback` is given and the text still finds fewer than the limit, the fallback's
    /// products fill up the list (each product once), in the same call on the same read connection.
    ///
    /// A search the in-memory index and its product cache answer whole runs on the caller's
    /// thread, when a reader connection is free, the index is current and searches here are
    /// cheap (`inlineSearchLimit`): on a small catalog the hop to a reader's thread and back costs
    /// about as much as the search. Any other runs on a reader's thread: a search of a large catalog
    /// would hold the caller's event loop (and its other connections) for hundreds of µs.
    func search(_ query: LocalQuery, fillingUpWith fallback: LocalQuery? = nil) async throws
        -> (products: [StoredProduct], totalFound: Int) {
        // Any failure here (`NotInMemory`, a closed store) sends the search to a reader's thread,
        // which reports a real error itself. The first reader whose connection is free takes it:
        // two event loops searching at once each find one, where both asking the least busy (the
        // same one, as neither counts as busy) sent one of them to that reader's thread.
        if let index = searchIndex, searchCost.load(ordering: .relaxed) < inlineSearchLimit {
            for reader in readers {
                guard let ran = try? reader.runHereIfFree({ db in
                    try index.whileCurrent(db) { try self.search(query, fillingUpWith: fallback, index: index, in: db, inMemory: true) }
                }) else { continue }  // busy, or failed
                if let answer = ran {
                    inMemorySearches.add(1, ordering: .relaxed)
                    return answer
                }
                break  // the index is behind the database: a reader's thread catches it up
            }
        }
        return try await reader.run { db in
            // One read transaction for the whole search, the index's catch-up included (it then
            // reflects the snapshot the rows are read from): each statement on its own took and
            // released SQLite's WAL read lock (fcntl calls) once per candidate row read.
            try db.reading {
                try self.searchIndex?.catchUp(db)
                return try self.search(query, fillingUpWith: fallback, index: self.searchIndex, in: db, inMemory: false)
            }
        }
    }

    private func search(_ query: LocalQuery, fillingUpWith fallback: LocalQuery?, index: SearchIndex?, in db: SQLiteConnection,
                        inMemory: Bool) throws -> (products: [StoredProduct], totalFound: Int) {
        // One search in 16 is timed (reading a thread's CPU clock is a system call), into an
        // exponentially weighted average (1/4 per sample; racing updates only lose a sample). CPU
        // time, not wall time: on busy cores a cheap search is often preempted midway.
        let started = searchesTimed.wrappingAdd(1, ordering: .relaxed).oldValue % 16 == 0 ? threadCPUNanoseconds() : nil
        defer {
            if let started {
                let cost = threadCPUNanoseconds() - started
                let average = searchCost.load(ordering: .relaxed)
                searchCost.store(average + (cost - average) / 4, ordering: .relaxed)
            }
        }
        var (products, total, isWidened) = try Self.searchWidening(query, index: index, in: db, inMemory: inMemory)
        if let fallback, products.count < query.limit {
            let (more, moreTotal) = try Self.search(fallback, index: index, in: db, inMemory: inMemory)
            products = Self.appending(more, to: products, upTo: .max, id: { $0.row.publicID })
            total = max(total, moreTotal)
        }
        // Counted once the search is answered (an in-memory try that gives up is not a search).
        if query.text?.canWiden == true {
            if isWidened {
                widenedSearches.add(1, ordering: .relaxed)
            } else {
                everyWordSearches.add(1, ordering: .relaxed)
            }
        }
        return (products, total)
    }

    static let countCap = 1_000

    /// Builds the in-memory search index now (else the first text search does).
    public func prepareSearchIndex() async throws {
        guard let searchIndex else { return }
        try await reader.run { db in try searchIndex.catchUp(db) }
    }
}
