extension FloatFormat {
    /// The fast paths: the text of `value` at `out` when it fits `capacity` bytes.
    /// - Returns: nil when the format or value is not covered; otherwise the text's length,
    ///   written only when it is at most `capacity`.
    @inline(__always)
    func writeFast(_ value: Double, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int? {
        switch conversion {
        case .exponential: writeExponentialFast(value, to: out, capacity: capacity)
        case .fixed: writeFixedFast(value, to: out, capacity: capacity)
        case .general: nil
        }
    }

    /// das2's `asciiN` writer formats, `%W.Pe` without flags (P <= 16).
    ///
    /// Produces the same text as ``layout(_:)`` and ``emit(_:into:)`` with the flag handling
    /// compiled out and every intermediate in a register: these formats run tens of millions of
    /// times per second in `das2_ascii`. Results as ``writeFast(_:to:capacity:)``.
    @inline(__always)
    func writeExponentialFast(_ value: Double, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int? {
        let precision = self.precision
        guard precision >= 0, precision <= 16, width <= 64, flags.isEmpty, value.isFinite else { return nil }
        let (mantissa, exponent, negative) = Self.decompose(value)
        var digits: UInt64 = 0
        var decimalExponent = 0
        if mantissa != 0 {
            guard let rounded = Self.significantDigits(mantissa: mantissa, exponent: exponent, count: precision &+ 1)
            else { return nil }
            digits = rounded.digits
            decimalExponent = rounded.exponent
        }
        let count = precision &+ 1
        let point = precision > 0
        let natural = negative &+ count &+ (point ? 1 : 0) &+ (decimalExponent.magnitude >= 100 ? 5 : 4)
        let total = max(natural, width)
        guard total <= capacity else { return total }
        let padding = total &- natural
        let end = out + total
        Self.fill(UInt8(ascii: " "), count: padding, at: out, end: end)
        // Unconditional store: without a sign the digits overwrite it.
        (out + padding).pointee = UInt8(ascii: "-")
        let position = Self.writeDigits(
            digits, count: count, integerDigits: 1, point: point, at: out + padding + negative, end: end)
        _ = Self.writeExponent(decimalExponent, at: position)
        return total
    }

    /// das2's time-seconds formats, `%W.Pf` and `%0W.Pf` (P <= 16); see
    /// ``writeExponentialFast(_:to:capacity:)``.
    @inline(__always)
    func writeFixedFast(_ value: Double, to out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int? {
        let precision = self.precision
        guard precision >= 0, precision <= 16, width <= 64, flags.isSubset(of: .zeroPad), value.isFinite
        else { return nil }
        let (mantissa, exponent, negative) = Self.decompose(value)
        var digits: UInt64 = 0
        if mantissa != 0 {
            guard case .value(let rounded) = DecimalRounding.round(mantissa: mantissa, exponent: exponent, q: precision)
            else { return nil }
            digits = rounded
        }
        var count = max(Self.decimalDigitCount(digits), precision &+ 1)
        let point = precision > 0
        let natural = negative &+ count &+ (point ? 1 : 0)
        let total = max(natural, width)
        var padding = total &- natural
        if flags.contains(.zeroPad) {
            // Zeros after the sign are leading digits.
            count &+= padding
            padding = 0
        }
        guard count <= 24 else { return nil }
        guard total <= capacity else { return total }
        let integerDigits = count &- precision
        let end = out + total
        Self.fill(UInt8(ascii: " "), count: padding, at: out, end: end)
        (out + padding).pointee = UInt8(ascii: "-")
        _ = Self.writeDigits(
            digits, count: count, integerDigits: integerDigits, point: point, at: out + padding + negative, end: end)
        return total
    }

    /// The binary significand and exponent of a finite value, and 1 when its sign bit is set.
    @inline(__always)
    static func decompose(_ value: Double) -> (mantissa: UInt64, exponent: Int, negative: Int) {
        let bits = value.bitPattern
        let biased = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        let fraction = bits & 0x000F_FFFF_FFFF_FFFF
        let mantissa = biased == 0 ? fraction : fraction | (1 << 52)
        return (mantissa, biased == 0 ? -1074 : biased &- 1075, Int(truncatingIfNeeded: bits >> 63))
    }
}
