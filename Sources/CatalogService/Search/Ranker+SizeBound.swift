import Shared

extension Ranker {
    /// A bound on a measured attribute: `"screen_size_min": "56 inch"` (the understanding engine's
    /// "bigger" after a 55 inch TV), `"screen_size_max"`, `"weight_max": "10 lb"`. A product whose
    /// size is known (its attribute, or "NN inch" in its title) and outside the bound is not
    /// returned; one whose size is unknown is.
    struct SizeBound {
        /// `AttributeName.key` of the measured attribute ("screen_size").
        var key: String
        var limit: Double
        var isMinimum: Bool
        /// Whether sizes are compared in their units (`Measure.measuredAmount`: "10 lb" against "6 lb
        /// 5 oz" or "4.5 kg"), as a bound said with a unit is; a screen's inches are compared as
        /// numbers, as listings state them bare ("55") as often.
        var isMeasured: Bool

        func admits(_ product: ProductResult, attributes: ComparableAttributes) -> Bool {
            guard let size = size(of: product, attributes: attributes) else { return true }
            return isMinimum ? size >= limit - 1e-9 : size <= limit + 1e-9
        }

        /// The product's size: its attribute's leading number, else for a screen the number
        /// before "inch" in its title.
        func size(of product: ProductResult, attributes: ComparableAttributes) -> Double? {
            for attribute in attributes.list where attribute.key == key {
                if let number = isMeasured ? Measure.measuredAmount(attribute.value) : Ranker.leadingNumber(attribute.value) {
                    return number
                }
            }
            return key == "screen_size" ? Ranker.screenInches(inTitle: product.title) : nil
        }
    }

    /// The screen size a title names: "65 inch", "65-inch", "65inch", "65\"".
    static func screenInches(inTitle title: String) -> Double? {
        let words = title.lowercased().split(separator: " ")
        for (index, word) in words.enumerated() {
            if word.hasSuffix("\"") || word.hasSuffix("inch"), let number = leadingNumber(String(word)) {
                return number
            }
            if word == "inch" || word == "inches", index > 0, let number = Double(words[index - 1]) { return number }
        }
        return nil
    }

    /// The spec's size bounds: attributes named `<key>_min` or `<key>_max` with a number.
    static func sizeBounds(of spec: RequirementSpec) -> [SizeBound] {
        spec.attributes.compactMap(sizeBound)
    }

    /// The bound an attribute of a spec sets, if it is one.
    static func sizeBound(name: String, value: String) -> SizeBound? {
        let isMinimum = name.hasSuffix("_min")
        guard isMinimum || name.hasSuffix("_max") else { return nil }
        let key = AttributeName.key(String(name.dropLast(4)))
        if key != "screen_size", let limit = Measure.measuredAmount(value) {
            return SizeBound(key: key, limit: limit, isMinimum: isMinimum, isMeasured: true)
        }
        guard let limit = leadingNumber(value) else { return nil }
        return SizeBound(key: key, limit: limit, isMinimum: isMinimum, isMeasured: false)
    }

    /// 55 for "55 inch", 15.6 for "15.6in"; `nil` without a leading number.
    static func leadingNumber(_ text: String) -> Double? {
        leadingNumberAndRest(text)?.number
    }

    /// The leading number of `text` (leading spaces skipped) and what follows it: 55 and " inch"
    /// for "55 inch". Byte by byte for ASCII text: attribute values are read this way for every
    /// product read for a search.
    static func leadingNumberAndRest(_ text: String) -> (number: Double, rest: Substring)? {
        let utf8 = text.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
              utf8[start] < 0x80 else {
            let trimmed = Substring(text.trimmingWhitespace)  // other whitespace, or no number at all
            let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard let number = Double(digits) else { return nil }
            return (number, trimmed[digits.endIndex...])
        }
        let end = utf8[start...].firstIndex { !(UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 || $0 == UInt8(ascii: ".")) }
            ?? utf8.endIndex
        guard start < end, let number = Double(Substring(utf8[start..<end])) else { return nil }
        return (number, text[end...])
    }
}
