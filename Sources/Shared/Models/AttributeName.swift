/// The names products give their attributes, as the catalog and the engines compare them.
public enum AttributeName {
    /// `name` lower-cased, with spaces and hyphens as `_` ("Refresh Rate": "refresh_rate",
    /// "RAM": "ram"). A name in that form already, as most are, is returned as it is, uncopied.
    public static func normalized(_ name: String) -> String {
        // Only ASCII capitals, spaces, hyphens and non-ASCII bytes can change.
        guard name.utf8.contains(where: { (65...90).contains($0) || $0 == 32 || $0 == 45 || $0 >= 0x80 }) else { return name }
        return String(decoding: name.lowercased().utf8.map { $0 == 32 || $0 == 45 ? 95 : $0 }, as: UTF8.self)
    }
}
