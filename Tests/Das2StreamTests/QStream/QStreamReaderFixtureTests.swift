import Testing
import Das2Stream

/// Reading the hand-made fixtures: descriptors, properties and decoded values
/// (stream-qstream.md §3–§9).
struct QStreamReaderFixtureTests {
    @Test(arguments: QStreamFixture.names)
    func everyFixtureReadsWithoutError(name: String) {
        let outcome = readQStream(QStreamFixture.bytes(name))
        #expect(outcome.error == nil, "\(outcome.error.map(String.init(describing:)) ?? "")")
        #expect(!outcome.events.isEmpty)
    }

    @Test func icdMinMaxExampleHasTheDocumentedLayout() throws {
        let outcome = readQStream(QStreamFixture.bytes("icd-minmax.qds"))
        #expect(outcome.error == nil)
        #expect(outcome.packets[0].count == 10 + 96)
        guard case .streamDescriptor(let stream) = outcome.events[0] else { Issue.record("no stream descriptor"); return }
        #expect(stream == QStreamDescriptor(datasetID: "MinMax", byteOrder: .littleEndian))
        guard case .packetDescriptor(let packet) = outcome.events[1] else { Issue.record("no packet descriptor"); return }
        #expect(packet.id == 1)
        #expect(packet.recordSize == 24)
        #expect(packet.datasets.map(\.id) == ["ds_0", "MinMax"])
        let epoch = packet.datasets[0]
        #expect(epoch.rank == 1)
        #expect(epoch.values == .streamed(.double, dimensions: []))
        #expect(epoch.units == "cdfTT2000")
        #expect(epoch.property(named: "FILL_VALUE") == QStreamProperty(name: "FILL_VALUE", type: "Double", value: "-1.0E38"))
        #expect(epoch.property(named: "LABEL")?.value == "Epoch+ns")
        let minMax = packet.datasets[1]
        #expect(minMax.values == .streamed(.double, dimensions: [2]))
        #expect(minMax.property(named: "DEPEND_0")?.isDatasetReference == true)
        let user = try #require(minMax.property(named: "USER_PROPERTIES"))
        #expect(user.type == "map")
        #expect(user.element?.children.first?[attribute: "key"] == "count")
        #expect(user.element?.children.first?[attribute: "value"] == "65536")

        guard case .record(let record) = outcome.events[3] else { Issue.record("no record"); return }
        var values: [Double] = []
        try record.decode(dataset: 0, into: &values)
        #expect(values == [4.0e17 + 6.0e10])
        try record.decode(dataset: 1, into: &values)
        #expect(values == [-2.5, 3.25])
        #expect(record.byteCount == 24)
        #expect(record.streamOffset == outcome.packets[0].count + outcome.packets[1].count + 28)
    }

    @Test func icdAsciiExampleReadsInlineValuesTimesAndNumbers() throws {
        let outcome = readQStream(QStreamFixture.bytes("icd-ascii.qds"))
        #expect(outcome.error == nil)
        guard case .streamDescriptor(let stream) = outcome.events[0] else { Issue.record("no stream descriptor"); return }
        #expect(stream.byteOrder == nil)
        #expect(stream.effectiveByteOrder == .bigEndian)
        guard case .packetDescriptor(let inline) = outcome.events[1] else { Issue.record("no inline descriptor"); return }
        #expect(inline.recordSize == 0)
        #expect(inline.datasets[0].values == .inline([.init(values: [10.0, 46.41588833612777, 215.44346900318823, 1000.0])]))
        guard case .packetDescriptor(let packet) = outcome.events[2] else { Issue.record("no packet descriptor"); return }
        #expect(packet.recordSize == 57)
        // Attribute normalisation turns the line break of the rank0dataset into blanks.
        #expect(packet.datasets[0].property(named: "CADENCE")?.value == "6.0E7                  units:UNITS=microseconds")
        #expect(packet.streamedDatasetIndices == [0, 1])

        var times: [Double] = []
        var numbers: [Double] = []
        let records = outcome.events.compactMap { event -> QStreamRecord? in
            if case .record(let record) = event { return record }
            return nil
        }
        #expect(records.count == 3)
        try records[0].decode(dataset: 0, into: &times)
        #expect(times == [418_348_800_000_000])
        try records[0].decode(dataset: 1, into: &numbers)
        #expect(numbers == [-0.0325, 0.0185, 0.0014, -0.0008])
        try records[1].decode(dataset: 0, into: &times)
        #expect(times == [418_348_860_000_000])
        try records[1].decode(dataset: 1, into: &numbers)
        #expect(numbers == [12300, -0.00456, 0.019, 0])
        // Unparseable ASCII fields (asterisks, words, blanks) are NaN; the LF-ended field parses.
        try records[2].decode(dataset: 1, into: &numbers)
        #expect(numbers[0].isNaN && numbers[1].isNaN && numbers[2].isNaN)
        #expect(numbers[3] == 1e5)
    }

    @Test func exceptionIsDeliveredAndEndsTheStream() {
        let outcome = readQStream(QStreamFixture.bytes("exception.qds"))
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 2)
        let message = "No data found in interval.            Last data found at 2012-02-01"
        #expect(outcome.images.last == .exception(Das2Exception(type: "NoDataInInterval", message: message)))
    }

    @Test func streamMayStartWithAnException() {
        let outcome = readQStream(QStreamFixture.bytes("exception-only.qds"))
        #expect(outcome.error == nil)
        #expect(outcome.images == [.exception(Das2Exception(type: "ServerError", message: "reader crashed"))])
    }

    @Test func bundlesIndexedPropertiesEnumerationsAndComments() throws {
        let outcome = readQStream(QStreamFixture.bytes("bundle.qds"))
        #expect(outcome.error == nil)
        #expect(outcome.images.contains(.label(QStreamEnumerationLabel(name: "default", value: 2, label: "B-GSM-Y", color: "0x000000"))))
        #expect(outcome.images.contains(.comment(Das2Comment(type: "taskProgress", value: "50", source: ""))))
        #expect(outcome.images.contains(.comment(Das2Comment(type: "log:info", value: "das2-style comment", source: ""))))
        let packets = outcome.events.compactMap { event -> QStreamPacketDescriptor? in
            if case .packetDescriptor(let packet) = event { return packet }
            return nil
        }
        let bins = packets[1].datasets[0]
        #expect(bins.indexedProperties.map(\.index) == [0, 1, 2])
        #expect(bins.indexedProperties[0].properties.map(\.name) == ["BINS_1", "UNITS", "NAME"])
        #expect(bins.properties.isEmpty)
        #expect(
            bins.values
                == .inline([
                    .init(values: [2.0], index: 0), .init(values: [3.0], index: 1), .init(values: [], length: [0], index: 2),
                ])
        )
        #expect(packets[1].datasets[1].values == .inline([.init(values: [1.5, 2.5, 3.5])]))
        #expect(packets[1].datasets[3].values == .bundle(["bx", "by"]))
        let data = packets[2].datasets[0]
        #expect(data.property(named: "RENDER_TYPE") == nil)
        #expect(outcome.warnings.contains { $0.contains("RENDER_TYPE") })
        #expect(data.recordByteCount == 60)
    }

    @Test func joinsKeepTheirSlicesAndRedefinitions() {
        let outcome = readQStream(QStreamFixture.bytes("join.qds"))
        #expect(outcome.error == nil)
        let sizes = outcome.events.compactMap { event -> Int? in
            if case .packetDescriptor(let packet) = event { return packet.recordSize }
            return nil
        }
        #expect(sizes == [0, 50, 40, 50, 0])
        let packets = outcome.events.compactMap { event -> QStreamPacketDescriptor? in
            if case .packetDescriptor(let packet) = event { return packet }
            return nil
        }
        #expect(packets[0].datasets[0].values == .join(["slice_a", "slice_b"]))
        #expect(packets[4].datasets.map(\.joinID) == ["spectra", "spectra"])
        #expect(packets[1].datasets[0].values == .streamed(.ascii(10), dimensions: []))
    }

    @Test(arguments: ["ints-big-endian.qds", "ints-little-endian.qds"])
    func binaryIntegersDecodeInTheStreamByteOrder(name: String) throws {
        let outcome = readQStream(QStreamFixture.bytes(name))
        #expect(outcome.error == nil)
        let records = outcome.events.compactMap { event -> QStreamRecord? in
            if case .record(let record) = event { return record }
            return nil
        }
        #expect(records.count == 2)
        let record = records[1]
        #expect(record.byteCount == 8 + 8 + 2 + 1 + 4 + 48)
        var integers: [Int64] = []
        try record.decodeIntegers(dataset: 0, into: &integers)
        #expect(integers == [9_007_199_254_740_994])
        var values: [Double] = []
        try record.decode(dataset: 1, into: &values)
        #expect(values == [-8, 2_147_483_647])
        try record.decode(dataset: 2, into: &values)
        #expect(values == [-1])
        try record.decode(dataset: 3, into: &values)
        #expect(values == [-127])
        try record.decode(dataset: 4, into: &values)
        #expect(values == [1.5])
        #expect(record.valueCount(dataset: 5) == 6)
        try record.decodeIntegers(dataset: 5, into: &integers)
        #expect(integers == [100, -101, 102, -103, 104, -105])
        #expect(throws: Das2StreamError.self) { try record.decodeIntegers(dataset: 4, into: &integers) }
    }

    @Test func textTimesOfEveryWidthAndHexIntegers() throws {
        let outcome = readQStream(QStreamFixture.bytes("times.qds"))
        #expect(outcome.error == nil)
        let records = outcome.events.compactMap { event -> QStreamRecord? in
            if case .record(let record) = event { return record }
            return nil
        }
        #expect(records.map(\.packetID) == [1, 2, 1, 1])
        let record = records[2]
        var values: [Double] = []
        try record.decode(dataset: 0, into: &values)
        #expect(values == [631_152_001_000_000])
        try record.decode(dataset: 1, into: &values)
        #expect(values == [631_152_000.125])
        try record.decode(dataset: 2, into: &values)
        #expect(values == [631_152_000_000_003])
        // The time30 field ends in 0A inside the record: trimmed and parsed.
        try record.decode(dataset: 3, into: &values)
        #expect(abs(values[0] - 631_152_000_000_000.007) < 1)
        var integers: [Int64] = []
        try record.decodeIntegers(dataset: 4, into: &integers)
        #expect(integers == [256])
        try record.decode(dataset: 4, into: &values)
        #expect(values == [256])
        try record.decode(dataset: 5, into: &values)
        #expect(values == [0.25])
        guard case .record(let other) = outcome.events[4] else { Issue.record("no :02: record"); return }
        try other.decode(dataset: 0, into: &values)
        #expect(values == [1.25])
    }

    @Test func concatenatedStreamDescriptorsAreDelivered() {
        let outcome = readQStream(QStreamFixture.bytes("times.qds"))
        let streams = outcome.images.filter { if case .stream = $0 { true } else { false } }
        #expect(streams.count == 2)
    }
}
