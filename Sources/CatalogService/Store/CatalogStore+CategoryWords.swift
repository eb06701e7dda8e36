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
