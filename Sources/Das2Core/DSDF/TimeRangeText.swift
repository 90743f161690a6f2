/// The DSDF time-range text convention (dsdf.md §4.1): `BEGIN to END`, optionally followed
/// by ` UTC`.
///
/// Used for `validRange`, `exampleRange_NN` and `testRange_NN` values and for the example
/// links of the JSON forms. The ends are kept as text; ``ValidRange`` parses them.
public enum TimeRangeText {
    /// Splits a time range into its two ends.
    ///
    /// The literal text `UTC` is removed wherever it occurs, then the text is split at the
    /// word `to` delimited by white space on both sides (DD-17: a month name such as
    /// `October` does not split), and each part is trimmed.
    /// - Parameter text: The range, e.g. `2017-01-01 to 2017-03-01 UTC`.
    /// - Returns: The begin and end texts, or `nil` unless there is exactly one word `to`
    ///   with text on both sides.
    public static func split(_ text: some StringProtocol) -> (begin: String, end: String)? {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index...].starts(with: "UTC".utf8) {
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        let body = TextLines.trimmed(bytes.indices, in: bytes)
        var separator: Int?
        var position = body.lowerBound + 1
        while position + 2 < body.upperBound {
            if bytes[position] == UInt8(ascii: "t") && bytes[position + 1] == UInt8(ascii: "o")
                && TextLines.isSpace(bytes[position - 1]) && TextLines.isSpace(bytes[position + 2]) {
                guard separator == nil else { return nil }
                separator = position
            }
            position += 1
        }
        guard let separator else { return nil }
        let begin = TextLines.trimmed(body.lowerBound..<separator, in: bytes)
        let end = TextLines.trimmed((separator + 2)..<body.upperBound, in: bytes)
        return (String(decoding: bytes[begin], as: UTF8.self), String(decoding: bytes[end], as: UTF8.self))
    }
}
