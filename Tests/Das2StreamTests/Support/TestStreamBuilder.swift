import Das2Core
import Das2Stream

/// Writes test streams with the project's writer.
///
/// ```swift
/// var stream = try TestStreamBuilder()
/// try stream.define(1, [.time(), .volts("a")])
/// try stream.record(1, [t, 1.5])
/// let bytes = stream.bytes()
/// ```
struct TestStreamBuilder: ~Copyable {
    private var writer = Das2StreamWriter()

    /// Starts a stream with its `[00]` header.
    init(properties: Das2Properties = [], compression: StreamHeader.Compression = .none) throws(Das2StreamError) {
        try writer.writeStreamHeader(StreamHeader(compression: compression, properties: properties))
    }

    /// Writes a packet header for `id`.
    mutating func define(_ id: Int, _ planes: [Plane], properties: Das2Properties = []) throws(Das2StreamError) {
        try writer.writePacketHeader(PacketHeader(id: id, planes: planes, properties: properties))
    }

    /// Writes one record of `id`.
    mutating func record(_ id: Int, _ values: [Double]) throws(Das2StreamError) {
        try writer.writeRecord(id: id, values: values)
    }

    /// Writes a comment.
    mutating func comment(_ type: String, _ value: String, source: String = "test") {
        writer.writeComment(Das2Comment(type: type, value: value, source: source))
    }

    /// Writes an exception.
    mutating func exception(_ type: String, _ message: String) {
        writer.writeException(Das2Exception(type: type, message: message))
    }

    /// Ends the stream and returns its bytes.
    consuming func bytes() -> [UInt8] {
        writer.finish()
        return writer.takeOutput()
    }
}

extension Plane {
    /// A big-endian us2000 `<x>`.
    static func time(_ name: String = "") -> Plane {
        Plane(.x, name: name, encoding: .sunReal8, units: .us2000)
    }

    /// A big-endian float `<y>` in volts.
    static func volts(_ name: String, encoding: ValueEncoding = .sunReal4, properties: Das2Properties = []) -> Plane {
        Plane(.y, name: name, encoding: encoding, units: Units("V"), properties: properties)
    }
}

/// 2020-01-01T00:00:00 in us2000 plus `seconds`.
func us2000(_ seconds: Double) -> Double {
    631_152_000_000_000 + seconds * 1e6
}
