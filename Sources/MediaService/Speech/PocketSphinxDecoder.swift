import CPocketSphinx
import Foundation

/// What one decoding pass heard.
public struct Hypothesis: Sendable, Equatable {
    /// Recognised words, fillers and silences removed, alternate-pronunciation marks stripped.
    public var words: [String]
    /// Mean posterior probability of the words (0–1), from the decoder's lattice; 0 when empty.
    public var confidence: Double
    /// Acoustic frames decoded (100 per second).
    public var frameCount: Int
    /// The decoder's score of its best path per frame (natural log): acoustic log-likelihood plus
    /// the weighted language-model log-probability and word insertion penalties, silences
    /// included. It is what the search maximised, so two searches over the same recording
    /// compare by it: the higher one explains the sound and the word sequence better together.
    public var pathScorePerFrame: Double = 0
}

/// Where the decoder's model files are.
public struct SpeechModelFiles: Sendable, Equatable {
    /// The acoustic model directory (`/usr/share/pocketsphinx/model/en-us/en-us`).
    public var acousticModel: String
    /// The pronunciation dictionary: the general dictionary plus the project's added words.
    public var dictionary: String
    /// The general English language model (`en-us.lm.bin`).
    public var generalLanguageModel: String
    /// The shopping-domain trigram model, converted to binary.
    public var domainLanguageModel: String
}

/// Why a decoder could not be made or used.
public struct DecoderError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// One PocketSphinx decoder with two searches: `domain` (the shopping trigram) and `general`.
///
/// A `ps_decoder_t` is not thread-safe: this object is only used by the request that leased it
/// from `DecoderPool`, on one thread at a time; that lease is what makes `@unchecked Sendable` sound.
final class PocketSphinxDecoder: @unchecked Sendable {
    enum Search: String, Sendable {
        case domain
        case general
    }

    private let decoder: OpaquePointer
    private var activeSearch: Search = .general

    init(files: SpeechModelFiles) throws(DecoderError) {
        for (name, path) in [("acoustic model", files.acousticModel), ("dictionary", files.dictionary),
                             ("general language model", files.generalLanguageModel),
                             ("domain language model", files.domainLanguageModel)] {
            guard FileManager.default.fileExists(atPath: path) else {
                throw DecoderError(description: "the \(name) is missing at \(path)")
            }
        }
        // cmd_ln_init is variadic and cannot be called from Swift: parse an argument array instead.
        // "-cmn batch" and "-remove_noise no": each note's cepstral mean is its own, from the whole
        // note (decoded at once), and no noise estimate runs on from note to note. The defaults
        // carry both across notes, so a transcript depended on what the same pooled decoder had
        // heard before (another shopper's note): the speech tests' figures moved with the order
        // their notes were decoded in.
        let arguments = ["pocketsphinx", "-hmm", files.acousticModel, "-dict", files.dictionary,
                         "-lm", files.generalLanguageModel, "-cmn", "batch", "-remove_noise", "no",
                         "-logfn", "/dev/null"]
        var cArguments = arguments.map { strdup($0) }
        defer { cArguments.forEach { free($0) } }
        let config = cArguments.withUnsafeMutableBufferPointer { buffer in
            cmd_ln_parse_r(nil, ps_args(), Int32(buffer.count), buffer.baseAddress, 1)
        }
        guard let config else { throw DecoderError(description: "the decoder arguments were refused") }
        defer { cmd_ln_free_r(config) }
        guard let decoder = ps_init(config) else {
            throw DecoderError(description: "the decoder could not load its models")
        }
        self.decoder = decoder
        guard ps_set_lm_file(decoder, Search.general.rawValue, files.generalLanguageModel) == 0,
              ps_set_lm_file(decoder, Search.domain.rawValue, files.domainLanguageModel) == 0 else {
            ps_free(decoder)
            throw DecoderError(description: "a language model could not be loaded")
        }
        guard ps_set_search(decoder, Search.general.rawValue) == 0 else {
            ps_free(decoder)
            throw DecoderError(description: "the general search could not be selected")
        }
    }

    deinit {
        ps_free(decoder)
    }

    /// Decodes 16 kHz mono samples as one utterance with the given search.
    func decode(_ samples: [Int16], search: Search) throws(DecoderError) -> Hypothesis {
        if search != activeSearch {
            guard ps_set_search(decoder, search.rawValue) == 0 else {
                throw DecoderError(description: "the \(search.rawValue) search could not be selected")
            }
            activeSearch = search
        }
        guard ps_start_utt(decoder) == 0 else { throw DecoderError(description: "the utterance could not start") }
        // full_utt = 1: the whole recording is known, so cepstral mean normalisation uses all of it.
        let processed = samples.withUnsafeBufferPointer { buffer in
            ps_process_raw(decoder, buffer.baseAddress, buffer.count, 0, 1)
        }
        let ended = ps_end_utt(decoder)
        guard processed >= 0, ended == 0 else { throw DecoderError(description: "the audio could not be decoded") }

        let frameCount = Int(ps_get_n_frames(decoder))
        var score: Int32 = 0
        guard ps_get_hyp(decoder, &score) != nil else {
            return Hypothesis(words: [], confidence: 0, frameCount: frameCount)
        }
        let logmath = ps_get_logmath(decoder)
        var words: [String] = []
        var posteriors: [Double] = []
        var segment = ps_seg_iter(decoder)
        // A segment list is as long as the words in one utterance; the bound guards a corrupt list.
        var guardCount = 0
        while let current = segment, guardCount < 100_000 {
            guardCount += 1
            if let cWord = ps_seg_word(current) {
                let word = Self.cleanWord(String(cString: cWord))
                var acoustic: Int32 = 0, language: Int32 = 0, backoff: Int32 = 0
                let logPosterior = ps_seg_prob(current, &acoustic, &language, &backoff)
                if !word.isEmpty {
                    words.append(word)
                    posteriors.append(min(1, max(0, logmath_exp(logmath, logPosterior))))
                }
            }
            segment = ps_seg_next(current)
        }
        if let segment { ps_seg_free(segment) }
        let confidence = posteriors.isEmpty ? 0 : posteriors.reduce(0, +) / Double(posteriors.count)
        return Hypothesis(words: words, confidence: confidence, frameCount: frameCount,
                          pathScorePerFrame: frameCount > 0 ? logmath_log_to_ln(logmath, score) / Double(frameCount) : 0)
    }

    /// `<sil>`, `[NOISE]`, `<s>` → empty; `word(2)` → `word`.
    static func cleanWord(_ raw: String) -> String {
        if raw.hasPrefix("<") || raw.hasPrefix("[") || raw.hasPrefix("+") { return "" }
        if let paren = raw.firstIndex(of: "(") { return String(raw[..<paren]) }
        return raw
    }
}
