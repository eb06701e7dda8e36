/// Separates a product from a plain studio background: the border's colour is estimated, and the
/// region of that colour connected to the border is background; everything else is the product.
public struct BackgroundSeparator: Sendable {
    public enum Kind: String, Sendable {
        /// The border is one colour (studio shot): it and what touches it in that colour is removed.
        case plain
        /// The border is transparent (a cut-out PNG/WebP).
        case transparent
        /// The border is varied (a scene): every pixel counts as product.
        case busy
    }

    public struct Result: Sendable {
        public var kind: Kind
        /// Per pixel, row-major: whether it belongs to the product.
        public var isProduct: [Bool]
        public var productCount: Int
        /// The estimated background colour, when plain.
        public var background: Lab?
    }

    /// How far (CIE76) a pixel may be from the border estimate and still be background.
    public var tolerance: Double = 14
    /// Share of the border that must match the estimate for the background to count as plain.
    public var plainShare: Double = 0.7
    /// Below this share of product pixels the image is taken to be all product (a fabric swatch).
    public var minimumProductShare: Double = 0.01

    public init() {}

    /// - Parameters:
    ///   - labs: per pixel, row-major.
    ///   - alphas: per pixel, row-major.
    public func separate(labs: [Lab], alphas: [UInt8], width: Int, height: Int) -> Result {
        let count = width * height
        let opaque = alphas.map { $0 >= 128 }
        let ring = max(1, min(width, height) * 3 / 100)
        var border: [Int] = []
        for y in 0..<height {
            for x in 0..<width where x < ring || y < ring || x >= width - ring || y >= height - ring {
                border.append(y * width + x)
            }
        }
        let opaqueBorder = border.filter { opaque[$0] }
        let opaqueCount = opaque.reduce(0) { $0 + ($1 ? 1 : 0) }
        let everything = Result(kind: .busy, isProduct: opaque, productCount: opaqueCount, background: nil)
        if opaqueBorder.count * 2 < border.count {
            // Mostly transparent border: transparency is the background.
            return Result(kind: .transparent, isProduct: opaque, productCount: opaqueCount, background: nil)
        }
        let estimate = Lab(l: median(opaqueBorder.map { labs[$0].l }), a: median(opaqueBorder.map { labs[$0].a }),
                           b: median(opaqueBorder.map { labs[$0].b }))
        let limit = tolerance * tolerance
        let matching = opaqueBorder.reduce(0) { $0 + (labs[$1].distanceSquared(to: estimate) <= limit ? 1 : 0) }
        guard Double(matching) >= plainShare * Double(opaqueBorder.count) else { return everything }

        // Flood fill from the matching border pixels through pixels of the background colour, so
        // product parts of the same colour that do not touch the border stay product.
        var isBackground = opaque.map { !$0 }
        var stack: [Int] = []
        for index in opaqueBorder where labs[index].distanceSquared(to: estimate) <= limit {
            isBackground[index] = true
            stack.append(index)
        }
        func visit(_ next: Int) {
            if !isBackground[next], labs[next].distanceSquared(to: estimate) <= limit {
                isBackground[next] = true
                stack.append(next)
            }
        }
        while let index = stack.popLast() {
            let x = index % width
            if x > 0 { visit(index - 1) }
            if x + 1 < width { visit(index + 1) }
            if index >= width { visit(index - width) }
            if index + width < count { visit(index + width) }
        }
        let isProduct = isBackground.map { !$0 }
        let productCount = isProduct.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard Double(productCount) >= minimumProductShare * Double(count) else {
            // Nothing but the plain colour: the picture is of the colour itself.
            return Result(kind: .busy, isProduct: opaque, productCount: opaqueCount, background: nil)
        }
        return Result(kind: .plain, isProduct: isProduct, productCount: productCount, background: estimate)
    }

    private func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
