import Foundation
import Shared
import Synchronization

/// The full-text index of the local catalog, held in memory: every product's terms (split by FTS5's
/// own tokenizer), with the few columns a search filters and orders by. A text search runs here
/// instead of through `products_fts`: it finds the same products, scores them with FTS5's bm25
/// formula to the last bit, and only the best few are then read from SQLite. Through FTS5 a search
/// paid a B-tree lookup into `products` for every match and a pass over each word's whole doclist
/// for its idf; here both are array reads.
///
/// SQLite stays the truth. The index catches up from `product_changes`, the log of every product
/// write, before each search that finds it behind: an import by this process shows up in the next
/// search, one by another process once `checkInterval` has passed (see `whileCurrent`). Readers
/// share the index under a read lock; catching up takes the write lock.
public final class SearchIndex: @unchecked Sendable {  // every stored property is read under `lock` or immutable
    private let lock = ReadWriteLock()
    private var products = IndexedProducts()
    private var isBuilt = false
    /// How long a check that found the index current holds for searches on the caller's thread.
    private let checkIntervalMilliseconds: UInt64
    /// Until when (milliseconds of `clockStart`) the last check holds, with this process's write
    /// count in the low bits: one word, so a write between a check's query and its record
    /// cancels the record (`whileCurrent`, `noteWrite`).
    private let knownCurrent = Atomic<UInt64>(0)
    private static let writeCountBits: UInt64 = 20
    private let clockStart = ContinuousClock.now
    /// Per-search working memory, reused: at most one per concurrent search.
    private let scratchPool = Mutex<[SearchScratch]>([])
    /// The products searches returned, at the index's revision.
    let productCache = ProductCache()

    /// - Parameter checkInterval: how long a check that found the index current spares the next
    ///   searches on the caller's thread the check (a query, two `fcntl` locks and an `fstat`).
    init(checkInterval: Duration = .milliseconds(50)) {
        checkIntervalMilliseconds = UInt64(max(0, checkInterval.wholeMilliseconds))
    }

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
        let latest = try IndexedProducts.change(.last, in: db)
        let isCurrent = lock.reading { isBuilt && products.revision >= latest }
        guard !isCurrent else { return }
        try lock.writing {
            guard !isBuilt || products.revision < latest else { return }
            let tokenizer = try db.fullTextTokenizer()
            // A log pruned past our revision, or more replaced than live: start again.
            let isLogPruned = try isBuilt && IndexedProducts.change(.first, in: db) > products.revision + 1
            if !isBuilt || products.deadCount > products.liveCount || isLogPruned {
                products = try IndexedProducts.load(from: db, tokenizer: tokenizer)
                isBuilt = true
            } else {
                try products.applyChanges(from: db, tokenizer: tokenizer)
            }
            productCache.reset(revision: products.revision)
        }
    }

    /// The last change the index reflects.
    var revision: Int { lock.reading { products.revision } }

    /// `body` under the read lock, if the index is built and reflects the newest change `db` sees;
    /// `nil` at once otherwise, or while a catch-up holds the write lock: never waits for one.
    ///
    /// A check that finds the index current holds for `checkInterval` (50 ms): a search asked
    /// SQLite for the change log's end every time, 6 % of the catalog's CPU and three of its five
    /// system calls per search. This process's writes (`noteWrite`) end it at once, so only a
    /// write by another process (`catalog-service import` beside the service) waits that long.
    func whileCurrent<T>(_ db: SQLiteConnection, _ body: () throws -> T) throws -> T? {
        try lock.readingIfFree { () throws -> T? in
            guard isBuilt else { return nil }
            let now = elapsedMilliseconds()
            let known = knownCurrent.load(ordering: .acquiring)
            if now >= known >> Self.writeCountBits {
                guard products.revision >= (try IndexedProducts.change(.last, in: db)) else { return nil }
                let writes = known & (1 << Self.writeCountBits - 1)
                // Fails when a write came meanwhile (or another search recorded a check): no record then.
                _ = knownCurrent.compareExchange(expected: known, desired: (now + checkIntervalMilliseconds) << Self.writeCountBits | writes,
                                                 ordering: .acquiringAndReleasing)
            }
            return try body()
        } ?? nil
    }

    /// This process wrote products: the next search checks the index against the log again.
    func noteWrite() {
        var known = knownCurrent.load(ordering: .acquiring)
        while true {
            let writes = (known + 1) & (1 << Self.writeCountBits - 1)  // the count wraps; any change cancels
            let (exchanged, original) = knownCurrent.compareExchange(expected: known, desired: writes, ordering: .acquiringAndReleasing)
            if exchanged { return }
            known = original
        }
    }

    private func elapsedMilliseconds() -> UInt64 {
        UInt64((ContinuousClock.now - clockStart).wholeMilliseconds)
    }

    /// The matches of a query, best first (at most `query.limit`), and how many match in all;
    /// `nil` when the index cannot answer exactly as FTS5 would (a word the tokenizer splits into
    /// several terms, which FTS5 matches as a phrase), and the caller asks SQLite instead.
    func search(_ query: LocalQuery, tokenizer: FullTextTokenizer) -> IndexedProducts.Answer? {
        guard let plan = Self.plan(of: query, tokenizer: tokenizer) else { return nil }
        return walk(plan, query).every
    }

    /// A widenable text query's AND and OR answers from one walk (`IndexedProducts.search`);
    /// `nil` when the query cannot widen by every group or the index cannot answer it exactly.
    func searchEveryAndAny(_ query: LocalQuery, tokenizer: FullTextTokenizer)
        -> (every: IndexedProducts.Answer, any: IndexedProducts.Answer)? {
        guard query.text?.widensByEveryGroup == true, let plan = Self.plan(of: query, tokenizer: tokenizer) else { return nil }
        return walk(plan, query)
    }

    private func walk(_ plan: IndexedProducts.Plan, _ query: LocalQuery) -> (every: IndexedProducts.Answer, any: IndexedProducts.Answer) {
        let scratch = scratchPool.withLock { $0.popLast() } ?? SearchScratch()
        defer { scratchPool.withLock { $0.append(scratch) } }
        return lock.reading { products.search(plan, query: query, scratch: scratch) }
    }

    /// The query's phrases as the index's terms: the category's tokens (when the category is
    /// known), then each group of words (AND), or all words as one group (OR). `nil` when a word
    /// is not exactly one term, for words that only score (a widened search's qualifiers), or for
    /// a filter-only search without a category (SQLite walks its popularity or price index for those).
    static func plan(of query: LocalQuery, tokenizer: FullTextTokenizer) -> IndexedProducts.Plan? {
        func terms(_ words: [String]) -> [String]? {
            var terms: [String] = []
            for word in words {
                let tokens = tokenizer.tokens(of: word)
                guard tokens.count == 1 else { return nil }
                terms.append(tokens[0])
            }
            return terms
        }
        var category: [String]?
        if let tokens = query.categoryTerms?.compactMap(CatalogStore.categoryToken(forTerm:)), !tokens.isEmpty {
            // Stemmed like any word: "c0mouse" is indexed as "c0mous".
            guard let stemmed = terms(tokens) else { return nil }
            category = stemmed.map(IndexedProducts.categoryKey)
        }
        guard let text = query.text else { return category.map { IndexedProducts.Plan(category: $0, words: []) } }
        // Words that only score (`TextQuery.scoredAlsoBy`) are FTS5's to weigh.
        guard text.scoredAlsoBy.isEmpty else { return nil }
        var words: [[String]] = []
        for group in text.needsEveryGroup ? text.groups : [Array(text.groups.joined())] {
            guard let groupTerms = terms(group) else { return nil }
            words.append(groupTerms)
        }
        return IndexedProducts.Plan(category: category, words: words)
    }
}

/// Working memory of one search, sized to the index: a mark and a running score per product.
/// Marks carry the search's epoch in their high bits, so nothing needs clearing between searches.
final class SearchScratch: @unchecked Sendable {  // one search at a time: taken from the pool, then returned
    var marks: [UInt32] = []
    var scores: [Double] = []
    var epoch: UInt32 = 0

    /// The next search's base mark: the epoch above the 10 bits each search uses for itself (the
    /// last word group seen and the count of groups, 5 bits each; see `IndexedProducts.search`).
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

    /// `body` under the read lock, or `nil` at once when a writer holds it.
    func readingIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard pthread_rwlock_tryrdlock(lock) == 0 else { return nil }
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func writing<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
