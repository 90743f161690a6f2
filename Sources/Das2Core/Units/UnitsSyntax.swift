/// Byte classes and blank handling shared by the units, datum and range parsers.
///
/// These follow the C locale, as das2C does: only ASCII counts as digits, letters and blanks.
enum UnitsSyntax {
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// C `isspace`: blank, tab, newline, vertical tab, form feed, carriage return.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The text without leading and trailing blanks.
    static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }),
              let last = utf8.lastIndex(where: { !isBlank($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }

    /// The ranges of the blank-separated words of a text.
    static func words(of text: Substring) -> [Range<String.Index>] {
        var words: [Range<String.Index>] = []
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard !isBlank(utf8[index]) else {
                index = utf8.index(after: index)
                continue
            }
            let start = index
            while index < utf8.endIndex, !isBlank(utf8[index]) { index = utf8.index(after: index) }
            words.append(start..<index)
        }
        return words
    }

    /// Whether the text starts with a lower-case ASCII literal, ignoring case.
    static func hasPrefixIgnoringCase(_ text: some StringProtocol, _ lowercase: String) -> Bool {
        text.utf8.count >= lowercase.utf8.count
            && zip(text.utf8, lowercase.utf8).allSatisfy { isLetter($0) ? $0 | 0x20 == $1 : $0 == $1 }
    }

    /// ASCII case-insensitive equality with a lower-case ASCII literal.
    static func equalsIgnoringCase(_ text: some StringProtocol, _ lowercase: String) -> Bool {
        text.utf8.count == lowercase.utf8.count
            && zip(text.utf8, lowercase.utf8).allSatisfy { isLetter($0) ? $0 | 0x20 == $1 : $0 == $1 }
    }
}
