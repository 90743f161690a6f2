import Das2Core
@testable import Das2Server
import Das2Stream
import Testing

/// Conversion of the fixture streams (hapi.md §6, §7.4, §7.5.4, §8.1) without a server.
struct HAPIConversionTests {
    static let start = HAPITime(parsing: "2017-01-01")!
    static let stop = HAPITime(parsing: "2017-01-02")!

    /// The parameters of a fixture packet type, as /info builds them.
    static func parameters(_ file: String, packet: Int, items: [HAPIParameterBuilder.Item] = []) throws -> (PacketHeader, [HAPIParameter]) {
        let (stream, packets) = try FixtureFiles.headers(file)
        let header = try require(packets[packet])
        let builder = HAPIParameterBuilder(streamProperties: stream.properties, items: items)
        return (header, builder.parameters(of: header, timePlane: try require(HAPIPlanes.timePlaneIndex(header))))
    }

    /// The whole fixture converted, fed in chunks of `chunk` bytes.
    static func convert(
        _ file: String, packet: Int, format: HAPIFormat, chunk: Int = 100, start: HAPITime = start, stop: HAPITime = stop,
        selecting names: [String]? = nil
    ) throws -> (bytes: [UInt8], records: Int, dropped: Int) {
        let (header, all) = try parameters(file, packet: packet)
        let selected = names.map { names in all.filter { $0.name == "Time" || names.contains($0.name) } } ?? all
        var sink = HAPIRecordSink(
            source: .packet(id: packet, layout: HAPIPlanes.Layout(header)),
            encoder: HAPIRecordEncoder(format: format, parameters: selected), start: start, stop: stop
        )
        var reader = Das2StreamReader()
        var output: [UInt8] = []
        let input = try FixtureFiles.bytes(file)
        var offset = 0
        while offset < input.count {
            reader.append(Array(input[offset..<min(input.count, offset + chunk)]))
            sink.drain(&reader, into: &output)
            offset += chunk
        }
        sink.finish(&reader, into: &output)
        #expect(sink.ending == nil)
        return (output, sink.encoder.recordCount, sink.dropped)
    }

    /// A CSV sink over the records of `header`, fed `bytes` in one piece to the end.
    static func convertedCSV(
        _ bytes: [UInt8], header: PacketHeader, parameters: [HAPIParameter]
    ) -> (sink: HAPIRecordSink, text: String) {
        var sink = HAPIRecordSink(
            source: .packet(id: header.id, layout: HAPIPlanes.Layout(header)),
            encoder: HAPIRecordEncoder(format: .csv, parameters: parameters), start: start, stop: stop
        )
        var reader = Das2StreamReader()
        reader.append(bytes)
        var output: [UInt8] = []
        sink.finish(&reader, into: &output)
        return (sink, String(decoding: output, as: UTF8.self))
    }

    @Test(arguments: [1, 7, 100, 4096])
    func magnetometerCSVMatchesTheExpectedBody(chunk: Int) throws {
        let result = try Self.convert("hapi_mag.d2s", packet: 1, format: .csv, chunk: chunk)
        #expect(String(decoding: result.bytes, as: UTF8.self) == (try FixtureFiles.text("expected_mag.csv")))
        #expect(result.records == 60)
    }

    @Test func spectraCSVMatchesTheExpectedBodies() throws {
        let spectra = try Self.convert("hapi_spec.d2t", packet: 1, format: .csv)
        #expect(String(decoding: spectra.bytes, as: UTF8.self) == (try FixtureFiles.text("expected_spec.csv")))
        let gain = try Self.convert("hapi_spec.d2t", packet: 2, format: .csv)
        #expect(String(decoding: gain.bytes, as: UTF8.self) == (try FixtureFiles.text("expected_spec_p02.csv")))
        #expect(gain.dropped == 0)
    }

    @Test func recordsAreTrimmedToTheHalfOpenRequest() throws {
        let lines = try FixtureFiles.text("expected_mag.csv").split(separator: "\n")
        let first = try Self.convert(
            "hapi_mag.d2s", packet: 1, format: .csv, start: try require(HAPITime(parsing: "2017-01-01T00:00:00.000001Z")),
            stop: try require(HAPITime(parsing: "2017-01-01T00:02:00Z"))
        )
        #expect(String(decoding: first.bytes, as: UTF8.self) == lines[1] + "\n")
        let second = try Self.convert(
            "hapi_mag.d2s", packet: 1, format: .csv, start: try require(HAPITime(parsing: "2017-01-01T00:01Z")),
            stop: try require(HAPITime(parsing: "2017-01-01T00:01:00.000001Z"))
        )
        #expect(String(decoding: second.bytes, as: UTF8.self) == lines[1] + "\n")
    }

    @Test func binaryRecordsHoldLittleEndianDoublesAndCanonicalNaN() throws {
        let result = try Self.convert("hapi_mag.d2s", packet: 1, format: .binary)
        #expect(result.bytes.count == 60 * 51)
        let record0 = Array(result.bytes[0..<51])
        #expect(String(decoding: record0[0..<27], as: UTF8.self) == "2017-01-01T00:00:00.000000Z")
        func double(_ record: Int, _ index: Int) -> [UInt8] {
            let start = record * 51 + 27 + index * 8
            return Array(result.bytes[start..<(start + 8)])
        }
        #expect(double(0, 1) == withUnsafeBytes(of: (-10.0).bitPattern.littleEndian) { Array($0) })
        #expect(double(9, 2) == [0, 0, 0, 0, 0, 0, 0xF8, 0x7F])
        #expect(double(7, 1) == withUnsafeBytes(of: (-1e31).bitPattern.littleEndian) { Array($0) })
    }

    @Test func jsonRowsNestArraysAndWriteNull() throws {
        let mag = try Self.convert("hapi_mag.d2s", packet: 1, format: .json)
        let text = String(decoding: mag.bytes, as: UTF8.self)
        #expect(text.hasPrefix("\n[\"2017-01-01T00:00:00.000000Z\",0.0,-10.0,100.0],\n"))
        #expect(text.contains("[\"2017-01-01T00:09:00.000000Z\",9.0,-5.5,null]"))
        let spec = try Self.convert("hapi_spec.d2t", packet: 1, format: .json)
        #expect(String(decoding: spec.bytes, as: UTF8.self).hasPrefix("\n[\"2017-01-01T00:00:00.000000Z\",[0.001,0.002,0.003,0.004]]"))
    }

    @Test func aSubsetKeepsTimeAndTheInfoOrder() throws {
        let result = try Self.convert("hapi_mag.d2s", packet: 1, format: .csv, selecting: ["Bz"])
        #expect(String(decoding: result.bytes, as: UTF8.self).hasPrefix(
            "2017-01-01T00:00:00.000000Z,100.0\n2017-01-01T00:01:00.000000Z,99.0\n"))
    }

    @Test func magnetometerParametersFollowThePlanes() throws {
        let items = [HAPIParameterBuilder.Item(id: "Bx", description: "Field component along X", units: "nT")]
        let (_, parameters) = try Self.parameters("hapi_mag.d2s", packet: 1, items: items)
        #expect(parameters.map(\.name) == ["Time", "Bx", "By", "Bz"])
        #expect(parameters[0].json == .object([
            ("name", .string("Time")), ("type", .string("isotime")), ("units", .string("UTC")), ("fill", .null), ("length", .integer(27)),
        ]))
        #expect(parameters[1].json == .object([
            ("name", .string("Bx")), ("type", .string("double")), ("units", .string("nT")), ("fill", .string("-1e+31")),
            ("label", .string("Bx")), ("description", .string("Field component along X")),
        ]))
        #expect(parameters[2].json == .object([
            ("name", .string("By")), ("type", .string("double")), ("units", .string("nT")), ("fill", .string("-1e+31")),
        ]))
    }

    @Test func spectrogramParametersHaveSizeAndBins() throws {
        let (_, parameters) = try Self.parameters("hapi_spec.d2t", packet: 1)
        #expect(parameters.count == 2)
        let spectrum = parameters[1]
        #expect(spectrum.name == "E" && spectrum.units == "V**2 m**-2 Hz**-1" && spectrum.fill == "0.0")
        #expect(spectrum.size == [4] && spectrum.label == "Spectral density")
        let bins = try require(spectrum.bins?.first)
        #expect(bins.name == "frequency" && bins.units == "Hz" && bins.centers == [10, 100, 1000, 10000] && bins.label == "Frequency")
        let (_, gain) = try Self.parameters("hapi_spec.d2t", packet: 2)
        #expect(gain.map(\.name) == ["Time", "Gain"])
        #expect(gain[1].units == "dB" && gain[1].fill == "-1e+31" && gain[1].label == nil)
    }

    @Test func aChangedDefinitionIsDroppedAndCounted() throws {
        let (header, parameters) = try Self.parameters("hapi_mag.d2s", packet: 1)
        var changed = header
        changed.planes.append(Plane(.y, name: "Bt", encoding: .littleEndianReal4, units: Units("nT")))
        var writer = Das2StreamWriter()
        let (stream, _) = try FixtureFiles.headers("hapi_mag.d2s")
        try writer.writeStreamHeader(stream)
        try writer.writePacketHeader(header)
        try writer.writeRecord(id: 1, values: [536_544_000_000_000, 1, 2, 3])
        try writer.writePacketHeader(changed)
        try writer.writeRecord(id: 1, values: [536_544_060_000_000, 1, 2, 3, 4])
        try writer.writeRecord(id: 1, values: [536_544_120_000_000, 1, 2, 3, 4])
        let (sink, text) = Self.convertedCSV(writer.takeOutput(), header: header, parameters: parameters)
        #expect(text == "2017-01-01T00:00:00.000000Z,1.0,2.0,3.0\n")
        #expect(sink.dropped == 2)
    }

    @Test func exceptionsEndTheStream() throws {
        let (header, parameters) = try Self.parameters("hapi_mag.d2s", packet: 1)
        for (type, ending) in [("NoDataInInterval", HAPIRecordSink.Ending.noData), ("IllegalArgument", .failure("")) ] {
            var writer = Das2StreamWriter()
            try writer.writeStreamHeader(StreamHeader())
            writer.writeException(Das2Exception(type: type, message: "nothing"))
            let (sink, _) = Self.convertedCSV(writer.takeOutput(), header: header, parameters: parameters)
            if case .failure = ending {
                guard case .failure = sink.ending else {
                    Issue.record("\(type) did not fail the stream")
                    continue
                }
            } else {
                #expect(sink.ending == .noData)
            }
        }
    }

    /// §8.1: the reader's whole hour binned in-process equals the fixture's bins.
    @Test func binningMatchesTheExpectedBins() throws {
        let (stream, packets) = try FixtureFiles.headers("hapi_mag.d2s")
        let header = try require(packets[1])
        let (reducedStream, reducedHeader) = try require(HAPIBinning.reducedHeaders(stream: stream, packet: header, seconds: 600))
        let items = [HAPIParameterBuilder.Item(id: "Bx", description: "Field component along X", units: "nT")]
        let base = HAPIParameterBuilder(streamProperties: stream.properties, items: items)
            .parameters(of: header, timePlane: 0)
        let parameters = HAPIParameterBuilder(streamProperties: reducedStream.properties, items: items)
            .reducedParameters(of: reducedHeader, timePlane: 0, base: base)
        #expect(parameters.map(\.name) == ["Time", "Bx", "By", "Bz", "Bx_min", "Bx_max", "By_min", "By_max", "Bz_min", "Bz_max"])
        #expect(parameters[1].label == "Bx" && parameters[1].description == "Field component along X")
        #expect(parameters[4].label == "Bx min" && parameters[4].description == "minimum of Bx in each bin")
        #expect(parameters.dropFirst().allSatisfy { $0.units == "nT" && $0.fill == "-1e+31" })

        let begin: Int64 = 536_544_000_000_000
        let drops = HAPIBinningTransformer.Counter()
        let transformer = HAPIBinningTransformer(
            packetID: 1, layout: HAPIPlanes.Layout(header),
            averager: try BinAverager.timeAverage(binSeconds: 600, begin: Double(begin), minMax: true),
            begin: begin, end: begin + 3_600_000_000, dropped: drops
        )
        let binned = try transformer.process(try FixtureFiles.bytes("hapi_mag.d2s")) + transformer.finish()
        let (_, text) = Self.convertedCSV(binned, header: reducedHeader, parameters: parameters)
        #expect(text == (try FixtureFiles.text("expected_mag_bin600.csv")))
        #expect(drops.count == 0)

        // The cache block built by das2_bin_avgsec -r has the same definition and records.
        let (_, blockPackets) = try FixtureFiles.headers("hapi_mag_bin600.d2s")
        #expect(HAPIPlanes.Layout(try require(blockPackets[1])) == HAPIPlanes.Layout(reducedHeader))
    }
}
