/// One token of an utterance: a lowercase word, a number, or a currency symbol.
struct Token: Sendable, Hashable {
    var text: String
    /// Set for numbers, spelled-out ones included ("a hundred and twenty" → 120).
    var number: Double?
    /// Whether the number started with digits ("4070", "5 hundred"), not a word ("one", "fifty"):
    /// only those can be a model number.
    var isTyped = false

    /// Whether it is the word "one" (read as the number 1): "which one", "the first one".
    var isSpelledOne: Bool { number == 1 && !isTyped }

    init(_ text: String, number: Double? = nil, isTyped: Bool = false) {
        self.text = text
        self.number = number
        self.isTyped = isTyped
    }
}

/// Turns text as people type or speak it into tokens: lowercase, punctuation dropped,
/// `$1,000` → `$ 1000`, `1.5k` → `1.5 k`, `16gb` → `16 gb`, `200-400` → `200 to 400`,
/// `65"` → `65 inch`, and spelled-out numbers merged into one number token.
enum Tokenizer {
    static let currencySymbols: [Character: String] = ["$": "$", "€": "€", "£": "£", "₹": "₹", "¥": "¥"]

    static func tokenize(_ text: String) -> [Token] {
        var raw: [String] = []
        raw.reserveCapacity(16)
        var word = ""
        // Whether the word's dots group thousands (`groupsThousands`), decided at its first dot.
        var dotsGroupThousands = false
        var previous: Character = " "
        let characters = Array(text.lowercased())
        func flush() {
            if !word.isEmpty {
                splitUnits(word, into: &raw)
                word = ""
            }
            dotsGroupThousands = false
        }
        for (index, character) in characters.enumerated() {
            let next: Character = index + 1 < characters.count ? characters[index + 1] : " "
            if character.isLetterOrNumber {
                word.append(character)
            } else if (character == "." || character == ",") && previous.isNumeral && next.isNumeral {
                // 1,000 and 15.6: a comma groups thousands, a dot is a decimal point, but for an
                // amount after a currency symbol with three digits after each dot ("€1.000",
                // "$12.500.000"), as it groups thousands where a comma is the decimal point.
                if character == "." {
                    if !dotsGroupThousands, !word.contains(".") {
                        dotsGroupThousands = groupsThousands(characters, dotAt: index, wordStart: index - word.count)
                    }
                    if !dotsGroupThousands { word.append(character) }
                }
            } else if character == "'" || character == "’" {
                // don't → dont, levi's → levis
            } else if character == "-" && previous.isNumeral && (next.isNumeral || next == "$" || next == " ") {
                flush()
                raw.append("to")
            } else if character == "\"" && previous.isNumeral {
                flush()
                raw.append("inch")
            } else if character == "~" {
                flush()
                raw.append("around")
            } else if character == "+" && previous.isNumeral {
                flush()
                raw.append("plus")
            } else if let symbol = currencySymbols[character] {
                flush()
                raw.append(symbol)
            } else {
                flush()
            }
            previous = character
        }
        flush()
        return mergeNumbers(raw)
    }

    /// Whether the dot at `dotAt` groups thousands: the amount's word starts right after a
    /// currency symbol, holds only digits, and every dot in it is followed by exactly three digits.
    private static func groupsThousands(_ characters: [Character], dotAt: Int, wordStart: Int) -> Bool {
        guard wordStart > 0, currencySymbols[characters[wordStart - 1]] != nil,
              characters[wordStart..<dotAt].allSatisfy(\.isNumeral) else { return false }
        var index = dotAt
        while index < characters.count, characters[index] == "." {
            let digits = characters[(index + 1)...].prefix { $0.isNumeral }
            guard digits.count == 3 else { return false }
            index += 4
        }
        return true
    }

    /// Units glued to numbers: `16gb` → `16 gb`, `1.5k` → `1.5 k`, `65in` → `65 inch`, `$1k`.
    private static func splitUnits(_ word: String, into raw: inout [String]) {
        guard let first = word.first, first.isNumeral else {
            raw.append(word)
            return
        }
        var digits = ""
        var rest = Substring(word)
        while let character = rest.first, character.isNumeral || character == "." {
            digits.append(character)
            rest = rest.dropFirst()
        }
        raw.append(digits)
        guard !rest.isEmpty else { return }
        // 1st, 2nd, 3rd, 4th are ordinals, not units.
        if ["st", "nd", "rd", "th"].contains(String(rest)) {
            raw[raw.count - 1] = word
            return
        }
        raw.append(rest == "in" ? "inch" : String(rest))
    }

    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]

    /// Merges spelled-out numbers ("one thousand five hundred", "a hundred and twenty", "5 hundred",
    /// "twenty five hundred") into number tokens; digits become number tokens too.
    static func mergeNumbers(_ raw: [String]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let word = raw[index]
            if let value = numberStart(raw, index) {
                var total = 0.0
                var current = value.start
                var cursor = index + value.length
                var saidGrand = false
                while cursor < raw.count {
                    let next = raw[cursor]
                    if next == "hundred" {
                        current = max(current, 1) * 100
                    } else if next == "thousand" || next == "grand" {
                        saidGrand = saidGrand || next == "grand"
                        total += max(current, 1) * 1000
                        current = 0
                    } else if next == "and", cursor + 1 < raw.count,
                              units[raw[cursor + 1]] != nil || tens[raw[cursor + 1]] != nil {
                        // "a hundred and twenty": "and" joins number words only.
                        cursor += 1
                        continue
                    } else if let unit = units[next], canAppend(unit: unit, to: current) {
                        current += Double(unit)
                    } else if let ten = tens[next], current.truncatingRemainder(dividingBy: 100) == 0 {
                        current += Double(ten)
                    } else {
                        break
                    }
                    cursor += 1
                }
                let number = total + current
                tokens.append(Token(formatNumber(number), number: number, isTyped: word.first?.isNumeral == true))
                // "two grand" is money: say so the way "bucks" does.
                if saidGrand { tokens.append(Token("bucks")) }
                index = cursor
                continue
            }
            tokens.append(Token(word))
            index += 1
        }
        return tokens
    }

    /// "hundred five" and "twenty five" take a unit; "nineteen five" does not.
    private static func canAppend(unit: Int, to current: Double) -> Bool {
        let lastTwo = current.truncatingRemainder(dividingBy: 100)
        return lastTwo == 0 || (lastTwo >= 20 && lastTwo.truncatingRemainder(dividingBy: 10) == 0 && unit < 10)
    }

    /// Whether a number starts at `index`: digits, a number word, or "a" before hundred/thousand.
    private static func numberStart(_ raw: [String], _ index: Int) -> (start: Double, length: Int)? {
        let word = raw[index]
        if let first = word.first, first.isNumeral, let value = Double(word) { return (value, 1) }
        if let unit = units[word] { return (Double(unit), 1) }
        if let ten = tens[word] { return (Double(ten), 1) }
        if word == "a" || word == "an", index + 1 < raw.count,
           raw[index + 1] == "hundred" || raw[index + 1] == "thousand" || raw[index + 1] == "grand" {
            return (1, 1)
        }
        return nil
    }

    static func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension Character {
    /// `isLetter || isNumber`, read from the ASCII range without Unicode's property tables, which
    /// were a tenth of the embedded engine's time.
    var isLetterOrNumber: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return ascii >= 0x61 && ascii <= 0x7A || ascii >= 0x30 && ascii <= 0x39 || ascii >= 0x41 && ascii <= 0x5A
    }

    /// `isNumber`, read from the ASCII range first (whose only numbers are the digits).
    var isNumeral: Bool {
        guard let ascii = asciiValue else { return isNumber }
        return ascii >= 0x30 && ascii <= 0x39
    }
}
