/// Numbers as replies and match reasons write them, digit by digit: Foundation's formatters
/// (`String(format:)`, `formatted()`) cost more than the rest of a reason, and depend on a locale.
public enum NumberText {
    /// To the nearest tenth, ties to even: 4.56 is "4.6", 4 is "4.0".
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let tenths = Int64((value * 10).rounded(.toNearestOrEven))
        return (tenths < 0 ? "-" : "") + String(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
    }

    /// As an amount is written after a title's number: a whole number without a fraction (12 is
    /// "12"), any other as Swift writes it (6.35 is "6.35").
    public static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// With a comma before every three digits from the right: 12345 is "12,345".
    public static func grouped(_ number: Int64) -> String {
        let magnitude = number.magnitude
        var digits = 1, rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let count = digits + (digits - 1) / 3 + (number < 0 ? 1 : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = count - 1, remaining = magnitude, written = 0
            repeat {
                if written > 0, written % 3 == 0 {
                    buffer[index] = UInt8(ascii: ",")
                    index -= 1
                }
                buffer[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                index -= 1
                remaining /= 10
                written += 1
            } while remaining > 0
            if number < 0 { buffer[0] = UInt8(ascii: "-") }
            return count
        }
    }
}
