import Shared

/// Attribute values and titles in the forms shoppers ask by. The PC part data states amounts as
/// bare numbers and lists ("speed": [4, 3200]) and names many products by their series alone
/// ("Sapphire PULSE", "Seagate BarraCuda"); a shopper asks for "ddr4 3200", "a 4tb drive" or an
/// "rtx 5070", and tells products apart by their titles.
extension ProductRecordParser {
    /// An attribute's value as stored: a form of its own for the amounts below, else its text with
    /// the key's default unit and a resolution's name. `nil` for an empty value.
    /// - Parameters:
    ///   - name: the key's `AttributeName.key`.
    ///   - statesPricePerGB: whether the product states its price per gigabyte (`capacityForm`).
    static func statedValue(_ value: JSONValue, key: String, name: String, statesPricePerGB: Bool) -> String? {
        if let form = memoryForm(value, key: name) ?? capacityForm(value, key: name, statesPricePerGB: statesPricePerGB) {
            return form
        }
        guard let text = attributeText(value), !text.isEmpty else { return nil }
        return withResolutionName(withDefaultUnit(text, key: key), key: key)
    }

    /// Memory as the PC part data states it: `speed` [generation, MHz] is "DDR4-3200" and
    /// `modules` [count, GB each] is "2 x 8GB". Any other value is no memory form.
    static func memoryForm(_ value: JSONValue, key: String) -> String? {
        guard case .array(let list) = value, list.count == 2,
              case .number(let first) = list[0], case .number(let second) = list[1],
              first == first.rounded(), second > 0 else { return nil }
        switch key {
        case "speed" where (1...6).contains(first) && second >= 100 && second == second.rounded():
            return "DDR\(Int(first))-\(Int(second))"
        case "modules" where (1...16).contains(first):
            return "\(Int(first)) x \(formatNumber(second))GB"
        default:
            return nil
        }
    }

    /// Attributes the PC part data implies and shoppers ask by: a memory kit's capacity from its
    /// modules ("2 x 16GB" is 32GB: "32gb ddr5 ram" found none of its kits), and an SSD on PCIe
    /// as an NVMe one ("type": "SSD" with "interface": "M.2 PCIe 4.0 X4" is an "NVMe SSD"). A
    /// stated capacity or type stands.
    /// - Parameter keys: the attributes' keys by their `AttributeName.key`, kept in step.
    static func addImpliedAttributes(to attributes: inout [String: String], keys: inout [String: String]) {
        if keys["capacity"] == nil, let modules = keys["modules"].flatMap({ attributes[$0] }) {
            let parts = modules.split(separator: " ")
            if parts.count == 3, parts[1] == "x", let count = Double(parts[0]), parts[2].hasSuffix("GB"),
               let size = Double(parts[2].dropLast(2)) {
                attributes["capacity"] = "\(formatNumber(count * size))GB"
                keys["capacity"] = "capacity"
            }
        }
        if let type = keys["type"], attributes[type]?.uppercased() == "SSD",
           let interface = keys["interface"].flatMap({ attributes[$0] }), interface.lowercased().contains("pcie") {
            attributes[type] = "NVMe SSD"
        }
    }

    /// A storage capacity as a bare number is in gigabytes when the product states its price per
    /// gigabyte (`price_per_gb`), as the PC part data's drives do: 4000 is "4TB", 500 "500GB".
    static func capacityForm(_ value: JSONValue, key: String, statesPricePerGB: Bool) -> String? {
        guard key == "capacity", statesPricePerGB, case .number(let gigabytes) = value, gigabytes > 0 else { return nil }
        let terabytes = gigabytes / 1000
        if gigabytes >= 1000, (terabytes * 10).rounded() == terabytes * 10 { return "\(formatNumber(terabytes))TB" }
        return "\(formatNumber(gigabytes))GB"
    }

    /// A title that names a series but not the kind of product (`kind`, the category's leaf) with
    /// what names the product added when it does not say it: a video card's chip and its memory
    /// ("Sapphire PULSE" → "Sapphire PULSE Radeon RX 9060 XT 16GB"), a drive's capacity, a power
    /// supply's wattage, a memory kit's speed. Products the PC part data titles alike (48 "Seagate
    /// BarraCuda" drives from 1 to 24 TB) are then told apart, by the shopper and by the ranker,
    /// which shows one product of a title. A title that names its kind ("… Blender") is whole.
    /// - Parameter keys: the attributes' keys by their `AttributeName.key`.
    static func completedTitle(_ title: String, attributes: [String: String], keys: [String: String], kind: String?) -> String {
        func value(_ name: String) -> String? { keys[name].flatMap { attributes[$0] } }
        let chip = value("chipset")
        let capacity = value("capacity").flatMap { capacity in
            (capacity.hasSuffix("GB") || capacity.hasSuffix("TB")) && Double(capacity.dropLast(2)) != nil ? capacity : nil
        }
        let power = value("power").flatMap { $0.hasSuffix("W") && Double($0.dropLast()) != nil ? $0 : nil }
        let speed = value("speed").flatMap { $0.hasPrefix("DDR") ? $0 : nil }
        // Most products have none of these: their titles are not read.
        guard chip != nil || capacity != nil || power != nil || speed != nil else { return title }
        let stated = TitleAmounts(title)
        guard !stated.names(kind: kind) else { return title }
        var additions: [String] = []
        if let chip, !stated.namesModel(of: chip) {
            additions.append(chip)
            if let memory = value("ram"), memory.hasSuffix("GB"), !stated.states(memory) { additions.append(memory) }
        }
        for amount in [capacity, power, speed].compactMap({ $0 }) where !stated.states(amount) { additions.append(amount) }
        return additions.isEmpty ? title : ([title] + additions).joined(separator: " ")
    }

    /// Units a bare number of these attributes is in, whoever sells the product (`AttributeName.key`):
    /// a screen's size in inches, a refresh rate in hertz, a power supply's wattage in watts, a
    /// video card's memory in gigabytes, a monitor's response time in milliseconds.
    static let defaultUnits: [String: String] = ["screen_size": "inch", "refresh_rate": "Hz", "power": "W", "ram": "GB",
                                                 "response_time": "ms"]

    /// `text` with its key's default unit when it is a bare number ("27" of `screen_size` is
    /// "27 inch", as shoppers ask and the ranker compares; the PC part data states none); any
    /// other text as it is.
    static func withDefaultUnit(_ text: String, key: String) -> String {
        guard let unit = defaultUnits[AttributeName.key(key)], !text.isEmpty,
              text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }),
              text.utf8.filter({ $0 == UInt8(ascii: ".") }).count <= 1, text.utf8.first != UInt8(ascii: ".") else { return text }
        return unit == "inch" ? "\(text) inch" : text + unit
    }

    /// Screen resolutions by their width and height, as shoppers name them.
    static let resolutionNames: [String: String] = [
        "7680x4320": "8K", "5120x2880": "5K", "5120x1440": "DQHD", "3840x2160": "4K UHD", "3440x1440": "UWQHD",
        "2560x1440": "QHD", "2560x1080": "UWFHD", "1920x1200": "WUXGA", "1920x1080": "Full HD", "1600x900": "HD+",
        "1366x768": "HD", "1280x720": "HD",
    ]

    /// A resolution stated as two numbers ("3840, 2160" of the PC part data, "1920 x 1080") as
    /// "3840 x 2160 (4K UHD)": a shopper asks for "4K", which the numbers alone never matched
    /// (a 4K monitor was said not to be one). Any other value as it is.
    static func withResolutionName(_ text: String, key: String) -> String {
        guard AttributeName.key(key) == "resolution" else { return text }
        let numbers = text.split { $0 == "," || $0 == "x" || $0 == "X" || $0 == "×" || $0 == " " }
        guard numbers.count == 2, let width = Int(numbers[0]), let height = Int(numbers[1]), width > 0, height > 0 else { return text }
        let name = resolutionNames["\(width)x\(height)"]
        return "\(width) x \(height)" + (name.map { " (\($0))" } ?? "")
    }

}

/// The words of a title as amounts are compared: lower case, split at anything but letters,
/// digits and points, a number and the unit after it joined ("16 GB" is "16gb").
struct TitleAmounts {
    let words: Set<String>

    init(_ title: String) { words = Set(Self.words(of: title)) }

    /// Whether every word of `value` with a digit in it is in the title ("750W", "DDR4-3200":
    /// "ddr4" and "3200"); a capacity in terabytes also as gigabytes ("4TB" as "4000gb").
    func states(_ value: String) -> Bool {
        let numbered = Self.words(of: value).filter { $0.contains(where: \.isNumber) }
        guard !numbered.isEmpty else { return true }
        if numbered.allSatisfy(words.contains) { return true }
        guard numbered.count == 1, numbered[0].hasSuffix("tb"), let terabytes = Double(numbered[0].dropLast(2)) else { return false }
        return words.contains(ProductRecordParser.formatNumber(terabytes * 1000) + "gb")
    }

    /// Whether a word of the title is one of the kind's, in the singular ("blender" of "Blenders"),
    /// or all of them as one ("Airfryer" of "Air Fryers").
    func names(kind: String?) -> Bool {
        guard let kind else { return false }
        let singulars = Set(words.map(CategoryVocabulary.singular))
        let kindWords = Self.words(of: kind).map(CategoryVocabulary.singular)
        return kindWords.contains { $0.count > 2 && singulars.contains($0) } || singulars.contains(kindWords.joined())
    }

    /// Whether the title names a chip's model by one of its numbered words ("5070" of "GeForce
    /// RTX 5070 Ti"); a chip without one by all its words.
    func namesModel(of chip: String) -> Bool {
        let chipWords = Self.words(of: chip)
        let numbered = chipWords.filter { $0.contains(where: \.isNumber) }
        return numbered.isEmpty ? chipWords.allSatisfy(words.contains) : numbered.contains(where: words.contains)
    }

    private static let units: Set<String> = ["gb", "tb", "mb", "w", "hz", "mhz", "ghz", "inch", "in"]

    static func words(of text: String) -> [String] {
        let parts = text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == ".") }.map(String.init)
        var joined: [String] = []
        for part in parts {
            if let last = joined.last, units.contains(part), last.allSatisfy({ $0.isNumber || $0 == "." }) {
                joined[joined.count - 1] = last + part
            } else {
                joined.append(part)
            }
        }
        return joined
    }
}
