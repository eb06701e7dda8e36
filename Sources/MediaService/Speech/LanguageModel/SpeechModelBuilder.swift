import Foundation
import Synchronization

/// Why the speech model could not be prepared.
public struct SpeechModelError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

/// Writes the project's shopping language model and pronunciation dictionary next to Debian's
/// PocketSphinx model:
///
/// 1. `shopping.arpa`: a trigram model estimated from `ShoppingCorpus` (templates filled with the
///    catalog's categories, brands, colours, sizes and number words);
/// 2. `shopping.lm.bin`: the same, converted with `sphinx_lm_convert` (sphinxbase-utils);
/// 3. `dictionary.dict`: the general dictionary plus `AddedPronunciations` for missing words.
///
/// Generated files are build output: they live in a working directory (`run/speech-model` by
/// default), never in git, and are rewritten only when their content changes.
public enum SpeechModelBuilder {
    /// Debian's `pocketsphinx-en-us` files.
    public static let systemModelDirectory = "/usr/share/pocketsphinx/model/en-us"

    /// Directories this process has prepared, by directory and system model directory.
    private static let prepared = Mutex<[String: SpeechModelFiles]>([:])

    /// Prepares the model files in `directory` and says where everything is.
    ///
    /// Blocks for seconds the first time (it writes the corpus and runs `sphinx_lm_convert`): call
    /// it off the cooperative pool. Calls for the same directories in one process wait for the
    /// first and then answer at once: the generated model depends only on this build's code.
    /// - Parameters:
    ///   - directory: where the generated files go (created when absent).
    ///   - systemModelDirectory: the directory holding `en-us/`, `en-us.lm.bin`, `cmudict-en-us.dict`.
    public static func prepare(
        in directory: String, systemModelDirectory: String = systemModelDirectory
    ) throws(SpeechModelError) -> SpeechModelFiles {
        try prepared.withLock { (prepared: inout [String: SpeechModelFiles]) throws(SpeechModelError) -> SpeechModelFiles in
            let key = directory + "\n" + systemModelDirectory
            if let files = prepared[key], FileManager.default.fileExists(atPath: files.domainLanguageModel) { return files }
            let files = try writeModelFiles(in: directory, systemModelDirectory: systemModelDirectory)
            prepared[key] = files
            return files
        }
    }

    /// `prepare` without the in-process memory: regenerates and compares every file.
    static func writeModelFiles(in directory: String, systemModelDirectory: String) throws(SpeechModelError) -> SpeechModelFiles {
        let fileManager = FileManager.default
        let generalDictionary = systemModelDirectory + "/cmudict-en-us.dict"
        let files = SpeechModelFiles(
            acousticModel: systemModelDirectory + "/en-us",
            dictionary: directory + "/dictionary.dict",
            generalLanguageModel: systemModelDirectory + "/en-us.lm.bin",
            domainLanguageModel: directory + "/shopping.lm.bin")
        for path in [files.acousticModel, files.generalLanguageModel, generalDictionary]
        where !fileManager.fileExists(atPath: path) {
            throw SpeechModelError(description: "\(path) is missing: install pocketsphinx-en-us")
        }
        do {
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SpeechModelError(description: "cannot create \(directory): \(error.localizedDescription)")
        }

        let corpus = ShoppingCorpus()
        let dictionaryText = try mergedDictionary(generalPath: generalDictionary, vocabulary: corpus.vocabulary)
        try writeIfChanged(dictionaryText, to: files.dictionary)

        let arpaPath = directory + "/shopping.arpa"
        let arpa = ARPAModel(sentences: corpus.sentences).text
        let arpaChanged = try writeIfChanged(arpa, to: arpaPath)
        if arpaChanged || !fileManager.fileExists(atPath: files.domainLanguageModel) {
            try convert(arpaPath, to: files.domainLanguageModel)
        }
        return files
    }

    /// The general dictionary with the added pronunciations of words it lacks.
    /// - Throws: when a corpus word has no pronunciation at all (add it to `AddedPronunciations`).
    static func mergedDictionary(generalPath: String, vocabulary: Set<String>) throws(SpeechModelError) -> String {
        let general: String
        do {
            general = try String(contentsOfFile: generalPath, encoding: .utf8)
        } catch {
            throw SpeechModelError(description: "cannot read \(generalPath): \(error.localizedDescription)")
        }
        var known = Set<Substring>()
        for line in general.split(separator: "\n") {
            guard let end = line.firstIndex(of: " ") else { continue }
            known.insert(line[..<end])
        }
        var text = general
        if !text.hasSuffix("\n") { text += "\n" }
        var added = Set<String>()
        for (word, phones) in AddedPronunciations.entries {
            let base = word.split(separator: "(").first.map(String.init) ?? word
            guard !known.contains(Substring(base)) else { continue }
            text += "\(word) \(phones)\n"
            added.insert(base)
        }
        let missing = vocabulary.filter { !known.contains(Substring($0)) && !added.contains($0) }.sorted()
        guard missing.isEmpty else {
            throw SpeechModelError(description: "no pronunciation for: \(missing.joined(separator: ", ")) (add them to AddedPronunciations)")
        }
        return text
    }

    /// Writes atomically when the content differs; says whether it wrote.
    @discardableResult
    static func writeIfChanged(_ text: String, to path: String) throws(SpeechModelError) -> Bool {
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), existing == text { return false }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw SpeechModelError(description: "cannot write \(path): \(error.localizedDescription)")
        }
        return true
    }

    /// Runs `sphinx_lm_convert -i ARPA -o BIN` into a temporary file, then renames it into place.
    static func convert(_ arpaPath: String, to binaryPath: String) throws(SpeechModelError) {
        // Unique per call: two threads of one process may prepare the same directory.
        let temporary = binaryPath + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sphinx_lm_convert", "-i", arpaPath, "-ifmt", "arpa", "-o", temporary, "-ofmt", "bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw SpeechModelError(description: "cannot run sphinx_lm_convert (install sphinxbase-utils): \(error.localizedDescription)")
        }
        let log = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            let tail = String(decoding: log.suffix(400), as: UTF8.self)
            throw SpeechModelError(description: "sphinx_lm_convert failed (status \(process.terminationStatus)): \(tail)")
        }
        guard rename(temporary, binaryPath) == 0 else {
            throw SpeechModelError(description: "cannot move the converted model to \(binaryPath)")
        }
    }
}
