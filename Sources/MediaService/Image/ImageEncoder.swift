import CPNG
import CTurboJPEG
import CWebP

/// Encodes RGBA pixels with the same C libraries the decoders use: the vision engine sends a
/// small JPEG to the model, and the tests and benchmark write images of known composition.
public enum ImageEncoder {
    public enum EncodingError: Error, Sendable, Equatable {
        case failed(ImageFormat, String)
    }

    /// Baseline JPEG, 4:2:0, at `quality` (1–100).
    public static func jpeg(_ image: RGBAImage, quality: Int = 90) throws(EncodingError) -> [UInt8] {
        guard let handle = tjInitCompress() else { throw .failed(.jpeg, "encoder unavailable") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let result = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_RGBA.rawValue),
                        &output, &size, Int32(TJSAMP_420.rawValue), Int32(min(max(quality, 1), 100)), 0)
        }
        defer { if let output { tjFree(output) } }
        guard result == 0, let output else { throw .failed(.jpeg, String(cString: tjGetErrorStr2(handle))) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// 8-bit RGBA PNG.
    public static func png(_ image: RGBAImage) throws(EncodingError) -> [UInt8] {
        var header = png_image()
        header.version = cpng_image_version()
        header.width = UInt32(image.width)
        header.height = UInt32(image.height)
        header.format = cpng_format_rgba()
        var size: png_alloc_size_t = 0
        // First call measures, second writes.
        let measured = image.pixels.withUnsafeBytes { pixels in
            png_image_write_to_memory(&header, nil, &size, 0, pixels.baseAddress, 0, nil)
        }
        guard measured != 0, size > 0 else { throw .failed(.png, "could not size the output") }
        var output = [UInt8](repeating: 0, count: Int(size))
        let written = output.withUnsafeMutableBytes { out in
            image.pixels.withUnsafeBytes { pixels in
                png_image_write_to_memory(&header, out.baseAddress, &size, 0, pixels.baseAddress, 0, nil)
            }
        }
        guard written != 0 else { throw .failed(.png, "write failed") }
        return Array(output.prefix(Int(size)))
    }

    /// Lossy WebP at `quality` (0–100), or lossless when `quality` is nil.
    public static func webp(_ image: RGBAImage, quality: Float? = 90) throws(EncodingError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let size = image.pixels.withUnsafeBufferPointer { pixels in
            if let quality {
                WebPEncodeRGBA(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 4),
                               quality, &output)
            } else {
                WebPEncodeLosslessRGBA(pixels.baseAddress, Int32(image.width), Int32(image.height),
                                       Int32(image.width * 4), &output)
            }
        }
        defer { if let output { WebPFree(output) } }
        guard size > 0, let output else { throw .failed(.webp, "encoder failed") }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
