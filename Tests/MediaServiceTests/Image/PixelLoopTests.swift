import MediaService
import Testing

/// The analysis loops made fast for the 12-megapixel target give the answers of the plain
/// definitions they replace.
@Suite(.timeLimit(.minutes(1)))
struct PixelLoopTests {
    /// The box filter as documented: each output pixel averages the source pixels it covers,
    /// colour weighted by alpha, written the obvious way.
    static func boxFiltered(_ image: RGBAImage, maxSide: Int) -> RGBAImage {
        let longer = max(image.width, image.height)
        let outWidth = max(1, image.width * maxSide / longer), outHeight = max(1, image.height * maxSide / longer)
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                var r = 0, g = 0, b = 0, a = 0, count = 0
                for y in (oy * image.height / outHeight)..<((oy + 1) * image.height / outHeight) {
                    for x in (ox * image.width / outWidth)..<((ox + 1) * image.width / outWidth) {
                        let colour = image[x, y], alpha = Int(image.alpha(x: x, y: y))
                        r += Int(colour.r) * alpha
                        g += Int(colour.g) * alpha
                        b += Int(colour.b) * alpha
                        a += alpha
                        count += 1
                    }
                }
                let o = (oy * outWidth + ox) * 4
                if a > 0 { (out[o], out[o + 1], out[o + 2]) = (UInt8(r / a), UInt8(g / a), UInt8(b / a)) }
                out[o + 3] = UInt8(a / count)
            }
        }
        return RGBAImage(width: outWidth, height: outHeight, pixels: out)
    }

    @Test(arguments: [(997, 613, 128), (300, 1000, 128), (129, 129, 128), (640, 480, 7)])
    func downsamplingAveragesTheCoveredPixels(width: Int, height: Int, maxSide: Int) {
        var random = SplitMix64(seed: UInt64(width * 10_000 + height))
        // Random colours and alphas, some fully transparent.
        let pixels = (0..<(width * height * 4)).map { index in
            index % 4 == 3 && random.next() % 5 == 0 ? 0 : UInt8(truncatingIfNeeded: random.next())
        }
        let image = RGBAImage(width: width, height: height, pixels: pixels)
        let small = image.downsampled(maxSide: maxSide)
        #expect(max(small.width, small.height) == maxSide)
        #expect(small == Self.boxFiltered(image, maxSide: maxSide))
    }

    @Test func kMeansOnMorePointsThanItSamplesCountsEveryPoint() {
        // 70 % red-ish and 30 % blue-ish points with noise: more than four times the sample size.
        var random = SplitMix64(seed: 42)
        var points: [Lab] = [], colours: [RGB] = []
        for index in 0..<20_000 {
            let isRed = index % 10 < 7
            let base = isRed ? RGB(r: 200, g: 30, b: 40) : RGB(r: 30, g: 60, b: 200)
            func jitter(_ value: UInt8) -> UInt8 { UInt8(clamping: Int(value) + Int(random.next() % 11) - 5) }
            let colour = RGB(r: jitter(base.r), g: jitter(base.g), b: jitter(base.b))
            points.append(Lab(colour))
            colours.append(colour)
        }
        let kMeans = KMeans(maxSamples: 4096)
        let (clusters, assignment) = kMeans.cluster(points, rgb: colours)
        #expect(assignment.count == points.count)
        #expect(clusters.reduce(0) { $0 + $1.count } == points.count)
        // Every point lands in a cluster named after its colour (shades may split into clusters).
        var countByName: [String: Int] = [:]
        for cluster in clusters { countByName[ColorNamer().name(for: cluster.centre), default: 0] += cluster.count }
        #expect(countByName == ["red": 14_000, "blue": 6_000])
        // Deterministic: the same points give the same clusters.
        let again = kMeans.cluster(points, rgb: colours)
        #expect(again.assignment == assignment)
    }
}
