import CPNG

/// Decodes PNG through libpng's simplified `png_image` API, which reports errors in the struct
/// rather than longjmp-ing (Swift cannot survive a longjmp through its frames).
enum PNGDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, header: ImageHeader) throws(ImageError) -> RGBAImage {
        var image = png_image()
        image.version = cpng_image_version()
        defer { png_image_free(&image) }
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            throw .corrupt(.png, reason: message(of: &image))
        }
        let width = Int(image.width), height = Int(image.height)
        // The header was checked against the limits; the library must agree with it.
        guard width == header.width, height == header.height else {
            throw .corrupt(.png, reason: "header size disagrees with the decoder")
        }
        image.format = cpng_format_rgba()
        var ok: Int32 = 0
        // Not zero-filled first: a successful read writes every row, and a failed one is dropped.
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 4) { out, initialized in
            ok = png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
            initialized = out.count
        }
        guard ok != 0, cpng_image_failed(&image) == 0 else { throw .corrupt(.png, reason: message(of: &image)) }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let text = raw.prefix { $0 != 0 }
            return text.isEmpty ? "unknown error" : String(decoding: text, as: UTF8.self)
        }
    }
}
