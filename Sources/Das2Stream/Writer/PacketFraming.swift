/// Packet framing and attribute escaping shared by the das2.2 and QStream writers.
enum PacketFraming {
    /// Appends `[id]` (or `[xx]`), the body length as six digits, and the body.
    static func appendPacket(tag: String, body: [UInt8], to output: inout [UInt8]) throws(Das2StreamError) {
        guard body.count <= 999_999 else {
            throw Das2StreamError(.limitExceeded, "A \(tag) packet of \(body.count) bytes does not fit a six-digit length")
        }
        output.append(text: tag)
        var digits = body.count
        var length = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
        for index in stride(from: 5, through: 0, by: -1) {
            length[index] = UInt8(ascii: "0") + UInt8(digits % 10)
            digits /= 10
        }
        output.append(contentsOf: length)
        output.append(contentsOf: body)
    }

    /// Appends the `:NN:` tag of a data packet.
    static func appendDataTag(_ id: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: ":"))
        output.append(UInt8(ascii: "0") + UInt8(id / 10))
        output.append(UInt8(ascii: "0") + UInt8(id % 10))
        output.append(UInt8(ascii: ":"))
    }

    /// XML-escapes an attribute value: always the five special characters (tools.md §10
    /// row 24), and optionally TAB, LF and CR, which attribute normalisation would otherwise
    /// turn into blanks (das2C does not escape them, so das2 headers keep them raw).
    static func appendEscaped(_ text: String, escapingWhitespace: Bool = false, to body: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): body.append(text: "&quot;")
            case UInt8(ascii: "'"): body.append(text: "&apos;")
            case UInt8(ascii: "<"): body.append(text: "&lt;")
            case UInt8(ascii: ">"): body.append(text: "&gt;")
            case UInt8(ascii: "&"): body.append(text: "&amp;")
            case 0x09 where escapingWhitespace: body.append(text: "&#9;")
            case 0x0A where escapingWhitespace: body.append(text: "&#10;")
            case 0x0D where escapingWhitespace: body.append(text: "&#13;")
            default: body.append(byte)
            }
        }
    }
}
