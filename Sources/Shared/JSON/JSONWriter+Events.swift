extension JSONWriter {
    /// The JSON of the events turns write (`ack`, `progress`, `token`, `requirements`,
    /// `clarification`, `transcript`, `image_attributes`, `results`, `done`), written by hand;
    /// `nil` for other events, which go through `JSONEncoder`. Same fields and
    /// values as `ServerEvent`'s `Encodable` form.
    static func turnEvent(_ event: ServerEvent) -> [UInt8]? {
        var writer = JSONWriter(capacity: 256)
        writer.raw("{\"type\":")
        writer.string(event.type.rawValue)
        if let eventID = event.eventID {
            writer.raw(",\"event_id\":")
            writer.string(eventID.description)
        }
        if let sessionID = event.sessionID {
            writer.raw(",\"session_id\":")
            writer.string(sessionID)
        }
        if let turnID = event.turnID {
            writer.raw(",\"turn_id\":")
            writer.string(turnID)
        }
        writer.raw(",\"timestamp\":")
        writer.string(event.timestamp.description)
        writer.raw(",\"data\":")
        switch event.data {
        case .ack(let ack):
            writer.raw("{\"client_message_id\":")
            writer.string(ack.clientMessageID)
            writer.raw(",\"turn_id\":")
            writer.string(ack.turnID)
            writer.raw(",\"queued_behind\":")
            writer.number(ack.queuedBehind)
            writer.raw("}")
        case .progress(let progress):
            writer.raw("{\"stage\":")
            writer.string(progress.stage.rawValue)
            writer.raw(",\"node\":")
            writer.string(progress.node)
            writer.raw(",\"message\":")
            writer.string(progress.message)
            writer.raw("}")
        case .token(let token):
            writer.raw("{\"text\":")
            writer.string(token.text)
            writer.raw(",\"node\":")
            writer.string(token.node)
            writer.raw("}")
        case .done(let done):
            writer.raw("{\"stage\":")
            writer.string(done.stage.rawValue)
            writer.raw(",\"duration_ms\":")
            writer.number(done.durationMilliseconds)
            writer.raw("}")
        case .results(let results):
            writer.raw("{\"summary\":")
            writer.string(results.summary)
            writer.raw(",")
            writer.resultFields(products: results.products, totalFound: results.totalFound, sources: results.sources)
            writer.raw("}")
        case .requirements(let requirements):
            writer.raw("{\"spec\":")
            requirements.spec.write(json: &writer)
            writer.raw("}")
        case .clarification(let clarification):
            writer.raw("{\"question\":")
            writer.string(clarification.question)
            writer.raw(",\"missing_fields\":")
            writer.strings(clarification.missingFields)
            writer.raw(",\"clarification_count\":")
            writer.number(clarification.clarificationCount)
            writer.raw(",\"max_clarifications\":")
            writer.number(clarification.maxClarifications)
            writer.raw("}")
        case .transcript(let transcript):
            transcript.write(json: &writer)
        case .imageAttributes(let image):
            image.write(json: &writer)
        default:
            return nil
        }
        writer.raw("}")
        return writer.bytes
    }
}

extension JSONCoding {
    /// An event's JSON: by hand for the events of every turn, through `JSONEncoder` otherwise.
    public static func encodeEvent(_ event: ServerEvent) throws -> [UInt8] {
        if let bytes = JSONWriter.turnEvent(event) { return bytes }
        return Array(try encode(event))
    }
}
