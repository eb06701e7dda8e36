/// A type that writes its own JSON with a `JSONWriter`: the same keys and values as its
/// `Encodable` form, without `JSONEncoder`'s containers and boxing.
public protocol JSONWritable {
    func write(json writer: inout JSONWriter)
}

extension JSONWriter {
    /// The JSON of `value`.
    public static func encode(_ value: some JSONWritable, capacity: Int = 256) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        value.write(json: &writer)
        return writer.bytes
    }

    /// `[…]` of strings.
    public mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }
}

extension String: JSONWritable {
    public func write(json writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONWritable {
    public func write(json writer: inout JSONWriter) { writer.number(self) }
}

extension Double: JSONWritable {
    public func write(json writer: inout JSONWriter) { writer.number(self) }
}

extension Bool: JSONWritable {
    public func write(json writer: inout JSONWriter) { self ? writer.raw("true") : writer.raw("false") }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        if let value = self { value.write(json: &writer) } else { writer.raw("null") }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.array(self) { writer, element in element.write(json: &writer) }
    }
}

extension ProductResult: JSONWritable {
    public func write(json writer: inout JSONWriter) { writer.product(self) }
}

extension SearchResults: JSONWritable {
    public func write(json writer: inout JSONWriter) { writer.searchResults(self) }
}

extension RequirementSpec.Budget: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"min\":")
        writer.number(min)
        writer.raw(",\"max\":")
        writer.number(max)
        writer.raw(",\"currency\":")
        writer.string(currency)
        writer.raw("}")
    }
}

extension RequirementSpec: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"category\":")
        writer.string(category)
        writer.raw(",\"query\":")
        writer.string(query)
        writer.raw(",\"keywords\":")
        writer.strings(keywords)
        writer.raw(",\"budget\":")
        budget.write(json: &writer)
        writer.raw(",\"brands\":")
        writer.strings(brands)
        writer.raw(",\"excluded_brands\":")
        writer.strings(excludedBrands)
        writer.raw(",\"attributes\":")
        writer.object(attributes)
        writer.raw(",\"features\":")
        writer.strings(features)
        writer.raw(",\"use_case\":")
        writer.string(useCase)
        writer.raw(",\"condition\":")
        writer.string(condition)
        writer.raw(",\"sort\":")
        writer.string(sort.rawValue)
        writer.raw(",\"missing_fields\":")
        writer.strings(missingFields)
        writer.raw(",\"confidence\":")
        writer.number(confidence)
        writer.raw("}")
    }
}

extension TranscriptData: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"text\":")
        writer.string(text)
        writer.raw(",\"confidence\":")
        writer.number(confidence)
        writer.raw(",\"duration_ms\":")
        writer.number(durationMilliseconds)
        writer.raw(",\"engine\":")
        writer.string(engine)
        writer.raw("}")
    }
}

extension NamedColor: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"name\":")
        writer.string(name)
        writer.raw(",\"hex\":")
        writer.string(hex)
        writer.raw(",\"fraction\":")
        writer.number(fraction)
        writer.raw("}")
    }
}

extension ImageAttributesData: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"colors\":")
        colors.write(json: &writer)
        writer.raw(",\"attributes\":")
        writer.object(attributes)
        writer.raw(",\"labels\":")
        writer.strings(labels)
        writer.raw(",\"engine\":")
        writer.string(engine)
        writer.raw("}")
    }
}

extension SessionState.ResultSummary: JSONWritable {
    public func write(json writer: inout JSONWriter) {
        writer.raw("{\"id\":")
        writer.string(id)
        writer.raw(",\"title\":")
        writer.string(title)
        writer.raw(",\"price\":")
        writer.number(price)
        writer.raw(",\"currency\":")
        writer.string(currency)
        writer.raw("}")
    }
}
