import Shared
import Testing
@testable import Understanding

/// Turns that search nothing: small talk (thanks, help, a seller's terms, an order, "start
/// over"), with the quick look that lets requests skip these checks. Questions about the products
/// shown are `ShownProductQuestionTests`.
@Suite(.timeLimit(.minutes(1)))
struct SearchlessTurnTests {
    let engine = EmbeddedEngine()

    @Test func smallTalkIsToldFromRequests() {
        let interpreter = EmbeddedInterpreter()
        let searched = RequirementSpec(category: "Laptops", query: "laptops")
        let smallTalk = ["thanks!", "Thank you so much", "ok", "ok great, that's all", "perfect thanks", "bye",
                         "good night", "cheers mate", "no thanks", "hello", "Thanks a lot for the help!"]
        for text in smallTalk {
            #expect(interpreter.isSmallTalk(TurnContext(text: text, currentSpec: searched)), "\(text)")
        }
        let requests = ["thanks, now in black", "ok show me more", "great, cheaper please", "bye bye sony",
                        "thanks 200 max", "dell", "", "show me more", "nice headphones"]
        for text in requests {
            #expect(!interpreter.isSmallTalk(TurnContext(text: text, currentSpec: searched)), "\(text)")
        }
        // A photo makes it a request; a voice note counts by its transcript.
        #expect(!interpreter.isSmallTalk(TurnContext(text: "thanks", attachments: [.image], currentSpec: searched)))
        let spoken = TranscriptData(text: "thank you", confidence: 0.9, durationMilliseconds: 800, engine: "x")
        #expect(interpreter.isSmallTalk(TurnContext(text: "", attachments: [.audio], transcript: spoken, currentSpec: searched)))
        // Before any search a greeting is best answered by the first question, while one may be asked.
        #expect(!interpreter.isSmallTalk(TurnContext(text: "hi")))
        #expect(interpreter.isSmallTalk(TurnContext(text: "hi", clarificationCount: 2, maxClarifications: 2)))
        #expect(interpreter.isSmallTalk(TurnContext(text: "thanks")))
    }

    /// "What can you do?" searched the whole catalog ("the top 3 products out of 531") once the
    /// first question was spent; it is answered with what the assistant does now, and a bare
    /// greeting's question greets back.
    @Test func aHelpQuestionIsAnsweredWithWhatTheAssistantDoes() async throws {
        let interpreter = EmbeddedInterpreter()
        let searched = RequirementSpec(category: "Laptops", query: "laptops", budget: .init(max: 800))
        for text in ["what can you do?", "So what exactly can you do", "help", "how does this work?", "hi, who are you?"] {
            for spec in [nil, searched] {
                let turn = TurnContext(text: text, currentSpec: spec)
                #expect(try await engine.decideClarification(turn, spec: try await engine.buildSpec(turn)) == .smallTalk, "\(text)")
                if let spec { #expect(try await engine.buildSpec(turn) == spec, "\(text)") }
            }
            let reply = try await engine.smallTalkReply(TurnContext(text: text)).collect()
            #expect(reply.hasPrefix("I search the marketplaces for products") && reply.contains("The catalog has"), "\(reply)")
        }
        for text in ["help me find a laptop", "what can you do for gaming laptops", "what do you have for running?"] {
            #expect(!interpreter.isSmallTalk(TurnContext(text: text)), "\(text)")
        }
        let hi = TurnContext(text: "hello")
        let question = try await engine.clarifyingQuestion(hi, spec: try await engine.buildSpec(hi),
                                                           decision: ClarifyDecision(shouldAsk: true, missingFields: ["category"])).collect()
        #expect(question.hasPrefix("Hi! Which kind of product are you looking for"), "\(question)")
    }

    /// "What's your return policy?" after TVs searched for the words "return policy": a seller's
    /// terms are the marketplaces' business, which the reply says, and the search stays.
    @Test func aQuestionAboutTheSellersTermsSearchesNothing() async throws {
        let searched = RequirementSpec(category: "TVs", query: "oled tvs", features: ["oled"])
        for text in ["what's your return policy?", "do you ship to canada?", "How long does delivery take?",
                     "is there a warranty?", "can I pay with paypal", "do you offer free shipping", "can i track my order?"] {
            for spec in [nil, searched] {
                let turn = TurnContext(text: text, currentSpec: spec)
                #expect(try await engine.decideClarification(turn, spec: try await engine.buildSpec(turn)) == .smallTalk, "\(text)")
                // Without a search yet, no words to search for the next request either.
                #expect(try await engine.buildSpec(turn) == spec ?? RequirementSpec(missingFields: ["category"]), "\(text)")
            }
            #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
            let reply = try await engine.smallTalkReply(TurnContext(text: text, currentSpec: searched)).collect()
            #expect(reply.hasPrefix("I don't sell the products myself") && reply.contains("the TVs you want"), "\(reply)")
        }
        // A product's warranty is a question about it; a request that names terms is a request.
        let interpreter = EmbeddedInterpreter()
        // "Does it track sleep?" asks what a watch tracks (it was "I don't sell the products myself").
        for text in ["what's the warranty on the first one?", "a tv with free shipping under 500", "sort by price",
                     "does it track sleep?"] {
            #expect(!interpreter.isSmallTalk(TurnContext(text: text, currentSpec: searched)), "\(text)")
        }
    }

    /// "Add it to my cart" searched again for "add" and "cart": an order is the seller's to take.
    @Test func anOrderIsTheSellersToTake() async throws {
        let searched = RequirementSpec(category: "Headphones", query: "headphones", budget: .init(max: 100))
        let shown = [EmbeddedEngineTests.product("Sony WH-CH520", "Sony", 59.99, reasons: [])]
        for text in ["add it to my cart", "I'll buy the second one", "how do I checkout?", "put it in my basket", "order it"] {
            let turn = TurnContext(text: text, currentSpec: searched, lastShown: shown)
            #expect(try await engine.decideClarification(turn, spec: try await engine.buildSpec(turn)) == .smallTalk, "\(text)")
            #expect(try await engine.buildSpec(turn) == searched, "\(text)")
            #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
            #expect(try await engine.smallTalkReply(turn).collect().hasPrefix("I can't place orders"), "\(text)")
        }
        // Before anything was shown, or with a thing named, it is a request.
        let interpreter = EmbeddedInterpreter()
        #expect(!interpreter.isSmallTalk(TurnContext(text: "i want to buy", currentSpec: nil)))
        #expect(!interpreter.isSmallTalk(TurnContext(text: "i want to buy a laptop", currentSpec: searched, lastShown: shown)))
        // Ordering something before anything was shown: no order to place, what to do instead.
        let first = TurnContext(text: "add it to my cart")
        #expect(interpreter.isSmallTalk(first))
        #expect(try await engine.buildSpec(first) == RequirementSpec(missingFields: ["category"]))
        let reply = try await engine.smallTalkReply(first).collect()
        #expect(reply == "I can't place orders: I don't sell the products myself. "
                + "Tell me what you're looking for, and I'll search the marketplaces for it.", "\(reply)")
    }

    @Test func smallTalkKeepsTheSpecAndAnswersWithWhatToDoNext() async throws {
        let searched = RequirementSpec(category: "Laptops", query: "laptops", budget: .init(max: 800))
        let shown = [EmbeddedEngineTests.product("A laptop", "Dell", 500, reasons: [])]
        let thanks = TurnContext(text: "thank you!", currentSpec: searched, lastShown: shown)
        #expect(try await engine.buildSpec(thanks) == searched)
        #expect(try await engine.decideClarification(thanks, spec: searched) == .smallTalk)
        #expect(try await engine.smallTalkReply(thanks).collect()
                == "You're welcome! Ask for more laptops under $800, or tell me what else you'd like to find.")
        let bye = TurnContext(text: "bye", currentSpec: searched, lastShown: shown)
        #expect(try await engine.smallTalkReply(bye).collect().hasPrefix("Goodbye, and happy shopping!"))
        let early = TurnContext(text: "ok thanks")
        #expect(try await engine.smallTalkReply(early).collect()
                == "You're welcome! Tell me what you're looking for, and I'll search the marketplaces for it.")
        let waiting = TurnContext(text: "ok", currentSpec: RequirementSpec(category: "Laptops", query: "laptops"),
                                  clarificationCount: 1)
        #expect(try await engine.smallTalkReply(waiting).collect()
                == "Got it. Tell me what matters for the laptops you want, a budget or a brand, and I'll search for them.")
        // Small talk words never become search words.
        #expect(try await engine.buildSpec(TurnContext(text: "bye")).keywords.isEmpty)
    }

    /// "Start over" drops the search and asks what to look for, without counting as a clarifying
    /// question; before, "start" became a keyword of the same search and the same products came back.
    @Test func startOverDropsTheSearch() async throws {
        let interpreter = EmbeddedInterpreter()
        let sneakers = interpreter.spec(for: TurnContext(text: "red sneakers size 9"))
        for text in ["start over", "ok, let's start over", "new search please", "never mind", "can we start again"] {
            let turn = TurnContext(text: text, currentSpec: sneakers, lastShown: [EmbeddedEngineTests.headphones("Vans", 54.99)])
            #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)")
            let spec = try await engine.buildSpec(turn)
            #expect(spec == RequirementSpec(missingFields: ["category"]), "\(text): \(spec)")
            #expect(try await engine.decideClarification(turn, spec: spec) == .smallTalk, "\(text)")
            let reply = try await engine.smallTalkReply(turn).collect()
            #expect(reply.hasPrefix("Sure, let's start over. What are you looking for?"), "\(text): \(reply)")
        }
        // Before a new request, it drops the old details: not red sneakers of size 9 again.
        let fresh = interpreter.spec(for: TurnContext(text: "start over, I need sneakers", currentSpec: sneakers))
        #expect(fresh.category == "Sneakers" && fresh.attributes.isEmpty && fresh.keywords.isEmpty, "\(fresh)")
    }

    /// The quick look that spares most requests a second tokenising must never miss a searchless turn.
    @Test func theQuickLookPassesEverySearchlessTurnAndStopsRequests() {
        let searchless = ["thanks!", "Thank you so much", "OK great, that’s all", "no thanks", "good night", "hello",
                          "Tell me more about the second one", "the 3rd one", "details on #4", "number two please",
                          "what about the first one?", "specs of the JBL", "thanks—bye", "THANKS", ""]
        for text in searchless { #expect(EmbeddedInterpreter.mayBeSearchless(text), "\(text)") }
        let requests = ["gaming laptop under $1000 with 16GB RAM", "noise cancelling headphones under 300 dollars",
                        "black running shoes size 10 under $120", "65 inch 4K TV between 500 and 1500",
                        "cordless vacuum for pet hair under 500", "show me more", "cheaper", "sony"]
        for text in requests { #expect(!EmbeddedInterpreter.mayBeSearchless(text), "\(text)") }
    }
}
