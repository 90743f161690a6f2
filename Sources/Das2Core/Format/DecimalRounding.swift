/// Rounds `m · 2^e · 10^q` to the nearest integer, ties to even, using a 128-bit power of ten.
///
/// The product of the 64-bit significand and the truncated 128-bit power of ten (``PowersOfTen``)
/// is exact for `0 ≤ q ≤ 55`; otherwise it falls short of the true value by less than one unit of
/// the significand in the 192-bit product, which certifies the rounding direction everywhere except
/// within that distance of a half-integer. There an exact tie (possible only for `-22 ≤ q < 0`) is
/// recognised arithmetically; anything else is reported as ``Outcome/undecided``.
enum DecimalRounding {
    /// The result of a rounding request.
    enum Outcome {
        /// The correctly rounded integer.
        case value(UInt64)
        /// The product is 2^64 or more, or `q` lies outside the table.
        case overflow
        /// The product is too close to a half-integer to decide with 128-bit precision.
        case undecided
    }

    /// Rounds `mantissa · 2^exponent · 10^q` half to even.
    /// - Parameters:
    ///   - mantissa: the binary significand, nonzero, at most 64 bits.
    ///   - exponent: the binary exponent.
    ///   - q: the decimal scale.
    /// - Returns: the rounded integer, or why it could not be computed.
    @inline(__always)
    static func round(mantissa: UInt64, exponent: Int, q: Int) -> Outcome {
        guard q >= PowersOfTen.minExponent, q <= PowersOfTen.maxExponent else { return .overflow }
        let shift = mantissa.leadingZeroBitCount
        let m64 = mantissa &<< UInt64(shift)
        let index = (q &- PowersOfTen.minExponent) &* 2
        let (high, low) = PowersOfTen.mantissas.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
        // P = m64 · (high:low), 192 bits p2:p1:p0; the value is P · 2^-s.
        let (a1, a0) = m64.multipliedFullWidth(by: low)
        let (b1, b0) = m64.multipliedFullWidth(by: high)
        let (p1, carry) = b0.addingReportingOverflow(a1)
        let p2 = b1 &+ (carry ? 1 : 0)
        let s = 127 &- ((q &* 217_706) >> 16) &- (exponent &- shift)
        if s < 128 { return .overflow }
        if s > 192 { return .value(0) }

        // Integer part and the top 64 bits of the fraction (1 << 63 is one half).
        let integer: UInt64
        let fraction: UInt64
        let rest: Bool
        if s == 192 {
            integer = 0
            fraction = p2
            rest = p1 | a0 != 0
        } else if s == 128 {
            integer = p2
            fraction = p1
            rest = a0 != 0
        } else {
            let r = UInt64(s &- 128)
            integer = p2 &>> r
            fraction = (p2 &<< (64 &- r)) | (p1 &>> r)
            rest = (p1 &<< (64 &- r)) | a0 != 0
        }
        let half: UInt64 = 1 << 63
        // Away from [half - 2, half] the approximation decides: branch-free, since the rounding
        // direction of data is random.
        if fraction &- (half &- 2) > 2 {
            if integer == .max && fraction > half { return .overflow }
            return .value(integer &+ (fraction > half ? 1 : 0))
        }
        return roundNearHalf(
            integer: integer, fraction: fraction, rest: rest, mantissa: mantissa, exponent: exponent, q: q)
    }

    /// The decision for a fraction in [half - 2, half] units of 2^-64.
    @inline(never)
    private static func roundNearHalf(
        integer: UInt64, fraction: UInt64, rest: Bool, mantissa: UInt64, exponent: Int, q: Int
    ) -> Outcome {
        let half: UInt64 = 1 << 63
        let exact = q >= 0 && q <= 55
        let up: Bool
        if fraction == half && (rest || !exact) {
            // Above one half, for an inexact product even when its remaining bits are zero,
            // since the true value exceeds the truncated one.
            up = true
        } else if fraction == half || (!exact && isExactTie(mantissa: mantissa, exponent: exponent, q: q)) {
            up = integer & 1 == 1
        } else if exact {
            up = false
        } else {
            // Below one half by the approximation, but the true value is up to two fraction units
            // higher and not a tie: 128 bits cannot tell.
            return .undecided
        }
        if !up { return .value(integer) }
        return integer == .max ? .overflow : .value(integer &+ 1)
    }

    /// Whether `mantissa · 2^exponent · 10^q` is exactly an odd multiple of one half (`q < 0`).
    private static func isExactTie(mantissa: UInt64, exponent: Int, q: Int) -> Bool {
        // 2·m·2^e / (2^-q · 5^-q) is an odd integer iff the odd part of m is a multiple of 5^-q
        // and the powers of two cancel exactly.
        guard q < 0, q >= -27 else { return false }
        let zeros = mantissa.trailingZeroBitCount
        guard exponent &+ zeros &+ 1 == -q else { return false }
        var power: UInt64 = 1
        for _ in 0 ..< -q { power &*= 5 }
        return (mantissa &>> UInt64(zeros)) % power == 0
    }
}
