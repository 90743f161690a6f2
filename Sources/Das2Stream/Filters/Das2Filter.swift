/// A streaming transformation of a das2.2 stream: events in, packets out through a writer.
///
/// Filters hold only per-packet-id state, so memory does not grow with the number of
/// records. Tools drive them from stdin; the server drives them over a reader's output.
/// ``drain(_:into:)`` feeds a filter everything a reader has ready, data records through the
/// fast in-place path.
public protocol Das2Filter: ~Copyable {
    /// Handles one input event, writing whatever it produces.
    mutating func process(_ event: Das2Event, into writer: inout Das2StreamWriter) throws(Das2StreamError)
    /// Handles one data record seen in place in the reader's buffer. The default copies it
    /// into a ``Das2Record`` event; filters on hot paths read it directly.
    mutating func process(_ record: UnsafeDas2Record, into writer: inout Das2StreamWriter) throws(Das2StreamError)
    /// Handles consecutive data records of one packet id seen in place in the reader's buffer.
    /// The default hands them one by one to ``process(_:into:)-(UnsafeDas2Record,_)``.
    mutating func process(_ records: UnsafeDas2RecordBatch, into writer: inout Das2StreamWriter) throws(Das2StreamError)
    /// Writes anything still pending at the end of the input.
    mutating func finish(into writer: inout Das2StreamWriter) throws(Das2StreamError)
}

extension Das2Filter where Self: ~Copyable {
    public mutating func process(_ record: UnsafeDas2Record, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        try process(.record(record.copy()), into: &writer)
    }

    public mutating func process(_ records: UnsafeDas2RecordBatch, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        for index in 0..<records.count {
            try process(records[index], into: &writer)
        }
    }

    /// Processes every event the reader has ready (nothing more is read), runs of data records
    /// through ``Das2StreamReader/nextRecordBatches(_:)``.
    /// - Parameter flush: called whenever the writer holds at least `flushThreshold` bytes
    ///   after an event or a batch of records.
    public mutating func drain(
        _ reader: inout Das2StreamReader,
        into writer: inout Das2StreamWriter,
        flushThreshold: Int = 256 * 1024,
        flush: (inout Das2StreamWriter) throws(Das2StreamError) -> Void = { _ in }
    ) throws(Das2StreamError) {
        while true {
            try reader.nextRecordBatches { (records) throws(Das2StreamError) in
                try process(records, into: &writer)
                if writer.bufferedByteCount >= flushThreshold { try flush(&writer) }
            }
            guard let event = try reader.next() else { return }
            try process(event, into: &writer)
            if writer.bufferedByteCount >= flushThreshold { try flush(&writer) }
        }
    }
}
