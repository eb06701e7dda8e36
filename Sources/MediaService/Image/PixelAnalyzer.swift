import Foundation
import Shared

/// What the pixels say about a product photo: its named dominant colours and simple attributes.
public struct PixelAnalysis: Sendable, Equatable {
    /// Largest share first; shares are of the product's pixels.
    public var colors: [NamedColor]
    /// `pattern` (solid | multicolour | pattern), `background` (plain | transparent | busy),
    /// `orientation` (landscape | portrait | square), `aspect_ratio`, `primary_color`, `product_coverage`.
    public var attributes: [String: String]
}

/// The offline `pixels` engine's analysis: background separation, k-means in Lab, colour naming.
public struct PixelAnalyzer: Sendable {
    /// The analysis image's longer side: enough for colour shares, small enough to cluster in ~1 ms.
    public var analysisSide: Int = 128
    /// Named colours under this share of the product are dropped as noise (edges, highlights).
    public var minimumShare: Double = 0.04
    public var maxColors: Int = 5
    public var namer = ColorNamer()
    public var separator = BackgroundSeparator()
    public var kMeans = KMeans()

    public init() {}

    /// - Parameters:
    ///   - width, height: the full display size (for the aspect ratio); `image` may be scaled down.
    public func analyse(_ image: RGBAImage, width: Int, height: Int) -> PixelAnalysis {
        let small = image.downsampled(maxSide: analysisSide)
        let count = small.width * small.height
        var labs = [Lab](repeating: Lab(l: 0, a: 0, b: 0), count: count)
        var rgbs = [RGB](repeating: RGB(r: 0, g: 0, b: 0), count: count)
        var alphas = [UInt8](repeating: 0, count: count)
        small.pixels.withUnsafeBufferPointer { p in
            for i in 0..<count {
                let rgb = RGB(r: p[i * 4], g: p[i * 4 + 1], b: p[i * 4 + 2])
                rgbs[i] = rgb
                labs[i] = Lab(rgb)
                alphas[i] = p[i * 4 + 3]
            }
        }
        let separation = separator.separate(labs: labs, alphas: alphas, width: small.width, height: small.height)
        let productIndices = (0..<count).filter { separation.isProduct[$0] }
        let (clusters, assignment) = kMeans.cluster(productIndices.map { labs[$0] }, rgb: productIndices.map { rgbs[$0] })

        // Merge clusters that get the same name; the hex is the member-weighted mean.
        var byName: [String: Named] = [:]
        var clusterName: [String] = []
        for cluster in clusters {
            let name = namer.name(for: cluster.centre)
            clusterName.append(name)
            var entry = byName[name] ?? Named(name: name, count: 0, r: 0, g: 0, b: 0, centre: cluster.centre)
            if cluster.count > entry.count { entry.centre = cluster.centre }
            entry.count += cluster.count
            entry.r += Int(cluster.meanRGB.r) * cluster.count
            entry.g += Int(cluster.meanRGB.g) * cluster.count
            entry.b += Int(cluster.meanRGB.b) * cluster.count
            byName[name] = entry
        }
        let total = max(1, productIndices.count)
        let ranked = byName.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        var colors: [NamedColor] = []
        for (rank, entry) in ranked.enumerated() where entry.count > 0 {
            let share = Double(entry.count) / Double(total)
            guard rank == 0 || share >= minimumShare, colors.count < maxColors else { continue }
            let n = entry.count
            let hex = RGB(r: UInt8(entry.r / n), g: UInt8(entry.g / n), b: UInt8(entry.b / n)).hex
            colors.append(NamedColor(name: entry.name, hex: hex, fraction: (share * 1000).rounded() / 1000))
        }

        var attributes: [String: String] = [
            "background": separation.kind.rawValue,
            "orientation": width == height ? "square" : (width > height ? "landscape" : "portrait"),
            "aspect_ratio": String(format: "%.2f", Double(width) / Double(max(1, height))),
            "product_coverage": String(format: "%.2f", Double(productIndices.count) / Double(max(1, count))),
        ]
        if let primary = colors.first { attributes["primary_color"] = primary.name }
        attributes["pattern"] = patternKind(
            colors: colors, centres: byName, productIndices: productIndices, assignment: assignment,
            clusterName: clusterName, isProduct: separation.isProduct, width: small.width, height: small.height)
        return PixelAnalysis(colors: colors, attributes: attributes)
    }

    /// A named colour's running totals while clusters are merged.
    private struct Named { var name: String; var count: Int; var r: Int; var g: Int; var b: Int; var centre: Lab }

    private func patternKind(colors: [NamedColor], centres: [String: Named], productIndices: [Int], assignment: [Int],
                     clusterName: [String], isProduct: [Bool], width: Int, height: Int) -> String {
        // Significant colours that are clearly different hues or tones from the main one; shades
        // of one colour (folds, shadows) still make a solid product.
        guard let main = colors.first, let mainCentre = centres[main.name]?.centre else { return "solid" }
        let distinct = colors.dropFirst().filter { color in
            guard color.fraction >= 0.12, let centre = centres[color.name]?.centre else { return false }
            return centre.deltaE2000(to: mainCentre) >= 15
        }
        guard !distinct.isEmpty, main.fraction < 0.85 else { return "solid" }
        // Many changes of colour between neighbouring pixels make a pattern (stripes, checks,
        // prints); few make colour blocks.
        var nameAt = [Int](repeating: -1, count: width * height)
        // Clusters merged under one name share an index: looked up once per cluster, not per pixel.
        var nameIndex: [String: Int] = [:]
        let clusterNameIndex = clusterName.map { name in
            let index = nameIndex[name] ?? nameIndex.count
            nameIndex[name] = index
            return index
        }
        for (position, pixel) in productIndices.enumerated() where position < assignment.count {
            nameAt[pixel] = clusterNameIndex[assignment[position]]
        }
        var pairs = 0, changes = 0
        for y in 0..<height {
            for x in 0..<width {
                let here = nameAt[y * width + x]
                guard here >= 0 else { continue }
                if x + 1 < width, nameAt[y * width + x + 1] >= 0 {
                    pairs += 1
                    if nameAt[y * width + x + 1] != here { changes += 1 }
                }
                if y + 1 < height, nameAt[(y + 1) * width + x] >= 0 {
                    pairs += 1
                    if nameAt[(y + 1) * width + x] != here { changes += 1 }
                }
            }
        }
        let changeRate = Double(changes) / Double(max(1, pairs))
        return changeRate > 0.03 ? "pattern" : "multicolour"
    }
}
