import Foundation
import Shared

/// The offline engine: CMU PocketSphinx with the project's shopping trigram first and the general
/// English model only when the shopping pass is unsure.
///
/// The domain pass is small and fast and gets shopping requests right. When its mean word posterior
/// is below `fallbackConfidence` the recording is decoded again with the general model, and the
/// general words win when their path explains the recording better: a higher decoder score per
/// frame, acoustics and language model together. Then the speech was not a shopping request, and
/// it is not forced into shopping words.
public final class PocketSphinxEngine: SpeechEngine {
    public let name = "pocketsphinx"
    /// Below this mean word posterior (0–1), the general model decodes the recording again.
    public let fallbackConfidence: Double
    let pool: DecoderPool

    /// Loads `decoderCount` decoders from `files` (seconds: call once, at start).
    public init(files: SpeechModelFiles, decoderCount: Int, fallbackConfidence: Double) throws(DecoderError) {
        pool = try DecoderPool(size: decoderCount, files: files)
        self.fallbackConfidence = fallbackConfidence
    }

    public func transcribe(_ audio: WAVFile, deadline: ContinuousClock.Instant) async throws(SpeechEngineError) -> SpeechResult {
        let samples = audio.monoSamples16k()
        let threshold = fallbackConfidence
        let outcome: (Hypothesis, String, Duration)
        do {
            outcome = try await pool.withDecoder(deadline: deadline) { decoder in
                let clock = ContinuousClock()
                let start = clock.now
                let domain = try decoder.decode(samples, search: .domain)
                guard domain.confidence < threshold, !domain.words.isEmpty else {
                    return (domain, "domain", clock.now - start)
                }
                let general = try decoder.decode(samples, search: .general)
                // The shopping model can only say shopping words: on other speech its best path
                // is a string of short, improbable shopping words. Acoustics alone can favour such
                // a path (more words bend closer to the sound), so the whole path score decides,
                // language model and insertion penalties included: same audio, same weights.
                if general.pathScorePerFrame > domain.pathScorePerFrame {
                    return (general, "domain+general:general", clock.now - start)
                }
                return (domain, "domain+general:domain", clock.now - start)
            }
        } catch is DecoderPoolBusy {
            throw .busy
        } catch {
            throw .failed("\(error)")
        }
        let (hypothesis, passes, elapsed) = outcome
        let text = NumberWords.digitize(hypothesis.words).joined(separator: " ")
        return SpeechResult(
            transcript: TranscriptData(text: text, confidence: (hypothesis.confidence * 1000).rounded() / 1000,
                                       durationMilliseconds: audio.durationMilliseconds, engine: name),
            decodeMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            passes: passes)
    }

    public func readinessProbe() async -> ReadinessProbe {
        ReadinessProbe(name: "speech", isReady: true, detail: "pocketsphinx, \(pool.size) decoders")
    }
}
