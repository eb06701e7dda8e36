/// Decoded pixels: 8-bit RGBA, rows top to bottom, no padding.
public struct RGBAImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width * height * 4` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "pixel buffer does not match its size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A width × height image filled with one colour.
    public init(width: Int, height: Int, fill: RGB, alpha: UInt8 = 255) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 4)
        for i in 0..<(width * height) {
            pixels[i * 4] = fill.r
            pixels[i * 4 + 1] = fill.g
            pixels[i * 4 + 2] = fill.b
            pixels[i * 4 + 3] = alpha
        }
    }

    public subscript(x: Int, y: Int) -> RGB {
        get {
            let i = (y * width + x) * 4
            return RGB(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
            pixels[i + 3] = 255
        }
    }

    public func alpha(x: Int, y: Int) -> UInt8 { pixels[(y * width + x) * 4 + 3] }

    /// A copy at most `maxSide` pixels on its longer side, each output pixel the average of the
    /// source pixels it covers (alpha-weighted colour, mean alpha). Returns `self` when already small.
    public func downsampled(maxSide: Int) -> RGBAImage {
        let longer = max(width, height)
        guard longer > maxSide, maxSide > 0 else { return self }
        let outWidth = max(1, width * maxSide / longer)
        let outHeight = max(1, height * maxSide / longer)
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        pixels.withUnsafeBufferPointer { src in
            for oy in 0..<outHeight {
                let y0 = oy * height / outHeight
                let y1 = max(y0 + 1, (oy + 1) * height / outHeight)
                for ox in 0..<outWidth {
                    let x0 = ox * width / outWidth
                    let x1 = max(x0 + 1, (ox + 1) * width / outWidth)
                    var r = 0, g = 0, b = 0, a = 0
                    for y in y0..<y1 {
                        var i = (y * width + x0) * 4
                        for _ in x0..<x1 {
                            let alpha = Int(src[i + 3])
                            r += Int(src[i]) * alpha
                            g += Int(src[i + 1]) * alpha
                            b += Int(src[i + 2]) * alpha
                            a += alpha
                            i += 4
                        }
                    }
                    let count = (y1 - y0) * (x1 - x0)
                    let o = (oy * outWidth + ox) * 4
                    if a > 0 {
                        out[o] = UInt8(r / a)
                        out[o + 1] = UInt8(g / a)
                        out[o + 2] = UInt8(b / a)
                    }
                    out[o + 3] = UInt8(a / count)
                }
            }
        }
        return RGBAImage(width: outWidth, height: outHeight, pixels: out)
    }
}

/// An 8-bit sRGB colour.
public struct RGB: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `#rrggbb`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for value in [r, g, b] {
            text.append(digits[Int(value >> 4)])
            text.append(digits[Int(value & 0x0F)])
        }
        return text
    }
}
