import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// What `main` of every process does: read the configuration (a bad value stops the process with
/// one line naming the variable), bootstrap logging and metrics once, build the service and run it
/// until SIGTERM/SIGINT, shutting down gracefully within `shutdownBudget`.
public enum ProcessRunner {
    /// - Parameters:
    ///   - name: the process name, in logs (`gateway`, `orchestrator`, …).
    ///   - configure: reads the process's configuration from the source; returns its common part
    ///     and a value passed to `build`.
    ///   - build: makes the service to run, with the bootstrapped metrics registry and logger.
    public static func run<Config: Sendable>(
        name: String,
        shutdownBudget: Duration = .seconds(25),
        configure: (ConfigSource) throws -> (CommonConfiguration, Config),
        build: (Config, MetricsRegistry, Logger) async throws -> any Service
    ) async {
        let common: CommonConfiguration
        let config: Config
        do {
            let source = try await ConfigSource.load()
            (common, config) = try configure(source)
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(2)
        }
        Logger.bootstrap(service: name, configuration: common)
        let metrics = MetricsRegistry.bootstrap()
        let logger = Logger.make(name, level: common.logLevel, instanceID: common.instanceID)
        do {
            let service = try await build(config, metrics, logger)
            var groupConfiguration = ServiceGroupConfiguration(
                services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            groupConfiguration.maximumGracefulShutdownDuration = shutdownBudget
            logger.info("process starting", metadata: ["profile": "\(common.profile.rawValue)"])
            try await ServiceGroup(configuration: groupConfiguration).run()
            logger.info("process stopped")
        } catch {
            logger.critical("process failed", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}
