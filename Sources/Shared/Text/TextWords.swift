/// The words a title or a name is compared by, in every process that compares them.
public enum TextWords {
    /// Lower-cased runs of letters and digits: "Google Pixel 8, 128GB" is google, pixel, 8, 128gb.
    /// ASCII text (nearly every title and name) is read by its bytes, any other by characters.
    public static func of(_ text: String) -> [String] {
        if let words = asciiWords(text) { return words }
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// `of` an ASCII text; `nil` for any other.
    private static func asciiWords(_ text: String) -> [String]? {
        var bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [String] = []
        var start: Int?
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x20
            let isUpper = byte >= 0x41 && byte <= 0x5A
            if isUpper || byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                if isUpper { bytes[index] = byte | 0x20 }
                if start == nil { start = index }
            } else if let first = start {
                words.append(String(decoding: bytes[first..<index], as: UTF8.self))
                start = nil
            }
        }
        return words
    }
}
