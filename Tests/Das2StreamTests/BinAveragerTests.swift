import Das2Core
import Das2Stream
import Das2TestSupport
import Testing

/// Reducer decisions of tools.md §3-§5 and §10 that the das2C conformance fixtures do not
/// reach, checked on the library's ``BinAverager``.
@Suite("Bin averaging reducers")
struct BinAveragerTests {
    /// The three tool reducers, for tests that hold for all of them.
    static let reducers: [ReducerKind] = [.avgsec, .peakavgsec, .avg]

    // MARK: - Out-of-band packets

    @Test("das2_bin_avg forwards exceptions in place and keeps going; comments are dropped (row 9)")
    func binAvgForwardsExceptions() throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .volts("a")])
        try input.record(1, [us2000(0), 1])
        try input.record(1, [us2000(1), 2])
        input.comment("log:info", "dropped")
        input.exception("NoDataInInterval", "gap")
        try input.record(1, [us2000(3), 3])
        try input.record(1, [us2000(15), 4])
        let reduced = reduce(input.bytes(), try BinAverager.xAverage(width: 10e6))
        #expect(reduced.error == nil)
        #expect(reduced.read.events.map(\.kind) == ["stream", "packet", "exception", "record", "record"])
        #expect(reduced.read.events.contains(.exception(Das2Exception(type: "NoDataInInterval", message: "gap"))))
        #expect(reduced.read.values == [us2000(5), 2, us2000(15), 4])
    }

    @Test("the time reducers forward comments and exceptions where they arrive", arguments: [ReducerKind.avgsec, .peakavgsec])
    func timeReducersForwardOutOfBand(_ kind: ReducerKind) throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .volts("a")])
        try input.record(1, [us2000(0), 1])
        input.comment("log:info", "kept")
        input.exception("NoDataInInterval", "gap")
        try input.record(1, [us2000(70), 4])
        let reduced = reduce(input.bytes(), try kind.make(binSeconds: 60))
        #expect(reduced.error == nil)
        #expect(reduced.read.events.map(\.kind) == ["stream", "packet", "comment", "exception", "record", "record"])
        #expect(reduced.read.events.contains(.comment(Das2Comment(type: "log:info", value: "kept", source: "test"))))
    }

    // MARK: - Compression

    @Test("deflate input is reduced to an uncompressed stream (row 10)", arguments: reducers)
    func deflateInputGivesPlainOutput(_ kind: ReducerKind) throws {
        func stream(_ compression: StreamHeader.Compression) throws -> [UInt8] {
            var input = try TestStreamBuilder(compression: compression)
            try input.define(1, [.time(), .volts("a")])
            for second in stride(from: 0, to: 300, by: 7) {
                try input.record(1, [us2000(Double(second)), Double(second % 13)])
            }
            return input.bytes()
        }
        let compressed = try stream(.deflate)
        let plain = try stream(.none)
        #expect(compressed.count < plain.count)
        let fromCompressed = reduce(compressed, try kind.make(binSeconds: 60))
        let fromPlain = reduce(plain, try kind.make(binSeconds: 60))
        #expect(fromCompressed.error == nil)
        #expect(fromCompressed.output == fromPlain.output)
        let text = String(decoding: fromCompressed.output, as: UTF8.self)
        #expect(text.contains("compression=\"none\""))
        #expect(!text.contains("deflate"))
        #expect(fromCompressed.read.events.map(\.kind) == ["stream", "packet"] + Array(repeating: "record", count: 5))
        guard case .streamHeader(let header) = fromCompressed.read.events.first else {
            Issue.record("no stream header")
            return
        }
        #expect(header.compression == .none)
    }

    // MARK: - Plane layout

    @Test("the <x> plane may come after the data planes; output keeps the input order (row 13)", arguments: reducers)
    func xPlaneNotFirst(_ kind: ReducerKind) throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.volts("a"), .time()])
        try input.record(1, [1, us2000(0)])
        try input.record(1, [2, us2000(10)])
        try input.record(1, [3, us2000(70)])
        let reduced = reduce(input.bytes(), try kind.make(binSeconds: 60))
        #expect(reduced.error == nil)
        guard case .packetHeader(let header) = reduced.read.events.dropFirst().first else {
            Issue.record("no packet header")
            return
        }
        let names = header.planes.map { "\($0.kind):\($0.name)" }
        switch kind {
        case .peakavgsec:
            #expect(names == ["y:a", "x:", "y:a.max"])
            #expect(reduced.read.values == [1.5, us2000(30), 2, 3, us2000(90), 3])
        default:
            #expect(names == ["y:a", "x:"])
            #expect(reduced.read.values == [1.5, us2000(30), 3, us2000(90)])
        }
    }

    /// Packet limits on input planes, x included: at `limit` planes the reducer writes a
    /// ServerError exception and stops (row 18).
    static let planeLimits: [(ReducerKind, Int)] = [
        (.avgsec, 99), (.avgsecMinMax, 33), (.avgsecDeviation, 49), (.avgsecMinMaxDeviation, 24), (.peakavgsec, 48),
    ]

    @Test("too many planes: a ServerError exception after the stream header, then an error (row 18)", arguments: planeLimits)
    func planeLimit(_ kind: ReducerKind, limit: Int) throws {
        func stream(planes: Int) throws -> [UInt8] {
            var input = try TestStreamBuilder()
            try input.define(1, [.time()] + (1..<planes).map { Plane.volts("y\($0)") })
            try input.record(1, [us2000(0)] + (1..<planes).map(Double.init))
            return input.bytes()
        }
        let refused = reduce(try stream(planes: limit), try kind.make(binSeconds: 60))
        #expect(refused.error?.code == .reduction)
        #expect(refused.read.events.map(\.kind) == ["stream", "exception"])
        guard case .exception(let exception) = refused.read.events.last else {
            Issue.record("no exception")
            return
        }
        #expect(exception.type == "ServerError")

        let accepted = reduce(try stream(planes: limit - 1), try kind.make(binSeconds: 60))
        #expect(accepted.error == nil)
        #expect(accepted.read.events.map(\.kind) == ["stream", "packet", "record"])
    }

    @Test("two <x> planes stop the time reducers at the first record", arguments: [ReducerKind.avgsec, .peakavgsec])
    func twoXPlanesStopTimeReducers(_ kind: ReducerKind) throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .time("x2"), .volts("a")])
        try input.record(1, [us2000(0), us2000(1), 1])
        let reduced = reduce(input.bytes(), try kind.make(binSeconds: 60))
        #expect(reduced.error?.code == .reduction)
        #expect(reduced.error?.message.contains("more than one X plane") == true)
        #expect(!reduced.read.events.contains { $0.kind == "record" })
    }

    @Test("das2_bin_avg gives every <x> plane the bin centre")
    func binAvgTwoXPlanes() throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .time("x2"), .volts("a")])
        try input.record(1, [us2000(0), us2000(100), 1])
        try input.record(1, [us2000(1), us2000(200), 3])
        let reduced = reduce(input.bytes(), try BinAverager.xAverage(width: 10e6))
        #expect(reduced.error == nil)
        #expect(reduced.read.values == [us2000(5), us2000(5), 2])
    }

    // MARK: - Stream header

    @Test(
        "a unit-less xTagWidth counts as seconds (row 21)",
        arguments: [
            ("xTagWidth=\"60\"", "xTagWidth=\"60\"", "Datum:xCacheResolution=\"60.000000 s\"", "(1.0 minute Averages)"),
            ("Datum:xTagWidth=\"60\"", "xTagWidth=\"60\"", "Datum:xCacheResolution=\"60.000000 s\"", "(1.0 minute Averages)"),
            ("xTagWidth=\"10\"", "Datum:xTagWidth=\"20.000000 s\"", "Datum:xCacheResolution=\"20.000000 s\"", "(20.0 s Averages)"),
            ("Datum:xTagWidth=\"10\"", "Datum:xTagWidth=\"20.000000 s\"", "Datum:xCacheResolution=\"20.000000 s\"", "(20.0 s Averages)"),
        ]
    )
    func unitlessXTagWidth(_ property: String, width: String, resolution: String, info: String) throws {
        var input = StreamBytes()
        input.packet("[00]", "<stream version=\"2.2\">\n  <properties \(property)/>\n</stream>\n")
        input.packet("[01]", StreamBytes.packetXML)
        input.record(1, StreamBytes.basicRecord(0))
        let reduced = reduce(input.bytes, try BinAverager.timeAverage(binSeconds: 20))
        #expect(reduced.error == nil)
        let text = String(decoding: reduced.output, as: UTF8.self)
        #expect(text.contains(width), "\(text)")
        #expect(text.contains(resolution), "\(text)")
        #expect(text.contains("xCacheResInfo=\"\(info)\""), "\(text)")
    }

    @Test("a unit-less xTagWidth that is not a number is an error")
    func xTagWidthNotANumber() throws {
        var input = StreamBytes()
        input.packet("[00]", "<stream version=\"2.2\">\n  <properties xTagWidth=\"wide\"/>\n</stream>\n")
        let reduced = reduce(input.bytes, try BinAverager.timeAverage(binSeconds: 20))
        #expect(reduced.error?.code == .invalidProperty)
    }

    // MARK: - Text encodings

    @Test("computed text values are written as ascii of width min(max(W, 9), 24); time widths are kept (row 25)", arguments: reducers)
    func textWidths(_ kind: ReducerKind) throws {
        var input = StreamBytes()
        input.packet("[00]", StreamBytes.streamXML)
        input.packet(
            "[01]",
            """
            <packet>
              <x type="time25" units="UTC"/>
              <y type="ascii5" units="V" name="narrow"/>
              <y type="ascii12" units="V" name="middle"/>
              <y type="ascii24" units="V" name="widest"/>
              <y type="ascii30" units="V" name="wide"/>
            </packet>

            """
        )
        for (time, value) in [("2020-01-01T00:00:00.000", "1.5"), ("2020-01-01T00:00:20.000", "2.5")] {
            input.record(
                1,
                StreamBytes.field(time, width: 25) + StreamBytes.field(value, width: 5) + StreamBytes.field(value, width: 12)
                    + StreamBytes.field(value, width: 24) + StreamBytes.field(value, width: 30)
            )
        }
        let reduced = reduce(input.bytes, try kind.make(binSeconds: 60))
        #expect(reduced.error == nil)
        guard case .packetHeader(let header) = reduced.read.events.dropFirst().first else {
            Issue.record("no packet header")
            return
        }
        let types = header.planes.map(\.encoding.typeName)
        let expected = ["time25", "ascii9", "ascii12", "ascii24", "ascii24"]
        #expect(Array(types.prefix(5)) == expected)
        if kind == .peakavgsec {
            #expect(Array(types.dropFirst(5)) == ["ascii9", "ascii12", "ascii24", "ascii24"])
        }
        #expect(Array(reduced.read.values.dropFirst().prefix(4)) == [2, 2, 2, 2])
    }

    // MARK: - Progress comments

    @Test("-p drops taskProgress and taskSize comments and keeps the others")
    func dropsProgress() throws {
        func input() throws -> [UInt8] {
            var input = try TestStreamBuilder()
            input.comment("taskSize", "100")
            try input.define(1, [.time(), .volts("a")])
            input.comment("taskProgress", "1")
            try input.record(1, [us2000(0), 1])
            input.comment("log:info", "hello")
            input.comment("TaskProgress", "2")
            return input.bytes()
        }
        let dropped = reduce(try input(), try BinAverager.timeAverage(binSeconds: 60, dropsProgress: true))
        #expect(dropped.error == nil)
        #expect(dropped.read.events.map(\.kind) == ["stream", "packet", "comment", "record"])
        #expect(dropped.read.events.contains(.comment(Das2Comment(type: "log:info", value: "hello", source: "test"))))

        let kept = reduce(try input(), try BinAverager.timeAverage(binSeconds: 60))
        #expect(kept.read.events.map(\.kind) == ["stream", "comment", "packet", "comment", "comment", "comment", "record"])
    }

    @Test("peak averaging re-emits the 1st, 2nd and every 50th taskProgress comment (row 19)")
    func progressDecimation() throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .volts("a")])
        input.comment("taskSize", "1500")
        for count in 1...150 {
            input.comment("taskProgress", count == 1 ? "42.7xyz" : String(count * 10), source: "reader")
            if count == 75 { input.comment("log:info", "halfway") }
            try input.record(1, [us2000(Double(count)), 1])
        }
        let reduced = reduce(input.bytes(), try BinAverager.peakAverage(binSeconds: 60))
        #expect(reduced.error == nil)
        let comments: [Das2Comment] = reduced.read.events.compactMap {
            if case .comment(let comment) = $0 { return comment }
            return nil
        }
        let progress = comments.filter { $0.type == "taskProgress" }
        #expect(progress.map(\.value) == ["42", "20", "500", "1000", "1500"])
        #expect(progress.allSatisfy { $0.source == "das2_bin_peakavgsec" })
        #expect(comments.contains(Das2Comment(type: "taskSize", value: "1500", source: "test")))
        #expect(comments.contains(Das2Comment(type: "log:info", value: "halfway", source: "test")))
    }

    // MARK: - Bins

    @Test("empty bins are never written", arguments: reducers)
    func emptyBinsAreSkipped(_ kind: ReducerKind) throws {
        var input = try TestStreamBuilder()
        try input.define(1, [.time(), .volts("a")])
        for (second, value) in [(0.0, 1.0), (10, 3), (200, 5), (201, 7)] {
            try input.record(1, [us2000(second), value])
        }
        let reduced = reduce(input.bytes(), try kind.make(binSeconds: 60))
        #expect(reduced.error == nil)
        let width = kind == .peakavgsec ? 3 : 2
        let records = stride(from: 0, to: reduced.read.values.count, by: width).map { Array(reduced.read.values[$0..<($0 + 2)]) }
        #expect(records == [[us2000(30), 2], [us2000(210), 6]])
    }

    @Test(
        "the batch record path writes what the event path writes",
        arguments: [ReducerKind.avgsec, .avgsecMinMax, .avgsecDeviation, .avgsecMinMaxDeviation, .peakavgsec, .avg]
    )
    func batchPathMatchesEventPath(_ kind: ReducerKind) throws {
        // Two interleaved ids of binary planes in every byte order and width (fill values,
        // NaN values and a NaN x included), a wide yscan, and an id with a text plane.
        var input = try TestStreamBuilder()
        let fill = Plane.defaultFill
        try input.define(
            1,
            [
                .time(), .volts("a"), .volts("b", encoding: .littleEndianReal4), .volts("c", encoding: .littleEndianReal4),
                .volts("d", encoding: .littleEndianReal8),
            ]
        )
        try input.define(
            2,
            [
                .time(),
                Plane(
                    yscanNamed: "s", encoding: .littleEndianReal4, units: Units("V"), items: 12,
                    yTags: .series(interval: 1, minimum: 0, maximum: nil), yUnits: Units("Hz")
                ),
                .volts("e", encoding: .sunReal8),
            ]
        )
        try input.define(3, [.time(), .volts("f", encoding: .ascii(10))])
        var state: UInt64 = 1
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 40) / Double(1 << 24)
        }
        func value() -> Double {
            let draw = next()
            return draw < 0.1 ? fill : draw < 0.13 ? .nan : (next() - 0.5) * 100
        }
        for index in 0..<3000 {
            let x = next() < 0.01 ? Double.nan : us2000(Double(index) * 0.7)
            switch index % 7 {
            case 0, 1, 2, 3: try input.record(1, [x, value(), value(), value(), value()])
            case 4, 5: try input.record(2, [x] + (0..<13).map { _ in value() })
            default: try input.record(3, [x, value()])
            }
        }
        let stream = input.bytes()
        let byEvents = reduce(stream, try kind.make(binSeconds: 60))
        #expect(byEvents.error == nil)

        // The tools' path, fed in chunks that cut records.
        var reducer = try kind.make(binSeconds: 60)
        var reader = Das2StreamReader()
        var writer = Das2StreamWriter(programName: reducer.configuration.programName)
        for start in stride(from: 0, to: stream.count, by: 997) {
            reader.append(Array(stream[start..<min(start + 997, stream.count)]))
            try reducer.drain(&reader, into: &writer)
        }
        reader.finish()
        try reducer.drain(&reader, into: &writer)
        try reducer.finish(into: &writer)
        writer.finish()
        #expect(writer.takeOutput() == byEvents.output)
    }

    @Test("a long stream reduces in constant memory: bins leave as soon as they are complete")
    func longStream() throws {
        let recordCount = 300_000
        let perBin = 600
        var reducer = try BinAverager.timeAverage(binSeconds: 60)
        var reader = Das2StreamReader()
        var writer = Das2StreamWriter(programName: "das2_bin_avgsec")
        var output: [UInt8] = []
        var lagging: [String] = []

        var head = StreamBytes()
        head.packet("[00]", StreamBytes.streamXML)
        head.packet("[01]", StreamBytes.packetXML)
        reader.append(head.bytes)
        while let event = try reader.next() {
            try reducer.process(event, into: &writer)
        }
        output += writer.takeOutput()
        let headerBytes = output.count

        // Records every 0.1 s (exact in us2000), y = index % 100: every bin of 600 records
        // averages 49.5.
        let chunkRecords = 4096
        var chunk = [UInt8](repeating: 0, count: chunkRecords * 16)
        var index = 0
        while index < recordCount {
            let count = min(chunkRecords, recordCount - index)
            chunk.withUnsafeMutableBytes { buffer in
                for offset in 0..<count {
                    let record = index + offset
                    let base = offset * 16
                    buffer[base] = 0x3A
                    buffer[base + 1] = 0x30
                    buffer[base + 2] = 0x31
                    buffer[base + 3] = 0x3A
                    buffer.storeBytes(
                        of: (StreamBytes.year2020 + Double(record) * 100_000).bitPattern.bigEndian,
                        toByteOffset: base + 4, as: UInt64.self
                    )
                    buffer.storeBytes(of: Float(record % 100).bitPattern.bigEndian, toByteOffset: base + 12, as: UInt32.self)
                }
            }
            reader.append(Array(chunk[0..<(count * 16)]))
            while let event = try reader.next() {
                try reducer.process(event, into: &writer)
            }
            index += count
            output += writer.takeOutput()
            let outputRecords = (output.count - headerBytes) / 16
            // Every complete bin has left the reducer.
            if outputRecords < index / perBin - 1 { lagging.append("\(outputRecords) bins out after \(index) records") }
        }
        reader.finish()
        while let event = try reader.next() {
            try reducer.process(event, into: &writer)
        }
        try reducer.finish(into: &writer)
        writer.finish()
        output += writer.takeOutput()
        #expect(lagging.isEmpty, "\(lagging.prefix(3))")

        let bins = (recordCount + perBin - 1) / perBin
        let read = StreamRead.read(output)
        #expect(read.error == nil)
        #expect(read.events.filter { $0.kind == "record" }.count == bins)
        #expect(read.endOffsets[1] == headerBytes)
        #expect(output.count == headerBytes + bins * 16)
        let averages = stride(from: 1, to: read.values.count, by: 2).map { read.values[$0] }
        #expect(averages.allSatisfy { $0 == 49.5 })
        #expect(read.values.first == us2000(30))
        #expect(read.values[read.values.count - 2] == us2000(Double(bins) * 60 - 30))
    }
}

/// The reducers of the four tools, with their option sets.
enum ReducerKind: String, Sendable, CustomStringConvertible {
    case avgsec, avgsecMinMax, avgsecDeviation, avgsecMinMaxDeviation, peakavgsec, avg

    var description: String { rawValue }

    /// The reducer for `binSeconds`-wide bins (das2_bin_avg: the same width in us2000 units).
    func make(binSeconds: Double) throws -> BinAverager {
        switch self {
        case .avgsec: try .timeAverage(binSeconds: binSeconds)
        case .avgsecMinMax: try .timeAverage(binSeconds: binSeconds, minMax: true)
        case .avgsecDeviation: try .timeAverage(binSeconds: binSeconds, standardDeviation: true)
        case .avgsecMinMaxDeviation: try .timeAverage(binSeconds: binSeconds, minMax: true, standardDeviation: true)
        case .peakavgsec: try .peakAverage(binSeconds: binSeconds)
        case .avg: try .xAverage(width: binSeconds * 1e6)
        }
    }
}

/// What a reducer wrote for an input, and how that output reads.
struct Reduction {
    var output: [UInt8]
    var error: Das2StreamError?
    var read: ReadOutcome
}

/// Runs `reducer` over `input` as the tools do, keeping the output written before any error.
func reduce(_ input: [UInt8], _ reducer: BinAverager) -> Reduction {
    var reducer = reducer
    var reader = Das2StreamReader()
    var writer = Das2StreamWriter(programName: reducer.configuration.programName)
    reader.append(input)
    reader.finish()
    var failure: Das2StreamError?
    do throws(Das2StreamError) {
        while let event = try reader.next() {
            try reducer.process(event, into: &writer)
        }
        try reducer.finish(into: &writer)
        writer.finish()
    } catch {
        failure = error
    }
    let output = writer.takeOutput()
    return Reduction(output: output, error: failure, read: StreamRead.read(output))
}
