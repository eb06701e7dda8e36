// shopping-lm: writes the shopping-domain language model and dictionary for the media-service.
// Usage: shopping-lm [DIRECTORY]   (default run/speech-model, the service's default)
import Foundation
import MediaService

let arguments = CommandLine.arguments.dropFirst()
let directory = arguments.first ?? "run/speech-model"
do {
    let files = try SpeechModelBuilder.prepare(in: directory)
    print("domain language model: \(files.domainLanguageModel)")
    print("dictionary:            \(files.dictionary)")
    print("ARPA source:           \(directory)/shopping.arpa")
} catch {
    FileHandle.standardError.write(Data("shopping-lm: \(error)\n".utf8))
    exit(1)
}
