import Testing
import Das2Stream

/// Packet descriptor rules: `<qdataset>`, `<values>`, `<properties>`, encodings and the
/// rank/length reconciliation (stream-qstream.md §4–§8).
struct QStreamDescriptorParsingTests {
    private let stream = QStreamBytes.stream()

    private func parse(_ datasets: String) -> (QStreamPacketDescriptor?, Das2StreamError?, [String]) {
        let outcome = readQStream(stream + QStreamBytes.descriptor("07", datasets))
        if case .packetDescriptor(let descriptor)? = outcome.events.last { return (descriptor, outcome.error, outcome.warnings) }
        return (nil, outcome.error, outcome.warnings)
    }

    @Test(arguments: [
        ("double", QStreamEncoding.double), ("real8", .double), ("float", .float), ("real4", .float),
        ("int8", .int8), ("long", .int8), ("int4", .int4), ("integer", .int4), ("int", .int4),
        ("int2", .int2), ("short", .int2), ("byte", .byte), ("ascii10", .ascii(10)), ("time24", .time(24)),
        ("hex4", .hex(4)),
    ])
    func encodingNamesOfTheICDAndTheReferenceImplementation(name: String, encoding: QStreamEncoding) throws {
        #expect(try QStreamEncoding(name: name) == encoding)
    }

    @Test(arguments: ["uint4", "ascii", "ascii0", "ascii010", "time128", "sun_real8", "Double", "hex-1", ""])
    func unknownEncodingsAreRejected(name: String) {
        #expect(throws: Das2StreamError.self) { try QStreamEncoding(name: name) }
    }

    @Test func writerNamesAreTheReferenceSpelling() throws {
        #expect(try QStreamEncoding(name: "int").name == "int4")
        #expect(try QStreamEncoding(name: "long").name == "int8")
        #expect(try QStreamEncoding(name: "short").name == "int2")
        #expect(QStreamEncoding.time(17).description == "time17")
    }

    @Test(arguments: [
        (1, ""), (2, "3"), (3, "4,5"), (4, "2,3,4"),  // streaming: rank = length + 1
        (1, "4"),  // non-streaming rank 1
        (2, ""), (3, "4"), (4, "2,3"),  // streamed join: rank = length + 2
    ])
    func rankAndLengthThatReconcile(rank: Int, length: String) {
        let (descriptor, error, _) = parse(QStreamBytes.streamedDataset(rank: rank, length: length))
        #expect(error == nil)
        let dimensions = length.isEmpty ? [] : length.split(separator: ",").map { Int($0)! }
        #expect(descriptor?.datasets[0].recordDimensions == dimensions)
        #expect(descriptor?.recordSize == dimensions.reduce(8, *))
    }

    @Test(arguments: [(0, ""), (2, "2,3"), (1, "2,3"), (4, ""), (3, ""), (2, "2,3,4")])
    func rankAndLengthThatDoNotReconcile(rank: Int, length: String) {
        let (_, error, _) = parse(QStreamBytes.streamedDataset(rank: rank, length: length))
        #expect(error?.code == .invalidPacketHeader)
        #expect(error?.message.contains("reconcile") == true)
    }

    @Test func rank3LengthsAreRowMajorInTheRecord() {
        let (descriptor, error, _) = parse(QStreamBytes.streamedDataset(rank: 3, encoding: "int2", length: "4,5"))
        #expect(error == nil)
        #expect(descriptor?.datasets[0].valuesPerRecord == 20)
        #expect(descriptor?.recordSize == 40)
    }

    @Test(arguments: ["-1", "a", "2,,3", "1.5", "2;3", "99999999"])
    func malformedLengthsAreRejected(length: String) {
        let (_, error, _) = parse(QStreamBytes.streamedDataset(rank: 2, length: length))
        #expect(error != nil)
    }

    @Test func lengthAllowsBlanksAroundNumbers() {
        let (descriptor, error, _) = parse(QStreamBytes.streamedDataset(rank: 3, length: " 2, 3 "))
        #expect(error == nil)
        #expect(descriptor?.datasets[0].recordDimensions == [2, 3])
    }

    @Test(arguments: [
        "<qdataset rank=\"1\"><values encoding=\"double\"/></qdataset>",
        "<qdataset id=\" \" rank=\"1\"><values encoding=\"double\"/></qdataset>",
        "<qdataset id=\"a\"><values encoding=\"double\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"x\"><values encoding=\"double\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"5\"><values encoding=\"double\" length=\"1,1,1,1\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><properties/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values length=\"\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values encoding=\"double\"/><values encoding=\"float\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values encoding=\"double\"/><bundle id=\"b\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"2\"><bundle/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values encoding=\"double\"/><values values=\"1\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values join=\"b,,c\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"0\"><values join=\"b\"/></qdataset>",
    ])
    func malformedDatasetsAreRejected(dataset: String) {
        let (_, error, _) = parse(dataset)
        #expect(error?.code == .invalidPacketHeader, "\(dataset)")
    }

    @Test func packetWithoutDatasetsOrWithDuplicatesIsRejected() {
        #expect(parse("").1?.code == .invalidPacketHeader)
        #expect(parse(QStreamBytes.streamedDataset("a") + QStreamBytes.streamedDataset("a")).1?.code == .invalidPacketHeader)
    }

    @Test func unknownEncodingInADatasetNamesTheDataset() {
        let (_, error, _) = parse(QStreamBytes.streamedDataset("flux", encoding: "quad"))
        #expect(error?.code == .invalidEncoding)
        #expect(error?.message.contains("flux") == true)
        #expect(error?.offset == stream.count)
    }

    @Test func timeValuesNeedUnits() {
        #expect(parse(QStreamBytes.streamedDataset(encoding: "time24")).1?.code == .invalidUnits)
        let units = "<property name=\"UNITS\" type=\"units\" value=\"us2000\"/>"
        #expect(parse(QStreamBytes.streamedDataset(encoding: "time24", properties: units)).1 == nil)
    }

    @Test func timesInUnknownUnitsFailOnlyWhenDecoded() throws {
        let units = "<property name=\"UNITS\" type=\"units\" value=\"cdfEpoch\"/>"
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(encoding: "time20", properties: units))
        let outcome = readQStream(stream + packet + Array(":01:2020-01-01T00:00:00\n".utf8))
        #expect(outcome.error == nil)
        guard case .record(let record) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        #expect(throws: Das2StreamError.self) { try record.decode(dataset: 0, into: &values) }
    }

    @Test func inlineValuesWithAndWithoutLength() {
        let datasets = """
            <qdataset id="a" rank="1"><values values="1,2.5, 3e2"/></qdataset>
            <qdataset id="b" rank="2"><values inline="1,2,3,4,5,6" length="2,3"/></qdataset>
            <qdataset id="c" rank="1"><values encoding="ascii10" length="3" values="1.0,2.0,3.0"/></qdataset>
            """
        let (descriptor, error, _) = parse(datasets)
        #expect(error == nil)
        #expect(descriptor?.datasets[0].values == .inline([.init(values: [1, 2.5, 300])]))
        #expect(descriptor?.datasets[1].values == .inline([.init(values: [1, 2, 3, 4, 5, 6], length: [2, 3])]))
        #expect(descriptor?.datasets[2].values == .inline([.init(values: [1, 2, 3], length: [3])]))
        #expect(descriptor?.recordSize == 0)
    }

    @Test(arguments: [
        "<qdataset id=\"a\" rank=\"1\"><values values=\"1,2\" length=\"3\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values values=\"\" length=\"2\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values values=\"\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values values=\"1,x\"/></qdataset>",
        "<qdataset id=\"a\" rank=\"1\"><values values=\"1,,2\"/></qdataset>",
    ])
    func badInlineValuesAreRejected(dataset: String) {
        #expect(parse(dataset).1?.code == .invalidValue, "\(dataset)")
    }

    @Test func inlineValuesOfHigherDimensionThanTheRankAreRejected() {
        let dataset = "<qdataset id=\"a\" rank=\"1\"><values values=\"1,2,3,4\" length=\"2,2\"/></qdataset>"
        #expect(parse(dataset).1?.code == .invalidPacketHeader)
    }

    @Test func propertyForms() throws {
        let properties = """
            <property name="A" type="String" value="text"/>
            <property name="B" type="Double">2.5</property>
            <property name="C"><map><entry key="k" type="String" value="v"/></map></property>
            <property name="D" type="unit" value="cm/s"/>
            <property name="E" type="datumRange" value="2000-01-01T00:00Z to 2000-01-02T00:00Z"/>
            """
        let (descriptor, error, _) = parse(QStreamBytes.streamedDataset(properties: properties))
        #expect(error == nil)
        let found = try #require(descriptor?.datasets[0].properties)
        #expect(found[0] == QStreamProperty(name: "A", type: "String", value: "text"))
        #expect(found[1] == QStreamProperty(name: "B", type: "Double", value: "2.5"))
        #expect(found[2].type == "map")
        #expect(found[2].element?.children == [QStreamElement(name: "entry", attributes: [
            .init(name: "key", value: "k"), .init(name: "type", value: "String"), .init(name: "value", value: "v"),
        ])])
        #expect(found[3].type == "unit")
        #expect(found[4].value.hasSuffix("2000-01-02T00:00Z"))
    }

    @Test(arguments: [
        ("<property type=\"String\" value=\"x\"/>", Das2StreamError.Code.invalidProperty),
        ("<property name=\"N\" value=\"x\"/>", .invalidPropertyType),
        ("<property name=\"N\"><a/><b/></property>", .invalidPropertyType),
        ("<property name=\"N\" type=\"Integer\" value=\"1.5\"/>", .invalidProperty),
        ("<property name=\"N\" type=\"Double\" value=\"fast\"/>", .invalidProperty),
    ])
    func malformedPropertiesAreRejected(property: String, code: Das2StreamError.Code) {
        #expect(parse(QStreamBytes.streamedDataset(properties: property)).1?.code == code)
    }

    @Test func datasetReferencesIncludeLegacyStringDepends() {
        #expect(QStreamProperty(name: "DEPEND_0", type: "qdataset", value: "t").isDatasetReference)
        #expect(QStreamProperty(name: "DEPEND_1", type: "String", value: "t").isDatasetReference)
        #expect(QStreamProperty(name: "BUNDLE_1", type: "String", value: "b").isDatasetReference)
        #expect(QStreamProperty(name: "DELTA_PLUS", type: "String", value: "d").isDatasetReference)
        #expect(!QStreamProperty(name: "BINS_0", type: "String", value: "min,max").isDatasetReference)
        #expect(!QStreamProperty(name: "DEPEND_X", type: "String", value: "t").isDatasetReference)
        #expect(!QStreamProperty(name: "DEPEND_0", type: "units", value: "t").isDatasetReference)
    }

    @Test func unknownAttributesAndElementsAreIgnoredWithWarnings() {
        let dataset = "<qdataset id=\"a\" rank=\"1\" color=\"red\"><note/><values encoding=\"double\"/></qdataset><comment/>"
        let (descriptor, error, warnings) = parse(dataset)
        #expect(error == nil)
        #expect(descriptor?.datasets.count == 1)
        #expect(warnings.count == 3)
    }

    @Test func datasetsRedefinedUnderAnotherPacketIdWarn() {
        let outcome = readQStream(stream + QStreamBytes.descriptor("01", QStreamBytes.streamedDataset("a")) + QStreamBytes.descriptor("02", QStreamBytes.streamedDataset("a")))
        #expect(outcome.error == nil)
        #expect(outcome.warnings.contains { $0.contains("'a'") })
    }

    @Test func mixedInlineAndStreamedDatasetsWarn() {
        let (_, error, warnings) = parse(QStreamBytes.streamedDataset("a") + "<qdataset id=\"b\" rank=\"1\"><values values=\"1\"/></qdataset>")
        #expect(error == nil)
        #expect(warnings.contains { $0.contains("mixes") })
    }

    @Test func streamDescriptorAttributes() {
        let outcome = readQStream(QStreamBytes.stream("dataset_id=\"x\" byte_order=\"little_endian\" version=\"1.1\" extra=\"1\""))
        #expect(outcome.images == [.stream(QStreamDescriptor(datasetID: "x", byteOrder: .littleEndian, version: "1.1"))])
        #expect(outcome.warnings.count == 1)
        #expect(readQStream(QStreamBytes.stream("dataset_id=\"\"")).error?.code == .invalidStreamHeader)
    }
}
