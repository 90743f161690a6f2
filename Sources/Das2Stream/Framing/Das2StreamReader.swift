/// An incremental, strict das2.2 stream reader.
///
/// Feed bytes in chunks of any size with ``append(_:)``, call ``finish()`` at end of input,
/// and pull events with ``next()``:
///
/// ```swift
/// var reader = Das2StreamReader()
/// while let chunk = try input.read() {
///     reader.append(chunk)
///     while let event = try reader.next() { handle(event) }
/// }
/// reader.finish()
/// while let event = try reader.next() { handle(event) }
/// ```
///
/// Every rule of stream-das2.md §10 is enforced: a violation throws a ``Das2StreamError``
/// naming the rule and the byte offset of the offending packet, and every later call throws
/// the same error. Memory is bounded by the largest packet plus the chunk being fed.
/// A `deflate` stream is inflated on demand, so offsets after the stream header count
/// decompressed bytes.
public struct Das2StreamReader: ~Copyable, Sendable {
    /// Size limits protecting the reader from hostile input.
    public struct Limits: Hashable, Sendable {
        /// The largest header or out-of-band packet body accepted (at most 999 999).
        public var maximumHeaderLength: Int
        /// The largest data record accepted.
        public var maximumRecordSize: Int

        /// Creates limits.
        public init(maximumHeaderLength: Int = 999_999, maximumRecordSize: Int = 32 << 20) {
            self.maximumHeaderLength = min(maximumHeaderLength, 999_999)
            self.maximumRecordSize = maximumRecordSize
        }
    }

    private let limits: Limits
    private var buffer = PacketBuffer()
    private var inflater: Inflater?
    private var isFinished = false
    private var sawInput = false
    private var sawPacket = false
    private var sawStreamHeader = false
    private var sawNonOutOfBand = false
    private var failure: Das2StreamError?
    private var layouts: [RecordLayout?] = Array(repeating: nil, count: 100)
    /// The same layouts without reference counting, for the per-record fast path; `layouts`
    /// keeps them alive.
    private var unretainedLayouts: [Unmanaged<RecordLayout>?] = Array(repeating: nil, count: 100)
    private var context = HeaderContext()

    /// The stream header, once read.
    public private(set) var streamHeader: StreamHeader?

    /// Creates a reader.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds input bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        sawInput = true
        if let inflater {
            inflater.append(bytes)
        } else {
            buffer.append(bytes)
        }
    }

    /// Adds input bytes.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Marks the end of input: ``next()`` then reports a truncated stream instead of waiting.
    public mutating func finish() {
        isFinished = true
    }

    /// Whether the whole input has been read and ended on a packet boundary.
    public var isAtEnd: Bool {
        isFinished && failure == nil && buffer.available == 0 && !(inflater?.hasPendingInput ?? false)
    }

    /// Bytes of (decompressed) input consumed so far.
    public var offset: Int { buffer.offset }

    /// The packet header in force for an id, if any.
    public func header(for id: Int) -> PacketHeader? {
        guard (1...99).contains(id) else { return nil }
        return layouts[id]?.header
    }

    /// Returns warnings collected since the last call (tolerated oddities: unknown attributes,
    /// units that forced a property to String, structural pattern issues).
    public mutating func takeWarnings() -> [String] {
        defer { context.warnings.removeAll() }
        return context.warnings
    }

    /// The next event, or nil when more input is needed (or, after ``finish()``, at the end).
    public mutating func next() throws(Das2StreamError) -> Das2Event? {
        if let failure { throw failure }
        do {
            return try nextEvent()
        } catch {
            failure = error
            throw error
        }
    }

    /// Hands the data records that follow in the buffered input to `body`, until a header,
    /// out-of-band packet, incomplete record or anything invalid comes next (``next()``
    /// handles those, and reports errors).
    ///
    /// The records are views into the reader's buffer, valid only during each call: this is
    /// the fast path for filters over long runs of small records, as it retains and allocates
    /// nothing per record.
    public mutating func nextRecords(_ body: (UnsafeDas2Record) throws(Das2StreamError) -> Void) throws(Das2StreamError) {
        try nextRecordBatches { (batch) throws(Das2StreamError) in
            for index in 0..<batch.count { try body(batch[index]) }
        }
    }

    /// Hands the data records that follow in the buffered input to `body` as batches of
    /// consecutive records of one packet id, until a header, out-of-band packet, incomplete
    /// record or anything invalid comes next (``next()`` handles those, and reports errors).
    ///
    /// The batches are views into the reader's buffer, valid only during each call. When
    /// `body` throws, the reader fails with that error and the batch counts as read.
    public mutating func nextRecordBatches(_ body: (UnsafeDas2RecordBatch) throws(Das2StreamError) -> Void) throws(Das2StreamError) {
        if let failure { throw failure }
        guard sawStreamHeader else { return }
        var failure: Das2StreamError?
        let startOffset = buffer.offset
        let start = buffer.readIndex
        var index = start
        buffer.bytes.withUnsafeBytes { all in
            let base = all.baseAddress!
            let end = all.count
            while end - index >= 4 {
                let tag = base + index
                guard tag.load(as: UInt8.self) == UInt8(ascii: ":"),
                    tag.load(fromByteOffset: 3, as: UInt8.self) == UInt8(ascii: ":"),
                    let id = PacketBuffer.twoDigitID(
                        tag.load(fromByteOffset: 1, as: UInt8.self), tag.load(fromByteOffset: 2, as: UInt8.self)),
                    id > 0, let layout = unretainedLayouts[id]
                else { return }
                let stride = 4 + layout._withUnsafeGuaranteedRef { $0.recordSize }
                guard end - index >= stride else { return }
                // The complete records that follow with the same tag.
                let tagBytes = tag.loadUnaligned(as: UInt32.self)
                var count = 1
                var next = index + stride
                while end - next >= stride && (base + next).loadUnaligned(as: UInt32.self) == tagBytes {
                    count += 1
                    next += stride
                }
                let batch = UnsafeDas2RecordBatch(layout: layout, base: tag + 4, count: count, streamOffset: startOffset + (index - start))
                index = next
                do throws(Das2StreamError) {
                    try body(batch)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if index != start { sawPacket = true }
        buffer.readIndex = index
        if let failure {
            self.failure = failure
            throw failure
        }
    }

    // MARK: - Packet decoding

    private mutating func nextEvent() throws(Das2StreamError) -> Das2Event? {
        while true {
            switch try decodePacket() {
            case .event(let event):
                return event
            case .skipped:
                continue
            case .needMore(let count):
                if try refill(atLeast: count) { continue }
                guard isFinished else { return nil }
                let remaining = buffer.available
                if remaining == 0 {
                    guard sawInput && sawPacket else {
                        throw Das2StreamError(.emptyStream, "Input stream contains no packets", offset: 0)
                    }
                    if let inflater, !inflater.isAtEnd {
                        throw Das2StreamError(.truncated, "The compressed stream ends before its zlib trailer", offset: offset)
                    }
                    return nil
                }
                throw Das2StreamError(
                    .truncated,
                    "Partial packet on input: the stream ends \(remaining) byte(s) into a packet that needs \(count)",
                    offset: offset
                )
            }
        }
    }

    private enum Step {
        case event(Das2Event)
        case skipped
        case needMore(Int)
    }

    private mutating func decodePacket() throws(Das2StreamError) -> Step {
        let available = buffer.available
        guard available >= 4 else { return .needMore(4) }
        let start = buffer.readIndex
        let packetOffset = offset
        let b0 = buffer[start]
        let b1 = buffer[start + 1]
        let b2 = buffer[start + 2]
        let b3 = buffer[start + 3]

        if b0 == UInt8(ascii: ":") && b3 == UInt8(ascii: ":"), let id = PacketBuffer.twoDigitID(b1, b2) {
            guard sawStreamHeader else {
                throw Das2StreamError(.framing, "The first packet must be a [00] stream header, found a data packet", offset: packetOffset)
            }
            guard id > 0, let layout = layouts[id] else {
                let name = PacketHeader.twoDigits(id)
                throw Das2StreamError(
                    .undefinedPacket,
                    "Packet type \(name) data received before packet type \(name) header",
                    offset: packetOffset
                )
            }
            let total = 4 + layout.recordSize
            guard available >= total else { return .needMore(total) }
            buffer.readIndex += total
            sawPacket = true
            return .event(.record(Das2Record(layout: layout, storage: buffer.bytes, start: start + 4, streamOffset: packetOffset)))
        }

        guard b0 == UInt8(ascii: "["), b3 == UInt8(ascii: "]") else {
            throw unknownTag(at: start, packetOffset: packetOffset)
        }
        let isOutOfBand = (b1 | 0x20) == UInt8(ascii: "x") && (b2 | 0x20) == UInt8(ascii: "x")
        let headerID = PacketBuffer.twoDigitID(b1, b2)
        guard isOutOfBand || headerID != nil else {
            throw unknownTag(at: start, packetOffset: packetOffset)
        }
        guard available >= 10 else { return .needMore(10) }
        let length = try buffer.length(at: start + 4, blanks: .leading, limit: limits.maximumHeaderLength, packetOffset: packetOffset)
        let total = 10 + length
        guard available >= total else { return .needMore(total) }

        let element = try buffer.element(
            at: start + 10, count: length, packetOffset: packetOffset,
            emptyCode: isOutOfBand ? .invalidOutOfBand : .invalidXML
        )
        buffer.readIndex += total
        sawPacket = true
        do {
            return try interpret(element, outOfBand: isOutOfBand, id: headerID ?? 0, packetOffset: packetOffset)
        } catch {
            throw Das2StreamError(error.code, error.message, offset: error.offset ?? packetOffset)
        }
    }

    private mutating func interpret(
        _ element: XMLElement,
        outOfBand isOutOfBand: Bool,
        id: Int,
        packetOffset: Int
    ) throws(Das2StreamError) -> Step {
        if isOutOfBand {
            switch OutOfBandContent(element: element) {
            case .comment(let comment): return .event(.comment(comment))
            case .exception(let exception): return .event(.exception(exception))
            case .other(let name):
                context.warnings.append("ignoring out-of-band packet with root <\(name)>")
                return .skipped
            }
        }
        if id == 0 {
            guard !sawStreamHeader && !sawNonOutOfBand else {
                throw Das2StreamError(.framing, "Packet ID 0 is only valid for the initial stream header")
            }
            sawStreamHeader = true
            sawNonOutOfBand = true
            if element.name == "exception" {
                // das2-pyserver sends HTTP-level errors as a [00] packet whose root is <exception>.
                guard case .exception(let exception) = OutOfBandContent(element: element) else { return .skipped }
                return .event(.exception(exception))
            }
            let header = try StreamHeader(element: element, context: &context)
            streamHeader = header
            if header.compression == .deflate { try startInflating() }
            return .event(.streamHeader(header))
        }
        guard sawStreamHeader else {
            throw Das2StreamError(.framing, "The first packet must be a [00] stream header, found [\(PacketHeader.twoDigits(id))]")
        }
        sawNonOutOfBand = true
        let header = try PacketHeader(element: element, id: id, context: &context)
        let layout = RecordLayout(header: header, streamProperties: streamHeader?.properties ?? Das2Properties())
        guard layout.recordSize <= limits.maximumRecordSize else {
            throw Das2StreamError(
                .limitExceeded,
                "Packet header [\(PacketHeader.twoDigits(id))] defines \(layout.recordSize)-byte records; the limit is \(limits.maximumRecordSize)"
            )
        }
        layouts[id] = layout
        unretainedLayouts[id] = Unmanaged.passUnretained(layout)
        return .event(.packetHeader(header))
    }

    private func unknownTag(at start: Int, packetOffset: Int) -> Das2StreamError {
        let first = sawPacket ? "" : " (a das2 stream starts with [00])"
        return Das2StreamError(.framing, "Unknown bytes \(buffer.describeTag(at: start))\(first)", offset: packetOffset)
    }

    // MARK: - Compressed input

    /// Moves the bytes after the `[00]` packet into the inflater; from now on all input is compressed.
    private mutating func startInflating() throws(Das2StreamError) {
        let inflater = try Inflater()
        buffer.takeUnconsumed().withUnsafeBytes { inflater.append($0) }
        self.inflater = inflater
    }

    /// Inflates until at least `count` bytes are buffered; returns whether anything was added.
    /// Errors point at the end of the data decompressed so far, where the bad input begins.
    private mutating func refill(atLeast count: Int) throws(Das2StreamError) -> Bool {
        guard let inflater else { return false }
        buffer.compact()
        var added = false
        while buffer.available < count {
            let end = buffer.offset + buffer.available
            if inflater.isAtEnd {
                guard !inflater.hasPendingInput else {
                    throw Das2StreamError(.compression, "Bytes follow the end of the compressed stream", offset: end)
                }
                break
            }
            let produced: Int
            do {
                produced = try inflater.inflate(into: &buffer.bytes, limit: max(count - buffer.available, 64 * 1024))
            } catch {
                throw Das2StreamError(error.code, error.message, offset: end)
            }
            if produced == 0 { break }
            added = true
        }
        return added
    }
}
