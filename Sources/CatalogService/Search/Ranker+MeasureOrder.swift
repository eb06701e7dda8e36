import Shared

extension Ranker {
    /// The order a spec asks for by a measure (`MeasureOrder`: `"screen_size": "most"` for "the
    /// biggest TV"): the products that state the most of it first (or the least), then those
    /// that do not state it. A tier of the ranking, after the ones for what was asked of the
    /// products (brand, amounts, kind, colour, features) and before the spec's `sort`.
    struct OrderedMeasure {
        /// `AttributeName.key` of the measured attribute.
        var key: String
        var order: MeasureOrder
        /// The price per unit the order is by ("price_per_tb"), which no attribute states.
        var unitPrice: UnitPrice?
        /// To compare prices per unit in US dollars.
        var rates: CurrencyRates?

        init?(spec: RequirementSpec, rates: CurrencyRates? = nil) {
            guard let (key, order) = MeasureOrder.asked(in: spec.attributes) else { return nil }
            self.key = AttributeName.key(key)
            self.order = order
            unitPrice = UnitPrice(key: self.key)
            self.rates = rates
        }

        /// The product's amount of the measure, comparable across units (`Measure`: "3 lb 12 oz"
        /// with "2 kg", "2 qt" with "72 oz"), and its value as a reason says it: its attribute's
        /// ("7450 MB/s", "3 lb 2 oz"), else the amount its title states (`Measure.statedInTitles`:
        /// "6 mm"; for a screen, "65 inch").
        /// `nil` when it states none that reads as an amount.
        /// A price per unit is the product's, in US dollars, and "$44.99 per TB".
        func stated(by product: ProductResult, attributes: ComparableAttributes) -> (amount: Double, value: String)? {
            if let unitPrice {
                guard let price = unitPrice.price(of: product) else { return nil }
                let dollars = rates?.convert(price, from: product.currency, to: "USD") ?? price
                return (dollars, CurrencyRates.formatUnitPrice(price, currency: product.currency) + " per " + unitPrice.name)
            }
            for attribute in attributes.list where attribute.key == key {
                if let amount = Measure.amount(attribute.value) {
                    return (amount, attribute.value.trimmingWhitespace)
                }
            }
            if let stated = Measure.stated(key, inTitle: product.title) { return stated }
            guard key == "screen_size", let inches = Ranker.screenInches(inTitle: product.title) else { return nil }
            return (inches, NumberText.plain(inches) + " inch")
        }

        /// Whether `left` comes before `right` by the measure; `nil` on a tie. A product that
        /// states no amount comes after every one that does.
        func precedes(_ left: Double?, _ right: Double?) -> Bool? {
            switch (left, right) {
            case (nil, nil): return nil
            case (_?, nil): return true
            case (nil, _?): return false
            case (let left?, let right?):
                guard left != right else { return nil }
                return order == .most ? left > right : left < right
            }
        }
    }
}
