import Foundation

/// Prices as a shopper reads them: `$1,000`, `$899.99`, `€450`, `CAD 500`.
enum PriceFormat {
    private static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥"]

    static func amount(_ value: Double, currency: String) -> String {
        let isWhole = value == value.rounded()
        let cents = Int64((value * 100).rounded())
        let units = cents / 100
        var digits = String(abs(units))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = (units < 0 ? "-" : "") + digits + grouped
        if !isWhole {
            let fraction = abs(cents % 100)
            grouped += "." + (fraction < 10 ? "0" : "") + String(fraction)
        }
        if let symbol = symbols[currency.uppercased()] { return symbol + grouped }
        return currency.uppercased() + " " + grouped
    }

    static func rating(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
