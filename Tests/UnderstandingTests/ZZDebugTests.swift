import Foundation
import Shared
import Testing
@testable import Understanding

struct ZZDebugTests {
    @Test func dump() throws {
        let categories = try JSONDecoder().decode(CategoriesResponse.self, from: Data(contentsOf: URL(fileURLWithPath: "/tmp/voc-cat.json"))).categories
        let brands = try JSONDecoder().decode(BrandsResponse.self, from: Data(contentsOf: URL(fileURLWithPath: "/tmp/voc-brand.json"))).brands
        let interpreter = EmbeddedInterpreter(vocabulary: CatalogVocabulary(categories: categories, brands: brands).merged())
        let path = "/tmp/zz.txt"
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        var out = ""
        for line in lines {
            var spec: RequirementSpec?
            for turn in line.components(separatedBy: " || ") {
                let s = interpreter.spec(for: TurnContext(text: turn, currentSpec: spec))
                out += "> \(turn)\n  cat=\(s.category ?? "nil") q=\(s.query) kw=\(s.keywords) brands=\(s.brands) attrs=\(s.attributes) feats=\(s.features) budget=\(s.budget.min.map { "\($0)" } ?? "-")..\(s.budget.max.map { "\($0)" } ?? "-") \(s.budget.currency) use=\(s.useCase ?? "-") sort=\(s.sort) missing=\(s.missingFields)\n"
                spec = s
            }
        }
        try out.write(toFile: "/tmp/zz.out", atomically: true, encoding: .utf8)
    }
}

struct ZZDebugQuestionTests {
    @Test func dumpQuestions() async throws {
        let interpreter = EmbeddedInterpreter()
        let shoes = [
            ProductResult(id: "1", title: "HOKA Speedgoat 5 Women's Trail Running Shoes", brand: "HOKA", category: "Running Shoes", price: 154.99,
                          currency: "USD", marketplace: "local", attributes: ["color": "blue"], description: "Grippy trail shoe for rugged terrain."),
            ProductResult(id: "2", title: "ASICS Gel-Nimbus 26 Women's Running Shoes", brand: "ASICS", category: "Running Shoes", price: 159.95,
                          currency: "USD", marketplace: "local", attributes: ["color": "blue"], description: "Cushioned road running shoe."),
            ProductResult(id: "3", title: "LG 27GP850-B UltraGear 27 inch QHD Nano IPS Gaming Monitor, 180Hz, 1ms", brand: "LG", category: "Monitors", price: 349.99,
                          currency: "USD", marketplace: "local", attributes: ["response_time": "1ms", "max_height": "48 inch"]),
        ]
        let history = [ConversationMessage(role: .user, text: "running shoes"),
                       ConversationMessage(role: .assistant, text: "Here are the top 3 running shoes: 1. HOKA Speedgoat 5 Women's Trail Running Shoes at $154.99; 2. ASICS Gel-Nimbus 26 Women's Running Shoes at $159.95")]
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes")
        var out = ""
        for text in ["are they good for trail running?", "is it good for ps5?", "are they good for running?", "which one has the lowest response time?",
                     "which one goes the highest?", "which is best for trail running?", "is the first one good for trails?", "any good for flat feet?"] {
            let turn = TurnContext(text: text, history: history, currentSpec: spec, lastShown: shoes)
            let decision = interpreter.clarifyDecision(for: turn, spec: spec)
            out += "> \(text)\n  decision=\(decision)\n"
            if !decision.compared.isEmpty {
                out += "  SAY: " + interpreter.comparison(of: shoes.filter { decision.compared.contains($0.id) }, answering: turn) + "\n"
            } else if let id = decision.detailsOf, let p = shoes.first(where: { $0.id == id }) {
                out += "  SAY: " + interpreter.productDetails(p, answering: turn) + "\n"
            }
        }
        try out.write(toFile: "/tmp/zzq.out", atomically: true, encoding: .utf8)
    }
}

struct ZZDebugElseTests {
    @Test func dumpElse() async throws {
        let engine = EmbeddedEngine()
        var out = ""
        for first in ["a gift for my dad who likes cooking, around 100", "something for my back pain", "something from apple", "a gift for my mom who loves coffee"] {
            var history: [ConversationMessage] = []
            var spec: RequirementSpec? = nil
            var count = 0
            for text in [first, "something else", "something else"] {
                let turn = TurnContext(text: text, history: history, currentSpec: spec, clarificationCount: count)
                let next = try await engine.buildSpec(turn)
                let decision = try await engine.decideClarification(turn, spec: next)
                let q = decision.shouldAsk ? try await engine.clarifyingQuestion(turn, spec: next, decision: decision).collect() : "(search)"
                out += "> \(text)\n  \(q)\n"
                history += [ConversationMessage(role: .user, text: text), ConversationMessage(role: .assistant, text: q)]
                spec = next
                if decision.shouldAsk { count += 1 }
            }
        }
        try out.write(toFile: "/tmp/zze.out", atomically: true, encoding: .utf8)
    }
}
