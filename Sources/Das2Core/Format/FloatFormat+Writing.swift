extension FloatFormat {
    /// Writes a laid-out value: exactly `layout.total` bytes at `out`.
    @inline(__always)
    func emit(_ layout: Layout, into out: UnsafeMutablePointer<UInt8>) {
        let end = out + layout.total
        Self.fill(UInt8(ascii: " "), count: layout.padding, at: out, end: end)
        var position = out + layout.padding
        // Unconditional store: without a sign the digits overwrite it.
        position.pointee = layout.sign
        position += layout.sign == 0 ? 0 : 1
        position = Self.writeDigits(
            layout.digits, count: layout.digitCount, integerDigits: layout.integerDigits,
            point: layout.point, at: position, end: end)
        if layout.hasExponent {
            position = Self.writeExponent(layout.exponent, at: position)
        }
        Self.fill(UInt8(ascii: " "), count: layout.trailing, at: position, end: end)
    }

    /// `nan` or `inf` with sign and blank padding (glibc ignores the `0` flag for them).
    /// - Parameter out: room for ``maxLength`` bytes.
    /// - Returns: the byte count.
    func emitNonFinite(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let sign = signCharacter(value)
        let natural = sign == 0 ? 3 : 4
        let padding = max(width &- natural, 0)
        var position = out
        if !flags.contains(.leftAlign) {
            position.update(repeating: UInt8(ascii: " "), count: padding)
            position += padding
        }
        if sign != 0 {
            position.pointee = sign
            position += 1
        }
        let word: (UInt8, UInt8, UInt8) = value.isNaN
            ? (UInt8(ascii: "n"), UInt8(ascii: "a"), UInt8(ascii: "n"))
            : (UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "f"))
        position[0] = word.0
        position[1] = word.1
        position[2] = word.2
        if flags.contains(.leftAlign) {
            (position + 3).update(repeating: UInt8(ascii: " "), count: padding)
        }
        return natural &+ padding
    }

    /// Writes `count` (at most 24) digits of `digits`, zero-padded on the left, with a point after
    /// the first `integerDigits` when `point`; stores stay below `end`.
    /// - Returns: the position after the text.
    ///
    /// Up to 7 digits are assembled with their point in one register. Longer strings are written
    /// one byte to the right in 8-byte stores; the integer digits then move back over the gap
    /// and the point goes after them. A store may run past its piece when there is room before
    /// `end`; the following pieces overwrite the excess.
    @inline(__always)
    static func writeDigits(
        _ digits: UInt64, count: Int, integerDigits: Int, point: Bool,
        at start: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let low = asciiDigits(digits % 100_000_000)
        if count <= 7 {
            var word = low &>> UInt64(truncatingIfNeeded: (8 &- count) &* 8)
            var length = count
            if point {
                let split = UInt64(truncatingIfNeeded: integerDigits &* 8)
                word = (word & ((1 &<< split) &- 1)) | (UInt64(UInt8(ascii: ".")) &<< split)
                    | ((word &>> split) &<< (split &+ 8))
                length &+= 1
            }
            storeSmall(word, count: length, at: start, end: end)
            return start + length
        }
        let position = point ? start + 1 : start
        let upper = digits / 100_000_000
        let middle = asciiDigits(upper % 100_000_000)
        if count <= 8 {
            storeSmall(low, count: 8, at: position, end: end)
        } else if count <= 16 {
            let head = middle &>> UInt64(truncatingIfNeeded: (16 &- count) &* 8)
            storeSmall(head, count: count &- 8, at: position, end: end)
            storeSmall(low, count: 8, at: position + (count &- 8), end: end)
        } else {
            let top = asciiDigits(upper / 100_000_000) &>> UInt64(truncatingIfNeeded: (24 &- count) &* 8)
            storeSmall(top, count: count &- 16, at: position, end: end)
            storeSmall(middle, count: 8, at: position + (count &- 16), end: end)
            storeSmall(low, count: 8, at: position + (count &- 8), end: end)
        }
        guard point else { return start + count }
        if integerDigits == 1 {
            start[0] = start[1]
        } else {
            for index in 0 ..< integerDigits { start[index] = start[index &+ 1] }
        }
        start[integerDigits] = UInt8(ascii: ".")
        return start + (count &+ 1)
    }

    /// Writes `e`, the sign and at least two digits; returns the position after them.
    @inline(__always)
    static func writeExponent(_ exponent: Int, at position: UnsafeMutablePointer<UInt8>)
        -> UnsafeMutablePointer<UInt8>
    {
        position[0] = UInt8(ascii: "e")
        position[1] = exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        var magnitude = Int(truncatingIfNeeded: exponent.magnitude)
        var next = position + 2
        if magnitude >= 100 {
            next.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / 100)
            magnitude %= 100
            next += 1
        }
        let pair = digitPairs.utf8Start + magnitude &* 2
        next[0] = pair[0]
        next[1] = pair[1]
        return next + 2
    }

    /// The 8 decimal digits of `value` (< 10^8, zero-padded) as ASCII bytes, first digit in the
    /// lowest byte: each step splits every lane in two with a multiply-shift division.
    @inline(__always)
    static func asciiDigits(_ value: UInt64) -> UInt64 {
        let merged = (value / 10_000) | ((value % 10_000) &<< 32)
        let hundreds = ((merged &* 10_486) &>> 20) & 0x0000_007F_0000_007F
        let lanes = ((merged &- hundreds &* 100) &<< 16) &+ hundreds
        let tens = ((lanes &* 103) &>> 10) & 0x000F_000F_000F_000F
        let digits = tens &+ ((lanes &- tens &* 10) &<< 8)
        return digits | 0x3030_3030_3030_3030
    }

    /// Stores the first `count` (1...8) bytes of `word` (lowest byte first) at `position`: one
    /// 8-byte store when that fits before `end`, else overlapping 4-byte stores or single bytes.
    @inline(__always)
    static func storeSmall(
        _ word: UInt64, count: Int, at position: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>
    ) {
        let raw = UnsafeMutableRawPointer(position)
        if end - position >= 8 {
            raw.storeBytes(of: word.littleEndian, as: UInt64.self)
        } else if count >= 4 {
            raw.storeBytes(of: UInt32(truncatingIfNeeded: word).littleEndian, as: UInt32.self)
            let tail = UInt32(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: (count &- 4) &* 8))
            (raw + (count &- 4)).storeBytes(of: tail.littleEndian, as: UInt32.self)
        } else {
            for index in 0 ..< count {
                position[index] = UInt8(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: index &* 8))
            }
        }
    }

    /// Fills `count` bytes; one 8-byte store when that fits before `end`.
    @inline(__always)
    static func fill(
        _ byte: UInt8, count: Int, at position: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>
    ) {
        if count <= 8 && end - position >= 8 {
            UnsafeMutableRawPointer(position).storeBytes(
                of: UInt64(byte) &* 0x0101_0101_0101_0101, as: UInt64.self)
        } else {
            for index in 0 ..< count { position[index] = byte }
        }
    }

    private static var digitPairs: StaticString {
        """
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
    }
}
