@testable import CatalogService
import Foundation
import Logging
import Testing

/// The one-pass full-text search (score, count and keep the best rows in Swift, then read those
/// rows whole) against the plain SQL it replaced: `ORDER BY` over every match and `count(*)`.
@Suite(.timeLimit(.minutes(2)))
struct SearchScanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fullText: String
        var categoryTerm: String?
        var maximumUSD: Double?
        var order: LocalQuery.Order
        var limit: Int
        var testDescription: String { "\(fullText) in \(categoryTerm ?? "any") \(order) limit \(limit)" }
    }

    @Test(arguments: [
        Case(fullText: #""laptop" OR "gaming" OR "16gb""#, categoryTerm: "laptop", maximumUSD: 1_000, order: .relevance, limit: 30),
        Case(fullText: #""wireless" OR "headphone""#, categoryTerm: "headphone", maximumUSD: 200, order: .relevance, limit: 30),
        Case(fullText: #""inch" OR "gaming" OR "wireless""#, categoryTerm: nil, maximumUSD: nil, order: .relevance, limit: 5),
        Case(fullText: #""inch" OR "gaming""#, categoryTerm: nil, maximumUSD: 500, order: .priceAscending, limit: 7),
        Case(fullText: #""black" OR "shirt""#, categoryTerm: nil, maximumUSD: nil, order: .priceDescending, limit: 3),
        Case(fullText: #""wireless" OR "mouse""#, categoryTerm: "mouse", maximumUSD: 50, order: .popularity, limit: 30),
    ])
    func scanReturnsWhatOrderByAndCountReturn(_ example: Case) async throws {
        let fixture = try await CatalogFixture.shared()
        let query = LocalQuery(
            fullText: example.fullText, categoryTerms: example.categoryTerm.map { [$0] },
            priceBounds: example.maximumUSD.map { [LocalQuery.PriceBound(currency: "USD", min: nil, max: $0)] },
            excludedBrands: [], order: example.order, limit: example.limit)
        let (found, total, expected) = try await fixture.store.withWriter { db in
            let (products, total) = try CatalogStore.search(query, in: db)
            return (products.map { ($0.record.publicID, $0.relevance) }, total, try Self.reference(example, in: db))
        }
        #expect(total == expected.count)
        #expect(found.map(\.0) == expected.prefix(example.limit).map(\.0))
        for (product, reference) in zip(found, expected) {
            #expect(abs(product.1 - reference.1) < 1e-9)
        }
        #expect(total > 0)
    }

    @Test func aCategorySearchWithABudgetReadsTheCategoryNotThePriceIndex() async throws {
        let fixture = try await CatalogFixture.shared()
        let query = LocalQuery(
            fullText: nil, categoryTerms: ["memory"],
            priceBounds: [LocalQuery.PriceBound(currency: "USD", min: nil, max: 150),
                          LocalQuery.PriceBound(currency: "INR", min: nil, max: 12_500)],
            excludedBrands: [], order: .priceAscending, limit: 30)
        let plan = try await fixture.store.withWriter { db in
            try CatalogStore.plan(of: query, in: db)
        }
        #expect(plan.contains("products_category"))
        #expect(!plan.contains("products_price"))
    }

    /// Every match in order (ties by row), with its relevance, by one plain SQL query: the words
    /// alone matched in FTS5, the category tested on `products` only (no `category_terms` narrowing).
    static func reference(_ example: Case, in db: SQLiteConnection) throws -> [(String, Double)] {
        var conditions = ["products_fts MATCH ?1", "p.price IS NOT NULL"]
        var values: [SQLiteValue] = [.text(example.fullText)]
        if let term = example.categoryTerm {
            values.append(.text(term))
            conditions.append("p.category_id IN (SELECT category_id FROM category_terms WHERE term = ?\(values.count))")
        }
        if let maximum = example.maximumUSD {
            values.append(.real(maximum))
            conditions.append("p.currency = 'USD' AND p.price <= ?\(values.count)")
        }
        let order = switch example.order {
        case .relevance: "r"
        case .popularity: "p.popularity DESC"
        case .priceAscending: "p.price ASC"
        case .priceDescending: "p.price DESC"
        }
        let statement = try db.statement("""
            SELECT p.source || ':' || p.source_id, bm25(products_fts, 10.0, 4.0, 3.0, 1.0, 2.0, 0.0) AS r
            FROM products_fts f CROSS JOIN products p ON p.rowid = f.rowid
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order), p.rowid
            """)
        try statement.bind(values)
        defer { statement.reset() }
        var rows: [(String, Double)] = []
        while try statement.step() { rows.append((statement.text(0) ?? "", -(statement.double(1) ?? 0))) }
        return rows
    }
}
