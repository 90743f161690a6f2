extension FloatFormat {
    /// A finite value ready to write, its length known before writing.
    ///
    /// The text is `padding` blanks, the sign, `digitCount` digits of `digits` (zero-padded on the
    /// left, which also gives the `0` flag's padding) with a point after the first
    /// `integerDigits` of them when `point`, `e±XX` when `hasExponent`, and `trailing` blanks.
    struct Layout {
        var sign: UInt8
        var digits: UInt64 = 0
        var digitCount = 0
        var integerDigits = 1
        var point = false
        var hasExponent = false
        var exponent = 0
        var padding = 0
        var trailing = 0
        var total = 0
    }

    /// The sign character printed before the value, 0 for none.
    @inline(__always)
    func signCharacter(_ value: Double) -> UInt8 {
        if value.sign == .minus { return UInt8(ascii: "-") }
        if flags.contains(.plusSign) { return UInt8(ascii: "+") }
        if flags.contains(.spaceSign) { return UInt8(ascii: " ") }
        return 0
    }

    /// Lays out a finite value.
    /// - Returns: nil for NaN and infinity, and when the value or format needs `vsnprintf`
    ///   (more than 18 significant digits or 24 digit characters, an undecidable rounding).
    func layout(_ value: Double) -> Layout? {
        guard value.isFinite else { return nil }
        let (mantissa, exponent, _) = Self.decompose(value)
        var layout = Layout(sign: signCharacter(value))
        switch conversion {
        case .exponential:
            guard layOutExponential(mantissa: mantissa, exponent: exponent, into: &layout) else { return nil }
        case .fixed:
            guard layOutFixed(mantissa: mantissa, exponent: exponent, into: &layout) else { return nil }
        case .general:
            guard layOutGeneral(mantissa: mantissa, exponent: exponent, into: &layout) else { return nil }
        }
        var natural = layout.digitCount &+ (layout.point ? 1 : 0) &+ (layout.sign == 0 ? 0 : 1)
        if layout.hasExponent { natural &+= layout.exponent.magnitude >= 100 ? 5 : 4 }
        layout.total = max(natural, width)
        let padding = layout.total &- natural
        if flags.contains(.leftAlign) {
            layout.trailing = padding
        } else if flags.contains(.zeroPad) {
            layout.digitCount &+= padding
            layout.integerDigits &+= padding
        } else {
            layout.padding = padding
        }
        return layout.digitCount <= 24 ? layout : nil
    }

    private func layOutExponential(mantissa: UInt64, exponent: Int, into layout: inout Layout) -> Bool {
        let precision = effectivePrecision
        guard precision <= 17 else { return false }
        layout.digitCount = precision &+ 1
        layout.point = precision > 0 || flags.contains(.alternate)
        layout.hasExponent = true
        if mantissa != 0 {
            guard let rounded = Self.significantDigits(
                mantissa: mantissa, exponent: exponent, count: precision &+ 1)
            else { return false }
            layout.digits = rounded.digits
            layout.exponent = rounded.exponent
        }
        return true
    }

    private func layOutFixed(mantissa: UInt64, exponent: Int, into layout: inout Layout) -> Bool {
        let precision = effectivePrecision
        guard precision <= 23 else { return false }
        if mantissa != 0 {
            guard case .value(let rounded) = DecimalRounding.round(
                mantissa: mantissa, exponent: exponent, q: precision)
            else { return false }
            layout.digits = rounded
        }
        layout.digitCount = max(Self.decimalDigitCount(layout.digits), precision &+ 1)
        layout.integerDigits = layout.digitCount &- precision
        layout.point = precision > 0 || flags.contains(.alternate)
        return true
    }

    /// `%g`: P significant digits (precision 0 means 1); `%f` style when the rounded exponent X
    /// satisfies -4 <= X < P, else `%e` style; trailing fraction zeros removed unless `#`.
    private func layOutGeneral(mantissa: UInt64, exponent: Int, into layout: inout Layout) -> Bool {
        let significant = max(effectivePrecision, 1)
        guard significant <= 18 else { return false }
        let alternate = flags.contains(.alternate)
        var digits: UInt64 = 0
        var decimalExponent = 0
        var carried = false
        if mantissa != 0 {
            guard let rounded = Self.significantDigits(
                mantissa: mantissa, exponent: exponent, count: significant)
            else { return false }
            (digits, decimalExponent, carried) = rounded
        }
        let fixedStyle = decimalExponent >= -4 && decimalExponent < significant
        // Significant digits that are fraction digits, the only ones that may be stripped.
        let fractionDigits = fixedStyle ? significant &- 1 &- decimalExponent : significant &- 1
        var kept = significant
        if carried && decimalExponent == significant {
            // glibc quirk: a value with P integer digits that rounds up to 10^P switches from
            // %f to %e style keeping the %f style's zero fraction digits, even with '#'
            // ("%#.3g" of 999.5 is "1.e+03").
            digits = 1
            kept = 1
        } else if !alternate {
            var stripped = 0
            while stripped < fractionDigits, digits % 10 == 0 {
                digits /= 10
                stripped &+= 1
                kept &-= 1
            }
        }
        layout.digits = digits
        if !fixedStyle {
            layout.digitCount = kept
            layout.point = kept > 1 || alternate
            layout.hasExponent = true
            layout.exponent = decimalExponent
        } else if decimalExponent < 0 {
            // 0.000ddd: the leading zeros come from zero-padding the digit string.
            layout.digitCount = kept &- decimalExponent
            layout.point = true
        } else {
            layout.digitCount = kept
            layout.integerDigits = decimalExponent &+ 1
            layout.point = kept > layout.integerDigits || alternate
        }
        return true
    }

    /// Rounds a nonzero finite value to `count` (1...18) significant digits.
    /// - Returns: the digits D with 10^(count-1) <= D < 10^count, the decimal exponent of the
    ///   first digit, and whether rounding carried into a new leading digit (999.6 -> 1.00e+03);
    ///   nil when the rounding is undecided at 128-bit precision.
    @inline(__always)
    static func significantDigits(mantissa: UInt64, exponent: Int, count: Int)
        -> (digits: UInt64, exponent: Int, carried: Bool)?
    {
        // floor(log10(2^topBit)) is the decimal exponent or one less; it is one less exactly when
        // the next power of ten lies in the same binade and the value reaches it, which the
        // normalized significand and the power's truncated mantissa decide.
        let shift = mantissa.leadingZeroBitCount
        let normalized = mantissa &<< UInt64(truncatingIfNeeded: shift)
        let topBit = exponent &+ 63 &- shift
        var decimalExponent = (topBit &* 78_913) >> 18
        let next = decimalExponent &+ 1
        if (next &* 217_706) >> 16 == topBit {
            let index = (next &- PowersOfTen.minExponent) &* 2
            let (high, low) = PowersOfTen.mantissas.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
            // Equal top words mean "reached" only for a power that is exact in 64 bits.
            if normalized > high || (normalized == high && low == 0 && next >= 0 && next <= 27) {
                decimalExponent = next
            }
        }
        guard case .value(let digits) = DecimalRounding.round(
            mantissa: mantissa, exponent: exponent, q: count &- 1 &- decimalExponent)
        else { return nil }
        let limit = powerOfTen(count)
        if digits == limit { return (limit / 10, decimalExponent &+ 1, true) }
        return (digits, decimalExponent, false)
    }

    /// 10^n for n in 0...19.
    @inline(__always)
    static func powerOfTen(_ n: Int) -> UInt64 {
        powersOfTen.withUnsafeBufferPointer { $0[n] }
    }

    private static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
        100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ]

    /// The number of decimal digits of `value` (0 for 0).
    @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        // bits·log10(2) is the count or one less.
        let bits = 64 &- (value | 1).leadingZeroBitCount
        let guess = (bits &* 1_233) >> 12
        return guess &+ (value >= powerOfTen(guess) ? 1 : 0)
    }
}
