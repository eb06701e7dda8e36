/// k-means in CIE Lab with deterministic seeding: the same pixels always give the same clusters.
///
/// Seeds are the means of the most populated cells of a coarse Lab grid, skipping cells too close
/// to a seed already taken, so the result does not depend on a random generator or pixel order.
public struct KMeans: Sendable {
    public struct Cluster: Sendable {
        public var centre: Lab
        public var count: Int
        /// Mean sRGB of the members (what the hex shows).
        public var meanRGB: RGB
    }

    public var maxClusters: Int
    public var maxIterations: Int
    /// Seeds closer than this (CIE76) to an earlier seed are skipped.
    public var seedSeparation: Double
    /// Seeding and iterations use at most this many points, one from each equal run of points at
    /// a position drawn by a fixed-seed generator: the same pixels always give the same sample, and
    /// a pattern whose period matches the run length is not aliased into one colour. A few
    /// thousand find the dominant colours as well as all of them; every point is then assigned
    /// once, for the counts, centres and means.
    public var maxSamples: Int

    public init(maxClusters: Int = 6, maxIterations: Int = 16, seedSeparation: Double = 12, maxSamples: Int = 4096) {
        self.maxClusters = maxClusters
        self.maxIterations = maxIterations
        self.seedSeparation = seedSeparation
        self.maxSamples = maxSamples
    }

    /// Clusters `points` (with their sRGB values); returns the clusters and each point's cluster.
    public func cluster(_ points: [Lab], rgb: [RGB]) -> (clusters: [Cluster], assignment: [Int]) {
        guard !points.isEmpty, maxClusters > 0 else { return ([], []) }
        let step = max(1, (points.count + maxSamples - 1) / max(1, maxSamples))
        let samples = step == 1 ? points : Self.sample(points, step: step)
        var centres = seeds(samples)
        var sampleAssignment = [Int](repeating: -1, count: samples.count)
        for _ in 0..<maxIterations {
            let changed = assign(samples, to: centres, into: &sampleAssignment)
            update(&centres, from: samples, sampleAssignment)
            if !changed { break }
        }
        var assignment = sampleAssignment
        if step > 1 {
            assignment = [Int](repeating: -1, count: points.count)
            assign(points, to: centres, into: &assignment)
            update(&centres, from: points, assignment)
        }
        var totals = [(r: Int, g: Int, b: Int, n: Int)](repeating: (0, 0, 0, 0), count: centres.count)
        for (index, colour) in rgb.enumerated() where index < assignment.count {
            let c = assignment[index]
            totals[c].r += Int(colour.r)
            totals[c].g += Int(colour.g)
            totals[c].b += Int(colour.b)
            totals[c].n += 1
        }
        let clusters = centres.indices.map { c in
            let n = max(1, totals[c].n)
            return Cluster(centre: centres[c], count: totals[c].n,
                           meanRGB: RGB(r: UInt8(totals[c].r / n), g: UInt8(totals[c].g / n), b: UInt8(totals[c].b / n)))
        }
        return (clusters, assignment)
    }

    /// One point from each run of `step` points, at a pseudo-random offset from a fixed seed.
    static func sample(_ points: [Lab], step: Int) -> [Lab] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return stride(from: 0, to: points.count, by: step).map { start in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return points[start + Int((state >> 33) % UInt64(min(step, points.count - start)))]
        }
    }

    /// Sets each point's nearest centre; says whether any changed.
    @discardableResult
    private func assign(_ points: [Lab], to centres: [Lab], into assignment: inout [Int]) -> Bool {
        var changed = false
        for (index, point) in points.enumerated() {
            let nearest = nearestCentre(point, centres)
            if assignment[index] != nearest {
                assignment[index] = nearest
                changed = true
            }
        }
        return changed
    }

    /// Moves each centre with members to their mean.
    private func update(_ centres: inout [Lab], from points: [Lab], _ assignment: [Int]) {
        var sums = [(l: Double, a: Double, b: Double, n: Int)](repeating: (0, 0, 0, 0), count: centres.count)
        for (index, point) in points.enumerated() {
            let c = assignment[index]
            sums[c].l += point.l
            sums[c].a += point.a
            sums[c].b += point.b
            sums[c].n += 1
        }
        for c in centres.indices where sums[c].n > 0 {
            let n = Double(sums[c].n)
            centres[c] = Lab(l: sums[c].l / n, a: sums[c].a / n, b: sums[c].b / n)
        }
    }

    @inline(__always)
    private func nearestCentre(_ point: Lab, _ centres: [Lab]) -> Int {
        var best = 0
        var bestDistance = Double.infinity
        for (index, centre) in centres.enumerated() {
            let distance = point.distanceSquared(to: centre)
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }

    /// Means of the most populated 10-unit Lab cells, well separated.
    func seeds(_ points: [Lab]) -> [Lab] {
        struct Cell { var l = 0.0, a = 0.0, b = 0.0, n = 0 }
        var cells: [Int: Cell] = [:]
        for point in points {
            // L in 0…100, a and b within ±128: shift to non-negative cells of 10 units.
            let key = Int(point.l / 10) * 10_000 + Int((point.a + 130) / 10) * 100 + Int((point.b + 130) / 10)
            cells[key, default: Cell()].l += point.l
            cells[key, default: Cell()].a += point.a
            cells[key, default: Cell()].b += point.b
            cells[key, default: Cell()].n += 1
        }
        let ordered = cells.sorted { $0.value.n != $1.value.n ? $0.value.n > $1.value.n : $0.key < $1.key }
        var seeds: [Lab] = []
        let separation = seedSeparation * seedSeparation
        for (_, cell) in ordered {
            let n = Double(cell.n)
            let mean = Lab(l: cell.l / n, a: cell.a / n, b: cell.b / n)
            if seeds.allSatisfy({ $0.distanceSquared(to: mean) >= separation }) {
                seeds.append(mean)
                if seeds.count == maxClusters { break }
            }
        }
        return seeds
    }
}
