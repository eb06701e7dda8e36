import CTurboJPEG

/// Decodes JPEG through libjpeg-turbo's TurboJPEG API, with DCT scaling: a 4000×3000 photo is
/// decoded at 1/8 (500×375) when the analysis needs no more, which skips most of the inverse DCT.
enum JPEGDecoder {
    /// - Parameters:
    ///   - minimumSide: the scaled image's longer side is at least this (or the full size when smaller).
    /// - Throws: `ImageError.corrupt` for data the decoder refuses, including a truncated file.
    static func decode(_ bytes: UnsafeRawBufferPointer, header: ImageHeader, minimumSide: Int) throws(ImageError) -> RGBAImage {
        guard let handle = tjInitDecompress() else { throw .corrupt(.jpeg, reason: "decoder unavailable") }
        defer { tjDestroy(handle) }
        let (num, denom) = scalingFactor(width: header.width, height: header.height, minimumSide: minimumSide)
        let width = (header.width * num + denom - 1) / denom
        let height = (header.height * num + denom - 1) / denom
        // LIMITSCANS refuses progressive files with absurd scan counts (a CPU bomb in a small file).
        let flags = TJFLAG_FASTDCT | TJFLAG_FASTUPSAMPLE | TJFLAG_LIMITSCANS
        var result: Int32 = -1
        // Not zero-filled first: the decoder writes every pixel (grey where data is missing), and
        // the buffer is dropped when it fails.
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { out, initialized in
            result = tjDecompress2(handle, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt(bytes.count),
                                   out.baseAddress, Int32(width), 0, Int32(height), Int32(TJPF_RGBA.rawValue), Int32(flags))
            initialized = out.count
        }
        if result != 0 {
            let message = String(cString: tjGetErrorStr2(handle))
            // A warning leaves a usable image (extraneous bytes before a marker, say), except the
            // one for a file that ends early: the rest of the picture is grey filler.
            let isWarning = tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue)
            if !isWarning || message.lowercased().contains("premature end") {
                throw .corrupt(.jpeg, reason: message)
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// The smallest libjpeg-turbo scaling factor whose output keeps the longer side ≥ `minimumSide`.
    static func scalingFactor(width: Int, height: Int, minimumSide: Int) -> (num: Int, denom: Int) {
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count), count > 0 else { return (1, 1) }
        let longer = max(width, height)
        var best = (num: 1, denom: 1)
        var bestRatio = 1.0
        for index in 0..<Int(count) {
            let factor = factors[index]
            let num = Int(factor.num), denom = Int(factor.denom)
            guard num > 0, denom > 0, num <= denom else { continue }
            let ratio = Double(num) / Double(denom)
            if (longer * num + denom - 1) / denom >= minimumSide, ratio < bestRatio {
                best = (num, denom)
                bestRatio = ratio
            }
        }
        return best
    }
}
