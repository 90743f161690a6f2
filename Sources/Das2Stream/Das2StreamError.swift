/// An error raised while reading or writing a das2 stream or QStream.
///
/// Every error names the rule that was broken and, for input, the byte offset in the
/// (decompressed) stream where the offending packet starts, so a user can find it with
/// `xxd -s OFFSET`. Codes are a struct so new ones can be added without breaking clients.
public struct Das2StreamError: Error, Hashable, Sendable {
    /// The kind of failure.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var message: String
    /// Byte offset in the input where the offending packet (or value) starts, when known.
    public var offset: Int?
    /// The exit status a das2 stream tool reports for this error (tools.md §8).
    public var exitStatus: Int32

    /// Creates an error.
    /// - Parameter exitStatus: the tool's exit status; nil takes das2C's status for the code.
    public init(_ code: Code, _ message: String, offset: Int? = nil, exitStatus: Int32? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.exitStatus = exitStatus ?? code.defaultExitStatus
    }
}

extension Das2StreamError {
    /// The kind of a ``Das2StreamError``.
    public struct Code: Hashable, Sendable {
        private enum Wrapped: Hashable, Sendable {
            case emptyStream
            case truncated
            case framing
            case undefinedPacket
            case invalidXML
            case invalidStreamHeader
            case invalidPacketHeader
            case invalidPlane
            case invalidProperty
            case invalidPropertyType
            case invalidOutOfBand
            case invalidEncoding
            case invalidUnits
            case invalidValue
            case compression
            case limitExceeded
            case unsupported
            case reduction
            case invalidArgument
        }

        private var wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The input held no packet at all.
        public static var emptyStream: Code { Code(.emptyStream) }
        /// The input ended inside a packet.
        public static var truncated: Code { Code(.truncated) }
        /// A packet tag or length field is malformed, or packets are out of order.
        public static var framing: Code { Code(.framing) }
        /// A data packet arrived for a packet id with no header in force.
        public static var undefinedPacket: Code { Code(.undefinedPacket) }
        /// A header body is not well-formed UTF-8 XML.
        public static var invalidXML: Code { Code(.invalidXML) }
        /// The `[00]` stream header is not a valid `<stream>`.
        public static var invalidStreamHeader: Code { Code(.invalidStreamHeader) }
        /// A `[NN]` packet header is not a valid `<packet>`.
        public static var invalidPacketHeader: Code { Code(.invalidPacketHeader) }
        /// A plane (`<x>`, `<y>`, `<yscan>`, `<z>`) has missing or invalid attributes.
        public static var invalidPlane: Code { Code(.invalidPlane) }
        /// A property has an invalid name or value.
        public static var invalidProperty: Code { Code(.invalidProperty) }
        /// A property has an unknown type word or a malformed range.
        public static var invalidPropertyType: Code { Code(.invalidPropertyType) }
        /// An out-of-band (`[xx]`) packet is empty or malformed.
        public static var invalidOutOfBand: Code { Code(.invalidOutOfBand) }
        /// A value encoding (`type="…"`) is unknown, or a value does not fit its encoding.
        public static var invalidEncoding: Code { Code(.invalidEncoding) }
        /// A units string cannot be used where conversion is required.
        public static var invalidUnits: Code { Code(.invalidUnits) }
        /// A value in a data packet cannot be read (for example an unparseable time field).
        public static var invalidValue: Code { Code(.invalidValue) }
        /// The compressed part of the stream is not a valid zlib stream.
        public static var compression: Code { Code(.compression) }
        /// A packet or record is larger than the configured limit.
        public static var limitExceeded: Code { Code(.limitExceeded) }
        /// The input uses a feature this implementation does not support.
        public static var unsupported: Code { Code(.unsupported) }
        /// A reducer cannot process the stream (for example two `<x>` planes in one packet).
        public static var reduction: Code { Code(.reduction) }
        /// A tool's command line is not valid.
        public static var invalidArgument: Code { Code(.invalidArgument) }

        /// das2C's exit status for errors of this kind.
        var defaultExitStatus: Int32 {
            switch wrapped {
            case .invalidEncoding, .invalidValue: 14
            case .invalidUnits: 15
            case .invalidProperty: 16
            case .invalidPlane: 17
            case .invalidPacketHeader: 18
            case .invalidStreamHeader: 19
            case .invalidOutOfBand: 20
            case .invalidPropertyType: 38
            case .reduction: 100
            case .invalidArgument: 13
            default: 22
            }
        }
    }
}

extension Das2StreamError.Code: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyStream: "empty stream"
        case .truncated: "truncated stream"
        case .framing: "framing error"
        case .undefinedPacket: "undefined packet id"
        case .invalidXML: "invalid header XML"
        case .invalidStreamHeader: "invalid stream header"
        case .invalidPacketHeader: "invalid packet header"
        case .invalidPlane: "invalid plane"
        case .invalidProperty: "invalid property"
        case .invalidPropertyType: "invalid property type"
        case .invalidOutOfBand: "invalid out-of-band packet"
        case .invalidEncoding: "invalid encoding"
        case .invalidUnits: "invalid units"
        case .invalidValue: "invalid value"
        case .compression: "compression error"
        case .limitExceeded: "limit exceeded"
        case .reduction: "reduction error"
        case .invalidArgument: "invalid argument"
        default: "unsupported feature"
        }
    }
}

extension Das2StreamError: CustomStringConvertible {
    /// The message, followed by the input offset when known.
    public var description: String {
        if let offset { return "\(message) (at input offset \(offset))" }
        return message
    }
}
