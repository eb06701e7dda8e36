import CTurboJPEG
import CWebP

/// What an image's header declares, read without decoding any pixel.
public struct ImageHeader: Sendable, Equatable {
    public var format: ImageFormat
    /// As stored, before EXIF orientation.
    public var width: Int
    public var height: Int

    /// Reads the header of `bytes`, which must carry `format`'s signature.
    /// - Throws: `ImageError.corrupt` when the header is missing, truncated or declares no pixels.
    public static func read(_ bytes: UnsafeRawBufferPointer, format: ImageFormat) throws(ImageError) -> ImageHeader {
        let size: (Int, Int)
        switch format {
        case .png: size = try pngSize(bytes)
        case .jpeg: size = try jpegSize(bytes)
        case .webp: size = try webpSize(bytes)
        }
        guard size.0 > 0, size.1 > 0 else { throw .corrupt(format, reason: "header declares no pixels") }
        return ImageHeader(format: format, width: size.0, height: size.1)
    }

    /// PNG: the signature, then the IHDR chunk, which must come first (PNG §5.6).
    private static func pngSize(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        guard bytes.count >= 33 else { throw .corrupt(.png, reason: "shorter than a PNG header") }
        guard bigEndian32(bytes, 8) == 13, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw .corrupt(.png, reason: "first chunk is not IHDR")
        }
        let width = bigEndian32(bytes, 16), height = bigEndian32(bytes, 20)
        // PNG limits both to 2^31 - 1.
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .corrupt(.png, reason: "dimension out of range")
        }
        return (width, height)
    }

    private static func jpegSize(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        guard let handle = tjInitDecompress() else { throw .corrupt(.jpeg, reason: "decoder unavailable") }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard tjDecompressHeader3(handle, base, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0 else {
            throw .corrupt(.jpeg, reason: String(cString: tjGetErrorStr2(handle)))
        }
        return (Int(width), Int(height))
    }

    private static func webpSize(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> (Int, Int) {
        var width: Int32 = 0, height: Int32 = 0
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard WebPGetInfo(base, bytes.count, &width, &height) != 0 else {
            throw .corrupt(.webp, reason: "no valid WebP header")
        }
        return (Int(width), Int(height))
    }

    static func bigEndian32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}
