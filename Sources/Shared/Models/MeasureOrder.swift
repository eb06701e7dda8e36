/// "The biggest TV", "the fastest SSD", "the lightest tent": a spec attribute whose value is
/// `most` or `least` asks for the products that state the most (or the least) of that measure
/// first, not for a value: `"screen_size": "most"`, `"weight": "least"`. The understanding
/// engines write it, the catalog ranks by it, and a reply says the order.
public enum MeasureOrder: String, Sendable, Hashable {
    case most, least

    /// The order an attribute's value asks for ("most", "Least "); `nil` for any other value.
    public init?(value: String) {
        // Most values are longer, and are refused before any copy.
        guard value.utf8.count <= 8 else { return nil }
        self.init(rawValue: value.trimmingWhitespace.lowercased())
    }

    /// The spec's attribute that asks for an order, the first by key when several do.
    public static func asked(in attributes: [String: String]) -> (key: String, order: MeasureOrder)? {
        attributes.compactMap { key, value in MeasureOrder(value: value).map { (key, $0) } }.min { $0.0 < $1.0 }
    }
}
