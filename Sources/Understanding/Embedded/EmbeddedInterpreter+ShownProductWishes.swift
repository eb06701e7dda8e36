import Shared

// build_requirement_spec: a shown product the turn names as a wish. "More like the third one"
// asks for others like it (`SimilarProduct`), "I don't like the first one" never to see it again
// (`RejectedProduct`); both are attributes the catalog applies (`RequirementSpec.similarToKey`,
// `RequirementSpec.excludedProductsKey`).
extension EmbeddedInterpreter {
    /// Merges the shown product the turn asks for others like, or turns down, into `spec`, and
    /// takes the words that named it out of `said`.
    /// - Returns: the product liked, which "cheaper" in the same message is cheaper than.
    func mergeShownProductWishes(_ said: inout Extraction, into spec: inout RequirementSpec, startsNewSearch: Bool,
                                 turn: TurnContext, tokens: [Token]) -> ProductResult? {
        // "More like the third one": others like it, which the catalog ranks by likeness (before,
        // the search's next page). "Like the second one but cheaper" is cheaper than it too.
        let liked = SimilarProduct.reference(in: turn, tokens: tokens)
        if let liked {
            // "Anything similar to the vitamix?" names the product, not a brand wished for; "similar
            // to the star wars one" by words of its title, not words to search for.
            if let brand = liked.brand?.lowercased() { said.brands.removeAll { $0.lowercased() == brand } }
            let titleWords = WordForms.words(liked.title)
            said.keywords.removeAll(where: titleWords.contains)
            spec.attributes[RequirementSpec.similarToKey] = liked.id
            // A search by name ("a kurta") takes the product's category when the vocabulary knows
            // it: some imported listings end their path with their own title.
            if spec.category == nil, let leaf = liked.category.split(separator: ">").last.map({ String($0).trimmingWhitespace }),
               let known = extractor.lexicon.knowledge[leaf.lowercased()] {
                spec.category = known.name
            }
        }
        // "I don't like the first one": never that one again (before, the next page, without the
        // others shown either).
        if !startsNewSearch, let rejected = RejectedProduct.reference(in: tokens, text: turn.utterance, among: turn.lastShown) {
            // Its words name no wish ("remove", the "2" of "skip #2").
            said.keywords.removeAll { RejectedProduct.rejectingVerbs.contains($0) || $0.allSatisfy(\.isNumber) }
            let kept = spec.excludedProductIDs.filter { $0 != rejected.id }.suffix(RequirementSpec.maximumExcludedProducts - 1)
            spec.attributes[RequirementSpec.excludedProductsKey] = (kept + [rejected.id]).joined(separator: ",")
        }
        return liked
    }
}
