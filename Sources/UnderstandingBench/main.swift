import Foundation
import Shared
import Understanding
import UnderstandingFixtures

// The embedded engine's speed: every turn of the utterance table, many times: its spec, then its
// reply to the demo catalog's products of the spec's category (when the catalog file is found).
// Usage: understanding-bench [rounds] [catalog.jsonl]
//   (release build: swift build -c release --product understanding-bench; run from the repository,
//   whose Sources/CatalogService/Resources/demo-catalog.jsonl is the default catalog)

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200
let catalogPath = CommandLine.arguments.dropFirst(2).first ?? "Sources/CatalogService/Resources/demo-catalog.jsonl"
guard rounds > 0 && rounds <= 100_000 else {
    FileHandle.standardError.write(Data("rounds must be 1...100000\n".utf8))
    exit(2)
}

let interpreter = EmbeddedInterpreter()
// Each turn with the spec it refines, prepared once so only the extraction is timed.
var turns: [TurnContext] = []
for row in UtteranceTable.rows {
    var spec: RequirementSpec?
    for text in row.turns {
        let turn = TurnContext(text: text, currentSpec: spec)
        turns.append(turn)
        spec = interpreter.spec(for: turn)
    }
}

var samples: [Double] = []
samples.reserveCapacity(turns.count * rounds)
var checksum = 0
let clock = ContinuousClock()
// One warm-up round.
for turn in turns { checksum &+= interpreter.spec(for: turn).keywords.count }
let started = clock.now
for _ in 0..<rounds {
    for turn in turns {
        let before = clock.now
        let spec = interpreter.spec(for: turn)
        let elapsed = clock.now - before
        checksum &+= spec.keywords.count
        samples.append(microseconds(elapsed))
    }
}
let total = clock.now - started
func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.attoseconds) / 1e12 + Double(duration.components.seconds) * 1e6
}
func percentiles(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    return String(format: "p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs",
                  percentile(0.5), percentile(0.9), percentile(0.99), sorted.last ?? 0)
}
print("understanding-bench: embedded engine, \(turns.count) turns (\(UtteranceTable.rows.count) table rows) × \(rounds) rounds")
print(String(format: "extractions/s: %.0f", Double(samples.count) / (microseconds(total) / 1e6)))
print("per utterance: " + percentiles(samples))

// Replies: each turn's spec answered with up to 8 products of its category, as a search returns them.
if let catalog = try? String(contentsOfFile: catalogPath, encoding: .utf8) {
    var byCategory: [String: [ProductResult]] = [:]
    for line in catalog.split(separator: "\n") {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let id = object["id"] as? String, let title = object["title"] as? String,
              let category = (object["category_path"] as? [String])?.last, let price = object["price"] as? Double
        else { continue }
        let attributes = (object["attributes"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
        byCategory[category.lowercased(), default: []].append(ProductResult(
            id: id, title: title, brand: object["brand"] as? String, category: category, price: price,
            currency: object["currency"] as? String ?? "USD", rating: object["rating"] as? Double,
            reviewCount: object["rating_count"] as? Int, marketplace: "local", attributes: attributes))
    }
    let answered: [(TurnContext, RequirementSpec, SearchResults)] = turns.compactMap { turn in
        let spec = interpreter.spec(for: turn)
        guard let products = spec.category.flatMap({ byCategory[$0.lowercased()] }) else { return nil }
        return (turn, spec, SearchResults(products: Array(products.prefix(8)), totalFound: products.count, sources: []))
    }
    var replySamples: [Double] = []
    replySamples.reserveCapacity(answered.count * rounds)
    for (turn, spec, results) in answered { checksum &+= interpreter.composedReply(turn, spec: spec, results: results).utf8.count }
    for _ in 0..<rounds {
        for (turn, spec, results) in answered {
            let before = clock.now
            let reply = interpreter.composedReply(turn, spec: spec, results: results)
            replySamples.append(microseconds(clock.now - before))
            checksum &+= reply.utf8.count
        }
    }
    print("replies: \(answered.count) turns with a category's products (\(catalogPath)) × \(rounds) rounds")
    print("per reply: " + percentiles(replySamples))
} else {
    print("replies: not measured, no catalog at \(catalogPath)")
}
print("checksum \(checksum)")
