import Foundation
import Shared
import Testing
@testable import Understanding
import UnderstandingFixtures

extension UtteranceRow: CustomTestStringConvertible {}

/// The embedded engine against the utterance table: every row field by field.
@Suite(.timeLimit(.minutes(1)))
struct EmbeddedEngineTableTests {
    static let interpreter = EmbeddedInterpreter()

    @Test func tableHasAtLeast150Rows() {
        #expect(UtteranceTable.rows.count >= 150)
        #expect(UtteranceTable.rows.filter { $0.turns.count > 1 }.count >= 25)
    }

    @Test(arguments: UtteranceTable.rows)
    func rowMatchesFieldByField(_ row: UtteranceRow) {
        let spec = row.run(Self.interpreter)
        let mismatches = row.fields.compactMap { $0.mismatch(in: spec) }
        #expect(mismatches.isEmpty, "\(row.testDescription): \(mismatches.joined(separator: "; "))")
    }

    /// Prints the measured accuracy; every row must pass, so it must be 100 %.
    @Test func measuredAccuracy() {
        var fields = 0
        var correct = 0
        var rowsCorrect = 0
        for row in UtteranceTable.rows {
            let spec = row.run(Self.interpreter)
            let misses = row.fields.filter { $0.mismatch(in: spec) != nil }.count
            fields += row.fields.count
            correct += row.fields.count - misses
            if misses == 0 { rowsCorrect += 1 }
        }
        let percent = Double(correct) / Double(max(fields, 1)) * 100
        print("embedded engine accuracy: \(correct)/\(fields) fields (\(String(format: "%.1f", percent))%), "
              + "\(rowsCorrect)/\(UtteranceTable.rows.count) rows fully correct")
        #expect(correct == fields)
    }
}
