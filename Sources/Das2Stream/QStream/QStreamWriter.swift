/// Writes QStreams in the writer profile of stream-qstream.md §11, and forwards the packets of
/// a stream being read unchanged.
///
/// The writer appends to an internal buffer; the caller moves bytes out with
/// ``takeOutput()`` whenever convenient:
///
/// ```swift
/// var writer = QStreamWriter()
/// try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "flux", byteOrder: .littleEndian))
/// try writer.writePacketDescriptor(descriptor)
/// try writer.writeRecord(id: 1, values: [time, flux])
/// output.write(writer.takeOutput())
/// ```
///
/// Pass-through: call ``forwardLastPacket(of:)`` after every event of a ``QStreamReader``
/// (or ``forward(_:)`` with any complete packet) to re-emit the input byte for byte.
/// Forwarded packets do not change the writer's own state, so do not mix forwarding with
/// ``writeRecord(id:values:)`` for the same packet ids.
///
/// Nothing can be written after an exception: later throwing calls throw, later comments,
/// exceptions and forwarded packets are dropped.
public struct QStreamWriter: ~Copyable, Sendable {
    private var pending: [UInt8] = []
    private var streamDescriptor: QStreamDescriptor?
    private var encoders: [QStreamRecordEncoder?] = Array(repeating: nil, count: 100)
    private var isClosed = false

    /// Creates a writer.
    public init() {}

    /// Bytes waiting to be taken.
    public var bufferedByteCount: Int { pending.count }

    /// Returns the bytes written so far and clears the buffer.
    public mutating func takeOutput() -> [UInt8] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    // MARK: - Descriptors

    /// Writes the `[00]` stream descriptor. A repeat (concatenated streams) must name the
    /// same dataset and byte order.
    ///
    /// Declare a `byteOrder` whenever a packet will use a binary encoding.
    public mutating func writeStreamDescriptor(_ descriptor: QStreamDescriptor) throws(Das2StreamError) {
        try checkOpen()
        guard !descriptor.datasetID.isEmpty else {
            throw Das2StreamError(.invalidStreamHeader, "The stream descriptor needs a dataset_id")
        }
        if let first = streamDescriptor {
            guard first.datasetID == descriptor.datasetID, first.effectiveByteOrder == descriptor.effectiveByteOrder else {
                throw Das2StreamError(.invalidStreamHeader, "A repeated stream descriptor must keep the dataset_id and byte_order")
            }
        }
        var body: [UInt8] = []
        QStreamSerialization.appendStreamDescriptor(descriptor, to: &body)
        try appendPacket(tag: "[00]", body: body)
        if streamDescriptor == nil { streamDescriptor = descriptor }
    }

    /// Writes a `[NN]` packet descriptor; following records of that id use its layout.
    ///
    /// - Throws: ``Das2StreamError`` when the descriptor is outside the writer profile:
    ///   joins, bundles, `joinId`, indexed properties, `<enumerationUnit>` children, row-wise
    ///   inline values, inline and streamed datasets mixed (`unsupported`); encodings other than
    ///   `double`, `float`, `int8`, `int4`, `int2`, `asciiN` (N ≥ 10), `timeN` (N = 17, 20,
    ///   24, 27, 30), or a binary encoding without a declared byte order (`invalidEncoding`);
    ///   a `timeN` dataset whose UNITS are not a known epoch (`invalidUnits`); a rank that
    ///   does not reconcile with the length (`invalidPacketHeader`).
    public mutating func writePacketDescriptor(_ descriptor: QStreamPacketDescriptor) throws(Das2StreamError) {
        try checkOpen()
        guard let stream = streamDescriptor else {
            throw Das2StreamError(.framing, "Write the stream descriptor before packet descriptors")
        }
        try Self.checkProfile(descriptor, byteOrder: stream.byteOrder)
        var body: [UInt8] = []
        QStreamSerialization.appendPacketDescriptor(descriptor, to: &body)
        try appendPacket(tag: "[\(QStreamPacketDescriptor.twoDigits(descriptor.id))]", body: body)
        let streamed = descriptor.datasets.contains { $0.isStreamed }
        encoders[descriptor.id] = streamed ? QStreamRecordEncoder(descriptor: descriptor, byteOrder: stream.effectiveByteOrder) : nil
    }

    // MARK: - Records

    /// Writes a data record of packet `id`: the values of every streamed dataset, in dataset
    /// order, each dataset's values row-major.
    /// - Throws: ``Das2StreamError`` if no descriptor with streamed values was written for `id`,
    ///   the value count is wrong, or a value does not fit an integer encoding.
    public mutating func writeRecord(id: Int, values: UnsafeBufferPointer<Double>) throws(Das2StreamError) {
        try checkOpen()
        guard (1...99).contains(id), let encoder = encoders[id] else {
            throw Das2StreamError(.undefinedPacket, "No packet descriptor with streamed values was written for id \(id)")
        }
        guard values.count == encoder.valueCount else {
            throw Das2StreamError(.invalidValue, "A record of packet \(id) holds \(encoder.valueCount) values, got \(values.count)")
        }
        let start = pending.count
        appendDataTag(id)
        do {
            try encoder.encode(values, into: &pending)
        } catch {
            pending.removeSubrange(start...)
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

    /// Copies a record's bytes unchanged. The descriptor written for its id must have the same
    /// record size and the stream the same byte order.
    public mutating func writeRecordBytes(_ record: QStreamRecord) throws(Das2StreamError) {
        try checkOpen()
        let id = record.packetID
        guard let encoder = encoders[id], encoder.recordSize == record.byteCount, encoder.bigEndian == record.layout.bigEndian else {
            throw Das2StreamError(.undefinedPacket, "No packet descriptor with this record's layout was written for id \(id)")
        }
        appendDataTag(id)
        record.withUnsafeBytes { pending.append(contentsOf: $0) }
    }

    // MARK: - Out-of-band packets

    /// Writes a `<comment type message>` packet (the message is the comment's `value`).
    public mutating func writeComment(_ comment: Das2Comment) {
        guard !isClosed else { return }
        var body: [UInt8] = []
        QStreamSerialization.appendComment(comment, to: &body)
        try? appendPacket(tag: "[xx]", body: body)
    }

    /// Writes an `<exception type message>` packet, which ends the stream.
    public mutating func writeException(_ exception: Das2Exception) {
        guard !isClosed else { return }
        var body: [UInt8] = []
        QStreamSerialization.appendException(exception, to: &body)
        try? appendPacket(tag: "[xx]", body: body)
        isClosed = true
    }

    /// Writes an `<enumerationUnit>` packet labelling a code of a declared enumeration unit.
    public mutating func writeEnumerationLabel(_ label: QStreamEnumerationLabel) throws(Das2StreamError) {
        try checkOpen()
        var body: [UInt8] = []
        QStreamSerialization.appendEnumerationLabel(label, to: &body)
        try appendPacket(tag: "[xx]", body: body)
    }

    // MARK: - Pass-through

    /// Appends one complete packet unchanged.
    public mutating func forward(_ packet: UnsafeRawBufferPointer) {
        guard !isClosed else { return }
        pending.append(contentsOf: packet)
    }

    /// Appends, unchanged, the packet behind the event `reader` returned last. Forwarding the
    /// exception that ended the reader's stream ends this stream too.
    public mutating func forwardLastPacket(of reader: borrowing QStreamReader) {
        guard !isClosed else { return }
        reader.withUnsafeLastPacket { pending.append(contentsOf: $0) }
        if reader.endingException != nil { isClosed = true }
    }

    // MARK: - Helpers

    private func checkOpen() throws(Das2StreamError) {
        guard !isClosed else {
            throw Das2StreamError(.framing, "The stream already ended with an exception")
        }
    }

    private mutating func appendDataTag(_ id: Int) {
        PacketFraming.appendDataTag(id, to: &pending)
    }

    private mutating func appendPacket(tag: String, body: [UInt8]) throws(Das2StreamError) {
        try PacketFraming.appendPacket(tag: tag, body: body, to: &pending)
    }

    private static func checkProfile(_ descriptor: QStreamPacketDescriptor, byteOrder: QStreamDescriptor.ByteOrder?) throws(Das2StreamError) {
        var streamed = false
        var inline = false
        for dataset in descriptor.datasets {
            let name = "dataset '\(dataset.id)'"
            guard dataset.joinID == nil, dataset.indexedProperties.isEmpty, dataset.enumerationLabels.isEmpty else {
                throw Das2StreamError(
                    .unsupported,
                    "The writer profile has no joinId, indexed properties or <enumerationUnit> children (\(name))"
                )
            }
            switch dataset.values {
            case .streamed(let encoding, _):
                streamed = true
                try checkEncoding(encoding, dataset: dataset, byteOrder: byteOrder)
            case .inline(let rows):
                inline = true
                guard rows.count == 1, rows[0].index == nil else {
                    throw Das2StreamError(.unsupported, "The writer profile has one inline <values> per dataset, without index (\(name))")
                }
            case .join, .bundle:
                throw Das2StreamError(.unsupported, "The writer profile has no joins or bundles (\(name))")
            }
            try dataset.validateShape()
        }
        guard !(streamed && inline) else {
            throw Das2StreamError(.unsupported, "Packet descriptor \(descriptor.id) mixes inline and streamed datasets")
        }
        var ids = Set<String>()
        for dataset in descriptor.datasets where !ids.insert(dataset.id).inserted {
            throw Das2StreamError(.invalidPacketHeader, "Packet descriptor \(descriptor.id) defines dataset '\(dataset.id)' twice")
        }
    }

    private static func checkEncoding(
        _ encoding: QStreamEncoding,
        dataset: QDataSetDescriptor,
        byteOrder: QStreamDescriptor.ByteOrder?
    ) throws(Das2StreamError) {
        switch encoding.kind {
        case .real8, .real4, .int8, .int4, .int2:
            guard byteOrder != nil else {
                throw Das2StreamError(
                    .invalidEncoding,
                    "Dataset '\(dataset.id)' is binary (\(encoding.name)): declare a byte_order in the stream descriptor"
                )
            }
        case .ascii where encoding.width >= 10:
            break
        case .time where [17, 20, 24, 27, 30].contains(encoding.width):
            guard let units = dataset.units, QStreamRecordLayout.timeScale(units: units) != nil else {
                throw Das2StreamError(
                    .invalidUnits,
                    "Dataset '\(dataset.id)' is encoded as \(encoding.name) but its UNITS are not a known time-location unit"
                )
            }
        default:
            throw Das2StreamError(
                .invalidEncoding,
                "Encoding \(encoding.name) of dataset '\(dataset.id)' is outside the writer profile (double, float, int8, int4, int2, asciiN with N ≥ 10, time17/20/24/27/30)"
            )
        }
    }
}
