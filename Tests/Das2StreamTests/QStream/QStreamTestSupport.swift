import Das2Stream
import Das2TestSupport

/// Hand-made QStreams under Tests/Fixtures/qstream.
enum QStreamFixture {
    static let names = [
        "icd-minmax.qds", "icd-ascii.qds", "exception.qds", "exception-only.qds", "bundle.qds", "join.qds",
        "ints-big-endian.qds", "ints-little-endian.qds", "times.qds",
    ]

    static func bytes(_ name: String) -> [UInt8] {
        do {
            return try Fixtures.bytes("qstream/" + name)
        } catch {
            fatalError("missing fixture qstream/\(name): \(error)")
        }
    }
}

/// A comparable image of a ``QStreamEvent``.
enum QStreamEventImage: Hashable {
    case stream(QStreamDescriptor)
    case packet(QStreamPacketDescriptor)
    case record(id: Int, offset: Int, bytes: [UInt8])
    case comment(Das2Comment)
    case exception(Das2Exception)
    case label(QStreamEnumerationLabel)
    case skipped(String)

    init(_ event: QStreamEvent) {
        switch event {
        case .streamDescriptor(let descriptor): self = .stream(descriptor)
        case .packetDescriptor(let descriptor): self = .packet(descriptor)
        case .record(let record): self = .record(id: record.packetID, offset: record.streamOffset, bytes: record.withUnsafeBytes { Array($0) })
        case .comment(let comment): self = .comment(comment)
        case .exception(let exception): self = .exception(exception)
        case .enumerationLabel(let label): self = .label(label)
        case .skipped(let element): self = .skipped(element)
        }
    }
}

/// Everything a reader produced from one input.
struct QStreamReadOutcome {
    var events: [QStreamEvent] = []
    var images: [QStreamEventImage] = []
    /// The packet bytes behind each event.
    var packets: [[UInt8]] = []
    var warnings: [String] = []
    var error: Das2StreamError?
}

/// Reads `bytes` fed in chunks of `chunk` bytes (all at once when nil), collecting events
/// until the end or the first error.
func readQStream(_ bytes: [UInt8], chunk: Int? = nil, limits: QStreamReader.Limits = .init()) -> QStreamReadOutcome {
    var reader = QStreamReader(limits: limits)
    var outcome = QStreamReadOutcome()
    let size = max(chunk ?? bytes.count, 1)
    var start = 0
    func drain(_ reader: inout QStreamReader) -> Bool {
        do {
            while let event = try reader.next() {
                outcome.events.append(event)
                outcome.images.append(QStreamEventImage(event))
                outcome.packets.append(reader.withUnsafeLastPacket { Array($0) })
            }
        } catch {
            outcome.error = error
            return false
        }
        outcome.warnings += reader.takeWarnings()
        return true
    }
    while start < bytes.count {
        let end = min(start + size, bytes.count)
        bytes[start..<end].withUnsafeBytes { reader.append($0) }
        start = end
        guard drain(&reader) else { return outcome }
    }
    reader.finish()
    _ = drain(&reader)
    return outcome
}

/// Hand-built QStream packets for edge cases.
enum QStreamBytes {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// One descriptor packet with a correct length field.
    static func packet(_ tag: String, _ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        var length = String(bytes.count)
        while length.utf8.count < 6 { length = "0" + length }
        return Array(tag.utf8) + Array(length.utf8) + bytes
    }

    /// A `[00]` packet.
    static func stream(_ attributes: String = "dataset_id=\"ds\"") -> [UInt8] {
        packet("[00]", declaration + "<stream \(attributes)/>\n")
    }

    /// A `[NN]` packet with the given `<qdataset>` elements.
    static func descriptor(_ id: String = "01", _ datasets: String) -> [UInt8] {
        packet("[\(id)]", declaration + "<packet>\n\(datasets)\n</packet>\n")
    }

    /// A `<qdataset>` element with one streamed `<values>`.
    static func streamedDataset(
        _ id: String = "ds", rank: Int = 1, encoding: String = "double", length: String = "", properties: String = ""
    ) -> String {
        "<qdataset id=\"\(id)\" rank=\"\(rank)\"><properties>\(properties)</properties><values encoding=\"\(encoding)\" length=\"\(length)\"/></qdataset>"
    }
}
