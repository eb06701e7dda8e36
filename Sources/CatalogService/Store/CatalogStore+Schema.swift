import Foundation

/// The store's schema: creating and upgrading it (the full-text index is rebuilt when its columns
/// changed), and the category tokens the full-text index matches.
extension CatalogStore {
    /// Brings the schema up to date; returns how many products were re-indexed when the full-text
    /// table had to be rebuilt (a database from before `category_terms`), else `nil`.
    @discardableResult
    static func migrate(_ db: SQLiteConnection) throws -> Int? {
        let findFullText = try db.statement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'products_fts'")
        let hadFullText = try findFullText.step()
        findFullText.reset()
        try db.execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS categories (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE
            );
            CREATE TABLE IF NOT EXISTS category_terms (
                term TEXT NOT NULL,
                category_id INTEGER NOT NULL,
                PRIMARY KEY (term, category_id)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS products (
                rowid INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                source_id TEXT NOT NULL,
                title TEXT NOT NULL,
                brand TEXT,
                brand_key TEXT,
                category_id INTEGER NOT NULL,
                price REAL,
                list_price REAL,
                currency TEXT NOT NULL,
                description TEXT,
                rating REAL,
                rating_count INTEGER,
                popularity REAL NOT NULL DEFAULT 0,
                image_url TEXT,
                url TEXT,
                attributes TEXT NOT NULL DEFAULT '{}',
                title_words TEXT,
                other_words TEXT,
                UNIQUE (source, source_id)
            );
            CREATE INDEX IF NOT EXISTS products_category ON products(category_id, popularity);
            CREATE INDEX IF NOT EXISTS products_price ON products(currency, price);
            CREATE INDEX IF NOT EXISTS products_popularity ON products(popularity);
            CREATE INDEX IF NOT EXISTS products_brand ON products(brand_key);
            -- Every product write, in order: how a process's in-memory search index catches up
            -- with imports made by this or any other process (`SearchIndex`).
            CREATE TABLE IF NOT EXISTS product_changes (
                seq INTEGER PRIMARY KEY,
                product_rowid INTEGER NOT NULL
            );
            """)
        // Databases created before the ranking words were stored: add the columns; their old rows
        // keep NULL there and are tokenised when ranked, until they are imported again.
        let columns = try db.statement("SELECT name FROM pragma_table_info('products')")
        var names: Set<String> = []
        while try columns.step() { names.insert(columns.text(0) ?? "") }
        columns.reset()
        for column in ["title_words", "other_words"] where !names.contains(column) {
            try db.execute("ALTER TABLE products ADD COLUMN \(column) TEXT")
        }
        // The full-text table gained `category_terms` (a search narrows by category inside FTS5).
        // FTS5 cannot add a column, so an older table is dropped and rebuilt from `products`.
        var fullTextColumns: Set<String> = []
        if hadFullText {
            let info = try db.statement("SELECT name FROM pragma_table_info('products_fts')")
            while try info.step() { fullTextColumns.insert(info.text(0) ?? "") }
            info.reset()
        }
        let rebuilt = fullTextColumns.contains("category_terms") ? nil : try rebuildFullTextIndex(db)
        return try rederiveCategoryTerms(db, fullTextRebuilt: rebuilt != nil) ?? rebuilt
    }

    /// Works out every category path's terms again (`category_terms` and the full-text index's
    /// column) when the rules that derive them changed since the database was written
    /// (`CategoryVocabulary.termsRevision`, kept as SQLite's `user_version`): an import writes a
    /// path's terms once, and a search finds its candidates by them, so a database written under
    /// older rules kept filling a page with products the ranker then refused (the shared data's
    /// phone cases were phones). Returns how many products were re-indexed, else `nil`.
    static func rederiveCategoryTerms(_ db: SQLiteConnection, fullTextRebuilt: Bool) throws -> Int? {
        func revision() throws -> Int {
            let read = try db.statement("PRAGMA user_version")
            defer { read.reset() }
            return try read.step() ? read.int(0) ?? 0 : 0
        }
        guard try revision() != CategoryVocabulary.termsRevision else { return nil }
        try db.execute("BEGIN IMMEDIATE")
        do {
            // Another process may have done it while this one waited for the lock.
            guard try revision() != CategoryVocabulary.termsRevision else {
                try db.execute("COMMIT")
                return nil
            }
            try db.execute("DELETE FROM category_terms")
            let paths = try db.statement("SELECT id, path FROM categories")
            while try paths.step() {
                let terms = CategoryVocabulary.terms(ofPath: (paths.text(1) ?? "").components(separatedBy: " > "))
                try writeTerms(terms, ofCategory: paths.int(0) ?? 0, into: db)
            }
            paths.reset()
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        let reindexed = fullTextRebuilt ? nil : try rebuildFullTextIndex(db)
        try db.execute("PRAGMA user_version = \(CategoryVocabulary.termsRevision)")
        return reindexed
    }

    /// Writes a category's terms (`CategoryVocabulary.terms(ofPath:)`) into `category_terms`, by
    /// which a search looks its category up.
    static func writeTerms(_ terms: Set<String>, ofCategory categoryID: Int, into db: SQLiteConnection) throws {
        let addTerm = try db.statement("INSERT OR IGNORE INTO category_terms(term, category_id) VALUES (?1, ?2)")
        for term in terms {
            addTerm.reset()
            try addTerm.run([.text(term), .integer(categoryID)])
        }
    }

    /// The full-text index's tokenizer and its arguments: Porter stemming over unicode61, which
    /// folds case and removes diacritics. `FullTextTokenizer` opens the same one.
    static let fullTextTokenizer = ["porter", "unicode61", "remove_diacritics", "2"]

    static let createFullTextTable = """
        CREATE VIRTUAL TABLE products_fts USING fts5(
            \(FullTextDocument.columnNames.joined(separator: ", ")),
            tokenize = '\(fullTextTokenizer.joined(separator: " "))'
        )
        """

    /// Drops and re-creates `products_fts` and indexes every product again, in one transaction, from
    /// the same fields and with the same code an import uses. Returns how many products it indexed.
    static func rebuildFullTextIndex(_ db: SQLiteConnection) throws -> Int {
        try db.execute("BEGIN IMMEDIATE")
        do {
            try db.execute("DROP TABLE IF EXISTS products_fts")
            try db.execute(createFullTextTable)
            let rows = try db.statement("""
                SELECT p.rowid, p.title, p.brand, c.path, p.description, p.attributes
                FROM products p JOIN categories c ON c.id = p.category_id
                """)
            var categoryTokens: [String: String] = [:]
            var count = 0
            while try rows.step() {
                let path = (rows.text(3) ?? "").components(separatedBy: " > ")
                let pathText = path.joined(separator: " > ")
                let tokens = categoryTokens[pathText] ?? Self.categoryTokens(ofPath: path)
                categoryTokens[pathText] = tokens
                let document = FullTextDocument(
                    title: rows.text(1) ?? "", brand: rows.text(2), categoryPath: path, description: rows.text(4),
                    attributes: rows.withBytes(5) { JSONScanner.parseStringObject($0) }, categoryTokens: tokens)
                try insertFullTextRow(rowID: rows.int(0) ?? 0, document, into: db)
                count += 1
            }
            rows.reset()
            try db.execute("COMMIT")
            return count
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// The `category_terms` text of a category path: each canonical term the path answers to
    /// (`CategoryVocabulary.terms(ofPath:)`) as one token, so "running shoe" never matches as two
    /// words. Tokens are `c0` + the term's letters and digits ("c0runningshoe"): the tokenizer splits
    /// on spaces, `'` and `-`, and the prefix keeps a shopper's own words from ever matching them.
    static func categoryTokens(ofPath path: [String]) -> String {
        categoryTokens(of: CategoryVocabulary.terms(ofPath: path))
    }

    /// `categoryTokens(ofPath:)` of a path's terms already worked out.
    static func categoryTokens(of terms: Set<String>) -> String {
        terms.sorted().compactMap(categoryToken(forTerm:)).joined(separator: " ")
    }

    /// One canonical category term as its `category_terms` token; `nil` when it has no letter or digit.
    static func categoryToken(forTerm term: String) -> String? {
        if term.isAllASCII {  // ASCII (nearly every term): its letters and digits, byte by byte
            let kept = term.utf8.filter { ($0 | 0x20) &- UInt8(ascii: "a") < 26 || $0 &- UInt8(ascii: "0") < 10 }
            return kept.isEmpty ? nil : "c0" + String(decoding: kept, as: UTF8.self)
        }
        let kept = term.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        return kept.isEmpty ? nil : "c0" + String(String.UnicodeScalarView(kept))
    }
}
