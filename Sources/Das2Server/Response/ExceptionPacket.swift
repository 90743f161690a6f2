/// The das2 exception packets the server writes (server-protocol.md §1.7).
enum ExceptionPacket {
    /// The packet bytes: `[00]` (an error before any header was sent) or `[xx]` (appended to a
    /// stream already under way, DEV-3), the 6-digit length and `<exception … />` + CR LF.
    static func bytes(type: String, message: String, outOfBand: Bool = false) -> [UInt8] {
        var xml = Array("<exception type=\"\(type)\" message=\"".utf8)
        xml += escaped(message)
        xml += Array("\" />\r\n".utf8)
        return HeaderFraming.frame(xml, tag: outOfBand ? "[xx]" : "[00]")
    }

    /// The message trimmed, then `&`, line ends, `"`, `<` and `>` escaped in the spec's order.
    static func escaped(_ message: String) -> [UInt8] {
        let text = Array(message.utf8.trimmingBlanks())
        var result: [UInt8] = []
        result.reserveCapacity(text.count + 16)
        var index = 0
        while index < text.count {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "&"): result += Array("&amp;".utf8)
            case UInt8(ascii: "\r"):
                if index + 1 < text.count, text[index + 1] == UInt8(ascii: "\n") {
                    result += Array("&#13;&#10;".utf8)
                    index += 1
                } else {
                    result += Array("&#13;".utf8)
                }
            case UInt8(ascii: "\n"): result += Array("&#13;&#10;".utf8)
            case UInt8(ascii: "\""): result.append(UInt8(ascii: "'"))
            case UInt8(ascii: "<"): result += Array("&lt;".utf8)
            case UInt8(ascii: ">"): result += Array("&gt;".utf8)
            default: result.append(byte)
            }
            index += 1
        }
        return result
    }
}

/// The `[TAG]NNNNNN` framing of das2 header packets.
enum HeaderFraming {
    static func frame(_ body: [UInt8], tag: String) -> [UInt8] {
        var packet = Array(tag.utf8)
        let digits = String(body.count)
        packet += Array(String(repeating: "0", count: max(0, 6 - digits.count)).utf8)
        packet += Array(digits.utf8)
        packet += body
        return packet
    }
}

extension Collection<UInt8> {
    /// The bytes without leading and trailing blanks (space, tab, CR, LF, VT, FF).
    func trimmingBlanks() -> SubSequence {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
        var last = first
        var index = first
        while index != endIndex {
            if !isBlank(self[index]) { last = index }
            index = self.index(after: index)
        }
        return self[first...last]
    }
}
