import Shared
import Testing
@testable import Understanding

/// Numbers past what an integer holds, as a shopper may type them: "headphones under
/// 99999999999999999999" stopped the worker at every delivery (its cents overflowed an Int64)
/// until the turn was dead-lettered, and so would "compare 1 and 99999999999999999999".
@Suite(.timeLimit(.minutes(1)))
struct HugeNumberTests {
    let interpreter = EmbeddedInterpreter()

    @Test func pricesAreWrittenAtAnySize() {
        #expect(PriceFormat.amount(1_299.5, currency: "USD") == "$1,299.50")
        #expect(PriceFormat.amount(-20, currency: "EUR") == "€-20")
        #expect(PriceFormat.amount(1e20, currency: "USD") == "$100,000,000,000,000,000,000")
        #expect(PriceFormat.amount(-2.5e12, currency: "CAD") == "CAD -2,500,000,000,000")
        #expect(PriceFormat.amount(.infinity, currency: "USD") == "$0")
    }

    @Test func aHugeBudgetIsRepliedTo() {
        let spec = interpreter.spec(for: TurnContext(text: "headphones under 99999999999999999999"))
        #expect(spec.budget.max == 1e20, "\(spec)")
        let reply = interpreter.reply(for: spec, results: SearchResults(products: [], totalFound: 0, sources: []))
        #expect(reply.contains("under $100,000,000,000,000,000,000"), "\(reply)")
    }

    @Test func aHugeNumberNamesNoShownProduct() {
        let shown = ["Acer", "Dell"].map { ProductResult(id: $0, title: "\($0) Laptop", brand: $0, category: "Laptops", price: 400,
                                                            currency: "USD", marketplace: "local") }
        for text in ["compare 1 and 99999999999999999999", "tell me about number 99999999999999999999",
                     "what about #99999999999999999999"] {
            let tokens = Tokenizer.tokenize(text)
            #expect(ProductQuestion.product(askedAbout: tokens, text: text, among: shown) == nil, "\(text)")
            #expect(ProductComparison.products(comparedIn: tokens, text: text, among: shown) == nil, "\(text)")
        }
    }
}

/// "€1.000" groups thousands with a dot, as much of Europe writes it: it was €1.
@Suite(.timeLimit(.minutes(1)))
struct ThousandsDotTests {
    @Test func aDotAfterACurrencySymbolWithThreeDigitsGroupsThousands() {
        func number(_ text: String) -> Double? { Tokenizer.tokenize(text).compactMap(\.number).first }
        #expect(number("laptop under €1.000") == 1_000)
        #expect(number("under $12.500.000") == 12_500_000)
        #expect(number("under $1.50") == 1.5)
        #expect(number("a 15.600 inch screen") == 15.6)
        #expect(number("under $1.5k") == 1.5)
        #expect(EmbeddedInterpreter().spec(for: TurnContext(text: "laptop under $1.000")).budget.max == 1_000)
    }
}
