import Shared

/// What a search asks of one marketplace.
public struct SourceRequest: Sendable {
    public var spec: RequirementSpec
    /// How many candidates to bring back for ranking.
    public var limit: Int
    /// Canonical category terms when the category is known (a hard constraint), else `nil`.
    public var categoryTerms: [String]?
    /// The head noun of a thing searched for by name (`SearchService.nameHead`), else `nil`.
    public var nameHead: String? = nil
}

/// What one marketplace answered.
public struct SourceAnswer: Sendable {
    public var candidates: [RankCandidate]
    /// Matches at the source before its limit.
    public var totalFound: Int

    public init(candidates: [RankCandidate], totalFound: Int) {
        self.candidates = candidates
        self.totalFound = totalFound
    }
}

/// A marketplace a search fans out to: the local catalog, a peer catalog-service, a public API.
public protocol MarketplaceSource: Sendable {
    /// The name in `sources` and in each product's `marketplace`.
    var name: String { get }
    /// Whether the source answers from this process, with no network to hang on: a search of such
    /// sources only asks them in turn, with no task per source and no deadline timer.
    var answersInProcess: Bool { get }
    func search(_ request: SourceRequest) async throws -> SourceAnswer
}

extension MarketplaceSource {
    public var answersInProcess: Bool { false }
}

/// A source that failed in a way worth showing in `sources[].error`.
public struct SourceFailure: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
