import Das2Core
import Das2Stream

/// What a probe learned from a source part's reader (hapi.md §7.3): the stream header and, for
/// every packet type with a time `<x>` plane and at least one record, its first definition and
/// record statistics.
struct HAPIProbeResult: Sendable {
    /// One packet type seen by the probe.
    struct Packet: Sendable {
        /// The packet type's first header definition.
        var header: PacketHeader
        /// Records of that definition seen.
        var records: Int
        /// The time of the first record, microseconds since 2000.
        var firstTime: Int64
        /// The time of the 1001st record, when there was one.
        var time1001: Int64?
    }

    /// The stream header (its properties end the property cascade).
    var streamHeader: StreamHeader
    /// The packet types in the order their first records arrived: the first is the primary.
    var packets: [Packet]
    /// The probe range, microseconds since 2000.
    var begin: Int64
    var end: Int64
    /// When the probe ran, POSIX seconds.
    var ranAt: Int64
}

extension HAPIProbeResult {
    private static let magic = "das2kit HAPI probe 1"

    /// The cache file form (§7.8): a few text lines, then the headers as a das2 stream.
    func serialized(signature: String) throws(Das2StreamError) -> [UInt8] {
        var text = "\(Self.magic)\nsignature \(signature)\nranAt \(ranAt)\nrange \(begin) \(end)\n"
        for packet in packets {
            text += "packet \(packet.header.id) \(packet.records) \(packet.firstTime) \(packet.time1001.map(String.init) ?? "-")\n"
        }
        text += "headers\n"
        var writer = Das2StreamWriter()
        var header = streamHeader
        header.compression = .none
        try writer.writeStreamHeader(header)
        for packet in packets { try writer.writePacketHeader(packet.header) }
        return Array(text.utf8) + writer.takeOutput()
    }

    /// A failed probe in the cache file form.
    static func serializedFailure(signature: String, ranAt: Int64) -> [UInt8] {
        Array("\(magic)\nsignature \(signature)\nranAt \(ranAt)\nfailed\n".utf8)
    }

    /// What a cache file holds: a result, a failure, or nothing usable.
    enum Stored: Sendable {
        case result(HAPIProbeResult, signature: String)
        case failure(signature: String, ranAt: Int64)
    }

    /// Reads a cache file; nil when it is not one.
    static func stored(from bytes: [UInt8]) -> Stored? {
        var lines: [String] = []
        var index = 0
        var headerStart: Int?
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 10) else { return nil }
            let line = String(decoding: bytes[index..<newline], as: UTF8.self)
            index = newline + 1
            if line == "headers" {
                headerStart = index
                break
            }
            lines.append(line)
        }
        guard lines.first == magic, lines.count >= 3 else { return nil }
        let signatureLine = lines[1].split(separator: " ")
        let ranAtLine = lines[2].split(separator: " ")
        guard signatureLine.count == 2, signatureLine[0] == "signature", ranAtLine.count == 2, ranAtLine[0] == "ranAt",
            let ranAt = Int64(ranAtLine[1])
        else { return nil }
        let signature = String(signatureLine[1])
        if lines.count == 4, lines[3] == "failed" { return .failure(signature: signature, ranAt: ranAt) }
        guard let headerStart, lines.count >= 4 else { return nil }
        let range = lines[3].split(separator: " ")
        guard range.count == 3, range[0] == "range", let begin = Int64(range[1]), let end = Int64(range[2]) else { return nil }
        var statistics: [(id: Int, records: Int, first: Int64, time1001: Int64?)] = []
        for line in lines.dropFirst(4) {
            let fields = line.split(separator: " ")
            guard fields.count == 5, fields[0] == "packet", let id = Int(fields[1]), let records = Int(fields[2]),
                let first = Int64(fields[3])
            else { return nil }
            statistics.append((id, records, first, fields[4] == "-" ? nil : Int64(fields[4])))
        }
        var reader = Das2StreamReader()
        reader.append(Array(bytes[headerStart...]))
        reader.finish()
        var streamHeader: StreamHeader?
        var headers: [Int: PacketHeader] = [:]
        do {
            while let event = try reader.next() {
                switch event {
                case .streamHeader(let header): streamHeader = header
                case .packetHeader(let header): headers[header.id] = header
                default: return nil
                }
            }
        } catch {
            return nil
        }
        // A stored result is used as a probe's: it needs what a probe guarantees (a packet type,
        // each with a time plane), or a damaged file would reach code that relies on them.
        guard let streamHeader, !statistics.isEmpty else { return nil }
        var packets: [Packet] = []
        for entry in statistics {
            guard let header = headers[entry.id], HAPIPlanes.timePlaneIndex(header) != nil else { return nil }
            packets.append(Packet(header: header, records: entry.records, firstTime: entry.first, time1001: entry.time1001))
        }
        return .result(
            HAPIProbeResult(streamHeader: streamHeader, packets: packets, begin: begin, end: end, ranAt: ranAt),
            signature: signature
        )
    }
}
