import Foundation
import Logging
import Shared
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsNeedNoSettings() throws {
        let common = try CommonConfiguration(from: ConfigSource(environment: [:]))
        #expect(common.profile == .development)
        #expect(common.logFormat == .text)
        #expect(common.redis.address == .tcp(host: "127.0.0.1", port: 6379))
        #expect(common.sessionTTLSeconds == 86_400)
    }

    @Test func environmentValuesAreTyped() throws {
        let source = ConfigSource(environment: [
            "APP_ENV": "staging", "LOG_LEVEL": "debug", "REDIS_URL": "redis://cache:6380/1",
            "REDIS_POOL_SIZE": "8", "REDIS_COMMAND_TIMEOUT_S": "0.5", "SESSION_TTL_S": "3600",
        ])
        let common = try CommonConfiguration(from: source)
        #expect(common.profile == .staging)
        #expect(common.logLevel == .debug)
        #expect(common.logFormat == .json)  // outside development, JSON lines by default
        #expect(common.redis.address == .tcp(host: "cache", port: 6380))
        #expect(common.redis.database == 1)
        #expect(common.redis.poolSize == 8)
        #expect(common.redis.commandTimeout == .milliseconds(500))
        #expect(common.sessionTTLSeconds == 3600)
    }

    @Test(arguments: [
        ("APP_ENV", "prod"), ("LOG_LEVEL", "loud"), ("REDIS_URL", "localhost:6379"),
        ("REDIS_POOL_SIZE", "0"), ("REDIS_COMMAND_TIMEOUT_S", "soon"), ("SESSION_TTL_S", "-1"), ("LOG_FORMAT", "xml"),
    ])
    func badValuesNameTheirVariable(variable: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try CommonConfiguration(from: ConfigSource(environment: [variable: value]))
        }
        #expect(error?.variable == variable)
        #expect(error?.description.hasPrefix("configuration error: \(variable)") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func redisPasswordsAreNotEchoed() {
        do {
            _ = try CommonConfiguration(from: ConfigSource(environment: ["REDIS_URL": "redis://:hunter2@host:notaport"]))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func dotEnvFileIsReadAndEnvironmentWins() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(".env")
        try "# local settings\nLOG_LEVEL=warning\nSESSION_TTL_S=7200\n".write(to: file, atomically: true, encoding: .utf8)
        let source = try await ConfigSource.load(arguments: ["gateway", "--redis-pool-size", "6"],
                                                 environment: ["ENV_FILE": file.path, "SESSION_TTL_S": "600"])
        let common = try CommonConfiguration(from: source)
        #expect(common.logLevel == .warning)      // from .env
        #expect(common.sessionTTLSeconds == 600)  // the environment overrides .env
        #expect(common.redis.poolSize == 6)       // a flag overrides both
    }

    @Test func serviceURLsMayNameAUnixSocketWhereAllowed() throws {
        let socketURL = "http+unix://%2Frun%2Fcatalog.sock"
        let source = ConfigSource(environment: ["CATALOG_SERVICE_URL": socketURL + "/", "OTHER_URL": socketURL,
                                                "BAD_URL": "http+unix://run%2Fcatalog.sock"])
        #expect(try source.httpURL("catalog.service.url", default: "", allowsUnixSocket: true) == socketURL)
        #expect(throws: ConfigurationError.self) { try source.httpURL("other.url", default: "") }
        #expect(throws: ConfigurationError.self) { try source.httpURL("bad.url", default: "", allowsUnixSocket: true) }
    }

    @Test func aListenSocketIsReadWhereAskedForAndMustBeAbsolute() throws {
        let source = ConfigSource(environment: ["CATALOG_SOCKET": "/run/catalog.sock", "MEDIA_SOCKET": "media.sock"])
        #expect(try ListenAddress(from: source, prefix: "catalog", defaultPort: 8081, readsSocket: true).socketPath
                == "/run/catalog.sock")
        #expect(try ListenAddress(from: source, prefix: "catalog", defaultPort: 8081).socketPath == nil)
        #expect(throws: ConfigurationError.self) {
            try ListenAddress(from: source, prefix: "media", defaultPort: 8082, readsSocket: true)
        }
    }

    @Test func environmentNamesFollowKeys() {
        #expect(ConfigSource.environmentName(for: "redis.url") == "REDIS_URL")
        #expect(ConfigSource.environmentName(for: "session.ttl.s") == "SESSION_TTL_S")
    }
}
