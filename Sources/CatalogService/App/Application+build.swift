import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Shared

/// Builds the catalog-service's HTTP server: opens the catalog (loading the demo catalog into an
/// empty database), wires the marketplace sources and serves the API.
public func buildApplication(
    _ config: CatalogConfiguration, metrics: MetricsRegistry = MetricsRegistry(),
    logger: Logger = Logger.make("catalog-service", level: .info)
) async throws -> some ApplicationProtocol {
    let store = try await CatalogStore(path: config.databasePath, readerCount: config.readConnections,
                                       indexCheckInterval: config.indexCheckInterval, logger: logger)
    let catalogMetrics = CatalogMetrics(registry: metrics)
    let importer = CatalogImporter(store: store)
    if config.loadsDemoCatalog {
        try await loadDemoCatalogIfEmpty(importer, logger: logger)
    }
    // Built before the first request rather than by it (about a second for 90,000 products).
    try await store.prepareSearchIndex()
    let search = SearchService(store: store, sources: makeSources(config, store: store, logger: logger), rates: config.rates,
                               sourceDeadline: config.sourceDeadline, metrics: catalogMetrics, logger: logger)
    let router = makeServiceRouter(metrics: metrics) {
        await store.isReadable() ? [ReadinessProbe(name: "catalog", isReady: true)]
            : [ReadinessProbe(name: "catalog", isReady: false, detail: "database not readable")]
    }
    let routes = CatalogRoutes(search: search, importer: importer, metrics: catalogMetrics,
                               maximumImportBytes: config.maximumImportBytes)
    routes.register(on: router)
    let serverName = "catalog-service"
    // Searches are answered in the pipeline, before the router (`SearchRequestHandler`).
    let server = HTTPServerBuilder.http1(configuration: .init(
        additionalChannelHandlers: [SearchRequestHandler(serverName: serverName) { contentType, body in
            await routes.searchAnswer(contentType: contentType, body: body, logger: logger)
        }]))
    var app = Application(router: router, server: server,
                          configuration: config.listen.applicationConfiguration(serverName: serverName), logger: logger)
    // The same routes on a Unix socket (`CATALOG_SOCKET`), for workers on this machine.
    if let socket = config.listen.socketApplicationConfiguration(serverName: serverName) {
        app.addServices(Application(router: router, server: server, configuration: socket, logger: logger))
    }
    app.addServices(CatalogStoreService(store: store))
    return app
}

/// The sources a search fans out to: the local catalog, each federation peer, and eBay when configured.
func makeSources(_ config: CatalogConfiguration, store: CatalogStore, logger: Logger) -> [any MarketplaceSource] {
    var sources: [any MarketplaceSource] = [LocalCatalogSource(store: store, rates: config.rates)]
    // The fan-out's deadline cuts a slow source (`SearchService.fanOut`, reported as "deadline
    // exceeded"); a source's own HTTP timeout is only a backstop behind it. Equal, the two raced,
    // and a hung source was reported now one way, now the other.
    let backstop = config.sourceDeadline + .seconds(1)
    for peer in config.peers {
        sources.append(FederatedCatalogSource(name: peer.name, baseURL: peer.baseURL, timeout: backstop, logger: logger))
    }
    if let ebay = config.ebay {
        sources.append(EbayBrowseSource(
            baseURL: ebay.baseURL, credentials: .init(clientID: ebay.clientID, clientSecret: ebay.clientSecret),
            marketplaceID: ebay.marketplaceID, timeout: backstop, logger: logger))
    }
    return sources
}

/// The built-in demo catalog shipped with the service.
public var demoCatalogPath: String? {
    Bundle.module.path(forResource: "demo-catalog", ofType: "jsonl")
}

/// Imports the demo catalog when the database holds no products (a fresh machine).
func loadDemoCatalogIfEmpty(_ importer: CatalogImporter, logger: Logger) async throws {
    guard try await importer.store.productCount() == 0 else { return }
    guard let path = demoCatalogPath else {
        logger.warning("demo catalog missing from the bundle")
        return
    }
    let report = try await importer.importFiles([path])
    logger.info("demo catalog loaded", metadata: ["import.imported": "\(report.imported)", "import.skipped": "\(report.skipped)"])
}

/// Keeps the store open while the server runs and closes it on shutdown (after the server stops).
struct CatalogStoreService: Service {
    let store: CatalogStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.close()
    }
}
