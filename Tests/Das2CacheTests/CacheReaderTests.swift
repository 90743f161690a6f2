import Das2Core
import Das2Stream
import Testing

@testable import Das2Cache

/// The cache reader library (cache-and-queue.md §4.2, tools.md §6 with the §10 fixes), on block
/// files in a temporary cache tree.
@Suite("Cache reader")
struct CacheReaderTests {
    static let dsdf = """
        description = 'Cache reader test source'
        reader = 'probe_rdr'
        das2Stream = 1
        cacheLevel_00 = 'intrinsic | hourly'
        cacheLevel_01 = '250 ms | hourly'
        cacheLevel_02 = '60 s | daily'
        cacheLevel_03 = '1 s | daily | -r no-spikes'
        """

    /// A cache tree with the test DSDF at `Test.dsdf` and the data directory `data/Test`.
    struct Tree {
        let directory: TemporaryDirectory

        init(dsdf: String = CacheReaderTests.dsdf) throws {
            directory = try TemporaryDirectory()
            try directory.write("Test.dsdf", text: dsdf)
            try directory.makeDirectory("data/Test")
        }

        var dsdfPath: String { directory.path + "/Test.dsdf" }
        var cacheDirectory: String { directory.path + "/data/Test" }

        func block(_ relativePath: String, _ bytes: [UInt8]) throws {
            try directory.write("data/Test/" + relativePath, bytes)
        }

        func request(_ begin: String, _ end: String, _ resolution: String, parameters: String = "_noparam", pad: Double = 0)
            -> CacheReadRequest
        {
            CacheReadRequest(
                dsdfPath: dsdfPath, cacheDirectory: cacheDirectory, normalizedParameters: parameters, begin: begin,
                end: end, resolution: resolution, pad: pad)
        }

        /// Everything the reader writes, its chunk sizes and its diagnostics.
        func read(_ request: CacheReadRequest) throws -> (bytes: [UInt8], chunks: [Int], diagnostics: [String]) {
            let reader = try CacheReader(request)
            var bytes: [UInt8] = []
            var chunks: [Int] = []
            var diagnostics: [String] = []
            while let chunk = try reader.next() {
                bytes += chunk
                chunks.append(chunk.count)
                diagnostics += reader.takeDiagnostics()
            }
            diagnostics += reader.takeDiagnostics()
            return (bytes, chunks, diagnostics)
        }
    }

    @Test func readsTheRecordsOfTheCoveringBlocksInTimeOrder() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", TestStream.make([
            ("2013-10-31T12:10", 1), ("2013-10-31T12:40", 2), ("2013-10-31T12:50", 3),
        ]))
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T13_intrinsic.d2s", TestStream.make([
            ("2013-10-31T13:00", 4), ("2013-10-31T13:29:59.999", 5), ("2013-10-31T13:30", 6),
        ]))
        let output = try tree.read(tree.request("2013-10-31T12:30", "2013-10-31T13:30Z", "0"))
        let stream = try ParsedStream(output.bytes)
        #expect(stream.records.map { $0.values[1] } == [2, 3, 4, 5])
        #expect(stream.packetHeaders.count == 1)
        #expect(stream.exceptions.isEmpty)
        #expect(output.diagnostics == [
            "Reading: \(tree.cacheDirectory)/_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s",
            "Reading: \(tree.cacheDirectory)/_noparam/intrinsic/2013/10/31/2013-10-31T13_intrinsic.d2s",
        ])
        let properties = try #require(stream.streamProperties)
        #expect(Array(properties.map(\.name)) == ["xCacheRange", "title", "sourceId"])
        #expect(properties["xCacheRange"]?.text == "2013-10-31T12:30 to 2013-10-31T13:30 UTC")
        #expect(properties["xCacheResolution"] == nil)
    }

    @Test(arguments: [("60", "bin-60s", "2013/10/2013-10-31_bin-60s", "60.000000 s"),
                      ("0.3", "bin-250ms", "2013/10/31/2013-10-31T12_bin-250ms", "250.000000 ms")])
    func binnedLevelsPutTheCachePropertiesFirstWithTheirUnits(
        resolution: String, directory: String, block: String, datum: String
    ) throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let file: Das2Properties = [
            .string("title", "reduced"),
            .datum("xCacheResolution", 7, units: .seconds),
            Das2Property(name: "xCacheRange", kind: .time, multiplicity: .range, value: "2000-01-01 to 2000-01-02", units: .utc),
            .string("xCacheResInfo", "(1.0 minute Averages)"),
            .string("sourceId", "das2_bin_avgsec"),
        ]
        try tree.block("_noparam/\(directory)/\(block).d2s", TestStream.make([("2013-10-31T12:45", 1)], streamProperties: file))
        let output = try tree.read(tree.request("2013-10-31T12:30", "2013-10-31T13:00", resolution))
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text.contains("""
              <properties
                TimeRange:xCacheRange="2013-10-31T12:30 to 2013-10-31T13:00 UTC"
                Datum:xCacheResolution="\(datum)"
                title="reduced"
                xCacheResInfo="(1.0 minute Averages)"
                sourceId="das2_bin_avgsec"
              />
            """))
        #expect(try ParsedStream(output.bytes).records.count == 1)
    }

    @Test func packetHeadersAreSentOnlyWhenNewOrChanged() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let directory = "_noparam/intrinsic/2013/10/31/"
        try tree.block(directory + "2013-10-31T10_intrinsic.d2s", TestStream.make([("2013-10-31T10:30", 1)]))
        try tree.block(directory + "2013-10-31T11_intrinsic.d2s", TestStream.make([("2013-10-31T11:30", 2)]))
        try tree.block(
            directory + "2013-10-31T12_intrinsic.d2s", TestStream.make([("2013-10-31T12:30", 3)], planeName: "power"))
        try tree.block(directory + "2013-10-31T13_intrinsic.d2s", TestStream.make([("2013-10-31T13:30", 4)], id: 2))
        try tree.block(directory + "2013-10-31T14_intrinsic.d2s", TestStream.make([("2013-10-31T14:30", 5)], planeName: "power"))
        let stream = try ParsedStream(try tree.read(tree.request("2013-10-31T10:00", "2013-10-31T15:00", "0")).bytes)
        #expect(stream.packetHeaders.map { "\($0.id) \($0.planes[1].name)" } == ["1 amp", "1 power", "2 amp"])
        #expect(stream.records.map(\.id) == [1, 1, 1, 2, 1])
        #expect(stream.records.map { $0.values[1] } == [1, 2, 3, 4, 5])
    }

    @Test func exceptionsAndCommentsInBlockFilesAreDropped() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", TestStream.make(
            [("2013-10-31T12:10", 1), ("2013-10-31T12:20", 2)], exceptionAfter: 1, comment: true))
        let stream = try ParsedStream(try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T13:00", "0")).bytes)
        #expect(stream.records.count == 2)
        #expect(stream.exceptions.isEmpty)
        #expect(stream.comments == 0)
    }

    @Test func missingAndEmptyBlockFilesAreSkipped() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let directory = "_noparam/bin-60s/2013/"
        try tree.block(directory + "10/2013-10-30_bin-60s.d2s", TestStream.make([("2013-10-30T23:00", 1)]))
        try tree.block(directory + "10/2013-10-31_bin-60s.d2s", [])
        try tree.block(directory + "11/2013-11-02_bin-60s.d2s", TestStream.make([("2013-11-02T01:00", 3)]))
        let output = try tree.read(tree.request("2013-10-30", "2013-11-03", "100"))
        #expect(try ParsedStream(output.bytes).records.map { $0.values[1] } == [1, 3])
        #expect(output.diagnostics.count == 2)
        #expect(!output.diagnostics.contains { $0.contains("2013-10-31") })
    }

    @Test func withoutBlockFilesTheStreamSaysNoDataInInterval() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        try tree.block("_noparam/bin-60s/1979/03/1979-03-01_bin-60s.d2s", [])
        let output = try tree.read(tree.request("1979-03-01T12:27", "1979-03-01T12:28", "60"))
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text == """
            [00]000212<stream compression="none" version="2.2" >
              <properties
                TimeRange:xCacheRange="1979-03-01T12:27 to 1979-03-01T12:28 UTC"
                Datum:xCacheResolution="60.000000 s"
                sourceId="das2_cache_rdr"
              />
            </stream>
            [xx]000148<exception type="NoDataInInterval" message="No data in the interval 1979-03-01T12:27:00.000000 \
            to 1979-03-01T12:28:00.000000 at 60 s resolution" />

            """)
        #expect(output.diagnostics.isEmpty)
    }

    @Test func blocksWithoutRecordsInTheRangeGiveTheirHeaderAndNoData() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", TestStream.make([("2013-10-31T12:50", 1)]))
        let stream = try ParsedStream(try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T12:30", "intrinsic")).bytes)
        #expect(stream.streamProperties?["title"]?.value == "probe")
        #expect(stream.packetHeaders.count == 1)
        #expect(stream.records.isEmpty)
        #expect(stream.exceptions == [Das2Exception(
            type: "NoDataInInterval",
            message: "No data in the interval 2013-10-31T12:00:00.000000 to 2013-10-31T12:30:00.000000 at native resolution")])
    }

    @Test func padWidensTheRangeOnBothSides() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let directory = "_noparam/intrinsic/2013/10/31/"
        try tree.block(directory + "2013-10-31T11_intrinsic.d2s", TestStream.make([("2013-10-31T11:59:01", 1)]))
        try tree.block(directory + "2013-10-31T12_intrinsic.d2s", TestStream.make([
            ("2013-10-31T12:00:30", 2), ("2013-10-31T12:01:59", 3), ("2013-10-31T12:02:00", 4),
        ]))
        let padded = try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T12:01", "0", pad: 60))
        #expect(try ParsedStream(padded.bytes).records.map { $0.values[1] } == [1, 2, 3])
        #expect(padded.diagnostics.count == 2)
        let plain = try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T12:01", "0"))
        let stream = try ParsedStream(plain.bytes)
        #expect(stream.records.map { $0.values[1] } == [2])
        #expect(stream.streamProperties?["xCacheRange"]?.value == "2013-10-31T12:00 to 2013-10-31T12:01")
    }

    @Test func recordsAreCopiedByteForByte() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let block = try TestStream.make(
            [("2013-10-31T12:00:00.123456", 1.25), ("2013-10-31T12:30", -3.5e-7)], xEncoding: .littleEndianReal8)
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", block)
        let output = try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T13:00", "0")).bytes
        let recordBytes = { (bytes: [UInt8]) -> [UInt8] in
            let start = bytes.indices.first { bytes[$0] == UInt8(ascii: ":") && bytes[$0 + 3] == UInt8(ascii: ":")
                && bytes[$0 + 1] == UInt8(ascii: "0") && bytes[$0 + 2] == UInt8(ascii: "1") }!
            return Array(bytes[start...])
        }
        #expect(recordBytes(output) == recordBytes(block))
    }

    @Test func parametersMatchWithTheCanonicalNormalization() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        try tree.block("_r_no_spikes/bin-1s/2013/10/2013-10-31_bin-1s.d2s", TestStream.make([("2013-10-31T12:00", 1)]))
        let reader = try CacheReader(tree.request("2013-10-31", "2013-11-01", "5", parameters: "_r_no_spikes"))
        #expect(reader.level.number == 3)
        #expect(reader.level.normalizedParameters == "_r_no_spikes")
        #expect(try ParsedStream(try tree.read(tree.request("2013-10-31", "2013-11-01", "5", parameters: "_r_no_spikes")).bytes)
            .records.count == 1)
    }

    @Test(arguments: [
        ("0", "intrinsic"), ("INTRINSIC", "intrinsic"), ("0.1", "intrinsic"), ("0.25", "bin-250ms"), ("59.9", "bin-250ms"),
        ("60", "bin-60s"), ("1e9", "bin-60s"), ("61s", "bin-60s"),
    ])
    func levelIsTheLargestResolutionNotAboveRES(resolution: String, directory: String) throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        #expect(try CacheReader(tree.request("2013-10-31", "2013-11-01", resolution)).level.resolutionDirectory == directory)
    }

    @Test func outputComesInBoundedChunks() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        var records: [(String, Double)] = []
        let start = try TestStream.us2000("2013-10-31T12:00")
        for index in 0..<12_000 {
            records.append((TimeScale.us2000.time(from: start + Double(index) * 250_000).isoC(fractionDigits: 3), Double(index)))
        }
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", TestStream.make(records))
        let output = try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T13:00", "0"))
        #expect(output.chunks.count > 4)
        #expect(output.chunks.allSatisfy { $0 > 0 && $0 <= 2 * CacheReader.chunkSize })
        #expect(try ParsedStream(output.bytes).records.count == 12_000)
    }

    @Test func aMalformedBlockFailsAfterTheOutputBeforeIt() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        let directory = "_noparam/intrinsic/2013/10/31/"
        try tree.block(directory + "2013-10-31T12_intrinsic.d2s", TestStream.make([("2013-10-31T12:30", 1)]))
        try tree.block(directory + "2013-10-31T13_intrinsic.d2s", Array("not a das2 stream".utf8))
        let reader = try CacheReader(tree.request("2013-10-31T12:00", "2013-10-31T14:00", "0"))
        let first = try #require(try reader.next())
        #expect(try ParsedStream(first).records.count == 1)
        let error = #expect(throws: CacheReaderError.self) { try reader.next() }
        #expect(error?.message.hasPrefix(tree.cacheDirectory + "/" + directory + "2013-10-31T13_intrinsic.d2s: ") == true)
        #expect(error?.exitStatus == 22)
        #expect(throws: CacheReaderError.self) { try reader.next() }
    }

    @Test func aPacketWithoutTimeXCannotBeFiltered() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        var writer = Das2StreamWriter()
        try writer.writeStreamHeader(StreamHeader())
        try writer.writePacketHeader(PacketHeader(id: 1, planes: [
            Plane(.x, encoding: .ascii(10), units: Units("Hz")), Plane(.y, encoding: .ascii(10), units: Units("V")),
        ]))
        try writer.writeRecord(id: 1, values: [1, 2])
        try tree.block("_noparam/intrinsic/2013/10/31/2013-10-31T12_intrinsic.d2s", writer.takeOutput())
        let error = #expect(throws: CacheReaderError.self) {
            _ = try tree.read(tree.request("2013-10-31T12:00", "2013-10-31T13:00", "0"))
        }
        #expect(error?.message.hasSuffix("The <x> values of packet type 01 are not times (units 'Hz')") == true)
        #expect(error?.exitStatus == 92)
    }

    /// The checks of §4.2 step 1, in the tool's order, with its messages and statuses.
    @Test func requestErrorsHaveTheToolsMessagesAndStatuses() throws {
        let tree = try Tree()
        defer { tree.directory.remove() }
        func failure(_ request: CacheReadRequest) -> CacheReaderError? {
            #expect(throws: CacheReaderError.self) { try CacheReader(request) }
        }
        var request = tree.request("2013-10-31", "2013-11-01", "60")
        request.dsdfPath = tree.directory.path + "/Missing.dsdf"
        #expect(failure(request) == .cache("Missing Data Source Description File (DSDF): \(request.dsdfPath)"))
        request = tree.request("2013-10-31", "2013-11-01", "60")
        request.cacheDirectory = tree.directory.path + "/data/Other"
        #expect(failure(request) == .cache("Cache directory \(request.cacheDirectory) doesn't exist"))
        #expect(failure(tree.request("2013-10-31", "2013-11-01", "60", parameters: "high"))
            == .cache("No cache trees were defined in \(tree.dsdfPath)"))
        #expect(failure(tree.request("yesterday-ish", "2013-11-01", "60"))
            == .cache("Couldn't convert begin time yesterday-ish to a date-time"))
        #expect(failure(tree.request("2013-10-31", "x", "60")) == .cache("Couldn't convert end time x to a date-time"))
        #expect(failure(tree.request("2013-11-01", "2013-10-31", "60"))
            == .cache("Begin point 2013-11-01 is <= to the ending point 2013-10-31"))
        #expect(failure(tree.request("2013-10-31", "2013-10-31", "60"))
            == .cache("Begin point 2013-10-31 is <= to the ending point 2013-10-31"))
        #expect(failure(tree.request("2013-10-31", "2013-11-01", "abc"))
            == .cache("Can't convert resolution abc to a double value"))
        #expect(failure(tree.request("2013-10-31", "2013-11-01", "-1")) == .cache("Resolution value -1 is <= 0"))
        #expect(failure(tree.request("2013-10-31", "2013-11-01", "0.5", parameters: "_r_no_spikes"))
            == .cache("Can't find a cache tree in \(tree.cacheDirectory) with a resolution lower than 0.500000"))
    }

    @Test func qstreamBlocksAreRefusedWithAClearError() throws {
        let tree = try Tree(dsdf: "reader = 'x'\nqstream = 1\ncacheLevel_00 = 'intrinsic | daily'\n")
        defer { tree.directory.remove() }
        try tree.block("_noparam/intrinsic/2013/10/2013-10-31_intrinsic.qds", [1])
        let error = #expect(throws: CacheReaderError.self) { try CacheReader(tree.request("2013-10-31", "2013-11-01", "0")) }
        #expect(error?.exitStatus == 92)
        #expect(error?.message.contains("QStreams (.qds), which this cache reader does not read; set QDS_CACHE_RDR") == true)
    }

    @Test func dsdfErrorsStopTheReader() throws {
        let single = try Tree(dsdf: "reader = 'x'\ncacheLevel_01 = 'intrinsic'\n")
        defer { single.directory.remove() }
        #expect(throws: CacheReaderError.cache("Syntax error in DSDF, keyword cacheLevel_01")) {
            try CacheReader(single.request("2013-10-31", "2013-11-01", "0"))
        }
        let broken = try Tree(dsdf: "reader = 'x'\nthis line has no equals sign\n")
        defer { broken.directory.remove() }
        let error = #expect(throws: CacheReaderError.self) { try CacheReader(broken.request("2013-10-31", "2013-11-01", "0")) }
        #expect(error?.exitStatus == 23)
        let fractional = try Tree(dsdf: "reader = 'x'\ncacheLevel_01 = '1.5 s | daily'\n")
        defer { fractional.directory.remove() }
        let level = #expect(throws: CacheReaderError.self) {
            try CacheReader(fractional.request("2013-10-31", "2013-11-01", "9"))
        }
        #expect(level?.exitStatus == 92)
        #expect(level?.message.contains("is not a positive integer") == true)
    }
}
