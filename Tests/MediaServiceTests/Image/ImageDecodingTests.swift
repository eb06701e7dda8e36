import MediaService
import Shared
import Testing

/// Real decoders on images the tests draw and encode, and the pixel analysis on what they decode.
@Suite(.timeLimit(.minutes(2)))
struct ImageDecodingTests {
    typealias T = TestImages

    static let red = T.rgb(205, 30, 38)
    static let white = T.rgb(250, 250, 250)
    static let navy = T.rgb(28, 38, 92)
    static let grey = T.rgb(128, 128, 128)

    func analyse(_ bytes: [UInt8], _ format: ImageFormat) throws -> (DecodedImage, PixelAnalysis) {
        let decoded = try bytes.withUnsafeBytes { try ImageDecoder.decode($0, declared: format, limits: ImageLimits()) }
        return (decoded, PixelAnalyzer().analyse(decoded.image, width: decoded.width, height: decoded.height))
    }

    func encode(_ image: RGBAImage, _ format: ImageFormat) throws -> [UInt8] {
        switch format {
        case .jpeg: try ImageEncoder.jpeg(image, quality: 90)
        case .png: try ImageEncoder.png(image)
        case .webp: try ImageEncoder.webp(image, quality: 90)
        }
    }

    @Test(arguments: ImageFormat.allCases)
    func redObjectOnWhiteIsRed(format: ImageFormat) throws {
        let (decoded, analysis) = try analyse(try encode(T.object(Self.red, on: Self.white), format), format)
        #expect(decoded.width == 320 && decoded.height == 240)
        #expect(analysis.colors.first?.name == "red")
        #expect((analysis.colors.first?.fraction ?? 0) > 0.85)
        // The background is removed, not counted as a colour of the product.
        #expect(!analysis.colors.contains { $0.name == "white" })
        #expect(analysis.attributes["background"] == "plain")
        #expect(analysis.attributes["pattern"] == "solid")
        #expect(analysis.attributes["orientation"] == "landscape")
        #expect(analysis.attributes["aspect_ratio"] == "1.33")
        let hex = try #require(analysis.colors.first?.hex)
        #expect(hex.hasPrefix("#") && hex.count == 7)
    }

    @Test(arguments: ImageFormat.allCases)
    func navyObjectOnGreyIsNavy(format: ImageFormat) throws {
        let (_, analysis) = try analyse(try encode(T.object(Self.navy, on: Self.grey, width: 240, height: 300), format), format)
        #expect(analysis.colors.first?.name == "navy")
        #expect(!analysis.colors.contains { $0.name == "grey" })
        #expect(analysis.attributes["orientation"] == "portrait")
    }

    @Test(arguments: ImageFormat.allCases)
    func twoColourStripesAreAPattern(format: ImageFormat) throws {
        let image = T.stripes(T.rgb(30, 140, 60), T.rgb(250, 215, 40))
        let (_, analysis) = try analyse(try encode(image, format), format)
        let names = Set(analysis.colors.prefix(2).map(\.name))
        #expect(names == ["green", "yellow"])
        for color in analysis.colors.prefix(2) { #expect(color.fraction > 0.35) }
        #expect(analysis.attributes["pattern"] == "pattern")
    }

    @Test func twoColourBlocksAreMulticolourNotAPattern() throws {
        let (_, analysis) = try analyse(try ImageEncoder.png(T.halves(Self.red, T.rgb(40, 80, 190))), .png)
        #expect(Set(analysis.colors.map(\.name)) == ["red", "blue"])
        #expect(analysis.attributes["pattern"] == "multicolour")
    }

    @Test func transparentCutOutUsesAlphaAsTheBackground() throws {
        var image = T.object(T.rgb(30, 140, 60), on: Self.white)
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] == Self.white { image.pixels[(y * image.width + x) * 4 + 3] = 0 }
        }
        let (_, analysis) = try analyse(try ImageEncoder.png(image), .png)
        #expect(analysis.attributes["background"] == "transparent")
        #expect(analysis.colors.first?.name == "green")
        #expect((analysis.colors.first?.fraction ?? 0) > 0.9)
    }

    @Test func aPhotoSizedJPEGIsDecodedScaledDown() throws {
        let jpeg = try ImageEncoder.jpeg(T.photo(), quality: 90)
        let (decoded, analysis) = try analyse(jpeg, .jpeg)
        #expect(decoded.width == 4000 && decoded.height == 3000)
        // DCT scaling: 1/8 of each side is still ≥ 384 px.
        #expect(decoded.image.width == 500 && decoded.image.height == 375)
        #expect(analysis.colors.first?.name == "red")
        #expect(analysis.attributes["background"] == "plain")
    }

    /// Left half red, right half blue, stored sideways with an EXIF orientation.
    @Test(arguments: [(6, false), (6, true), (8, false), (3, false), (1, false)])
    func exifOrientationTurnsTheImage(orientation: Int, bigEndian: Bool) throws {
        let jpeg = try ImageEncoder.jpeg(T.halves(Self.red, T.rgb(40, 80, 190)), quality: 95)
        let (decoded, _) = try analyse(T.withEXIFOrientation(jpeg, orientation, bigEndian: bigEndian), .jpeg)
        let namer = ColorNamer()
        let image = decoded.image
        #expect(decoded.orientation.rawValue == orientation)
        switch orientation {
        case 6:  // turned clockwise: the left half is now on top
            #expect(decoded.width == 100 && decoded.height == 200)
            #expect(namer.name(for: image[50, 20]) == "red")
            #expect(namer.name(for: image[50, 180]) == "blue")
        case 8:  // turned anticlockwise: the left half is now at the bottom
            #expect(decoded.width == 100 && decoded.height == 200)
            #expect(namer.name(for: image[50, 180]) == "red")
        case 3:  // upside down: left and right swap
            #expect(decoded.width == 200 && decoded.height == 100)
            #expect(namer.name(for: image[180, 50]) == "red")
        default:
            #expect(namer.name(for: image[20, 50]) == "red")
        }
    }

    @Test func clusteringIsDeterministic() throws {
        let image = T.stripes(T.rgb(200, 40, 120), T.rgb(60, 170, 200), period: 10)
        let first = PixelAnalyzer().analyse(image, width: image.width, height: image.height)
        for _ in 0..<3 { #expect(PixelAnalyzer().analyse(image, width: image.width, height: image.height) == first) }
    }

    @Test(arguments: [
        (T.rgb(220, 20, 30), "red"), (T.rgb(120, 20, 40), "burgundy"), (T.rgb(245, 160, 185), "pink"),
        (T.rgb(245, 125, 20), "orange"), (T.rgb(222, 204, 172), "beige"), (T.rgb(110, 70, 40), "brown"),
        (T.rgb(250, 225, 40), "yellow"), (T.rgb(100, 105, 35), "olive"), (T.rgb(30, 130, 50), "green"),
        (T.rgb(10, 120, 125), "teal"), (T.rgb(25, 35, 85), "navy"), (T.rgb(35, 85, 205), "blue"),
        (T.rgb(115, 45, 150), "purple"), (T.rgb(12, 12, 14), "black"), (T.rgb(58, 58, 62), "charcoal"),
        (T.rgb(125, 125, 125), "grey"), (T.rgb(250, 250, 248), "white"), (T.rgb(192, 193, 196), "silver"),
        (T.rgb(208, 170, 50), "gold"),
    ])
    func shopperNamesForTypicalShades(color: RGB, expected: String) {
        #expect(ColorNamer().name(for: color) == expected)
    }

    @Test func thePaletteHasAboutThirtyShopperWords() {
        let names = ColorNamer().names
        #expect((25...35).contains(names.count))
        for word in ["red", "burgundy", "pink", "orange", "beige", "brown", "yellow", "olive", "green", "teal", "navy",
                     "blue", "purple", "black", "charcoal", "grey", "white", "silver", "gold"] {
            #expect(names.contains(word))
        }
    }
}
