/// The physical lines of a UTF-8 configuration text: a DSDF, `das2server.conf` or a peers file.
///
/// A leading byte-order mark is skipped (dsdf.md DD-1). Lines end at LF, CR LF or a lone CR;
/// the ranges exclude the terminator. Line `i` of ``lines`` is physical line `i + 1`.
struct TextLines {
    /// The whole text, BOM included.
    let bytes: [UInt8]
    /// The byte range of each physical line, without its terminator.
    let lines: [Range<Int>]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [Range<Int>] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(start..<index)
                let crlf = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                index += crlf ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        self.lines = lines
    }

    /// The 1-based number of the first line that is not valid UTF-8, or `nil` when all are.
    func firstInvalidLine() -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        for (offset, line) in lines.enumerated() where String(validating: bytes[line], as: UTF8.self) == nil {
            return offset + 1
        }
        // Only the BOM-less prefix or a split terminator can be left; report the first line.
        return 1
    }

    /// The text of a byte range, which ``firstInvalidLine()`` has shown to be valid UTF-8.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Whether a byte is ASCII white space (blank, TAB, LF, VT, FF, CR).
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// A range of `bytes` without leading and trailing ASCII white space.
    static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII white space.
    var trimmingASCIISpace: String {
        let bytes = Array(utf8)
        return String(decoding: bytes[TextLines.trimmed(bytes.indices, in: bytes)], as: UTF8.self)
    }

    /// The words of the text, split on runs of ASCII white space (empty words dropped).
    var asciiWords: [String] {
        Array(utf8).split(whereSeparator: TextLines.isSpace).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension String {
    /// Plain-string order of the Python reference: by Unicode code point, without the
    /// canonical equivalence of `<`.
    func precedesByCodePoint(_ other: String) -> Bool {
        unicodeScalars.lexicographicallyPrecedes(other.unicodeScalars)
    }
}
