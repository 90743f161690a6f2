/// A strict decoder for standard base64 (RFC 4648 §4), used for HTTP Basic credentials.
///
/// Das2Core has no Foundation and the C library offers no public base64 decoder, so this
/// small one is written here. It accepts only the alphabet `A–Z a–z 0–9 + /`, a length that
/// is a multiple of 4, `=` padding only at the end (at most two) and zero padding bits, so
/// every input has exactly one decoding.
enum Base64 {
    /// The decoded bytes, or `nil` when the text is not canonical base64.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3)
        var accumulator: UInt32 = 0
        var sextets = 0
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                guard padding <= 2 else { return nil }
                continue
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            sextets += 1
            if sextets == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                sextets = 0
            }
        }
        switch (sextets, padding) {
        case (0, 0):
            return output
        case (2, 2):
            guard accumulator & 0xF == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            return output
        case (3, 1):
            guard accumulator & 0x3 == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            return output
        default:
            return nil
        }
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
