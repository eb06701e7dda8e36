import Shared
import Testing
@testable import Understanding

/// A product as a list shows it, for questions about it: `id` is its brand too, at $50.
func listed(_ id: String, _ title: String, category: String, _ attributes: [String: String]) -> ProductResult {
    ProductResult(id: id, title: title, brand: id, category: category, price: 50, currency: "USD", marketplace: "local",
                  attributes: attributes)
}

extension EmbeddedEngine {
    /// The decision for a question about `shown`, and its reply as the worker streams it: the
    /// details of the one product asked about, or the comparison of those it looks up; "" when it
    /// asks about none. The history holds a list reply, then the question, as the worker gives it.
    func answer(_ text: String, about shown: [ProductResult],
                spec: RequirementSpec) async throws -> (decision: ClarifyDecision, reply: String) {
        let history = [ConversationMessage(role: .assistant, text: "Here are the top picks: 1. \(shown[0].title) at $50"),
                       ConversationMessage(role: .user, text: text)]
        let turn = TurnContext(text: text, history: history, currentSpec: spec, lastShown: shown)
        #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
        let decision = try await decideClarification(turn, spec: spec)
        if let id = decision.detailsOf, let asked = shown.first(where: { $0.id == id }) {
            return (decision, try await productDetailsReply(turn, product: asked).collect())
        }
        let compared = shown.filter { decision.compared.contains($0.id) }
        return (decision, compared.isEmpty ? "" : try await productComparisonReply(turn, products: compared).collect())
    }
}
