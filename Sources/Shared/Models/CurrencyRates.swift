import Foundation

/// Exchange rates, as units of each currency per one US dollar, for budget filters and display.
///
/// Configured with `CURRENCY_RATES` (`EUR=0.92,INR=83.2`), merged over the defaults below.
public struct CurrencyRates: Sendable, Hashable {
    /// Units per USD (approximate, 2025). Override them in production.
    public static let defaults: [String: Double] = [
        "USD": 1, "EUR": 0.92, "GBP": 0.79, "INR": 83.0, "CAD": 1.36, "JPY": 150.0, "AUD": 1.52,
    ]

    public let unitsPerUSD: [String: Double]
    /// The codes of `unitsPerUSD`, sorted (every search with a budget bounds the price in each).
    public let currencies: [String]

    public init(unitsPerUSD: [String: Double] = CurrencyRates.defaults) {
        var rates = unitsPerUSD.reduce(into: [:]) { $0[$1.key.uppercased()] = $1.value }
        rates["USD"] = 1
        self.unitsPerUSD = rates
        currencies = rates.keys.sorted()
    }

    /// Parses `CODE=rate,CODE=rate` over the defaults.
    public init(parsing text: String) throws(ConfigurationError) {
        var rates = Self.defaults
        for entry in text.split(separator: ",") {
            let pair = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].count == 3, pair[0].allSatisfy({ $0.isLetter }),
                  let rate = Double(pair[1]), rate > 0, rate.isFinite else {
                throw ConfigurationError(variable: "CURRENCY_RATES", value: text,
                                         expected: "CODE=units-per-USD pairs separated by commas, e.g. EUR=0.92,INR=83")
            }
            rates[pair[0].uppercased()] = rate
        }
        self.init(unitsPerUSD: rates)
    }

    /// `amount` in `from` converted into `to`, or `nil` when either currency is unknown.
    public func convert(_ amount: Double, from: String, to: String) -> Double? {
        if from == to { return amount }  // most products are in the budget's currency, spelled alike
        let source = from.uppercased(), target = to.uppercased()
        if source == target { return amount }
        guard let sourceRate = unitsPerUSD[source], let targetRate = unitsPerUSD[target] else { return nil }
        return amount / sourceRate * targetRate
    }

    /// A product's price in `currency`, for comparing the prices of a list that mixes currencies;
    /// as listed when either currency is unknown.
    public func price(of product: ProductResult, in currency: String) -> Double {
        convert(product.price, from: product.currency, to: currency) ?? product.price
    }

    public func isKnown(_ currency: String) -> Bool {
        unitsPerUSD[currency] != nil || unitsPerUSD[currency.uppercased()] != nil  // the codes are kept upper-case
    }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥", "CAD": "CA$", "AUD": "A$"]

    /// A shopper-readable amount: "$1,000", "₹45,999", "€12.50".
    public static func format(_ amount: Double, currency: String) -> String {
        let isWhole = amount == amount.rounded() || amount >= 1000
        let value = isWhole ? amount.rounded() : amount
        let digits = isWhole ? 0 : 2
        return withCurrency(groupThousands(value, fractionDigits: digits), currency)
    }

    /// A price per unit ("$0.065", "$44.99"): three decimals under one, where cents alone would
    /// make a 1TB SSD at $64.99 and one at $69.99 the same "$0.06 per GB".
    public static func formatUnitPrice(_ amount: Double, currency: String) -> String {
        guard amount < 1 else { return format(amount, currency: currency) }
        return withCurrency(groupThousands(amount, fractionDigits: 3), currency)
    }

    /// "$12.50", or "12.50 CHF" for a currency without a symbol here.
    private static func withCurrency(_ formatted: String, _ currency: String) -> String {
        if let symbol = symbols[currency.uppercased()] { return symbol + formatted }
        return "\(formatted) \(currency.uppercased())"
    }

    public static func groupThousands(_ value: Double, fractionDigits: Int) -> String {
        // Whole numbers (review counts, most prices) are written digit by digit, without
        // Foundation's formatter: a page's reasons group a dozen of them.
        if fractionDigits == 0, abs(value) < 1e15 { return NumberText.grouped(Int64(value.rounded(.toNearestOrEven))) }
        let text = String(format: "%.\(fractionDigits)f", value)
        let utf8 = Array(text.utf8)
        let integerStart = utf8.first == UInt8(ascii: "-") ? 1 : 0
        let integerEnd = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.count
        var grouped: [UInt8] = []
        grouped.reserveCapacity(utf8.count + (integerEnd - integerStart) / 3)
        grouped.append(contentsOf: utf8[..<integerStart])
        for index in integerStart..<integerEnd {
            if index > integerStart, (integerEnd - index) % 3 == 0 { grouped.append(UInt8(ascii: ",")) }
            grouped.append(utf8[index])
        }
        grouped.append(contentsOf: utf8[integerEnd...])
        return String(decoding: grouped, as: UTF8.self)
    }
}
