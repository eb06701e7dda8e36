@testable import CatalogService
import Foundation
import Shared
import Testing

/// The PC part data names many products by their series alone ("Sapphire PULSE", 48 "Seagate
/// BarraCuda" drives from 1 to 24 TB) and states amounts as bare numbers and lists. The import
/// names them by what tells them apart and states the amounts as shoppers ask for them.
@Suite(.timeLimit(.minutes(1)))
struct PartNamingImportTests {
    func record(_ title: String, _ path: [String], _ attributes: String) throws -> ProductRecord {
        let line = #"{"id":"x","source":"parts","title":"\#(title)","price":10,"category_path":\#(path),"attributes":\#(attributes)}"#
        return try ProductRecordParser.parseJSONLine(Array(line.utf8), defaultSource: "s", defaultCurrency: "USD")
    }

    @Test func aSeriesTitleIsCompletedWithWhatNamesTheProduct() throws {
        let card = try record("Sapphire PULSE", ["Computer Components", "Video Cards"], #"{"chipset":"Radeon RX 9060 XT","memory":16}"#)
        #expect(card.title == "Sapphire PULSE Radeon RX 9060 XT 16GB")
        let drive = try record("Seagate BarraCuda", ["Computer Components", "Internal Storage"],
                               #"{"capacity":4000,"price_per_gb":0.019,"type":5400}"#)
        #expect(drive.title == "Seagate BarraCuda 4TB")
        #expect(drive.attributes["capacity"] == "4TB")
        let kit = try record("Corsair Vengeance LPX 16 GB", ["Computer Components", "Memory"],
                             #"{"speed":[4,3200],"modules":[2,8],"cas_latency":16}"#)
        #expect(kit.title == "Corsair Vengeance LPX 16 GB DDR4-3200")
        #expect(kit.attributes["speed"] == "DDR4-3200" && kit.attributes["modules"] == "2 x 8GB")
        #expect(kit.attributes["capacity"] == "16GB")
        let supply = try record("Silverstone Strider", ["Computer Components", "Power Supplies"], #"{"wattage":700,"modular":"Full"}"#)
        #expect(supply.title == "Silverstone Strider 700W")
    }

    /// What a title already says is not said twice, in any of its forms; a title that names its
    /// kind is whole; amounts in other units or without the price per gigabyte are left as stated.
    @Test func aTitleKeepsWhatItSays() throws {
        let card = try record("MSI GeForce RTX 3060 Ventus 2X 12G", ["Video Cards"], #"{"chipset":"GeForce RTX 3060 12GB","memory":12}"#)
        #expect(card.title == "MSI GeForce RTX 3060 Ventus 2X 12G")
        let ssd = try record("Inland 1TB TD510 NVME", ["Internal Storage"],
                             #"{"capacity":1000,"price_per_gb":0.14,"type":"SSD","interface":"M.2 PCIe 5.0 X4"}"#)
        #expect(ssd.title == "Inland 1TB TD510 NVME")
        #expect(try record("Samsung 870 EVO 1000 GB", ["Internal Storage"], #"{"capacity":1000,"price_per_gb":0.1}"#).title
            == "Samsung 870 EVO 1000 GB")
        #expect(try record("Crucial P3 1.5 TB", ["Internal Storage"], #"{"capacity":1500,"price_per_gb":0.1}"#).attributes["capacity"]
            == "1.5TB")
        #expect(try record("Acme Drive", ["Storage"], #"{"capacity":500,"price_per_gb":0.1}"#).title == "Acme Drive 500GB")
        let blender = try record("Ninja BN401 Nutri Pro Compact Personal Blender", ["Home", "Blenders"], #"{"power":1100}"#)
        #expect(blender.title == "Ninja BN401 Nutri Pro Compact Personal Blender")
        #expect(try record("Philips Premium Airfryer XXL", ["Kitchen", "Air Fryers"], #"{"power":2225}"#).title
            == "Philips Premium Airfryer XXL")
        let bank = try record("Acme Power Bank", ["Power Banks"], #"{"capacity":10000}"#)
        #expect(bank.attributes["capacity"] == "10000" && bank.title == "Acme Power Bank")
        // A list that is no memory speed stays a list.
        #expect(try record("Acme Fan", ["Case Fans"], #"{"speed":[600,1800]}"#).attributes["speed"] == "600, 1800")
    }

    /// An SSD on PCIe is an NVMe one, as shoppers say; a SATA one stays "SSD". A stated capacity
    /// stands before one worked out from the modules.
    @Test func impliedAttributesAreStated() throws {
        let nvme = try record("Inland TD510", ["Internal Storage"], #"{"type":"SSD","interface":"M.2 PCIe 5.0 X4"}"#)
        #expect(nvme.attributes["type"] == "NVMe SSD")
        let sata = try record("Inland Professional", ["Internal Storage"], #"{"type":"SSD","interface":"SATA 6.0 Gb/s"}"#)
        #expect(sata.attributes["type"] == "SSD")
        let kit = try record("Acme 32 GB", ["Memory"], #"{"modules":[2,16],"capacity":"32 GB"}"#)
        #expect(kit.attributes["capacity"] == "32 GB")
    }

    /// "32gb ddr5 ram" on the shared data: the PC part data's 32 GB DDR5 kits are found as such
    /// (before, none stated a capacity, and a 256 GB kit was among the first eight); a 4 TB
    /// drive's search lists 4 TB drives of one series apart.
    @Test(.enabled(if: hasSharedData, "needs ../shared/data"))
    func sharedDataPartsAreFoundByTheirAmounts() async throws {
        let fixture = try await CatalogFixture.shared()
        let memory = RequirementSpec(category: "Memory", query: "ddr5 memory", keywords: ["ddr5"], attributes: ["capacity": "32GB"])
        let kits = try await fixture.search.search(memory, limit: 8, sourceNames: nil).products
        #expect(kits.count == 8)
        #expect(kits.allSatisfy { $0.matchReasons.contains("capacity: 32GB") }, "\(kits.map(\.title))")
        let drives = RequirementSpec(category: "Storage", query: "seagate barracuda", attributes: ["capacity": "4TB"],
                                     sort: .priceAscending)
        let found = try await fixture.search.search(drives, limit: 8, sourceNames: nil).products
        #expect(found.first?.matchReasons.contains("capacity: 4TB") == true, "\(found.map(\.title))")
        let barracudas = Set(try await fixture.search.search(RequirementSpec(category: "Storage", query: "seagate barracuda"),
                                                             limit: 20, sourceNames: nil).products.map(\.title))
            .filter { $0.hasPrefix("Seagate BarraCuda ") }
        #expect(barracudas.count > 3, "\(barracudas)")
    }
}
