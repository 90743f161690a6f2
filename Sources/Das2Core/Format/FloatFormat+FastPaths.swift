extension FloatFormat {
    /// ``append(_:to:)`` for das2's `asciiN` writer formats, `%W.Pe` without flags (P <= 16).
    ///
    /// Produces the same text as ``layout(_:)`` and ``emit(_:into:)`` with the flag handling
    /// compiled out and every intermediate in a register: these formats run tens of millions of
    /// times per second in `das2_ascii`.
    /// - Returns: false when the format or value is not covered.
    @inline(__always)
    func appendExponentialFast(_ value: Double, to bytes: inout [UInt8]) -> Bool {
        let precision = self.precision
        guard precision >= 0, precision <= 16, width <= 64, flags.isEmpty, value.isFinite else { return false }
        let (mantissa, exponent, negative) = Self.decompose(value)
        var digits: UInt64 = 0
        var decimalExponent = 0
        if mantissa != 0 {
            guard let rounded = Self.significantDigits(mantissa: mantissa, exponent: exponent, count: precision &+ 1)
            else { return false }
            digits = rounded.digits
            decimalExponent = rounded.exponent
        }
        let count = precision &+ 1
        let point = precision > 0
        let natural = negative &+ count &+ (point ? 1 : 0) &+ (decimalExponent.magnitude >= 100 ? 5 : 4)
        let total = max(natural, width)
        let padding = total &- natural
        bytes.append(addingCapacity: total) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                let out = buffer.baseAddress.unsafelyUnwrapped
                let end = out + total
                Self.fill(UInt8(ascii: " "), count: padding, at: out, end: end)
                // Unconditional store: without a sign the digits overwrite it.
                (out + padding).pointee = UInt8(ascii: "-")
                let position = Self.writeDigits(
                    digits, count: count, integerDigits: 1, point: point, at: out + padding + negative, end: end)
                _ = Self.writeExponent(decimalExponent, at: position)
                initialized = total
            }
        }
        return true
    }

    /// ``append(_:to:)`` for das2's time-seconds formats, `%W.Pf` and `%0W.Pf` (P <= 16); see
    /// ``appendExponentialFast(_:to:)``.
    /// - Returns: false when the format or value is not covered.
    @inline(__always)
    func appendFixedFast(_ value: Double, to bytes: inout [UInt8]) -> Bool {
        let precision = self.precision
        guard precision >= 0, precision <= 16, width <= 64, flags.isSubset(of: .zeroPad), value.isFinite
        else { return false }
        let (mantissa, exponent, negative) = Self.decompose(value)
        var digits: UInt64 = 0
        if mantissa != 0 {
            guard case .value(let rounded) = DecimalRounding.round(mantissa: mantissa, exponent: exponent, q: precision)
            else { return false }
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
        guard count <= 24 else { return false }
        let integerDigits = count &- precision
        bytes.append(addingCapacity: total) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                let out = buffer.baseAddress.unsafelyUnwrapped
                let end = out + total
                Self.fill(UInt8(ascii: " "), count: padding, at: out, end: end)
                (out + padding).pointee = UInt8(ascii: "-")
                _ = Self.writeDigits(
                    digits, count: count, integerDigits: integerDigits, point: point, at: out + padding + negative,
                    end: end)
                initialized = total
            }
        }
        return true
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
