import Foundation

/// A CIE L*a*b* colour (D65 white), the space where distances follow what people see.
public struct Lab: Sendable, Equatable {
    public var l: Double
    public var a: Double
    public var b: Double

    public init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    /// From 8-bit sRGB.
    public init(_ rgb: RGB) {
        self = Lab.fromLinear(Lab.linear[Int(rgb.r)], Lab.linear[Int(rgb.g)], Lab.linear[Int(rgb.b)])
    }

    public var chroma: Double { (a * a + b * b).squareRoot() }

    /// sRGB decoding curve for every 8-bit value.
    static let linear: [Double] = (0..<256).map { value in
        let c = Double(value) / 255
        return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    private static func fromLinear(_ r: Double, _ g: Double, _ b: Double) -> Lab {
        // sRGB → XYZ (D65), normalised by the white point.
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116 }
        let fx = f(x), fy = f(y), fz = f(z)
        return Lab(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// Squared Euclidean distance (CIE76), for clustering.
    @inline(__always)
    public func distanceSquared(to other: Lab) -> Double {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }

    /// CIEDE2000 colour difference, for naming (more faithful than CIE76 around blues and greys).
    public func deltaE2000(to other: Lab) -> Double {
        let c1 = chroma, c2 = other.chroma
        let meanC = (c1 + c2) / 2
        let meanC7 = pow(meanC, 7)
        let g = 0.5 * (1 - (meanC7 / (meanC7 + pow(25, 7))).squareRoot())
        let a1 = a * (1 + g), a2 = other.a * (1 + g)
        let cp1 = (a1 * a1 + b * b).squareRoot(), cp2 = (a2 * a2 + other.b * other.b).squareRoot()
        func hue(_ bValue: Double, _ aValue: Double) -> Double {
            guard bValue != 0 || aValue != 0 else { return 0 }
            let angle = atan2(bValue, aValue) * 180 / .pi
            return angle < 0 ? angle + 360 : angle
        }
        let hp1 = hue(b, a1), hp2 = hue(other.b, a2)
        let dL = other.l - l
        let dC = cp2 - cp1
        var dh = 0.0
        if cp1 * cp2 != 0 {
            dh = hp2 - hp1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH = 2 * (cp1 * cp2).squareRoot() * sin(dh * .pi / 360)
        let meanL = (l + other.l) / 2
        let meanCp = (cp1 + cp2) / 2
        var meanH = hp1 + hp2
        if cp1 * cp2 != 0 {
            if abs(hp1 - hp2) > 180 { meanH += hp1 + hp2 < 360 ? 360 : -360 }
            meanH /= 2
        }
        let t = 1 - 0.17 * cos((meanH - 30) * .pi / 180) + 0.24 * cos(2 * meanH * .pi / 180)
            + 0.32 * cos((3 * meanH + 6) * .pi / 180) - 0.20 * cos((4 * meanH - 63) * .pi / 180)
        let dTheta = 30 * exp(-pow((meanH - 275) / 25, 2))
        let meanCp7 = pow(meanCp, 7)
        let rc = 2 * (meanCp7 / (meanCp7 + pow(25, 7))).squareRoot()
        let sl = 1 + 0.015 * pow(meanL - 50, 2) / (20 + pow(meanL - 50, 2)).squareRoot()
        let sc = 1 + 0.045 * meanCp
        let sh = 1 + 0.015 * meanCp * t
        let rt = -sin(2 * dTheta * .pi / 180) * rc
        let termL = dL / sl, termC = dC / sc, termH = dH / sh
        return (termL * termL + termC * termC + termH * termH + rt * termC * termH).squareRoot()
    }
}
