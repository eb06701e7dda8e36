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

    /// Without a known category a widened search finds products only by the words that name one:
    /// "red" alone would bring every red thing to a search for a red hoodie the catalog lacks. The
    /// in-memory index and FTS5 answer alike.
    @Test func aWordThatOnlyQualifiesFindsNothingAloneWhenTheSearchWidens() async throws {
        let fixture = try await CatalogFixture.shared()
        let index = try #require(fixture.store.searchIndex)
        let hoodie = Case(words: ["hoodie"], categoryTerm: nil, maximumUSD: nil, order: .relevance, limit: 0)
        let unrestricted = Self.query(Case(words: ["red", "hoodie", "zzzunknown"], categoryTerm: nil, maximumUSD: nil,
                                           order: .relevance, limit: 30), needsEveryGroup: true)
        let queries = [nil, ["hoodie", "zzzunknown"], ["zzzunknown"], []].map { (words: Set<String>?) in
            var query = unrestricted
            query.text?.widensBy = words
            return query
        }
        typealias Answer = (ids: [String], total: Int, isWidened: Bool)
        let (hoodies, answers) = try await fixture.store.withWriter { db -> (Set<String>, [[Answer]]) in
            try index.catchUp(db)
            let answers = try [index, nil].map { index in
                try queries.map { query -> Answer in
                    let (products, total, isWidened) = try CatalogStore.searchWidening(query, index: index, in: db)
                    return (products.map(\.record.publicID), total, isWidened)
                }
            }
            return (Set(try Self.reference(hoodie, in: db).map(\.0)), answers)
        }
        for (memory, fullText) in zip(answers[0], answers[1]) {
            #expect(memory.ids == fullText.ids && memory.total == fullText.total && memory.isWidened == fullText.isWidened)
        }
        let (any, byName, byUnknownWord, byNoWord) = (answers[1][0], answers[1][1], answers[1][2], answers[1][3])
        try #require(!hoodies.isEmpty)
        #expect(any.isWidened && any.total > hoodies.count, "red things that are no hoodie")
        #expect(byName.isWidened && !byName.ids.isEmpty && byName.ids.allSatisfy(hoodies.contains))
        #expect(byName.total == hoodies.count)
        #expect(byUnknownWord.isWidened && byUnknownWord.ids.isEmpty && byUnknownWord.total == 0)
        #expect(!byNoWord.isWidened && byNoWord.ids.isEmpty)
    }

    @Test func aSearchWithoutAKnownCategoryWidensByTheWordsThatNameTheProduct() {
        let dress = RequirementSpec(query: "red dress wedding", keywords: ["dress", "wedding"], brands: ["Zara"],
                                    attributes: ["color": "red"], features: ["sleeveless"])
        let text = LocalCatalogSource.textQuery(for: dress, categoryIsKnown: false)
        #expect(text?.groups == [["red"], ["dress"], ["wedding"], ["sleeveless"], ["zara"]])
        #expect(text?.widened?.expression == #"("dress" OR "wedding") AND ("dress" OR "wedding" OR "red" OR "sleeveless" OR "zara")"#)
        // By the thing's head noun, when the catalog names a kind by it (`SearchService.nameHead`):
        // "a rice cooker" finds cookers, scored by "rice" (before, "Rice" and rice lights).
        let byHead = LocalCatalogSource.textQuery(for: dress, categoryIsKnown: false, nameHead: "dress")
        #expect(byHead?.widened?.expression == #"("dress") AND ("dress" OR "red" OR "wedding" OR "sleeveless" OR "zara")"#)
        let cooker = RequirementSpec(query: "rice cooker", keywords: ["rice", "cooker"])
        #expect(LocalCatalogSource.textQuery(for: cooker, categoryIsKnown: false, nameHead: "cooker")?.widened?.groups == [["cooker"]])
        #expect(SearchService.headNoun(ofQuery: "iphone 15 case") == "case"
                && SearchService.headNoun(ofQuery: "dress for a wedding") == "dress")
        // A word listings spell two ways finds either: "saree" the "Silk Sari"s (before, saree pins).
        let saree = RequirementSpec(query: "silk saree", keywords: ["saree"], features: ["silk"])
        #expect(LocalCatalogSource.textQuery(for: saree, categoryIsKnown: false)?.groups == [["silk"], ["saree", "sari"]])
        // A use names no product: "a dress for a wedding" widens by "dress" alone.
        var forWedding = dress
        forWedding.useCase = "weddings"
        forWedding.keywords = ["dress", "weddings"]
        forWedding.query = "red dress weddings"
        #expect(LocalCatalogSource.textQuery(for: forWedding, categoryIsKnown: false)?.widened?.groups == [["dress"]])
        // A known category keeps a widened search to its products: any word may widen it.
        let known = LocalCatalogSource.textQuery(for: dress, categoryIsKnown: true)
        #expect(known?.widensBy == nil)
        #expect(known?.widened?.expression == #""red" OR "dress" OR "wedding" OR "sleeveless" OR "zara""#)
        // An unknown category names the product too.
        // By its last word: the words before only qualify it ("power" alone found blenders for power supplies).
        let shelf = RequirementSpec(category: "wall clocks", query: "oak")
        #expect(LocalCatalogSource.textQuery(for: shelf, categoryIsKnown: false)?.widened?.groups == [["oak"], ["clock"]])
        let supply = RequirementSpec(category: "Power Supplies", query: "fully modular power supplies", features: ["fully modular"])
        #expect(LocalCatalogSource.textQuery(for: supply, categoryIsKnown: false)?.widened?.groups == [["supply"]])
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
