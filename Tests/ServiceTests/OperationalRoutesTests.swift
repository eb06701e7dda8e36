import CatalogService
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import MediaService
import Orchestrator
import Prometheus
import Shared
import Testing
import TestSupport

/// Every process answers /health, /ready and /metrics, and every error is the JSON error body.
@Suite(.timeLimit(.minutes(2)))
struct OperationalRoutesTests {
    /// A catalog on a free port whose database is removed when the run ends.
    static func catalogConfiguration() throws -> CatalogConfiguration {
        CatalogConfiguration(listen: .init(host: "127.0.0.1", port: 0),
                             databasePath: try makeTemporaryDirectory("catalog-routes").appendingPathComponent("catalog.sqlite").path)
    }

    func common(redisURL: String) throws -> CommonConfiguration {
        var common = CommonConfiguration()
        common.redis = try RedisConfiguration(url: redisURL)
        common.redis.commandTimeout = .milliseconds(300)
        common.redis.connectTimeout = .milliseconds(200)
        return common
    }

    @Test func gatewayIsReadyOnlyWhileRedisAnswers() async throws {
        try await withRedisServer { server in
            let config = GatewayConfiguration(common: try common(redisURL: server.url), listen: .init(host: "127.0.0.1", port: 0))
            let app = try await buildApplication(config)
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                }
                try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
                server.kill()
                try await client.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    #expect((body?["error"] as? [String: Any])?["code"] as? String == "unavailable")
                }
                try await server.launch()
                try await eventually(.seconds(10), "ready again") {
                    try await client.execute(uri: "/ready", method: .get) { $0.status == .ok }
                }
            }
        }
    }

    @Test func unknownRoutesAnswerWithTheJSONErrorBody() async throws {
        let app = try await CatalogService.buildApplication(Self.catalogConfiguration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(body.error.code == "not_found")
            }
        }
    }

    @Test func everyServiceServesHealthAndMetrics() async throws {
        let metrics = MetricsRegistry()
        let apps: [any ApplicationProtocol] = [
            try await CatalogService.buildApplication(Self.catalogConfiguration(), metrics: metrics),
            try await MediaService.buildApplication(MediaConfiguration(listen: .init(host: "127.0.0.1", port: 0)), metrics: metrics),
            try await Orchestrator.buildApplication(OrchestratorConfiguration(listen: .init(host: "127.0.0.1", port: 0)), metrics: metrics),
        ]
        metrics.prometheus.makeCounter(descriptor: MetricNameDescriptor(metricName: "test_requests_total", unitName: "", helpText: "requests seen by the test")).increment()
        for app in apps {
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                    #expect(String(buffer: response.body).contains("test_requests_total 1"))
                }
            }
        }
    }

    @Test func productionRefusesDevelopmentAuth() throws {
        let devAuth = #expect(throws: ConfigurationError.self) {
            try GatewayConfiguration(from: ConfigSource(environment: ["APP_ENV": "production", "AUTH_MODE": "dev",
                                                                      "JWT_SECRET": "a-real-secret-of-enough-length"]))
        }
        #expect(devAuth?.variable == "AUTH_MODE")
        let defaultSecret = #expect(throws: ConfigurationError.self) {
            try GatewayConfiguration(from: ConfigSource(environment: ["APP_ENV": "production"]))
        }
        #expect(defaultSecret?.variable == "JWT_SECRET")
        let production = try GatewayConfiguration(from: ConfigSource(environment: [
            "APP_ENV": "production", "JWT_SECRET": "a-real-secret-of-enough-length",
        ]))
        #expect(production.authMode == .jwt)
        #expect(try GatewayConfiguration(from: ConfigSource(environment: [:])).authMode == .dev)
    }
}
