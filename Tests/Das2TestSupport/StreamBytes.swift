/// Raw das2.2 stream bytes assembled packet by packet, for streams the project's writer would
/// refuse to produce (bad length fields, broken XML, undefined ids…).
///
/// ```swift
/// var stream = StreamBytes.basic(records: 2)
/// let offset = stream.count            // where the next packet starts
/// stream.packet("[01]", "<packet/>")   // length field written as %06d
/// ```
public struct StreamBytes: Sendable {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty stream.
    public init() {}

    /// The number of bytes so far, which is the offset of the next packet.
    public var count: Int { bytes.count }

    /// Appends a header or out-of-band packet: the tag, the UTF-8 byte count of `body` as
    /// `%06d`, then the body.
    public mutating func packet(_ tag: String, _ body: String) {
        packet(tag, body: Array(body.utf8))
    }

    /// Appends a header or out-of-band packet with a raw body.
    public mutating func packet(_ tag: String, body: [UInt8]) {
        var length = String(body.count)
        while length.utf8.count < 6 { length = "0" + length }
        packet(tag, length: length, body: body)
    }

    /// Appends a packet with a length field written as given (six bytes expected, not checked).
    public mutating func packet(_ tag: String, length: String, body: [UInt8]) {
        bytes.append(contentsOf: tag.utf8)
        bytes.append(contentsOf: length.utf8)
        bytes.append(contentsOf: body)
    }

    /// Appends a `:NN:` data packet.
    public mutating func record(_ id: Int, _ payload: [UInt8]) {
        bytes.append(contentsOf: ":\(id < 10 ? "0" : "")\(id):".utf8)
        bytes.append(contentsOf: payload)
    }

    /// Appends raw bytes.
    public mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// Appends raw text as UTF-8.
    public mutating func append(text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}

// MARK: - The basic stream most corpus entries start from

extension StreamBytes {
    /// A `<stream>` body with one property and nothing that draws a reader warning.
    public static let streamXML = """
        <stream version="2.2">
          <properties title="test stream"/>
        </stream>

        """

    /// The body of `streamXML` with `compression="deflate"`.
    public static let deflateStreamXML = """
        <stream version="2.2" compression="deflate">
          <properties title="test stream"/>
        </stream>

        """

    /// A `<packet>` body: big-endian us2000 `<x>`, big-endian float `<y>` named `a` (12-byte
    /// records).
    public static let packetXML = """
        <packet>
          <x type="sun_real8" units="us2000"/>
          <y type="sun_real4" units="V" name="a"/>
        </packet>

        """

    /// 2020-01-01T00:00:00 in us2000.
    public static let year2020 = 631_152_000_000_000.0

    /// The record payload for `packetXML`: x = 2020-01-01 + `index` seconds, y = `index`.
    public static func basicRecord(_ index: Int) -> [UInt8] {
        bigEndian(year2020 + Double(index) * 1e6) + bigEndian(Float(index))
    }

    /// `[00]` `streamXML`, `[01]` `packetXML`, then `records` records of `basicRecord`.
    public static func basic(records: Int = 2) -> StreamBytes {
        var stream = StreamBytes()
        stream.packet("[00]", streamXML)
        stream.packet("[01]", packetXML)
        for index in 0..<records { stream.record(1, basicRecord(index)) }
        return stream
    }

    /// The 8 bytes of a big-endian binary64.
    public static func bigEndian(_ value: Double) -> [UInt8] {
        let bits = value.bitPattern
        return (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
    }

    /// The 4 bytes of a big-endian binary32.
    public static func bigEndian(_ value: Float) -> [UInt8] {
        let bits = value.bitPattern
        return (0..<4).map { UInt8(truncatingIfNeeded: bits >> (24 - 8 * $0)) }
    }

    /// Text padded with blanks to `width - 1` bytes and ended with a newline (an `asciiN` or
    /// `timeN` field of width `width`).
    public static func field(_ text: String, width: Int) -> [UInt8] {
        var bytes = Array(text.utf8)
        precondition(bytes.count < width, "field text too long")
        while bytes.count < width - 1 { bytes.append(UInt8(ascii: " ")) }
        bytes.append(0x0A)
        return bytes
    }
}
