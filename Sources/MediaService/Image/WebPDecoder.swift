import CWebP

/// Decodes WebP through libwebp's advanced API, scaled down in the decoder when the image is much
/// larger than the analysis needs.
enum WebPDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, header: ImageHeader, minimumSide: Int) throws(ImageError) -> RGBAImage {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else { throw .corrupt(.webp, reason: "decoder version mismatch") }
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard WebPGetFeatures(data, bytes.count, &config.input) == VP8_STATUS_OK else {
            throw .corrupt(.webp, reason: "bitstream features unreadable")
        }
        guard config.input.has_animation == 0 else { throw .corrupt(.webp, reason: "animated WebP") }
        var width = header.width, height = header.height
        let longer = max(width, height)
        if minimumSide > 0, longer > minimumSide * 2 {
            width = max(1, width * minimumSide / longer)
            height = max(1, height * minimumSide / longer)
            config.options.use_scaling = 1
            config.options.scaled_width = Int32(width)
            config.options.scaled_height = Int32(height)
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let status = pixels.withUnsafeMutableBufferPointer { out in
            config.output.colorspace = MODE_RGBA
            config.output.is_external_memory = 1
            config.output.u.RGBA.rgba = out.baseAddress
            config.output.u.RGBA.stride = Int32(width * 4)
            config.output.u.RGBA.size = out.count
            defer { WebPFreeDecBuffer(&config.output) }
            return WebPDecode(data, bytes.count, &config)
        }
        guard status == VP8_STATUS_OK else { throw .corrupt(.webp, reason: "decoder status \(status.rawValue)") }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}
