/// Why an audio upload was refused. Mapped to the HTTP answer once, in the routes.
public enum AudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Corrupt, truncated or not what the declared type says (400 `media_invalid`).
    case invalid(String)
    /// A well-formed file this service does not decode: compressed WAV, 24-bit, 6 channels (415).
    case unsupportedFormat(String)
    /// Over the byte or duration limit, known from the header (413).
    case tooLarge(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "invalid audio: \(reason)"
        case .unsupportedFormat(let reason): "unsupported audio: \(reason)"
        case .tooLarge(let reason): "audio too large: \(reason)"
        }
    }
}

/// The `fmt ` chunk of a WAV file: what the samples are.
public struct WAVFormat: Sendable, Equatable {
    public var formatTag: UInt16
    public var channelCount: Int
    public var sampleRate: Int
    public var bitsPerSample: Int
    public var blockAlign: Int

    /// WAVE_FORMAT_PCM, and WAVE_FORMAT_EXTENSIBLE whose sub-format is PCM.
    public var isPCM: Bool
}

/// A parsed RIFF/WAVE file: its format and where the sample bytes are, found by walking the chunks
/// (a `LIST` or `fact` chunk before `data` is skipped, not assumed away).
public struct WAVFile: Sendable {
    /// Accepted sample rates, in Hz.
    public static let sampleRates = 8_000...48_000

    public let format: WAVFormat
    /// The sample bytes: a whole number of frames (a trailing partial frame is dropped).
    public let sampleBytes: ArraySlice<UInt8>

    public var frameCount: Int { sampleBytes.count / format.blockAlign }
    /// The duration, in milliseconds.
    public var durationMilliseconds: Int { frameCount * 1000 / format.sampleRate }

    /// Parses and validates a WAV file.
    /// - Parameters:
    ///   - bytes: the whole upload.
    ///   - maxDuration: the longest accepted duration, in seconds, checked from the header before
    ///     any sample is touched.
    /// - Throws: `AudioError` with a reason that is safe to show.
    public init(bytes: [UInt8], maxDurationSeconds: Double) throws(AudioError) {
        guard bytes.count >= 12 else { throw .invalid("the file is too short to be a WAV file") }
        guard bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw .invalid("not a RIFF/WAVE file")
        }
        var format: WAVFormat?
        var data: ArraySlice<UInt8>?
        var offset = 12
        // Each chunk is at least 8 bytes, so this loop ends within bytes.count / 8 turns.
        while offset + 8 <= bytes.count {
            let id = bytes[offset..<offset + 4]
            let declaredSize = Int(Self.uint32(bytes, at: offset + 4))
            let bodyStart = offset + 8
            if id.elementsEqual("data".utf8) {
                guard let format else { throw .invalid("the data chunk comes before the fmt chunk") }
                // Streaming writers leave the size at 0 or 0xFFFFFFFF; otherwise it must fit the file.
                let available = bytes.count - bodyStart
                let isStreamed = declaredSize == 0 || declaredSize == 0xFFFF_FFFF
                let size = isStreamed ? available : declaredSize
                // The duration the header announces is checked first: a file claiming an hour is
                // refused as too long before anything else is looked at.
                let durationSeconds = Double(size / format.blockAlign) / Double(format.sampleRate)
                guard durationSeconds <= maxDurationSeconds else {
                    throw .tooLarge("the audio lasts \(Int(durationSeconds.rounded(.up))) s; the limit is \(Int(maxDurationSeconds)) s")
                }
                guard size <= available else {
                    throw .invalid("the data chunk is truncated (\(available) of \(declaredSize) bytes)")
                }
                let whole = size - size % format.blockAlign
                data = bytes[bodyStart..<bodyStart + whole]
                break
            }
            guard declaredSize <= bytes.count - bodyStart else {
                throw .invalid("a chunk is truncated")
            }
            if id.elementsEqual("fmt ".utf8) {
                format = try Self.parseFormat(bytes[bodyStart..<bodyStart + declaredSize])
            }
            // Chunks are padded to an even size.
            offset = bodyStart + declaredSize + (declaredSize & 1)
        }
        guard let format else { throw .invalid("the file has no fmt chunk") }
        guard let data else { throw .invalid("the file has no data chunk") }
        guard !data.isEmpty else { throw .invalid("the file has no samples") }
        self.format = format
        self.sampleBytes = data
    }

    private static func parseFormat(_ chunk: ArraySlice<UInt8>) throws(AudioError) -> WAVFormat {
        guard chunk.count >= 16 else { throw .invalid("the fmt chunk is too short") }
        let base = chunk.startIndex
        let tag = uint16(chunk, at: base)
        let channels = Int(uint16(chunk, at: base + 2))
        let rate = Int(uint32(chunk, at: base + 4))
        let blockAlign = Int(uint16(chunk, at: base + 12))
        let bits = Int(uint16(chunk, at: base + 14))
        var isPCM = tag == 1
        if tag == 0xFFFE {
            // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the real format tag.
            guard chunk.count >= 40 else { throw .invalid("the extensible fmt chunk is too short") }
            isPCM = uint16(chunk, at: base + 24) == 1
        }
        guard isPCM else { throw .unsupportedFormat("only PCM WAV is supported (format tag \(tag))") }
        guard bits == 16 else { throw .unsupportedFormat("only 16-bit samples are supported (got \(bits)-bit)") }
        guard channels == 1 || channels == 2 else {
            throw .unsupportedFormat("only mono or stereo is supported (got \(channels) channels)")
        }
        guard sampleRates.contains(rate) else {
            throw .unsupportedFormat("the sample rate must be 8000–48000 Hz (got \(rate) Hz)")
        }
        guard blockAlign == channels * 2 else { throw .invalid("the block alignment does not match the format") }
        return WAVFormat(formatTag: tag, channelCount: channels, sampleRate: rate, bitsPerSample: bits,
                         blockAlign: blockAlign, isPCM: isPCM)
    }

    /// The samples as 16 kHz mono: channels averaged, then resampled.
    public func monoSamples16k() -> [Int16] {
        let channels = format.channelCount
        var mono = [Float](repeating: 0, count: frameCount)
        sampleBytes.withUnsafeBytes { raw in
            for frame in 0..<frameCount {
                var sum: Float = 0
                for channel in 0..<channels {
                    let at = (frame * channels + channel) * 2
                    let value = Int16(bitPattern: UInt16(raw[at]) | UInt16(raw[at + 1]) << 8)
                    sum += Float(value)
                }
                mono[frame] = sum / Float(channels)
            }
        }
        return Resampler.resample(mono, from: format.sampleRate, to: 16_000)
    }

    static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    static func uint32(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }

    static func uint16(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt16 {
        UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
    }
}

extension WAVFile {
    /// A canonical 44-byte-header PCM WAV of the same samples (what remote engines are sent).
    public func encodedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(44 + sampleBytes.count)
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { out += $0 } }
        func append16(_ value: Int) { withUnsafeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian) { out += $0 } }
        out += Array("RIFF".utf8); append32(36 + sampleBytes.count); out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); append32(16); append16(1); append16(format.channelCount)
        append32(format.sampleRate); append32(format.sampleRate * format.blockAlign); append16(format.blockAlign); append16(16)
        out += Array("data".utf8); append32(sampleBytes.count)
        out += sampleBytes
        return out
    }
}
