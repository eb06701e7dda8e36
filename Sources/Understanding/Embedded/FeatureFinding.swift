import Shared

/// What one listing states about one feature.
enum FeatureFinding: Equatable {
    /// It has it: an attribute says so (quoted), or its name does (`nil`).
    case has(evidence: String?)
    /// An attribute named by the feature says it has not ("noise cancelling: no").
    case lacks(evidence: String)
    /// Only its description mentions it, or says it has not ("no Wi-Fi").
    case described(DescriptionMention)
    /// Only an attribute about the same thing, quoted ("water resistance: 50m" for "waterproof").
    case related(String)
    case unstated

    /// Attribute name words that are about a feature without naming it: quoted, not read as yes or no.
    static let relatedAttributeWords: [String: Set<String>] = [
        "waterproof": ["water", "ip", "rating"], "wireless": ["connectivity", "bluetooth", "connection"],
        "bluetooth": ["connectivity", "wireless", "connection"], "noise cancelling": ["noise", "anc"],
        "long battery life": ["battery"], "lightweight": ["weight"], "portable": ["weight", "size"], "numpad": ["layout"],
    ]

    /// The attribute whose value one of `products` names the feature by ("layout: tenkeyless"
    /// for "which ones are tenkeyless?"): another value of it says a product is not so ("layout:
    /// 75%"), where before it "did not say". Not a colour: a listing is of one colour of several sold.
    static func keyValued(_ feature: String, among products: [ProductResult]) -> String? {
        let wanted = WordForms.words(feature)
        guard !wanted.isEmpty else { return nil }
        for product in products {
            for attribute in product.attributes.sorted(by: { $0.key < $1.key }) {
                let key = AttributeName.normalized(attribute.key)
                let value = WordForms.words(attribute.value)
                guard key != "color", !negativeValues.contains(value.joined(separator: " ")), !value.isEmpty,
                      words(wanted, areNamedBy: attribute.value),
                      !wanted.allSatisfy({ word in WordForms.words(attribute.key).contains(word) }) else { continue }
                return key
            }
        }
        return nil
    }

    /// Attributes of one value each, so another value says a product has not the one asked:
    /// "blue switches" of "switches: Gateron Brown", "an ips panel" of "panel type: VA". Not a
    /// skin type ("sensitive" may suit oily skin too) or a resolution written otherwise.
    static let exclusiveAttributes: Set<String> = ["switches", "panel_type", "socket", "form_factor", "layout"]

    /// Whether `text` names every one of the words `wanted`: as a word, or, a word of four letters
    /// or more, by a word it begins ("fold" by "foldable").
    static func words(_ wanted: [String], areNamedBy text: String) -> Bool {
        let have = WordForms.words(text)
        return wanted.allSatisfy { word in have.contains { $0 == word || word.count >= 4 && $0.hasPrefix(word) } }
    }

    /// Words that make a material another's likeness, right before its name: "synthetic leather"
    /// is no leather ("a synthetic waterproof shell" is waterproof).
    static let imitationWords: Set<String> = ["synthetic", "faux", "vegan", "pu", "imitation", "fake", "artificial", "leatherette"]


    /// Attribute values that say "has not".
    static let negativeValues: Set<String> = AttributeName.negativeValues.union(["not included"])

    /// The key of the amount (`AmountStep.measures`) a bare amount asked about is in ("12 gb":
    /// "ram" of a graphics card that states its memory), when the product states one such amount,
    /// or, stating several (a phone's memory and storage), exactly that one; `nil` for any other feature.
    static func amountKey(of feature: String, statedIn attributes: [(key: String, value: String)]) -> String? {
        let compact = feature.filter { $0 != " " }.lowercased()
        let digits = compact.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, case let unit = String(compact.dropFirst(digits.count)), !unit.isEmpty else { return nil }
        // The measures of that unit the product states, each with its amount and the one asked.
        let stated = AmountStep.measures.filter { $0.value.titleUnits[unit] != nil }.sorted { $0.key < $1.key }
            .compactMap { key, step -> (key: String, had: Double, asked: Double?)? in
                attributes.first { AttributeName.key($0.key) == key }.flatMap { step.amount(in: $0.value) }
                    .map { (key, $0, step.amount(in: feature)) }
            }
        if stated.count == 1 { return stated[0].key }
        return stated.first { $0.had == $0.asked }?.key
    }

    /// What `product`'s listing states about `feature`: an attribute named by it ("gps: yes",
    /// "noise_cancelling: no"), else its title or an attribute's value naming it, else its
    /// description (of a product looked up by id), else an attribute about the same thing. A word
    /// of four letters or more is named by the words it begins ("fold" by "foldable").
    /// - Parameters:
    ///   - attributeKey: the attribute the feature is a value of ("resolution" of "4k"), if any.
    ///   - aboutWords: other words of the question, which may name the attribute about the
    ///     feature ("video" of "does it shoot 4k video?"), as the feature's own words may ("screen"
    ///     of "a big screen").
    static func of(_ product: ProductResult, feature: String, attributeKey: String? = nil, aboutWords: [String] = []) -> FeatureFinding {
        let words = WordForms.words
        let wanted = words(feature)
        func names(_ text: String) -> Bool { Self.words(wanted, areNamedBy: text) }
        func quoted(_ attribute: (key: String, value: String)) -> String {
            "\(attribute.key.split(separator: "_").joined(separator: " ")): \(attribute.value)"
        }
        // "Is it on sale?": its prices say, not its words (a product looked up by id has its list price).
        if feature == RequirementSpec.onSaleFeature, let listPrice = product.listPrice, product.price > 0 {
            let price = PriceFormat.amount(product.price, currency: product.currency)
            guard let discount = ProductResult.discount(price: product.price, listPrice: listPrice) else {
                return .lacks(evidence: "\(price), its usual price")
            }
            return .has(evidence: "\(price), down from \(PriceFormat.amount(listPrice, currency: product.currency)): \(discount)% off")
        }
        let attributes = product.attributes.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        // "Does it have 2 baskets?": a count of what an attribute names, which its value says.
        if let first = wanted.first, let count = Double(first), wanted.count > 1 {
            let thing = Array(wanted.dropFirst())
            if let stated = attributes.first(where: { attribute in
                let have = Set(words(attribute.key))
                return thing.allSatisfy { WordForms.contains(have, eitherNumberOf: $0) }
            }), let amount = Measure.amount(stated.value) {
                return amount >= count ? .has(evidence: quoted(stated)) : .related(quoted(stated))
            }
        }
        // "Is it insulated?": any insulation stated ("insulation: down") says yes, as "gps: yes" does.
        let statingKey = FeatureSynonyms.statingAttributes[feature]
        if let stated = attributes.first(where: { names($0.key) || AttributeName.normalized($0.key) == statingKey }) {
            let key = AttributeName.normalized(stated.key)
            let denies = key == statingKey ? !FeatureSynonyms.states(feature, key: key, value: stated.value)
                : negativeValues.contains(words(stated.value).joined(separator: " "))
            return denies ? .lacks(evidence: quoted(stated)) : .has(evidence: quoted(stated))
        }
        // Its words, else those listings say it with ("fleece" for "insulated": "is it warm?").
        let said = [wanted] + (FeatureSynonyms.byFeature[feature] ?? []).map(words)
        if names(product.title) { return .has(evidence: nil) }
        if let synonym = said.dropFirst().first(where: { Self.words($0, areNamedBy: product.title) }) {
            return .has(evidence: "its name says \"\(synonym.joined(separator: " "))\"")
        }
        if let (stated, named) = attributes.lazy.compactMap({ attribute in
            said.first { Self.words($0, areNamedBy: attribute.value) }.map { (attribute, $0) }
        }).first {
            // "Is it leather?" of "material: synthetic leather": neither yes nor no (before, yes).
            let value = words(stated.value)
            let isImitation = named.first.map { first in
                zip(value, value.dropFirst()).contains { imitationWords.contains($0) && $1.hasPrefix(first) }
            } ?? false
            return isImitation ? .related(quoted(stated)) : .has(evidence: quoted(stated))
        }
        if let description = product.description,
           let mention = said.lazy.compactMap({ DescriptionMention.find($0, in: description) }).first {
            return .described(mention)
        }
        let related = (relatedAttributeWords[feature] ?? []).union(attributeKey.map { words($0) } ?? [])
            .union(aboutWords).union(wanted.filter { $0.count >= 3 })
        // The attribute the feature is a value of, else the one whose name shares the most words
        // with the question ("ok for oily skin?": "skin type: sensitive", not "product type").
        // Its colour only when a colour is asked: "is it color accurate?" is no question of the
        // one colour a listing is of.
        // By the key it stands for ("memory" is "ram"): "does it have 12gb of vram?" of a 16GB
        // card has as much or more (before, "Its listing does not say whether it has 12gb"), and
        // so does "is it 12gb?", by the amount it states in gigabytes.
        if let key = attributeKey.map(AttributeName.key) ?? amountKey(of: feature, statedIn: attributes),
           let stated = attributes.first(where: { AttributeName.key($0.key) == key }) {
            if let step = AmountStep.measures[key], let asked = step.amount(in: feature), let had = step.amount(in: stated.value) {
                return had >= asked * 0.999 ? .has(evidence: quoted(stated)) : .lacks(evidence: quoted(stated))
            }
            return .related(quoted(stated))
        }
        var best: (attribute: (key: String, value: String), shared: Int)?
        for attribute in attributes where attributeKey == "color" || AttributeName.normalized(attribute.key) != "color" {
            let shared = Set(words(attribute.key)).intersection(related).count
            if shared > (best?.shared ?? 0) { best = (attribute, shared) }
        }
        if let best { return .related(quoted(best.attribute)) }
        return .unstated
    }
}

