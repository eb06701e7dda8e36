import MediaService

/// Images of known composition, drawn here and encoded with the service's own C libraries.
enum TestImages {
    static func rgb(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> RGB { RGB(r: r, g: g, b: b) }

    /// An ellipse of `object` (about 40 % of the frame) centred on a plain `background`, with a
    /// soft darker rim like a studio shadow.
    static func object(_ object: RGB, on background: RGB, width: Int = 320, height: Int = 240) -> RGBAImage {
        var image = RGBAImage(width: width, height: height, fill: background)
        let cx = Double(width) / 2, cy = Double(height) / 2
        let rx = Double(width) * 0.36, ry = Double(height) * 0.36
        for y in 0..<height {
            for x in 0..<width {
                let dx = (Double(x) - cx) / rx, dy = (Double(y) - cy) / ry
                let d = dx * dx + dy * dy
                if d <= 1 {
                    // Shading across the object, ±8 %, so it is not one flat value.
                    let shade = 0.92 + 0.16 * Double(x) / Double(width)
                    image[x, y] = RGB(r: scaled(object.r, shade), g: scaled(object.g, shade), b: scaled(object.b, shade))
                }
            }
        }
        return image
    }

    /// Diagonal stripes of two colours across the whole frame.
    static func stripes(_ first: RGB, _ second: RGB, period: Int = 16, width: Int = 256, height: Int = 256) -> RGBAImage {
        var image = RGBAImage(width: width, height: height, fill: first)
        for y in 0..<height {
            for x in 0..<width where ((x + y) / (period / 2)) % 2 == 1 {
                image[x, y] = second
            }
        }
        return image
    }

    /// Left half `left`, right half `right`.
    static func halves(_ left: RGB, _ right: RGB, width: Int = 200, height: Int = 100) -> RGBAImage {
        var image = RGBAImage(width: width, height: height, fill: left)
        for y in 0..<height {
            for x in (width / 2)..<width { image[x, y] = right }
        }
        return image
    }

    /// A photo-sized scene: a light grey backdrop with a gentle gradient and sensor-like noise,
    /// and a red product in the middle.
    static func photo(width: Int = 4000, height: Int = 3000, product: RGB = rgb(196, 28, 36)) -> RGBAImage {
        var random = SplitMix64(seed: 7)
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        let cx = width / 2, cy = height / 2, rx = width / 4, ry = height / 3
        for y in 0..<height {
            let base = 236 - 10 * y / height
            for x in 0..<width {
                let i = (y * width + x) * 4
                let noise = Int(random.next() % 7) - 3
                let dx = Double(x - cx) / Double(rx), dy = Double(y - cy) / Double(ry)
                if dx * dx + dy * dy <= 1 {
                    pixels[i] = clamp(Int(product.r) + noise)
                    pixels[i + 1] = clamp(Int(product.g) + noise)
                    pixels[i + 2] = clamp(Int(product.b) + noise)
                } else {
                    pixels[i] = clamp(base + noise)
                    pixels[i + 1] = clamp(base + noise)
                    pixels[i + 2] = clamp(base + 2 + noise)
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    static func scaled(_ value: UInt8, _ factor: Double) -> UInt8 { clamp(Int((Double(value) * factor).rounded())) }
    static func clamp(_ value: Int) -> UInt8 { UInt8(min(255, max(0, value))) }

    /// A JPEG with an APP1 Exif segment carrying `orientation`, inserted right after SOI.
    static func withEXIFOrientation(_ jpeg: [UInt8], _ orientation: Int, bigEndian: Bool = false) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)  // IFD0 right after the header
        tiff += u16(2)  // two entries: a harmless one first, then the orientation
        tiff += u16(0x010F) + u16(2) + u32(4) + Array("ACM\0".utf8)  // Make, ASCII, 4 bytes inline
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)  // no next IFD
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// Replaces the size in a JPEG's first SOF marker (the header then claims a huge image).
    static func withJPEGSize(_ jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
        var bytes = jpeg
        var offset = 2
        while offset + 9 < bytes.count {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if marker == 0xC0 || marker == 0xC2 {
                bytes[offset + 5] = UInt8(height >> 8); bytes[offset + 6] = UInt8(height & 0xFF)
                bytes[offset + 7] = UInt8(width >> 8); bytes[offset + 8] = UInt8(width & 0xFF)
                return bytes
            }
            offset += 2 + length
        }
        return bytes
    }

    /// A PNG signature and an IHDR declaring `width` × `height`, followed by a tiny (invalid) body:
    /// the cheapest decompression bomb.
    static func forgedPNGHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += be(13) + Array("IHDR".utf8) + be(width) + be(height) + [8, 6, 0, 0, 0] + be(0)
        bytes += be(10) + Array("IDAT".utf8) + [UInt8](repeating: 0, count: 14)
        return bytes
    }
}

/// A small deterministic generator, so every run draws and mutates the same bytes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
