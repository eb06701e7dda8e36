import Foundation

/// What `SearchIndex` holds: per product (a document number, dense from 0) the columns a search
/// filters and orders by, and per term its postings in document order. A replaced product's old
/// document stays in the postings, marked dead, until the index is next loaded whole.
struct IndexedProducts {
    /// One product having one term: the term's bm25 frequency there, each occurrence counted at its
    /// column's weight (FTS5's `aFreq`).
    struct Posting {
        var document: UInt32
        var weight: Float
    }

    // Per document.
    private(set) var rowIDs: [Int] = []
    private var isLive: [Bool] = []
    /// Tokens in all columns: bm25's document length.
    private var lengths: [UInt32] = []
    /// `.nan` for a product with no current price.
    private var prices: [Double] = []
    private var currencies: [UInt16] = []
    private var popularity: [Double] = []
    private var categoryIDs: [Int32] = []
    /// `brandIDs` of the product's `brand_key`; -1 when it has none.
    private var brands: [Int32] = []
    /// The title, ASCII letters lower-cased, of products without a `brand_key` (an excluded brand is
    /// also matched as their title's first words, as SQL's `lower(title) LIKE 'brand %'` does).
    private var titlesWithoutBrand: [UInt32: [UInt8]] = [:]
    private var documentOfRow: [Int: UInt32] = [:]

    // Per term.
    private var termIDs: [String: Int32] = [:]
    private var postings: [[Posting]] = []

    private var currencyIDs: [String: UInt16] = [:]
    private var brandIDs: [String: Int32] = [:]
    /// Canonical category term → the categories answering to it (the `category_terms` table).
    private var categoriesOfTerm: [String: [Int32]] = [:]
    private var lastCategoryID = 0

    private(set) var liveCount = 0
    private(set) var deadCount = 0
    /// Tokens in all live documents: with `liveCount`, bm25's average document length.
    private var totalTokens = 0
    /// The last `product_changes` entry the index reflects.
    private(set) var revision = 0

    /// A category token's key: FTS5 matches `category_terms : "c0shoe"` in that column only, so
    /// those tokens are also indexed under a key no tokenizer output has (tokens are letters and digits).
    static func categoryKey(_ token: String) -> String { "category_terms:" + token }

    /// Distinct terms, and postings over all of them (dead documents' included).
    var termAndPostingCounts: (terms: Int, postings: Int) {
        (postings.count, postings.reduce(0) { $0 + $1.count })
    }

    // MARK: Loading

    /// The columns a document is made of: the product's filter columns, then `products_fts`' own
    /// text, so the index tokenizes exactly what FTS5 indexed.
    private static let documentSQL = """
        SELECT p.rowid, p.brand_key, p.category_id, p.price, p.currency, p.popularity, p.title,
            f.title, f.brand, f.category, f.description, f.attributes, f.category_terms
        FROM products p CROSS JOIN products_fts f ON f.rowid = p.rowid
        """
    private static let firstTextColumn: Int32 = 7

    /// Every product of the database, as of one read transaction.
    static func load(from db: SQLiteConnection, tokenizer: FullTextTokenizer) throws -> IndexedProducts {
        try db.reading { try load(inTransaction: db, tokenizer: tokenizer) }
    }

    private static func load(inTransaction db: SQLiteConnection, tokenizer: FullTextTokenizer) throws -> IndexedProducts {
        var index = IndexedProducts()
        index.revision = try change(.last, in: db)
        try index.loadCategoryTerms(db)
        let rows = try db.statement(documentSQL)
        var builder = DocumentBuilder()
        while try rows.step() {
            index.add(rows, tokenizer: tokenizer, builder: &builder)
        }
        rows.reset()
        return index
    }

    enum LogEnd { case first, last }

    /// The sequence number of the first or the last entry of `product_changes` (0 when empty).
    static func change(_ end: LogEnd, in db: SQLiteConnection) throws -> Int {
        let statement = try db.statement("SELECT seq FROM product_changes ORDER BY seq \(end == .last ? "DESC" : "ASC") LIMIT 1")
        defer { statement.reset() }
        return try statement.step() ? statement.int(0) ?? 0 : 0
    }

    /// Applies the product writes logged after `revision`: each written product is indexed again.
    mutating func applyChanges(from db: SQLiteConnection, tokenizer: FullTextTokenizer) throws {
        try db.reading { try applyChanges(inTransaction: db, tokenizer: tokenizer) }
    }

    private mutating func applyChanges(inTransaction db: SQLiteConnection, tokenizer: FullTextTokenizer) throws {
        let changes = try db.statement("SELECT seq, product_rowid FROM product_changes WHERE seq > ?1 ORDER BY seq")
        try changes.bind([.integer(revision)])
        var written: [Int] = [], seen: Set<Int> = [], last = revision
        while try changes.step() {
            last = changes.int(0) ?? last
            if let rowID = changes.int(1), seen.insert(rowID).inserted { written.append(rowID) }
        }
        changes.reset()
        try loadCategoryTerms(db)
        let row = try db.statement(Self.documentSQL + " WHERE p.rowid = ?1")
        var builder = DocumentBuilder()
        for rowID in written {
            try row.bind([.integer(rowID)])
            if try row.step() {
                add(row, tokenizer: tokenizer, builder: &builder)
            } else if let old = documentOfRow.removeValue(forKey: rowID) {
                retire(old)
            }
            row.reset()
        }
        revision = last
    }

    /// The `category_terms` rows of categories not seen yet (a category's terms never change).
    private mutating func loadCategoryTerms(_ db: SQLiteConnection) throws {
        let terms = try db.statement("SELECT term, category_id FROM category_terms WHERE category_id > ?1")
        try terms.bind([.integer(lastCategoryID)])
        var last = lastCategoryID
        while try terms.step() {
            guard let term = terms.text(0), let id = terms.int(1) else { continue }
            categoriesOfTerm[term, default: []].append(Int32(truncatingIfNeeded: id))
            last = max(last, id)
        }
        terms.reset()
        lastCategoryID = last
    }

    private mutating func retire(_ document: UInt32) {
        let index = Int(document)
        guard isLive[index] else { return }
        isLive[index] = false
        liveCount -= 1
        deadCount += 1
        totalTokens -= Int(lengths[index])
        titlesWithoutBrand[document] = nil
    }

    /// Indexes the product in `row` (`documentSQL`'s columns), replacing its earlier document.
    private mutating func add(_ row: SQLiteStatement, tokenizer: FullTextTokenizer, builder: inout DocumentBuilder) {
        let rowID = row.int(0) ?? 0
        if let old = documentOfRow[rowID] { retire(old) }
        let document = UInt32(rowIDs.count)
        documentOfRow[rowID] = document
        rowIDs.append(rowID)
        isLive.append(true)
        if let brand = row.text(1) {
            brands.append(Self.number(of: brand, in: &brandIDs))
        } else {
            brands.append(-1)
            titlesWithoutBrand[document] = row.withBytes(6) { Self.asciiLowercased($0) }
        }
        categoryIDs.append(Int32(truncatingIfNeeded: row.int(2) ?? 0))
        prices.append(row.double(3) ?? .nan)
        currencies.append(Self.number(of: row.text(4) ?? "", in: &currencyIDs))
        popularity.append(row.double(5) ?? 0)

        builder.start()
        var length: UInt32 = 0
        for column in 0..<FullTextDocument.columnNames.count {
            let weight = Float(FullTextDocument.columnWeights[column])
            let isCategoryTerms = column == FullTextDocument.categoryTermsColumn
            row.withBytes(Self.firstTextColumn + Int32(column)) { text in
                tokenizer.forEachToken(inUTF8: text) { token in
                    length += 1
                    let term = String(decoding: token, as: UTF8.self)
                    builder.note(termID(term), weight: weight)
                    if isCategoryTerms { builder.note(termID(Self.categoryKey(term)), weight: 0) }
                }
            }
        }
        for (term, weight) in builder.terms {
            postings[Int(term)].append(Posting(document: document, weight: weight))
        }
        lengths.append(length)
        liveCount += 1
        totalTokens += Int(length)
    }

    /// `key`'s number in `table`, the next one when `key` is new there.
    private static func number<ID: FixedWidthInteger>(of key: String, in table: inout [String: ID]) -> ID {
        if let id = table[key] { return id }
        let id = ID(truncatingIfNeeded: table.count)
        table[key] = id
        return id
    }

    /// ASCII letters lower-cased, other bytes as they are (SQL's `lower()`).
    static func asciiLowercased(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }

    private mutating func termID(_ term: String) -> Int32 {
        if let id = termIDs[term] { return id }
        let id = Int32(postings.count)
        termIDs[term] = id
        postings.append([])
        return id
    }

    /// Gathers one document's terms, each once with its summed weight.
    struct DocumentBuilder {
        private(set) var terms: [(Int32, Float)] = []
        /// Per term: 1 + its position in `terms` when seen in the current document (by `generation`).
        private var slots: [Int32] = []
        private var generations: [UInt32] = []
        private var generation: UInt32 = 0

        mutating func start() {
            terms.removeAll(keepingCapacity: true)
            generation &+= 1
            if generation == 0 {
                for index in generations.indices { generations[index] = 0 }
                generation = 1
            }
        }

        mutating func note(_ term: Int32, weight: Float) {
            let index = Int(term)
            if index >= slots.count {
                slots += repeatElement(0, count: index + 1 - slots.count)
                generations += repeatElement(0, count: index + 1 - generations.count)
            }
            if generations[index] == generation {
                terms[Int(slots[index])].1 += weight
            } else {
                generations[index] = generation
                slots[index] = Int32(terms.count)
                terms.append((term, weight))
            }
        }
    }

    // MARK: Searching

    /// FTS5's bm25 constants.
    private static let k1 = 1.2, b = 0.75

    /// Calls `body` with every posting of each term of `group` (a term the index lacks has none)
    /// and the term's idf.
    @inline(__always)
    private func forEachPosting(in group: [String], rowCount: Double, _ body: (Posting, Double) -> Void) {
        for term in group {
            guard let id = termIDs[term] else { continue }
            postings[Int(id)].withUnsafeBufferPointer { list in
                let idf = inverseDocumentFrequency(list, rowCount: rowCount)
                for posting in list { body(posting, idf) }
            }
        }
    }

    /// bm25's idf of a phrase with these postings (FTS5's: floored at 1e-6).
    private func inverseDocumentFrequency(_ list: UnsafeBufferPointer<Posting>, rowCount: Double) -> Double {
        let hits = deadCount == 0 ? list.count : list.reduce(0) { $0 + (isLive[Int($1.document)] ? 1 : 0) }
        let idf = log((rowCount - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0.0 ? 1e-6 : idf
    }

    /// One phrase's part of a document's bm25, written as FTS5's C computes it (same operations in
    /// the same order, so the sums agree to the last bit).
    @inline(__always)
    private static func bm25Term(idf: Double, frequency: Float, length: UInt32, averageLength: Double) -> Double {
        let frequency = Double(frequency), length = Double(length)
        return idf * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * length / averageLength)))
    }

    /// A matching document as a hit, keyed for `order` (prices in one currency: `filter.priceScales`).
    private func hit(_ document: Int, score: Double, order: LocalQuery.Order, filter: Filter) -> CatalogStore.ScanHit {
        let key = switch order {
        case .relevance: -score
        case .popularity: -popularity[document]
        case .priceAscending: prices[document] * filter.priceScale(of: currencies[document])
        case .priceDescending: -prices[document] * filter.priceScale(of: currencies[document])
        }
        return CatalogStore.ScanHit(rowID: rowIDs[document], key: key, relevance: score)
    }

    /// A query as the index walks it, in the FTS5 expression's order: the category's tokens (any of
    /// them, in `category_terms` only; `nil` without a known category), then the groups of words.
    struct Plan {
        var category: [String]?
        var words: [[String]]
    }

    /// The best hits of one query (at most its limit), and how many match in all.
    typealias Answer = (hits: [CatalogStore.ScanHit], total: Int)

    /// The documents of `plan`, filtered as `CatalogStore.clauses(of:)` does in SQL and scored as
    /// FTS5's bm25 does (per phrase in the expression's order, idf × saturated frequency, summed),
    /// ordered as `scanMatches` orders them (ties by row). One walk answers both the AND of the
    /// word groups (`every`) and their OR (`any`): per document it counts the groups it has and
    /// sums its bm25, which both queries share (no word is in two groups; a widened search ran both
    /// through FTS5). The category gates both. Without words (a category's fill-up) both are the
    /// category's products, best sellers first for a relevance order, as that search's SQL has it.
    func search(_ plan: Plan, query: LocalQuery, scratch: SearchScratch) -> (every: Answer, any: Answer) {
        let words = plan.words, category = plan.category
        guard liveCount > 0, !words.isEmpty || category != nil, words.count < 31 else { return (([], 0), ([], 0)) }
        let order = query.text == nil && query.order == .relevance ? .popularity : query.order
        let rowCount = Double(liveCount)
        let averageLength = Double(totalTokens) / rowCount
        // A mark is the epoch's base, then 5 bits of the last word group seen (1-based; 31: counted),
        // then 5 bits of how many groups the document has; below the base: not started.
        let base = scratch.nextBase(count: rowIDs.count)
        let filter = Filter(query, in: self)
        var every = CatalogStore.BestHits(limit: query.limit), any = CatalogStore.BestHits(limit: query.limit)
        var everyTotal = 0, anyTotal = 0
        scratch.marks.withUnsafeMutableBufferPointer { marks in
            scratch.scores.withUnsafeMutableBufferPointer { scores in
                lengths.withUnsafeBufferPointer { lengths in
                    for term in category ?? [] {
                        guard let id = termIDs[term] else { continue }
                        for posting in postings[Int(id)] where marks[Int(posting.document)] < base {
                            marks[Int(posting.document)] = base
                            scores[Int(posting.document)] = 0
                        }
                    }
                    let isGated = category != nil
                    for (index, group) in words.enumerated() {
                        let group1 = UInt32(index + 1)
                        forEachPosting(in: group, rowCount: rowCount) { posting, idf in
                            let document = Int(posting.document)
                            var mark = marks[document]
                            if mark < base {
                                guard !isGated else { return }
                                mark = base
                                scores[document] = 0
                            }
                            if (mark >> 5) & 31 != group1 {
                                mark = base | group1 << 5 | ((mark & 31) + 1)
                                marks[document] = mark
                            }
                            guard posting.weight != 0 else { return }  // adds exactly 0
                            scores[document] += Self.bm25Term(idf: idf, frequency: posting.weight,
                                                              length: lengths[document], averageLength: averageLength)
                        }
                    }
                    // Every document the walk started, once each: with at least one word group
                    // (any category product when there are no words).
                    let groupCount = UInt32(words.count), leastGroups: UInt32 = words.isEmpty ? 0 : 1
                    for term in words.isEmpty ? category ?? [] : Array(words.joined()) {
                        guard let id = termIDs[term] else { continue }
                        for posting in postings[Int(id)] {
                            let document = Int(posting.document)
                            let mark = marks[document]
                            guard mark >= base, (mark >> 5) & 31 != 31, mark & 31 >= leastGroups else { continue }
                            marks[document] = base | 31 << 5 | (mark & 31)
                            guard isLive[document], filter.allows(document, in: self) else { continue }
                            let hit = hit(document, score: scores[document], order: order, filter: filter)
                            anyTotal += 1
                            // Widened by relevance whatever the order, as `CatalogStore.searchWidening`
                            // asks FTS5.
                            any.add(order == .relevance ? hit : CatalogStore.ScanHit(rowID: hit.rowID, key: -hit.relevance,
                                                                                      relevance: hit.relevance))
                            if mark & 31 == groupCount {
                                everyTotal += 1
                                every.add(hit)
                            }
                        }
                    }
                }
            }
        }
        return ((every.sorted(), everyTotal), (any.sorted(), anyTotal))
    }

    /// A query's filters in the index's terms.
    private struct Filter {
        var bounds: [(currency: UInt16?, min: Double?, max: Double?)]?
        var categories: Set<Int32>?
        var excludedBrands: [Int32]
        var excludedTitlePrefixes: [[UInt8]]
        /// `LocalQuery.priceScale` by the index's currency numbers (1 for the others).
        var priceScales: [Double]

        func priceScale(of currency: UInt16) -> Double { Int(currency) < priceScales.count ? priceScales[Int(currency)] : 1 }

        init(_ query: LocalQuery, in index: IndexedProducts) {
            priceScales = Array(repeating: 1, count: index.currencyIDs.count)
            for (code, scale) in query.priceScale {
                if let id = index.currencyIDs[code], Int(id) < priceScales.count { priceScales[Int(id)] = scale }
            }
            bounds = query.priceBounds.map { bounds in
                bounds.map { (index.currencyIDs[$0.currency], $0.min, $0.max) }
            }
            categories = query.categoryTerms.map { terms in
                Set(terms.flatMap { index.categoriesOfTerm[$0] ?? [] })
            }
            excludedBrands = query.excludedBrands.compactMap { $0.isEmpty ? -1 : index.brandIDs[$0] }
            excludedTitlePrefixes = query.excludedBrands.map { brand in
                // As `lower(title) LIKE 'brand %'`, with the pattern's own `%` and `_` dropped.
                IndexedProducts.asciiLowercased(brand.utf8.filter { $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "_") })
                    + [UInt8(ascii: " ")]
            }
        }

        func allows(_ document: Int, in index: IndexedProducts) -> Bool {
            let price = index.prices[document]
            guard !price.isNaN else { return false }
            if let bounds {
                let currency = index.currencies[document]
                guard bounds.contains(where: { bound in
                    bound.currency == currency && (bound.min.map { price >= $0 } ?? true) && (bound.max.map { price <= $0 } ?? true)
                }) else { return false }
            }
            if let categories, !categories.contains(index.categoryIDs[document]) { return false }
            if !excludedBrands.isEmpty || !excludedTitlePrefixes.isEmpty {
                let brand = index.brands[document]
                if excludedBrands.contains(brand) { return false }
                if brand < 0, let title = index.titlesWithoutBrand[UInt32(document)],
                   excludedTitlePrefixes.contains(where: { title.starts(with: $0) }) {
                    return false
                }
            }
            return true
        }
    }
}
