/// An image checked against the limits, decoded (possibly scaled down) and turned for display.
public struct DecodedImage: Sendable {
    public var format: ImageFormat
    /// Full display size: the header's size after EXIF orientation.
    public var width: Int
    public var height: Int
    public var orientation: EXIFOrientation
    /// The pixels, at most as large as `width × height`, turned for display.
    public var image: RGBAImage
}

/// Validation and decoding of an uploaded image, in the order that keeps bad input cheap: type,
/// byte count, signature, header limits, then the decoder.
public enum ImageDecoder {
    /// Checks `bytes` without decoding a pixel.
    /// - Throws: `ImageError` (empty, over the byte limit, wrong signature, bad header, too many pixels).
    public static func validate(_ bytes: UnsafeRawBufferPointer, declared format: ImageFormat, limits: ImageLimits)
        throws(ImageError) -> ImageHeader
    {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= limits.maxBytes else { throw .tooManyBytes(count: bytes.count, limit: limits.maxBytes) }
        guard format.matchesSignature(bytes) else {
            throw .signatureMismatch(declared: format, found: ImageFormat.sniff(bytes))
        }
        let header = try ImageHeader.read(bytes, format: format)
        // Multiplication cannot overflow: each side is below 2^31.
        guard header.width <= limits.maxSide, header.height <= limits.maxSide,
              header.width * header.height <= limits.maxPixels
        else { throw .tooManyPixels(width: header.width, height: header.height, limit: limits.maxPixels) }
        return header
    }

    /// Validates and decodes `bytes`.
    /// - Parameter minimumSide: the decoded image's longer side is at least this when the image is
    ///   that large (JPEG and WebP are scaled in the decoder, PNG is decoded whole).
    public static func decode(_ bytes: UnsafeRawBufferPointer, declared format: ImageFormat, limits: ImageLimits,
                              minimumSide: Int = 384) throws(ImageError) -> DecodedImage {
        let header = try validate(bytes, declared: format, limits: limits)
        var orientation = EXIFOrientation.up
        var image: RGBAImage
        switch format {
        case .jpeg:
            image = try JPEGDecoder.decode(bytes, header: header, minimumSide: minimumSide)
            orientation = EXIFOrientation.read(fromJPEG: bytes)
        case .png:
            image = try PNGDecoder.decode(bytes, header: header)
        case .webp:
            image = try WebPDecoder.decode(bytes, header: header, minimumSide: minimumSide)
        }
        image = orientation.apply(to: image)
        return DecodedImage(
            format: format, width: orientation.swapsAxes ? header.height : header.width,
            height: orientation.swapsAxes ? header.width : header.height, orientation: orientation, image: image)
    }
}
