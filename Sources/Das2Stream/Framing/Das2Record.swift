/// One data record (`:NN:` packet) of a das2.2 stream.
///
/// The record refers to the reader's buffer instead of copying it; values are decoded on
/// demand. Holding a record while feeding the reader more input is allowed but makes the
/// reader copy its buffer, so process records as they come.
public struct Das2Record: Sendable {
    /// The packet id, 1...99.
    public var packetID: Int { layout.header.id }
    /// The packet header in force for this record.
    public var header: PacketHeader { layout.header }
    /// Byte offset of the record's `:NN:` tag in the (decompressed) input.
    public let streamOffset: Int

    let layout: RecordLayout
    let storage: [UInt8]
    let start: Int

    init(layout: RecordLayout, storage: [UInt8], start: Int, streamOffset: Int) {
        self.layout = layout
        self.storage = storage
        self.start = start
        self.streamOffset = streamOffset
    }

    /// Bytes in the record (without the tag).
    public var byteCount: Int { layout.recordSize }

    /// Values in the record: every item of every plane.
    public var valueCount: Int { layout.valueCount }

    /// Calls `body` with the raw record bytes (without the `:NN:` tag).
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<(start + layout.recordSize)]))
        }
    }

    /// Decodes every value, plane by plane, into `values` (resized to ``valueCount``).
    ///
    /// Binary reals are widened to Double; text numbers that do not parse give -1e31; text
    /// times are converted to the plane's epoch units (us2000 for `UTC`).
    /// - Throws: ``Das2StreamError`` with code `invalidValue` for a time field that does not parse.
    public func decode(into values: inout [Double]) throws(Das2StreamError) {
        if values.count != layout.valueCount {
            values = [Double](repeating: 0, count: layout.valueCount)
        }
        var failure: Das2StreamError?
        values.withUnsafeMutableBufferPointer { out in
            do throws(Das2StreamError) { try decode(into: out) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Decodes every value into a buffer of at least ``valueCount`` elements.
    public func decode(into values: UnsafeMutableBufferPointer<Double>) throws(Das2StreamError) {
        precondition(values.count >= layout.valueCount, "buffer too small for the record")
        let layout = self.layout
        let offset = streamOffset
        var failure: Das2StreamError?
        storage.withUnsafeBytes { all in
            do throws(Das2StreamError) {
                try layout.decode(all.baseAddress! + start, into: values.baseAddress!, offset: offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Decodes one value.
    /// - Parameters:
    ///   - plane: the plane index in the packet header.
    ///   - item: the item within the plane (0 for single-valued planes).
    public func value(plane: Int, item: Int = 0) throws(Das2StreamError) -> Double {
        let slot = layout.slots[plane]
        precondition(item >= 0 && item < slot.items, "item out of range")
        var result = 0.0
        let offset = streamOffset
        let single = RecordLayout.Slot(
            offset: slot.offset + item * slot.encoding.width, encoding: slot.encoding, items: 1,
            firstValue: 0, timeScale: slot.timeScale, fill: slot.fill
        )
        var failure: Das2StreamError?
        storage.withUnsafeBytes { all in
            do throws(Das2StreamError) {
                try single.decode(all.baseAddress! + start + single.offset, into: &result, offset: offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// The fill value of each plane, resolved through the property cascade when the header
    /// arrived.
    public var fillValues: [Double] { layout.slots.map(\.fill) }
}

/// One unit of a das2.2 stream, as delivered by ``Das2StreamReader``.
public enum Das2Event: Sendable {
    /// The `[00]` stream header.
    case streamHeader(StreamHeader)
    /// A `[NN]` packet header (a new id or a redefinition).
    case packetHeader(PacketHeader)
    /// A `:NN:` data record.
    case record(Das2Record)
    /// A `<comment>` out-of-band packet.
    case comment(Das2Comment)
    /// An `<exception>` out-of-band packet.
    case exception(Das2Exception)
}
