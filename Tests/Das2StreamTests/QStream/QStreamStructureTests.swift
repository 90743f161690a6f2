import Testing
import Das2Stream

/// The structure report: shapes after all records and lazily resolved links.
struct QStreamStructureTests {
    private func structure(_ name: String) -> QStreamStructure {
        var structure = QStreamStructure()
        for event in readQStream(QStreamFixture.bytes(name)).events { structure.add(event) }
        return structure
    }

    @Test func icdMinMaxShapesAndDependency() {
        let report = structure("icd-minmax.qds")
        #expect(report.streamDescriptor?.datasetID == "MinMax")
        #expect(report.datasets.map(\.id) == ["ds_0", "MinMax"])
        #expect(report.shape(of: "ds_0") == [3])
        #expect(report.shape(of: "MinMax") == [3, 2])
        #expect(report.links(of: "MinMax") == [.init(name: "DEPEND_0", target: "ds_0", isResolved: true)])
        #expect(report.recordCount == 3)
        #expect(report.packetCount == 5)
        #expect(report.dataset(id: "MinMax")?.encoding == .double)
        #expect(report.dataset(id: "MinMax")?.kind == .streamed)
        #expect(report.shape(of: "missing") == nil)
    }

    @Test func dependencyOnALaterDescriptorResolvesAtTheEnd() {
        var report = QStreamStructure()
        let events = readQStream(QStreamFixture.bytes("ints-big-endian.qds")).events
        for event in events.dropLast() { report.add(event) }
        #expect(report.links(of: "cube").last == .init(name: "DEPEND_1", target: "later_axis", isResolved: false))
        #expect(report.description.contains("DEPEND_1 → later_axis (unresolved)"))
        report.add(events.last!)
        #expect(report.links(of: "cube").allSatisfy { $0.isResolved })
        #expect(report.shape(of: "cube") == [2, 2, 3])
        #expect(report.shape(of: "later_axis") == [2])
    }

    @Test func asciiExampleWithInlineAxis() {
        let report = structure("icd-ascii.qds")
        #expect(report.shape(of: "ds_0") == [3, 4])
        #expect(report.shape(of: "ds_2") == [4])
        #expect(report.dataset(id: "ds_2")?.kind == .inline)
        #expect(report.links(of: "ds_0").map(\.target) == ["ds_1", "ds_2"])
    }

    @Test func joinsBundlesAndRaggedSlices() {
        let joins = structure("join.qds")
        #expect(joins.shape(of: "spectra") == [2, 3])
        #expect(joins.slices(of: "spectra") == [[3], [3]])
        #expect(joins.shape(of: "data") == nil)
        #expect(joins.slices(of: "data") == [[2, 4], [1, 3], [1, 4]])
        #expect(joins.dataset(id: "data")?.recordCount == 4)
        #expect(joins.links(of: "data") == [.init(name: "DEPEND_0", target: "time", isResolved: true)])

        let bundles = structure("bundle.qds")
        #expect(bundles.shape(of: "B") == [3, 2])
        #expect(bundles.dataset(id: "B")?.components == ["bx", "by"])
        #expect(bundles.slices(of: "ds_1") == [[1], [1], [0]])
        #expect(bundles.shape(of: "ds_0") == [2, 6])
        #expect(bundles.enumerationLabels.count == 1)
        #expect(bundles.comments.count == 2)
    }

    @Test func redefinedStreamWithSameDimensionsFlattens() {
        let stream = QStreamBytes.stream()
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "2"))
        let record = Array(":01:".utf8) + [UInt8](repeating: 0, count: 16)
        var report = QStreamStructure()
        for event in readQStream(stream + packet + record + record + packet + record).events { report.add(event) }
        #expect(report.shape(of: "ds") == [3, 2])
        #expect(report.slices(of: "ds") == [[2, 2], [1, 2]])
    }

    @Test func nonStreamingRank1AppendsEveryRecordsValues() {
        let stream = QStreamBytes.stream()
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 1, length: "3"))
        let record = Array(":01:".utf8) + [UInt8](repeating: 0, count: 24)
        var report = QStreamStructure()
        for event in readQStream(stream + packet + record + record).events { report.add(event) }
        #expect(report.shape(of: "ds") == [6])
    }

    @Test func joinCyclesDoNotRecurseForever() {
        let stream = QStreamBytes.stream()
        let packet = QStreamBytes.descriptor("01", """
            <qdataset id="a" rank="2"><values join="b"/></qdataset>
            <qdataset id="b" rank="2"><values join="a"/></qdataset>
            """)
        var report = QStreamStructure()
        for event in readQStream(stream + packet).events { report.add(event) }
        _ = report.shape(of: "a")
        #expect(report.description.contains("dataset a"))
    }

    @Test func descriptionSummarisesTheStream() {
        let text = structure("icd-minmax.qds").description
        #expect(text.contains("QStream dataset_id=MinMax byte_order=little_endian"))
        #expect(text.contains("dataset MinMax: rank 2, streamed double length [2] in packet [01], 3 record(s), shape [3,2]"))
        #expect(text.contains("DEPEND_0 → ds_0"))
        #expect(text.contains("USER_PROPERTIES (map)"))
        let exception = structure("exception.qds").description
        #expect(exception.contains("exception NoDataInInterval"))
        #expect(exception.contains("default dataset not defined"))
    }
}
