import Foundation
import Shared
@testable import MediaService
import Testing

/// The shopping language model generator and the decoder pool.
@Suite(.timeLimit(.minutes(3)))
struct SpeechModelTests {
    @Test func arpaProbabilitiesOfEachHistorySumToOne() throws {
        // A tiny corpus so the whole distribution can be summed by hand.
        let sentences = [["red", "shoes"], ["red", "shoes", "under", "fifty"], ["blue", "shoes"], ["red", "boots"]]
        let model = try ParsedARPA(ARPAModel(sentences: sentences).text)
        let vocabulary = model.unigrams.keys.filter { $0 != "<s>" }
        for history in [["<s>"], ["red"], ["<s>", "red"], ["red", "shoes"], ["shoes"], ["blue"]] {
            let total = vocabulary.reduce(0.0) { $0 + model.probability(of: $1, after: history) }
            #expect(abs(total - 1) < 1e-3, "history \(history): \(total)")
        }
    }

    @Test func generatedModelCoversItsVocabularyWithPronunciations() throws {
        let corpus = ShoppingCorpus()
        #expect(corpus.vocabulary.contains("earbuds"))
        #expect(corpus.vocabulary.contains("hoodie"))
        #expect(corpus.sentences.count > 20_000)
        guard speechToolsInstalled else { return }
        let dictionary = try SpeechModelBuilder.mergedDictionary(
            generalPath: SpeechModelBuilder.systemModelDirectory + "/cmudict-en-us.dict", vocabulary: corpus.vocabulary)
        #expect(dictionary.contains("\nhoodie HH UH D IY\n"))
        #expect(dictionary.contains("\nearbuds IH R B AH D Z\n"))
        #expect(throws: SpeechModelError.self) {
            try SpeechModelBuilder.mergedDictionary(
                generalPath: SpeechModelBuilder.systemModelDirectory + "/cmudict-en-us.dict", vocabulary: ["zzqxv"])
        }
    }

    @Test(.enabled(if: speechToolsInstalled, "needs sphinxbase-utils and pocketsphinx-en-us"))
    func modelFilesAreWrittenAndConverted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("speech-model-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // sphinx_lm_convert runs as a child process: wait for it off the cooperative pool.
        let files = try await runOnDedicatedThread { () throws(SpeechModelError) in try SpeechModelBuilder.prepare(in: directory) }
        let binary = try Data(contentsOf: URL(fileURLWithPath: files.domainLanguageModel))
        #expect(binary.count > 10_000)
        let arpa = try String(contentsOfFile: directory + "/shopping.arpa", encoding: .utf8)
        #expect(arpa.hasPrefix("\\data\\\nngram 1="))
        // A second run with nothing changed (a restart: regenerated, not remembered) rewrites nothing.
        let before = try FileManager.default.attributesOfItem(atPath: files.domainLanguageModel)[.modificationDate] as? Date
        _ = try await runOnDedicatedThread { () throws(SpeechModelError) in
            try SpeechModelBuilder.writeModelFiles(in: directory, systemModelDirectory: SpeechModelBuilder.systemModelDirectory)
        }
        let after = try FileManager.default.attributesOfItem(atPath: files.domainLanguageModel)[.modificationDate] as? Date
        #expect(before == after)
    }

    @Test(.enabled(if: speechToolsInstalled, "needs sphinxbase-utils and pocketsphinx-en-us"))
    func requestsBeyondThePoolWaitUntilTheirDeadline() async throws {
        let pool = try await SharedSpeech.pocketSphinx().pool
        // Hold every decoder; the next request waits and is refused at its deadline.
        var held: [PocketSphinxDecoder] = []
        let leases = LeaseHolder(pool: pool)
        for _ in 0..<pool.size { held.append(try await leases.take()) }
        let start = ContinuousClock.now
        await #expect(throws: DecoderPoolBusy.self) {
            try await pool.withDecoder(deadline: .now + .milliseconds(200)) { _ in 1 }
        }
        #expect(ContinuousClock.now - start >= .milliseconds(190))
        // A waiter is served as soon as a decoder comes back.
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask { try await pool.withDecoder(deadline: .now + .seconds(30)) { _ in 42 } }
            try await eventuallyWaiting(pool)
            leases.giveBack(held.removeLast())
            #expect(try await group.next() == 42)
        }
        for decoder in held { leases.giveBack(decoder) }
    }

    /// A note's transcript is its own: the same decoder hears it alike whatever it heard before
    /// (with the library's running cepstral mean and noise estimate, an espeak-ng stress note came
    /// out differently after another shopper's note, and the speech tests' figures moved with the
    /// order the suites decoded in).
    @Test(.enabled(if: speechToolsInstalled && espeakInstalled, "needs sphinxbase-utils, pocketsphinx-en-us and espeak-ng"))
    func aNotesTranscriptDoesNotDependOnTheNotesBeforeIt() async throws {
        let pool = try await SharedSpeech.pocketSphinx().pool
        let (hard, loud) = try await withTemporaryDirectory { directory in
            (try await synthesizeWithESpeak("a waterproof jacket for hiking under two hundred dollars", voice: "en-gb-scotland",
                                            in: directory),
             try await synthesize("show me the cheapest noise cancelling headphones", voice: "kal16", in: directory))
        }
        let samples = try WAVFile(bytes: hard, maxDurationSeconds: 30).monoSamples16k()
        let other = try WAVFile(bytes: loud, maxDurationSeconds: 30).monoSamples16k()
        let leases = LeaseHolder(pool: pool)
        let decoder = try await leases.take()
        defer { leases.giveBack(decoder) }
        let first = try decoder.decode(samples, search: .domain)
        for _ in 0..<3 { _ = try decoder.decode(other, search: .domain) }
        let again = try decoder.decode(samples, search: .domain)
        #expect(again == first, "\(first.words) then \(again.words)")
    }

    /// Waits until the pool reports a waiting request (a real state change, polled with a deadline).
    func eventuallyWaiting(_ pool: DecoderPool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while pool.waitingCount == 0 {
            guard ContinuousClock.now < deadline else { throw SpeechTestError("no request waited") }
            try await Task.sleep(for: .milliseconds(5))  // polling interval, bounded by the deadline
        }
    }
}

/// Leases decoders directly, for the pool test.
struct LeaseHolder {
    let pool: DecoderPool
    func take() async throws -> PocketSphinxDecoder { try await pool.leases.lease(deadline: .now + .seconds(5)) }
    func giveBack(_ decoder: PocketSphinxDecoder) { pool.leases.giveBack(decoder) }
}

/// Reads an ARPA file back and computes back-off probabilities, to check the generator.
struct ParsedARPA {
    var unigrams: [String: (Double, Double)] = [:]
    var bigrams: [String: (Double, Double)] = [:]
    var trigrams: [String: Double] = [:]

    init(_ text: String) throws {
        var order = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("\\") {
                order = line.hasPrefix("\\1-") ? 1 : line.hasPrefix("\\2-") ? 2 : line.hasPrefix("\\3-") ? 3 : 0
                continue
            }
            let fields = line.split(separator: " ").map(String.init)
            guard order > 0, let logProbability = Double(fields[0]) else { continue }
            let words = Array(fields[1...order])
            let backoff = fields.count > order + 1 ? Double(fields[order + 1]) ?? 0 : 0
            switch order {
            case 1: unigrams[words[0]] = (logProbability, backoff)
            case 2: bigrams[words.joined(separator: " ")] = (logProbability, backoff)
            default: trigrams[words.joined(separator: " ")] = logProbability
            }
        }
    }

    func probability(of word: String, after history: [String]) -> Double {
        pow(10, logProbability(of: word, after: Array(history.suffix(2))))
    }

    private func logProbability(of word: String, after history: [String]) -> Double {
        if history.count == 2 {
            if let value = trigrams[(history + [word]).joined(separator: " ")] { return value }
            return (bigrams[history.joined(separator: " ")]?.1 ?? 0) + logProbability(of: word, after: [history[1]])
        }
        if history.count == 1 {
            if let value = bigrams[(history + [word]).joined(separator: " ")]?.0 { return value }
            return (unigrams[history[0]]?.1 ?? 0) + (unigrams[word]?.0 ?? -99)
        }
        return unigrams[word]?.0 ?? -99
    }
}
