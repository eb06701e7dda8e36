/// The `data` of a server event, typed by its `type`.
public enum EventData: Sendable, Hashable {
    case connected(ConnectedData)
    case ping
    case ack(AckData)
    case progress(ProgressData)
    case token(TokenData)
    case transcript(TranscriptData)
    case imageAttributes(ImageAttributesData)
    case requirements(RequirementsData)
    case clarification(ClarificationData)
    case results(ResultsData)
    case done(DoneData)
    case error(ErrorData)
    case notice(NoticeData)

    public var type: EventType {
        switch self {
        case .connected: .connected
        case .ping: .ping
        case .ack: .ack
        case .progress: .progress
        case .token: .token
        case .transcript: .transcript
        case .imageAttributes: .imageAttributes
        case .requirements: .requirements
        case .clarification: .clarification
        case .results: .results
        case .done: .done
        case .error: .error
        case .notice: .notice
        }
    }
}

/// One server → client JSON text frame (protocol.md §1.2).
public struct ServerEvent: Sendable, Hashable, Codable {
    /// Present on every event stored in a session's history: `"<milliseconds>-<sequence>"`.
    public var eventID: EventID?
    public var sessionID: String?
    /// Present on every event a turn produced.
    public var turnID: String?
    public var timestamp: Timestamp
    public var data: EventData

    public var type: EventType { data.type }

    public init(_ data: EventData, sessionID: String? = nil, turnID: String? = nil,
                eventID: EventID? = nil, timestamp: Timestamp = .now()) {
        self.data = data
        self.sessionID = sessionID
        self.turnID = turnID
        self.eventID = eventID
        self.timestamp = timestamp
    }

    enum CodingKeys: String, CodingKey {
        case type
        case eventID = "event_id"
        case sessionID = "session_id"
        case turnID = "turn_id"
        case timestamp, data
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(EventType.self, forKey: .type)
        eventID = try c.decodeIfPresent(EventID.self, forKey: .eventID)
        sessionID = try c.decodeIfPresent(String.self, forKey: .sessionID)
        turnID = try c.decodeIfPresent(String.self, forKey: .turnID)
        timestamp = try c.decode(Timestamp.self, forKey: .timestamp)
        data = switch type {
        case .connected: .connected(try c.decode(ConnectedData.self, forKey: .data))
        case .ping: .ping
        case .ack: .ack(try c.decode(AckData.self, forKey: .data))
        case .progress: .progress(try c.decode(ProgressData.self, forKey: .data))
        case .token: .token(try c.decode(TokenData.self, forKey: .data))
        case .transcript: .transcript(try c.decode(TranscriptData.self, forKey: .data))
        case .imageAttributes: .imageAttributes(try c.decode(ImageAttributesData.self, forKey: .data))
        case .requirements: .requirements(try c.decode(RequirementsData.self, forKey: .data))
        case .clarification: .clarification(try c.decode(ClarificationData.self, forKey: .data))
        case .results: .results(try c.decode(ResultsData.self, forKey: .data))
        case .done: .done(try c.decode(DoneData.self, forKey: .data))
        case .error: .error(try c.decode(ErrorData.self, forKey: .data))
        case .notice: .notice(try c.decode(NoticeData.self, forKey: .data))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(eventID, forKey: .eventID)
        try c.encodeIfPresent(sessionID, forKey: .sessionID)
        try c.encodeIfPresent(turnID, forKey: .turnID)
        try c.encode(timestamp, forKey: .timestamp)
        switch data {
        case .connected(let value): try c.encode(value, forKey: .data)
        case .ping: try c.encode([String: String](), forKey: .data)
        case .ack(let value): try c.encode(value, forKey: .data)
        case .progress(let value): try c.encode(value, forKey: .data)
        case .token(let value): try c.encode(value, forKey: .data)
        case .transcript(let value): try c.encode(value, forKey: .data)
        case .imageAttributes(let value): try c.encode(value, forKey: .data)
        case .requirements(let value): try c.encode(value, forKey: .data)
        case .clarification(let value): try c.encode(value, forKey: .data)
        case .results(let value): try c.encode(value, forKey: .data)
        case .done(let value): try c.encode(value, forKey: .data)
        case .error(let value): try c.encode(value, forKey: .data)
        case .notice(let value): try c.encode(value, forKey: .data)
        }
    }
}

/// An event id, `"<milliseconds>-<sequence>"` as Redis stream ids; ordered as that pair of integers.
public struct EventID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var milliseconds: UInt64
    public var sequence: UInt64

    public init(milliseconds: UInt64, sequence: UInt64) {
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    /// Parses `"1732460000000-3"`; a bare `"1732460000000"` means sequence 0.
    public init?(_ text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    /// Parses an id from its UTF-8 bytes (a live message's, a script's reply), with no String or
    /// split in between: the gateway reads one per event it forwards.
    public init?(utf8: some Collection<UInt8>) {
        var parts: (UInt64, UInt64) = (0, 0)
        var inSequence = false
        var digits = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "-") {
                guard !inSequence, digits > 0 else { return nil }
                inSequence = true
                digits = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let current = inSequence ? parts.1 : parts.0
            let (tens, overflowTimes) = current.multipliedReportingOverflow(by: 10)
            let (next, overflowPlus) = tens.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowPlus else { return nil }
            if inSequence { parts.1 = next } else { parts.0 = next }
            digits += 1
        }
        guard digits > 0 else { return nil }
        self.init(milliseconds: parts.0, sequence: parts.1)
    }

    public var description: String { "\(milliseconds)-\(sequence)" }

    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = EventID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not an event id: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
