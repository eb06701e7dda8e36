import Shared

// build_requirement_spec: what the product asked for goes with, said as another category ("a
// backpack for my laptop", "ram for my pc").
extension EmbeddedInterpreter {
    /// Adds to `said` what another product the request names asks of one of `category`: a
    /// backpack for a laptop has a laptop sleeve (`Lexicon.companionFeatures`; before, any
    /// backpack, the first with no sleeve), memory for a pc is desktop memory
    /// (`Lexicon.partHosts`).
    func addCompanionWishes(to said: inout Extraction, category: String, utterance: String) {
        let name = category.lowercased()
        if let features = Lexicon.companionFeatures[name] {
            if let feature = said.weakCategories.lazy.compactMap({ features[$0.lowercased()] }).first, !said.features.contains(feature) {
                said.features.append(feature)
            }
            // "With a laptop sleeve": the feature's own words are no kind of backpack ("sleeve
            // backpacks", which the reply said it could not find).
            for feature in Set(features.values) where said.features.contains(feature) {
                let words = WordForms.words(feature)
                said.keywords.removeAll(where: words.contains)
                said.kindWords.removeAll(where: words.contains)
            }
        }
        if let hosts = Lexicon.partHosts[name], !hosts.contains(where: { said.keywords.contains($0.kind) }) {
            let words = Set(Tokenizer.tokenize(utterance).map(\.text))
            if let host = hosts.first(where: { !$0.words.isDisjoint(with: words) }) {
                said.keywords.append(host.kind)
                said.kindWords.append(host.kind)
            }
        }
    }
}
