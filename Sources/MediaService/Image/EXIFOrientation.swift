/// The EXIF orientation tag (0x0112): how a camera's stored pixels must be turned for display.
public enum EXIFOrientation: Int, Sendable, CaseIterable {
    case up = 1
    case upMirrored = 2
    case down = 3
    case downMirrored = 4
    case leftMirrored = 5
    /// Stored turned 90° anticlockwise: display rotates 90° clockwise.
    case right = 6
    case rightMirrored = 7
    /// Stored turned 90° clockwise: display rotates 90° anticlockwise.
    case left = 8

    /// Whether width and height swap for display.
    public var swapsAxes: Bool { rawValue >= 5 }

    /// The orientation in a JPEG's APP1 Exif segment, or `.up` when there is none or it is unreadable.
    /// Only the markers before the first scan are walked; every offset is bounds-checked.
    public static func read(fromJPEG bytes: UnsafeRawBufferPointer) -> EXIFOrientation {
        var offset = 2  // after SOI
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return .up }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { return .up }  // start of scan / end of image
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { offset += 2; continue }  // no length
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { return .up }
            if marker == 0xE1, length >= 8 {
                let start = offset + 4
                let segment = UnsafeRawBufferPointer(rebasing: bytes[start..<(offset + 2 + length)])
                if segment.count > 6, Array(segment[0..<6]) == [0x45, 0x78, 0x69, 0x66, 0, 0],  // "Exif\0\0"
                   let found = orientation(inTIFF: UnsafeRawBufferPointer(rebasing: segment[6...])) {
                    return found
                }
            }
            offset += 2 + length
        }
        return .up
    }

    /// The orientation tag of IFD0 of a TIFF structure.
    static func orientation(inTIFF tiff: UnsafeRawBufferPointer) -> EXIFOrientation? {
        guard tiff.count >= 8 else { return nil }
        let isLittleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): isLittleEndian = true
        case (0x4D, 0x4D): isLittleEndian = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return isLittleEndian ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return isLittleEndian ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for index in 0..<min(count, 512) {
            let entry = ifd + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                // Type SHORT (3), count 1: the value sits in the first two bytes of the value field.
                guard u16(entry + 2) == 3, let value = u16(entry + 8) else { return nil }
                return EXIFOrientation(rawValue: value)
            }
        }
        return nil
    }

    /// `image` turned for display.
    public func apply(to image: RGBAImage) -> RGBAImage {
        guard self != .up else { return image }
        let sw = image.width, sh = image.height
        let ow = swapsAxes ? sh : sw, oh = swapsAxes ? sw : sh
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        let (sx, sy): (Int, Int) = switch self {
                        case .up: (ox, oy)
                        case .upMirrored: (sw - 1 - ox, oy)
                        case .down: (sw - 1 - ox, sh - 1 - oy)
                        case .downMirrored: (ox, sh - 1 - oy)
                        case .leftMirrored: (oy, ox)
                        case .right: (oy, sh - 1 - ox)
                        case .rightMirrored: (sw - 1 - oy, sh - 1 - ox)
                        case .left: (sw - 1 - oy, ox)
                        }
                        let s = (sy * sw + sx) * 4, d = (oy * ow + ox) * 4
                        dst[d] = src[s]
                        dst[d + 1] = src[s + 1]
                        dst[d + 2] = src[s + 2]
                        dst[d + 3] = src[s + 3]
                    }
                }
            }
        }
        return RGBAImage(width: ow, height: oh, pixels: out)
    }
}
