/// An incremental, strict QStream reader.
///
/// Feed bytes in chunks of any size with ``append(_:)``, call ``finish()`` at end of input,
/// and pull events with ``next()``:
///
/// ```swift
/// var reader = QStreamReader()
/// while let chunk = try input.read() {
///     reader.append(chunk)
///     while let event = try reader.next() { handle(event) }
/// }
/// reader.finish()
/// while let event = try reader.next() { handle(event) }
/// ```
///
/// The framing and ordering rules of stream-qstream.md §2 and the reader edge cases of §12
/// are enforced: a violation throws a ``Das2StreamError`` naming the rule and the byte offset
/// of the offending packet, and every later call throws the same error. An `<exception>`
/// packet ends the stream: it is delivered, and from then on ``next()`` returns `nil` and
/// further input is ignored. Memory is bounded by the largest packet plus the chunk being fed.
public struct QStreamReader: ~Copyable, Sendable {
    /// Size limits protecting the reader from hostile input.
    public struct Limits: Hashable, Sendable {
        /// The largest descriptor body accepted (at most 999 999).
        public var maximumHeaderLength: Int
        /// The largest data record accepted (the reference reader refuses more than 1 000 000).
        public var maximumRecordSize: Int

        /// Creates limits.
        public init(maximumHeaderLength: Int = 999_999, maximumRecordSize: Int = 1_000_000) {
            self.maximumHeaderLength = min(maximumHeaderLength, 999_999)
            self.maximumRecordSize = maximumRecordSize
        }
    }

    private let limits: Limits
    private var buffer = PacketBuffer()
    private var isFinished = false
    private var sawInput = false
    private var sawPacket = false
    private var failure: Das2StreamError?
    private var layouts: [QStreamRecordLayout?] = Array(repeating: nil, count: 100)
    /// Names of enumeration units declared by `UNITS` properties so far.
    private var enumerationUnits: Set<String> = []
    /// The packet id that first defined each dataset id.
    private var datasetPackets: [String: Int] = [:]
    /// Buffer range of the packet behind the last event.
    private var lastPacket: Range<Int> = 0..<0
    private var pendingWarnings: [String] = []

    /// The stream descriptor, once read.
    public private(set) var streamDescriptor: QStreamDescriptor?
    /// The exception that ended the stream, if one did.
    public private(set) var endingException: Das2Exception?

    /// Creates a reader.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds input bytes. Input after an exception packet is ignored.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, endingException == nil else { return }
        sawInput = true
        buffer.append(bytes)
        lastPacket = 0..<0
    }

    /// Adds input bytes.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Marks the end of input: ``next()`` then reports a truncated stream instead of waiting.
    public mutating func finish() {
        isFinished = true
    }

    /// Whether reading is over without error: the whole input ended on a packet boundary, or
    /// an exception packet ended the stream.
    public var isAtEnd: Bool {
        failure == nil && (endingException != nil || (isFinished && buffer.available == 0))
    }

    /// Bytes of input consumed so far.
    public var offset: Int { buffer.offset }

    /// The packet descriptor in force for an id, if any.
    public func packetDescriptor(for id: Int) -> QStreamPacketDescriptor? {
        guard (1...99).contains(id) else { return nil }
        return layouts[id]?.descriptor
    }

    /// Returns warnings collected since the last call (tolerated oddities: unknown attributes
    /// and elements, dropped properties, skipped packets).
    public mutating func takeWarnings() -> [String] {
        defer { pendingWarnings.removeAll() }
        return pendingWarnings
    }

    /// Calls `body` with the complete bytes (tag, length field and body, or tag and record)
    /// of the packet behind the event last returned by ``next()``.
    ///
    /// Valid until the next ``append(_:)``. A pass-through forwards these bytes for every
    /// event to reproduce the input exactly.
    public func withUnsafeLastPacket<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try buffer.bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[lastPacket]))
        }
    }

    /// The next event, or nil when more input is needed (or, after ``finish()`` or an
    /// exception, at the end).
    public mutating func next() throws(Das2StreamError) -> QStreamEvent? {
        if let failure { throw failure }
        guard endingException == nil else { return nil }
        do {
            return try nextEvent()
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: - Packet decoding

    private mutating func nextEvent() throws(Das2StreamError) -> QStreamEvent? {
        switch try decodePacket() {
        case .event(let event):
            return event
        case .needMore(let count):
            guard isFinished else { return nil }
            let remaining = buffer.available
            if remaining == 0 {
                guard sawInput && sawPacket else {
                    throw Das2StreamError(.emptyStream, "Input stream contains no packets", offset: 0)
                }
                return nil
            }
            throw Das2StreamError(
                .truncated,
                "Stream ends with partial packet: \(remaining) byte(s) of a packet that needs \(count)",
                offset: offset
            )
        }
    }

    private enum Step {
        case event(QStreamEvent)
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
            guard streamDescriptor != nil else {
                let name = QStreamPacketDescriptor.twoDigits(id)
                throw Das2StreamError(.framing, "The stream must start with a [00] stream descriptor, found :\(name): data", offset: packetOffset)
            }
            guard id > 0, let layout = layouts[id] else {
                let name = QStreamPacketDescriptor.twoDigits(id)
                throw Das2StreamError(.undefinedPacket, "Data packet :\(name): arrived before any [\(name)] descriptor", offset: packetOffset)
            }
            guard layout.hasStreamedValues else {
                let name = QStreamPacketDescriptor.twoDigits(id)
                throw Das2StreamError(
                    .framing,
                    "Data packet :\(name): follows descriptor [\(name)], which streams no values (all are inline, joins or bundles)",
                    offset: packetOffset
                )
            }
            let total = 4 + layout.recordSize
            guard available >= total else { return .needMore(total) }
            buffer.readIndex += total
            sawPacket = true
            lastPacket = start..<buffer.readIndex
            return .event(.record(QStreamRecord(layout: layout, storage: buffer.bytes, start: start + 4, streamOffset: packetOffset)))
        }

        guard b0 == UInt8(ascii: "["), b3 == UInt8(ascii: "]") else {
            throw unknownTag(at: start, packetOffset: packetOffset)
        }
        let isOutOfBand = b1 == UInt8(ascii: "x") && b2 == UInt8(ascii: "x")
        let descriptorID = PacketBuffer.twoDigitID(b1, b2)
        guard isOutOfBand || descriptorID != nil else {
            throw unknownTag(at: start, packetOffset: packetOffset)
        }
        guard available >= 10 else { return .needMore(10) }
        let length = try buffer.length(at: start + 4, blanks: .anywhere, limit: limits.maximumHeaderLength, packetOffset: packetOffset)
        let total = 10 + length
        guard available >= total else { return .needMore(total) }

        let element = try buffer.element(at: start + 10, count: length, packetOffset: packetOffset, emptyCode: .invalidXML)
        buffer.readIndex += total
        sawPacket = true
        lastPacket = start..<buffer.readIndex
        do {
            return .event(try interpret(element, outOfBand: isOutOfBand, id: descriptorID ?? 0))
        } catch {
            throw Das2StreamError(error.code, error.message, offset: error.offset ?? packetOffset)
        }
    }

    private mutating func interpret(_ element: XMLElement, outOfBand isOutOfBand: Bool, id: Int) throws(Das2StreamError) -> QStreamEvent {
        let tag = isOutOfBand ? "[xx]" : "[\(QStreamPacketDescriptor.twoDigits(id))]"
        switch element.name {
        case "exception":
            guard case .exception(let exception) = OutOfBandContent(element: element) else {
                preconditionFailure("an <exception> root is an exception")
            }
            endingException = exception
            return .exception(exception)
        case "stream" where isOutOfBand || id != 0:
            pendingWarnings.append("ignoring a <stream> descriptor sent as \(tag)")
            return .skipped(element: element.name)
        default:
            break
        }
        if isOutOfBand {
            return try interpretOutOfBand(element)
        }
        if id == 0 {
            return .streamDescriptor(try acceptStreamDescriptor(element))
        }
        guard let stream = streamDescriptor else {
            throw Das2StreamError(.framing, "The stream must start with a [00] stream descriptor, found \(tag)")
        }
        if element.name == "comment" || element.name == "enumerationUnit" {
            throw Das2StreamError(.invalidPacketHeader, "A <\(element.name)> must be sent as [xx], not \(tag)")
        }
        let descriptor = try QStreamPacketDescriptor(element: element, id: id, warnings: &pendingWarnings)
        let layout = QStreamRecordLayout(descriptor: descriptor, byteOrder: stream.effectiveByteOrder)
        guard layout.recordSize <= limits.maximumRecordSize else {
            throw Das2StreamError(
                .limitExceeded,
                "Packet descriptor \(tag) defines \(layout.recordSize)-byte records; the limit is \(limits.maximumRecordSize)"
            )
        }
        register(descriptor)
        layouts[id] = layout
        return .packetDescriptor(descriptor)
    }

    private mutating func interpretOutOfBand(_ element: XMLElement) throws(Das2StreamError) -> QStreamEvent {
        switch element.name {
        case "comment":
            guard case .comment(let comment) = OutOfBandContent(element: element) else {
                preconditionFailure("a <comment> root is a comment")
            }
            return .comment(comment)
        case "enumerationUnit":
            let label = try QStreamEnumerationLabel(element: element)
            guard enumerationUnits.contains(label.name) else {
                throw Das2StreamError(
                    .invalidOutOfBand,
                    "<enumerationUnit> names '\(label.name)', which no UNITS property of type enumerationUnit declared"
                )
            }
            return .enumerationLabel(label)
        case "packet":
            throw Das2StreamError(.invalidOutOfBand, "A <packet> descriptor must be sent as [01]–[99], not [xx]")
        default:
            pendingWarnings.append("ignoring out-of-band packet with root <\(element.name)>")
            return .skipped(element: element.name)
        }
    }

    /// Accepts the first `[00]`, or a repeat that agrees with it (concatenated streams).
    private mutating func acceptStreamDescriptor(_ element: XMLElement) throws(Das2StreamError) -> QStreamDescriptor {
        let descriptor = try QStreamDescriptor(element: element, warnings: &pendingWarnings)
        if let first = streamDescriptor {
            guard descriptor.datasetID == first.datasetID else {
                throw Das2StreamError(
                    .invalidStreamHeader,
                    "A repeated [00] names dataset_id '\(descriptor.datasetID)', the first named '\(first.datasetID)'"
                )
            }
            guard descriptor.effectiveByteOrder == first.effectiveByteOrder else {
                throw Das2StreamError(
                    .invalidStreamHeader,
                    "A repeated [00] has byte_order \(descriptor.effectiveByteOrder.rawValue), the first had \(first.effectiveByteOrder.rawValue)"
                )
            }
        }
        streamDescriptor = descriptor
        return descriptor
    }

    /// Records the enumeration units a descriptor declares and warns about dataset ids that
    /// another packet id already defined.
    private mutating func register(_ descriptor: QStreamPacketDescriptor) {
        for dataset in descriptor.datasets {
            let properties = dataset.properties + dataset.indexedProperties.flatMap(\.properties)
            for property in properties where property.type == "enumerationUnit" {
                enumerationUnits.insert(QStreamEnumerationLabel.unitName(declaredBy: property.value))
            }
            for label in dataset.enumerationLabels {
                enumerationUnits.insert(label.name)
            }
            if let owner = datasetPackets[dataset.id] {
                if owner != descriptor.id {
                    pendingWarnings.append(
                        "dataset '\(dataset.id)' is defined by packets [\(QStreamPacketDescriptor.twoDigits(owner))] and [\(QStreamPacketDescriptor.twoDigits(descriptor.id))]"
                    )
                }
            } else {
                datasetPackets[dataset.id] = descriptor.id
            }
        }
    }

    private func unknownTag(at start: Int, packetOffset: Int) -> Das2StreamError {
        let hint = buffer.tag(at: start, is: "[XX]") ? " (QStream out-of-band packets are [xx], lower case)" : ""
        return Das2StreamError(
            .framing,
            "Expected a packet tag like [00], [01], [xx] or :01:, found bytes \(buffer.describeTag(at: start))\(hint)",
            offset: packetOffset
        )
    }
}
