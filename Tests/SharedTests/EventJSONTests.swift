import Foundation
import Shared
import Testing

/// The hand-written JSON of the turn's events says exactly what `JSONEncoder` says.
struct EventJSONTests {
    static let product = ProductResult(
        id: "p1", title: "Quiet \"Pro\" 45 — \u{1F3A7}\nover-ear/ANC", brand: nil, category: "headphones", price: 249.5,
        currency: "USD", url: "https://example.com/p1", rating: 4.6, reviewCount: 1288, marketplace: "local",
        attributes: ["colour": "black", "anc": "yes"], score: 0.83, matchReasons: ["under $300", "rated 4.6 by 1,288 buyers"])

    static let events: [ServerEvent] = [
        ServerEvent(.ack(AckData(clientMessageID: "c-1", turnID: "t_1", queuedBehind: 2)), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.ack(AckData(clientMessageID: nil, turnID: "t_1", queuedBehind: 0)), sessionID: "s_1"),
        ServerEvent(.progress(ProgressData(stage: .searching, node: "search_marketplaces", message: "Searching \\ \"now\"")),
                    sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.token(TokenData(text: "Here are\tthree:\u{0001} é", node: "rank_and_compose")), sessionID: "s_1",
                    turnID: "t_1", eventID: EventID("1764650000000-3")),
        ServerEvent(.done(DoneData(stage: .awaitingAnswer, durationMilliseconds: 12)), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.requirements(RequirementsData(spec: RequirementSpec(
            category: "headphones", query: "quiet \"over-ear\"", keywords: ["anc"], budget: .init(max: 299.5, currency: "INR"),
            excludedBrands: ["Beats"], attributes: ["colour": "black"], useCase: "commute", sort: .rating,
            missingFields: ["budget"], confidence: 0.7))), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.requirements(RequirementsData(spec: RequirementSpec())), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.clarification(ClarificationData(question: "What budget?", missingFields: ["budget"], clarificationCount: 1,
                                                     maxClarifications: 2)), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.transcript(TranscriptData(text: "red shoes", confidence: 0.93, durationMilliseconds: 1500,
                                               engine: "pocketsphinx")), sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.imageAttributes(ImageAttributesData(colors: [NamedColor(name: "red", hex: "#cc0000", fraction: 0.61)],
                                                         attributes: ["pattern": "solid"], labels: ["sneaker"], engine: "pixels")),
                    sessionID: "s_1", turnID: "t_1"),
        ServerEvent(.results(ResultsData(
            products: [product, ProductResult(id: "p2", title: "Plain", brand: "Acme", category: "mugs", price: 849,
                                              currency: "INR", marketplace: "ebay")],
            totalFound: 31, summary: "Two picks.", sources: [
                SourceStatus(marketplace: "local", count: 30, latencyMilliseconds: 2),
                SourceStatus(marketplace: "ebay", count: 1, latencyMilliseconds: 900, error: "slow"),
            ])), sessionID: "s_1", turnID: "t_1"),
    ]

    @Test(arguments: events)
    func handWrittenEventJSONMatchesTheEncoder(_ event: ServerEvent) throws {
        let handWritten = try JSONCoding.encodeEvent(event)
        let encoded = try JSONCoding.encode(event)
        let lhs = try #require(try JSONSerialization.jsonObject(with: Data(handWritten)) as? NSDictionary)
        let rhs = try #require(try JSONSerialization.jsonObject(with: encoded) as? NSDictionary)
        #expect(lhs == rhs)
        #expect(try JSONCoding.decode(ServerEvent.self, from: handWritten) == event)
    }

    @Test func otherEventsGoThroughTheEncoder() throws {
        let notice = ServerEvent(.notice(NoticeData(message: "maintenance at 10:00", level: .warning)))
        #expect(try JSONCoding.decode(ServerEvent.self, from: try JSONCoding.encodeEvent(notice)) == notice)
    }
}
