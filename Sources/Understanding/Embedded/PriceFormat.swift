import Foundation
import Shared

/// Prices as a shopper reads them: `$1,000`, `$899.99`, `€450`, `CAD 500`.
enum PriceFormat {
    private static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥"]

    static func amount(_ value: Double, currency: String) -> String {
        var grouped: String
        if value.isFinite, abs(value) < 1e12 {
            let cents = Int64((value * 100).rounded())
            let units = cents / 100
            grouped = (units < 0 ? "-" : "") + NumberText.grouped(Int64(units.magnitude))
            if value != value.rounded() {
                let fraction = abs(cents % 100)
                grouped += "." + (fraction < 10 ? "0" : "") + String(fraction)
            }
        } else {
            // Past a trillion, whole units as `%.0f` writes them: the cents of a shopper's "under
            // 99999999999999999999" overflowed an Int64 and stopped the worker at every delivery.
            grouped = (value < 0 ? "-" : "") + thousands(String(format: "%.0f", value.isFinite ? abs(value) : 0))
        }
        if let symbol = symbols[currency.uppercased()] { return symbol + grouped }
        return currency.uppercased() + " " + grouped
    }

    /// A price per unit: to the tenth of a cent under one ("$0.065"), else as `amount` does.
    static func perUnit(_ value: Double, currency: String) -> String {
        guard value < 1, value >= 0 else { return amount(value, currency: currency) }
        let digits = String(format: "%.3f", value)
        if let symbol = symbols[currency.uppercased()] { return symbol + digits }
        return currency.uppercased() + " " + digits
    }

    /// A count as a reply writes it: 12345 is "12,345" ("rated 4.6 by 7,427 buyers").
    static func count(_ value: Int) -> String {
        NumberText.grouped(Int64(value))
    }

    /// Digits with a comma before every three from the right: "1000000": "1,000,000" (of
    /// amounts past an `Int64`'s, which `NumberText.grouped` writes).
    private static func thousands(_ digits: String) -> String {
        var digits = digits
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }

    /// A rating to the nearest tenth: "4.6".
    static func rating(_ value: Double) -> String {
        NumberText.oneDecimal(value)
    }
}
