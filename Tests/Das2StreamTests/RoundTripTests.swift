import Das2Stream
import Das2TestSupport
import Testing

/// Reading a stream, writing it and reading it again preserves everything the first read saw.
@Suite("Round trips through the reader and writer")
struct RoundTripTests {
    static let streams = [
        "das2_ascii_input1.d2s", "das2_ascii_input2.d2s", "das2_bin_avgsec_input1.d2s",
        "das2_bin_avgsec_input2.d2s", "das2_bin_peakavgsec_input1.d2s", "x_multi_y.d2s",
        "cassini_rpws_wfrm_sample.d2s", "galileo_pws_sample.d2t", "juno_waves_sample.d2t",
        "ex06_yscan_multispec_2.2.2.d2t", "generated/bins_nan_backwards.d2s",
        "generated/fill_minmax_stddev.d2s", "generated/redefinition.d2s",
        "generated/time_rounding_exponents.d2s", "generated/synth_multi.d2s", "generated/synth_small.d2s",
    ]

    @Test("read, write, read again gives the same events", arguments: streams)
    func rewrittenStreamReadsTheSame(_ name: String) throws {
        let input = try Fixtures.bytes(Fixtures.das2C + name)
        let first = try StreamDigest(reading: input)
        let rewritten = try StreamDigest.rewrite(input)
        let second = try StreamDigest(reading: rewritten)
        #expect(first.headers == second.headers)
        #expect(first.packetHeaders == second.packetHeaders)
        #expect(first.comments == second.comments)
        #expect(first.exceptions == second.exceptions)
        #expect(first.values.count == second.values.count)
        #expect(first.values.elementsEqual(second.values) { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
        // A stream our writer produced is reproduced byte for byte.
        let again = try StreamDigest.rewrite(rewritten)
        #expect(again.count == rewritten.count)
        if let offset = zip(again, rewritten).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            let context = String(decoding: rewritten[max(0, offset - 60)..<min(offset + 40, rewritten.count)], as: UTF8.self)
            Issue.record("rewriting our own output changed byte \(offset): …\(context)…")
        }
    }
}

/// Everything a reader delivered, for comparing two reads.
struct StreamDigest {
    var headers: [StreamHeader] = []
    var packetHeaders: [PacketHeader] = []
    var comments: [Das2Comment] = []
    var exceptions: [Das2Exception] = []
    var values: [Double] = []

    init(reading bytes: [UInt8]) throws {
        var reader = Das2StreamReader()
        reader.append(bytes)
        reader.finish()
        var scratch: [Double] = []
        while let event = try reader.next() {
            switch event {
            case .streamHeader(let header): headers.append(header)
            case .packetHeader(let header): packetHeaders.append(header)
            case .record(let record):
                try record.decode(into: &scratch)
                values.append(contentsOf: scratch)
            case .comment(let comment): comments.append(comment)
            case .exception(let exception): exceptions.append(exception)
            }
        }
    }

    /// Reads `bytes` and writes every event back with a writer that adds no sourceId.
    static func rewrite(_ bytes: [UInt8]) throws -> [UInt8] {
        var reader = Das2StreamReader()
        var writer = Das2StreamWriter()
        reader.append(bytes)
        reader.finish()
        var scratch: [Double] = []
        while let event = try reader.next() {
            switch event {
            case .streamHeader(let header): try writer.writeStreamHeader(header)
            case .packetHeader(let header): try writer.writePacketHeader(header)
            case .record(let record):
                try record.decode(into: &scratch)
                try writer.writeRecord(id: record.packetID, values: scratch)
            case .comment(let comment): writer.writeComment(comment)
            case .exception(let exception): writer.writeException(exception)
            }
        }
        writer.finish()
        return writer.takeOutput()
    }
}
