import Shared

/// "What brand is the first one?", "who makes it?", "which brand is it?": a question about who
/// makes a product shown. Before, the reply gave the product's price and not its brand, and
/// "which brand is it?" showed the search's next page.
enum MakerQuestion {
    /// Words that ask who makes a product.
    static let words: Set<String> = ["brand", "make", "makes", "made", "maker", "manufacturer", "manufactures", "manufactured"]

    /// Whether the message asks who makes a product: "what brand", "which brand", "what make",
    /// "who makes", "who made", "made by", "the manufacturer". "Make it cheaper" and "what is it
    /// made of" do not.
    static func isAsked(in tokens: [Token]) -> Bool {
        let texts = tokens.map(\.text)
        for (index, word) in texts.enumerated() where words.contains(word) {
            let before = index > 0 ? texts[index - 1] : "", after = index + 1 < texts.count ? texts[index + 1] : ""
            switch word {
            case "brand", "make": if ["what", "which", "whats", "the", "its"].contains(before) { return true }
            case "makes", "made", "manufactures", "manufactured":
                if before == "who" || after == "by" || before == "whos" { return true }
            default: return true  // "maker", "manufacturer"
            }
        }
        return false
    }

    /// The answer: the brand the listing names, else that it names none.
    static func answer(about product: ProductResult) -> String {
        guard let brand = product.brand?.trimmingWhitespace, !brand.isEmpty else {
            return "Its listing does not name its brand."
        }
        return "It's made by \(brand)."
    }
}
