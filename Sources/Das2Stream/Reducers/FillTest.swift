/// das2C's fill comparison, `|(fill - v) / fill| < 1e-5` (or `v == 0` when fill is 0),
/// answered without a division for all but a sliver of values.
///
/// The division's result only matters within a hair of the threshold, so values clearly
/// inside or outside are decided by comparing `|fill - v|` with precomputed bounds; the rest
/// take the exact das2C expression. The answer is identical to ``Plane/isFill(_:fill:)``.
struct FillTest: Sendable {
    let fill: Double
    let below: Double
    let above: Double
    let isFast: Bool

    init(fill: Double) {
        self.fill = fill
        let threshold = 1e-5 * abs(fill)
        // Margins far wider than the rounding error of the division and of these products.
        below = threshold * (1 - 0x1p-40)
        above = threshold * (1 + 0x1p-40)
        isFast = fill != 0 && fill.isNormal && threshold.isNormal && above.isFinite
    }

    @inline(__always)
    func isFill(_ value: Double) -> Bool {
        if isFast {
            let distance = abs(fill - value)
            if distance < below { return true }
            if distance > above { return false }
        }
        return Plane.isFill(value, fill: fill)
    }
}

/// Where a run's statistics go: item `i` of the run updates element `i` of each.
struct Accumulators {
    var sums: UnsafeMutablePointer<Double>
    var counts: UnsafeMutablePointer<Double>
    /// Minima and maxima (`-r`), when kept.
    var extremes: (minima: UnsafeMutablePointer<Double>, maxima: UnsafeMutablePointer<Double>)?
    /// Peaks (`das2_bin_peakavgsec`), when kept.
    var peaks: UnsafeMutablePointer<Double>?

    func advanced(by offset: Int) -> Accumulators {
        Accumulators(
            sums: sums + offset, counts: counts + offset,
            extremes: extremes.map { ($0.minima + offset, $0.maxima + offset) },
            peaks: peaks.map { $0 + offset }
        )
    }
}

extension FillTest {
    /// Adds the non-fill values among `count` values to per-item statistics: sums and counts,
    /// and when kept minima, maxima (the first value, then any lower or higher one) and peaks
    /// (the first value, then any higher one), so a NaN stays only when it came first.
    ///
    /// Runs of 8 or more values go four at a time: a first pass looks for values the bounds
    /// cannot decide (within a hair of the threshold); when there are none, fill values add
    /// `-0.0` to their sum, which changes no sum, not even the sign of a zero, and leave the
    /// other statistics as they are. Otherwise, and for short runs, the exact scalar test is
    /// used.
    @inline(__always)
    func accumulate(_ values: UnsafePointer<Double>, count: Int, into statistics: Accumulators) {
        guard count >= 8, fill == 0 || isFast, !hasUndecided(values, count: count) else {
            for index in 0..<count where !isFill(values[index]) {
                Self.add(values[index], at: index, to: statistics)
            }
            return
        }
        let lanes = count & ~3
        var index = 0
        let one = SIMD4<Double>(repeating: 1)
        let zero = SIMD4<Double>(repeating: 0)
        let negativeZero = SIMD4<Double>(repeating: -0.0)
        while index < lanes {
            let value = Self.load(values + index)
            let skip = skipMask(value)
            let total = Self.load(statistics.counts + index)
            let first = total .== zero
            Self.store(Self.load(statistics.sums + index) + value.replacing(with: negativeZero, where: skip), at: statistics.sums + index)
            Self.store(total + one.replacing(with: zero, where: skip), at: statistics.counts + index)
            if let (minima, maxima) = statistics.extremes {
                let low = Self.load(minima + index)
                let high = Self.load(maxima + index)
                let newLow = low.replacing(with: value, where: first .| (value .< low))
                let newHigh = high.replacing(with: value, where: first .| (value .> high))
                Self.store(newLow.replacing(with: low, where: skip), at: minima + index)
                Self.store(newHigh.replacing(with: high, where: skip), at: maxima + index)
            }
            if let peaks = statistics.peaks {
                let peak = Self.load(peaks + index)
                let newPeak = peak.replacing(with: value, where: first .| (value .> peak))
                Self.store(newPeak.replacing(with: peak, where: skip), at: peaks + index)
            }
            index += 4
        }
        while index < count {
            if !isFill(values[index]) { Self.add(values[index], at: index, to: statistics) }
            index += 1
        }
    }

    /// One non-fill value.
    @inline(__always)
    static func add(_ value: Double, at index: Int, to statistics: Accumulators) {
        let first = statistics.counts[index] == 0
        statistics.sums[index] += value
        statistics.counts[index] += 1
        if let (minima, maxima) = statistics.extremes {
            if first || value < minima[index] { minima[index] = value }
            if first || value > maxima[index] { maxima[index] = value }
        }
        if let peaks = statistics.peaks, first || value > peaks[index] {
            peaks[index] = value
        }
    }

    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD4<Double>, at pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
    }

    /// Lanes that are certainly fill (only valid once no lane is undecided).
    @inline(__always)
    private func skipMask(_ value: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> {
        if fill == 0 { return value .== SIMD4(repeating: 0) }
        let distance = SIMD4<Double>(repeating: fill) - value
        return (distance .< SIMD4(repeating: below)) .& (distance .> SIMD4(repeating: -below))
    }

    /// Whether some value is neither certainly fill nor certainly not.
    @inline(__always)
    private func hasUndecided(_ values: UnsafePointer<Double>, count: Int) -> Bool {
        if fill == 0 { return false }
        let lanes = count & ~3
        let fills = SIMD4<Double>(repeating: fill)
        let lower = SIMD4<Double>(repeating: below)
        let upper = SIMD4<Double>(repeating: above)
        let magnitudeBits = SIMD4<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        var undecided = SIMD4<Int64>(repeating: 0)
        var index = 0
        while index < lanes {
            let difference = fills - UnsafeRawPointer(values + index).loadUnaligned(as: SIMD4<Double>.self)
            let distance = unsafeBitCast(unsafeBitCast(difference, to: SIMD4<UInt64>.self) & magnitudeBits, to: SIMD4<Double>.self)
            // Inside the band both comparisons hold; NaN holds neither and is decided (not fill).
            let inBand = (distance .>= lower) .& (distance .<= upper)
            undecided |= unsafeBitCast(inBand, to: SIMD4<Int64>.self)
            index += 4
        }
        while index < count {
            let distance = abs(fill - values[index])
            if distance >= below && distance <= above { return true }
            index += 1
        }
        return undecided != SIMD4(repeating: 0)
    }
}
