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
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Stream offset of buffer[0].
    private var baseOffset = 0
    private var inflater: Inflater?
    private var isFinished = false
    private var sawInput = false
    private var sawPacket = false
    private var sawStreamHeader = false
    private var sawNonOutOfBand = false
    private var failure: Das2StreamError?
    private var layouts: [RecordLayout?] = Array(repeating: nil, count: 100)
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
            compact()
            buffer.append(contentsOf: bytes)
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
        isFinished && failure == nil && readIndex == buffer.count && !(inflater?.hasPendingInput ?? false)
    }

    /// Bytes of (decompressed) input consumed so far.
    public var offset: Int { baseOffset + readIndex }

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
                let remaining = buffer.count - readIndex
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
        let available = buffer.count - readIndex
        guard available >= 4 else { return .needMore(4) }
        let start = readIndex
        let packetOffset = offset
        let b0 = buffer[start]
        let b1 = buffer[start + 1]
        let b2 = buffer[start + 2]
        let b3 = buffer[start + 3]

        if b0 == UInt8(ascii: ":") && b3 == UInt8(ascii: ":"), let id = Self.twoDigitID(b1, b2) {
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
            readIndex += total
            sawPacket = true
            return .event(.record(Das2Record(layout: layout, storage: buffer, start: start + 4, streamOffset: packetOffset)))
        }

        guard b0 == UInt8(ascii: "["), b3 == UInt8(ascii: "]") else {
            throw unknownTag(b0, b1, b2, b3, at: packetOffset)
        }
        let isOutOfBand = (b1 | 0x20) == UInt8(ascii: "x") && (b2 | 0x20) == UInt8(ascii: "x")
        let headerID = Self.twoDigitID(b1, b2)
        guard isOutOfBand || headerID != nil else {
            throw unknownTag(b0, b1, b2, b3, at: packetOffset)
        }
        guard available >= 10 else { return .needMore(10) }
        let length = try parseLength(at: start + 4, packetOffset: packetOffset)
        let total = 10 + length
        guard available >= total else { return .needMore(total) }

        let element = try parseBody(from: start + 10, count: length, packetOffset: packetOffset)
        readIndex += total
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
        return .event(.packetHeader(header))
    }

    private func unknownTag(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, at offset: Int) -> Das2StreamError {
        let bytes = [b0, b1, b2, b3]
        let hex = bytes.map { byte in
            let digits = Array("0123456789ABCDEF".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined(separator: " ")
        let printable = String(decoding: bytes.map { ($0 >= 0x20 && $0 < 0x7F) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
        let first = sawPacket ? "" : " (a das2 stream starts with [00])"
        return Das2StreamError(.framing, "Unknown bytes \(hex) (\(printable))\(first)", offset: offset)
    }

    /// The six-byte length: optional leading blanks, then at least one ASCII digit, nothing else.
    private func parseLength(at index: Int, packetOffset: Int) throws(Das2StreamError) -> Int {
        var position = index
        let end = index + 6
        while position < end && buffer[position] == UInt8(ascii: " ") { position += 1 }
        var value = 0
        var digits = 0
        while position < end, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9") {
            value = value * 10 + Int(buffer[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        guard digits > 0, position == end else {
            let text = String(decoding: buffer[index..<end].map { ($0 >= 0x20 && $0 < 0x7F) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
            throw Das2StreamError(
                .framing,
                "Invalid packet length field '\(text)': expected six bytes of blanks then decimal digits",
                offset: packetOffset
            )
        }
        guard value > 0 else {
            throw Das2StreamError(.framing, "0-length input packet", offset: packetOffset)
        }
        guard value <= limits.maximumHeaderLength else {
            throw Das2StreamError(
                .limitExceeded,
                "Packet length \(value) exceeds the limit of \(limits.maximumHeaderLength) bytes",
                offset: packetOffset
            )
        }
        return value
    }

    private func parseBody(from index: Int, count: Int, packetOffset: Int) throws(Das2StreamError) -> XMLElement {
        var first = index
        var last = index + count
        while first < last && Self.isXMLSpace(buffer[first]) { first += 1 }
        while last > first && Self.isXMLSpace(buffer[last - 1]) { last -= 1 }
        guard first < last else {
            throw Das2StreamError(.invalidOutOfBand, "Empty packet body (only whitespace)", offset: packetOffset)
        }
        let result: Result<XMLElement, HeaderXMLParser.Failure> = buffer.withUnsafeBytes { all in
            do throws(HeaderXMLParser.Failure) {
                return .success(try HeaderXMLParser.parse(UnsafeRawBufferPointer(rebasing: all[first..<last])))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let element):
            return element
        case .failure(let failure):
            throw Das2StreamError(
                .invalidXML,
                "Header XML is not well-formed: \(failure.message) at byte \(failure.byteIndex + first - index) of the body",
                offset: packetOffset
            )
        }
    }

    // MARK: - Buffer management

    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeSubrange(0..<readIndex)
        }
        baseOffset += readIndex
        readIndex = 0
    }

    /// Moves the bytes after the `[00]` packet into the inflater; from now on all input is compressed.
    private mutating func startInflating() throws(Das2StreamError) {
        let inflater = try Inflater()
        buffer.withUnsafeBytes { all in
            inflater.append(UnsafeRawBufferPointer(rebasing: all[readIndex...]))
        }
        buffer.removeSubrange(readIndex...)
        self.inflater = inflater
    }

    /// Inflates until at least `count` bytes are buffered; returns whether anything was added.
    /// Errors point at the end of the data decompressed so far, where the bad input begins.
    private mutating func refill(atLeast count: Int) throws(Das2StreamError) -> Bool {
        guard let inflater else { return false }
        compact()
        var added = false
        while buffer.count - readIndex < count {
            if inflater.isAtEnd {
                guard !inflater.hasPendingInput else {
                    throw Das2StreamError(.compression, "Bytes follow the end of the compressed stream", offset: baseOffset + buffer.count)
                }
                break
            }
            let produced: Int
            do {
                produced = try inflater.inflate(into: &buffer, limit: max(count - buffer.count, 64 * 1024))
            } catch {
                throw Das2StreamError(error.code, error.message, offset: baseOffset + buffer.count)
            }
            if produced == 0 { break }
            added = true
        }
        return added
    }

    private static func twoDigitID(_ a: UInt8, _ b: UInt8) -> Int? {
        guard a >= UInt8(ascii: "0"), a <= UInt8(ascii: "9"), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
            return nil
        }
        return Int(a - UInt8(ascii: "0")) * 10 + Int(b - UInt8(ascii: "0"))
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
