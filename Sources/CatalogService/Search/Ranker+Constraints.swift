import Shared

/// The spec's hard constraints: what a product must not break to be returned at all (scoring
/// only orders what passes). Size bounds are in `Ranker+SizeBound.swift`.
extension Ranker {
    /// Whether `product` breaks none of the spec's hard constraints: budget (after conversion),
    /// excluded brands, other brands than those asked for when only those are
    /// (`RequirementSpec.brandsAreOnly`), colours and title words, size bounds (`SizeBound`), and the category when it is known
    /// (`categoryTerms` non-nil).
    public func satisfiesConstraints(_ product: ProductResult, spec: RequirementSpec, categoryTerms: [String]?) -> Bool {
        var categoryMatches: [String: Bool] = [:]
        return satisfiesConstraints(product, attributes: ComparableAttributes(product.attributes), spec: spec,
                                    sizeBounds: Self.sizeBounds(of: spec), excludedColors: Self.excludedColors(of: spec),
                                    excludedWords: Self.excludedWords(of: spec), categoryTerms: categoryTerms,
                                    categoryMatches: &categoryMatches)
    }

    /// `satisfiesConstraints` with the spec's `sizeBounds`, `excludedColors` and `excludedWords`
    /// worked out once for all candidates, remembering each category path's answer in `categoryMatches` (candidates
    /// share a few paths, and working out a path's terms is the costly part).
    func satisfiesConstraints(
        _ product: ProductResult, attributes: ComparableAttributes, spec: RequirementSpec, sizeBounds: [SizeBound],
        excludedColors: [String], excludedWords: [String],
        categoryTerms: [String]?, categoryMatches: inout [String: Bool]
    ) -> Bool {
        if !spec.budget.isOpen {
            guard let price = rates.convert(product.price, from: product.currency, to: spec.budget.currency),
                  product.price > 0 else { return false }
            if let max = spec.budget.max, price > max * (1 + 1e-9) { return false }
            if let min = spec.budget.min, price < min * (1 - 1e-9) { return false }
        }
        if !excludedColors.isEmpty, Self.hasColor(product, attributes: attributes, among: excludedColors) { return false }
        if isExcluded(product, spec: spec) { return false }
        if spec.brandsAreOnly, Self.wantedBrand(of: product, in: spec) == nil { return false }
        if !excludedWords.isEmpty,
           Self.title(product.title, hasAnyOf: excludedWords) || Self.category(product.category, isAnyOf: excludedWords) {
            return false
        }
        for bound in sizeBounds where !bound.admits(product, attributes: attributes) { return false }
        if let categoryTerms {
            if let matches = categoryMatches[product.category] { return matches }
            // Element by element, without building the path's union of terms; then its leaf's
            // activity ("Sports Shoes > Running": running shoes).
            let elements = product.category.splittingBytes(on: ">")
            let matches = elements.contains { element in
                !CategoryVocabulary.terms(ofPathElement: element.trimmingWhitespace).isDisjoint(with: categoryTerms)
            } || elements.count > 1 && CategoryVocabulary.activityKindTerm(
                leaf: elements[elements.count - 1], parent: elements[elements.count - 2]).map(categoryTerms.contains) == true
            categoryMatches[product.category] = matches
            return matches
        }
        return true
    }

    /// The spec attribute that lists colours a product must not have, comma-separated
    /// ("not red" → `excluded_color: red`): a constraint, not an attribute wanted.
    static let excludedColorKey = "excluded_color"

    /// The colours of `excludedColorKey`, lower-cased and without spaces; `[]` when none.
    static func excludedColors(of spec: RequirementSpec) -> [String] {
        guard let colors = spec.attributes[excludedColorKey] else { return [] }
        return colors.split(separator: ",").map { withoutSpaces($0.lowercased()) }.filter { !$0.isEmpty }
    }

    /// The words of the spec's `RequirementSpec.excludedWordsKey` (comma-separated) as titles'
    /// words compare, with their other forms (`wordFamily`); `[]` when none.
    static func excludedWords(of spec: RequirementSpec) -> [String] {
        guard let words = spec.attributes[RequirementSpec.excludedWordsKey] else { return [] }
        return tokens(words.replacingCommas()).flatMap { [$0] + wordFamily($0) }
    }

    /// Whether the title has one of `words` (`excludedWords(of:)`) as a word or a part of one that
    /// a hyphen joins: "not a standing one" keeps out the "Standing Desk"s, the "Sit/Stand Desk"
    /// and the "Sit-to-Stand Desk".
    static func title(_ title: String, hasAnyOf words: [String]) -> Bool {
        tokens(title).contains { word in words.contains(word) || word.split(separator: "-").contains { words.contains(String($0)) } }
    }

    /// Whether the product's own category (its path's last element) is named by one of `words`:
    /// "not a smartwatch" keeps out the Smartwatches, whose titles say "Watch".
    static func category(_ path: String, isAnyOf words: [String]) -> Bool {
        guard let last = path.splittingBytes(on: ">").last else { return false }
        let terms = CategoryVocabulary.terms(ofPathElement: last.trimmingWhitespace)
        return words.contains(where: terms.contains)
    }

    func isExcluded(_ product: ProductResult, spec: RequirementSpec) -> Bool {
        guard !spec.excludedBrands.isEmpty else { return false }
        let title = product.title.lowercased()
        for excluded in spec.excludedBrands {
            let name = excluded.lowercased().trimmingWhitespace
            guard !name.isEmpty else { continue }
            if let brand = product.brand?.lowercased() {
                if brand == name { return true }
            } else if title == name || title.hasPrefix(name + " ") {
                return true
            }
        }
        return false
    }

    /// Whether the product's colour is one of `excluded` (`excludedColors(of:)`): its colour
    /// attribute contains one ("red" in "red/black"), or, without one, its title names one as a word.
    static func hasColor(_ product: ProductResult, attributes: ComparableAttributes, among excluded: [String]) -> Bool {
        var hasColorAttribute = false
        for attribute in attributes.list where attribute.key == "color" {
            hasColorAttribute = true
            if excluded.contains(where: { attribute.compactValue.containsBytes(of: $0) }) { return true }
        }
        guard !hasColorAttribute else { return false }
        let titleWords = Set(tokens(product.title))
        return excluded.contains(where: titleWords.contains)
    }
}

private extension String {
    /// The text with its commas as spaces: a list of words to split into tokens.
    func replacingCommas() -> String { String(map { $0 == "," ? " " : $0 }) }
}
