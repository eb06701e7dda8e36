import Shared

/// A processor named as what a part is for ("a motherboard for a ryzen 7 7800x3d", "a cooler for
/// my i7-14700k"): the socket it fits, which motherboards state (`socket`) and shoppers rarely
/// say. Before, its words were keywords: "None of the best matches mentions "7"", and "the
/// cheapest" listed Intel H61 boards that matched the "7".
enum ProcessorSocket {
    private enum Family { case ryzen, core, coreUltra }

    /// Words that may stand between the family's word and the model number ("ryzen 7 7800x3d";
    /// "i7-14700k" is read as "i7 to 14700 k").
    private static let betweenWords: Set<String> = ["3", "5", "7", "9", "to"]
    /// Letters after the model number: "x3d", "k", "kf", "f", "g", "x", "xt".
    private static let suffixes: Set<String> = ["x3d", "x", "xt", "k", "kf", "ks", "f", "g", "ge", "t"]
    private static let leadIns: Set<String> = ["a", "an", "my", "the", "new", "old", "current", "amd", "intel", "core"]

    /// The socket of the processor the words (the tokens' texts) name after "for" or "with", and
    /// the positions that name it; `nil` when they name none, or name it as the thing asked for
    /// ("a ryzen 7 7800x3d").
    static func find(in texts: [String]) -> (socket: String, range: Range<Int>)? {
        for (index, text) in texts.enumerated() {
            // Bytes, not Characters: this runs for every word of every message.
            guard (3...5).contains(text.utf8.count), text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
                  let number = Int(text) else { continue }
            var position = index - 1, family: Family?
            while position >= 0, index - position <= 3 {
                switch texts[position] {
                case "ryzen": family = .ryzen
                case "i3", "i5", "i7", "i9": family = .core
                case "ultra": family = .coreUltra
                default: break
                }
                if family != nil || !betweenWords.contains(texts[position]) { break }
                position -= 1
            }
            guard let family, let socket = socket(of: family, model: number, digits: text.count) else { continue }
            var start = position
            while start > 0, leadIns.contains(texts[start - 1]) { start -= 1 }
            guard start > 0, ["for", "with"].contains(texts[start - 1]) else { return nil }
            var end = index + 1
            while end < texts.count, suffixes.contains(texts[end]) { end += 1 }
            return (socket, start..<end)
        }
        return nil
    }

    /// AMD's desktop Ryzen 1000–5000 fit AM4, 7000–9000 AM5; Intel's Core of the 6th to 9th
    /// generations LGA1151, 10th and 11th LGA1200, 12th to 14th LGA1700, Core Ultra 200 LGA1851.
    private static func socket(of family: Family, model: Int, digits: Int) -> String? {
        switch (family, digits) {
        case (.ryzen, 4):
            switch model / 1000 { case 1...5: "AM4"; case 7...9: "AM5"; default: nil }
        case (.core, 5):
            switch model / 1000 { case 10...11: "LGA1200"; case 12...14: "LGA1700"; default: nil }
        case (.core, 4):
            (6...9).contains(model / 1000) ? "LGA1151" : nil
        case (.coreUltra, 3):
            (200...299).contains(model) ? "LGA1851" : nil
        default:
            nil
        }
    }
}
