import Das2Core

/// Writes das2.2 streams with das2C's exact byte layout (stream-das2.md §11), so that filters
/// built on it produce output byte-identical to the reference tools.
///
/// The writer appends to an internal buffer; the caller moves bytes out with
/// ``takeOutput()`` whenever convenient (for example when ``bufferedByteCount`` passes
/// 64 KiB) and calls ``finish()`` once at the end:
///
/// ```swift
/// var writer = Das2StreamWriter(programName: "my_filter")
/// try writer.writeStreamHeader(header)
/// try writer.writePacketHeader(packet)
/// try writer.writeRecord(id: 1, values: [time, value])
/// writer.finish()
/// output.write(writer.takeOutput())
/// ```
///
/// When the stream header says `compression="deflate"`, everything after it is compressed.
public struct Das2StreamWriter: ~Copyable, Sendable {
    /// How yTags read from a stream are written back.
    public enum TagStyle: Hashable, Sendable {
        /// The attribute text as read: lossless, so reading and writing a stream again
        /// reproduces it exactly.
        case asRead
        /// Re-formatted with the printf format das2C infers from the text, as the reference
        /// tools do (`10.000000` becomes `10.0`); this can lose digits.
        case das2C
    }

    /// Added as the `sourceId` stream property when the header has none (das2C behaviour).
    public var programName: String?
    /// How yTags read from a stream are written back.
    public var tagStyle: TagStyle

    private var pending: [UInt8] = []
    /// Index in `pending` where bytes to compress begin (after the stream header).
    private var compressFrom = 0
    private var deflater: Deflater?
    private var compressed: [UInt8] = []
    private var encoders: [RecordEncoder?] = Array(repeating: nil, count: 100)
    private var timeCache = TimeFieldFormat.Cache()

    /// Creates a writer.
    /// - Parameters:
    ///   - programName: added as `sourceId` to stream headers that have none.
    ///   - tagStyle: how yTags read from a stream are written back.
    public init(programName: String? = nil, tagStyle: TagStyle = .asRead) {
        self.programName = programName
        self.tagStyle = tagStyle
    }

    /// Bytes waiting to be taken.
    public var bufferedByteCount: Int { pending.count + compressed.count }

    /// Returns the bytes written so far and clears the buffer.
    public mutating func takeOutput() -> [UInt8] {
        if let deflater {
            pending.withUnsafeBytes { all in
                compressed.append(contentsOf: all[0..<compressFrom])
                deflater.deflate(UnsafeRawBufferPointer(rebasing: all[compressFrom...]), into: &compressed, finish: false)
            }
            pending.removeAll(keepingCapacity: true)
            compressFrom = 0
            defer { compressed.removeAll(keepingCapacity: true) }
            return compressed
        }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    /// Ends the stream: completes the zlib stream of a compressed stream. Take the output after.
    public mutating func finish() {
        guard let deflater else { return }
        pending.withUnsafeBytes { all in
            compressed.append(contentsOf: all[0..<compressFrom])
            deflater.deflate(UnsafeRawBufferPointer(rebasing: all[compressFrom...]), into: &compressed, finish: true)
        }
        pending.removeAll(keepingCapacity: true)
        compressFrom = 0
        self.deflater = nil
        pending = compressed
        compressed.removeAll()
    }

    // MARK: - Packets

    /// Writes the `[00]` stream header.
    public mutating func writeStreamHeader(_ header: StreamHeader) throws(Das2StreamError) {
        var properties = header.properties
        if let programName, properties["sourceId"] == nil {
            properties.set(.string("sourceId", programName))
        }
        var body: [UInt8] = []
        body.append(text: "<stream compression=\"\(header.compression.rawValue)\" version=\"2.2\" >\n")
        HeaderSerialization.appendProperties(properties, indent: "  ", to: &body)
        body.append(text: "</stream>\n")
        try appendPacket(tag: "[00]", body: body)
        if header.compression == .deflate && deflater == nil {
            deflater = Deflater()
            compressFrom = pending.count
        }
    }

    /// Writes a `[NN]` packet header; following records of that id use its layout.
    public mutating func writePacketHeader(_ header: PacketHeader) throws(Das2StreamError) {
        var body: [UInt8] = []
        HeaderSerialization.appendPacket(header, style: tagStyle, to: &body)
        try appendPacket(tag: "[\(PacketHeader.twoDigits(header.id))]", body: body)
        encoders[header.id] = RecordEncoder(header: header)
    }

    /// Writes a data record of packet `id` from its values, plane by plane.
    /// - Throws: ``Das2StreamError`` if no header was written for `id`, or a value does not fit
    ///   its text encoding.
    public mutating func writeRecord(id: Int, values: UnsafeBufferPointer<Double>) throws(Das2StreamError) {
        guard (1...99).contains(id), let encoder = encoders[id] else {
            throw Das2StreamError(.undefinedPacket, "No packet header was written for id \(id)")
        }
        PacketFraming.appendDataTag(id, to: &pending)
        let start = pending.count
        do {
            try encoder.encode(values, into: &pending, timeCache: &timeCache)
        } catch {
            pending.removeSubrange((start - 4)...)
            throw error
        }
    }

    /// Writes a data record of packet `id` from its values.
    public mutating func writeRecord(id: Int, values: [Double]) throws(Das2StreamError) {
        var failure: Das2StreamError?
        values.withUnsafeBufferPointer { buffer in
            do throws(Das2StreamError) { try writeRecord(id: id, values: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Copies a record's bytes unchanged. The header written for its id must have the same layout.
    public mutating func writeRecordBytes(_ record: Das2Record) throws(Das2StreamError) {
        let id = record.packetID
        guard let encoder = encoders[id], encoder.recordSize == record.byteCount else {
            throw Das2StreamError(.undefinedPacket, "No packet header with this record's layout was written for id \(id)")
        }
        PacketFraming.appendDataTag(id, to: &pending)
        record.withUnsafeBytes { pending.append(contentsOf: $0) }
    }

    /// Writes a `<comment>` out-of-band packet.
    public mutating func writeComment(_ comment: Das2Comment) {
        var body: [UInt8] = []
        HeaderSerialization.appendComment(comment, to: &body)
        try? appendPacket(tag: "[xx]", body: body)
    }

    /// Writes an `<exception>` out-of-band packet.
    public mutating func writeException(_ exception: Das2Exception) {
        var body: [UInt8] = []
        HeaderSerialization.appendException(exception, to: &body)
        try? appendPacket(tag: "[xx]", body: body)
    }

    private mutating func appendPacket(tag: String, body: [UInt8]) throws(Das2StreamError) {
        try PacketFraming.appendPacket(tag: tag, body: body, to: &pending)
    }
}

extension [UInt8] {
    mutating func append(text: String) {
        append(contentsOf: text.utf8)
    }
}
