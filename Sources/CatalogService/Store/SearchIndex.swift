import Foundation
import Synchronization

/// The full-text index of the local catalog, held in memory: every product's terms (split by FTS5's
/// own tokenizer), with the few columns a search filters and orders by. A text search runs here
/// instead of through `products_fts`: it finds the same products, scores them with FTS5's bm25
/// formula to the last bit, and only the best few are then read from SQLite. Through FTS5 a search
/// paid a B-tree lookup into `products` for every match and a pass over each word's whole doclist
/// for its idf; here both are array reads.
///
/// SQLite stays the truth. The index catches up from `product_changes`, the log of every product
/// write, before each search that finds it behind, so imports by this process or any other show up
/// in the next search. Readers share the index under a read lock; catching up takes the write lock.
public final class SearchIndex: @unchecked Sendable {  // every stored property is read under `lock` or immutable
    private let lock = ReadWriteLock()
    private var products = IndexedProducts()
    private var isBuilt = false
    /// Per-search working memory, reused: at most one per concurrent search.
    private let scratchPool = Mutex<[SearchScratch]>([])

    /// The products' terms, weights and filter columns (see `IndexedProducts`).
    var productCount: Int { lock.reading { products.liveCount } }

    /// The index's size: live products, distinct terms and postings.
    public var size: (products: Int, terms: Int, postings: Int) {
        lock.reading {
            let counts = products.termAndPostingCounts
            return (products.liveCount, counts.terms, counts.postings)
        }
    }

    /// Brings the index up to date with the database `db` reads (building it on first use).
    func catchUp(_ db: SQLiteConnection) throws {
        let latest = try Self.latestChange(db)
        let isCurrent = lock.reading { isBuilt && products.revision >= latest }
        guard !isCurrent else { return }
        try lock.writing {
            guard !isBuilt || products.revision < latest else { return }
            let tokenizer = try db.fullTextTokenizer()
            // A log pruned past our revision, or more replaced than live: start again.
            let isLogPruned = try isBuilt && Self.firstChange(db) > products.revision + 1
            if !isBuilt || products.deadCount > products.liveCount || isLogPruned {
                products = try IndexedProducts.load(from: db, tokenizer: tokenizer)
                isBuilt = true
            } else {
                try products.applyChanges(from: db, tokenizer: tokenizer)
            }
        }
    }

    /// The log's last sequence number (0 when empty).
    private static func latestChange(_ db: SQLiteConnection) throws -> Int {
        let statement = try db.statement("SELECT seq FROM product_changes ORDER BY seq DESC LIMIT 1")
        defer { statement.reset() }
        return try statement.step() ? statement.int(0) ?? 0 : 0
    }

    private static func firstChange(_ db: SQLiteConnection) throws -> Int {
        let statement = try db.statement("SELECT seq FROM product_changes ORDER BY seq LIMIT 1")
        defer { statement.reset() }
        return try statement.step() ? statement.int(0) ?? 0 : 0
    }

    /// The matches of a query, best first (at most `query.limit`), and how many match in all;
    /// `nil` when the index cannot answer exactly as FTS5 would (a word the tokenizer splits into
    /// several terms, which FTS5 matches as a phrase), and the caller asks SQLite instead.
    func search(_ query: LocalQuery, tokenizer: FullTextTokenizer) -> (hits: [CatalogStore.ScanHit], total: Int)? {
        guard let plan = Self.phraseGroups(of: query.text, categoryTerms: query.categoryTerms, tokenizer: tokenizer)
        else { return nil }
        let scratch = scratchPool.withLock { $0.popLast() } ?? SearchScratch()
        defer { scratchPool.withLock { $0.append(scratch) } }
        return lock.reading { products.search(plan, query: query, scratch: scratch) }
    }

    /// A widenable text query's AND and OR answers from one walk (`IndexedProducts.searchEveryAndAny`);
    /// `nil` when the query cannot widen or the index cannot answer it exactly.
    func searchEveryAndAny(_ query: LocalQuery, tokenizer: FullTextTokenizer)
        -> (every: (hits: [CatalogStore.ScanHit], total: Int), any: (hits: [CatalogStore.ScanHit], total: Int))? {
        guard let text = query.text, text.canWiden,
              let groups = Self.phraseGroups(of: text, categoryTerms: query.categoryTerms, tokenizer: tokenizer)
        else { return nil }
        let hasCategory = groups.count > text.groups.count
        let scratch = scratchPool.withLock { $0.popLast() } ?? SearchScratch()
        defer { scratchPool.withLock { $0.append(scratch) } }
        return lock.reading {
            products.searchEveryAndAny(category: hasCategory ? groups[0] : nil, words: Array(groups.dropFirst(hasCategory ? 1 : 0)),
                                       query: query, scratch: scratch)
        }
    }

    /// The FTS5 expression's phrases as groups of terms, in the expression's order: the category
    /// tokens first (any of them, in `category_terms` only), then each group of words (AND), or all
    /// words as one group (OR). A filter-only search (no text) is its category group alone.
    /// `nil` when a word is not exactly one term, or for a filter-only search without a category
    /// (SQLite walks its popularity or price index for those).
    static func phraseGroups(of text: TextQuery?, categoryTerms: [String]?, tokenizer: FullTextTokenizer) -> [[String]]? {
        var groups: [[String]] = []
        if let tokens = categoryTerms?.compactMap(CatalogStore.categoryToken(forTerm:)), !tokens.isEmpty {
            // Stemmed like any word: "c0mouse" is indexed as "c0mous".
            var terms: [String] = []
            for token in tokens {
                let stemmed = tokenizer.tokens(of: token)
                guard stemmed.count == 1 else { return nil }
                terms.append(IndexedProducts.categoryKey(stemmed[0]))
            }
            groups.append(terms)
        }
        guard let text else { return groups.isEmpty ? nil : groups }
        let wordGroups = text.needsEveryGroup ? text.groups : [Array(text.groups.joined())]
        for group in wordGroups {
            var terms: [String] = []
            for word in group {
                let tokens = tokenizer.tokens(of: word)
                guard tokens.count == 1 else { return nil }
                terms.append(tokens[0])
            }
            groups.append(terms)
        }
        return groups
    }
}

/// Working memory of one search, sized to the index: a mark and a running score per product.
/// Marks carry the search's epoch in their high bits, so nothing needs clearing between searches.
final class SearchScratch: @unchecked Sendable {  // one search at a time: taken from the pool, then returned
    var marks: [UInt32] = []
    var scores: [Double] = []
    var epoch: UInt32 = 0

    /// The next search's base mark: the epoch above 10 bits each search uses for itself (a level,
    /// or `searchEveryAndAny`'s last group and group count, 5 bits each).
    func nextBase(count: Int) -> UInt32 {
        if marks.count < count {
            marks += repeatElement(0, count: count - marks.count)
            scores += repeatElement(0, count: count - scores.count)
        }
        epoch += 1
        if epoch >= UInt32.max >> 10 - 1 {  // every 4 million searches the marks start over
            for index in marks.indices { marks[index] = 0 }
            epoch = 1
        }
        return epoch << 10
    }
}

/// A lock many readers hold at once and a writer alone.
final class ReadWriteLock: @unchecked Sendable {  // the pthread lock is the synchronisation
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() { pthread_rwlock_init(lock, nil) }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func reading<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func writing<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
