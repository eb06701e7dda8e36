import Foundation

/// The filters and text of one local search, in the store's terms.
struct LocalQuery: Sendable {
    /// The shopper's words; `nil` for a filter-only search.
    var text: TextQuery?
    /// Canonical category terms any of which the product's category must carry; `nil` for any.
    var categoryTerms: [String]?
    /// Per-currency price bounds; `nil` when no budget is set. Unpriced products never match a search.
    var priceBounds: [PriceBound]?
    /// Lower-cased brand names never returned (also matched as a title prefix when the brand is unknown).
    var excludedBrands: [String]
    var order: Order
    var limit: Int
    /// What one unit of each currency is worth in one common currency, so an order by price puts
    /// ₹999 ($12) before $19.98 (a currency not listed counts as 1). Without it a price order
    /// compared the bare numbers, and a catalog that sells in rupees and dollars kept its cheap
    /// rupee products out of "the cheapest" (and filled "the most expensive" with them).
    var priceScale: [String: Double] = [:]

    /// The price as `order` compares it.
    func comparablePrice(_ price: Double, currency: String) -> Double { price * (priceScale[currency] ?? 1) }

    struct PriceBound: Sendable {
        var currency: String
        var min: Double?
        var max: Double?
    }

    enum Order: Sendable {
        case relevance, popularity, priceAscending, priceDescending
    }
}

/// A search's words as FTS5 matches them: groups of normalised words, each group one wanted thing
/// (a query word, or any one of the brands asked for). No word is in two groups, so a product's
/// bm25 is the same whether it was found by every group or by any word.
struct TextQuery: Sendable, Equatable {
    var groups: [[String]]
    /// `true`: a product must have every group (AND); `false`: any word at all (OR).
    var needsEveryGroup: Bool

    /// Drops empty groups and words already in an earlier group, and a group that an earlier
    /// one-word group already satisfies ("logitech" asked for and among the brands); at most
    /// `maximumWords` words in all.
    init(groups: [[String]], needsEveryGroup: Bool, maximumWords: Int = 16) {
        var seen: Set<String> = [], kept: [[String]] = [], count = 0
        for group in groups {
            if group.contains(where: { kept.contains([$0]) }) { continue }
            var words: [String] = []
            for word in group where count < maximumWords && seen.insert(word).inserted {
                words.append(word)
                count += 1
            }
            if !words.isEmpty { kept.append(words) }
        }
        self.groups = kept
        self.needsEveryGroup = needsEveryGroup
    }

    /// The words a widened search may find a product by on its own; `nil`: any word. A word that
    /// only qualifies the thing wanted (a colour, a feature, a brand) finds the wrong things alone:
    /// "a red dress" on a catalog without dresses would otherwise show red t-shirts and mice.
    var widensBy: Set<String>?

    /// Words that find nothing alone but score the products found (`widened`: the qualifiers
    /// `widensBy` leaves out).
    var scoredAlsoBy: [String] = []

    /// Whether the AND and the OR of the groups can differ (more than one group).
    var canWiden: Bool { needsEveryGroup && groups.count > 1 }

    /// The OR of the groups a widened search finds products by: those with a word of `widensBy`
    /// (all of them without it); `nil` when it cannot widen or no group may find a product alone.
    /// The other groups' words still score what it finds: "a red dress for a wedding", which no
    /// listing has all of, finds dresses, the red ones first (before, the dresses with the most
    /// "dress" in the fewest words, and the reply said none came in red).
    var widened: TextQuery? {
        guard canWiden else { return nil }
        let kept = widensBy.map { words in groups.filter { $0.contains(where: words.contains) } } ?? groups
        guard !kept.isEmpty else { return nil }
        var wider = TextQuery(groups: kept, needsEveryGroup: false)
        // No word is in two groups (`init`), so none of these is among the kept groups' words.
        wider.scoredAlsoBy = Array(groups.filter { !kept.contains($0) }.joined())
        return wider
    }

    /// Whether its widened search is the OR of every group, which one walk of the in-memory
    /// index answers together with the AND (`SearchIndex.searchEveryAndAny`).
    var widensByEveryGroup: Bool {
        canWiden && (widensBy.map { words in groups.allSatisfy { $0.contains(where: words.contains) } } ?? true)
    }

    /// The FTS5 expression: each word a quoted string (quotes inside doubled), so no input is syntax.
    var expression: String {
        func quoted(_ word: String) -> String { "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        guard needsEveryGroup else {
            let any = groups.joined().map(quoted).joined(separator: " OR ")
            guard !scoredAlsoBy.isEmpty else { return any }
            // Found by `any`, scored by every word: bm25 sums over the expression's phrases.
            return "(\(any)) AND (\(any) OR \(scoredAlsoBy.map(quoted).joined(separator: " OR ")))"
        }
        return groups.map { group in
            group.count == 1 ? quoted(group[0]) : "(" + group.map(quoted).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }
}

/// The SQL of a local search: one pass over the full-text matches, or an index walk for a
/// filter-only search.
extension CatalogStore {
    /// A search's tables, conditions and their bound values.
    struct Clauses {
        var from: String
        var whereClause: String
        var values: [SQLiteValue]
    }

    static func clauses(of query: LocalQuery) -> Clauses {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        func parameter(_ value: SQLiteValue) -> String {
            values.append(value)
            return "?\(values.count)"
        }
        let from: String
        if let fullText = query.text?.expression {
            // CROSS JOIN fixes the full-text index as the outer loop. Left to itself, the planner
            // may walk the price index instead and run the MATCH once per priced product: with
            // 90,000 products a capped count took about 300 ms that way, 8 ms this way.
            from = "products_fts f CROSS JOIN products p ON p.rowid = f.rowid"
            conditions.append("products_fts MATCH \(parameter(.text(fullTextExpression(fullText, categoryTerms: query.categoryTerms))))")
        } else {
            from = "products p JOIN categories c ON c.id = p.category_id"
        }
        if let terms = query.categoryTerms {
            let list = terms.map { parameter(.text($0)) }.joined(separator: ",")
            conditions.append("p.category_id IN (SELECT category_id FROM category_terms WHERE term IN (\(list)))")
        }
        conditions.append("p.price IS NOT NULL")  // a product with no current price cannot be bought
        if let bounds = query.priceBounds {
            // With a category, `+` keeps the planner off the price index: it walked every product
            // under the budget (most of 90,000) checking each one's category, 20-35 ms of CPU for
            // "memory under $150"; from the category's index it reads the category only, 4-7 ms.
            let currency = query.categoryTerms == nil ? "p.currency" : "+p.currency"
            let alternatives = bounds.map { bound -> String in
                var parts = ["\(currency) = \(parameter(.text(bound.currency)))"]
                if let min = bound.min { parts.append("p.price >= \(parameter(.real(min)))") }
                if let max = bound.max { parts.append("p.price <= \(parameter(.real(max)))") }
                return "(" + parts.joined(separator: " AND ") + ")"
            }
            conditions.append(alternatives.isEmpty ? "0" : "(" + alternatives.joined(separator: " OR ") + ")")
        }
        for brand in query.excludedBrands {
            let name = parameter(.text(brand))
            let prefix = parameter(.text(brand.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + " %"))
            conditions.append("coalesce(p.brand_key, '') <> \(name)")
            conditions.append("NOT (p.brand_key IS NULL AND lower(p.title) LIKE \(prefix))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return Clauses(from: from, whereClause: whereClause, values: values)
    }

    /// bm25 with the columns' weights (`FullTextDocument.columnWeights`).
    static let bm25 = "bm25(products_fts, " + FullTextDocument.columnWeights.map { "\($0)" }.joined(separator: ", ") + ")"

    /// The FTS5 expression for the shopper's words, narrowed to a known category inside FTS5 itself:
    /// FTS5 then intersects the words' matches with the category's before any row is joined or
    /// scored. ("running shoes" matched 50,624 products by its words alone, 620 of them shoes.)
    /// The category condition on `products` stays: it is the exact constraint, this only narrows.
    static func fullTextExpression(_ words: String, categoryTerms: [String]?) -> String {
        guard let terms = categoryTerms?.compactMap(categoryToken(forTerm:)), !terms.isEmpty else { return words }
        return "category_terms : (" + terms.map { "\"\($0)\"" }.joined(separator: " OR ") + ") AND (" + words + ")"
    }

    /// A filter-only search's query; its last parameter is the limit.
    static func filterOnlySQL(_ clauses: Clauses, order: LocalQuery.Order, priceScale: [String: Double] = [:]) -> String {
        // Currency codes and rates as literals: codes are three capital letters (others are left
        // at 1), rates finite numbers.
        let scaled = priceScale.filter { code, rate in
            code.utf8.count == 3 && code.utf8.allSatisfy { $0 &- UInt8(ascii: "A") < 26 } && rate.isFinite && rate > 0
        }
        let price = scaled.isEmpty ? "p.price"
            : "p.price * CASE p.currency " + scaled.sorted { $0.key < $1.key }.map { "WHEN '\($0.key)' THEN \($0.value) " }.joined()
                + "ELSE 1 END"
        let orderBy = switch order {
        case .relevance, .popularity: "p.popularity DESC"
        case .priceAscending: "p.price IS NULL, \(price) ASC"
        case .priceDescending: "p.price IS NULL, \(price) DESC"
        }
        return """
            SELECT \(candidateColumns) FROM \(clauses.from) \(clauses.whereClause)
            ORDER BY \(orderBy) LIMIT ?\(clauses.values.count + 1)
            """
    }

    /// The plan SQLite picks for a filter-only search, one `EXPLAIN QUERY PLAN` line per step.
    static func plan(of query: LocalQuery, in db: SQLiteConnection) throws -> String {
        let clauses = clauses(of: query)
        let explain = try db.statement("EXPLAIN QUERY PLAN " + filterOnlySQL(clauses, order: query.order, priceScale: query.priceScale))
        try explain.bind(clauses.values + [.integer(query.limit)])
        defer { explain.reset() }
        var lines: [String] = []
        while try explain.step() { lines.append(explain.text(3) ?? "") }
        return lines.joined(separator: "\n")
    }

    /// AND first, OR when that is not enough: a text query that needs every group and finds fewer
    /// products than its limit runs again with any word that may find a product alone
    /// (`TextQuery.widened`). The products with every word stay first, then the best of the others;
    /// `totalFound` is then the count of the wider query. `isWidened` says which ran. (When the OR
    /// has every word, both queries score a product alike, and the index answers both in one walk.)
    static func searchWidening(_ query: LocalQuery, index: SearchIndex? = nil, in db: SQLiteConnection,
                               inMemory: Bool = false) throws
        -> (products: [StoredProduct], totalFound: Int, isWidened: Bool) {
        if let index, let (every, any) = index.searchEveryAndAny(query, tokenizer: try db.fullTextTokenizer()) {
            guard every.hits.count < query.limit else {
                return (try products(of: every.hits, index: index, in: db, inMemory: inMemory), every.total, false)
            }
            let widened = Self.appending(any.hits, to: every.hits, upTo: query.limit, id: \.rowID)
            return (try products(of: widened, index: index, in: db, inMemory: inMemory), any.total, true)
        }
        let (products, total) = try search(query, index: index, in: db, inMemory: inMemory)
        guard let widened = query.text?.widened, products.count < query.limit else { return (products, total, false) }
        var wider = query
        wider.text = widened
        // By relevance whatever the order, which finds the products with more of the words; the
        // ranker then orders them by price or rating. Sorted by price, "external hard drive 2tb"
        // widened to the cheapest drives of any size, and none of them was 2TB.
        wider.order = .relevance
        let (more, moreTotal) = try search(wider, index: index, in: db, inMemory: inMemory)
        return (appending(more, to: products, upTo: query.limit, id: { $0.row.publicID }), moreTotal, true)
    }

    /// `first`, then those of `more` not in it (by `id`), in `more`'s order, up to `limit` in all:
    /// a widened search's list, or a search filled up with its category's products.
    static func appending<Item, ID: Hashable>(_ more: [Item], to first: [Item], upTo limit: Int, id: (Item) -> ID) -> [Item] {
        let found = Set(first.map(id))
        var list = first
        for item in more where !found.contains(id(item)) {
            guard list.count < limit else { break }
            list.append(item)
        }
        return list
    }

    /// One search: by `index` when given and it can answer exactly, else by SQLite (FTS5 for text).
    /// - Parameter inMemory: answer from the index and its product cache alone, or throw
    ///   `NotInMemory` (no row is read: the caller's thread must not wait on the disk).
    static func search(_ query: LocalQuery, index: SearchIndex? = nil, in db: SQLiteConnection,
                       inMemory: Bool = false) throws -> (products: [StoredProduct], totalFound: Int) {
        if let index, let (hits, total) = index.search(query, tokenizer: try db.fullTextTokenizer()) {
            // A filter-only search counts at most `countCap`, as its SQL does.
            let counted = query.text != nil || hits.count < query.limit ? total : min(total, countCap)
            return (try products(of: hits, index: index, in: db, inMemory: inMemory), counted)
        }
        if inMemory { throw NotInMemory() }
        let clauses = clauses(of: query)
        if query.text != nil {
            return try scanMatches(of: query, clauses, in: db)
        }
        let select = try db.statement(filterOnlySQL(clauses, order: query.order, priceScale: query.priceScale))
        try select.bind(clauses.values + [.integer(query.limit)])
        var products: [StoredProduct] = []
        while try select.step() {
            products.append(product(from: select))
        }
        select.reset()
        guard products.count >= query.limit else { return (products, products.count) }
        // Filter-only: the planner walks an index in the requested order and stops at the limit,
        // so the count is a second, capped query.
        let count = try db.statement("""
            SELECT count(*) FROM (SELECT 1 FROM \(clauses.from) \(clauses.whereClause) LIMIT \(countCap))
            """)
        try count.bind(clauses.values)
        let total = try count.step() ? count.int(0) ?? products.count : products.count
        count.reset()
        return (products, total)
    }

    /// One full-text match in the scan: what it is ordered by, lower first, then by row.
    struct ScanHit {
        var rowID: Int
        var key: Double
        var relevance: Double

        static func precedes(_ a: ScanHit, _ b: ScanHit) -> Bool {
            (a.key, a.rowID) < (b.key, b.rowID)
        }
    }

    /// The best `limit` of a stream of hits, kept without sorting them all.
    struct BestHits {
        let limit: Int
        private var hits: [ScanHit] = []

        init(limit: Int) {
            self.limit = max(1, limit)
            hits.reserveCapacity(2 * self.limit + 64)
        }

        mutating func add(_ hit: ScanHit) {
            hits.append(hit)
            if hits.count >= 2 * limit + 64 {
                hits.sort(by: ScanHit.precedes)
                hits.removeLast(hits.count - limit)
            }
        }

        /// The kept hits, best first.
        func sorted() -> [ScanHit] {
            Array(hits.sorted(by: ScanHit.precedes).prefix(limit))
        }
    }

    /// A full-text search as one pass over its matches. Every match has to be scored anyway
    /// (`ORDER BY bm25` reads them all), so the same pass counts them and keeps the best few row
    /// ids and sort keys; only those products are then read whole. Before, SQLite's sorter copied
    /// every match's full row (description, attributes) and a second capped query ran the `MATCH`
    /// again just to count.
    private static func scanMatches(of query: LocalQuery, _ clauses: Clauses, in db: SQLiteConnection) throws
        -> (products: [StoredProduct], totalFound: Int) {
        let scan = try db.statement("""
            SELECT p.rowid, \(bm25), p.popularity, p.price, p.currency
            FROM \(clauses.from) \(clauses.whereClause)
            """)
        try scan.bind(clauses.values)
        defer { scan.reset() }
        var best = BestHits(limit: query.limit)
        var total = 0
        while try scan.step() {
            total += 1
            let bm25 = scan.double(1) ?? 0
            let key = switch query.order {
            case .relevance: bm25  // lower is better
            case .popularity: -(scan.double(2) ?? 0)
            case .priceAscending: scan.double(3).map { query.comparablePrice($0, currency: scan.text(4) ?? "") } ?? .infinity
            case .priceDescending: -(scan.double(3).map { query.comparablePrice($0, currency: scan.text(4) ?? "") } ?? -.infinity)
            }
            best.add(ScanHit(rowID: scan.int(0) ?? 0, key: key, relevance: -bm25))
        }
        return (try products(of: best.sorted(), in: db), total)
    }

    /// The hits' products, read whole, in the hits' order. With an index, rows its cache holds at
    /// the index's revision are not read again, and rows read from a snapshot at that revision are
    /// kept for the next search.
    /// With `inMemory`, a row the cache does not hold throws `NotInMemory` instead of being read.
    static func products(of hits: [ScanHit], index: SearchIndex? = nil, in db: SQLiteConnection,
                         inMemory: Bool = false) throws -> [StoredProduct] {
        let revision = index?.revision
        let cached = if let index, let revision {
            index.productCache.products(hits.map(\.rowID), at: revision)
        } else {
            [Int: StoredProduct]()
        }
        var products: [StoredProduct] = []
        var read: [(rowID: Int, product: StoredProduct)] = []
        var fetch: SQLiteStatement?
        for hit in hits {
            if var product = cached[hit.rowID] {
                product.relevance = hit.relevance
                products.append(product)
                continue
            }
            if inMemory { throw NotInMemory() }
            let statement = try fetch ?? db.statement("""
                SELECT \(candidateColumns) FROM products p JOIN categories c ON c.id = p.category_id WHERE p.rowid = ?1
                """)
            fetch = statement
            try statement.bind([.integer(hit.rowID)])
            defer { statement.reset() }
            if try statement.step() {
                let product = product(from: statement, relevance: hit.relevance)
                products.append(product)
                read.append((hit.rowID, product))
            }
        }
        // Only a snapshot at the index's revision may fill the cache (an older one would keep stale rows).
        if let index, let revision, !read.isEmpty, try IndexedProducts.change(.last, in: db) == revision {
            index.productCache.fill(read, at: revision)
        }
        return products
    }
}

/// A search asked to answer from memory alone (`inMemory`) needs a row or a query of SQLite's.
struct NotInMemory: Error {}
