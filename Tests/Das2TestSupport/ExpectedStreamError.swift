/// The kind of failure a malformed test stream must produce, named like the cases of
/// `Das2StreamError.Code` (this module does not link Das2Stream), with the exit status the
/// das2 tools give it (tools.md §8).
public enum ExpectedStreamError: String, Sendable, CaseIterable {
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

    /// das2C's exit status for this kind of error (tools.md §8): 22 for framing and I/O, 14
    /// encoding and value errors, 15 units, 16 property names (descriptor), 17 plane, 18 packet,
    /// 19 stream, 20 out-of-band, 38 property types, 100 reducer failures.
    public var exitStatus: Int32 {
        switch self {
        case .emptyStream, .truncated, .framing, .undefinedPacket, .invalidXML, .compression, .limitExceeded, .unsupported:
            22
        case .invalidEncoding, .invalidValue: 14
        case .invalidUnits: 15
        case .invalidProperty: 16
        case .invalidPlane: 17
        case .invalidPacketHeader: 18
        case .invalidStreamHeader: 19
        case .invalidOutOfBand: 20
        case .invalidPropertyType: 38
        case .reduction: 100
        }
    }
}
