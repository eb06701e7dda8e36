import GraphRuntime
import Shared
import Understanding

/// What the conversation's nodes call.
public struct ConversationServices: Sendable {
    public var engine: any UnderstandingEngine
    public var catalog: CatalogClient
    public var media: MediaClient
    public var mediaStore: MediaStore
    /// Clarifying questions per session before it searches anyway (protocol.md §1.3; default 2).
    public var maxClarifications: Int
    /// Products shown per search.
    public var resultLimit: Int

    /// Whether the engine answers in process (the embedded one): its nodes only compute, so they
    /// need no deadline and their commits can wait for the next I/O.
    public var engineRunsInProcess: Bool { engine.name == "embedded" }

    public init(engine: any UnderstandingEngine, catalog: CatalogClient, media: MediaClient, mediaStore: MediaStore,
                maxClarifications: Int = 2, resultLimit: Int = 8) {
        self.engine = engine
        self.catalog = catalog
        self.media = media
        self.mediaStore = mediaStore
        self.maxClarifications = maxClarifications
        self.resultLimit = resultLimit
    }
}

/// The ten-node conversation of the design (design.md §3), on the graph runtime.
public enum ConversationGraph {
    public enum Node: String, CaseIterable, Sendable {
        case parseInput = "parse_input"
        case needMediaOps = "need_media_ops"
        case transcribeAudio = "transcribe_audio"
        case extractImageAttrs = "extract_image_attrs"
        case buildRequirementSpec = "build_requirement_spec"
        case needClarify = "need_clarify"
        case askClarifyingQuestion = "ask_clarifying_q"
        case searchMarketplaces = "search_marketplaces"
        case rankAndCompose = "rank_and_compose"
        case done

        /// The `progress` event shown when the node starts.
        public var progress: ProgressData {
            let (stage, message): (WorkflowStage, String) = switch self {
            case .parseInput: (.parsing, "Reading your message")
            case .needMediaOps: (.parsing, "Checking your attachments")
            case .transcribeAudio: (.mediaProcessing, "Listening to your voice note")
            case .extractImageAttrs: (.mediaProcessing, "Looking at your photo")
            case .buildRequirementSpec: (.understanding, "Working out what you need")
            case .needClarify: (.understanding, "Checking whether anything is missing")
            case .askClarifyingQuestion: (.clarifying, "One quick question")
            case .searchMarketplaces: (.searching, "Searching the marketplaces")
            case .rankAndCompose: (.ranking, "Ranking the best matches")
            case .done: (.completed, "Wrapping up")
            }
            return ProgressData(stage: stage, node: rawValue, message: message)
        }

        /// Whether the node sends its own `progress` (`progress(in:)`) because what it does depends
        /// on the turn: the runner sends every other node's when it starts.
        public var announcesItself: Bool { self == .searchMarketplaces || self == .rankAndCompose }

        /// The `progress` event of the node for this turn: a turn that searches nothing (small talk,
        /// a question about a product shown) says what it does instead.
        func progress(in state: ConversationState) -> ProgressData {
            let message: String? = switch self {
            case .searchMarketplaces where state.clarify?.detailsOf != nil: "Looking up that product"
            case .searchMarketplaces where state.clarify?.compared.isEmpty == false: "Looking up those products"
            case .rankAndCompose where state.askedProduct != nil: "Reading its details"
            case .rankAndCompose where !state.comparedProducts.isEmpty: "Comparing them"
            case .rankAndCompose where state.clarify?.isSmallTalk == true: "Writing a reply"
            default: nil
            }
            guard let message else { return progress }
            return ProgressData(stage: progress.stage, node: rawValue, message: message)
        }
    }

    public typealias Graph = CompiledGraph<ConversationState, ConversationEvent>
    typealias Context = NodeContext<ConversationEvent>

    public static func make(_ services: ConversationServices, checkpointer: any Checkpointer) throws -> Graph {
        var graph = StateGraph<ConversationState, ConversationEvent>()
        // An in-process engine only computes: its nodes need no deadline (see NodePolicy.timeout).
        let agent = services.engineRunsInProcess ? NodePolicy.untimed : NodePolicy(timeout: .seconds(45))
        let service = NodePolicy(timeout: .seconds(30))

        graph.addNode(Node.parseInput.rawValue, policy: .untimed) { state, _ in
            var state = state
            state.remember(.user, state.turnText)
            return .next(state)
        }
        graph.addNode(Node.needMediaOps.rawValue, policy: agent) { state, _ in
            var state = state
            let attached = Set(state.media.map(\.type))
            if attached.isEmpty {
                state.mediaDecision = .skip
            } else {
                let decision = try await services.engine.decideMedia(state.engineContext(maxClarifications: services.maxClarifications))
                // Never transcribe or look at what is not attached.
                let wantsAudio = decision.needsTranscription && attached.contains(.audio)
                let wantsImage = decision.needsVision && attached.contains(.image)
                state.mediaDecision = wantsAudio && wantsImage ? .both : wantsAudio ? .transcribe : wantsImage ? .vision : .skip
            }
            return .next(state)
        }
        graph.addNode(Node.transcribeAudio.rawValue, policy: service) { state, context in
            var state = state
            guard let audio = state.media.first(where: { $0.type == .audio }) else { return .next(state) }
            let bytes = try await services.mediaStore.blob(audio.mediaID)
            let transcript = try await services.media.transcribe(bytes, mimeType: audio.mimeType, requestID: context.runID)
            state.transcript = transcript
            state.remember(.user, transcript.text)
            try await context.emit(ConversationEvent(data: .transcript(transcript), once: "transcript"))
            return .next(state)
        }
        graph.addNode(Node.extractImageAttrs.rawValue, policy: service) { state, context in
            var state = state
            guard let image = state.media.first(where: { $0.type == .image }) else { return .next(state) }
            let bytes = try await services.mediaStore.blob(image.mediaID)
            let attributes = try await services.media.imageAttributes(bytes, mimeType: image.mimeType, requestID: context.runID)
            state.image = attributes
            try await context.emit(ConversationEvent(data: .imageAttributes(attributes), once: "image_attributes"))
            return .next(state)
        }
        graph.addNode(Node.buildRequirementSpec.rawValue, policy: agent) { state, context in
            var state = state
            let spec = try await services.engine.buildSpec(state.engineContext(maxClarifications: services.maxClarifications))
            if let previous = state.spec, !state.lastShown.isEmpty, previous.differsOnlyInBudget(from: spec) {
                (state.searchBeforeBudget, state.earlierShownBeforeBudget) = (previous, state.earlierShown)
            }
            if state.spec.map({ !$0.searchesForSameProducts(as: spec) }) ?? true { state.earlierShown = nil }
            // Products of another kind are no reference for "cheaper" once the search moves on.
            if state.spec?.category?.lowercased() != spec.category?.lowercased() { state.lastShown = [] }
            state.wordsAdded = spec.wordsAdded(since: state.spec)
            state.spec = spec
            try await context.emit(ConversationEvent(data: .requirements(RequirementsData(spec: spec)), once: "requirements"))
            return .next(state)
        }
        graph.addNode(Node.needClarify.rawValue, policy: agent) { state, _ in
            var state = state
            let spec = state.spec ?? RequirementSpec()
            var decision = try await services.engine.decideClarification(
                state.engineContext(maxClarifications: services.maxClarifications), spec: spec)
            // The limit is the session's policy, whatever the engine says.
            if decision.shouldAsk, state.clarificationCount >= services.maxClarifications { decision.shouldAsk = false }
            state.clarify = decision
            return .next(state)
        }
        graph.addNode(Node.askClarifyingQuestion.rawValue, policy: agent) { state, context in
            var state = state
            let spec = state.spec ?? RequirementSpec()
            let decision = state.clarify ?? ClarifyDecision(shouldAsk: true, missingFields: ["category"])
            let question = try await stream(
                services.engine.clarifyingQuestion(state.engineContext(maxClarifications: services.maxClarifications),
                                                   spec: spec, decision: decision), to: context)
            state.clarificationCount += 1
            state.earlierShown = nil
            state.remember(.assistant, question)
            try await context.emit(ConversationEvent(data: .clarification(ClarificationData(
                question: question, missingFields: decision.missingFields,
                clarificationCount: state.clarificationCount, maxClarifications: services.maxClarifications)),
                once: "clarification"))
            // The answer is the next turn: it starts again from the top with this state.
            return .interrupt(state, resumeAt: Node.parseInput.rawValue)
        }
        graph.addNode(Node.searchMarketplaces.rawValue, policy: service) { state, context in
            var state = state
            try await context.emit(ConversationEvent(data: .progress(Node.searchMarketplaces.progress(in: state))))
            if let id = state.clarify?.detailsOf {
                // A question about a product shown: that product as the catalog has it now, or as it
                // was shown when the catalog no longer has it (a marketplace's product).
                state.askedProduct = try await services.catalog.product(id, requestID: context.runID) ?? state.shownProduct(id)
                return .next(state)
            }
            if let ids = state.clarify?.compared, !ids.isEmpty {
                // Products compared: each as the catalog has it now, looked up together.
                let catalog = services.catalog, requestID = context.runID
                let found = try await withThrowingTaskGroup(of: (Int, ProductResult?).self) { group in
                    for (index, id) in ids.enumerated() {
                        group.addTask { (index, try await catalog.product(id, requestID: requestID)) }
                    }
                    var found = [ProductResult?](repeating: nil, count: ids.count)
                    for try await (index, product) in group { found[index] = product }
                    return found
                }
                state.comparedProducts = zip(ids, found).compactMap { id, product in product ?? state.shownProduct(id) }
                return .next(state)
            }
            // The spec as it was when this search showed `lastShown` ("show me more"): the next page.
            let excluding = state.nextPageExclusions
            let spec = state.spec ?? RequirementSpec()
            let results = try await services.catalog.search(spec, limit: services.resultLimit,
                                                            excluding: excluding, requestID: context.runID)
            state.results = results
            state.earlierShown = excluding
            if results.products.isEmpty, excluding.isEmpty, let nearer = spec.withoutNearestBudgetBound {
                // Nothing within the budget: the one product nearest to it, so the reply can say what
                // the budget would have to be. Only a hint: when this search fails, the reply goes without.
                state.nearestOutsideBudget = try? await services.catalog.search(
                    nearer, limit: 1, excluding: [], requestID: context.runID).products.first
            }
            return .next(state)
        }
        graph.addNode(Node.rankAndCompose.rawValue, policy: agent) { state, context in
            var state = state
            try await context.emit(ConversationEvent(data: .progress(Node.rankAndCompose.progress(in: state))))
            // Nothing was searched (small talk, or a question about one product shown): a reply in
            // words, and the search, its pages and the products shown stay as they were.
            let turn = state.engineContext(maxClarifications: services.maxClarifications)
            let searchless: TokenStream? = if let product = state.askedProduct {
                services.engine.productDetailsReply(turn, product: product)
            } else if !state.comparedProducts.isEmpty {
                services.engine.productComparisonReply(turn, products: state.comparedProducts)
            } else if state.clarify?.isSmallTalk == true {
                services.engine.smallTalkReply(turn)
            } else {
                nil
            }
            if let searchless {
                state.remember(.assistant, try await stream(searchless, to: context))
                return .next(state)
            }
            let results = state.results ?? SearchResults(products: [], totalFound: 0, sources: [])
            let spec = state.spec ?? RequirementSpec()
            let summary = try await stream(services.engine.composeReply(turn, spec: spec, results: results), to: context)
            if results.products.isEmpty, let before = state.searchBeforeBudget {
                // A budget that found nothing: the search stays as it was, with its pages.
                (state.spec, state.earlierShown) = (before, state.earlierShownBeforeBudget)
            } else if results.products.isEmpty {
                // Nothing (or nothing more) to show: the products last shown stay the ones a second
                // "cheaper" compares with, but they are no page of this search, so the next one
                // starts from the top.
                state.earlierShown = nil
            } else {
                state.lastShown = results.products.map(ShownProduct.init)
            }
            state.remember(.assistant, summary)
            try await context.emit(ConversationEvent(data: .results(ResultsData(
                products: results.products, totalFound: results.totalFound, summary: summary, sources: results.sources)),
                once: "results"))
            state.results = nil  // shown: later checkpoints need not carry the whole results
            return .next(state)
        }
        graph.addNode(Node.done.rawValue, policy: .untimed) { state, _ in .next(state) }

        graph.setEntryPoint(Node.parseInput.rawValue)
        graph.addEdge(from: Node.parseInput.rawValue, to: Node.needMediaOps.rawValue)
        graph.addConditionalEdges(from: Node.needMediaOps.rawValue, destinations: [
            Node.transcribeAudio.rawValue, Node.extractImageAttrs.rawValue, Node.buildRequirementSpec.rawValue,
        ]) { state in
            switch state.mediaDecision ?? .skip {
            case .transcribe, .both: Node.transcribeAudio.rawValue
            case .vision: Node.extractImageAttrs.rawValue
            case .skip: Node.buildRequirementSpec.rawValue
            }
        }
        graph.addConditionalEdges(from: Node.transcribeAudio.rawValue, destinations: [
            Node.extractImageAttrs.rawValue, Node.buildRequirementSpec.rawValue,
        ]) { $0.mediaDecision == .both ? Node.extractImageAttrs.rawValue : Node.buildRequirementSpec.rawValue }
        graph.addEdge(from: Node.extractImageAttrs.rawValue, to: Node.buildRequirementSpec.rawValue)
        graph.addEdge(from: Node.buildRequirementSpec.rawValue, to: Node.needClarify.rawValue)
        graph.addConditionalEdges(from: Node.needClarify.rawValue, destinations: [
            Node.askClarifyingQuestion.rawValue, Node.searchMarketplaces.rawValue, Node.rankAndCompose.rawValue,
        ]) { state in
            if state.clarify?.shouldAsk == true { return Node.askClarifyingQuestion.rawValue }
            // Small talk ("thanks!") searches nothing: straight to the reply.
            return state.clarify?.isSmallTalk == true ? Node.rankAndCompose.rawValue : Node.searchMarketplaces.rawValue
        }
        graph.addEdge(from: Node.askClarifyingQuestion.rawValue, to: END)
        graph.addEdge(from: Node.searchMarketplaces.rawValue, to: Node.rankAndCompose.rawValue)
        graph.addEdge(from: Node.rankAndCompose.rawValue, to: Node.done.rawValue)
        graph.addEdge(from: Node.done.rawValue, to: END)
        return try graph.compile(checkpointer: checkpointer, stepLimit: 30, deadlines: EventLoopDeadlines())
    }

    /// Streams an engine's text as `token` events and returns the whole text; stops when cancelled.
    static func stream(_ tokens: TokenStream, to context: Context) async throws -> String {
        var text = ""
        for try await token in tokens {
            if await context.isCancelled() { break }
            text += token
            try await context.emitToken(token)
        }
        return trimmed(text)
    }

    /// `text` without leading and trailing whitespace (newlines included); `text` itself when it
    /// has none, as a streamed reply usually has not. (Foundation's `trimmingCharacters` bridged
    /// every reply through `NSString`: about 1 % of a worker's CPU.)
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == text.startIndex, text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }
}

/// Node deadlines as timers on NIO's event loops (`withTimeout`): one task and a loop timer per
/// timed node, where the runtime's own costs two child tasks and a Dispatch timer. The search
/// node runs under one in every turn.
struct EventLoopDeadlines: NodeDeadlines {
    private struct Expired: Error {}

    func run<Value: Sendable>(
        within timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        do {
            return try await withTimeout(timeout, throwing: Expired(), operation)
        } catch is Expired {
            return nil
        }
    }
}
