/// The unread bytes of a packet stream and the framing steps das2.2 and QStream share:
/// two-digit ids, six-byte length fields, XML bodies and stream offsets.
struct PacketBuffer: Sendable {
    /// Which blanks a length field may contain.
    enum LengthBlanks {
        /// Only before the digits (das2: das2C tolerates `[xx]    72`).
        case leading
        /// Anywhere in the six bytes (the QStream reference reader skips them all).
        case anywhere
    }

    /// Buffered bytes; those before ``readIndex`` are consumed.
    var bytes: [UInt8] = []
    /// The first unconsumed byte.
    var readIndex = 0
    /// Stream offset of `bytes[0]`.
    private(set) var baseOffset = 0

    /// Stream offset of the first unconsumed byte.
    var offset: Int { baseOffset + readIndex }

    /// Unconsumed bytes.
    var available: Int { bytes.count - readIndex }

    subscript(index: Int) -> UInt8 { bytes[index] }

    /// Appends input after dropping the consumed bytes.
    mutating func append(_ data: UnsafeRawBufferPointer) {
        compact()
        bytes.append(contentsOf: data)
    }

    /// Drops the consumed bytes, keeping offsets right.
    mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == bytes.count {
            bytes.removeAll(keepingCapacity: true)
        } else {
            bytes.removeSubrange(0..<readIndex)
        }
        baseOffset += readIndex
        readIndex = 0
    }

    /// Removes the unconsumed bytes and returns them (when the rest of a stream turns out to
    /// be compressed).
    mutating func takeUnconsumed() -> [UInt8] {
        defer { bytes.removeSubrange(readIndex...) }
        return Array(bytes[readIndex...])
    }

    /// `dd` as a number, or nil when the two bytes are not ASCII digits.
    static func twoDigitID(_ a: UInt8, _ b: UInt8) -> Int? {
        guard a >= UInt8(ascii: "0"), a <= UInt8(ascii: "9"), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
            return nil
        }
        return Int(a - UInt8(ascii: "0")) * 10 + Int(b - UInt8(ascii: "0"))
    }

    /// Reads the six-byte length field at `index`: at least one ASCII digit, blanks only
    /// where allowed, at least 1 and at most `limit`.
    func length(at index: Int, blanks: LengthBlanks, limit: Int, packetOffset: Int) throws(Das2StreamError) -> Int {
        var value = 0
        var digits = 0
        var valid = true
        for position in index..<(index + 6) {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") {
                if blanks == .leading && digits > 0 { valid = false }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                valid = false
                break
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard valid, digits > 0 else {
            let text = Self.printable(bytes[index..<(index + 6)])
            let rule = blanks == .leading ? "blanks then decimal digits" : "decimal digits"
            throw Das2StreamError(.framing, "Invalid packet length field '\(text)': expected six bytes of \(rule)", offset: packetOffset)
        }
        guard value > 0 else {
            throw Das2StreamError(.framing, "0-length input packet", offset: packetOffset)
        }
        guard value <= limit else {
            throw Das2StreamError(.limitExceeded, "Packet length \(value) exceeds the limit of \(limit) bytes", offset: packetOffset)
        }
        return value
    }

    /// Parses the XML body of `count` bytes at `index`, ignoring surrounding whitespace.
    /// - Parameter emptyCode: the error code for a body that is only whitespace.
    func element(at index: Int, count: Int, packetOffset: Int, emptyCode: Das2StreamError.Code) throws(Das2StreamError) -> XMLElement {
        var first = index
        var last = index + count
        while first < last && Self.isXMLSpace(bytes[first]) { first += 1 }
        while last > first && Self.isXMLSpace(bytes[last - 1]) { last -= 1 }
        guard first < last else {
            throw Das2StreamError(emptyCode, "Empty packet body (only whitespace)", offset: packetOffset)
        }
        let result: Result<XMLElement, HeaderXMLParser.Failure> = bytes.withUnsafeBytes { all in
            do throws(HeaderXMLParser.Failure) {
                return .success(try HeaderXMLParser.parse(UnsafeRawBufferPointer(rebasing: all[first..<last])))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let element):
            return element
        case .failure(let failure):
            throw Das2StreamError(
                .invalidXML,
                "Header XML is not well-formed: \(failure.message) at byte \(failure.byteIndex + first - index) of the body",
                offset: packetOffset
            )
        }
    }

    /// The four tag bytes at `index` as hex and printable text, for error messages.
    func describeTag(at index: Int) -> String {
        let tag = bytes[index..<(index + 4)]
        let digits = Array("0123456789ABCDEF".utf8)
        let hex = tag.map { String(decoding: [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]], as: UTF8.self) }
        return "\(hex.joined(separator: " ")) (\(Self.printable(tag)))"
    }

    /// The tag bytes at `index` equal `text`.
    func tag(at index: Int, is text: String) -> Bool {
        bytes[index..<(index + 4)].elementsEqual(text.utf8)
    }

    private static func printable(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map { ($0 >= 0x20 && $0 < 0x7F) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
