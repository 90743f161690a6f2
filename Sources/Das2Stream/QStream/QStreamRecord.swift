/// One data packet (`:NN:` + record) of a QStream.
///
/// The record refers to the reader's buffer instead of copying it; a streamed dataset's
/// values are decoded on demand. Holding a record while feeding the reader more input is
/// allowed but makes the reader copy its buffer, so process records as they come.
public struct QStreamRecord: Sendable {
    /// Byte offset of the record's `:NN:` tag in the input.
    public let streamOffset: Int

    let layout: QStreamRecordLayout
    let storage: [UInt8]
    let start: Int

    init(layout: QStreamRecordLayout, storage: [UInt8], start: Int, streamOffset: Int) {
        self.layout = layout
        self.storage = storage
        self.start = start
        self.streamOffset = streamOffset
    }

    /// The packet id, 1...99.
    public var packetID: Int { layout.descriptor.id }
    /// The packet descriptor in force for this record.
    public var descriptor: QStreamPacketDescriptor { layout.descriptor }
    /// Bytes in the record (without the tag).
    public var byteCount: Int { layout.recordSize }

    /// Calls `body` with the raw record bytes (without the `:NN:` tag).
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<(start + layout.recordSize)]))
        }
    }

    /// The number of values of a streamed dataset in this record.
    /// - Parameter dataset: An index into ``descriptor``'s `datasets`.
    public func valueCount(dataset: Int) -> Int {
        slot(dataset).count
    }

    /// Decodes a streamed dataset's values into a buffer of at least ``valueCount(dataset:)``
    /// elements.
    ///
    /// Binary values are widened to Double; `asciiN` fields that do not parse give NaN;
    /// `timeN` fields are read in the dataset's `UNITS` (asterisk fill gives NaN).
    /// - Parameters:
    ///   - dataset: An index into ``descriptor``'s `datasets`; the dataset must be streamed.
    ///   - values: The output.
    /// - Throws: ``Das2StreamError`` with code `invalidValue` for a time field that does not
    ///   parse, `invalidUnits` when the UNITS of a time dataset are not a known epoch.
    public func decode(dataset: Int, into values: UnsafeMutableBufferPointer<Double>) throws(Das2StreamError) {
        let slot = slot(dataset)
        precondition(values.count >= slot.count, "buffer too small for the dataset's values")
        guard slot.count > 0 else { return }
        let layout = self.layout
        let offset = streamOffset
        var failure: Das2StreamError?
        storage.withUnsafeBytes { all in
            do throws(Das2StreamError) {
                try slot.decode(
                    all.baseAddress! + start + slot.offset, bigEndian: layout.bigEndian, into: values.baseAddress!,
                    datasetID: layout.descriptor.datasets[dataset].id, offset: offset
                )
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Decodes a streamed dataset's values into `values` (resized to the value count).
    public func decode(dataset: Int, into values: inout [Double]) throws(Das2StreamError) {
        let count = valueCount(dataset: dataset)
        if values.count != count {
            values = [Double](repeating: 0, count: count)
        }
        var failure: Das2StreamError?
        values.withUnsafeMutableBufferPointer { out in
            do throws(Das2StreamError) { try decode(dataset: dataset, into: out) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Decodes the values of a dataset with an integer encoding (`int8`, `int4`, `int2`, `byte`,
    /// `hexN`) exactly, for example `cdfTT2000` times beyond 2^53.
    /// - Throws: ``Das2StreamError`` with code `invalidEncoding` for any other encoding,
    ///   `invalidValue` for a `hexN` field that does not parse.
    public func decodeIntegers(dataset: Int, into values: UnsafeMutableBufferPointer<Int64>) throws(Das2StreamError) {
        let slot = slot(dataset)
        precondition(values.count >= slot.count, "buffer too small for the dataset's values")
        guard slot.encoding.isInteger else {
            throw Das2StreamError(
                .invalidEncoding,
                "Dataset \(layout.descriptor.datasets[dataset].id) is encoded as \(slot.encoding.name), not as integers",
                offset: streamOffset
            )
        }
        guard slot.count > 0 else { return }
        let layout = self.layout
        let offset = streamOffset
        var failure: Das2StreamError?
        storage.withUnsafeBytes { all in
            do throws(Das2StreamError) {
                try slot.decodeIntegers(
                    all.baseAddress! + start + slot.offset, bigEndian: layout.bigEndian, into: values.baseAddress!,
                    datasetID: layout.descriptor.datasets[dataset].id, offset: offset
                )
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Decodes an integer-encoded dataset's values into `values` (resized to the value count).
    public func decodeIntegers(dataset: Int, into values: inout [Int64]) throws(Das2StreamError) {
        let count = valueCount(dataset: dataset)
        if values.count != count {
            values = [Int64](repeating: 0, count: count)
        }
        var failure: Das2StreamError?
        values.withUnsafeMutableBufferPointer { out in
            do throws(Das2StreamError) { try decodeIntegers(dataset: dataset, into: out) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func slot(_ dataset: Int) -> QStreamRecordLayout.Slot {
        precondition(layout.slots.indices.contains(dataset), "dataset index out of range")
        guard let slot = layout.slots[dataset] else {
            preconditionFailure("dataset \(layout.descriptor.datasets[dataset].id) is not streamed")
        }
        return slot
    }
}
