import Foundation
import Shared
import Understanding
import UnderstandingFixtures

// The embedded engine's speed: every turn of the utterance table, many times.
// Usage: understanding-bench [rounds]   (release build: swift build -c release --product understanding-bench)

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200
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
        samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
}
let total = clock.now - started
samples.sort()
let sorted = samples
func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
print("understanding-bench: embedded engine, \(turns.count) turns (\(UtteranceTable.rows.count) table rows) × \(rounds) rounds")
print(String(format: "extractions/s: %.0f", Double(samples.count) / seconds))
print(String(format: "per utterance: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs",
             percentile(0.5), percentile(0.9), percentile(0.99), sorted.last ?? 0))
print("checksum \(checksum)")
