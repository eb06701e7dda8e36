import Foundation
import Logging
import Prometheus
import Shared

/// Searches every selected marketplace concurrently, each under its own deadline, then applies the
/// spec's hard constraints to everything that came back, ranks it together and de-duplicates it.
public struct SearchService: Sendable {
    public let store: CatalogStore
    public let sources: [any MarketplaceSource]
    public let ranker: Ranker
    public let sourceDeadline: Duration
    public static let maximumLimit = 100
    private let metrics: CatalogMetrics
    private let logger: Logger

    public init(store: CatalogStore, sources: [any MarketplaceSource], rates: CurrencyRates,
                sourceDeadline: Duration, metrics: CatalogMetrics, logger: Logger) {
        self.metrics = metrics
        self.store = store
        self.sources = sources
        self.ranker = Ranker(rates: rates)
        self.sourceDeadline = sourceDeadline
        self.logger = logger
    }

    /// Checks what the store and ranker cannot recover from: limit range, budget sense, currency.
    public func validate(_ spec: RequirementSpec, limit: Int) throws(AppError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw AppError(.unprocessable, "limit must be from 1 to \(Self.maximumLimit)")
        }
        let budget = spec.budget
        guard ranker.rates.isKnown(budget.currency) else {
            throw AppError(.unprocessable, "unknown budget currency \(budget.currency.prefix(8))")
        }
        func isValid(_ bound: Double?) -> Bool { bound.map { $0.isFinite && $0 >= 0 } ?? true }
        guard isValid(budget.min), isValid(budget.max) else {
            throw AppError(.unprocessable, "budget bounds must be non-negative numbers")
        }
        if let min = budget.min, let max = budget.max, min > max {
            throw AppError(.unprocessable, "budget.min is above budget.max")
        }
    }

    /// The category as a hard constraint: its canonical terms when the local taxonomy or the
    /// synonym table knows it, else `nil` (then the category words only steer relevance).
    public func categoryConstraint(for spec: RequirementSpec) async throws -> [String]? {
        guard let category = spec.category?.trimmingWhitespace, !category.isEmpty else { return nil }
        if let term = try await store.firstKnownCategoryTerm(CategoryVocabulary.lookupTerms(forCategory: category)) {
            return [term]
        }
        if CategoryVocabulary.isKnownSynonym(category) {
            return [CategoryVocabulary.canonicalTerm(CategoryVocabulary.normalize(category))]
        }
        return nil
    }

    /// The head noun of a thing searched for by name, with no category: the query's last word
    /// before "for", "with" and the like (`headNoun`: "cooker" of "rice cooker"), when it
    /// names a kind of product the catalog has a category of. A word no category names ("firm"
    /// of "memory foam mattress firm", said after the name) is no head, and `nil` leaves the
    /// search as it was.
    func nameHead(for spec: RequirementSpec) async throws -> String? {
        guard spec.category?.trimmingWhitespace.isEmpty ?? true, let head = Self.headNoun(ofQuery: spec.query ?? ""),
              try await store.firstKnownCategoryTerm([CategoryVocabulary.canonicalTerm(head)]) != nil else { return nil }
        return head
    }

    /// The head noun of a thing a query names: its last word before a word that says what the
    /// thing is for or has ("cooker" of "rice cooker", "dress" of "dress for wedding"); `nil`
    /// for a query without words.
    static func headNoun(ofQuery query: String) -> String? {
        var words: [String] = []
        for word in CategoryVocabulary.normalize(query).split(separator: " ") {
            if headEnders.contains(String(word)) { break }
            words.append(String(word))
        }
        return words.last { !Ranker.stopWords.contains($0) }
    }

    private static let headEnders: Set<String> = ["for", "with", "without", "under", "below", "over", "in", "from", "by", "that"]

    /// Searches the named sources (all when `sourceNames` is nil).
    /// - Parameter excluding: ids of products not to return (shown on earlier pages of this
    ///   search); they still count in `totalFound`.
    /// The candidates a search ordered by a measure ranks at least: the catalog's sources
    /// order by relevance, popularity or price only, and the ranker orders these by the measure.
    static let orderedCandidateCount = 500

    public func search(_ spec: RequirementSpec, limit: Int, sourceNames: [String]?,
                       excluding: Set<String> = []) async throws -> SearchResults {
        try validate(spec, limit: limit)
        guard excluding.count <= SearchResults.maximumExcludedIDs else {
            throw AppError(.unprocessable, "at most \(SearchResults.maximumExcludedIDs) product ids can be excluded")
        }
        let start = ContinuousClock.now
        defer { metrics.searchDuration.record(ContinuousClock.now - start) }
        let selected: [any MarketplaceSource]
        if let sourceNames {
            let known = Set(sources.map(\.name))
            if let unknown = sourceNames.first(where: { !known.contains($0) }) {
                throw AppError(.unprocessable, "unknown source \(unknown.prefix(40)); known: \(known.sorted().joined(separator: ", "))")
            }
            selected = sources.filter { sourceNames.contains($0.name) }
        } else {
            selected = sources
        }
        let categoryTerms = try await categoryConstraint(for: spec)
        // Candidates to rank: three times what is shown (earlier pages included) leaves room for the
        // hard-constraint filter and de-duplication; each costs a row read and a score, so not more.
        // An order by a measure ("the biggest") is the ranker's, over the candidates: more of them,
        // so the biggest of a large category is among them.
        var candidateCount = max((limit + excluding.count) * 3, 30)
        if MeasureOrder.asked(in: spec.attributes) != nil { candidateCount = max(candidateCount, Self.orderedCandidateCount) }
        // So does an amount of which more serves ("32GB" of RAM) in a category: listings say it
        // otherwise ("memory: 32 GB"), so few match its words, and the ranker's tier of products
        // with enough of it needs them among the candidates (before, a catalog of 291 laptops
        // answered "at least 32gb ram" with 30 best sellers of less, saying none had it).
        if categoryTerms != nil, spec.attributes.contains(where: { Quantity($0.value, key: AttributeName.key($0.key)) != nil }) {
            candidateCount = max(candidateCount, Self.orderedCandidateCount)
        }
        let likeness = try await likeness(for: spec)
        if likeness != nil { candidateCount = max(candidateCount, Self.orderedCandidateCount) }
        let nameHead = try await nameHead(for: spec)
        let request = SourceRequest(spec: spec, limit: candidateCount, categoryTerms: categoryTerms, nameHead: nameHead)
        let outcomes = await Self.fanOut(request, to: selected, deadline: sourceDeadline)
        for (_, status, _) in outcomes where status.error != nil {
            metrics.sourceFailures.increment()
            logger.warning("source failed", metadata: ["source": "\(status.marketplace)", "error": "\(status.error ?? "")"])
        }
        let candidates = outcomes.flatMap { $0.2?.candidates ?? [] }
        let page = ranker.rankPage(candidates, spec: spec, categoryTerms: categoryTerms, limit: limit, excluding: excluding,
                                   likeness: likeness, nameHead: nameHead)
        let rankedCount = page.products.count + page.skippedAsShown
        let total = outcomes.reduce(0) { $0 + ($1.2?.totalFound ?? 0) }
        // Every match was a candidate: those that passed the hard constraints (a size bound, an
        // excluded brand or colour) are all there are, not "2 out of 8 found"; when fewer than
        // `limit` were shown, exactly those, duplicates merged.
        let rankedAll = outcomes.allSatisfy { ($0.2?.totalFound ?? 0) <= ($0.2?.candidates.count ?? 0) }
        let found = switch (rankedAll, page.products.count < limit) {
        case (true, true): rankedCount
        case (true, false): max(page.allowedCount, rankedCount)
        case (false, _): max(total, rankedCount)
        }
        return SearchResults(products: page.products, totalFound: found, sources: outcomes.map(\.1))
    }

    /// Re-scores a given product list against the spec (hard constraints applied).
    public func rank(_ products: [ProductResult], spec: RequirementSpec, limit: Int) async throws -> [ProductResult] {
        try validate(spec, limit: limit)
        let categoryTerms = try await categoryConstraint(for: spec)
        return ranker.rank(products.map { RankCandidate(product: $0) }, spec: spec, categoryTerms: categoryTerms, limit: limit,
                           likeness: try await likeness(for: spec), nameHead: try await nameHead(for: spec))
    }

    /// The product the spec asks for others like (`RequirementSpec.similarProductID`), as the
    /// local catalog has it; `nil` when it asks for none, or names one the catalog lacks (a
    /// marketplace's, or one removed since): then that product is only kept out.
    func likeness(for spec: RequirementSpec) async throws -> Likeness? {
        guard let id = spec.similarProductID, let stored = try await store.product(id: id) else { return nil }
        return Likeness(reference: stored.productResult(marketplace: "local"), attributes: stored.comparableAttributes,
                        rates: ranker.rates)
    }

    /// Asks every source at once and waits for each until the shared deadline, when the sources
    /// still running are cancelled and reported as "deadline exceeded". One task per source and one
    /// timer for them all (a timer and a task group per source cost a search a tenth of its CPU).
    /// Sources that all answer in process are asked in turn in this task, with neither. The
    /// outcomes are in the sources' order.
    static func fanOut(_ request: SourceRequest, to sources: [any MarketplaceSource], deadline: Duration) async
        -> [(Int, SourceStatus, SourceAnswer?)] {
        let began = ContinuousClock.now
        if sources.allSatisfy(\.answersInProcess) {
            var outcomes: [(Int, SourceStatus, SourceAnswer?)] = []
            for (index, source) in sources.enumerated() {
                let asked = ContinuousClock.now
                let result: Result<SourceAnswer, any Error>
                do { result = .success(try await source.search(request)) } catch { result = .failure(error) }
                outcomes.append(outcome(of: source, at: index, result, latency: ContinuousClock.now - asked))
            }
            return outcomes
        }
        enum Event: Sendable {
            case answered(Int, Result<SourceAnswer, any Error>, Duration)
            case deadline
        }
        var outcomes = [(Int, SourceStatus, SourceAnswer?)?](repeating: nil, count: sources.count)
        await withTaskGroup(of: Event.self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    do {
                        let answer = try await source.search(request)
                        return .answered(index, .success(answer), ContinuousClock.now - began)
                    } catch {
                        return .answered(index, .failure(error), ContinuousClock.now - began)
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return .deadline
            }
            var waiting = sources.count
            while waiting > 0, let event = await group.next() {
                guard case .answered(let index, let result, let latency) = event else { break }
                waiting -= 1
                outcomes[index] = outcome(of: sources[index], at: index, result, latency: latency)
            }
            group.cancelAll()
        }
        let elapsed = (ContinuousClock.now - began).milliseconds
        return outcomes.enumerated().map { index, outcome in
            outcome ?? (index, SourceStatus(marketplace: sources[index].name, count: 0, latencyMilliseconds: elapsed,
                                            error: "deadline exceeded"), nil)
        }
    }

    /// A source's answer or failure as its status in the results.
    private static func outcome(of source: any MarketplaceSource, at index: Int, _ result: Result<SourceAnswer, any Error>,
                                latency: Duration) -> (Int, SourceStatus, SourceAnswer?) {
        switch result {
        case .success(let answer):
            return (index, SourceStatus(marketplace: source.name, count: answer.candidates.count,
                                        latencyMilliseconds: latency.milliseconds), answer)
        case .failure(let error):
            let message = (error as? SourceFailure)?.message ?? "source failed"
            return (index, SourceStatus(marketplace: source.name, count: 0, latencyMilliseconds: latency.milliseconds,
                                        error: message), nil)
        }
    }
}

extension Duration {
    var milliseconds: Int { Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000) }
}
