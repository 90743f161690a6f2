extension CNumberParser {
    /// `mantissa · 10^exponent` correctly rounded, or nil when only `strtod` can decide.
    /// - Parameters:
    ///   - mantissa: the first significant digits (fewer than 20).
    ///   - exponent: the decimal exponent of the last digit in `mantissa`.
    ///   - negative: the sign.
    ///   - truncated: whether nonzero digits after `mantissa` were dropped, so the true value lies
    ///     strictly between `mantissa` and `mantissa + 1` times the power.
    @inline(__always)
    static func decimalToDouble(_ mantissa: UInt64, _ exponent: Int, negative: Bool, truncated: Bool) -> Double? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        // Below 10^19 · 10^-343 the value rounds to zero; from 10^309 up it overflows.
        if exponent < -342 { return negative ? -0.0 : 0.0 }
        if exponent > 308 { return negative ? -.infinity : .infinity }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            // Clinger: both operands are exact doubles, so one IEEE operation rounds correctly.
            let value = Double(mantissa)
            let power = exactPowersOfTen.withUnsafeBufferPointer { $0[Int(exponent.magnitude)] }
            let result = exponent < 0 ? value / power : value * power
            return negative ? -result : result
        }
        guard let value = eiselLemire(mantissa, exponent, negative: negative) else { return nil }
        if truncated {
            // Both neighbours of the true value must round to the same double.
            guard let upper = eiselLemire(mantissa &+ 1, exponent, negative: negative),
                  upper.bitPattern == value.bitPattern
            else { return nil }
        }
        return value
    }

    /// 10^0 ... 10^22, all exactly representable.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The Eisel–Lemire algorithm (as in Go's `strconv`): the 128-bit truncated power of ten
    /// times the normalized mantissa gives the rounded double unless the product is too close to
    /// a rounding boundary, the result is subnormal or it overflows; then nil.
    static func eiselLemire(_ mantissa: UInt64, _ exponent: Int, negative: Bool) -> Double? {
        guard exponent >= PowersOfTen.minExponent, exponent <= PowersOfTen.maxExponent else { return nil }
        let shift = mantissa.leadingZeroBitCount
        let normalized = mantissa &<< UInt64(shift)
        var binaryExponent = UInt64(bitPattern: Int64(((217_706 &* exponent) >> 16) &+ 64 &+ 1023))
            &- UInt64(shift)
        let index = (exponent &- PowersOfTen.minExponent) &* 2
        let (high, low) = PowersOfTen.mantissas.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
        var (productHigh, productLow) = normalized.multipliedFullWidth(by: high)
        // When the low 9 bits below the 54 kept ones are all ones, the discarded low half of the
        // power could carry into them: include it.
        if productHigh & 0x1FF == 0x1FF, productLow &+ normalized < normalized {
            let (extraHigh, extraLow) = normalized.multipliedFullWidth(by: low)
            var mergedHigh = productHigh
            let mergedLow = productLow &+ extraHigh
            if mergedLow < productLow { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF, mergedLow &+ 1 == 0, extraLow &+ normalized < normalized {
                return nil
            }
            productHigh = mergedHigh
            productLow = mergedLow
        }
        let top = productHigh >> 63
        var result = productHigh &>> (top &+ 9)
        binaryExponent &-= 1 ^ top
        // An exact half-way product needs the exact value to break the tie.
        if productLow == 0, productHigh & 0x1FF == 0, result & 3 == 1 { return nil }
        result &+= result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            binaryExponent &+= 1
        }
        // Subnormal (exponent 0 or wrapped) or infinite results are left to strtod.
        if binaryExponent &- 1 >= 0x7FF &- 1 { return nil }
        var bits = binaryExponent << 52 | result & 0x000F_FFFF_FFFF_FFFF
        if negative { bits |= 1 << 63 }
        return Double(bitPattern: bits)
    }
}
