import Shared

/// One product's text as the full-text index holds it, column by column: what an import writes to
/// `products_fts` and what the in-memory `SearchIndex` tokenizes, made in one place so the two
/// always index the same words.
struct FullTextDocument {
    /// `products_fts`' columns, in order.
    static let columnNames = ["title", "brand", "category", "description", "attributes", "category_terms"]
    /// Each column's bm25 weight: the title highest; `category_terms` none, so narrowing a search by
    /// category leaves every product's score as it was.
    static let columnWeights: [Double] = [10, 4, 3, 1, 2, 0]
    /// The column of the category tokens (`CatalogStore.categoryTokens(of:)`).
    static let categoryTermsColumn = 5

    /// The columns' texts, `nil` for SQL NULL.
    var columns: [String?]

    init(title: String, brand: String?, categoryPath: [String], description: String?, attributes: [String: String],
         categoryTokens: String) {
        // Keys with "_" as spaces, byte by byte: Foundation's replacingOccurrences cost a tenth of
        // the import's CPU here. An attribute that says the product has not ("wireless": "no")
        // gives no words: a search for wireless headphones found the wired ones by "wireless",
        // and sorted by price, the cheapest wired ones filled its candidates.
        let attributeText = attributes.sorted { $0.key < $1.key }
            .filter { !AttributeName.isNegative($0.value) }
            .map { AttributeName.spoken($0.key) + " " + $0.value }
            .joined(separator: " ")
        columns = [
            title, brand, categoryPath.joined(separator: " "), description.map { String($0.prefix(2_000)) },
            attributeText, categoryTokens,
        ]
    }
}
