/// C library number parsing over bytes, with glibc's results.
///
/// das2 `asciiN` fields are read with C `strtod`/`sscanf("%lf")`, so every accepted prefix, its
/// length and the resulting value bits match glibc in the "C" locale. Decimal input of up to 19
/// significant digits is converted exactly with Clinger's fast path or the Eisel–Lemire
/// algorithm; longer inputs whose truncation leaves the result in doubt, results in the subnormal
/// range or at the overflow boundary, hexadecimal floats and `nan(…)` payloads go to glibc's
/// `strtod` itself.
public enum CNumberParser {
    /// `strtod` semantics.
    ///
    /// Skips leading C whitespace (space `\t` `\n` `\v` `\f` `\r`), then an optional sign and the
    /// longest valid prefix: decimal digits with an optional `.`, at least one digit, and an
    /// optional exponent `e`/`E`[sign]digits (an `e` not followed by digits is not consumed); or
    /// case-insensitive `inf`/`infinity` (longest), `nan` optionally followed by
    /// `(n-char-sequence)`; or a C99 hex float `0x`/`0X` hexdigits[`.`hexdigits][`p`[sign]digits]
    /// (when `0x` has no hex digit after it, only the `0` is consumed). Overflow gives ±inf,
    /// underflow 0 or a subnormal, correctly rounded.
    /// - Parameter bytes: the text; a NUL byte ends it as it would end a C string.
    /// - Returns: the value and the number of bytes consumed, leading whitespace included; nil
    ///   when no conversion is possible (what `strtod` reports by `endptr == start`).
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> (value: Double, length: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let text = base.assumingMemoryBound(to: UInt8.self)
        let end = bytes.count
        var index = skipSpaces(text, end)
        let start = index
        var negative = false
        if index < end, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index &+= 1
        }
        guard index < end else { return nil }
        let first = text[index]
        if first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: ".") {
            if first == UInt8(ascii: "0"), index &+ 1 < end, text[index &+ 1] | 0x20 == UInt8(ascii: "x") {
                return parseHexadecimal(text, from: start, digitsAt: index &+ 2, end: end, negative: negative)
            }
            return parseDecimal(text, from: start, digitsAt: index, end: end, negative: negative)
        }
        switch first | 0x20 {
        case UInt8(ascii: "i"):
            guard matches(text, index, end, "inf") else { return nil }
            let length = matches(text, index &+ 3, end, "inity") ? 8 : 3
            return (negative ? -.infinity : .infinity, index &+ length)
        case UInt8(ascii: "n"):
            guard matches(text, index, end, "nan") else { return nil }
            let after = index &+ 3
            if let close = payloadEnd(text, after, end) {
                // glibc turns the n-char-sequence into NaN payload bits; let it do that.
                return (strtodFallback(text, from: start, to: close), close)
            }
            return (negative ? -.nan : .nan, after)
        default:
            return nil
        }
    }

    /// `strtod` semantics over the UTF-8 bytes of `text`, as the `UnsafeRawBufferPointer` overload.
    /// - Parameter text: the text.
    /// - Returns: the value and the number of UTF-8 bytes consumed, or nil.
    public static func parseDouble(_ text: some StringProtocol) -> (value: Double, length: Int)? {
        withBytes(of: text) { parseDouble($0) }
    }

    /// `strtol(s, &end, 10)` semantics: leading C whitespace, an optional sign, decimal digits.
    ///
    /// Out-of-range values clamp to `Int.min`/`Int.max`; all digits are still consumed.
    /// - Parameter bytes: the text.
    /// - Returns: the value and the number of bytes consumed, leading whitespace included; nil
    ///   when there are no digits.
    public static func parseInt(_ bytes: UnsafeRawBufferPointer) -> (value: Int, length: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let text = base.assumingMemoryBound(to: UInt8.self)
        let end = bytes.count
        var index = skipSpaces(text, end)
        var negative = false
        if index < end, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index &+= 1
        }
        let digitsStart = index
        // Accumulate the magnitude; Int.min's magnitude is one more than Int.max.
        let limit = negative ? UInt64(Int.max) &+ 1 : UInt64(Int.max)
        var magnitude: UInt64 = 0
        var overflow = false
        while index < end, text[index] &- UInt8(ascii: "0") < 10 {
            let digit = UInt64(text[index] &- UInt8(ascii: "0"))
            if !overflow {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 || sum > limit { overflow = true } else { magnitude = sum }
            }
            index &+= 1
        }
        guard index > digitsStart else { return nil }
        if overflow { return (negative ? .min : .max, index) }
        let value = negative ? Int(truncatingIfNeeded: 0 &- magnitude) : Int(truncatingIfNeeded: magnitude)
        return (value, index)
    }

    /// `strtol` semantics over the UTF-8 bytes of `text`, as the `UnsafeRawBufferPointer` overload.
    /// - Parameter text: the text.
    /// - Returns: the value and the number of UTF-8 bytes consumed, or nil.
    public static func parseInt(_ text: some StringProtocol) -> (value: Int, length: Int)? {
        withBytes(of: text) { parseInt($0) }
    }

    // MARK: - Scanning

    private static func withBytes<R>(of text: some StringProtocol, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBytes(body)
    }

    /// The index of the first byte at or after 0 that is not C whitespace.
    @inline(__always)
    private static func skipSpaces(_ text: UnsafePointer<UInt8>, _ end: Int) -> Int {
        var index = 0
        while index < end {
            let byte = text[index]
            // ' ' or \t \n \v \f \r (9...13)
            guard byte == UInt8(ascii: " ") || byte &- 9 < 5 else { break }
            index &+= 1
        }
        return index
    }

    /// Decimal digits with an optional point and exponent, starting at `digitsStart` (a digit or
    /// `.`).
    @inline(__always)
    private static func parseDecimal(
        _ text: UnsafePointer<UInt8>, from start: Int, digitsAt digitsStart: Int, end: Int, negative: Bool
    ) -> (value: Double, length: Int)? {
        // Accumulate every digit, wrapping; more than 19 digits are redone by `significantDigits`.
        var mantissa: UInt64 = 0
        var index = accumulateDigits(text, from: digitsStart, end: end, into: &mantissa)
        let integerEnd = index
        var fractionDigits = 0
        if index < end, text[index] == UInt8(ascii: ".") {
            let fractionStart = index &+ 1
            index = accumulateDigits(text, from: fractionStart, end: end, into: &mantissa)
            fractionDigits = index &- fractionStart
        }
        let digitCount = (integerEnd &- digitsStart) &+ fractionDigits
        guard digitCount > 0 else { return nil }
        let digitsEnd = index
        var exponent = 0
        if index < end, text[index] | 0x20 == UInt8(ascii: "e") {
            var next = index &+ 1
            var exponentNegative = false
            if next < end, text[next] == UInt8(ascii: "-") || text[next] == UInt8(ascii: "+") {
                exponentNegative = text[next] == UInt8(ascii: "-")
                next &+= 1
            }
            if next < end, text[next] &- UInt8(ascii: "0") < 10 {
                // Saturates far beyond any exponent the digit count could offset.
                var written = 0
                while next < end {
                    let digit = text[next] &- UInt8(ascii: "0")
                    guard digit < 10 else { break }
                    if written < 1 << 40 { written = written &* 10 &+ Int(digit) }
                    next &+= 1
                }
                exponent = exponentNegative ? -written : written
                index = next
            }
        }
        var truncated = false
        if digitCount > 19 {
            let significant = significantDigits(text, from: digitsStart, to: digitsEnd)
            mantissa = significant.mantissa
            exponent &+= significant.exponent
            truncated = significant.truncated
        } else {
            exponent &-= fractionDigits
        }
        if let value = decimalToDouble(mantissa, exponent, negative: negative, truncated: truncated) {
            return (value, index)
        }
        return (strtodFallback(text, from: start, to: index), index)
    }

    /// Appends the decimal digits from `start` to `mantissa` (wrapping) and returns the index of
    /// the first non-digit. Runs of 8 and 4 digits are converted a word at a time.
    @inline(__always)
    private static func accumulateDigits(
        _ text: UnsafePointer<UInt8>, from start: Int, end: Int, into mantissa: inout UInt64
    ) -> Int {
        var index = start
        let raw = UnsafeRawPointer(text)
        while end &- index >= 8 {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            guard allDigits(word) else { break }
            mantissa = mantissa &* 100_000_000 &+ eightDigitsValue(word)
            index &+= 8
        }
        if end &- index >= 4 {
            let word = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt32.self)))
            if allDigits(word | 0x3030_3030_0000_0000) {
                mantissa = mantissa &* 10_000 &+ fourDigitsValue(word)
                index &+= 4
            }
        }
        while index < end {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index &+= 1
        }
        return index
    }

    /// Whether all 8 bytes of `word` are ASCII digits: no byte below '0' and none above '9'.
    @inline(__always)
    private static func allDigits(_ word: UInt64) -> Bool {
        ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0
    }

    /// The value of 8 ASCII digits, first digit in the lowest byte: pairs, then quads, then all.
    @inline(__always)
    private static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value &>> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        return ((value & mask) &* 0x000F_4240_0000_0064 &+ ((value &>> 16) & mask) &* 0x0000_2710_0000_0001) &>> 32
    }

    /// The value of 4 ASCII digits in the low 32 bits of `word`, first digit in the lowest byte.
    @inline(__always)
    private static func fourDigitsValue(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030
        value = value &* 10 &+ (value &>> 8)
        return (((value & 0x00FF_00FF) &* 0x0064_0001) &>> 16) & 0xFFFF
    }

    /// The first 19 significant digits of a digit string with an optional point, the decimal
    /// exponent of the last of them, and whether any later digit is nonzero.
    private static func significantDigits(_ text: UnsafePointer<UInt8>, from start: Int, to end: Int)
        -> (mantissa: UInt64, exponent: Int, truncated: Bool)
    {
        var mantissa: UInt64 = 0
        var kept = 0
        var exponent = 0
        var truncated = false
        var afterPoint = false
        for index in start ..< end {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                afterPoint = true
                continue
            }
            let digit = UInt64(byte &- UInt8(ascii: "0"))
            if kept < 19 {
                mantissa = mantissa &* 10 &+ digit
                // Leading zeros are not significant.
                kept &+= mantissa == 0 ? 0 : 1
                exponent &-= afterPoint ? 1 : 0
            } else {
                exponent &+= afterPoint ? 0 : 1
                truncated = truncated || digit != 0
            }
        }
        return (mantissa, exponent, truncated)
    }

    /// After `0x`: hex digits with an optional point (at least one digit) and `p` exponent.
    private static func parseHexadecimal(
        _ text: UnsafePointer<UInt8>, from start: Int, digitsAt digitsStart: Int, end: Int, negative: Bool
    ) -> (value: Double, length: Int) {
        var index = digitsStart
        var digits = 0
        while index < end, isHexDigit(text[index]) {
            index &+= 1
            digits &+= 1
        }
        if index < end, text[index] == UInt8(ascii: ".") {
            index &+= 1
            while index < end, isHexDigit(text[index]) {
                index &+= 1
                digits &+= 1
            }
        }
        guard digits > 0 else {
            // Only the "0" of "0x" is a number.
            return (negative ? -0.0 : 0.0, digitsStart &- 1)
        }
        if index < end, text[index] | 0x20 == UInt8(ascii: "p") {
            var next = index &+ 1
            if next < end, text[next] == UInt8(ascii: "-") || text[next] == UInt8(ascii: "+") { next &+= 1 }
            if next < end, text[next] &- UInt8(ascii: "0") < 10 {
                while next < end, text[next] &- UInt8(ascii: "0") < 10 { next &+= 1 }
                index = next
            }
        }
        return (strtodFallback(text, from: start, to: index), index)
    }

    @inline(__always)
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    /// Whether the bytes at `index` spell `word` (lower case ASCII), ignoring case.
    private static func matches(_ text: UnsafePointer<UInt8>, _ index: Int, _ end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end &- index >= count else { return false }
        let letters = word.utf8Start
        for offset in 0 ..< count where text[index &+ offset] | 0x20 != letters[offset] {
            return false
        }
        return true
    }

    /// After `nan`: the end of `(n-char-sequence)` (letters, digits, `_`), or nil when absent.
    private static func payloadEnd(_ text: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        guard index < end, text[index] == UInt8(ascii: "(") else { return nil }
        var next = index &+ 1
        while next < end {
            let byte = text[next]
            if byte == UInt8(ascii: ")") { return next &+ 1 }
            let isNameCharacter = byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
                || byte == UInt8(ascii: "_")
            guard isNameCharacter else { return nil }
            next &+= 1
        }
        return nil
    }
}
