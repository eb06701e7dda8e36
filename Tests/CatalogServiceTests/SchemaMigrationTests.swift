@testable import CatalogService
import Foundation
import Logging
import Shared
import Testing
import TestSupport

/// A database written by an older version is brought up to date when the store opens it.
@Suite(.timeLimit(.minutes(1)))
struct SchemaMigrationTests {
    /// Products as the previous schema held them: `(source_id, title, category path, price)`.
    static let products: [(String, String, String, Double)] = [
        ("1", "Swift Runner running shoes", "Footwear > Running Shoes", 60),
        ("2", "Acme Book 14 laptop 16GB", "Electronics > Laptops", 700),
        ("3", "Padded laptop sleeve for running errands", "Bags > Laptop Bags", 25),
    ]

    /// Writes a database with the schema of before `products_fts.category_terms` (five FTS columns).
    static func writeOldDatabase(at path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let db = try SQLiteConnection(path: path, isReadOnly: false)
        try db.execute("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE categories (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
            CREATE TABLE category_terms (term TEXT NOT NULL, category_id INTEGER NOT NULL,
                PRIMARY KEY (term, category_id)) WITHOUT ROWID;
            CREATE TABLE products (
                rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, source_id TEXT NOT NULL, title TEXT NOT NULL,
                brand TEXT, brand_key TEXT, category_id INTEGER NOT NULL, price REAL, list_price REAL,
                currency TEXT NOT NULL, description TEXT, rating REAL, rating_count INTEGER,
                popularity REAL NOT NULL DEFAULT 0, image_url TEXT, url TEXT, attributes TEXT NOT NULL DEFAULT '{}',
                title_words TEXT, other_words TEXT, UNIQUE (source, source_id));
            CREATE VIRTUAL TABLE products_fts USING fts5(title, brand, category, description, attributes,
                tokenize = 'porter unicode61 remove_diacritics 2');
            """)
        for (index, (id, title, pathText, price)) in products.enumerated() {
            let categoryID = index + 1
            try db.statement("INSERT INTO categories(id, path) VALUES (?1, ?2)").run([.integer(categoryID), .text(pathText)])
            for term in CategoryVocabulary.terms(ofPath: pathText.components(separatedBy: " > ")) {
                try db.statement("INSERT INTO category_terms(term, category_id) VALUES (?1, ?2)")
                    .run([.text(term), .integer(categoryID)])
            }
            try db.statement("""
                INSERT INTO products(rowid, source, source_id, title, category_id, price, currency)
                VALUES (?1, 'old', ?2, ?3, ?4, ?5, 'USD')
                """).run([.integer(categoryID), .text(id), .text(title), .integer(categoryID), .real(price)])
            try db.statement("INSERT INTO products_fts(rowid, title, category) VALUES (?1, ?2, ?3)")
                .run([.integer(categoryID), .text(title), .text(pathText.replacingOccurrences(of: " > ", with: " "))])
        }
    }

    @Test func anOldFullTextIndexIsRebuiltAndSearchedByCategory() async throws {
        let path = try temporaryDatabasePath()
        try Self.writeOldDatabase(at: path)
        let logger = Logger(label: "migration-test")
        let store = try await CatalogStore(path: path, readerCount: 1, logger: logger)
        let (columns, rowCount, secondRun) = try await store.withWriter { db in
            let info = try db.statement("SELECT name FROM pragma_table_info('products_fts')")
            var columns: [String] = []
            while try info.step() { columns.append(info.text(0) ?? "") }
            info.reset()
            let count = try db.statement("SELECT count(*) FROM products_fts")
            let rows = try count.step() ? count.int(0) ?? 0 : 0
            count.reset()
            return (columns, rows, try CatalogStore.migrate(db))
        }
        #expect(columns.contains("category_terms"))
        #expect(rowCount == Self.products.count)
        #expect(secondRun == nil)  // an up-to-date table is left alone

        let rates = CurrencyRates()
        let search = SearchService(store: store, sources: [LocalCatalogSource(store: store, rates: rates)], rates: rates,
                                   sourceDeadline: .seconds(10), metrics: CatalogMetrics(registry: MetricsRegistry()),
                                   logger: logger)
        // "running" and "laptop" each appear in two categories' titles; the category decides.
        let shoes = try await search.search(RequirementSpec(category: "shoes", query: "running laptop", budget: .init(max: 100)),
                                            limit: 5, sourceNames: nil)
        #expect(shoes.products.map(\.id) == ["old:1"])
        #expect(shoes.products.first?.matchReasons == ["under $100"])
        let laptops = try await search.search(RequirementSpec(category: "laptops", query: "running laptop", budget: .init(max: 1_000)),
                                              limit: 5, sourceNames: nil)
        #expect(laptops.products.map(\.id) == ["old:2"])
        let anywhere = try await search.search(RequirementSpec(query: "laptop"), limit: 5, sourceNames: nil)
        #expect(Set(anywhere.products.map(\.id)) == ["old:2", "old:3"])
        await store.close()
    }

    /// A database written under older rules for a path's terms (the shared data's phone pouches
    /// were phones) has them worked out again when opened, in both tables, once.
    @Test func categoryTermsOfAnOlderRevisionAreWorkedOutAgain() async throws {
        let path = try temporaryDatabasePath()
        let directory = try makeTemporaryDirectory("catalog-terms")
        try #"{"id":"p1","source":"old","title":"Acme Pouch","price":5,"category_path":["Mobiles & Accessories","Mobile Pouches"]}"#
            .write(to: directory.appendingPathComponent("old.jsonl"), atomically: true, encoding: .utf8)
        let logger = Logger(label: "terms-test")
        var store = try await CatalogStore(path: path, readerCount: 1, logger: logger)
        _ = try await CatalogImporter(store: store).importFiles([directory.path])
        @Sendable func phoneRows(_ db: SQLiteConnection) throws -> Int {
            let count = try db.statement("""
                SELECT (SELECT count(*) FROM category_terms WHERE term = 'phone')
                     + (SELECT count(*) FROM products_fts WHERE products_fts MATCH 'category_terms : c0phone')
                """)
            defer { count.reset() }
            return try count.step() ? count.int(0) ?? 0 : 0
        }
        // As an older revision wrote it: the department's "Mobiles" made the pouch a phone.
        try await store.withWriter { db in
            try db.execute("""
                INSERT INTO category_terms(term, category_id) SELECT 'phone', id FROM categories;
                UPDATE products_fts SET category_terms = category_terms || ' c0phone';
                PRAGMA user_version = 1;
                """)
            #expect(try phoneRows(db) == 2)
        }
        await store.close()
        store = try await CatalogStore(path: path, readerCount: 1, logger: logger)
        try await store.withWriter { db in
            #expect(try phoneRows(db) == 0)
            let version = try db.statement("PRAGMA user_version")
            #expect(try version.step() && version.int(0) == CategoryVocabulary.termsRevision)
            version.reset()
            #expect(try CatalogStore.rederiveCategoryTerms(db, fullTextRebuilt: false) == nil)  // up to date: left alone
        }
        await store.close()
    }

    @Test func categoryTokensAreOneWordPerTerm() {
        #expect(CatalogStore.categoryToken(forTerm: "running shoe") == "c0runningshoe")
        #expect(CatalogStore.categoryToken(forTerm: "women's clothing") == "c0womensclothing")
        #expect(CatalogStore.categoryToken(forTerm: "t-shirt") == "c0tshirt")
        #expect(CatalogStore.categoryToken(forTerm: "' -") == nil)
        #expect(CatalogStore.categoryToken(forTerm: "USB-C Hubs 2") == "c0USBCHubs2")  // the ASCII path keeps case, as the other
        #expect(CatalogStore.categoryToken(forTerm: "décor & cafés") == "c0décorcafés")
        #expect(CatalogStore.fullTextExpression(#""a" OR "b""#, categoryTerms: ["laptop", "video card"])
            == #"category_terms : ("c0laptop" OR "c0videocard") AND ("a" OR "b")"#)
        #expect(CatalogStore.fullTextExpression(#""a""#, categoryTerms: nil) == #""a""#)
    }
}
