// catalog-bench: imports all of ../shared/data into a temporary database (rows/s), then measures
// search latency through the real HTTP API on loopback at 1 and 16 concurrent clients.
// With --demo it serves the built-in demo catalog instead (as the orchestrator's stack does) and
// reports the CPU time one search costs: in process (SearchService) and over HTTP.
//
// usage: swift build -c release --product catalog-bench && .build/release/catalog-bench [DATA_DIR] [REQUESTS_PER_CLIENT]
//        .build/release/catalog-bench --demo [REQUESTS]
//        .build/release/catalog-bench --loadgen-specs [SEARCHES]   (demo catalog, only the stack's searches, in process)
import AsyncHTTPClient
import CatalogService
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Prometheus
import ServiceLifecycle
import Shared

#if canImport(Glibc)
import Glibc
#endif

// As the service's own `main` does: handlers run on the event loops that own their sockets.
runTasksOnEventLoops()

var arguments = Array(CommandLine.arguments.dropFirst())
/// Only the searches of the whole-stack benchmark, in process, three times: for profiling the ranker.
let timesLoadGeneratorSpecsOnly = arguments.first == "--loadgen-specs"
let isDemo = arguments.first == "--demo" || timesLoadGeneratorSpecsOnly
if isDemo { arguments.removeFirst() }
let dataDirectory = isDemo ? "" : arguments.first ?? "../shared/data"
let requestsPerClient = isDemo ? Int(arguments.first ?? "") ?? 2_000 : arguments.count > 1 ? Int(arguments[1]) ?? 300 : 300
guard isDemo || FileManager.default.fileExists(atPath: dataDirectory) else {
    FileHandle.standardError.write(Data("catalog-bench: no data directory at \(dataDirectory)\n".utf8))
    exit(2)
}

/// Realistic specs, as the understanding engine builds them.
let specs: [RequirementSpec] = [
    RequirementSpec(category: "laptop", query: "laptop for programming", budget: .init(max: 1_000), attributes: ["ram": "16GB"]),
    RequirementSpec(category: "monitor", query: "27 inch 144hz gaming monitor", budget: .init(max: 400)),
    RequirementSpec(category: "headphones", query: "wireless headphones", budget: .init(max: 200), excludedBrands: ["Beats"]),
    RequirementSpec(category: "video card", query: "RTX 3060", budget: .init(min: 250, max: 600)),
    RequirementSpec(category: "memory", query: "DDR4 32GB", budget: .init(max: 150), sort: .priceAscending),
    RequirementSpec(category: "keyboard", query: "mechanical keyboard", brands: ["Corsair", "Logitech"]),
    RequirementSpec(category: "watches", query: "analog watch for men", budget: .init(max: 30, currency: "USD")),
    RequirementSpec(category: "shoes", query: "running shoes", budget: .init(max: 3_000, currency: "INR"), attributes: ["color": "black"]),
    RequirementSpec(category: "mouse", query: "wireless mouse", budget: .init(max: 50), sort: .rating),
    RequirementSpec(query: "samsung ssd 1tb nvme", budget: .init(max: 200)),
    RequirementSpec(category: "cpu", query: "ryzen 7", budget: .init(max: 350), excludedBrands: ["Intel"]),
    RequirementSpec(category: "furniture", query: "wooden coffee table"),
    RequirementSpec(category: "jewellery", query: "silver earrings", budget: .init(max: 1_500, currency: "INR")),
    RequirementSpec(query: "bluetooth speaker waterproof", budget: .init(max: 100)),
    RequirementSpec(category: "case fan", query: "120mm rgb fan", budget: .init(max: 40)),
    RequirementSpec(category: "smartphones", query: "phone", budget: .init(max: 800)),
]

/// The specs the embedded engine builds for `loadgen`'s eight requests (captured from a running
/// stack): what the catalog searches once per turn in the whole-stack benchmark.
let loadGeneratorSpecs: [RequirementSpec] = [
    RequirementSpec(category: "Laptops", query: "gaming laptops", keywords: ["gaming"], budget: .init(max: 1_000),
                    attributes: ["ram": "16GB"], useCase: "gaming", confidence: 0.95),
    RequirementSpec(category: "Headphones", query: "noise cancelling headphones", budget: .init(max: 300),
                    features: ["noise cancelling"], confidence: 0.9),
    RequirementSpec(category: "Running Shoes", query: "black running shoes", budget: .init(max: 120),
                    attributes: ["color": "black", "size": "10"], confidence: 0.9),
    RequirementSpec(category: "TVs", query: "tvs", budget: .init(min: 500, max: 1_500),
                    attributes: ["resolution": "4K", "screen_size": "65 inch"], confidence: 0.9),
    RequirementSpec(category: "Coffee Makers", query: "coffee makers", keywords: ["espresso"], budget: .init(max: 400),
                    confidence: 0.85),
    RequirementSpec(category: "Vacuum Cleaners", query: "wireless vacuum cleaners", keywords: ["pet", "hair"],
                    budget: .init(max: 500), features: ["wireless"], confidence: 0.9),
    RequirementSpec(category: "Hoodies", query: "red hoodies", budget: .init(max: 60),
                    attributes: ["color": "red", "size": "XL"], confidence: 0.9),
    RequirementSpec(category: "Monitors", query: "monitors", budget: .init(max: 350),
                    attributes: ["refresh_rate": "144Hz", "screen_size": "27 inch"], confidence: 0.9),
]

func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// CPU time (user + system) this process has used so far, in microseconds.
func processCPUMicroseconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func microseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1e6 + Double(time.tv_usec) }
    return microseconds(usage.ru_utime) + microseconds(usage.ru_stime)
}

/// This process's resident anonymous memory (`RssAnon`: heap and stacks, not the mapped database
/// file, whose pages are the kernel's page cache), in megabytes.
func residentMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

/// CPU microseconds per call of `body`, over `count` sequential calls.
@MainActor func cpuMicroseconds(perCallOver count: Int, _ body: (Int) async throws -> Void) async rethrows -> Double {
    let before = processCPUMicroseconds()
    for index in 0..<count { try await body(index) }
    return (processCPUMicroseconds() - before) / Double(count)
}

struct SearchBody: Encodable {
    var spec: RequirementSpec
    var limit: Int
}

let logger = Logger(label: "catalog-bench")
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-bench-\(UUID().uuidString)")
let databasePath = directory.appendingPathComponent("catalog.sqlite").path
defer { try? FileManager.default.removeItem(at: directory) }

// 1. Import (the whole data set, or the demo catalog).
let store = try await CatalogStore(path: databasePath, readerCount: 1, logger: logger)
guard let demoPath = demoCatalogPath else { throw BenchError.status(0, "demo catalog missing from the bundle") }
let importCPUStart = processCPUMicroseconds()
let report = try await CatalogImporter(store: store).importFiles([isDemo ? demoPath : dataDirectory])
let importCPUSeconds = (processCPUMicroseconds() - importCPUStart) / 1e6
print("import: \(report.rowsRead) rows read, \(report.imported) imported, \(report.skipped) skipped in "
      + String(format: "%.2f s = %.0f rows/s (%.2f CPU s = %.0f rows per CPU second)", report.seconds, report.rowsPerSecond,
               importCPUSeconds, Double(report.rowsRead) / max(importCPUSeconds, 1e-9)))
for (reason, count) in report.skippedByReason.sorted(by: { $0.value > $1.value }) {
    print("  skipped \(count): \(reason)")
}
do {
    // In process: what a search costs the service itself, without HTTP or JSON. CPU time, unlike
    // latency under load, hardly moves with what else the shared machine runs. Text searches by the
    // in-memory index and by FTS5 (a second store on the same file), alternately, in one run.
    let rates = CurrencyRates()
    let buildStart = processCPUMicroseconds(), residentBefore = residentMegabytes()
    try await store.prepareSearchIndex()
    print(String(format: "in-memory search index built in %.2f CPU s; resident anonymous memory %.0f MB before, %.0f MB after",
                 (processCPUMicroseconds() - buildStart) / 1e6, residentBefore, residentMegabytes()))
    if let size = store.searchIndex?.size {
        print("  \(size.products) products, \(size.terms) terms, \(size.postings) postings")
    }
    // GET /v1/categories: the words of every category's listings are counted once per catalog
    // revision (the first call), then served from memory.
    for call in ["first (counts the words)", "second (counted)"] {
        let start = processCPUMicroseconds()
        let categories = try await store.categories()
        let cpu = (processCPUMicroseconds() - start) / 1e3
        let bytes = try JSONCoding.encode(categories).count
        print(String(format: "categories, %@ call: %.1f CPU-ms, %d nodes, %d with words, %.0f KB as JSON", call, cpu,
                     categories.count, categories.filter { $0.words != nil }.count, Double(bytes) / 1024))
    }
    let fullTextStore = try await CatalogStore(path: databasePath, readerCount: 1, searchesInMemory: false, logger: logger)
    func service(_ store: CatalogStore) -> SearchService {
        SearchService(store: store, sources: [LocalCatalogSource(store: store, rates: rates)], rates: rates,
                      sourceDeadline: .seconds(10), metrics: CatalogMetrics(registry: MetricsRegistry()), logger: logger)
    }
    let searches = [("in-memory index", service(store)), ("FTS5", service(fullTextStore))]
    for (_, search) in searches {
        for index in 0..<(specs.count * 5) { _ = try await search.search(specs[index % specs.count], limit: 10, sourceNames: nil) }
    }
    // Both must answer alike: the same products in the same order with the same scores.
    var differing: [String] = []
    for spec in specs {
        let memory = try await searches[0].1.search(spec, limit: 10, sourceNames: nil)
        let fullText = try await searches[1].1.search(spec, limit: 10, sourceNames: nil)
        if memory.products.map({ "\($0.id) \($0.score)" }) != fullText.products.map({ "\($0.id) \($0.score)" })
            || memory.totalFound != fullText.totalFound {
            differing.append(spec.query ?? "")
        }
    }
    print("  in-memory index and FTS5 answer alike for \(specs.count - differing.count) of \(specs.count) specs"
          + (differing.isEmpty ? "" : "; differ: " + differing.joined(separator: ", ")))
    let count = isDemo ? requestsPerClient : specs.count * 20
    for round in 0..<(timesLoadGeneratorSpecsOnly ? 0 : 2) {
        for (name, search) in searches {
            let inProcess = try await cpuMicroseconds(perCallOver: count) { index in
                _ = try await search.search(specs[index % specs.count], limit: 10, sourceNames: nil)
            }
            print((isDemo ? "demo catalog" : "full data")
                  + String(format: ", SearchService.search in process, %@ (round %d): %.0f CPU-µs per search (%d searches)",
                           name, round + 1, inProcess, count))
        }
    }
    if isDemo {
        // The whole-stack benchmark's searches, as its orchestrator asks for them (limit 8).
        for _ in 0..<(timesLoadGeneratorSpecsOnly ? 3 : 1) {
            let inProcess = try await cpuMicroseconds(perCallOver: count) { index in
                _ = try await searches[0].1.search(loadGeneratorSpecs[index % loadGeneratorSpecs.count], limit: 8, sourceNames: nil)
            }
            print(String(format: "demo catalog, loadgen's %d specs, in-memory index: %.1f CPU-µs per search (%d searches)",
                         loadGeneratorSpecs.count, inProcess, count))
        }
        if timesLoadGeneratorSpecsOnly {
            await fullTextStore.close()
            await store.close()
            exit(0)
        }
    }
    if !isDemo {
        for (name, search) in searches {
            // Per spec, dearest first: which queries the store still finds expensive.
            var perSpec: [(Double, Int)] = []
            for (index, spec) in specs.enumerated() {
                perSpec.append((try await cpuMicroseconds(perCallOver: 10) { _ in
                    _ = try await search.search(spec, limit: 10, sourceNames: nil)
                }, index))
            }
            print("  CPU-µs per spec, \(name): " + perSpec.sorted { $0.0 > $1.0 }
                .map { "\((specs[$0.1].query ?? "").prefix(24)) \(Int($0.0.rounded()))" }.joined(separator: ", "))
        }
        // AND first, OR when too few: which specs every word answered and which were widened.
        var everyWord: [String] = [], widened: [String] = []
        for spec in specs {
            let before = store.textSearchCounts
            _ = try await searches[0].1.search(spec, limit: 10, sourceNames: nil)
            let after = store.textSearchCounts
            if after.widened > before.widened { widened.append(spec.query ?? "") }
            if after.everyWord > before.everyWord { everyWord.append(spec.query ?? "") }
        }
        print("  every word enough for \(everyWord.count) of \(specs.count) specs: \(everyWord.joined(separator: ", "))")
        print("  widened to any word: \(widened.joined(separator: ", "))")
    }
    await fullTextStore.close()
}
await store.close()

// 2. Serve and search over loopback.
let port = freePort()
let config = CatalogConfiguration(listen: .init(host: "127.0.0.1", port: port), databasePath: databasePath,
                                  readConnections: Int(ProcessInfo.processInfo.environment["CATALOG_READ_CONNECTIONS"] ?? "") ?? 4, loadsDemoCatalog: false)
let app = try await buildApplication(config, logger: Logger(label: "catalog-bench-server", factory: { _ in SwiftLogNoOpLogHandler() }))
let bodies = try specs.map { ByteBuffer(bytes: try JSONCoding.encode(SearchBody(spec: $0, limit: 10))) }
let client = HTTPClient(eventLoopGroupProvider: .singleton,
                        configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)))

func searchOnce(_ index: Int) async throws -> Duration {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/search")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(bodies[index % bodies.count])
    let start = ContinuousClock.now
    let response = try await client.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 4 << 20)
    let elapsed = ContinuousClock.now - start
    guard response.status == .ok else {
        throw BenchError.status(Int(response.status.code), String(buffer: body))
    }
    return elapsed
}

enum BenchError: Error {
    case status(Int, String)
}

func measure(clients: Int) async throws -> (p50: Double, p99: Double, throughput: Double) {
    let start = ContinuousClock.now
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for clientIndex in 0..<clients {
            group.addTask {
                var times: [Double] = []
                for request in 0..<requestsPerClient {
                    times.append(milliseconds(try await searchOnce(clientIndex * 7 + request)))
                }
                return times
            }
        }
        var all: [Double] = []
        for try await times in group { all += times }
        return all.sorted()
    }
    let seconds = milliseconds(ContinuousClock.now - start) / 1000
    return (percentile(latencies, 0.5), percentile(latencies, 0.99), Double(latencies.count) / seconds)
}

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await app.runService() }
    // Wait for the server: the first request that answers (bounded).
    var isUp = false
    for _ in 0..<200 where !isUp {
        isUp = (try? await searchOnce(0)) != nil
        if !isUp { try await Task.sleep(for: .milliseconds(25)) }  // startup poll, bounded at 5 s
    }
    guard isUp else { throw BenchError.status(0, "server did not start") }
    for index in 0..<(specs.count * 5) { _ = try await searchOnce(index) }  // warm up caches and connections
    if isDemo {
        let overHTTP = try await cpuMicroseconds(perCallOver: requestsPerClient) { index in _ = try await searchOnce(index) }
        print(String(format: "demo catalog, POST /v1/search over loopback: %.0f CPU-µs per request, client and server "
                     + "together (%d requests, 1 client)", overHTTP, requestsPerClient))
    }
    let rawRequests = bodies.map { BlockingHTTPClient.post("/v1/search", port: port, json: Array($0.readableBytesView)) }
    for clients in [1, 16] {
        // Blocking loopback clients, as lean as wrk's: the figure of record.
        let started = ContinuousClock.now
        // On a thread of its own: it blocks until its clients finish, and a task would block an
        // event loop that serves them.
        let latencies = try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try BlockingHTTPClient.run(clients: clients, requestsPerClient: requestsPerClient, port: port,
                                               requests: rawRequests)
                })
            }.start()
        }.sorted()
        let seconds = milliseconds(ContinuousClock.now - started) / 1000
        print(String(format: "search, %2d client(s), %d requests each: p50 %.2f ms, p99 %.2f ms, %.0f req/s",
                     clients, requestsPerClient, percentile(latencies, 0.5), percentile(latencies, 0.99),
                     Double(latencies.count) / seconds))
        // The same through AsyncHTTPClient (the client of earlier rounds, which costs the shared
        // cores about as much per request as the server does).
        let result = try await measure(clients: clients)
        print(String(format: "  through AsyncHTTPClient: p50 %.2f ms, p99 %.2f ms, %.0f req/s",
                     result.p50, result.p99, result.throughput))
    }
    group.cancelAll()
}
try await client.shutdown().get()
