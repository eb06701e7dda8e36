import Shared

extension EmbeddedInterpreter {
    /// The answer to a yes-or-no question about features of one product, first in the reply
    /// about it; `nil` when the question names no feature.
    /// - Parameter brands: lower-cased brands the message may name the product by.
    func featureAnswer(_ product: ProductResult, tokens: [Token], brands: Set<String> = []) -> String? {
        FeatureQuestion.aboutOneProduct(in: tokens, extractor: extractor, brands: brands).map { featureAnswer(product, question: $0) }
    }

    /// The answer to `question` about one product: yes with what its listing states, no, or
    /// that it does not say.
    func featureAnswer(_ product: ProductResult, question: FeatureQuestion) -> String {
        var question = question
        // "Is the keyboard wireless?" of a keyboard is of the whole product: "it is wireless".
        if let part = question.describedPart, WordForms.contains(Set(WordForms.words(product.title)), eitherNumberOf: part) {
            question.describedPart = nil
        }
        let answers = question.features.map { feature -> String in
            let (yes, no, unsaid) = switch question.phrasing {
            case .has: ("Yes, it has \(question.spoken(feature))", "No, it has no \(question.named(feature))",
                        "whether it has \(question.spoken(feature))")
            case .is:
                if let part = question.describedPart {
                    ("Yes, its \(part) is \(feature)", "No, its \(part) is not \(feature)", "whether its \(part) is \(feature)")
                } else {
                    ("Yes, it is \(feature)", "No, it is not \(feature)", "whether it is \(feature)")
                }
            case .mentions: ("Yes, its listing mentions \"\(feature)\"", "No", "anything about \"\(feature)\"")
            case .comesIn: ("Yes, it comes in \(FeatureQuestion.comesIn(feature))",
                            "No, it does not come in \(FeatureQuestion.comesIn(feature))",
                            "whether it comes in \(FeatureQuestion.comesIn(feature))")
            case .worksWith: ("Yes, it works with \(feature)", "No, it does not work with \(feature)", "whether it works with \(feature)")
            }
            // A listing is of one colour: others may be sold, and a search finds them.
            let searchHint = question.attributeKeys[feature] == "color" ? " Say \"in \(feature)\" to look for \(feature) ones." : ""
            switch FeatureFinding.of(product, feature: feature, attributeKey: question.attributeKeys[feature],
                                     aboutWords: question.aboutWords) {
            case .has(let evidence?): return "\(yes) (\(evidence))."
            case .has(nil): return "\(yes): its name says so."
            case .described(let mention): return "\(mention.isNegated ? no : yes): its description says \"\(mention.quote)\"."
            case .lacks(let evidence): return "\(no) (\(evidence))."
            case .related(let stated): return "Its listing states \(stated)." + searchHint
            case .unstated: return "Its listing does not say \(unsaid)." + searchHint
            }
        }
        return answers.joined(separator: " ")
    }

    /// The answer to a question about a feature of every shown product ("do they fold?"): which
    /// have it, which state they have not, and which do not say, by their short names.
    /// - Parameter which: what the products are as the answer says it: "shown", "compared" (some
    ///   of those shown), "by Ninja".
    func featureAnswer(among products: [ProductResult], question: FeatureQuestion, which: String = "shown") -> String {
        let names = Self.shortNames(products)
        let answers = question.features.map { feature -> String in
            var has: [String] = [], lacks: [String] = [], unstated: [String] = []
            // The attribute the feature is a value of, when one of its values names it or the
            // attribute has one value a product ("blue switches" where every listing's are brown).
            let valueKey = FeatureFinding.keyValued(feature, among: products)
                ?? question.attributeKeys[feature].map(AttributeName.normalized).flatMap { key in
                    FeatureFinding.exclusiveAttributes.contains(key) ? key : nil
                }
            for (name, product) in zip(names, products) {
                let finding = FeatureFinding.of(product, feature: feature, attributeKey: question.attributeKeys[feature],
                                                aboutWords: question.aboutWords)
                let saysNothingOfIt = switch finding {
                case .unstated, .related: true
                default: false
                }
                if let valueKey, saysNothingOfIt,
                   let other = product.attributes.first(where: { AttributeName.normalized($0.key) == valueKey && Self.states($0.value) }) {
                    lacks.append("\(name) (\(other.value))")  // "tenkeyless" of keyboards whose layout is "75%"
                    continue
                }
                switch finding {
                case .has: has.append(name)
                case .described(let mention) where mention.isNegated: lacks.append("\(name) (\"\(mention.quote)\")")
                case .described(let mention): has.append("\(name) (\"\(mention.quote)\")")
                case .lacks: lacks.append(name)
                case .related(let stated): unstated.append("\(name) (\(stated))")
                case .unstated: unstated.append(name)
                }
            }
            let total = products.count
            func verb(_ count: Int) -> String {
                switch question.phrasing {
                case .has: count == 1 ? "has \(question.spoken(feature))" : "have \(question.spoken(feature))"
                case .is: count == 1 ? "is \(feature)" : "are \(feature)"
                case .mentions: count == 1 ? "mentions \"\(feature)\"" : "mention \"\(feature)\""
                case .comesIn: count == 1 ? "comes in \(FeatureQuestion.comesIn(feature))" : "come in \(FeatureQuestion.comesIn(feature))"
                case .worksWith: count == 1 ? "works with \(feature)" : "work with \(feature)"
                }
            }
            guard !has.isEmpty || !lacks.isEmpty else {
                let says = question.phrasing == .mentions ? "anything about \"\(feature)\"" : "whether it \(verb(1))"
                return "None of the \(total) \(which) says \(says)"
                    + (unstated.contains { $0.hasSuffix(")") } ? ": " + Self.list(unstated) + "." : ".")
                    + " Ask about one of them to see all it states."
            }
            var parts: [String] = []
            if has.count == total {
                parts.append("\(total == 2 ? "Both" : "All \(total)") \(which) \(verb(total)).")
            } else if !has.isEmpty {
                parts.append("\(has.count) of the \(total) \(which) \(verb(has.count)): \(Self.list(has)).")
            } else {
                parts.append("None of the \(total) \(which) \(verb(1)).")
            }
            if !lacks.isEmpty, has.count < total {
                parts.append("\(Self.list(lacks, opening: true)) \(lacks.count == 1 ? "does" : "do") not.")
            }
            if !unstated.isEmpty {
                parts.append("\(Self.list(unstated, opening: true)) \(unstated.count == 1 ? "does" : "do") not say.")
            }
            return parts.joined(separator: " ")
        }
        return answers.joined(separator: " ")
    }

    /// "the A, the B and the C"; "The A, …" to open a sentence.
    private static func list(_ names: [String], opening: Bool = false) -> String {
        let named = names.map { Self.the($0) }
        let text = named.count > 1 ? named.dropLast().joined(separator: ", ") + " and " + named[named.count - 1] : named.first ?? ""
        return opening ? text.prefix(1).uppercased() + text.dropFirst() : text
    }
}
