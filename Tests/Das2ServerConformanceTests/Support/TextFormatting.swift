import Foundation

/// Text with its control characters, quotes and backslashes escaped, in quotes.
func quoted(_ text: String) -> String {
    visible(Array(text.utf8), limit: .max)
}

/// Bytes as quoted text: CR, LF, TAB, `"`, `\` escaped, other control and non-ASCII bytes as
/// `\xNN`; longer bodies cut at `limit` bytes.
func visible(_ bytes: [UInt8], limit: Int = 1200) -> String {
    var text = "\""
    for byte in bytes.prefix(limit) {
        switch byte {
        case 0x0D: text += "\\r"
        case 0x0A: text += "\\n"
        case 0x09: text += "\\t"
        case UInt8(ascii: "\""): text += "\\\""
        case UInt8(ascii: "\\"): text += "\\\\"
        case 0x20..<0x7F: text.append(Character(Unicode.Scalar(byte)))
        default: text += "\\x" + String(byte, radix: 16).leftPadded(2)
        }
    }
    text += "\""
    if bytes.count > limit { text += "…(\(bytes.count) bytes)" }
    return text
}

/// An array of strings as JSON text.
func jsonArrayText(_ strings: [String]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: strings, options: [.withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}

/// Every byte but the unreserved ones of RFC 3986 as `%XX`.
func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            result.append(Character(Unicode.Scalar(byte)))
        default:
            result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
        }
    }
    return result
}

extension String {
    /// The text with leading zeros up to `width` characters.
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
