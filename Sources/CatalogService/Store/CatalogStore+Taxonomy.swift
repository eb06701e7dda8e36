import Foundation
import Synchronization

// The taxonomy the catalog serves (`GET /v1/categories`, `GET /v1/brands`): category nodes with
// their counts and the words their listings use, and brands with theirs.
extension CatalogStore {
    /// Category nodes (every path prefix up to three levels deep) with product counts, largest
    /// first; the deepest node of each category's path with the words its listings use (`CategoryWords`).
    public func categories() async throws -> [CategoryCount] {
        try await reader.run { db in
            let words = try self.categoryWords(db)
            let statement = try db.statement("""
                SELECT c.path, count(*) FROM products p JOIN categories c ON c.id = p.category_id GROUP BY p.category_id
                """)
            var counts: [[String]: Int] = [:]
            var wordsOfNode: [[String]: [String]] = [:]
            while try statement.step() {
                let stored = statement.text(0) ?? ""
                let count = statement.int(1) ?? 0
                let (nodes, reachesDeepest) = Self.nodes(ofStoredPath: stored)
                for prefix in nodes {
                    counts[prefix, default: 0] += count
                    if reachesDeepest, prefix.count == nodes.count, let listed = words.byPath[stored], !listed.isEmpty {
                        let known = wordsOfNode[prefix, default: []]
                        wordsOfNode[prefix] = Array((known + listed.filter { !known.contains($0) }).prefix(CategoryWords.limit))
                    }
                }
            }
            return counts.map { CategoryCount(name: $0.key.last ?? "", path: $0.key, count: $0.value, words: wordsOfNode[$0.key]) }
                .sorted { ($0.count, $1.path.joined()) > ($1.count, $0.path.joined()) }
        }
    }

    /// The words of every category's listings, counted again only after products changed.
    private func categoryWords(_ db: SQLiteConnection) throws -> CategoryWords {
        let statement = try db.statement("SELECT (SELECT max(seq) FROM product_changes), (SELECT count(*) FROM products)")
        _ = try statement.step()
        let revision = [statement.int(0) ?? 0, statement.int(1) ?? 0]
        if let cached = categoryWordsCache.withLock({ $0?.revision == revision ? $0?.words : nil }) { return cached }
        let words = try CategoryWords(db)
        categoryWordsCache.withLock { $0 = (revision, words) }
        return words
    }

    /// Brands with their product counts, largest first, each with the names of the category
    /// nodes it has products in, most first: what tells "an instant camera" from an Instant Pot.
    public func brands() async throws -> [BrandCount] {
        try await reader.run { db in
            let statement = try db.statement("""
                SELECT p.brand_key, min(p.brand), c.path, count(*) FROM products p LEFT JOIN categories c ON c.id = p.category_id
                WHERE p.brand_key IS NOT NULL GROUP BY p.brand_key, p.category_id
                """)
            var byKey: [String: (name: String, count: Int, categories: [String: Int])] = [:]
            while try statement.step() {
                let key = statement.text(0) ?? ""
                let name = statement.text(1) ?? ""
                let count = statement.int(3) ?? 0
                var brand = byKey[key] ?? (name, 0, [:])
                brand.name = min(brand.name, name)
                brand.count += count
                for node in Self.nodes(ofStoredPath: statement.text(2) ?? "").nodes {
                    if let category = node.last { brand.categories[category, default: 0] += count }
                }
                byKey[key] = brand
            }
            return byKey.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map { _, brand in
                let categories = brand.categories.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
                return BrandCount(name: brand.name, count: brand.count, categories: categories)
            }
        }
    }

    /// The category nodes a stored path (`"Electronics > Audio > Headphones"`) counts under: its
    /// prefixes up to three levels deep, as far as each ends in a name (Flipkart repeats product
    /// names as path leaves), and whether they reach the deepest of those levels.
    static func nodes(ofStoredPath stored: String) -> (nodes: [[String]], reachesDeepest: Bool) {
        guard !stored.isEmpty else { return ([], false) }
        let path = stored.components(separatedBy: " > ")
        let deepest = min(3, path.count)
        var nodes: [[String]] = []
        for depth in 1...deepest {
            let last = path[depth - 1]
            guard last.count <= 40, !last.hasSuffix("...") else { break }
            nodes.append(Array(path.prefix(depth)))
        }
        return (nodes, nodes.count == deepest)
    }
}

/// The words each category's listings use: what lets an understanding engine tell a part or a
/// quality of the products talked about from another thing ("quiet switches" after keyboards: the
/// keyboards' switches; before, a search for switches in every category).
///
/// Worked out from the words stored with each product (`ProductWords`: title, attribute names and
/// values, the start of the description; normalised and singular), once per catalog revision.
struct CategoryWords {
    /// At most this many words per category, those in the most of its listings first.
    static let limit = 120
    /// A word is the category's when at least this many of its listings use it: one listing's
    /// passing word ("room for a lamp") is not.
    static let minimumListings = 2

    /// Words per category path (" > "-joined, as stored), most used first.
    private(set) var byPath: [String: [String]] = [:]

    /// Counts, per category, the listings that use each word, over every product of `db`.
    init(_ db: SQLiteConnection) throws {
        let statement = try db.statement("""
            SELECT c.path, p.title_words, p.other_words FROM products p JOIN categories c ON c.id = p.category_id
            ORDER BY p.category_id
            """)
        var path = "", counts: [Substring: Int] = [:]
        var seen = Set<Substring>()
        func finishPath() {
            guard !path.isEmpty else { return }
            byPath[path] = counts.filter { $0.value >= Self.minimumListings }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .prefix(Self.limit).map { String($0.key) }
        }
        while try statement.step() {
            let rowPath = statement.text(0) ?? ""
            if rowPath != path {
                finishPath()
                path = rowPath
                counts.removeAll(keepingCapacity: true)
            }
            seen.removeAll(keepingCapacity: true)
            for column: Int32 in [1, 2] {
                guard let text = statement.text(column) else { continue }
                for word in text.split(separator: " ") where Self.isWord(word) && seen.insert(word).inserted {
                    counts[word, default: 0] += 1
                }
            }
        }
        finishPath()
    }

    /// Letters only (an apostrophe or hyphen inside), three or more: no sizes, models or prices.
    private static func isWord(_ word: Substring) -> Bool {
        word.utf8.count >= 3 && word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 39 || $0 == 45 }
            && word.utf8.first.map { $0 >= 97 && $0 <= 122 } == true
    }
}
