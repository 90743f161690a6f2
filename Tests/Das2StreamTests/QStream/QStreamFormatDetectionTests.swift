import Testing
import Das2Stream

/// Telling das2.2 streams and QStreams apart from their first packets (stream-qstream.md §1.1).
struct QStreamFormatDetectionTests {
    private func detect(_ bytes: [UInt8], complete: Bool = false) -> StreamFormat? {
        bytes.withUnsafeBytes { StreamFormat.detect($0, isComplete: complete) }
    }

    private let das2 = QStreamBytes.packet("[00]", "<stream version=\"2.2\">\n  <properties String:title=\"t\"/>\n</stream>\n")

    @Test(arguments: QStreamFixture.names.filter { $0 != "exception-only.qds" })
    func fixturesAreQStreams(name: String) {
        #expect(detect(QStreamFixture.bytes(name)) == .qstream)
    }

    @Test func das2HeadersAreDas2() {
        #expect(detect(das2) == .das2)
        #expect(detect(QStreamBytes.packet("[00]", "<stream compression=\"deflate\" version=\"2.2\"/>")) == .das2)
        #expect(detect(QStreamBytes.packet("[00]", "<exception type=\"ServerError\" message=\"x\"/>\r\n")) == .das2)
    }

    @Test func everyShorterPrefixNeedsMoreBytes() {
        let input = QStreamBytes.stream() + QStreamBytes.descriptor("01", QStreamBytes.streamedDataset())
        let first = QStreamBytes.stream().count
        for count in 0..<first {
            #expect(detect(Array(input.prefix(count))) == nil, "prefix \(count)")
        }
        #expect(detect(Array(input.prefix(first))) == .qstream)
    }

    @Test func leadingOutOfBandPacketsAreSkipped() {
        let comment = QStreamBytes.packet("[xx]", "<comment type=\"log:info\" message=\"hello\"/>")
        #expect(detect(comment + QStreamBytes.stream()) == .qstream)
        #expect(detect(QStreamBytes.packet("[XX]", "<comment/>") + das2) == .das2)
        #expect(detect(comment) == nil)
        #expect(detect(comment, complete: true) == .das2)
        #expect(detect(QStreamFixture.bytes("exception-only.qds"), complete: true) == .das2)
    }

    @Test(arguments: [
        "hello world, not a stream", "[01]000010<packet/>", ":01:1234567890", "[00]00001x<stream/>",
        "[00]000000", "[00]000012<stream></x>", "[00]000009<packet/>", "<?xml version=\"1.0\"?>",
    ])
    func otherBytesAreUnknown(text: String) {
        #expect(detect(Array(text.utf8)) == .unknown)
    }

    @Test func incompleteInputThatEndsEarlyIsUnknown() {
        #expect(detect(Array(QStreamBytes.stream().dropLast()), complete: true) == .unknown)
        #expect(detect([], complete: true) == .unknown)
        #expect(detect([]) == nil)
        #expect(detect(Array("[0".utf8)) == nil)
        #expect(detect(Array("[0 ".utf8)) == .unknown)
    }
}
