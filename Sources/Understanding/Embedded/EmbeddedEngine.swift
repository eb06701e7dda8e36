import Shared
import Synchronization

/// The default engine: deterministic shopping-language understanding with no network and no key.
///
/// The vocabulary comes from a `VocabularyProvider` (the catalog, cached); the interpreter built
/// for a vocabulary is kept until the vocabulary changes.
public final class EmbeddedEngine: UnderstandingEngine {
    public let name = "embedded"
    private let provider: any VocabularyProvider
    private let cache: Mutex<EmbeddedInterpreter?> = Mutex(nil)

    public init(vocabulary provider: any VocabularyProvider = StaticVocabularyProvider()) {
        self.provider = provider
    }

    /// The interpreter for the provider's current vocabulary.
    public func interpreter() async -> EmbeddedInterpreter {
        let vocabulary = await provider.vocabulary()
        if let cached = cache.withLock({ $0 }), cached.vocabulary == vocabulary { return cached }
        let fresh = EmbeddedInterpreter(vocabulary: vocabulary)
        cache.withLock { $0 = fresh }
        return fresh
    }

    public func decideMedia(_ turn: TurnContext) async throws -> MediaDecision {
        await interpreter().mediaDecision(for: turn)
    }

    public func buildSpec(_ turn: TurnContext) async throws -> RequirementSpec {
        await interpreter().spec(for: turn)
    }

    public func decideClarification(_ turn: TurnContext, spec: RequirementSpec) async throws -> ClarifyDecision {
        await interpreter().clarifyDecision(for: turn, spec: spec)
    }

    public func clarifyingQuestion(_ turn: TurnContext, spec: RequirementSpec, decision: ClarifyDecision) -> TokenStream {
        streamText { interpreter in
            // "Hi" before anything was asked for: a word back, then the question.
            let greets = SmallTalk.kinds(of: turn.utterance) == [.greeting]
            let later = interpreter.laterKindNote(turn, spec: spec, opening: true).map { $0 + " " } ?? ""
            return (greets ? "Hi! " : "") + later + interpreter.question(for: spec, decision: decision, turn: turn)
        }
    }

    public func composeReply(_ turn: TurnContext, spec: RequirementSpec, results: SearchResults) -> TokenStream {
        streamText { $0.composedReply(turn, spec: spec, results: results) }
    }

    public func smallTalkReply(_ turn: TurnContext) -> TokenStream {
        streamText { $0.smallTalkReply(for: turn) }
    }

    public func productDetailsReply(_ turn: TurnContext, product: ProductResult) -> TokenStream {
        streamText { $0.productDetails(product, answering: turn) }
    }

    public func productComparisonReply(_ turn: TurnContext, products: [ProductResult]) -> TokenStream {
        streamText { $0.comparison(of: products, answering: turn) }
    }

    /// Streams the text as one piece: it is whole at once, and a worker joins adjacent pieces
    /// into one `token` event anyway, so splitting it into words would only cost an async step,
    /// a lock and a clock read per word. The stream runs in the consumer's task (no task of its
    /// own): the first `next()` awaits the vocabulary and builds the text.
    private func streamText(_ make: @escaping @Sendable (EmbeddedInterpreter) -> String) -> TokenStream {
        let delivered = DeliveredOnce()
        return TokenStream(unfolding: { [self] in
            delivered.claim() ? make(await self.interpreter()) : nil
        })
    }
}

/// True for the first `claim()` only. Sendable: the flag is atomic.
final class DeliveredOnce: Sendable {
    private let flag = Atomic(false)

    func claim() -> Bool {
        !flag.exchange(true, ordering: .relaxed)
    }
}
