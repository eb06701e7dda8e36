import Testing
@testable import Shared

/// How much a product holds of a unit a price is asked per, from its attributes or its title.
struct UnitPriceModelTests {
    private func product(_ title: String, _ price: Double, _ attributes: [String: String] = [:]) -> ProductResult {
        ProductResult(id: title, title: title, brand: nil, category: "x", price: price, currency: "USD", marketplace: "local",
                      attributes: attributes)
    }

    @Test func keysAndWords() throws {
        #expect(UnitPrice(unitWord: "terabytes")?.key == "price_per_tb")
        #expect(UnitPrice(unitWord: "ounce")?.name == "oz")
        #expect(UnitPrice(unitWord: "night") == nil)
        #expect(UnitPrice(key: "price_per_gb")?.name == "GB")
        // Keys are written with the unit's own name only.
        #expect(UnitPrice(key: "price_per_gigabytes") == nil && UnitPrice(key: "capacity") == nil)
    }

    @Test func amountsFromAttributesThenTitles() throws {
        let perTB = try #require(UnitPrice(unitWord: "tb"))
        let perGB = try #require(UnitPrice(unitWord: "gb"))
        // The capacity attribute, before the title's first amount.
        #expect(perTB.units(in: product("Acme 990 PRO 2TB SSD", 170, ["capacity": "2TB", "read_speed": "7450 MB/s"])) == 2)
        #expect(perGB.price(of: product("Kit 16GB (2x8GB) DDR4", 40)) == 2.5)
        #expect(perTB.units(in: product("Acme 500GB SSD", 35)) == 500.0 / 1024)
        // Another kind of amount is none: a weight is no storage, a storage no weight.
        #expect(perGB.units(in: product("Acme Tent", 100, ["weight": "4 lb"])) == nil)
        let perOunce = try #require(UnitPrice(unitWord: "ounces"))
        #expect(perOunce.units(in: product("Acme Cream", 20, ["size": "50 ml"])).map { ($0 * 100).rounded() / 100 } == 1.76)
        #expect(perOunce.units(in: product("Acme 16GB Card", 10)) == nil)
    }
}
