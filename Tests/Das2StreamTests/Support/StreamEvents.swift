import Das2Stream
import Das2TestSupport

/// A reader event reduced to comparable values.
enum EventDigest: Hashable, CustomStringConvertible {
    case streamHeader(StreamHeader)
    case packetHeader(PacketHeader)
    case record(id: Int, offset: Int, bytes: [UInt8])
    case comment(Das2Comment)
    case exception(Das2Exception)

    init(_ event: Das2Event) {
        switch event {
        case .streamHeader(let header): self = .streamHeader(header)
        case .packetHeader(let header): self = .packetHeader(header)
        case .record(let record):
            self = .record(id: record.packetID, offset: record.streamOffset, bytes: record.withUnsafeBytes { Array($0) })
        case .comment(let comment): self = .comment(comment)
        case .exception(let exception): self = .exception(exception)
        }
    }

    /// The kind names used by ``AcceptedStream/events``.
    var kind: String {
        switch self {
        case .streamHeader: "stream"
        case .packetHeader: "packet"
        case .record: "record"
        case .comment: "comment"
        case .exception: "exception"
        }
    }

    var description: String {
        switch self {
        case .record(let id, let offset, let bytes): "record \(id) at \(offset) (\(bytes.count) bytes)"
        default: kind
        }
    }
}

/// Everything one read of an input produced.
struct ReadOutcome {
    var events: [EventDigest] = []
    /// The reader's offset after each event: the end of the packet that produced it.
    var endOffsets: [Int] = []
    /// Every decoded value of every record, in order.
    var values: [Double] = []
    var warnings: [String] = []
    var error: Das2StreamError?
    /// Whether the reader said it ended cleanly on a packet boundary.
    var isAtEnd = false
    /// Set when the reader kept delivering events without consuming input.
    var runaway = false
}

/// Reads whole inputs with ``Das2StreamReader`` the way the tools do.
enum StreamRead {
    /// Feeds `bytes` (whole, or in chunks of `chunkSize`), finishes, and collects every event
    /// until the end or the first error. Records are decoded, so value errors surface too.
    static func read(
        _ bytes: [UInt8],
        chunkSize: Int? = nil,
        limits: Das2StreamReader.Limits = Das2StreamReader.Limits()
    ) -> ReadOutcome {
        var reader = Das2StreamReader(limits: limits)
        var outcome = ReadOutcome()
        // Every event consumes at least four (decompressed) bytes; far more events than that
        // means the reader is looping.
        let budget = 64 * (bytes.count + 16)
        do throws(Das2StreamError) {
            if let chunkSize {
                var start = 0
                while start < bytes.count {
                    let end = min(start + chunkSize, bytes.count)
                    reader.append(Array(bytes[start..<end]))
                    try drain(&reader, into: &outcome, budget: budget)
                    start = end
                }
            } else {
                reader.append(bytes)
            }
            reader.finish()
            try drain(&reader, into: &outcome, budget: budget)
            outcome.isAtEnd = reader.isAtEnd
        } catch {
            outcome.error = error
        }
        outcome.warnings = reader.takeWarnings()
        return outcome
    }

    private static func drain(
        _ reader: inout Das2StreamReader,
        into outcome: inout ReadOutcome,
        budget: Int
    ) throws(Das2StreamError) {
        var scratch: [Double] = []
        while let event = try reader.next() {
            outcome.events.append(EventDigest(event))
            outcome.endOffsets.append(reader.offset)
            if case .record(let record) = event {
                try record.decode(into: &scratch)
                outcome.values += scratch
            }
            if outcome.events.count > budget {
                outcome.runaway = true
                return
            }
        }
    }
}

extension ExpectedStreamError {
    /// The reader's code for this kind of error.
    var code: Das2StreamError.Code {
        switch self {
        case .emptyStream: .emptyStream
        case .truncated: .truncated
        case .framing: .framing
        case .undefinedPacket: .undefinedPacket
        case .invalidXML: .invalidXML
        case .invalidStreamHeader: .invalidStreamHeader
        case .invalidPacketHeader: .invalidPacketHeader
        case .invalidPlane: .invalidPlane
        case .invalidProperty: .invalidProperty
        case .invalidPropertyType: .invalidPropertyType
        case .invalidOutOfBand: .invalidOutOfBand
        case .invalidEncoding: .invalidEncoding
        case .invalidUnits: .invalidUnits
        case .invalidValue: .invalidValue
        case .compression: .compression
        case .limitExceeded: .limitExceeded
        case .unsupported: .unsupported
        case .reduction: .reduction
        }
    }
}

/// Values equal, or both NaN.
func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}
