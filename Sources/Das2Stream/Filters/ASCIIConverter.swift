import Das2Core

/// The `das2_ascii` transformation: every binary value becomes text (tools.md §2).
///
/// Binary times (units `us2000`, `mj1958`, `t2000`, `t1970`) become `time24` (or the
/// `-s` width); other binary reals become `ascii17` (8-byte) or `ascii14` (4-byte), or
/// `ascii(N+7)` with `-r N`; planes already in text keep their width and are re-formatted
/// with das2C's default pattern for it. Comments and exceptions pass through in place unless
/// dropped.
public struct ASCIIConverter: Das2Filter, Sendable {
    /// Options of `das2_ascii`.
    public struct Options: Hashable, Sendable {
        /// `-r N`: significant digits of non-time reals, 2...17; nil keeps the defaults.
        public var significantDigits: Int?
        /// `-s N`: digits after the seconds' point of binary times, 0...9; nil means 3.
        public var fractionDigits: Int?
        /// `-c`: drop comments and exceptions.
        public var dropsOutOfBand: Bool

        /// Creates options; out-of-range values are a programming error (tools validate them).
        public init(significantDigits: Int? = nil, fractionDigits: Int? = nil, dropsOutOfBand: Bool = false) {
            precondition(significantDigits.map { (2...17).contains($0) } ?? true, "significant digits are 2...17")
            precondition(fractionDigits.map { (0...9).contains($0) } ?? true, "fraction digits are 0...9")
            self.significantDigits = significantDigits
            self.fractionDigits = fractionDigits
            self.dropsOutOfBand = dropsOutOfBand
        }
    }

    /// The options in use.
    public let options: Options
    private var values: [Double] = []

    /// Creates a converter.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The output header for an input packet header: same planes, text encodings.
    public func convert(_ header: PacketHeader) -> PacketHeader {
        var output = header
        for index in output.planes.indices {
            output.planes[index].encoding = outputEncoding(for: output.planes[index])
        }
        return output
    }

    private func outputEncoding(for plane: Plane) -> ValueEncoding {
        let encoding = plane.encoding
        switch encoding.kind {
        case .ascii:
            return .ascii(min(max(encoding.width, 9), 24))
        case .time:
            return (5...31).contains(encoding.width) ? .time(encoding.width) : .time(24)
        default:
            if let scale = plane.units.timeScale, [.us2000, .mj1958, .t2000, .t1970].contains(scale) {
                guard let digits = options.fractionDigits, digits != 3 else { return .time(24) }
                return .time(fractionDigits: digits)
            }
            if let digits = options.significantDigits, digits != 7 {
                return .ascii(digits + 7)
            }
            return encoding.isDoublePrecision ? .ascii(17) : .ascii(14)
        }
    }

    public mutating func process(_ event: Das2Event, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        switch event {
        case .streamHeader(let header):
            try writer.writeStreamHeader(header)
        case .packetHeader(let header):
            try writer.writePacketHeader(convert(header))
        case .record(let record):
            try record.decode(into: &values)
            try writer.writeRecord(id: record.packetID, values: values)
        case .comment(let comment):
            if !options.dropsOutOfBand { writer.writeComment(comment) }
        case .exception(let exception):
            if !options.dropsOutOfBand { writer.writeException(exception) }
        }
    }

    public mutating func process(_ record: UnsafeDas2Record, into writer: inout Das2StreamWriter) throws(Das2StreamError) {
        if values.count < record.valueCount {
            values = [Double](repeating: 0, count: record.valueCount)
        }
        var failure: Das2StreamError?
        values.withUnsafeMutableBufferPointer { buffer in
            do throws(Das2StreamError) {
                try record.decode(into: buffer)
                try writer.writeRecord(id: record.packetID, values: UnsafeBufferPointer(buffer))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    public mutating func finish(into writer: inout Das2StreamWriter) throws(Das2StreamError) {}
}
