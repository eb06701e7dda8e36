import Foundation
import Shared

/// The catalog-service's settings (see `env.example`).
public struct CatalogConfiguration: Sendable {
    /// A peer catalog-service searched by federation.
    public struct Peer: Sendable, Equatable {
        public var name: String
        public var baseURL: String

        public init(name: String, baseURL: String) {
            self.name = name
            self.baseURL = baseURL
        }
    }

    /// eBay Browse API access.
    public struct Ebay: Sendable {
        public var baseURL: String
        public var clientID: String
        public var clientSecret: String
        public var marketplaceID: String

        public init(baseURL: String = "https://api.ebay.com", clientID: String, clientSecret: String,
                    marketplaceID: String = "EBAY_US") {
            self.baseURL = baseURL
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.marketplaceID = marketplaceID
        }
    }

    public var common: CommonConfiguration
    /// `CATALOG_HOST` / `CATALOG_PORT` (default 8081).
    public var listen: ListenAddress
    /// `CATALOG_DB_PATH`: the SQLite file (default `run/catalog.sqlite`, relative to the working directory).
    public var databasePath: String
    /// `CATALOG_READ_CONNECTIONS`: read-only connections, each with its own thread (1–64, default 4).
    public var readConnections: Int
    /// `CATALOG_LOAD_DEMO`: load the built-in demo catalog when the database is empty (default true).
    public var loadsDemoCatalog: Bool
    /// `CURRENCY_RATES`: `CODE=units-per-USD,…` over the built-in defaults.
    public var rates: CurrencyRates
    /// `CATALOG_SOURCE_DEADLINE`: seconds each marketplace gets per search (0.05–30, default 1.5).
    public var sourceDeadline: Duration
    /// `CATALOG_PEERS`: `name=http://host:port,…` other catalog-services to federate with.
    public var peers: [Peer]
    /// `EBAY_CLIENT_ID` + `EBAY_CLIENT_SECRET` (+ `EBAY_API_URL`, `EBAY_MARKETPLACE_ID`): the eBay source, off when unset.
    public var ebay: Ebay?
    /// `CATALOG_MAX_IMPORT_BYTES`: the largest import body (default 1 GiB).
    public var maximumImportBytes: Int
    /// `CATALOG_INDEX_CHECK_S`: how long searches trust a check that found the in-memory index
    /// current (0–5 s, default 0.05): an import by another process shows after at most this.
    public var indexCheckInterval: Duration

    /// Settings for tests and tools: a fresh database in a temporary directory unless `databasePath` is given.
    public init(
        common: CommonConfiguration = .init(), listen: ListenAddress = .init(host: "127.0.0.1", port: 8081),
        databasePath: String? = nil, readConnections: Int = 4, loadsDemoCatalog: Bool = true,
        rates: CurrencyRates = CurrencyRates(), sourceDeadline: Duration = .milliseconds(1500), peers: [Peer] = [],
        ebay: Ebay? = nil, maximumImportBytes: Int = 1 << 30, indexCheckInterval: Duration = .milliseconds(50)
    ) {
        self.common = common
        self.listen = listen
        self.databasePath = databasePath ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("catalog-\(UUID().uuidString)").appendingPathComponent("catalog.sqlite").path
        self.readConnections = readConnections
        self.loadsDemoCatalog = loadsDemoCatalog
        self.rates = rates
        self.sourceDeadline = sourceDeadline
        self.peers = peers
        self.ebay = ebay
        self.maximumImportBytes = maximumImportBytes
        self.indexCheckInterval = indexCheckInterval
    }

    public init(from source: ConfigSource) throws(ConfigurationError) {
        common = try CommonConfiguration(from: source)
        listen = try ListenAddress(from: source, prefix: "catalog", defaultPort: 8081, readsSocket: true)
        databasePath = source.string("catalog.db.path", default: "run/catalog.sqlite")
        readConnections = try source.int("catalog.read.connections", default: 4, in: 1...64)
        loadsDemoCatalog = try source.bool("catalog.load.demo", default: true)
        rates = try source.raw("currency.rates").map { text throws(ConfigurationError) in try CurrencyRates(parsing: text) }
            ?? CurrencyRates()
        sourceDeadline = try source.seconds("catalog.source.deadline", default: .milliseconds(1500), in: 0.05...30)
        peers = []
        for entry in source.list("catalog.peers", default: []) {
            let pair = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[0].isEmpty, pair[0] != "local",
                  pair[1].hasPrefix("http://") || pair[1].hasPrefix("https://") else {
                throw ConfigurationError(variable: "CATALOG_PEERS", value: entry,
                                         expected: "name=http://host:port pairs separated by commas (name not \"local\")")
            }
            peers.append(Peer(name: pair[0], baseURL: pair[1]))
        }
        if let id = source.optionalString("ebay.client.id"),
           let secret = source.optionalString("ebay.client.secret", isSecret: true) {
            ebay = Ebay(baseURL: source.string("ebay.api.url", default: "https://api.ebay.com"), clientID: id,
                        clientSecret: secret, marketplaceID: source.string("ebay.marketplace.id", default: "EBAY_US"))
        } else {
            ebay = nil
        }
        maximumImportBytes = try source.int("catalog.max.import.bytes", default: 1 << 30, in: 1024...(1 << 40))
        indexCheckInterval = try source.seconds("catalog.index.check.s", default: .milliseconds(50), in: 0...5)
    }
}
