import Testing
import Das2Stream

/// The writer profile of stream-qstream.md §11 and round trips through the reader.
struct QStreamWriterTests {
    private let units = QStreamProperty(name: "UNITS", type: "units", value: "us2000")

    private func readBack(_ bytes: [UInt8]) -> QStreamReadOutcome {
        let outcome = readQStream(bytes)
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        return outcome
    }

    @Test func streamDescriptorMatchesTheICDExampleByteForByte() throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "MinMax", byteOrder: .littleEndian))
        let text = String(decoding: writer.takeOutput(), as: UTF8.self)
        #expect(text == "[00]000096<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<stream dataset_id=\"MinMax\" byte_order=\"little_endian\"/>\n")
    }

    @Test func packetDescriptorLayout() throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "MinMax", byteOrder: .littleEndian))
        _ = writer.takeOutput()
        let descriptor = QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "ds_0", rank: 1, values: .streamed(.double, dimensions: []), properties: [
                QStreamProperty(name: "UNITS", type: "units", value: "cdfTT2000"),
            ]),
            QDataSetDescriptor(id: "MinMax", rank: 2, values: .streamed(.double, dimensions: [2])),
        ])
        try writer.writePacketDescriptor(descriptor)
        let text = String(decoding: writer.takeOutput(), as: UTF8.self)
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <packet>
                <qdataset id="ds_0" rank="1">
                    <properties>
                        <property name="UNITS" type="units" value="cdfTT2000"/>
                    </properties>
                    <values encoding="double" length=""/>
                </qdataset>
                <qdataset id="MinMax" rank="2">
                    <properties/>
                    <values encoding="double" length="2"/>
                </qdataset>
            </packet>

            """
        #expect(text == "[01]" + String(body.utf8.count).leftPadded(to: 6) + body)
    }

    @Test(arguments: [QStreamDescriptor.ByteOrder.bigEndian, .littleEndian])
    func binaryRecordsRoundTrip(order: QStreamDescriptor.ByteOrder) throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "cube", byteOrder: order))
        let descriptor = QStreamPacketDescriptor(id: 3, datasets: [
            QDataSetDescriptor(id: "t", rank: 1, values: .streamed(.int8, dimensions: []), properties: [
                QStreamProperty(name: "UNITS", type: "units", value: "cdfTT2000"),
            ]),
            QDataSetDescriptor(id: "a", rank: 2, values: .streamed(.int4, dimensions: [2])),
            QDataSetDescriptor(id: "b", rank: 1, values: .streamed(.int2, dimensions: [])),
            QDataSetDescriptor(id: "c", rank: 1, values: .streamed(.float, dimensions: [])),
            QDataSetDescriptor(id: "cube", rank: 3, values: .streamed(.double, dimensions: [2, 3])),
        ])
        try writer.writePacketDescriptor(descriptor)
        let values: [Double] = [1e15, -5, 7, -32768, 0.25, 1, 2, 3, -4, .pi, -.infinity]
        try writer.writeRecord(id: 3, values: values)
        let outcome = readBack(writer.takeOutput())
        #expect(outcome.images[1] == .packet(descriptor))
        guard case .record(let record) = outcome.events[2] else { Issue.record("no record"); return }
        var decoded: [Double] = []
        var all: [Double] = []
        for index in 0..<5 {
            try record.decode(dataset: index, into: &decoded)
            all += decoded
        }
        #expect(all == values)
    }

    @Test func textRecordsAreRightAlignedAndEndInLineFeed() throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "v"))
        let descriptor = QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "t", rank: 1, values: .streamed(.time(24), dimensions: []), properties: [units]),
            QDataSetDescriptor(id: "v", rank: 2, values: .streamed(.ascii(10), dimensions: [3]), properties: [
                QStreamProperty(name: "DEPEND_0", type: "qdataset", value: "t"),
            ]),
        ])
        try writer.writePacketDescriptor(descriptor)
        _ = writer.takeOutput()
        try writer.writeRecord(id: 1, values: [418_348_800_123_000, -0.0325, 12300, .nan])
        let text = String(decoding: writer.takeOutput(), as: UTF8.self)
        #expect(text == ":01:2013-04-04T00:00:00.123 -3.25e-02  1.23e+04       NaN\n")
        let outcome = readBack(Array(streamPrefix(descriptor, "v").utf8) + Array(text.utf8))
        guard case .record(let record) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        try record.decode(dataset: 0, into: &values)
        #expect(values == [418_348_800_123_000])
        try record.decode(dataset: 1, into: &values)
        #expect(values[0] == -0.0325 && values[1] == 12300 && values[2].isNaN)
    }

    private func streamPrefix(_ descriptor: QStreamPacketDescriptor, _ id: String) -> String {
        var writer = QStreamWriter()
        try? writer.writeStreamDescriptor(QStreamDescriptor(datasetID: id))
        try? writer.writePacketDescriptor(descriptor)
        return String(decoding: writer.takeOutput(), as: UTF8.self)
    }

    @Test(arguments: [10, 12, 24, 30])
    func asciiFieldsUseTheirWidthAndKeepPrecision(width: Int) throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "v"))
        try writer.writePacketDescriptor(QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "v", rank: 2, values: .streamed(.ascii(width), dimensions: [5])),
        ]))
        let values: [Double] = [1.0 / 3.0, -1.5e-300, 9.999999999e99, 0, -Double.infinity]
        try writer.writeRecord(id: 1, values: values)
        let outcome = readBack(writer.takeOutput())
        guard case .record(let record) = outcome.events.last else { Issue.record("no record"); return }
        #expect(record.byteCount == 5 * width)
        var decoded: [Double] = []
        try record.decode(dataset: 0, into: &decoded)
        let tolerance = width >= 24 ? 0.0 : 1e-2
        for (a, b) in zip(values, decoded) where a.isFinite {
            #expect(abs(a - b) <= abs(a) * tolerance, "\(a) read back as \(b)")
        }
        #expect(decoded[4] == -.infinity)
    }

    @Test(arguments: [17, 20, 24, 27, 30])
    func timeFieldsOfTheProfileWidthsRoundTrip(width: Int) throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "t"))
        try writer.writePacketDescriptor(QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "t", rank: 1, values: .streamed(.time(width), dimensions: []), properties: [units]),
        ]))
        try writer.writeRecord(id: 1, values: [631_152_000_000_000])
        try writer.writeRecord(id: 1, values: [.nan])
        let bytes = writer.takeOutput()
        #expect(bytes.last == 0x0A)
        let outcome = readBack(bytes)
        let records = outcome.events.compactMap { event -> QStreamRecord? in
            if case .record(let record) = event { return record }
            return nil
        }
        var values: [Double] = []
        try records[0].decode(dataset: 0, into: &values)
        #expect(values == [631_152_000_000_000])
        try records[1].decode(dataset: 0, into: &values)
        #expect(values[0].isNaN)
    }

    @Test func inlineDescriptorsAndPropertiesRoundTrip() throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "ds_0", version: "1.1"))
        let map = QStreamElement(name: "map", children: [
            QStreamElement(name: "entry", attributes: [.init(name: "key", value: "count"), .init(name: "type", value: "Integer"), .init(name: "value", value: "65536")]),
        ])
        let descriptor = QStreamPacketDescriptor(id: 2, datasets: [
            QDataSetDescriptor(
                id: "ds_2", rank: 1,
                values: .inline([.init(values: [10.0, 46.41588833612777, 215.44346900318823, 1000.0, .nan, 1e-5])]),
                properties: [
                    QStreamProperty(name: "USER_PROPERTIES", element: map),
                    QStreamProperty(name: "TITLE", type: "String", value: "quotes \" & <tags>\nand a line break"),
                    QStreamProperty(name: "UNITS", type: "enumerationUnit", value: "default[1:X::2:Y]"),
                ]
            ),
            QDataSetDescriptor(id: "grid", rank: 2, values: .inline([.init(values: [1, 2, 3, 4], length: [2, 2])])),
        ])
        try writer.writePacketDescriptor(descriptor)
        try writer.writeEnumerationLabel(QStreamEnumerationLabel(name: "default", value: 3, label: "Z", color: "0xFF0000"))
        writer.writeComment(Das2Comment(type: "log:info", value: "tab\there", source: ""))
        let outcome = readBack(writer.takeOutput())
        #expect(outcome.images[0] == .stream(QStreamDescriptor(datasetID: "ds_0", version: "1.1")))
        guard case .packet(let read) = outcome.images[1] else { Issue.record("no descriptor"); return }
        #expect(read.datasets[1] == descriptor.datasets[1])
        #expect(read.datasets[0].properties == descriptor.datasets[0].properties)
        guard case .inline(let rows) = read.datasets[0].values else { Issue.record("not inline"); return }
        #expect(rows[0].values.prefix(4) == [10.0, 46.41588833612777, 215.44346900318823, 1000.0])
        #expect(rows[0].values[4].isNaN && rows[0].values[5] == 1e-5)
        #expect(outcome.images[2] == .label(QStreamEnumerationLabel(name: "default", value: 3, label: "Z", color: "0xFF0000")))
        #expect(outcome.images[3] == .comment(Das2Comment(type: "log:info", value: "tab\there", source: "")))
    }

    @Test func exceptionEndsTheWrittenStream() throws {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "ds"))
        writer.writeException(Das2Exception(type: "NoDataInInterval", message: "No data found in interval.\nLast data 2012"))
        writer.writeComment(Das2Comment(type: "log:info", value: "dropped", source: ""))
        #expect(throws: Das2StreamError.self) { try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "ds")) }
        let bytes = writer.takeOutput()
        let outcome = readBack(bytes)
        #expect(outcome.images.last == .exception(Das2Exception(type: "NoDataInInterval", message: "No data found in interval.\nLast data 2012")))
        #expect(outcome.packets.reduce(0) { $0 + $1.count } == bytes.count)
    }

    @Test func recordBytesAreCopiedUnchanged() throws {
        let input = QStreamFixture.bytes("icd-minmax.qds")
        let outcome = readBack(input)
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "MinMax", byteOrder: .littleEndian))
        guard case .packetDescriptor(let descriptor) = outcome.events[1] else { Issue.record("no descriptor"); return }
        try writer.writePacketDescriptor(descriptor)
        for case .record(let record) in outcome.events {
            try writer.writeRecordBytes(record)
        }
        let again = readBack(writer.takeOutput())
        let records = { (images: [QStreamEventImage]) in
            images.compactMap { image -> [UInt8]? in
                if case .record(_, _, let bytes) = image { return bytes }
                return nil
            }
        }
        #expect(records(again.images) == records(outcome.images))
        #expect(again.images[1] == outcome.images[1])

        var other = QStreamWriter()
        try other.writeStreamDescriptor(QStreamDescriptor(datasetID: "MinMax", byteOrder: .bigEndian))
        try other.writePacketDescriptor(descriptor)
        guard case .record(let first) = outcome.events[2] else { Issue.record("no record"); return }
        #expect(throws: Das2StreamError.self) { try other.writeRecordBytes(first) }
    }

    @Test func rewritingOurOwnOutputIsByteIdentical() throws {
        for name in ["icd-minmax.qds", "icd-ascii.qds", "exception.qds"] {
            let first = try rewrite(QStreamFixture.bytes(name))
            let second = try rewrite(first)
            #expect(first == second, "\(name)")
        }
    }

    /// Reads a stream and writes its descriptors and decoded values with the writer.
    private func rewrite(_ input: [UInt8]) throws -> [UInt8] {
        var reader = QStreamReader()
        reader.append(input)
        reader.finish()
        var writer = QStreamWriter()
        var values: [Double] = []
        while let event = try reader.next() {
            switch event {
            case .streamDescriptor(var descriptor):
                if descriptor.byteOrder == nil { descriptor.byteOrder = .bigEndian }
                try writer.writeStreamDescriptor(descriptor)
            case .packetDescriptor(let descriptor):
                try writer.writePacketDescriptor(descriptor)
            case .record(let record):
                var all: [Double] = []
                for index in record.descriptor.streamedDatasetIndices {
                    try record.decode(dataset: index, into: &values)
                    all += values
                }
                try writer.writeRecord(id: record.packetID, values: all)
            case .comment(let comment):
                writer.writeComment(comment)
            case .exception(let exception):
                writer.writeException(exception)
            case .enumerationLabel(let label):
                try writer.writeEnumerationLabel(label)
            case .skipped:
                break
            }
        }
        return writer.takeOutput()
    }

    // MARK: Profile violations

    private func writerWithStream(_ order: QStreamDescriptor.ByteOrder? = .bigEndian) throws -> QStreamWriter {
        var writer = QStreamWriter()
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "a", byteOrder: order))
        return writer
    }

    @Test(arguments: [
        (QDataSetDescriptor.Values.join(["b"]), Das2StreamError.Code.unsupported),
        (.bundle(["b", "c"]), .unsupported),
        (.inline([.init(values: [1], index: 0), .init(values: [2], index: 1)]), .unsupported),
        (.streamed(.ascii(9), dimensions: []), .invalidEncoding),
        (.streamed(.time(21), dimensions: []), .invalidEncoding),
        (.streamed(.hex(4), dimensions: []), .invalidEncoding),
        (.streamed(.byte, dimensions: []), .invalidEncoding),
        (.streamed(.double, dimensions: [2, 2]), .invalidPacketHeader),
    ])
    func descriptorsOutsideTheProfileAreRefused(values: QDataSetDescriptor.Values, code: Das2StreamError.Code) throws {
        var writer = try writerWithStream()
        let descriptor = QStreamPacketDescriptor(id: 1, datasets: [QDataSetDescriptor(id: "a", rank: 2, values: values)])
        #expect {
            try writer.writePacketDescriptor(descriptor)
        } throws: { error in
            (error as? Das2StreamError)?.code == code
        }
    }

    @Test func profileNeedsByteOrderUnitsAndNoMixing() throws {
        var ascii = try writerWithStream(nil)
        let binary = QStreamPacketDescriptor(id: 1, datasets: [QDataSetDescriptor(id: "a", rank: 1, values: .streamed(.float, dimensions: []))])
        #expect(throws: Das2StreamError.self) { try ascii.writePacketDescriptor(binary) }
        var writer = try writerWithStream()
        let time = QStreamPacketDescriptor(id: 1, datasets: [QDataSetDescriptor(id: "a", rank: 1, values: .streamed(.time(24), dimensions: []))])
        #expect(throws: Das2StreamError.self) { try writer.writePacketDescriptor(time) }
        let mixed = QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "a", rank: 1, values: .streamed(.float, dimensions: [])),
            QDataSetDescriptor(id: "b", rank: 1, values: .inline([.init(values: [1])])),
        ])
        #expect(throws: Das2StreamError.self) { try writer.writePacketDescriptor(mixed) }
        let sliced = QStreamPacketDescriptor(id: 1, datasets: [
            QDataSetDescriptor(id: "a", rank: 1, values: .inline([.init(values: [1])]), joinID: "p"),
        ])
        #expect(throws: Das2StreamError.self) { try writer.writePacketDescriptor(sliced) }
        #expect(readBack(writer.takeOutput()).images.count == 1)
    }

    @Test func recordsAreChecked() throws {
        var writer = QStreamWriter()
        #expect(throws: Das2StreamError.self) {
            try writer.writePacketDescriptor(QStreamPacketDescriptor(id: 1, datasets: [QDataSetDescriptor(id: "a", rank: 1, values: .inline([.init(values: [1])]))]))
        }
        try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "a", byteOrder: .littleEndian))
        #expect(throws: Das2StreamError.self) { try writer.writeStreamDescriptor(QStreamDescriptor(datasetID: "b", byteOrder: .littleEndian)) }
        #expect(throws: Das2StreamError.self) { try writer.writeRecord(id: 1, values: [1]) }
        try writer.writePacketDescriptor(QStreamPacketDescriptor(id: 1, datasets: [QDataSetDescriptor(id: "a", rank: 1, values: .streamed(.int2, dimensions: []))]))
        try writer.writePacketDescriptor(QStreamPacketDescriptor(id: 2, datasets: [QDataSetDescriptor(id: "x", rank: 1, values: .inline([.init(values: [1])]))]))
        let before = writer.bufferedByteCount
        #expect(throws: Das2StreamError.self) { try writer.writeRecord(id: 1, values: [1, 2]) }
        #expect(throws: Das2StreamError.self) { try writer.writeRecord(id: 1, values: [1.5]) }
        #expect(throws: Das2StreamError.self) { try writer.writeRecord(id: 1, values: [40000]) }
        #expect(throws: Das2StreamError.self) { try writer.writeRecord(id: 2, values: []) }
        #expect(writer.bufferedByteCount == before)
        try writer.writeRecord(id: 1, values: [-3])
        #expect(writer.bufferedByteCount == before + 6)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - utf8.count)) + self
    }
}
