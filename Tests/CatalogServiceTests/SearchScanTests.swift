@testable import CatalogService
import Foundation
import Logging
import Shared
import Testing

/// The one-pass full-text search (score, count and keep the best rows in Swift, then read those
/// rows whole) against the plain SQL it replaced: `ORDER BY` over every match and `count(*)`.
@Suite(.timeLimit(.minutes(2)))
struct SearchScanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var words: [String]
        var categoryTerm: String?
        var maximumUSD: Double?
        var order: LocalQuery.Order
        var limit: Int
        var testDescription: String { "\(words) in \(categoryTerm ?? "any") \(order) limit \(limit)" }
    }

    @Test(arguments: [
        Case(words: ["laptop", "gaming", "16gb"], categoryTerm: "laptop", maximumUSD: 1_000, order: .relevance, limit: 30),
        Case(words: ["wireless", "headphone"], categoryTerm: "headphone", maximumUSD: 200, order: .relevance, limit: 30),
        Case(words: ["inch", "gaming", "wireless"], categoryTerm: nil, maximumUSD: nil, order: .relevance, limit: 5),
        Case(words: ["inch", "gaming"], categoryTerm: nil, maximumUSD: 500, order: .priceAscending, limit: 7),
        Case(words: ["black", "shirt"], categoryTerm: nil, maximumUSD: nil, order: .priceDescending, limit: 3),
        Case(words: ["wireless", "mouse"], categoryTerm: "mouse", maximumUSD: 50, order: .popularity, limit: 30),
    ])
    func scanReturnsWhatOrderByAndCountReturn(_ example: Case) async throws {
        let fixture = try await CatalogFixture.shared()
        let query = Self.query(example, needsEveryGroup: false)
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

    @Test func everyWordIsEnoughWhenItFindsTheLimit() async throws {
        let fixture = try await CatalogFixture.shared()
        var example = Case(words: ["wireless", "mouse"], categoryTerm: "mouse", maximumUSD: nil, order: .relevance, limit: 3)
        let (found, total, isWidened, withEvery) = try await fixture.store.withWriter { [example] db in
            let (products, total, isWidened) = try CatalogStore.searchWidening(Self.query(example, needsEveryGroup: true), in: db)
            return (products.map { ($0.record.publicID, $0.relevance) }, total, isWidened,
                    try Self.reference(example, joinedBy: " AND ", in: db))
        }
        try #require(withEvery.count >= example.limit)
        #expect(!isWidened)
        #expect(total == withEvery.count)
        #expect(found.map(\.0) == withEvery.prefix(example.limit).map(\.0))
        for (product, reference) in zip(found, withEvery) { #expect(abs(product.1 - reference.1) < 1e-9) }
        example.limit = withEvery.count + 1  // one more than every word finds: widened
        let widened = try await fixture.store.withWriter { [example] db in
            try CatalogStore.searchWidening(Self.query(example, needsEveryGroup: true), in: db).isWidened
        }
        #expect(widened)
    }

    @Test func tooFewWithEveryWordWidensToAnyWordKeepingThoseFirst() async throws {
        let fixture = try await CatalogFixture.shared()
        var example = Case(words: ["laptop", "gaming", "16gb"], categoryTerm: "laptop", maximumUSD: 2_000,
                           order: .relevance, limit: 0)
        let (withEvery, withAny) = try await fixture.store.withWriter { [example] db in
            (try Self.reference(example, joinedBy: " AND ", in: db), try Self.reference(example, in: db))
        }
        try #require(!withEvery.isEmpty && withAny.count > withEvery.count + 5)
        example.limit = withEvery.count + 5
        let (found, total, isWidened) = try await fixture.store.withWriter { [example] db in
            let (products, total, isWidened) = try CatalogStore.searchWidening(Self.query(example, needsEveryGroup: true), in: db)
            return (products.map { ($0.record.publicID, $0.relevance) }, total, isWidened)
        }
        #expect(isWidened)
        #expect(total == withAny.count)
        let everyIDs = Set(withEvery.map(\.0))
        let expected = withEvery + withAny.filter { !everyIDs.contains($0.0) }.prefix(5)
        #expect(found.map(\.0) == expected.map(\.0))
        // The same words score a product alike in the AND and the OR query.
        let anyRelevance = Dictionary(withAny.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        for (id, relevance) in found { #expect(abs(relevance - (anyRelevance[id] ?? .nan)) < 1e-9, "\(id)") }
    }

    @Test func specWordsBecomeGroupsEachWordOnce() {
        let keyboard = RequirementSpec(category: "keyboard", query: "mechanical keyboard", brands: ["Corsair", "Logitech"])
        let text = LocalCatalogSource.textQuery(for: keyboard, categoryIsKnown: true)
        #expect(text?.groups == [["mechanical"], ["keyboard"], ["corsair", "logitech"]])
        #expect(text?.expression == #""mechanical" AND "keyboard" AND ("corsair" OR "logitech")"#)
        var any = text
        any?.needsEveryGroup = false
        #expect(any?.expression == #""mechanical" OR "keyboard" OR "corsair" OR "logitech""#)
        // A brand also typed in the query already holds: the brands group adds nothing.
        let mouse = RequirementSpec(query: "logitech wireless mice", brands: ["Logitech", "Razer"], attributes: ["color": "Black"])
        #expect(LocalCatalogSource.textQuery(for: mouse, categoryIsKnown: false)?.groups
            == [["logitech"], ["wireless"], ["mouse"], ["black"]])
        // An unknown category's words still count; a known one's are left to the category filter.
        let shelf = RequirementSpec(category: "wall clocks", query: "oak")
        #expect(LocalCatalogSource.textQuery(for: shelf, categoryIsKnown: false)?.groups == [["oak"], ["wall"], ["clock"]])
        #expect(LocalCatalogSource.textQuery(for: shelf, categoryIsKnown: true)?.groups == [["oak"]])
        #expect(LocalCatalogSource.textQuery(for: RequirementSpec(category: "tv"), categoryIsKnown: true) == nil)
        #expect(TextQuery(groups: [[#"say "hi""#]], needsEveryGroup: true).expression == #""say ""hi""""#)
    }

    static func query(_ example: Case, needsEveryGroup: Bool) -> LocalQuery {
        LocalQuery(
            text: TextQuery(groups: example.words.map { [$0] }, needsEveryGroup: needsEveryGroup),
            categoryTerms: example.categoryTerm.map { [$0] },
            priceBounds: example.maximumUSD.map { [LocalQuery.PriceBound(currency: "USD", min: nil, max: $0)] },
            excludedBrands: [], order: example.order, limit: example.limit)
    }

    @Test func aCategorySearchWithABudgetReadsTheCategoryNotThePriceIndex() async throws {
        let fixture = try await CatalogFixture.shared()
        let query = LocalQuery(
            text: nil, categoryTerms: ["memory"],
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
    static func reference(_ example: Case, joinedBy separator: String = " OR ", in db: SQLiteConnection) throws
        -> [(String, Double)] {
        var conditions = ["products_fts MATCH ?1", "p.price IS NOT NULL"]
        var values: [SQLiteValue] = [.text(example.words.map { "\"\($0)\"" }.joined(separator: separator))]
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
