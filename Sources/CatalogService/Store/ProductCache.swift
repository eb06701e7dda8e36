import Synchronization

/// Products read whole from SQLite, by row id, kept for the next searches that return them: a
/// search's best few are otherwise read and their attributes' JSON parsed again every time.
///
/// The cache belongs to one `SearchIndex` and is valid at one index revision: when the index
/// applies a change the cache empties, so it never serves a row older than the index's answer.
/// A row is only filled from a read transaction whose snapshot is that same revision (a search
/// on an older snapshot reads without filling). At `capacity` rows it empties and starts again.
final class ProductCache: Sendable {
    private struct State {
        var revision = -1
        var products: [Int: StoredProduct] = [:]
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// Rows held now.
    var count: Int { state.withLock { $0.products.count } }

    /// Forgets every row: the index moved to `revision`.
    func reset(revision: Int) {
        state.withLock { $0 = State(revision: revision) }
    }

    /// The cached rows among `rowIDs` at `revision`, by row id; empty when the cache is at another one.
    func products(_ rowIDs: [Int], at revision: Int) -> [Int: StoredProduct] {
        state.withLock { state in
            guard state.revision == revision else { return [:] }
            var found: [Int: StoredProduct] = [:]
            for rowID in rowIDs { if let product = state.products[rowID] { found[rowID] = product } }
            return found
        }
    }

    /// Keeps rows read from a snapshot at `revision`; ignored when the cache has moved on.
    func fill(_ read: [(rowID: Int, product: StoredProduct)], at revision: Int) {
        guard !read.isEmpty else { return }
        state.withLock { state in
            guard state.revision == revision else { return }
            if state.products.count + read.count > capacity { state.products.removeAll(keepingCapacity: true) }
            for (rowID, product) in read { state.products[rowID] = product }
        }
    }
}
