import Foundation

/// Band-limited sample-rate conversion (windowed sinc), so 44.1/48 kHz speech is low-passed before
/// it is decimated to 16 kHz instead of aliasing into the recogniser's bands.
enum Resampler {
    /// Zero crossings of the sinc on each side of a sample.
    private static let halfWidth = 12

    /// Resamples `input` from `sourceRate` to `targetRate`, returning 16-bit samples (clipped).
    static func resample(_ input: [Float], from sourceRate: Int, to targetRate: Int) -> [Int16] {
        guard sourceRate != targetRate else { return input.map(clip) }
        guard !input.isEmpty, sourceRate > 0, targetRate > 0 else { return [] }
        let ratio = Double(targetRate) / Double(sourceRate)
        // The cutoff sits just under the lower Nyquist frequency, as a fraction of the source rate.
        let cutoff = 0.95 * min(1.0, ratio)
        let outputCount = Int((Double(input.count) * ratio).rounded(.down))
        let radius = Double(halfWidth) / cutoff
        var output = [Int16](repeating: 0, count: outputCount)
        input.withUnsafeBufferPointer { samples in
            for index in 0..<outputCount {
                let center = Double(index) / ratio
                let first = max(0, Int((center - radius).rounded(.up)))
                let last = min(samples.count - 1, Int((center + radius).rounded(.down)))
                var sum = 0.0
                if first <= last {
                    for tap in first...last {
                        let distance = Double(tap) - center
                        let x = distance * cutoff
                        let sinc = x == 0 ? 1.0 : sin(Double.pi * x) / (Double.pi * x)
                        // Blackman window over [-radius, radius].
                        let phase = (distance / radius + 1) * Double.pi
                        let window = 0.42 - 0.5 * cos(phase) + 0.08 * cos(2 * phase)
                        sum += Double(samples[tap]) * sinc * window
                    }
                }
                output[index] = clip(Float(sum * cutoff))
            }
        }
        return output
    }

    private static func clip(_ value: Float) -> Int16 {
        Int16(max(-32768, min(32767, value.rounded())))
    }
}
