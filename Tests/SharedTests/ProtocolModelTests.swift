import Foundation
import Shared
import Testing

/// The JSON examples of protocol.md, decoded and encoded again: field names and values must survive.
@Suite struct ProtocolModelTests {
    static let progressExample = """
        {"type": "progress", "event_id": "1732460000000-3", "session_id": "s_8f3a…",
         "turn_id": "t_41c2…", "timestamp": "2026-11-24T12:00:00.000Z",
         "data": {"stage": "searching", "node": "search_marketplaces", "message": "Searching 2 marketplaces"}}
        """
    static let messageExample = """
        {"type": "message", "message": "I need a laptop under $1000",
         "client_message_id": "c-42",
         "media": [{"type": "image", "mime_type": "image/png", "data": "<base64>"},
                   {"type": "audio", "media_id": "m_71d0…"}]}
        """
    static let specExample = """
        {"category": "laptops", "query": "gaming laptop",
         "keywords": ["gaming"], "budget": {"min": null, "max": 1000, "currency": "USD"},
         "brands": ["Dell"], "excluded_brands": ["Acer"],
         "attributes": {"color": "black", "ram": "16GB"},
         "features": ["backlit keyboard"], "use_case": "gaming",
         "condition": "new", "sort": "relevance",
         "missing_fields": [], "confidence": 0.86}
        """
    static let productExample = """
        {"id": "bby-6356451", "title": "…", "brand": "…", "category": "Laptops",
         "price": 899.99, "currency": "USD", "url": "…", "image_url": "…",
         "rating": 4.6, "review_count": 1288, "marketplace": "local",
         "attributes": {"color": "Black"}, "score": 0.91,
         "match_reasons": ["under $1,000", "brand Dell", "16GB RAM"]}
        """

    /// Decodes `json` as `T`, encodes it again, and compares both as JSON values.
    func roundTrip<T: Codable>(_ type: T.Type, _ json: String) throws -> T {
        let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        let encoded = try JSONCoding.encode(value)
        let original = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary
        let again = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
        #expect(original == again, "\(String(decoding: encoded, as: UTF8.self))")
        return value
    }

    @Test func progressEventRoundTrips() throws {
        let event = try roundTrip(ServerEvent.self, Self.progressExample)
        #expect(event.type == .progress)
        #expect(event.eventID == EventID(milliseconds: 1_732_460_000_000, sequence: 3))
        #expect(event.timestamp.description == "2026-11-24T12:00:00.000Z")
        #expect(event.data == .progress(ProgressData(stage: .searching, node: "search_marketplaces",
                                                     message: "Searching 2 marketplaces")))
    }

    @Test func clientMessageRoundTrips() throws {
        let message = try roundTrip(ClientMessage.self, Self.messageExample)
        #expect(message.media.count == 2)
        #expect(message.media[1].mediaID == "m_71d0…")
        #expect(try ClientMessage.parse(frame: Array(Self.messageExample.utf8)) == message)
    }

    @Test func requirementSpecRoundTrips() throws {
        let spec = try roundTrip(RequirementSpec.self, Self.specExample)
        #expect(spec.budget == .init(min: nil, max: 1000, currency: "USD"))
        #expect(spec.excludedBrands == ["Acer"])
        // Every field is present even when unknown: nulls and empties, never omitted.
        let empty = try JSONSerialization.jsonObject(with: JSONCoding.encode(RequirementSpec())) as? [String: Any]
        #expect(Set(empty?.keys ?? [:].keys) == ["category", "query", "keywords", "budget", "brands", "excluded_brands",
                                                "attributes", "features", "use_case", "condition", "sort",
                                                "missing_fields", "confidence"])
        #expect(empty?["category"] is NSNull)
    }

    @Test func productResultRoundTrips() throws {
        let product = try roundTrip(ProductResult.self, Self.productExample)
        #expect(product.reviewCount == 1288)
        #expect(product.matchReasons.first == "under $1,000")
    }

    @Test(arguments: EventType.allCases)
    func everyEventTypeRoundTrips(_ type: EventType) throws {
        let spec = RequirementSpec(category: "laptops", budget: .init(max: 1000))
        let product = ProductResult(id: "p1", title: "Laptop", brand: nil, category: "Laptops", price: 899.99,
                                    currency: "USD", marketplace: "local")
        let data: EventData = switch type {
        case .connected: .connected(.init(sessionID: "s1", userID: "u1", resumed: true, stage: .completed,
                                          heartbeatIntervalSeconds: 30, server: .init(version: "1", instance: "gw-1"),
                                          recovered: false))
        case .ping: .ping
        case .ack: .ack(.init(clientMessageID: nil, turnID: "t1", queuedBehind: 2))
        case .progress: .progress(.init(stage: .ranking, node: "rank_and_compose", message: "Ranking"))
        case .token: .token(.init(text: "Here ", node: "rank_and_compose"))
        case .transcript: .transcript(.init(text: "a laptop", confidence: 0.8, durationMilliseconds: 1200, engine: "pocketsphinx"))
        case .imageAttributes: .imageAttributes(.init(colors: [.init(name: "red", hex: "#d01010", fraction: 0.6)],
                                                      attributes: ["format": "png"], labels: ["sneaker"], engine: "pixels"))
        case .requirements: .requirements(.init(spec: spec))
        case .clarification: .clarification(.init(question: "Which kind?", missingFields: ["category"],
                                                  clarificationCount: 1, maxClarifications: 2))
        case .results: .results(.init(products: [product], totalFound: 12, summary: "One laptop.",
                                       sources: [.init(marketplace: "local", count: 12, latencyMilliseconds: 3)]))
        case .done: .done(.init(stage: .completed, durationMilliseconds: 41))
        case .error: .error(ErrorData(code: .serviceUnavailable, message: "catalog down"))
        case .notice: .notice(.init(message: "maintenance at 22:00", level: .warning))
        }
        let event = ServerEvent(data, sessionID: "s1", turnID: type.isConnectionLevel ? nil : "t1",
                                eventID: type.isConnectionLevel ? nil : EventID(milliseconds: 5, sequence: 1))
        let json = try JSONCoding.encode(event)
        #expect(try JSONDecoder().decode(ServerEvent.self, from: json) == event)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["type"] as? String == type.rawValue)
        #expect((object?["event_id"] != nil) == !type.isConnectionLevel)
    }

    @Test func ackEncodesANullClientMessageID() throws {
        let json = try JSONCoding.encode(AckData(clientMessageID: nil, turnID: "t1", queuedBehind: 0))
        #expect(String(decoding: json, as: UTF8.self).contains("\"client_message_id\":null"))
    }

    @Test(arguments: [
        ("{\"type\":", ErrorCode.invalidJSON),
        ("[1,2]", .invalidMessage),
        ("{\"message\":\"hi\"}", .invalidMessage),
        ("{\"type\":\"shout\"}", .invalidMessage),
        ("{\"type\":7}", .invalidMessage),
        ("{\"type\":\"message\"}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"   \"}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":42}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\",\"multitask\":\"later\"}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\",\"client_message_id\":\"\(String(repeating: "x", count: 129))\"}", .invalidMessage),
        ("{\"type\":\"message\",\"media\":[{\"type\":\"video\",\"media_id\":\"m1\"}]}", .invalidMessage),
        ("{\"type\":\"message\",\"media\":[{\"type\":\"image\",\"data\":\"AAAA\"}]}", .invalidMessage),
        ("{\"type\":\"message\",\"media\":[{\"type\":\"image\"}]}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\",\"media\":{}}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\",\"multitask\":3}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\",\"client_message_id\":\"\"}", .invalidMessage),
        ("{\"type\":\"message\",\"media\":[7]}", .invalidMessage),
        ("{\"type\":\"message\",\"message\":\"hi\"} x", .invalidJSON),
        ("{\"type\":\"message\",\"message\":\"hi\",}", .invalidJSON),
        ("5", .invalidMessage),
        ("{\"type\":\"message\",\"media\":[" + Array(repeating: "{\"type\":\"image\",\"media_id\":\"m\"}", count: 5).joined(separator: ",") + "]}", .invalidMessage),
    ])
    func invalidFramesGetTheirCode(frame: String, code: ErrorCode) {
        let error = #expect(throws: AppError.self) { try ClientMessage.parse(frame: Array(frame.utf8)) }
        #expect(error?.code == code, "\(frame)")
    }

    @Test func invalidUTF8IsInvalidJSON() {
        #expect(throws: AppError(.invalidJSON, "frame is not valid UTF-8")) {
            try ClientMessage.parse(frame: [0x7B, 0xFF, 0xFE, 0x7D])
        }
        #expect(throws: AppError(.invalidJSON, "frame is not valid UTF-8")) {
            try ClientMessage.parse(frame: Array(#"{"type":"message","message":"caf"#.utf8) + [0xC3, 0x22, 0x7D])
        }
        #expect(throws: AppError(.invalidJSON, "frame is not valid JSON")) {
            try ClientMessage.parse(frame: Array(#"{"type":"message","message":"café"#.utf8))
        }
    }

    @Test func validFramesParse() throws {
        #expect(try ClientMessage.parse(frame: Array(#"{"type":"cancel"}"#.utf8)).type == .cancel)
        #expect(try ClientMessage.parse(frame: Array(#"{"type":"pong"}"#.utf8)).type == .pong)
        let media = try ClientMessage.parse(frame: Array(#"{"type":"answer","message":"","media":[{"type":"audio","media_id":"m1"}],"multitask":"interrupt"}"#.utf8))
        #expect(media.type == .answer)
        #expect(media.multitask == .interrupt)
        #expect(media.media == [MediaItem(type: .audio, mediaID: "m1")])
        // Nulls stand for absent fields; members the protocol does not name are ignored.
        let full = try ClientMessage.parse(frame: Array(
            #"{"extra":[1,{"a":true},null],"type":"message","message":"café \"noir\"","client_message_id":null,"multitask":null,"media":null}"#.utf8))
        #expect(full == ClientMessage(type: .message, message: "café \"noir\""))
    }

    @Test(arguments: [
        ("2026-11-24T12:00:00.000Z", Int64(1_795_521_600_000)),
        ("1970-01-01T00:00:00.000Z", 0),
        ("2024-02-29T23:59:59.999Z", 1_709_251_199_999),
        ("1969-12-31T23:59:59.500Z", -500),
        ("0001-01-01T00:00:00.001Z", -62_135_596_799_999),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
    ])
    func timestampsFormatAndParse(text: String, milliseconds: Int64) {
        #expect(Timestamp(millisecondsSince1970: milliseconds).description == text)
        #expect(Timestamp(rfc3339: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test func identifiersAreAPrefixAnd24HexDigits() {
        let ids = (0..<200).map { _ in Identifier.make("t") }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("t_") && id.utf8.count == 26, "\(id)")
            #expect(id.utf8.dropFirst(2).allSatisfy { (48...57).contains($0) || (97...102).contains($0) }, "\(id)")
        }
        // Every digit place takes more than one value: no place is stuck at 0.
        for place in 2..<26 { #expect(Set(ids.map { Array($0.utf8)[place] }).count > 1, "place \(place)") }
    }

    @Test func timestampsPastYear9999StillFormat() {
        #expect(Timestamp(millisecondsSince1970: 253_402_300_800_000).description == "10000-01-01T00:00:00.000Z")
    }

    @Test func timestampsAcceptOffsetsAndRejectGarbage() {
        #expect(Timestamp(rfc3339: "2026-11-24T13:00:00+01:00")?.description == "2026-11-24T12:00:00.000Z")
        #expect(Timestamp(rfc3339: "2026-11-24T12:00:00.5Z")?.millisecondsSince1970 == 1_795_521_600_500)
        for bad in ["", "2026-13-01T00:00:00Z", "2026-11-24 12:00:00Z", "2026-11-24T12:00:00", "yesterday"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test func eventIDsCompareAsIntegerPairs() {
        #expect(EventID("1732460000000-10")! > EventID("1732460000000-9")!)
        #expect(EventID("1732460000001-0")! > EventID("1732460000000-99")!)
        #expect(EventID("17")?.sequence == 0)
        #expect(EventID("x-1") == nil)
        #expect(EventID("1-2-3") == nil)
        for bad in ["", "-", "-1", "1-", "1--2", "1 -2", "+1-2", "18446744073709551616-0", "1-18446744073709551616", "१-2"] {
            #expect(EventID(bad) == nil, "\(bad)")
        }
        #expect(EventID("18446744073709551615-18446744073709551615") == EventID(milliseconds: .max, sequence: .max))
        #expect(EventID(utf8: Array("1732460000000-3".utf8)[...]) == EventID(milliseconds: 1_732_460_000_000, sequence: 3))
        #expect(EventID("0-0") == EventID(milliseconds: 0, sequence: 0))
    }

    @Test func mediaTypesByMIMEType() {
        #expect(MediaType.of(mimeType: "image/PNG") == .image)
        #expect(MediaType.of(mimeType: "audio/wav; codecs=1") == .audio)
        #expect(MediaType.of(mimeType: "video/mp4") == nil)
    }

    @Test func errorCodesMapToStatuses() {
        #expect(ErrorCode.unauthorized.httpStatus == 401)
        #expect(ErrorCode.sessionNotFound.httpStatus == 404)
        #expect(ErrorCode.overCapacity.httpStatus == 503)
        #expect(ErrorCode.rateLimited.httpStatus == 429)
        #expect(ErrorCode.messageTooLarge.closeCode == 1009)
        #expect(ErrorCode.unavailable.isRetryable)
        #expect(!ErrorCode.invalidJSON.isRetryable)
        #expect(ErrorCode.serviceUnavailable.failsTurn)
        #expect(ErrorData(code: .serviceUnavailable, message: "x").retryable)
    }

    /// A brand asked for is the product's brand or named in its title, before any "for": a
    /// card's chip maker counts, by name or by its product line; what an accessory goes with does not.
    @Test func aProductIsOfTheBrandItsTitleNamesBeforeWhatItGoesWith() {
        func product(_ title: String, brand: String?) -> ProductResult {
            ProductResult(id: title, title: title, brand: brand, category: "Graphics Cards", price: 1, currency: "USD", marketplace: "local")
        }
        #expect(product("Sapphire Pulse AMD Radeon RX 7600 8GB", brand: "Sapphire").isOf(brand: "amd"))
        #expect(product("Sapphire Pulse AMD Radeon RX 7600 8GB", brand: "Sapphire").isOf(brand: "Sapphire"))
        #expect(product("The North Face Borealis Backpack", brand: nil).isOf(brand: "The North Face"))
        #expect(product("iPhone 13 Pro", brand: "APPLE").isOf(brand: "Apple"))
        #expect(!product("AdroitZ Phone Socket Holder For Apple iPhone 6", brand: "AdroitZ").isOf(brand: "Apple"))
        #expect(!product("Tempered Glass compatible with Samsung Galaxy S23", brand: "Spigen").isOf(brand: "Samsung"))
        #expect(!product("Radeon-style AMDX cooler", brand: nil).isOf(brand: "AMD"))  // whole words only
        // A chip maker's product line with its series: before, "nvidia only" found no NVIDIA cards.
        #expect(product("Gigabyte GeForce RTX 4060 Ti Gaming OC 8GB", brand: "Gigabyte").isOf(brand: "NVIDIA"))
        #expect(product("XFX Speedster Radeon RX 7600", brand: "XFX").isOf(brand: "amd"))
        #expect(!product("Gigabyte GeForce RTX 4060 Ti", brand: "Gigabyte").isOf(brand: "AMD"))
        #expect(!product("GPU Support Bracket for GeForce RTX cards", brand: "Acme").isOf(brand: "NVIDIA"))
        #expect(!product("Anything", brand: "Sony").isOf(brand: ""))
        // Titles past ASCII are read by their characters: "LÉVI'S" has the brand "Lévi's".
        #expect(product("LÉVI'S 501 Jeans", brand: nil).isOf(brand: "Lévi's"))
        #expect(product("Levi’s 511 Slim", brand: nil).isOf(brand: "Levi's") && !product("Levis", brand: nil).isOf(brand: "Levi's"))
    }

    /// Text read by bytes where it is ASCII, and a "don't know" where it is not.
    @Test func textIsSearchedAndNumbersWrittenByteByByte() {
        #expect("Sapphire Pulse AMD".containsASCII(caseInsensitive: "amd") == true)
        #expect("Sapphire Pulse AMD".containsASCII(caseInsensitive: "nvidia") == false)
        #expect("abc".containsASCII(caseInsensitive: "") == true && "".containsASCII(caseInsensitive: "a") == false)
        #expect("Crème".containsASCII(caseInsensitive: "cr") == true)  // found before the accent
        #expect("CRÈME".containsASCII(caseInsensitive: "x") == nil)  // "È" may fold to what was asked
        #expect("creme".containsASCII(caseInsensitive: "crème") == nil)
        #expect([4.56, 4, 0.05, 0.15, -2.35, 10].map(NumberText.oneDecimal) == ["4.6", "4.0", "0.0", "0.2", "-2.4", "10.0"])
        #expect([0, 999, 1000, 12_345, -1_234_567, Int64.max].map(NumberText.grouped)
                == ["0", "999", "1,000", "12,345", "-1,234,567", "9,223,372,036,854,775,807"])
    }

    /// Attribute names as the catalog and the engines compare them: one rule for both.
    @Test func attributeNamesAreComparedLowerCasedWithUnderscores() {
        #expect(AttributeName.normalized("Refresh Rate") == "refresh_rate")
        #expect(AttributeName.normalized("RAM") == "ram" && AttributeName.normalized("age-range") == "age_range")
        #expect(AttributeName.normalized("ÉCRAN Size") == "écran_size")
        #expect(AttributeName.normalized("battery_life") == "battery_life")
    }
}
