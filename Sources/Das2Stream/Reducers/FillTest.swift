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

extension FillTest {
    /// Adds the non-fill values among `count` values to per-item sums and counts, as
    /// `sums[i] += v; counts[i] += 1` for each non-fill `values[i]`.
    ///
    /// Four values at a time: a first pass looks for values the bounds cannot decide (within
    /// a hair of the threshold, or NaN); when there are none, fill values add `-0.0` to their
    /// sum, which changes no sum, not even the sign of a zero. Otherwise the exact scalar
    /// test is used for this call.
    @inline(__always)
    func accumulate(
        _ values: UnsafePointer<Double>,
        count: Int,
        sums: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Double>
    ) {
        guard fill == 0 || isFast, !hasUndecided(values, count: count) else {
            for index in 0..<count where !isFill(values[index]) {
                sums[index] += values[index]
                counts[index] += 1
            }
            return
        }
        let lanes = count & ~3
        var index = 0
        let one = SIMD4<Double>(repeating: 1)
        let zero = SIMD4<Double>(repeating: 0)
        let negativeZero = SIMD4<Double>(repeating: -0.0)
        while index < lanes {
            let value = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD4<Double>.self)
            let skip = skipMask(value)
            let sum = UnsafeRawPointer(sums + index).loadUnaligned(as: SIMD4<Double>.self)
            let total = UnsafeRawPointer(counts + index).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(sums + index).storeBytes(of: sum + value.replacing(with: negativeZero, where: skip), as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(counts + index).storeBytes(of: total + one.replacing(with: zero, where: skip), as: SIMD4<Double>.self)
            index += 4
        }
        while index < count {
            if !isFill(values[index]) {
                sums[index] += values[index]
                counts[index] += 1
            }
            index += 1
        }
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
