import CatalogService
import Foundation
import Shared

// `catalog-service import PATH...` loads data and exits; without arguments the process serves HTTP.
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "import" {
    exit(await ImportCommand.run(paths: Array(arguments.dropFirst())))
}

if !runTasksOnEventLoops() {
    let note = "catalog-service: tasks stay on Swift's cooperative pool (NIO's executor hook is unavailable)\n"
    FileHandle.standardError.write(Data(note.utf8))
}

await ProcessRunner.run(name: "catalog-service") { source in
    let config = try CatalogConfiguration(from: source)
    return (config.common, config)
} build: { config, metrics, logger in
    try await buildApplication(config, metrics: metrics, logger: logger)
}
