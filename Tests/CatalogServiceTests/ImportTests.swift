@testable import CatalogService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Shared
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ImportTests {
    @Test func directoryImportReadsPlainAndGzippedJSONLines() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = (1...3).map { #"{"id":"p\#($0)","source":"plainshop","title":"Plain \#($0)","price":\#($0),"currency":"EUR"}"# }
        let zipped = (1...4).map { #"{"id":"z\#($0)","source":"zipshop","title":"Zipped \#($0)","price":\#($0)}"# } + ["{broken"]
        try plain.joined(separator: "\n").write(to: directory.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let zippedFile = directory.appendingPathComponent("b.jsonl")
        try zipped.joined(separator: "\n").write(to: zippedFile, atomically: true, encoding: .utf8)
        try "not products".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", zippedFile.path]  // leaves b.jsonl.gz
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)

        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: Logger(label: "import-test"))
        let report = try await CatalogImporter(store: store).importFiles([directory.path])
        #expect(report.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.jsonl", "b.jsonl.gz"])
        #expect(report.rowsRead == 8)
        #expect(report.imported == 7)
        #expect(report.examples == [ImportReport.Skip(file: "b.jsonl.gz", line: 5, reason: "invalid JSON")])
        let zippedProduct = try #require(try await store.product(id: "zipshop:z4"))
        #expect(zippedProduct.record.price == 4)
        #expect(zippedProduct.record.currency == "USD")
        #expect(try await store.product(id: "plainshop:p2")?.record.currency == "EUR")
        await store.close()
    }

    /// A bare number of a screen size, a refresh rate or a wattage is in the unit shoppers ask in
    /// (the PC part data states none): "27" was no match for "27 inch".
    @Test func bareNumbersOfKnownMeasuresGetTheirUnit() async throws {
        let directory = try makeTemporaryDirectory("catalog-units")
        let line = #"{"id":"m1","source":"units","title":"Acme 27 Monitor","price":150,"category_path":["Monitors"],"#
            + #""attributes":{"screen_size":27,"refresh_rate":"144","wattage":650,"size":120,"Screen Size":"27.5","panel_type":"IPS"}}"#
        try line.write(to: directory.appendingPathComponent("units.jsonl"), atomically: true, encoding: .utf8)
        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: Logger(label: "units-test"))
        _ = try await CatalogImporter(store: store).importFiles([directory.path])
        let stored = try #require(try await store.product(id: "units:m1")).record.attributes
        #expect(stored == ["screen_size": "27 inch", "refresh_rate": "144Hz", "wattage": "650W", "size": "120",
                           "Screen Size": "27.5 inch", "panel_type": "IPS"])
        #expect(ProductRecordParser.withDefaultUnit("27 inch", key: "screen_size") == "27 inch")
        // A resolution in numbers is named as shoppers ask for it.
        #expect(ProductRecordParser.withResolutionName("3840, 2160", key: "resolution") == "3840 x 2160 (4K UHD)")
        #expect(ProductRecordParser.withResolutionName("1920x1080", key: "Resolution") == "1920 x 1080 (Full HD)")
        #expect(ProductRecordParser.withResolutionName("1024, 600", key: "resolution") == "1024 x 600")
        #expect(ProductRecordParser.withResolutionName("4K", key: "resolution") == "4K")
        #expect(ProductRecordParser.withResolutionName("3840, 2160", key: "size") == "3840, 2160")
        #expect(ProductRecordParser.withDefaultUnit("1.2.3", key: "screen_size") == "1.2.3")
        await store.close()
    }

    /// Flipkart's listings say whom they are for by the department they are filed under
    /// ("Footwear > Men's Footwear > …"), not by an attribute: the ranker and the reply read
    /// `gender`, so the import states it. A stated gender stands; a brand's or a title's words
    /// ("Lady Diana", the leaf) name none.
    @Test func aDepartmentSaysWhomAProductIsFor() async throws {
        let directory = try makeTemporaryDirectory("catalog-departments")
        func line(_ id: String, _ title: String, _ path: [String], attributes: String = "{}") -> String {
            let path = path.map { "\"\($0)\"" }.joined(separator: ",")
            return #"{"id":"\#(id)","source":"departments","title":"\#(title)","price":100,"category_path":[\#(path)],"#
                + #""attributes":\#(attributes)}"#
        }
        let lines = [
            line("d1", "BAAJ Running Shoes", ["Footwear", "Men's Footwear", "Sports Shoes", "BAAJ Running Shoes"]),
            line("d2", "Kurta", ["Clothing", "Women's Clothing"], attributes: #"{"Gender":"Unisex"}"#),
            line("d3", "Balm", ["Beauty", "Lady Diana Lip Balms", "Lady Diana Balm"]),
            line("d4", "Frock", ["Kids", "Girls Wear", "Frocks"]),
            line("d5", "Gigabyte GAMING OC", ["Computer Components", "Video Cards"], attributes: #"{"memory":16}"#),
        ]
        try lines.joined(separator: "\n")
            .write(to: directory.appendingPathComponent("departments.jsonl"), atomically: true, encoding: .utf8)
        let store = try await CatalogStore(path: temporaryDatabasePath(), readerCount: 1, logger: Logger(label: "departments-test"))
        _ = try await CatalogImporter(store: store).importFiles([directory.path])
        func attributes(_ id: String) async throws -> [String: String] {
            try #require(try await store.product(id: "departments:\(id)")).record.attributes
        }
        #expect(try await attributes("d1") == ["gender": "men"])
        #expect(try await attributes("d2") == ["Gender": "Unisex"])
        #expect(try await attributes("d3") == [:])
        #expect(try await attributes("d4") == ["gender": "girls"])
        // A video card's memory in gigabytes, as the PC part data means it.
        #expect(try await attributes("d5") == ["memory": "16GB"])
        await store.close()
    }

    @Test func metricsCountSearchesAndImports() async throws {
        let metrics = MetricsRegistry()
        let app = try await buildApplication(
            CatalogConfiguration(listen: .init(host: "127.0.0.1", port: 0), databasePath: try temporaryDatabasePath()),
            metrics: metrics, logger: Logger(label: "metrics-test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/search", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"spec":{"category":"tv"},"limit":3}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/import", method: .post, headers: [.contentType: "application/x-ndjson"],
                                     body: ByteBuffer(string: "{\"id\":\"1\",\"title\":\"T\",\"price\":1}\n[]\n")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("catalog_search_duration_seconds_count 1"))
                #expect(text.contains("catalog_imports_total 1"))
                #expect(text.contains("catalog_import_rows_imported_total 1"))
                #expect(text.contains("catalog_import_rows_skipped_total 1"))
            }
        }
    }
}
