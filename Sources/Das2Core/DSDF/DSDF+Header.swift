extension DSDF {
    /// Key prefixes never sent to clients by `server=dsdf` (dsdf.md §5.1).
    static let privateKeyPrefixes = [
        "reader", "reducer", "compressor", "readAccess", "groupAccess", "hapi", "subSource",
        "readerCmd", "reducerCmd", "exampleQuery", "readerTrans", "paramValInfo",
    ]

    /// The body of the `server=dsdf` answer: a das2 stream header packet whose `<properties>`
    /// carries the public keys (dsdf.md §5).
    ///
    /// Keys are written in file order, except those starting with a server-side prefix
    /// (`reader`, `reducer`, `readAccess`, `hapi`, `subSource`, …) and those outside
    /// `[A-Za-z0-9_]+` (DD-6). Values are escaped for an XML attribute (`&`, `"`, `'`, `<`, `>`,
    /// and CR, LF, TAB as character references, DD-13); parentheses are removed. The packet is
    /// `[00]`, the 6-digit byte length of the XML, and the XML, without a final newline.
    /// - Returns: The packet bytes.
    public func das2HeaderPacket() -> [UInt8] {
        var xml: [UInt8] = Array("<stream>\r\n  <properties".utf8)
        xml.reserveCapacity(entries.reduce(64) { $0 + $1.key.utf8.count + $1.value.utf8.count + 4 })
        for entry in entries where DSDF.isPublic(entry.key) {
            xml.append(UInt8(ascii: " "))
            xml += entry.key.utf8
            xml += "=\"".utf8
            DSDF.appendEscaped(entry.value, to: &xml)
            xml.append(UInt8(ascii: "\""))
        }
        xml += " />\r\n</stream>".utf8
        let length = String(xml.count)
        var packet: [UInt8] = Array("[00]".utf8)
        packet += repeatElement(UInt8(ascii: "0"), count: max(0, 6 - length.utf8.count))
        packet += length.utf8
        packet += xml
        return packet
    }

    /// Whether `server=dsdf` and the JSON forms may show a key: only `[A-Za-z0-9_]+` keys
    /// that do not start with a server-side prefix.
    static func isPublic(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy(isKeyByte) && !privateKeyPrefixes.contains(where: key.hasPrefix)
    }

    /// Whether a byte belongs to the documented key set `A–Z a–z 0–9 _` (DD-6).
    static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// Appends a value with the per-character substitutions of dsdf.md §5.2; the runs between
    /// substitutions are copied whole (`server=dsdf` serializes a DSDF per request).
    private static func appendEscaped(_ value: String, to xml: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&apos;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "("), UInt8(ascii: ")"): replacement = ""
                case 0x0D: replacement = "&#13;"
                case 0x0A: replacement = "&#10;"
                case 0x09: replacement = "&#9;"
                default: continue
                }
                xml.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                xml.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            xml.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
