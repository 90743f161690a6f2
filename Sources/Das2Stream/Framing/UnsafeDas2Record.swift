/// A data record viewed in place in a reader's buffer, without retaining anything.
///
/// Handed out by ``Das2StreamReader/nextRecords(_:)`` and valid only during the call that
/// receives it, like the buffer of `withUnsafeBytes`: keep the values, never the view. Use
/// ``copy()`` for a ``Das2Record`` that can be kept.
public struct UnsafeDas2Record {
    /// Not reference counted: the reader keeps the layout alive during the call.
    let unmanagedLayout: Unmanaged<RecordLayout>
    let base: UnsafeRawPointer
    /// Byte offset of the record's `:NN:` tag in the (decompressed) input.
    public let streamOffset: Int

    init(layout: Unmanaged<RecordLayout>, base: UnsafeRawPointer, streamOffset: Int) {
        self.unmanagedLayout = layout
        self.base = base
        self.streamOffset = streamOffset
    }

    var layout: RecordLayout { unmanagedLayout.takeUnretainedValue() }

    /// The packet id, 1...99.
    public var packetID: Int { unmanagedLayout._withUnsafeGuaranteedRef { $0.header.id } }
    /// The packet header in force for this record.
    public var header: PacketHeader { layout.header }
    /// Bytes in the record (without the tag).
    public var byteCount: Int { unmanagedLayout._withUnsafeGuaranteedRef { $0.recordSize } }
    /// Values in the record: every item of every plane.
    public var valueCount: Int { unmanagedLayout._withUnsafeGuaranteedRef { $0.valueCount } }

    /// The record bytes (without the tag).
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: byteCount) }

    /// Decodes every value, as ``Das2Record/decode(into:)-(UnsafeMutableBufferPointer<Double>)``.
    public func decode(into values: UnsafeMutableBufferPointer<Double>) throws(Das2StreamError) {
        precondition(values.count >= valueCount, "buffer too small for the record")
        let base = self.base
        let offset = streamOffset
        let failure: Das2StreamError? = unmanagedLayout._withUnsafeGuaranteedRef { layout in
            do throws(Das2StreamError) {
                try layout.decode(base, into: values.baseAddress!, offset: offset)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// A record that owns a copy of the bytes.
    public func copy() -> Das2Record {
        Das2Record(layout: layout, storage: Array(bytes), start: 0, streamOffset: streamOffset)
    }
}
