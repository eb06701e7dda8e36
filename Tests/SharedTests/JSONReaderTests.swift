import Foundation
import Shared
import Testing

/// `JSONReader` reads what `JSONDecoder` reads, and the hand-written readers and writers of the
/// models agree with their Codable forms both ways.
struct JSONReaderTests {
    static let spec = RequirementSpec(
        category: "headphones", query: "quiet \"over-ear\" / ANC", keywords: ["wireless", "é\u{1F3A7}"],
        budget: .init(min: 50, max: 299.99, currency: "INR"), brands: ["Sony"], excludedBrands: ["Beats"],
        attributes: ["colour": "black", "fit": "over-ear"], features: ["anc"], useCase: "commute", condition: nil,
        sort: .priceAscending, missingFields: ["budget"], confidence: 0.85)

    static let results = SearchResults(products: [EventJSONTests.product, ProductResult(id: "p2", title: "Plain", brand: "Acme", category: "mugs", price: 849, currency: "INR", marketplace: "ebay",
                                                                                       description: "A mug.", listPrice: 999)],
                                       totalFound: 31, sources: [
        SourceStatus(marketplace: "local", count: 30, latencyMilliseconds: 2),
        SourceStatus(marketplace: "ebay", count: 1, latencyMilliseconds: 900, error: "slow"),
    ])

    /// Written by `JSONWriter`, read by `JSONReader` and by `JSONDecoder`: all three values equal.
    func roundTrip<Value: JSONReadable & JSONWritable & Codable & Equatable>(_ value: Value) throws {
        let written = JSONWriter.encode(value)
        #expect(try JSONReader.decode(Value.self, from: written) == value)
        #expect(try JSONDecoder().decode(Value.self, from: Data(written)) == value)
        // And what `JSONEncoder` writes (older checkpoints, other clients) reads the same.
        #expect(try JSONReader.decode(Value.self, from: JSONEncoder().encode(value)) == value)
    }

    @Test func modelsRoundTripBothWays() throws {
        try roundTrip(Self.spec)
        try roundTrip(RequirementSpec())
        try roundTrip(Self.results)
        try roundTrip(Optional<SearchResults>.none)
        try roundTrip(TranscriptData(text: "red running shoes", confidence: 0.91, durationMilliseconds: 1830, engine: "ps"))
        try roundTrip(ImageAttributesData(colors: [NamedColor(name: "navy", hex: "#1b2a4a", fraction: 0.62)],
                                          attributes: ["pattern": "solid"], labels: ["jacket"], engine: "palette"))
        try roundTrip([1, -2, 0])
        try roundTrip(["a", "\u{0001}\t\\"])
        try roundTrip([true, false])
    }

    @Test func readsWhatTheDecoderReadsWithDefaultsAndUnknownKeys() throws {
        // Omitted optional members take their defaults, nulls read as absent, unknown members
        // (objects, arrays, numbers with exponents) are skipped.
        let text = #"""
        {"category":null,"budget":{"max":1e3},"sort":null,"extra":{"a":[1,2,{"b":null}],"c":-0.5E-2},
         "keywords":["x"], "confidence":1}
        """#
        let expected = try JSONDecoder().decode(RequirementSpec.self, from: Data(text.utf8))
        #expect(try JSONReader.decode(RequirementSpec.self, from: Array(text.utf8)) == expected)
        #expect(expected.budget.max == 1000 && expected.budget.currency == "USD" && expected.keywords == ["x"])
    }

    /// Numbers read by the digits' own arithmetic (15 digits or fewer, no exponent) are bit for bit
    /// what `Double(_:)` reads, as are the longer ones it is left to.
    @Test func numbersReadAsTheStandardLibraryReadsThem() throws {
        var texts = ["0", "-0", "0.0", "-0.0", "1", "10", "0.1", "0.3", "2.675", "1.005", "199.99", "4.35",
                     "123456789012345", "12345678901234.5", "0.000000000000001", "999999999999999",
                     "1234567890123456", "9007199254740993", "0.1234567890123456789", "1e3", "-2.5E-3", "17.5e0"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = String(UInt64.random(in: 0...999_999_999_999_999_999, using: &random))
            let cut = Int.random(in: 0...digits.count, using: &random)
            var text = cut == digits.count ? digits : digits.prefix(cut) + "." + digits.dropFirst(cut)
            if text.hasPrefix(".") { text = "0" + text }
            while text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { text.removeFirst() }
            texts.append(Bool.random(using: &random) ? "-" + text : text)
        }
        for text in texts {
            let read = try JSONReader.decode(Double.self, from: Array(text.utf8))
            let expected = try #require(Double(text))
            #expect(read.bitPattern == expected.bitPattern, "\(text): \(read) against \(expected)")
        }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let text = #"["\"\\\/\b\f\n\r\t", "\u00e9\ud83c\udfa7", "plain é"]"#
        let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(try JSONReader.decode([String].self, from: Array(text.utf8)) == expected)
    }

    @Test func refusesInvalidUTF8InAStringAndKeepsAWrittenReplacementCharacter() throws {
        let quote = UInt8(ascii: "\"")
        for invalid: [UInt8] in [[0xC3], [0xFF], [0xE2, 0x82], [0xED, 0xA0, 0x80]] {
            for escaped in [false, true] {
                let text = [UInt8(ascii: "["), quote, 0x61] + (escaped ? Array(#"\n"#.utf8) : []) + invalid + [quote, UInt8(ascii: "]")]
                #expect(throws: JSONReadError.self) { try JSONReader.decode([String].self, from: text) }
            }
        }
        let replacement = Array("[\"a\u{FFFD}é\"]".utf8)
        #expect(try JSONReader.decode([String].self, from: replacement) == ["a\u{FFFD}é"])
    }

    @Test(arguments: [
        "", "{", #"{"id":}"#, "[1,]", "[1 2]", #"{"a" 1}"#, "01", "1.", "-", "1e", "tru", #""abc"#, "\"\u{0001}\"",
        #""\x""#, #""\u12G4""#, "[1] x", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func refusesMalformedJSON(_ text: String) {
        #expect(throws: JSONReadError.self) {
            try JSONReader.read(Array(text.utf8)) { reader throws(JSONReadError) in try reader.skip() }
        }
    }

    @Test func namesAMissingMemberAndAWrongType() {
        let missing = #expect(throws: JSONReadError.self) {
            try JSONReader.decode(SourceStatus.self, from: Array(#"{"marketplace":"local","count":1}"#.utf8))
        }
        #expect(missing?.description.contains("latency_ms") == true)
        #expect(throws: JSONReadError.self) {
            try JSONReader.decode(SourceStatus.self, from: Array(#"{"marketplace":"x","count":1.5,"latency_ms":2}"#.utf8))
        }
        #expect(throws: JSONReadError.self) {
            try JSONReader.decode(RequirementSpec.self, from: Array(#"{"sort":"cheapest"}"#.utf8))
        }
    }
}
