import Foundation
import Shared

/// "Is it any good?", "is it worth it?", "how good is the first one?": a question about how good
/// the product asked about is, answered by how its buyers rate it beside the others shown. Before,
/// "Its listing does not say whether it is good." No listing says so of itself; ratings do.
/// "Is it good for running?" asks what it suits (`FeatureQuestion`).
enum QualityQuestion {
    /// Whether the words ask how good one product is.
    static func isAsked(in texts: [String]) -> Bool {
        guard let first = texts.first, texts.count >= 2 else { return false }
        if first == "how", texts[1] == "good" || texts[1] == "reliable" { return true }  // "how good is it?"
        guard ["is", "are", "was", "would", "does"].contains(first), !texts.contains("for") else { return false }
        let last = texts[texts.count - 1]
        return ["good", "decent", "reliable", "worth"].contains(last) || texts.suffix(2) == ["worth", "it"]
            || texts.contains("worth") && ["money", "price", "buying", "getting"].contains(last)
    }

    /// "Buyers rate it 4.2 out of 5 (4,402 ratings): 3 of the 8 shown are rated higher."
    static func answer(about product: ProductResult, among shown: [ProductResult]) -> String {
        guard let rating = product.rating else {
            return "It has no buyer ratings yet, so I can't say how it holds up; its listing is below."
        }
        var text = "Buyers rate it \(PriceFormat.rating(rating)) out of 5" + ratingCount(of: product)
        let others = shown.filter { $0.id != product.id }.compactMap(\.rating)
        if others.count >= 1 {
            let higher = others.filter { $0 > rating }.count, lower = others.filter { $0 < rating }.count
            text += higher == 0 && lower > 0 ? ", the best rated of the \(shown.count) shown"
                : lower == 0 && higher > 0 ? ", the lowest rated of the \(shown.count) shown"
                : higher > 0 ? ": \(higher) of the \(shown.count) shown \(higher == 1 ? "is" : "are") rated higher" : ""
        }
        text += "."
        if let count = product.reviewCount, count < 20 { text += " That is from few ratings, so it says little yet." }
        return text
    }

    /// " (4,402 ratings)", or nothing for a product with none counted.
    private static func ratingCount(of product: ProductResult) -> String {
        guard let count = product.reviewCount, count > 0 else { return "" }
        return " (\(PriceFormat.count(count)) rating\(count == 1 ? "" : "s"))"
    }

    /// Of several products asked about together ("is the keychron any good?" of two Keychrons),
    /// each one's rating, the best rated first: "Buyers rate the K2 Pro 4.8 out of 5 (247 ratings)
    /// and the Q1 Max 3.9 (32,937 ratings)."
    static func answer(ranking products: [ProductResult], names: [String]) -> String {
        let rated = zip(names, products).compactMap { name, product in product.rating.map { (name, product, $0) } }
            .sorted { $0.2 > $1.2 }
        guard !rated.isEmpty else { return "None of them has buyer ratings yet." }
        let said = rated.enumerated().map { index, entry in
            "\(EmbeddedInterpreter.the(entry.0)) \(PriceFormat.rating(entry.2))\(index == 0 ? " out of 5" : "")" + ratingCount(of: entry.1)
        }
        let unrated = zip(names, products).filter { $0.1.rating == nil }.map { EmbeddedInterpreter.the($0.0) }
        let text = "Buyers rate " + EmbeddedInterpreter.listed(said) + "."
        guard !unrated.isEmpty else { return text }
        return text + " " + EmbeddedInterpreter.listed(unrated) + (unrated.count == 1 ? " has" : " have") + " no ratings yet."
    }
}
