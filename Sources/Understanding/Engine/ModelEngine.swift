import Foundation
import Logging
import Metrics
import Shared
import Synchronization

/// An engine backed by a remote chat model (OpenAI-compatible or Bedrock).
///
/// Structured answers are parsed and validated against their JSON schema. An answer that fails
/// is repaired once (code fences, prose around the object, trailing commas); if it still fails,
/// the model is asked once more with the problems listed; if that fails too, or the model errs or
/// times out, the node falls back to the embedded engine and logs a warning. Streams fall back
/// when the model fails before its first token; a failure later ends the stream early (the
/// shopper already has part of the reply). A turn never fails because a model answered badly.
public final class ModelEngine: UnderstandingEngine {
    public var name: String { kind }
    public let model: any ChatModel
    public let fallback: EmbeddedEngine
    private let kind: String
    private let prompts: PromptLibrary
    private let timeout: Duration
    private let logger: Logger
    private let schemas: (media: JSONSchema, clarify: JSONSchema, spec: JSONSchema)
    /// Fallbacks taken, by node; for tests and metrics.
    private let fallbacks = Mutex<[String: Int]>([:])
    /// `understanding_engine_fallbacks_total{engine, node}`, created once per node.
    private let fallbackCounters: [PromptLibrary.Node: Counter]

    public init(kind: String, model: any ChatModel, fallback: EmbeddedEngine, prompts: PromptLibrary,
                timeout: Duration, logger: Logger) throws {
        self.kind = kind
        self.model = model
        self.fallback = fallback
        self.prompts = prompts
        self.timeout = timeout
        self.logger = logger
        fallbackCounters = Dictionary(uniqueKeysWithValues: PromptLibrary.Node.allCases.map { node in
            (node, Counter(label: "understanding_engine_fallbacks_total",
                           dimensions: [("engine", kind), ("node", node.rawValue)]))
        })
        schemas = (try JSONSchema(Schemas.mediaDecision), try JSONSchema(Schemas.clarifyDecision),
                   try JSONSchema(Schemas.requirementSpec))
    }

    /// How many times each node fell back to the embedded engine.
    public var fallbackCounts: [String: Int] { fallbacks.withLock { $0 } }

    // MARK: Structured nodes

    public func decideMedia(_ turn: TurnContext) async throws -> MediaDecision {
        // Nothing attached: nothing to ask a model about.
        if turn.attachments.isEmpty { return .skip }
        let prompt = prompts.render(.needMediaOps, [
            "attachments": turn.attachments.map(\.rawValue).joined(separator: ", "),
            "has_transcript": turn.transcript == nil ? "no" : "yes",
            "has_image": turn.image == nil ? "no" : "yes",
            "schema": Schemas.mediaDecision,
        ])
        return try await structured(.needMediaOps, prompt: prompt, schema: schemas.media, decode: { value in
            guard let text = value["decision"]?.stringValue, let decision = MediaDecision(rawValue: text) else {
                throw InvalidAnswer(problems: ["$.decision: unknown value"])
            }
            return decision
        }, fallback: { try await self.fallback.decideMedia(turn) })
    }

    public func buildSpec(_ turn: TurnContext) async throws -> RequirementSpec {
        let interpreter = await fallback.interpreter()
        // Small talk ("thanks!", "start over") and questions about a product shown ("the second
        // one?") are recognised by their words, without a model call.
        if let kept = interpreter.specAfterSearchlessTurn(turn) { return kept }
        let vocabulary = interpreter.vocabulary
        let prompt = prompts.render(.buildRequirementSpec, [
            "categories": vocabulary.categories.map(\.name).joined(separator: ", "),
            "brands": vocabulary.brands.prefix(150).map(\.name).joined(separator: ", "),
            "history": Self.history(turn.history),
            "current_spec": turn.currentSpec.map(Self.json) ?? "null",
            "last_shown": turn.lastShown.map {
                "- \($0.id): \($0.title), \(PriceFormat.amount($0.price, currency: $0.currency))"
            }.joined(separator: "\n").ifEmpty("(none)"),
            "text": turn.utterance.replacingOccurrences(of: "\"", with: "'"),
            "media": Self.mediaSummary(turn),
            "schema": Schemas.requirementSpec,
        ])
        return try await structured(.buildRequirementSpec, prompt: prompt, schema: schemas.spec, decode: { value in
            var spec = try JSONDecoder().decode(RequirementSpec.self, from: JSONEncoder().encode(value))
            // The category must be one of the catalog's own names.
            if let category = spec.category {
                guard let known = vocabulary.categories.first(where: { $0.name.caseInsensitiveCompare(category) == .orderedSame })
                else { throw InvalidAnswer(problems: ["$.category: '\(category)' is not a catalog category"]) }
                spec.category = known.name
            }
            if let min = spec.budget.min, let max = spec.budget.max, min > max {
                throw InvalidAnswer(problems: ["$.budget: min is above max"])
            }
            // "More like the third one" names a product shown by its id, which the catalog looks up.
            if let liked = spec.similarProductID, !turn.lastShown.contains(where: { $0.id == liked }) {
                throw InvalidAnswer(problems: ["$.attributes.similar_to: '\(liked.prefix(80))' is not the id of a product shown"])
            }
            spec.budget.currency = spec.budget.currency.uppercased()
            spec.confidence = Swift.min(1, Swift.max(0, spec.confidence))
            return spec
        }, fallback: { try await self.fallback.buildSpec(turn) })
    }

    public func decideClarification(_ turn: TurnContext, spec: RequirementSpec) async throws -> ClarifyDecision {
        if let decision = await fallback.interpreter().searchlessDecision(turn) { return decision }
        // The limit is policy, not the model's call.
        guard turn.clarificationCount < turn.maxClarifications else {
            return ClarifyDecision(shouldAsk: false, missingFields: spec.missingFields)
        }
        let prompt = prompts.render(.needClarify, [
            "spec": Self.json(spec), "clarification_count": "\(turn.clarificationCount)",
            "max_clarifications": "\(turn.maxClarifications)", "schema": Schemas.clarifyDecision,
        ])
        return try await structured(.needClarify, prompt: prompt, schema: schemas.clarify, decode: { value in
            try JSONDecoder().decode(ClarifyDecision.self, from: JSONEncoder().encode(value))
        }, fallback: { try await self.fallback.decideClarification(turn, spec: spec) })
    }

    // MARK: Streamed nodes

    public func clarifyingQuestion(_ turn: TurnContext, spec: RequirementSpec, decision: ClarifyDecision) -> TokenStream {
        let prompts = self.prompts
        let fallback = self.fallback
        return streamed(.askClarifyingQuestion, prompt: {
            // Examples come from the catalog's own categories, most stocked first.
            let vocabulary = await fallback.interpreter().vocabulary
            return prompts.render(.askClarifyingQuestion, [
                "missing_fields": decision.missingFields.joined(separator: ", "), "spec": Self.json(spec),
                "example_categories": vocabulary.exampleCategories(4).joined(separator: ", "),
            ])
        }, fallback: { fallback.clarifyingQuestion(turn, spec: spec, decision: decision) })
    }

    public func composeReply(_ turn: TurnContext, spec: RequirementSpec, results: SearchResults) -> TokenStream {
        // Nothing within the budget, and the nearest product outside it: the embedded engine's
        // sentence names it and the budget that would show it, from the catalog's facts.
        if results.products.isEmpty, turn.nearestOutsideBudget != nil {
            return fallback.composeReply(turn, spec: spec, results: results)
        }
        let lines = results.products.prefix(5).map { product in
            "- \(product.title) | \(product.brand ?? "-") | \(PriceFormat.amount(product.price, currency: product.currency))"
                + " | rating \(product.rating.map { String($0) } ?? "-") | \(product.matchReasons.joined(separator: "; "))"
        }
        let prompt = prompts.render(.rankAndCompose, [
            "spec": Self.json(spec), "results": lines.joined(separator: "\n").ifEmpty("(no results)"),
            "total_found": "\(results.totalFound)", "shown_before": "\(turn.shownBefore)",
        ])
        return streamed(.rankAndCompose, prompt: { prompt },
                        fallback: { self.fallback.composeReply(turn, spec: spec, results: results) })
    }

    /// The embedded engine's sentence: small talk needs no model call.
    public func smallTalkReply(_ turn: TurnContext) -> TokenStream {
        fallback.smallTalkReply(turn)
    }

    /// The embedded engine's description, made of the catalog's facts: no model call, so nothing
    /// is invented about a product.
    public func productDetailsReply(_ turn: TurnContext, product: ProductResult) -> TokenStream {
        fallback.productDetailsReply(turn, product: product)
    }

    /// The embedded engine's comparison, of the catalog's facts, for the same reason.
    public func productComparisonReply(_ turn: TurnContext, products: [ProductResult]) -> TokenStream {
        fallback.productComparisonReply(turn, products: products)
    }

    // MARK: Machinery

    struct InvalidAnswer: Error, CustomStringConvertible {
        var problems: [String]
        var description: String { problems.prefix(5).joined(separator: "; ") }
    }

    private func structured<T: Sendable>(
        _ node: PromptLibrary.Node, prompt: String, schema: JSONSchema,
        decode: @escaping @Sendable (JSONValue) throws -> T,
        fallback: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        var request = ChatRequest(messages: [ConversationMessage(role: .user, text: prompt)], expectsJSON: true)
        let model = self.model
        let timeout = self.timeout
        do {
            for attempt in 1...2 {
                let frozen = request
                let answer = try await withModelTimeout(timeout, model: model.name) { try await model.complete(frozen) }
                switch Self.parse(answer, schema: schema, decode: decode) {
                case .success(let value):
                    return value
                case .failure(let invalid):
                    logger.debug("model answer invalid", metadata: [
                        "node": "\(node.rawValue)", "attempt": "\(attempt)", "problems": "\(invalid)",
                    ])
                    if attempt == 2 { throw invalid }
                    // Re-ask once, saying what was wrong.
                    request.messages.append(ConversationMessage(role: .assistant, text: String(answer.prefix(4000))))
                    request.messages.append(ConversationMessage(role: .user, text:
                        "That answer was not valid: \(invalid). Reply with only one JSON object matching the schema."))
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            noteFallback(node, reason: error)
        }
        return try await fallback()
    }

    /// Parses an answer: as it is, then repaired (fences, prose around the object, trailing commas).
    static func parse<T>(_ answer: String, schema: JSONSchema, decode: (JSONValue) throws -> T) -> Result<T, InvalidAnswer> {
        var problems: [String] = []
        for candidate in [answer, repair(answer)] {
            guard let value = try? JSONValue.parse(candidate) else {
                problems = ["$: not valid JSON"]
                continue
            }
            let violations = schema.violations(of: value)
            guard violations.isEmpty else {
                problems = violations
                continue
            }
            do { return .success(try decode(value)) } catch let invalid as InvalidAnswer {
                problems = invalid.problems
            } catch {
                problems = ["$: \(error)"]
            }
        }
        return .failure(InvalidAnswer(problems: problems))
    }

    /// The JSON object inside an answer: without code fences or prose, with trailing commas removed.
    static func repair(_ answer: String) -> String {
        guard let open = answer.firstIndex(of: "{"), let close = answer.lastIndex(of: "}"), open < close else {
            return answer
        }
        var text = String(answer[open...close])
        for closer in ["}", "]"] {
            while let range = text.range(of: #",\s*\#(closer == "}" ? "\\}" : "\\]")"#, options: .regularExpression) {
                text.replaceSubrange(range, with: closer)
            }
        }
        return text
    }

    private func streamed(_ node: PromptLibrary.Node, prompt: @escaping @Sendable () async -> String,
                          fallback: @escaping @Sendable () -> TokenStream) -> TokenStream {
        let state = FallbackStreamState()
        let timeout = self.timeout
        let model = self.model
        let modelName = model.name
        return TokenStream(unfolding: { [self] in
            while true {
                switch state.phase {
                case .primary(let started):
                    do {
                        let iterator: IteratorBox
                        if let existing = state.primaryIterator {
                            iterator = existing
                        } else {
                            let request = ChatRequest(messages: [ConversationMessage(role: .user, text: await prompt())],
                                                      maxTokens: 400, temperature: 0.3)
                            iterator = IteratorBox(model.stream(request))
                            state.primaryIterator = iterator
                        }
                        let token = try await withModelTimeout(timeout, model: modelName) { try await iterator.next() }
                        guard let token else {
                            if !started { throw ModelError.malformed(model: modelName, reason: "empty answer") }
                            return nil
                        }
                        state.phase = .primary(started: true)
                        if token.isEmpty { continue }
                        return token
                    } catch {
                        if Task.isCancelled { throw CancellationError() }
                        if started {
                            // Part of the text is out: end here rather than repeat it.
                            self.noteFallback(node, reason: error, afterTokens: true)
                            state.phase = .done
                            return nil
                        }
                        self.noteFallback(node, reason: error)
                        state.phase = .fallback
                        state.fallbackIterator = IteratorBox(fallback())
                    }
                case .fallback:
                    guard let iterator = state.fallbackIterator else { return nil }
                    return try await iterator.next()
                case .done:
                    return nil
                }
            }
        })
    }

    private func noteFallback(_ node: PromptLibrary.Node, reason: any Error, afterTokens: Bool = false) {
        fallbacks.withLock { $0[node.rawValue, default: 0] += 1 }
        fallbackCounters[node]?.increment()
        logger.warning(afterTokens ? "model stream broke off" : "model failed, using embedded engine", metadata: [
            "node": "\(node.rawValue)", "engine": "\(kind)", "error": "\(reason)",
        ])
    }

    // MARK: Prompt pieces

    static func json(_ spec: RequirementSpec) -> String {
        (try? String(decoding: JSONCoding.makeEncoder(sortedKeys: true).encode(spec), as: UTF8.self)) ?? "{}"
    }

    static func history(_ messages: [ConversationMessage]) -> String {
        messages.suffix(ConversationMessage.readLimit).map {
            "\($0.role.rawValue): \($0.text.prefix(ConversationMessage.textReadLimit))"
        }.joined(separator: "\n").ifEmpty("(none)")
    }

    static func mediaSummary(_ turn: TurnContext) -> String {
        var lines: [String] = []
        if let image = turn.image {
            lines.append("Their image shows: " + image.labels.prefix(5).joined(separator: ", ")
                + "; colours: " + image.colors.prefix(3).map(\.name).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

/// One iterator of a token stream, shared by reference between the stream's successive `next()`
/// calls. `@unchecked Sendable`: an `AsyncThrowingStream(unfolding:)` closure is called by one
/// consumer at a time, never concurrently, so the iterator is never used from two tasks at once.
final class IteratorBox: @unchecked Sendable {
    private var iterator: TokenStream.AsyncIterator

    init(_ stream: TokenStream) {
        iterator = stream.makeAsyncIterator()
    }

    func next() async throws -> String? {
        try await iterator.next()
    }
}

/// Where a model-backed stream is: reading the model, reading the fallback, or done.
/// `@unchecked Sendable` for the same reason as `IteratorBox`: one consumer at a time.
final class FallbackStreamState: @unchecked Sendable {
    enum Phase { case primary(started: Bool), fallback, done }
    var phase = Phase.primary(started: false)
    var primaryIterator: IteratorBox?
    var fallbackIterator: IteratorBox?
}
