import CSQLite
import Foundation

/// FTS5's own tokenizer, run outside a query: the in-memory `SearchIndex` splits products and
/// shoppers' words with exactly the code `products_fts` uses (`CatalogStore.fullTextTokenizer`), so
/// both find the same terms: case-folded, diacritics removed, Porter-stemmed ("running" → "run").
/// Not thread-safe (the tokenizer keeps a buffer): each connection owns one and uses it on its lane.
final class FullTextTokenizer {
    private var state = csqlite_fts5_tokenizer()

    /// Opens the tokenizer on `connection` (the fts5 module of that connection provides it).
    init(connection: OpaquePointer) throws(SQLiteError) {
        let declaration = CatalogStore.fullTextTokenizer
        var arguments = declaration.dropFirst().map { strdup($0) }
        defer { for argument in arguments { free(argument) } }
        let rc = arguments.withUnsafeMutableBufferPointer { pointers in
            pointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constant in
                csqlite_fts5_tokenizer_open(connection, declaration[0], constant.baseAddress, Int32(constant.count), &state)
            }
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: "cannot open the FTS5 tokenizer \(declaration.joined(separator: " "))")
        }
    }

    deinit { csqlite_fts5_tokenizer_close(&state) }

    typealias TokenSink = (UnsafeBufferPointer<UInt8>) -> Void

    /// Calls `body` with each token of `text` in order (as a document's column, or as a query's
    /// quoted word when `isQuery`); the bytes are only valid during the call.
    func forEachToken(in text: String, isQuery: Bool = false, _ body: TokenSink) {
        var text = text
        text.withUTF8 { forEachToken(inUTF8: $0, isQuery: isQuery, body) }
    }

    /// `forEachToken(in:isQuery:_:)` over UTF-8 bytes in place (a column SQLite returned).
    func forEachToken(inUTF8 text: UnsafeBufferPointer<UInt8>, isQuery: Bool = false, _ body: TokenSink) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        withoutActuallyEscaping(body) { sink in
            var sink = sink
            withUnsafeMutablePointer(to: &sink) { context in
                let flags = isQuery ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT
                _ = base.withMemoryRebound(to: CChar.self, capacity: text.count) { characters in
                    csqlite_fts5_tokenize(&state, flags, characters, Int32(text.count), context) { context, _, token, length, _, _ in
                        guard let context, let token, length > 0 else { return SQLITE_OK }
                        let sink = context.assumingMemoryBound(to: TokenSink.self).pointee
                        sink(UnsafeBufferPointer(start: UnsafeRawPointer(token).assumingMemoryBound(to: UInt8.self),
                                                 count: Int(length)))
                        return SQLITE_OK
                    }
                }
            }
        }
    }

    /// The tokens of `text` as strings (for a query's few words).
    func tokens(of text: String, isQuery: Bool = true) -> [String] {
        var tokens: [String] = []
        forEachToken(in: text, isQuery: isQuery) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }
}
