import Shared
import Testing
@testable import Understanding

/// What a reply says, before its products, of what they lack of what was asked: a feature, a
/// gender, a colour, a value, a screen size. The catalog ranks by these and filters nothing, so
/// the best matches may miss some.
@Suite(.timeLimit(.minutes(1)))
struct ReplyCaveatTests {
    /// A feature ranks but filters nothing, so "cheaper" waterproof jackets may find only a fleece:
    /// the reply says none of them mentions it (the catalog gives the feature as a reason to
    /// each product that has it), not "the best match for jackets" alone.
    @Test func aReplyWhoseProductsLackTheFeatureAskedForSaysSo() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Jackets", query: "waterproof jackets", budget: .init(max: 62), features: ["waterproof"])
        let fleece = EmbeddedEngineTests.product("Columbia Steens Mountain Fleece", "Columbia", 49.99, reasons: ["under $62"])
        let reply = interpreter.reply(for: spec, results: SearchResults(products: [fleece], totalFound: 1, sources: []))
        #expect(reply.hasPrefix("None of the best matches mentions \"waterproof\". Here is the best match for jackets under $62: 1. Columbia"),
                "\(reply)")
        let rainJacket = EmbeddedEngineTests.product("Columbia Watertight II Rain Jacket", "Columbia", 59.99, reasons: ["waterproof"])
        let found = interpreter.reply(for: spec, results: SearchResults(products: [fleece, rainJacket], totalFound: 2, sources: []))
        // Some of them: how many (before, nothing said the fleece was no rain jacket).
        #expect(found.hasPrefix("Only one of these two mentions \"waterproof\". Here are the top 2 jackets under $62: 1. Columbia Steens"),
                "\(found)")
        // An amount none of them has: tents for 6 people under $100 found only smaller ones.
        func tent(_ title: String, _ capacity: String?) -> ProductResult {
            var tent = EmbeddedEngineTests.product(title, "Coleman", 89.99, reasons: [])
            tent.attributes = capacity.map { ["capacity": $0] } ?? [:]
            return tent
        }
        let sixPeople = RequirementSpec(category: "Tents", query: "tents", budget: .init(max: 100), attributes: ["capacity": "6 person"])
        let small = interpreter.reply(for: sixPeople, results: SearchResults(products: [tent("Coleman Sundome", "4 person"),
                                                                                        tent("Coleman Pop-Up", "2 person")],
                                                                             totalFound: 2, sources: []))
        #expect(small.hasPrefix("None of the best matches is for 6 people or more. Here are the top 2 tents for 6 people under $100: 1."),
                "\(small)")
        var namedAsImported = tent("Ozark Trail Cabin", nil)
        namedAsImported.attributes = ["Capacity": "8 person"]
        for big in [tent("CORE Cabin", "9 person"), tent("Coleman Skydome 6 Person Tent", nil), namedAsImported] {
            let fits = interpreter.reply(for: sixPeople, results: SearchResults(products: [tent("Coleman Sundome", "4 person"), big],
                                                                                totalFound: 2, sources: []))
            #expect(fits.hasPrefix("Here are the top 2 tents for 6 people under $100: 1."), "\(fits)")
        }
        // An air fryer for a family of 4: a quart feeds a person, and the reply says so.
        let fryers = RequirementSpec(category: "Air Fryers", query: "air fryers", attributes: ["capacity": "4 person"])
        func fryer(_ title: String, _ capacity: String) -> ProductResult {
            var fryer = EmbeddedEngineTests.product(title, "Ninja", 99.99, reasons: ["capacity: \(capacity)"])
            fryer.attributes = ["capacity": capacity]
            return fryer
        }
        let family = interpreter.reply(for: fryers, results: SearchResults(products: [fryer("Ninja AF101", "4.1 qt"), fryer("Dash Mini", "2 qt")],
                                                                           totalFound: 2, sources: []))
        #expect(family.hasPrefix("Here are the top 2 air fryers for 4 people: 1. Ninja AF101")
                && family.hasSuffix("A quart feeds about one person, so I put those of 4 qt or more first."), "\(family)")
        let tooSmall = interpreter.reply(for: fryers, results: SearchResults(products: [fryer("Dash Mini", "2 qt")], totalFound: 1, sources: []))
        #expect(tooSmall.hasPrefix("None of the best matches is for 4 people or more.") && !tooSmall.contains("quart feeds"), "\(tooSmall)")
        // A part asked for is no feature the reply looks for: "a phone with a good camera".
        let camera = RequirementSpec(category: "Phones", query: "camera phones", features: ["camera"])
        let phone = EmbeddedEngineTests.product("Sony Xperia 10 V", "Sony", 449.99, reasons: [])
        let phones = interpreter.reply(for: camera, results: SearchResults(products: [phone], totalFound: 1, sources: []))
        #expect(phones.hasPrefix("Here is the best match for phones: 1. Sony"), "\(phones)")
    }

    /// A gender ranks but filters nothing: women's running shoes under $100 found one pair and
    /// filled up with men's, which the reply listed as "the top 3 running shoes" without a word.
    @Test func aReplyWhoseProductsAreForAnotherGenderSaysHowMany() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes", budget: .init(max: 100),
                                   attributes: ["gender": "women", "size": "8"])
        func shoe(_ title: String, gender: String?) -> ProductResult {
            var shoe = EmbeddedEngineTests.product(title, "Brand", 64.99, reasons: [])
            shoe.attributes = gender.map { ["Gender": $0] } ?? [:]
            return shoe
        }
        func reply(_ products: [ProductResult]) -> String {
            interpreter.reply(for: spec, results: SearchResults(products: products, totalFound: 5, sources: []))
        }
        let duramo = shoe("Adidas Duramo SL Women's Running Shoes", gender: "women")
        let mixed = reply([duramo, shoe("ASICS Gel-Contend 8 Running Shoes", gender: "Men's"),
                           shoe("Puma Velocity Nitro 3 Men's Running Shoes", gender: nil)])
        #expect(mixed.hasPrefix("Only one of these three is for women; the others are for men. Here are the top 3 running shoes under $100"),
                "\(mixed)")
        let boys = reply([shoe("Nike Revolution 7 Boys' Running Shoes", gender: nil), shoe("Puma Men's Running Shoes", gender: "men")])
        #expect(boys.hasPrefix("None of the best matches is for women: they are for boys or men. Here are the top 2"), "\(boys)")
        // Flipkart's "Ideal For", a list: for each gender it names.
        let listed = reply([duramo, shoe("Glacier Running Shoes", gender: nil), shoe("Sparx Running Shoes", gender: nil)]
            .enumerated().map { index, shoe in
                var shoe = shoe
                if index > 0 { shoe.attributes = ["Ideal For": index == 1 ? "Men" : "Women, Girls"] }
                return shoe
            })
        #expect(listed.hasPrefix("Only two of these three are for women; the other is for men."), "\(listed)")
        // Unisex shoes, and shoes that say nothing of a gender, are no caveat.
        let fits = reply([duramo, shoe("Saucony Ride 17 Running Shoes", gender: "Unisex"), shoe("On Cloud 5", gender: nil)])
        #expect(fits.hasPrefix("Here are the top 3 running shoes under $100 out of 5 found: 1. Adidas"), "\(fits)")
        // Asked for a child: adults' shoes are not "for kids" (a boys' shoe, or one of no gender, may be).
        let forSon = interpreter.spec(for: TurnContext(text: "running shoes for my son"))
        func sonReply(_ products: [ProductResult]) -> String {
            interpreter.reply(for: forSon, results: SearchResults(products: products, totalFound: 5, sources: []))
        }
        let adults = sonReply([duramo, shoe("Puma Velocity Nitro 3 Men's Running Shoes", gender: nil)])
        #expect(adults.hasPrefix("None of the best matches is made for kids: they are for men or women. "
                                 + "Here are the top 2 running shoes out"), "\(adults)")
        let adult = sonReply([shoe("Gildan Adult Running Shoes", gender: "unisex"), duramo])
        #expect(adult.hasPrefix("None of the best matches is made for kids: they are for adults."), "\(adult)")
        let kids = sonReply([duramo, shoe("Nike Revolution 7 Boys' Running Shoes", gender: nil)])
        #expect(kids.hasPrefix("Here are the top 2 running shoes for kids out of 5 found"), "\(kids)")
    }

    /// A colour ranks but filters nothing: "Coleman" after green tents listed Coleman's tents of
    /// every colour as "the top 3 green Coleman tents".
    @Test func aReplyWhoseProductsAreNotAllInTheColourSaysHowMany() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Tents", query: "green Coleman tents", budget: .init(max: 300), brands: ["Coleman"],
                                   attributes: ["color": "green"])
        func tent(_ title: String, _ color: String) -> ProductResult {
            var tent = EmbeddedEngineTests.product(title, "Coleman", 89.99, reasons: [])
            tent.attributes = ["color": color]
            return tent
        }
        let mixed = interpreter.reply(for: spec, results: SearchResults(products: [tent("Coleman Sundome", "Green/Navy"),
                                                                                   tent("Coleman Skydome", "Blue"),
                                                                                   tent("Coleman Pop-Up", "Grey")],
                                                                        totalFound: 7, sources: []))
        #expect(mixed.hasPrefix("Only one of these three comes in green. Here are the top 3 Coleman tents under $300 out of 7 found: 1."),
                "\(mixed)")
        let green = interpreter.reply(for: spec, results: SearchResults(products: [tent("Coleman Sundome", "green"),
                                                                                   tent("Coleman Cabin", "Dark Green")],
                                                                        totalFound: 2, sources: []))
        #expect(green.hasPrefix("Here are the top 2 green Coleman tents under $300: 1."), "\(green)")
    }

    @Test func aReplyWhoseProductsLackAValueAskedForSaysSo() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "Running Shoes", query: "running shoes", budget: .init(max: 150),
                                   attributes: ["gender": "women", "cushioning": "high"])
        func shoe(_ title: String, _ reasons: [String]) -> ProductResult {
            EmbeddedEngineTests.product(title, "Brooks", 139.95, reasons: reasons)
        }
        let none = interpreter.reply(for: spec, results: SearchResults(products: [shoe("Brooks Ghost 16 Women's", ["gender: women"])],
                                                                       totalFound: 1, sources: []))
        #expect(none.hasPrefix("None of the best matches states \"cushioning: high\". Here is the best match for running shoes"),
                "\(none)")
        let some = interpreter.reply(for: spec, results: SearchResults(products: [shoe("Brooks Glycerin 21 Women's", ["cushioning: high"])],
                                                                       totalFound: 1, sources: []))
        #expect(some.hasPrefix("Here is the best match for running shoes under $150: 1."), "\(some)")
    }

    /// "A 55 inch TV", then "which ones are oled?": the OLED TVs come only bigger, and the reply
    /// listed them without a word of it.
    @Test func aReplyWhoseProductsLackTheScreenSizeAskedForSaysSo() {
        let interpreter = EmbeddedInterpreter()
        let spec = RequirementSpec(category: "TVs", query: "oled tvs", attributes: ["screen_size": "55 inch"], features: ["oled"])
        let oled = EmbeddedEngineTests.product("LG 65 inch C3 OLED evo 4K Smart TV", "LG", 1699.99, reasons: ["oled"])
        let led = EmbeddedEngineTests.product("Samsung 55 inch Crystal UHD CU7000 4K Smart TV", "Samsung", 379.99,
                                              reasons: ["55 inch screen"])
        let none = interpreter.reply(for: spec, results: SearchResults(products: [oled], totalFound: 1, sources: []))
        #expect(none.hasPrefix("None of the best matches has a 55 inch screen. Here is the best match"), "\(none)")
        let some = interpreter.reply(for: spec, results: SearchResults(products: [oled, led], totalFound: 2, sources: []))
        #expect(some.hasPrefix("Only one of these two has a 55 inch screen. "), "\(some)")
        let all = interpreter.reply(for: spec, results: SearchResults(products: [led], totalFound: 1, sources: []))
        #expect(!all.contains("a 55 inch screen."), "\(all)")
    }

    /// A capacity a title states ("1000 ml Water Bottle") is one a listing states: no caveat
    /// that none holds 1L (before, it said so of a list with two that did).
    @Test func aCapacityATitleStatesIsStated() {
        let spec = RequirementSpec(query: "water bottle", keywords: ["water", "bottle"], attributes: ["capacity": "1L"])
        let bottle = ProductResult(id: "b", title: "Crezy Xtreem 1000 ml Water Bottle", brand: "Crezy", category: "Bottles",
                                   price: 5, currency: "USD", marketplace: "local")
        #expect(EmbeddedInterpreter.amountsNoneHas(spec, [bottle]).isEmpty)
        var small = bottle
        small.title = "PROBOTT Sports 500 ml Water Bottle"
        #expect(EmbeddedInterpreter.amountsNoneHas(spec, [small]).map(\.value) == ["1L"])
    }
}
