import Shared

/// A stream of text tokens as the engine produces them; each element is a piece of the text
/// (a word with its trailing space, or a model's delta), and their concatenation is the text.
public typealias TokenStream = AsyncThrowingStream<String, any Error>

/// What the orchestrator's agent nodes ask of a language engine.
///
/// One call per node: `need_media_ops` → `decideMedia`, `build_requirement_spec` → `buildSpec`,
/// `need_clarify` → `decideClarification`, `ask_clarifying_q` → `clarifyingQuestion`, and the
/// reply of `rank_and_compose` → `composeReply`, or `smallTalkReply` when `need_clarify` found
/// that the message asks for nothing to search, or `productDetailsReply` when it asks about a
/// product shown, or `productComparisonReply` when it compares some. Structured answers are typed values; text comes
/// as a `TokenStream`. Engines backed by a remote model fall back to the embedded engine when the
/// model answers badly or late, so a call only throws when the turn was cancelled.
public protocol UnderstandingEngine: Sendable {
    /// `embedded`, `openai` or `bedrock`: for logs and metrics.
    var name: String { get }

    /// Which media operations this turn needs.
    func decideMedia(_ turn: TurnContext) async throws -> MediaDecision

    /// The session's spec after this turn: the previous spec refined by what the shopper said
    /// now (never replaced wholesale unless the shopper changed the category).
    func buildSpec(_ turn: TurnContext) async throws -> RequirementSpec

    /// Whether to ask a clarifying question about `spec` before searching, or neither: the
    /// message only thanks, agrees, greets or says goodbye (`isSmallTalk`), or asks about a
    /// product shown (`detailsOf`), or compares some (`compared`).
    func decideClarification(_ turn: TurnContext, spec: RequirementSpec) async throws -> ClarifyDecision

    /// One short question about `decision.missingFields`, streamed.
    func clarifyingQuestion(_ turn: TurnContext, spec: RequirementSpec, decision: ClarifyDecision) -> TokenStream

    /// The reply that presents the ranked results, citing the top products' prices and reasons.
    func composeReply(_ turn: TurnContext, spec: RequirementSpec, results: SearchResults) -> TokenStream

    /// A sentence answering small talk ("thanks!", "bye"), with what the shopper can do next.
    func smallTalkReply(_ turn: TurnContext) -> TokenStream

    /// What there is to know about `product`, the shown product the shopper asked about.
    func productDetailsReply(_ turn: TurnContext, product: ProductResult) -> TokenStream

    /// How `products`, the shown products the shopper compares (two or more), differ and what
    /// they share.
    func productComparisonReply(_ turn: TurnContext, products: [ProductResult]) -> TokenStream
}

extension TokenStream {
    /// Collects a whole stream into one string (tests, tools, and nodes that need the full text).
    public func collect() async throws -> String {
        var text = ""
        for try await token in self { text += token }
        return text
    }
}
