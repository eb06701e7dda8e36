import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MediaService
import Shared
import Synchronization
import Testing

/// Shopping requests and off-topic sentences spoken by flite's voices, transcribed through the real
/// HTTP API by the real decoders. Prints word error rate and content-word survival, and keeps floors
/// on both (targets from issue 8: WER under 8 %, content words kept at least 95 %).
@Suite(.serialized, .timeLimit(.minutes(10)), .enabled(if: speechToolsInstalled, "needs flite, sphinxbase-utils and pocketsphinx-en-us (make deps)"))
struct SpeechAccuracyTests {
    /// Written with digits: flite reads "200" as "two hundred", and the service must give "200" back.
    static let shoppingRequests = [
        "show me red running shoes under 100 dollars",
        "i am looking for a black leather jacket",
        "find me nike sneakers in size 10",
        "do you have blue jeans for men",
        "i want a white t-shirt in medium",
        "samsung phones under 500 dollars",
        "i need wireless headphones for the gym",
        "show me navy hoodies for women",
        "looking for a brown leather wallet under 50 dollars",
        "green dress for a wedding",
        "apple laptop between 1000 and 1500 dollars",
        "adidas running shoes in black",
        "i want a grey wool sweater",
        "find a pink backpack for school",
        "sony earbuds under 200 dollars",
        "do you have this in burgundy",
        "show me cheaper ones",
        "gold watch for my wife",
        "i need hiking boots in size 9",
        "purple yoga mat under 30 dollars",
        "something like this but in green",
        "lenovo laptop for gaming",
        "i am looking for a beige coat",
        "show me puma sneakers under 80 dollars",
        "silver necklace for a gift",
        "yellow rain jacket for kids",
        "a comfortable office chair under 300 dollars",
        "black dress with at least 4 stars",
        "white sneakers in size 8",
        "gucci sunglasses under 250 dollars",
        "orange t-shirt for men in large",
        "waterproof hiking boots for winter",
    ]

    static let offTopic = [
        "the weather is lovely this morning",
        "my brother plays the guitar in a rock band",
        "please call me back tomorrow afternoon",
        "what time does the last train leave",
        "i read an interesting history book last week",
        "the meeting has been moved to thursday",
        "i think we should paint the kitchen next summer",
        "can you tell me a joke about computers",
        "the children are playing football in the garden",
        "my flight to london was delayed again",
    ]

    static let voices = ["slt", "rms", "awb", "kal16"]
    /// American, British, Scottish and Caribbean English.
    static let espeakVoices = ["en-us", "en-gb", "en-gb-scotland", "en-029"]

    /// Words whose loss changes what the shopper gets: colours, product words, brands, prices, sizes.
    static let contentWords: Set<String> = {
        var words = Set<String>()
        for list in [ShoppingVocabulary.colors, ShoppingVocabulary.categories, ShoppingVocabulary.brands, ShoppingVocabulary.sizes] {
            for phrase in list { words.formUnion(phrase.split(separator: " ").map(String.init)) }
        }
        words.subtract(["a", "the", "and", "off", "new", "size", "case", "set", "bag", "extra", "light", "dark", "hot", "power"])
        return words
    }()

    static func isContentWord(_ word: String) -> Bool {
        contentWords.contains(word) || Int(word) != nil
    }

    struct Measured {
        var reference: [String]
        var hypothesis: [String]
        var confidence: Double
        var voice: String
    }

    /// One recording to transcribe: what was said, by which voice, as WAV bytes.
    struct Recording: Sendable {
        var text: String
        var voice: String
        var bytes: [UInt8]
    }

    /// What one set of voices measured.
    struct Tally {
        var errors = 0, referenceWords = 0, contentKept = 0, contentTotal = 0
        var offTopicCount = 0, turnedIntoShopping = 0, invented = 0
        var wordErrorRate: Double { Double(errors) / Double(max(1, referenceWords)) }
        var contentSurvival: Double { Double(contentKept) / Double(max(1, contentTotal)) }
    }

    @Test func shoppingRequestsAndOffTopicSpeechAreTranscribed() async throws {
        let tally = try await measure(voices: Self.voices, label: "flite") { text, voice, directory in
            try await synthesize(text, voice: voice, in: directory)
        }
        // Floors at what this machine measures reliably; see docs/performance.md for the figures.
        #expect(tally.wordErrorRate < SpeechFloors.maxWordErrorRate)
        #expect(tally.contentSurvival >= SpeechFloors.minContentSurvival)
        #expect(tally.turnedIntoShopping <= SpeechFloors.maxOffTopicTurnedIntoShopping)
    }

    /// espeak-ng's formant voices are far from the acoustic model's training speech: a stress case,
    /// reported on its own with floors of its own, not the in-domain targets.
    @Test(.enabled(if: espeakInstalled, "espeak-ng is not installed (make deps installs it): the espeak-ng stress case is skipped"))
    func espeakVoicesAreAStressCase() async throws {
        let tally = try await measure(voices: Self.espeakVoices, label: "espeak-ng") { text, voice, directory in
            try await synthesizeWithESpeak(text, voice: voice, in: directory)
        }
        #expect(tally.wordErrorRate < ESpeakFloors.maxWordErrorRate)
        #expect(tally.contentSurvival >= ESpeakFloors.minContentSurvival)
        #expect(tally.turnedIntoShopping <= ESpeakFloors.maxOffTopicTurnedIntoShopping)
    }

    /// Speaks every shopping request and off-topic sentence (voices taken in turn), transcribes them
    /// through the HTTP API and prints what was heard and the totals.
    func measure(voices: [String], label: String,
                 synthesize: @escaping @Sendable (String, String, URL) async throws -> [UInt8]) async throws -> Tally {
        let engine = try await SharedSpeech.pocketSphinx()
        let app = try await buildApplication(SharedSpeech.configuration(), speech: engine)
        return try await withTemporaryDirectory { directory in
            // Synthesised up front, so the decoding below is all that is timed.
            func record(_ texts: [String]) async throws -> [Recording] {
                var recordings: [Recording] = []
                for (index, text) in texts.enumerated() {
                    let voice = voices[index % voices.count]
                    recordings.append(Recording(text: text, voice: voice, bytes: try await synthesize(text, voice, directory)))
                }
                return recordings
            }
            let inDomain = try await record(Self.shoppingRequests)
            let offTopic = try await record(Self.offTopic)
            let tally = Mutex(Tally())
            try await app.test(.live) { client in
                func transcribe(_ item: Recording) async throws -> Measured {
                    try await client.execute(uri: "/v1/transcribe", method: .post, headers: [.contentType: "audio/wav"],
                                             body: ByteBuffer(bytes: item.bytes)) { response in
                        #expect(response.status == .ok, "\(item.text): HTTP \(response.status)")
                        let answer = try JSONDecoder().decode(TranscribeAnswer.self, from: Data(response.body.readableBytesView))
                        return Measured(reference: Self.normalize(item.text), hypothesis: Self.normalize(answer.text),
                                        confidence: answer.confidence, voice: item.voice)
                    }
                }
                var total = Tally()
                print("\(label) in-domain requests:")
                for item in inDomain {
                    let measured = try await transcribe(item)
                    let distance = Self.editDistance(measured.reference, measured.hypothesis)
                    total.errors += distance
                    total.referenceWords += measured.reference.count
                    let content = measured.reference.filter(Self.isContentWord)
                    total.contentTotal += content.count
                    total.contentKept += content.filter(measured.hypothesis.contains).count
                    print("  [\(measured.voice)] \(distance == 0 ? "ok " : "ERR") conf \(measured.confidence)  \"\(measured.hypothesis.joined(separator: " "))\"" + (distance == 0 ? "" : "  (said: \(item.text))"))
                }
                print("\(label) off-topic sentences:")
                for item in offTopic {
                    let measured = try await transcribe(item)
                    let shoppingWords = measured.hypothesis.filter { Self.isContentWord($0) && !measured.reference.contains($0) }
                    total.offTopicCount += 1
                    total.invented += shoppingWords.count
                    if !shoppingWords.isEmpty { total.turnedIntoShopping += 1 }
                    print("  [\(measured.voice)] conf \(measured.confidence) \"\(measured.hypothesis.joined(separator: " "))\" invented: \(shoppingWords)")
                }
                print(String(format: "speech accuracy (%@): WER %.1f %% over %d words, content words kept %.1f %% (%d/%d), off-topic sentences given shopping words: %d of %d (%d words)",
                             label, total.wordErrorRate * 100, total.referenceWords, total.contentSurvival * 100, total.contentKept,
                             total.contentTotal, total.turnedIntoShopping, total.offTopicCount, total.invented))
                tally.withLock { $0 = total }
            }
            return tally.withLock { $0 }
        }
    }

    static func normalize(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { $0 == " " }).map {
            $0.trimmingCharacters(in: CharacterSet.punctuationCharacters.subtracting(["'", "-"]))
        }.filter { !$0.isEmpty }
    }

    /// Word-level Levenshtein distance: substitutions + deletions + insertions.
    static func editDistance(_ reference: [String], _ hypothesis: [String]) -> Int {
        var previous = Array(0...hypothesis.count)
        for (i, word) in reference.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: hypothesis.count)
            for (j, other) in hypothesis.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (word == other ? 0 : 1))
            }
            previous = current
        }
        return previous[hypothesis.count]
    }
}

/// The floors the accuracy test keeps.
enum SpeechFloors {
    static let maxWordErrorRate = 0.08
    static let minContentSurvival = 0.95
    /// The target: none. (Before the general pass was judged by its whole path score, kal16's
    /// "can you tell me a joke about computers" came back as shopping words.)
    static let maxOffTopicTurnedIntoShopping = 0
}

/// The floors of the espeak-ng stress case: measured 69.7–70.3 % WER, 26.1 % of content words
/// kept, 3 of 10 off-topic sentences given shopping words (2026-12-02), with a margin, so a
/// regression shows. They are not the in-domain targets: see docs/performance.md.
enum ESpeakFloors {
    static let maxWordErrorRate = 0.78
    static let minContentSurvival = 0.20
    static let maxOffTopicTurnedIntoShopping = 5
}

/// `POST /v1/transcribe`'s answer, as a client reads it.
struct TranscribeAnswer: Decodable {
    struct Timings: Decodable {
        var decodeMs: Int
        var totalMs: Int
        enum CodingKeys: String, CodingKey {
            case decodeMs = "decode_ms"
            case totalMs = "total_ms"
        }
    }

    var text: String
    var confidence: Double
    var durationMs: Int
    var engine: String
    var timings: Timings

    enum CodingKeys: String, CodingKey {
        case text, confidence
        case durationMs = "duration_ms"
        case engine, timings
    }
}
