import Testing
import Das2Stream

/// The framing and ordering rules of stream-qstream.md §2 and the reader edge cases of §12,
/// one test per row.
struct QStreamFramingTests {
    private let stream = QStreamBytes.stream()
    private let doubles = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset())

    private func record(_ payload: [UInt8], id: String = "01") -> [UInt8] {
        Array(":\(id):".utf8) + payload
    }

    private func bigEndian(_ value: Double) -> [UInt8] {
        withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) }
    }

    // MARK: §2 framing

    @Test func lengthCountsBytesNotCharacters() {
        let body = QStreamBytes.declaration + "<stream dataset_id=\"µ-flux\"/>\n"
        let outcome = readQStream(QStreamBytes.packet("[00]", body))
        #expect(outcome.error == nil)
        #expect(outcome.images == [.stream(QStreamDescriptor(datasetID: "µ-flux"))])
        #expect(outcome.packets[0].count == 10 + body.utf8.count)
    }

    @Test(arguments: ["[0a]", "[x1]", "[X0]", "(00)", "[00}", "{01}"])
    func unknownHeaderTagsAreFramingErrors(tag: String) {
        let outcome = readQStream(Array(tag.utf8) + Array("000010<stream/>  ".utf8))
        #expect(outcome.error?.code == .framing)
        #expect(outcome.error?.offset == 0)
    }

    @Test(arguments: ["[XX]", "[xX]", "[Xx]"])
    func outOfBandTagMustBeLowerCase(tag: String) {
        let body = "<comment type=\"log:info\" message=\"hi\"/>"
        let outcome = readQStream(stream + QStreamBytes.packet(tag, body))
        #expect(outcome.error?.code == .framing)
        #expect(outcome.error?.offset == stream.count)
    }

    @Test(arguments: ["    67", " 6 7  ", "6   7 ", "00 067"])
    func blanksInsideTheLengthFieldAreSkipped(field: String) {
        let body = QStreamBytes.declaration + "<stream dataset_id=\"ds_0\"/>\n"
        #expect(body.utf8.count == 67)
        #expect(field.utf8.count == 6)
        let outcome = readQStream(Array("[00]\(field)".utf8) + Array(body.utf8))
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 1)
    }

    @Test(arguments: ["+00067", "-00067", "00067a", "0x0043", "00\t067"])
    func otherBytesInTheLengthFieldAreRejected(field: String) {
        let outcome = readQStream(Array("[00]\(field)".utf8) + Array(repeating: UInt8(ascii: " "), count: 67))
        #expect(outcome.error?.code == .framing)
        #expect(outcome.error?.message.contains("length") == true)
    }

    @Test(arguments: ["000000", "      "])
    func lengthZeroIsAnError(field: String) {
        let outcome = readQStream(stream + Array("[xx]\(field)".utf8))
        #expect(outcome.error?.code == .framing)
        #expect(outcome.error?.offset == stream.count)
    }

    @Test func descriptorsLongerThanTheLimitAreRefused() {
        let outcome = readQStream(stream + doubles, limits: .init(maximumHeaderLength: 100))
        #expect(outcome.error?.code == .limitExceeded)
        #expect(outcome.error?.offset == stream.count)
        #expect(QStreamReader.Limits(maximumHeaderLength: 5_000_000).maximumHeaderLength == 999_999)
    }

    @Test func dataPacketsHaveNoLengthAndTheirSizeComesFromTheDescriptor() throws {
        let input = stream + doubles + record(bigEndian(1.5)) + record(bigEndian(-2))
        let outcome = readQStream(input)
        #expect(outcome.error == nil)
        #expect(outcome.packets.suffix(2).map(\.count) == [12, 12])
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        #expect(last.streamOffset == input.count - 12)
        var values: [Double] = []
        try last.decode(dataset: 0, into: &values)
        #expect(values == [-2])
    }

    @Test func recordsLargerThanOneMillionBytesAreRefused() {
        let big = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "125001"))
        let outcome = readQStream(stream + big)
        #expect(outcome.error?.code == .limitExceeded)
        let fits = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "125000"))
        #expect(readQStream(stream + fits).error == nil)
    }

    @Test func malformedXMLIsAnErrorAtThePacketOffset() {
        let outcome = readQStream(stream + QStreamBytes.packet("[01]", "<packet><qdataset></packet>"))
        #expect(outcome.error?.code == .invalidXML)
        #expect(outcome.error?.offset == stream.count)
        #expect(readQStream(stream + QStreamBytes.packet("[01]", "   \n ")).error?.code == .invalidXML)
    }

    @Test func junkAfterTheRootElementIsAnError() {
        let outcome = readQStream(QStreamBytes.packet("[00]", "<stream dataset_id=\"a\"/>[01]"))
        #expect(outcome.error?.code == .invalidXML)
    }

    @Test func streamMustEndOnAPacketBoundary() {
        for extra in [[UInt8(ascii: ":")], Array(":01:".utf8), Array(":01:\0\0\0".utf8), Array("[xx]00".utf8), [0x0A]] {
            let outcome = readQStream(stream + doubles + extra)
            #expect(outcome.error?.code == .truncated)
            #expect(outcome.error?.offset == stream.count + doubles.count)
            #expect(outcome.error?.message.contains("partial packet") == true)
        }
    }

    @Test func emptyInputIsAnError() {
        #expect(readQStream([]).error?.code == .emptyStream)
    }

    // MARK: §2 packet order

    @Test func streamMustStartWithAStreamDescriptor() {
        #expect(readQStream(doubles + stream).error?.code == .framing)
        #expect(readQStream(record(bigEndian(1))).error?.code == .framing)
    }

    @Test func commentsMayPrecedeTheStreamDescriptor() {
        let comment = QStreamBytes.packet("[xx]", "<comment type=\"log:info\" message=\"starting\"/>")
        let outcome = readQStream(comment + stream)
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 2)
    }

    @Test func dataBeforeItsDescriptorIsAnError() {
        let outcome = readQStream(stream + doubles + record(bigEndian(1), id: "02"))
        #expect(outcome.error?.code == .undefinedPacket)
        #expect(outcome.error?.offset == stream.count + doubles.count)
        #expect(readQStream(stream + record([], id: "00")).error?.code == .undefinedPacket)
    }

    @Test func resendingADescriptorReplacesTheLayout() throws {
        let pair = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "2"))
        let input = stream + doubles + record(bigEndian(1)) + pair + record(bigEndian(2) + bigEndian(3))
        let outcome = readQStream(input)
        #expect(outcome.error == nil)
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        #expect(last.byteCount == 16)
        var values: [Double] = []
        try last.decode(dataset: 0, into: &values)
        #expect(values == [2, 3])
    }

    @Test func packetsOfDifferentIdsInterleave() {
        let second = QStreamBytes.descriptor("02", QStreamBytes.streamedDataset("other", encoding: "float"))
        let input = stream + second + doubles + record(bigEndian(1)) + record([0, 0, 0, 0], id: "02") + record(bigEndian(2))
        let outcome = readQStream(input)
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 6)
    }

    // MARK: §12 edge cases

    @Test func repeatedStreamDescriptorWithTheSameIdIsAccepted() {
        let outcome = readQStream(stream + doubles + record(bigEndian(1)) + stream + record(bigEndian(2)))
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 5)
        let declared = QStreamBytes.stream("dataset_id=\"ds\" byte_order=\"big_endian\"")
        #expect(readQStream(stream + declared).error == nil)
    }

    @Test(arguments: ["dataset_id=\"other\"", "dataset_id=\"ds\" byte_order=\"little_endian\""])
    func repeatedStreamDescriptorThatDiffersIsAnError(attributes: String) {
        let second = QStreamBytes.stream(attributes)
        let outcome = readQStream(stream + doubles + second)
        #expect(outcome.error?.code == .invalidStreamHeader)
        #expect(outcome.error?.offset == stream.count + doubles.count)
    }

    @Test func unknownByteOrderReadsBigEndianWithAWarning() throws {
        let odd = QStreamBytes.stream("dataset_id=\"ds\" byte_order=\"middle_endian\"")
        let outcome = readQStream(odd + doubles + record(bigEndian(4.5)))
        #expect(outcome.error == nil)
        #expect(outcome.warnings.contains { $0.contains("middle_endian") })
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        try last.decode(dataset: 0, into: &values)
        #expect(values == [4.5])
    }

    @Test func descriptorsWithoutXMLDeclarationAreAccepted() {
        let plain = QStreamBytes.packet("[00]", "<stream dataset_id=\"ds\"/>")
        let packet = QStreamBytes.packet("[01]", "<packet>\(QStreamBytes.streamedDataset())</packet>")
        let outcome = readQStream(plain + packet + record(bigEndian(1)))
        #expect(outcome.error == nil)
        #expect(outcome.images.count == 3)
    }

    @Test func emptyAndAbsentLengthBothMeanNoDimensions() {
        let absent = QStreamBytes.descriptor("01", "<qdataset id=\"ds\" rank=\"1\"><properties/><values encoding=\"double\"/></qdataset>")
        for packet in [absent, doubles] {
            let outcome = readQStream(stream + packet)
            guard case .packetDescriptor(let descriptor) = outcome.events.last else { Issue.record("no descriptor"); continue }
            #expect(descriptor.datasets[0].values == .streamed(.double, dimensions: []))
            #expect(descriptor.recordSize == 8)
        }
    }

    @Test func time17FieldEndingInLineFeedIsTrimmedAndParsed() throws {
        let units = "<property name=\"UNITS\" type=\"units\" value=\"us2000\"/>"
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset("t", encoding: "time17", properties: units))
        let outcome = readQStream(stream + packet + record(Array("2013-04-04T00:00\n".utf8)))
        #expect(outcome.error == nil)
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        try last.decode(dataset: 0, into: &values)
        #expect(values == [418_348_800_000_000])
    }

    @Test func unparseableTimeFieldIsAnErrorAtTheRecordOffset() {
        let units = "<property name=\"UNITS\" type=\"units\" value=\"us2000\"/>"
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset("t", encoding: "time17", properties: units))
        let outcome = readQStream(stream + packet + record(Array("not a time at all".utf8)))
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        #expect {
            try last.decode(dataset: 0, into: &values)
        } throws: { error in
            (error as? Das2StreamError)?.code == .invalidValue && (error as? Das2StreamError)?.offset == stream.count + packet.count
        }
    }

    @Test func asciiFieldThatDoesNotParseIsNaN() throws {
        let packet = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, encoding: "ascii6", length: "3"))
        let outcome = readQStream(stream + packet + record(Array(" 1.5  *****  abc \n".utf8)))
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = []
        try last.decode(dataset: 0, into: &values)
        #expect(values[0] == 1.5 && values[1].isNaN && values[2].isNaN)
    }

    @Test func inlineOnlyDescriptorFollowedByDataIsAnError() {
        let inline = QStreamBytes.descriptor("02", "<qdataset id=\"axis\" rank=\"1\"><values values=\"1,2\"/></qdataset>")
        let outcome = readQStream(stream + inline + record([], id: "02"))
        #expect(outcome.error?.code == .framing)
        #expect(outcome.error?.offset == stream.count + inline.count)
    }

    @Test func streamedDatasetOfZeroLengthHasEmptyRecords() throws {
        let empty = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(rank: 2, length: "0"))
        let outcome = readQStream(stream + empty + record([]) + record([]))
        #expect(outcome.error == nil)
        guard case .record(let last) = outcome.events.last else { Issue.record("no record"); return }
        var values: [Double] = [1]
        try last.decode(dataset: 0, into: &values)
        #expect(values.isEmpty && last.byteCount == 0)
    }

    @Test func exceptionMidStreamIsDeliveredAndReadingStops() throws {
        let exception = QStreamBytes.packet("[xx]", "<exception type=\"ServerError\" message=\"disk full\"/>")
        var reader = QStreamReader()
        reader.append(stream + doubles + exception + Array("garbage that is not a packet".utf8))
        var images: [QStreamEventImage] = []
        while let event = try reader.next() { images.append(QStreamEventImage(event)) }
        #expect(images.last == .exception(Das2Exception(type: "ServerError", message: "disk full")))
        reader.append(Array("more garbage".utf8))
        reader.finish()
        #expect(try reader.next() == nil)
        let atEnd = reader.isAtEnd
        let message = reader.endingException?.message
        #expect(atEnd)
        #expect(message == "disk full")
    }

    @Test(arguments: ["[00]", "[01]"])
    func exceptionAsDescriptorRootEndsTheStream(tag: String) {
        let exception = QStreamBytes.packet(tag, "<exception type=\"NoDataInInterval\" message=\"none\"/>")
        let prefix = tag == "[00]" ? [] : stream
        let outcome = readQStream(prefix + exception + Array("ignored".utf8))
        #expect(outcome.error == nil)
        #expect(outcome.images.last == .exception(Das2Exception(type: "NoDataInInterval", message: "none")))
    }

    @Test func unknownPropertyTypeIsDroppedWithAWarning() {
        let properties = "<property name=\"COLOR\" type=\"color\" value=\"red\"/><property name=\"NAME\" type=\"String\" value=\"n\"/>"
        let outcome = readQStream(stream + QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(properties: properties)))
        guard case .packetDescriptor(let descriptor) = outcome.events.last else { Issue.record("no descriptor"); return }
        #expect(descriptor.datasets[0].properties.map(\.name) == ["NAME"])
        #expect(outcome.warnings.contains { $0.contains("COLOR") && $0.contains("color") })
    }

    @Test func das2StreamIsRecognisedAndHandedOver() {
        let das2 = QStreamBytes.packet("[00]", "<stream version=\"2.2\"><properties String:title=\"x\"/></stream>")
        let outcome = readQStream(das2)
        #expect(outcome.error?.code == .unsupported)
        #expect(outcome.error?.message.contains("das2.2") == true)
        #expect(readQStream(QStreamBytes.packet("[00]", "<stream/>")).error?.code == .invalidStreamHeader)
    }

    @Test func truncatedFinalPacketIsAPartialPacketError() {
        let input = stream + doubles + record(bigEndian(1))
        let outcome = readQStream(Array(input.dropLast(3)))
        #expect(outcome.error?.code == .truncated)
        #expect(outcome.error?.offset == stream.count + doubles.count)
    }

    // MARK: Out-of-band packets and sticky failures

    @Test func unknownOutOfBandRootsAreSkippedWithAWarning() {
        let odd = QStreamBytes.packet("[xx]", "<progress value=\"5\"/>")
        let outcome = readQStream(stream + odd + doubles)
        #expect(outcome.error == nil)
        #expect(outcome.images[1] == .skipped("progress"))
        #expect(outcome.warnings.contains { $0.contains("progress") })
    }

    @Test func secondStreamInAPacketSlotIsSkipped() {
        let outcome = readQStream(stream + QStreamBytes.packet("[05]", "<stream dataset_id=\"ds\"/>"))
        #expect(outcome.error == nil)
        #expect(outcome.images.last == .skipped("stream"))
    }

    @Test func commentsAcceptMessageOrValue() {
        let message = QStreamBytes.packet("[xx]", "<comment type=\"log:info\" message=\"by message\"/>")
        let value = QStreamBytes.packet("[xx]", "<comment type=\"log:info\" value=\"by value\" source=\"tool\"/>")
        let outcome = readQStream(stream + message + value)
        #expect(outcome.images.suffix(2) == [
            .comment(Das2Comment(type: "log:info", value: "by message", source: "")),
            .comment(Das2Comment(type: "log:info", value: "by value", source: "tool")),
        ])
    }

    @Test func packetsInTheWrongSlotAreErrors() {
        #expect(readQStream(stream + QStreamBytes.packet("[xx]", "<packet/>")).error?.code == .invalidOutOfBand)
        let comment = QStreamBytes.packet("[01]", "<comment type=\"a\" message=\"b\"/>")
        #expect(readQStream(stream + comment).error?.code == .invalidPacketHeader)
        #expect(readQStream(QStreamBytes.packet("[00]", "<packet/>")).error?.code == .invalidStreamHeader)
    }

    @Test func enumerationLabelNeedsADeclaredUnit() {
        let label = QStreamBytes.packet("[xx]", "<enumerationUnit name=\"default\" value=\"2\" color=\"0x000000\" label=\"Y\"/>")
        #expect(readQStream(stream + label).error?.code == .invalidOutOfBand)
        let units = "<property name=\"UNITS\" type=\"enumerationUnit\" value=\"default[1:X]\"/>"
        let declared = QStreamBytes.descriptor("01", QStreamBytes.streamedDataset(properties: units))
        let outcome = readQStream(stream + declared + label)
        #expect(outcome.error == nil)
        #expect(outcome.images.last == .label(QStreamEnumerationLabel(name: "default", value: 2, label: "Y", color: "0x000000")))
        let bad = QStreamBytes.packet("[xx]", "<enumerationUnit name=\"default\" value=\"two\" label=\"Y\"/>")
        #expect(readQStream(stream + declared + bad).error?.code == .invalidOutOfBand)
    }

    @Test func failuresAreSticky() throws {
        var reader = QStreamReader()
        reader.append(doubles)
        let first = #expect(throws: Das2StreamError.self) { try reader.next() }
        reader.append(stream)
        let second = #expect(throws: Das2StreamError.self) { try reader.next() }
        #expect(first == second)
        let atEnd = reader.isAtEnd
        #expect(!atEnd)
    }

    @Test func offsetAndDescriptorsAreTracked() throws {
        var reader = QStreamReader()
        reader.append(stream + doubles)
        while try reader.next() != nil {}
        let offset = reader.offset
        let datasetID = reader.streamDescriptor?.datasetID
        let sizes = [0, 1, 2].map { reader.packetDescriptor(for: $0)?.recordSize }
        let atEndBeforeFinish = reader.isAtEnd
        #expect(offset == stream.count + doubles.count)
        #expect(datasetID == "ds")
        #expect(sizes == [nil, 8, nil])
        #expect(!atEndBeforeFinish)
        reader.finish()
        #expect(try reader.next() == nil)
        let atEnd = reader.isAtEnd
        #expect(atEnd)
    }
}
