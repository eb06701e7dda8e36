import Shared
import Testing
@testable import Understanding

/// "More like the third one": a request for others like a product shown, which the spec names
/// (`RequirementSpec.similarToKey`) for the catalog to rank by. Before, it showed the search's
/// next page; "is there anything like the second one?" answered with the second one's details;
/// "anything similar to the vitamix?" searched Vitamix blenders.
@Suite(.timeLimit(.minutes(1)))
struct SimilarProductRequestTests {
    let interpreter = EmbeddedInterpreter()
    let engine = EmbeddedEngine()

    static let blenders = [
        listed("Ninja", "Ninja BN401 Nutri Pro Compact Personal Blender", category: "Kitchen > Blenders", ["type": "personal"]),
        listed("Vitamix", "Vitamix 5200 Professional-Grade Blender, 64 oz", category: "Kitchen > Blenders", ["type": "full-size"]),
        listed("Blendtec", "Blendtec Classic 575 Blender with WildSide+ Jar", category: "Kitchen > Blenders", ["type": "full-size"]),
    ]
    static let history = [ConversationMessage(role: .user, text: "a blender"),
                          ConversationMessage(role: .assistant, text: "Here are the top 3 blenders: 1. \(blenders[0].title) at $50")]

    func turn(_ text: String, shown: [ProductResult] = blenders, history: [ConversationMessage] = history) -> TurnContext {
        TurnContext(text: text, history: history, currentSpec: RequirementSpec(category: "Blenders", query: "blenders"),
                    lastShown: shown)
    }

    @Test func theProductNamedIsTheOneLiked() {
        let asked: [(String, String)] = [
            ("more like the third one", "Blendtec"), ("anything similar to the vitamix?", "Vitamix"),
            ("something like the second one", "Vitamix"), ("similar to #3", "Blendtec"), ("others like the blendtec", "Blendtec"),
            ("like the second one but cheaper", "Vitamix"), ("any alternatives to the ninja?", "Ninja"),
            // Naming none, or by a pronoun: the product the last reply talked about (the first listed).
            ("more like it", "Ninja"), ("something similar", "Ninja"), ("show me more like that one", "Ninja"),
            ("anything else like this?", "Ninja"), ("is there one like it with a bigger jar", "Ninja"),
        ]
        for (text, id) in asked {
            let spec = interpreter.spec(for: turn(text))
            #expect(spec.similarProductID == id && spec.category == "Blenders", "\(text): \(spec)")
            #expect(spec.brands.isEmpty, "\(text): a product named by its brand is no brand wished for: \(spec.brands)")
        }
        // Named by words of its title: they are no words to search for.
        var sets = [listed("LEGO", "LEGO City Fire Station 60320", category: "Toys > Building Sets", ["theme": "City"]),
                    listed("LEGO", "LEGO Star Wars Millennium Falcon 75257", category: "Toys > Building Sets", ["theme": "Star Wars"])]
        sets[1].id = "falcon"
        let falcon = interpreter.spec(for: turn("similar to the star wars one", shown: sets))
        #expect(falcon.similarProductID == "falcon" && falcon.keywords.isEmpty && falcon.brands.isEmpty, "\(falcon)")
        let cheaper = interpreter.spec(for: turn("like the second one but cheaper"))
        #expect(cheaper.budget.max.map { $0 < 50 } == true, "\(cheaper.budget)")
    }

    @Test func otherLikesAskForNoneOfThem() {
        for text in ["i like the third one", "something like a personal blender", "show me more", "the second one",
                     "a smoothie maker similar to a nutribullet", "would like the first one"] {
            let spec = interpreter.spec(for: turn(text))
            #expect(spec.similarProductID == nil, "\(text): \(spec)")
        }
        // "Something like this" with a photo: what the photo shows.
        let photo = TurnContext(text: "something like this", attachments: [.image], history: Self.history,
                                currentSpec: RequirementSpec(category: "Blenders", query: "blenders"), lastShown: Self.blenders)
        #expect(interpreter.spec(for: photo).similarProductID == nil)
        // A search by name takes the product's category only when it is a known one: an imported
        // listing's path may end with its own title.
        let kurtas = [listed("Baalaa", "Baalaa Printed Women's Straight Kurta",
                             category: "Clothing > Baalaa Printed Women's Straight Kurta", [:])]
        let byName = interpreter.spec(for: TurnContext(text: "more like the first one", currentSpec: RequirementSpec(query: "kurta"),
                                                       lastShown: kurtas))
        #expect(byName.similarProductID == "Baalaa" && byName.category == nil, "\(byName)")
        let blenders = interpreter.spec(for: TurnContext(text: "more like the first one", currentSpec: RequirementSpec(query: "blender"),
                                                         lastShown: Self.blenders))
        #expect(blenders.category == "Blenders", "\(blenders)")
        // Nothing shown: nothing to be like.
        #expect(interpreter.spec(for: turn("more like the third one", shown: [])).similarProductID == nil)
        // A book like one not shown is a search with its title's words, as before.
        let books = [listed("Penguin", "Pride and Prejudice by Jane Austen", category: "Books", ["genre": "romance"])]
        let hunger = interpreter.spec(for: TurnContext(text: "a book similar to the hunger games", lastShown: books))
        #expect(hunger.similarProductID == nil, "\(hunger)")
    }

    /// A question that names a product as one to be like is no question about that product.
    @Test func aLikenessIsNoQuestionAboutTheProduct() async throws {
        for text in ["is there anything like the second one?", "what else is like the vitamix?", "do you have anything similar to #2"] {
            let decision = try await engine.decideClarification(turn(text), spec: RequirementSpec(category: "Blenders"))
            #expect(decision.detailsOf == nil && decision.compared.isEmpty, "\(text): \(decision)")
        }
        let details = try await engine.decideClarification(turn("tell me about the second one"),
                                                           spec: RequirementSpec(category: "Blenders"))
        #expect(details.detailsOf == "Vitamix")
    }

    /// "Anything like it" after a list answer that names products as such answers do ("the LG
    /// and the Asus tie"): the first it names (before, the search's first product).
    @Test func itIsTheProductALastAnswerNamedFirst() {
        let monitors = [
            listed("Dell", "Dell S2722DGM 27 inch Curved QHD Gaming Monitor", category: "Monitors", [:]),
            listed("LG", "LG 27GP850-B UltraGear 27 inch QHD Gaming Monitor", category: "Monitors", [:]),
            listed("LGX", "LGX Budget 24 inch Monitor", category: "Monitors", [:]),
            listed("Asus", "ASUS TUF Gaming VG249Q3A 24 inch Monitor", category: "Monitors", [:]),
        ]
        let history = [ConversationMessage(role: .assistant, text: "Here are the top 3 monitors: 1. \(monitors[0].title) at $50"),
                       ConversationMessage(role: .user, text: "which one has the highest refresh rate"),
                       ConversationMessage(role: .assistant, text: "Of the 4 shown, the LG and the Asus tie for the highest: 180Hz.")]
        let spec = interpreter.spec(for: turn("anything like it in 32 inch", shown: monitors, history: history))
        #expect(spec.similarProductID == "LG", "\(spec)")
        // A name inside a longer one is not it: "the LG" of "the LGX".
        let cheapest = history.dropLast() + [ConversationMessage(role: .assistant, text: "Of the 4 shown, the LGX is the cheapest.")]
        #expect(interpreter.spec(for: turn("more like it", shown: monitors, history: Array(cheapest))).similarProductID == "LGX")
    }

    /// "Like the first but with more ram": more than that laptop has, not than every one shown.
    @Test func moreOfAnAmountIsMoreThanTheProductLiked() {
        let laptops = [
            listed("Lenovo", "Lenovo IdeaPad 1 14 Laptop, AMD Athlon Silver 7120U, 8GB RAM, 256GB SSD", category: "Laptops", [:]),
            listed("Apple", "Apple MacBook Pro 14-inch, M3 Pro Chip, 36GB RAM, 1TB SSD", category: "Laptops", [:]),
        ]
        let spec = interpreter.spec(for: TurnContext(text: "any like the first but with more ram",
                                                     currentSpec: RequirementSpec(category: "Laptops", query: "laptops"),
                                                     lastShown: laptops))
        #expect(spec.similarProductID == "Lenovo" && spec.attributes["ram"] == "16GB", "\(spec)")
    }

    /// The reply names the product liked, on the turn that asked; a later page or turn does not.
    @Test func theReplySaysWhichProductTheyAreLike() {
        var spec = RequirementSpec(category: "Blenders", query: "blenders")
        spec.attributes[RequirementSpec.similarToKey] = "Vitamix"
        let found = SearchResults(products: [Self.blenders[2]], totalFound: 1, sources: [])
        let reply = interpreter.composedReply(turn("anything similar to the vitamix?"), spec: spec, results: found)
        #expect(reply.hasPrefix("Most like the Vitamix 5200 Professional-Grade Blender, 64 oz first. "), "\(reply)")
        let later = interpreter.composedReply(turn("cheaper", shown: [Self.blenders[2]]), spec: spec, results: found)
        #expect(!later.contains("Most like"), "\(later)")
    }
}
