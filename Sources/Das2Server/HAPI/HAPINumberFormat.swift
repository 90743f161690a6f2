/// The decimal text of HAPI numbers (hapi.md §6.2): the shortest digit string that reads back
/// as the same binary64 value, laid out as Python's `repr()` lays it out.
///
/// The digits come from the standard library's shortest-representation printer, written
/// straight into the output (no `String` per value); only the layout is redone, because the
/// library switches to exponent form above 2⁵³ and spells NaN and the infinities differently.
enum HAPINumberFormat {
    /// How values that are not finite are written.
    enum NonFinite {
        /// `NaN`, `Infinity`, `-Infinity` (CSV).
        case words
        /// `null` (JSON).
        case null
    }

    /// Appends the text of `value`.
    static func append(_ value: Double, to output: inout [UInt8], nonFinite: NonFinite = .words) {
        guard value.isFinite else {
            switch nonFinite {
            case .null: output += nullText
            case .words: output += value.isNaN ? nanText : (value < 0 ? negativeInfinityText : infinityText)
            }
            return
        }
        var writer = LayoutWriter()
        swap(&writer.output, &output)
        value.write(to: &writer)
        swap(&writer.output, &output)
    }

    /// The text of `value` (metadata, not per record).
    static func string(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Seconds for ISO 8601 durations (`PT<seconds>S`): the number without a trailing `.0`.
    static func durationSeconds(_ value: Double) -> String {
        let text = string(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Appends a signed decimal integer.
    static func append(integer value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[first...].reverse()
    }

    private static let nullText = Array("null".utf8)
    private static let nanText = Array("NaN".utf8)
    private static let infinityText = Array("Infinity".utf8)
    private static let negativeInfinityText = Array("-Infinity".utf8)
}

/// Receives the standard library's shortest text of a finite double (`1.0`, `1e-05`,
/// `9.5e+15`) and appends it in the §6.2 layout.
private struct LayoutWriter: TextOutputStream {
    var output: [UInt8] = []

    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { layOut($0) }
    }

    // The standard library hands a double's text to this requirement as ASCII bytes, which
    // avoids creating a String for each value.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        layOut(buffer)
    }

    /// Parses `[-]digits[.digits][e±digits]` into sign, significant digits and the exponent E
    /// of `0.d₁d₂… × 10^E`, then writes the layout.
    private mutating func layOut(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        // At most 17 significant digits plus leading and trailing zeros of the positional form.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var pointPosition: Int?
        var exponent = 0
        var leadingZeros = true
        var skippedLeadingZeros = 0
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            while index < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: ".") {
                    pointPosition = count + skippedLeadingZeros
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    exponent = Self.exponent(text, from: index + 1)
                    break
                } else if byte == UInt8(ascii: "0") && leadingZeros {
                    skippedLeadingZeros += 1
                } else if count < digitBytes.count {
                    leadingZeros = false
                    digitBytes[count] = byte
                    count += 1
                }
                index += 1
            }
            // Trailing zeros are not significant.
            var significant = count
            while significant > 0 && digitBytes[significant - 1] == UInt8(ascii: "0") { significant -= 1 }
            let integerDigits = (pointPosition ?? (count + skippedLeadingZeros))
            if negative { output.append(UInt8(ascii: "-")) }
            guard significant > 0 else {
                output += [UInt8(ascii: "0"), UInt8(ascii: "."), UInt8(ascii: "0")]
                return
            }
            // The value is 0.(all digits) × 10^(integerDigits + exponent); each leading zero
            // dropped from the digits lowers that exponent by one.
            let e = integerDigits + exponent - skippedLeadingZeros
            let decimalExponent = e - 1
            Self.write(
                UnsafeRawBufferPointer(rebasing: digitBytes[0..<significant]), exponent: e,
                scientific: decimalExponent < -4 || decimalExponent >= 16, into: &output
            )
        }
    }

    private static func exponent(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var sign = 1
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            if text[index] == UInt8(ascii: "-") { sign = -1 }
            index += 1
        }
        var value = 0
        while index < text.count {
            value = value * 10 + Int(text[index] - UInt8(ascii: "0"))
            index += 1
        }
        return sign * value
    }

    /// Writes `0.digits × 10^e` positionally or as `d.ddde±XX`.
    private static func write(_ digits: UnsafeRawBufferPointer, exponent e: Int, scientific: Bool, into output: inout [UInt8]) {
        let n = digits.count
        if scientific {
            output.append(digits[0])
            if n > 1 {
                output.append(UInt8(ascii: "."))
                output += digits[1...]
            }
            output.append(UInt8(ascii: "e"))
            let power = e - 1
            output.append(power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            if power.magnitude < 10 { output.append(UInt8(ascii: "0")) }
            HAPINumberFormat.append(integer: Int(power.magnitude), to: &output)
        } else if e <= 0 {
            output += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            for _ in 0..<(-e) { output.append(UInt8(ascii: "0")) }
            output += digits
        } else if e < n {
            output += digits[0..<e]
            output.append(UInt8(ascii: "."))
            output += digits[e...]
        } else {
            output += digits
            for _ in 0..<(e - n) { output.append(UInt8(ascii: "0")) }
            output += [UInt8(ascii: "."), UInt8(ascii: "0")]
        }
    }
}
