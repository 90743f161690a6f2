/// Consecutive data records of one packet id viewed in place in a reader's buffer, without
/// retaining anything.
///
/// Handed out by ``Das2StreamReader/nextRecordBatches(_:)`` and valid only during the call
/// that receives it, like ``UnsafeDas2Record``. A filter that handles a whole batch at once
/// sets up its per-id state once for many records instead of once per record.
public struct UnsafeDas2RecordBatch {
    /// Not reference counted: the reader keeps the layout alive during the call.
    let unmanagedLayout: Unmanaged<RecordLayout>
    /// The bytes of the first record (after its tag).
    let base: UnsafeRawPointer
    /// Bytes from one record to the next: the record and the next tag.
    let stride: Int
    /// Byte offset of the first record's `:NN:` tag in the (decompressed) input.
    let streamOffset: Int
    /// Number of records, at least 1.
    public let count: Int

    init(layout: Unmanaged<RecordLayout>, base: UnsafeRawPointer, count: Int, streamOffset: Int) {
        unmanagedLayout = layout
        self.base = base
        stride = 4 + layout._withUnsafeGuaranteedRef { $0.recordSize }
        self.count = count
        self.streamOffset = streamOffset
    }

    /// The packet id of every record, 1...99.
    public var packetID: Int { unmanagedLayout._withUnsafeGuaranteedRef { $0.header.id } }

    /// The bytes of record `index` (without the tag).
    @inline(__always)
    func bytes(at index: Int) -> UnsafeRawPointer {
        base + index &* stride
    }

    /// Record `index`, 0..<count.
    public subscript(index: Int) -> UnsafeDas2Record {
        precondition(index >= 0 && index < count, "record index out of range")
        return UnsafeDas2Record(layout: unmanagedLayout, base: bytes(at: index), streamOffset: streamOffset + index * stride)
    }
}
