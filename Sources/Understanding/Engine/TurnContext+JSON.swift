import Shared

// Hand-written JSON for the engine types a worker's checkpoint holds (`JSONReadable`,
// `JSONWritable`): the same keys and values as their Codable forms.

extension ConversationMessage: JSONReadable, JSONWritable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var role: Role?
        var text: String?
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "role": role = try reader.rawValue(Role.self)
            case "text": text = try reader.string()
            default: try reader.skip()
            }
        }
        self.init(role: try reader.required(role, "role"), text: try reader.required(text, "text"))
    }

    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"role\":")
        writer.string(role.rawValue)
        writer.raw(",\"text\":")
        writer.string(text)
        writer.raw("}")
    }
}

extension MediaDecision: JSONReadable, JSONWritable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        self = try reader.rawValue(Self.self)
    }

    public func write(json writer: inout JSONWriter) {
        writer.string(rawValue)
    }
}

extension ClarifyDecision: JSONReadable, JSONWritable {
    public init(json reader: inout JSONReader) throws(JSONReadError) {
        var shouldAsk: Bool?
        var missingFields: [String]?
        var isSmallTalk = false
        var detailsOf: String?
        var compared: [String] = []
        try reader.object { reader, key throws(JSONReadError) in
            switch key {
            case "should_ask": shouldAsk = try reader.bool()
            case "missing_fields": missingFields = try reader.strings()
            case "small_talk": isSmallTalk = try reader.bool()
            case "details_of": detailsOf = try reader.optionalString()
            case "compared": compared = try reader.strings()
            default: try reader.skip()
            }
        }
        self.init(shouldAsk: try reader.required(shouldAsk, "should_ask"),
                  missingFields: try reader.required(missingFields, "missing_fields"), isSmallTalk: isSmallTalk,
                  detailsOf: detailsOf, compared: compared)
    }

    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"should_ask\":")
        shouldAsk.write(json: &writer)
        writer.raw(",\"missing_fields\":")
        writer.strings(missingFields)
        if isSmallTalk { writer.raw(",\"small_talk\":true") }
        if let detailsOf {
            writer.raw(",\"details_of\":")
            writer.string(detailsOf)
        }
        if !compared.isEmpty {
            writer.raw(",\"compared\":")
            writer.strings(compared)
        }
        writer.raw("}")
    }
}
