/// Names a colour with the word a shopper would use, from a palette of about thirty names, each
/// anchored by a few reference shades; the nearest shade by CIEDE2000 wins.
public struct ColorNamer: Sendable {
    public struct Swatch: Sendable {
        public var name: String
        public var lab: Lab
    }

    public let swatches: [Swatch]

    /// The names the palette can give.
    public var names: [String] {
        var seen = Set<String>()
        return swatches.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    public init(palette: [(name: String, shades: [RGB])] = ColorNamer.shopperPalette) {
        swatches = palette.flatMap { entry in entry.shades.map { Swatch(name: entry.name, lab: Lab($0)) } }
    }

    public func name(for lab: Lab) -> String {
        var best = "grey"
        var bestDistance = Double.infinity
        for swatch in swatches {
            let distance = lab.deltaE2000(to: swatch.lab)
            if distance < bestDistance {
                bestDistance = distance
                best = swatch.name
            }
        }
        return best
    }

    public func name(for rgb: RGB) -> String { name(for: Lab(rgb)) }

    private static func rgb(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> RGB { RGB(r: r, g: g, b: b) }

    /// The default palette: words shoppers search with, each with shades typical of product photos.
    public static let shopperPalette: [(name: String, shades: [RGB])] = [
        ("black", [rgb(0, 0, 0), rgb(22, 22, 24), rgb(30, 28, 26)]),
        ("charcoal", [rgb(54, 54, 56), rgb(66, 68, 72), rgb(50, 52, 60)]),
        ("grey", [rgb(100, 100, 100), rgb(128, 128, 128), rgb(150, 150, 152), rgb(120, 124, 130)]),
        ("silver", [rgb(192, 192, 192), rgb(180, 182, 186), rgb(204, 206, 210)]),
        ("white", [rgb(255, 255, 255), rgb(245, 245, 245), rgb(236, 236, 232)]),
        ("cream", [rgb(255, 253, 208), rgb(245, 238, 210)]),
        ("beige", [rgb(225, 205, 170), rgb(210, 190, 150), rgb(235, 220, 195)]),
        ("khaki", [rgb(189, 183, 107), rgb(195, 176, 130)]),
        ("tan", [rgb(210, 170, 120), rgb(190, 150, 100)]),
        ("brown", [rgb(139, 69, 19), rgb(101, 67, 33), rgb(150, 95, 55), rgb(80, 50, 30), rgb(120, 80, 50)]),
        ("red", [rgb(255, 0, 0), rgb(220, 20, 30), rgb(200, 30, 40), rgb(180, 20, 25)]),
        ("burgundy", [rgb(128, 0, 32), rgb(110, 20, 40), rgb(95, 10, 30), rgb(140, 30, 50)]),
        ("pink", [rgb(255, 192, 203), rgb(255, 105, 180), rgb(240, 140, 170), rgb(250, 170, 190)]),
        ("magenta", [rgb(255, 0, 255), rgb(200, 0, 140), rgb(220, 40, 160)]),
        ("coral", [rgb(255, 127, 80), rgb(250, 128, 114)]),
        ("orange", [rgb(255, 140, 0), rgb(240, 110, 20), rgb(255, 120, 40)]),
        ("yellow", [rgb(255, 255, 0), rgb(250, 220, 50), rgb(245, 230, 90)]),
        ("gold", [rgb(212, 175, 55), rgb(200, 160, 40), rgb(225, 185, 70)]),
        ("olive", [rgb(128, 128, 0), rgb(107, 112, 40), rgb(85, 90, 40)]),
        ("green", [rgb(0, 128, 0), rgb(34, 139, 34), rgb(0, 180, 70), rgb(60, 180, 75), rgb(20, 90, 40)]),
        ("lime", [rgb(50, 205, 50), rgb(170, 230, 40)]),
        ("mint", [rgb(152, 240, 180), rgb(170, 225, 200)]),
        ("teal", [rgb(0, 128, 128), rgb(0, 110, 115), rgb(20, 140, 140)]),
        ("turquoise", [rgb(64, 224, 208), rgb(0, 200, 200), rgb(50, 190, 200)]),
        ("light blue", [rgb(173, 216, 230), rgb(135, 206, 235), rgb(150, 190, 230)]),
        ("blue", [rgb(0, 0, 255), rgb(30, 90, 200), rgb(65, 105, 225), rgb(0, 120, 215), rgb(40, 70, 170)]),
        ("navy", [rgb(0, 0, 128), rgb(20, 30, 80), rgb(31, 42, 68), rgb(0, 31, 63), rgb(25, 35, 105)]),
        ("purple", [rgb(128, 0, 128), rgb(110, 50, 160), rgb(148, 0, 211), rgb(90, 40, 120)]),
        ("lavender", [rgb(190, 170, 225), rgb(200, 180, 235)]),
    ]
}
