/// Spoken English numbers: written out for the language model's training text, and turned back
/// into digits in transcripts ("two hundred dollars" → "200 dollars").
public enum NumberWords {
    static let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                        "nineteen"]
    static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// The ways a number is commonly said (0–999 999): "one hundred fifty", "one hundred and fifty",
    /// "a hundred", "fifteen hundred".
    public static func spokenForms(of number: Int) -> [String] {
        guard number >= 0, number < 1_000_000 else { return [] }
        var forms = [plain(number, withAnd: false)]
        let withAnd = plain(number, withAnd: true)
        if withAnd != forms[0] { forms.append(withAnd) }
        // "A hundred and fifty", "a thousand" ("more than a thousand watts" was heard "2000").
        if (100..<200).contains(number) || (1_000..<2_000).contains(number) {
            forms.append("a " + forms[0].dropFirst("one ".count))
        }
        // "fifteen hundred", "twelve hundred and fifty"
        if (1100..<10_000).contains(number), number % 1000 >= 100, (number / 100) % 10 != 0 {
            let hundreds = number / 100
            let rest = number % 100
            forms.append(plain(hundreds, withAnd: false) + " hundred" + (rest == 0 ? "" : " " + plain(rest, withAnd: false)))
        }
        return forms
    }

    static func plain(_ number: Int, withAnd: Bool) -> String {
        if number < 20 { return units[number] }
        if number < 100 {
            return tens[number / 10] + (number % 10 == 0 ? "" : " " + units[number % 10])
        }
        if number < 1000 {
            let rest = number % 100
            let head = units[number / 100] + " hundred"
            return rest == 0 ? head : head + (withAnd ? " and " : " ") + plain(rest, withAnd: withAnd)
        }
        let rest = number % 1000
        let head = plain(number / 1000, withAnd: withAnd) + " thousand"
        return rest == 0 ? head : head + (withAnd && rest < 100 ? " and " : " ") + plain(rest, withAnd: withAnd)
    }

    private static let unitValues: [String: Int] = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, $0) })
    private static let tenValues: [String: Int] = Dictionary(
        uniqueKeysWithValues: tens.enumerated().filter { !$0.element.isEmpty }.map { ($1, $0 * 10) })

    /// Replaces each run of number words with its digits. A lone "one" or "a" stays a word
    /// ("one of those", "a hundred" → "100" only with a multiplier).
    public static func digitize(_ words: [String]) -> [String] {
        var output: [String] = []
        var index = 0
        while index < words.count {
            if let (value, length) = parseNumber(words, from: index), !(length == 1 && words[index] == "one") {
                output.append(String(value))
                index += length
            } else {
                output.append(words[index])
                index += 1
            }
        }
        return output
    }

    /// The longest number starting at `start`: its value and how many words it took.
    /// number := group ["thousand" [["and"] group]];  group := below100 ["hundred" [["and"] below100]].
    static func parseNumber(_ words: [String], from start: Int) -> (Int, Int)? {
        guard var (value, end) = group(words, from: start) else { return nil }
        if end < words.count, words[end] == "thousand", (1...999).contains(value) {
            value *= 1000
            end += 1
            var next = end
            let hasAnd = next < words.count && words[next] == "and"
            if hasAnd { next += 1 }
            // "two thousand five hundred"; after "and" only a remainder below 100 ("one thousand and
            // fifty"), so "between one thousand and one thousand five hundred" stays two numbers.
            if let (rest, restEnd) = group(words, from: next), rest < (hasAnd ? 100 : 1000),
               restEnd >= words.count || words[restEnd] != "thousand" {
                value += rest
                end = restEnd
            }
        }
        return (value, end - start)
    }

    /// below100, optionally times a hundred plus a remainder; "a hundred" counts as one hundred.
    private static func group(_ words: [String], from start: Int) -> (Int, Int)? {
        var value: Int
        var end: Int
        let isArticle = start < words.count && words[start] == "a"
        if isArticle {
            guard start + 1 < words.count, ["hundred", "thousand"].contains(words[start + 1]) else { return nil }
            (value, end) = (1, start + 1)
        } else {
            guard let (head, headEnd) = below100(words, from: start) else { return nil }
            (value, end) = (head, headEnd)
        }
        guard end < words.count, words[end] == "hundred", (1...99).contains(value) else {
            return (value, end)
        }
        value *= 100
        end += 1
        var next = end
        if next < words.count, words[next] == "and" { next += 1 }
        if let (rest, restEnd) = below100(words, from: next) {
            value += rest
            end = restEnd
        }
        return (value, end)
    }

    /// "twenty five", "ninety", "seventeen", "zero".
    private static func below100(_ words: [String], from start: Int) -> (Int, Int)? {
        guard start < words.count else { return nil }
        if let ten = tenValues[words[start]] {
            if start + 1 < words.count, let unit = unitValues[words[start + 1]], (1...9).contains(unit) {
                return (ten + unit, start + 2)
            }
            return (ten, start + 1)
        }
        if let unit = unitValues[words[start]] { return (unit, start + 1) }
        return nil
    }
}
