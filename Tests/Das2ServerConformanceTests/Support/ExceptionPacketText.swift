/// A das2 exception packet read back from bytes: `TAG` + 6-digit length + `<exception
/// type="…" message="…" />` + CR LF, with the length checked.
struct ExceptionPacketText {
    /// The `type` attribute.
    let type: String
    /// The `message` attribute as written (entities not decoded).
    let message: String
    /// The bytes after the packet.
    let rest: [UInt8]

    /// Reads the packet at the start of `bytes`; nil when they do not start with a
    /// well-framed exception packet with this tag.
    init?(_ bytes: some Collection<UInt8>, tag: String) {
        let bytes = Array(bytes)
        guard bytes.count >= 10, bytes.starts(with: Array(tag.utf8)),
            let length = Int(String(decoding: bytes[4..<10], as: UTF8.self)), bytes.count >= 10 + length
        else { return nil }
        let xml = String(decoding: bytes[10..<10 + length], as: UTF8.self)
        let prefix = "<exception type=\""
        guard xml.hasPrefix(prefix), xml.hasSuffix("\" />\r\n"),
            let typeEnd = xml.dropFirst(prefix.count).firstIndex(of: "\"")
        else { return nil }
        let afterType = xml[typeEnd...]
        guard afterType.hasPrefix("\" message=\"") else { return nil }
        type = String(xml[xml.index(xml.startIndex, offsetBy: prefix.count)..<typeEnd])
        message = String(afterType.dropFirst("\" message=\"".count).dropLast("\" />\r\n".count))
        rest = Array(bytes[(10 + length)...])
    }
}
