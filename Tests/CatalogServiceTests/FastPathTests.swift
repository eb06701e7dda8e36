@testable import CatalogService
import Foundation
import Logging
import Shared
import Testing

/// The hand-written fast paths (JSON scanning and writing, ASCII normalising, stored ranking
/// words, batching) against the general code they stand in for.
@Suite(.timeLimit(.minutes(1)))
struct FastPathTests {
    @Test(arguments: [
        #"{"a":"x","b":[1,-2.5,3e2,0],"c":{"d":null},"e":true,"f":false}"#,
        #"  {"quote":"say \"hi\"","slash":"a\/b","tab":"a\tb","nl":"a\nb","u":"\u00e9\u4e2d","pair":"\ud83d\ude00"} "#,
        #"["caf\u00C9","naïve",-0.0,1.5E-3,12345678901234]"#,
        #""just a string""#,
        #"{}"#, "[]", "null", "0",
    ])
    func scannerReadsWhatJSONSerializationReads(_ text: String) throws {
        let scanned = try JSONScanner.parse(Array(text.utf8))
        let expected = try Self.value(of: JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
        #expect(scanned == expected)
    }

    @Test(arguments: [
        "{", #"{"a":1,}"#, "[1,]", "01", "1.", "-", "+1", #"{"a" 1}"#, "tru", "nul", #""unterminated"#,
        "{\"a\":\"raw\u{01}control\"}", #""\x""#, #""\u12""#, "[1] 2", String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ])
    func scannerRejectsMalformedJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONScanner.parse(Array(text.utf8)) }
    }

    /// A Foundation JSON value as a `JSONValue` (booleans are NSNumbers of type "c").
    static func value(of object: Any) throws -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let number as NSNumber:
            return String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let list as [Any]: return .array(try list.map(value(of:)))
        case let object as [String: Any]: return .object(try object.mapValues(value(of:)))
        default: throw JSONSyntaxError()
        }
    }

    @Test func writerOutputDecodesToTheSameResults() throws {
        let tricky = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 中 😀"
        let results = SearchResults(
            products: [
                ProductResult(id: "a:1", title: tricky, brand: nil, category: "A > B", price: 1_234.5, currency: "INR",
                              url: "https://example.com/p?q=1&r=2", imageURL: nil, rating: 4.25, reviewCount: 12,
                              marketplace: "local", attributes: ["color": tricky, "size": "M"], score: 0.731,
                              matchReasons: ["under $1,000", tricky]),
                ProductResult(id: "b:2", title: "Plain", brand: "Brand", category: "C", price: 0, currency: "USD",
                              marketplace: "peer"),
            ],
            totalFound: 1_000,
            sources: [SourceStatus(marketplace: "local", count: 2, latencyMilliseconds: 3),
                      SourceStatus(marketplace: "ebay", count: 0, latencyMilliseconds: 800, error: "deadline exceeded")])
        var writer = JSONWriter()
        writer.searchResults(results)
        let decoded = try JSONDecoder().decode(SearchResults.self, from: Data(writer.bytes))
        #expect(decoded == results)
    }

    @Test(arguments: ["Electronics > Audio > Headphones", " a >b> c ", "", ">", "a > > b", "Home\u{00A0}>\u{3000}Décor\t", "no separator"])
    func byteSplitAndTrimAreFoundations(_ text: String) {
        #expect(text.splittingBytes(on: " > ") == text.components(separatedBy: " > "))
        #expect(text.splittingBytes(on: ">") == text.components(separatedBy: ">"))
        #expect(text.splittingBytes(on: ">").map(\.trimmingWhitespace)
            == text.components(separatedBy: ">").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Test(arguments: ["", " ", "samsung  galaxy s24 ultra ", "a b c d e f g h i j k l m", "  éclair   noir", "one"])
    func duplicateKeyIsTheFirstTenWords(_ title: String) {
        let words = title.split(separator: " ")
        for brand in [nil, "Acme"] as [String?] {
            let product = ProductResult(id: "x", title: title, brand: brand, category: "", price: 1, currency: "USD", marketplace: "test")
            let expected = (brand?.lowercased() ?? words.first.map(String.init) ?? "") + "|" + words.prefix(10).joined(separator: " ")
            #expect(String(decoding: Ranker.duplicateKey(product, normalizedTitle: title), as: UTF8.self) == expected)
        }
    }

    /// The word scan (`memchr` for the first byte, then the word's bounds) against splitting the
    /// list: whole words, or the parts hyphens join ("pack" of "6-pack").
    @Test func wordListScanFindsWholeWordsOnly() {
        var generator = SeededGenerator(seed: 5)
        let vocabulary = ["a", "g", "gam", "gaming", "ga", "laptop", "gaminglaptop", "é", "éa", "16gb", "gg", "x",
                          "t-shirt", "shirt", "t", "6-pack", "pack", "6"]
        for _ in 0..<3_000 {
            let list = (0..<Int.random(in: 0...8, using: &generator))
                .map { _ in vocabulary.randomElement(using: &generator) ?? "" }.joined(separator: " ")
            for word in vocabulary + [""] {
                let expected = !word.isEmpty
                    && list.split(separator: " ").contains { $0 == word || $0.split(separator: "-").contains { $0 == word } }
                #expect(ProductWords.list(list, containsWord: word) == expected, "\(word) in \(list)")
            }
        }
    }

    @Test func asciiNormalisingMatchesTheScalarPath() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("abcXYZ sS'-_,./&0129ieshxuTVMICE\t")
        let words = ["mice", "tvs", "boxes", "glasses", "bus", "iris", "batteries", "watches", "dishes", "shoes", "TVs"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                if Bool.random(using: &generator) {
                    text += (words.randomElement(using: &generator) ?? "") + " "
                } else {
                    text.append(alphabet.randomElement(using: &generator) ?? " ")
                }
            }
            #expect(CategoryVocabulary.normalizeASCII(text) == CategoryVocabulary.normalizeScalars(text), "\(text)")
        }
        #expect(CategoryVocabulary.normalizeASCII("Café") == nil)
        #expect(CategoryVocabulary.normalize("Café Tables") == "café table")
    }

    @Test func productWordsAreTheWordByWordDefinition() {
        // The definition ProductWords' byte-level builder stands in for: normalise each text, drop
        // stop words, keep each word once.
        func reference(brand: String?, category: String, attributes: [String: String], description: String?) -> String {
            var seen: Set<Substring> = [], other: [Substring] = []
            for text in [brand ?? "", category] + attributes.keys.sorted().map({ $0 + " " + (attributes[$0] ?? "") })
                + [String((description ?? "").prefix(400))] {
                for word in CategoryVocabulary.normalize(text).split(separator: " ")
                where !Ranker.stopWords.contains(String(word)) && seen.insert(word).inserted {
                    other.append(word)
                }
            }
            return other.joined(separator: " ")
        }
        var generator = SeededGenerator(seed: 11)
        let words = ["the", "For", "mice", "Boxes", "cable", "cables", "USB-C", "naïve", "Café", "i", "a", "16GB", "don't",
                     "wireless", "WIRELESS", "-", "'", "tvs", "x", "looking", "lookings"]
        func text() -> String {
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }
                .joined(separator: [" ", ", ", "/", " > ", "_"].randomElement(using: &generator) ?? " ")
        }
        for _ in 0..<1_000 {
            let brand = Bool.random(using: &generator) ? text() : nil
            let category = text(), description = text()
            var attributes: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) { attributes[text()] = text() }
            let words = ProductWords(title: "t", brand: brand, category: category, attributes: attributes, description: description)
            #expect(words.other == reference(brand: brand, category: category, attributes: attributes, description: description))
        }
    }

    @Test func storedWordsAreTheWordsOfTheProductAsServed() async throws {
        let fixture = try await CatalogFixture.shared()
        for id in ["demo:demo-lap-001", "demo:demo-lap-002", "demo:demo-lap-003"] {
            let stored = try #require(try await fixture.store.product(id: id))
            let product = stored.productResult(marketplace: "local")
            let worked = ProductWords(title: product.title, brand: product.brand, category: product.category,
                                      attributes: product.attributes, description: stored.record.description)
            #expect(stored.words == worked)
            #expect(stored.words?.other.isEmpty == false)
        }
    }

    @Test func rankingWithStoredWordsEqualsRankingWithout() async throws {
        let fixture = try await CatalogFixture.shared()
        let spec = RequirementSpec(category: "laptop", query: "acer aspire laptop", budget: .init(max: 1_500),
                                   attributes: ["ram": "16GB"], features: ["backlit keyboard"])
        let request = SourceRequest(spec: spec, limit: 60, categoryTerms: ["laptop"])
        let answer = try await LocalCatalogSource(store: fixture.store, rates: fixture.rates).search(request)
        try #require(answer.candidates.contains { $0.words != nil })
        let ranker = Ranker(rates: fixture.rates)
        let withStored = ranker.rank(answer.candidates, spec: spec, categoryTerms: ["laptop"], limit: 20)
        // A search reads no description when words are stored: the whole row is read here instead.
        var recomputed: [RankCandidate] = []
        for var candidate in answer.candidates {
            #expect(candidate.description == nil)
            candidate.description = try await fixture.store.product(id: candidate.product.id)?.record.description
            candidate.words = nil
            recomputed.append(candidate)
        }
        #expect(!withStored.isEmpty)
        #expect(withStored == ranker.rank(recomputed, spec: spec, categoryTerms: ["laptop"], limit: 20))
    }

    @Test func batcherWritesFullBatchesThenTheRest() {
        var batcher = ImportBatcher(size: 2, file: "f.jsonl", report: ImportReport())
        var batches: [[String]] = []
        for line in 1...5 {
            batcher.add(line: line) { () throws(RowRejection) in
                if line == 3 { throw RowRejection("missing title") }
                return ProductRecord(source: "s", sourceID: "\(line)", title: "T\(line)")
            }
            if let records = batcher.takeBatch() { batches.append(records.map(\.sourceID)) }
        }
        #expect(batcher.takeBatch() == nil)
        if let records = batcher.takeBatch(isFinal: true) { batches.append(records.map(\.sourceID)) }
        #expect(batcher.takeBatch(isFinal: true) == nil)
        #expect(batches == [["1", "2"], ["4", "5"]])
        #expect(batcher.report.rowsRead == 5)
        #expect(batcher.report.examples == [ImportReport.Skip(file: "f.jsonl", line: 3, reason: "missing title")])
    }

    @Test func storeFromBeforeStoredWordsIsMigratedAndStillSearchable() async throws {
        let path = try temporaryDatabasePath()
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        do {
            // The products table as it was before title_words/other_words, with one product.
            let old = try SQLiteConnection(path: path, isReadOnly: false)
            try old.execute("""
                CREATE TABLE categories (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
                CREATE TABLE products (
                    rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, source_id TEXT NOT NULL, title TEXT NOT NULL,
                    brand TEXT, brand_key TEXT, category_id INTEGER NOT NULL, price REAL, list_price REAL,
                    currency TEXT NOT NULL, description TEXT, rating REAL, rating_count INTEGER,
                    popularity REAL NOT NULL DEFAULT 0, image_url TEXT, url TEXT, attributes TEXT NOT NULL DEFAULT '{}',
                    UNIQUE (source, source_id));
                INSERT INTO categories(id, path) VALUES (1, 'Electronics > Laptops');
                INSERT INTO products(source, source_id, title, brand, brand_key, category_id, price, currency, attributes)
                VALUES ('old', '1', 'Old Laptop 16GB', 'Oldco', 'oldco', 1, 500, 'USD', '{"ram":"16GB"}');
                """)
        }
        let store = try await CatalogStore(path: path, readerCount: 1, logger: Logger(label: "migration-test"))
        let stored = try #require(try await store.product(id: "old:1"))
        #expect(stored.words == nil)
        #expect(stored.record.attributes == ["ram": "16GB"])
        let rates = CurrencyRates()
        let ranked = Ranker(rates: rates).rank(
            [LocalCatalogSource(store: store, rates: rates).candidate(from: stored)],
            spec: RequirementSpec(query: "old laptop", attributes: ["ram": "16GB"]), categoryTerms: nil, limit: 5)
        #expect(ranked.first?.matchReasons.contains("16GB RAM") == true)
        let body = AsyncStream<[UInt8]> { continuation in
            continuation.yield(Array(#"{"id":"2","title":"New Laptop","price":10}"#.utf8))
            continuation.finish()
        }
        _ = try await CatalogImporter(store: store).importJSONLines(body, source: "new", maximumBytes: 1 << 20)
        #expect(try await store.product(id: "new:2")?.words?.title == "new laptop")
        await store.close()
    }
}

/// The file import's hand-over between its reading thread and the writer thread.
struct BatchQueueTests {
    static func batch(_ id: String) -> [ProductRecord] { [ProductRecord(source: "t", sourceID: id, title: id)] }

    @Test func aClosedQueueRefusesPushesAndDrainsInOrder() {
        let queue = BatchQueue(capacity: 2)
        #expect(queue.push(Self.batch("a")) && queue.push(Self.batch("b")))
        queue.close()
        #expect(!queue.push(Self.batch("c")))
        #expect(queue.pop()?.first?.sourceID == "a")
        #expect(queue.pop()?.first?.sourceID == "b")
        #expect(queue.pop() == nil)
    }

    @Test func aFullQueueWaitsForTheWriter() async {
        let queue = BatchQueue(capacity: 1)
        // The reader pushes three batches through a queue of one; the writer pops until closed.
        async let pushed = runOnDedicatedThread { () -> Bool in
            defer { queue.close() }
            return (1...3).allSatisfy { queue.push(Self.batch("\($0)")) }
        }
        let popped = await runOnDedicatedThread { () -> [String] in
            var ids: [String] = []
            while let batch = queue.pop() { ids += batch.map(\.sourceID) }
            return ids
        }
        #expect(await pushed)
        #expect(popped == ["1", "2", "3"])
    }
}
