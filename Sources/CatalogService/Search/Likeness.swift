import Foundation
import Shared

/// "More like the third one": a product shown before (`RequirementSpec.similarToKey`) that the
/// products returned should be like. The search looks it up by id (`SearchService`) and the
/// ranker orders by `similarity(of:attributes:)` before its own score; the product itself is
/// never returned (`Ranker.rankPage`).
public struct Likeness: Sendable {
    /// The product the others should be like.
    public let reference: ProductResult
    /// Its details that say what kind of thing it is: every attribute but those that say which
    /// one of a kind a shopper takes (`ignoredKeys`).
    let details: [ComparableAttributes.Attribute]
    /// Its price in USD, when the rates know its currency.
    let priceInUSD: Double?
    /// Whether its brand is its maker's: a book's is its publisher's.
    let hasMaker: Bool
    /// How the reasons name it: "the Vitamix" by its brand, a book by its author ("the book by
    /// Jane Austen", not by its publisher), else "the Acme Trail Runner" by its title's first
    /// words (the reply names it in full).
    let name: String

    /// Details a shopper picks within a kind, which say nothing of what the product is like: its
    /// size ("7-14"), whether it has a current price.
    static let ignoredKeys: Set<String> = ["size", "availability"]

    /// How close two prices must be (as a ratio) to count as alike at all: three times dearer is
    /// no longer "like it".
    static let priceRatioOfNoLikeness = 3.0

    public init(reference: ProductResult, attributes: ComparableAttributes? = nil, rates: CurrencyRates) {
        self.reference = reference
        details = (attributes ?? ComparableAttributes(reference.attributes)).list.filter { !Self.ignoredKeys.contains($0.key) }
        priceInUSD = reference.price > 0 ? rates.convert(reference.price, from: reference.currency, to: "USD") : nil
        hasMaker = reference.attributes["author"] == nil
        name = if let author = reference.attributes["author"] { "the book by \(author)" }
            else { reference.brand.map { "the " + $0 } ?? Self.shortName(reference.title) }
    }

    /// "The Acme Trail Runner": the title up to its third word, or before a comma or a parenthesis.
    static func shortName(_ title: String) -> String {
        let cut = title.prefix { $0 != "," && $0 != "(" }
        return "the " + cut.split(separator: " ", omittingEmptySubsequences: true).prefix(3).joined(separator: " ")
    }

    /// Details that say what kind of thing a product is, which count three times in its likeness:
    /// on-ear headphones are more like on-ear ones than like earbuds of the same colour, a horror
    /// book more like another horror book than like a book of the same publisher.
    static let kindKeys: Set<String> = ["type", "product_type", "item_type", "genre", "form_factor", "theme"]

    /// How alike a product is to the reference, 0–1: the share of its details the product states
    /// the same (0.6, `kindKeys` three times), how close its price is (0.25: the same price 1, a
    /// third or three times it 0), and the same brand (0.15; not of books, whose brand is their
    /// publisher). With the details the product shares, as it states them, for its reasons.
    func similarity(of product: ProductResult, attributes: ComparableAttributes, rates: CurrencyRates)
        -> (value: Double, shared: [ComparableAttributes.Attribute]) {
        var shared: [ComparableAttributes.Attribute] = []
        var weightShared = 0.0, weightAll = 0.0
        for detail in details {
            let weight = Self.kindKeys.contains(detail.key) ? 3.0 : 1
            weightAll += weight
            guard let stated = attributes.list.first(where: { $0.key == detail.key }) else { continue }
            if stated.compactValue == detail.compactValue || Self.areClose(stated.quantity, detail.quantity) {
                shared.append(stated)
                weightShared += weight
            }
        }
        let detailShare = weightAll > 0 ? weightShared / weightAll : 0
        var priceCloseness = 0.0
        if let referencePrice = priceInUSD, product.price > 0,
           let price = rates.convert(product.price, from: product.currency, to: "USD") {
            priceCloseness = max(0, 1 - abs(log(price / referencePrice)) / log(Self.priceRatioOfNoLikeness))
        }
        let sameBrand = hasMaker && product.brand != nil && product.brand?.lowercased() == reference.brand?.lowercased() ? 1.0 : 0
        let value = 0.6 * detailShare + 0.25 * priceCloseness + 0.15 * sameBrand
        return ((value * 1000).rounded() / 1000, shared)
    }

    /// Amounts of one measure within a fifth of each other: 15.6 and 16 inch screens, 30 and 32 hours.
    static func areClose(_ left: Quantity?, _ right: Quantity?) -> Bool {
        guard let left, let right, left.measure == right.measure, left.amount > 0, right.amount > 0 else { return false }
        let ratio = left.amount / right.amount
        return ratio >= 0.8 && ratio <= 1.25
    }

    /// Details that say little of what a product is like: counted, never said.
    static let plainKeys: Set<String> = ["color", "gender", "language"]

    /// The reason a product is listed: "like the Vitamix in type (full-size) and power (1380W)",
    /// up to three details as the product states them (a like amount may differ a little), those
    /// of `kindKeys` first and none of `plainKeys` or a plain no ("grinder: no"); `nil` when it
    /// shares none but those. Details the spec asks for as the product has them, amounts of a key
    /// it asks ("capacity" for 4 people), and features ("wireless") are said by their own reasons.
    /// - Parameters:
    ///   - asked: the spec's attributes, by `AttributeName.key` to `Ranker.compact` value.
    ///   - features: the spec's features as attribute keys.
    func reason(shared: [ComparableAttributes.Attribute], asked: [String: String], features: Set<String> = []) -> String? {
        let said = shared.filter { detail in
            let isAsked = asked[detail.key].map { $0 == detail.compactValue || detail.quantity != nil } ?? false
            return !isAsked && !features.contains(detail.key) && !Self.plainKeys.contains(detail.key) && detail.deniedWords.isEmpty
        }
        let ordered = said.filter { Self.kindKeys.contains($0.key) } + said.filter { !Self.kindKeys.contains($0.key) }
        guard !ordered.isEmpty else { return nil }
        let parts = ordered.prefix(3).map { "\(AttributeName.spoken($0.key)) (\($0.value))" }
        let listed = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "like \(name) in \(listed)"
    }
}
