import Das2Stream
import Das2TestSupport
import Testing

/// The strict reader on malformed input (stream-das2.md §2, §10, §13): every malformed stream
/// ends in a typed ``Das2StreamError`` naming the rule and the offset of the offending packet,
/// never in a crash or a hang; odd but valid streams read cleanly.
@Suite("Malformed streams")
struct MalformedStreamTests {
    // MARK: - The corpus

    @Test("a malformed stream ends in its error at the offending packet", arguments: MalformedStreams.all)
    func corpusEntryFails(_ entry: MalformedStream) throws {
        let outcome = StreamRead.read(entry.bytes)
        #expect(!outcome.runaway)
        let error = try #require(outcome.error, "read without error: \(outcome.events)")
        #expect(error.code == entry.error.code, "\(error)")
        #expect(error.offset == entry.offset, "\(error)")
        #expect(!error.message.isEmpty)
    }

    @Test("fed one byte at a time, a malformed stream fails the same way", arguments: MalformedStreams.all)
    func corpusEntryFailsByteByByte(_ entry: MalformedStream) throws {
        let whole = StreamRead.read(entry.bytes)
        let bytewise = StreamRead.read(entry.bytes, chunkSize: 1)
        #expect(!bytewise.runaway)
        let error = try #require(bytewise.error)
        #expect(error.code == entry.error.code, "\(error)")
        #expect(error.offset == entry.offset, "\(error)")
        #expect(bytewise.events == whole.events)
    }

    @Test("corpus entries have distinct names and the tool sample is complete")
    func corpusIsWellFormed() {
        #expect(Set(MalformedStreams.all.map(\.name)).count == MalformedStreams.all.count)
        #expect(Set(AcceptedStreams.all.map(\.name)).count == AcceptedStreams.all.count)
        #expect(MalformedStreams.sample.count == 14)
    }

    @Test("after an error every later call throws the same error")
    func errorIsSticky() throws {
        var stream = StreamBytes.basic(records: 1)
        stream.record(7, StreamBytes.basicRecord(1))
        stream.record(1, StreamBytes.basicRecord(2))
        var reader = Das2StreamReader()
        reader.append(stream.bytes)
        reader.finish()
        var events = 0
        var first: Das2StreamError?
        do {
            while try reader.next() != nil { events += 1 }
        } catch {
            first = error
        }
        let error = try #require(first)
        #expect(events == 3)
        #expect(error.code == .undefinedPacket)
        for _ in 0..<2 {
            var again: Das2StreamError?
            do { _ = try reader.next() } catch { again = error }
            #expect(again == error)
        }
        let isAtEnd = reader.isAtEnd
        #expect(!isAtEnd)
    }

    // MARK: - Truncation

    static let truncationFixtures = ["generated/redefinition.d2s", "generated/time_rounding_exponents.d2s"]

    @Test("a cut anywhere inside a packet is a truncated stream at that packet", arguments: truncationFixtures)
    func truncationInsidePackets(_ name: String) throws {
        let bytes = try Fixtures.bytes(Fixtures.das2C + name)
        let full = StreamRead.read(bytes)
        try #require(full.error == nil)
        let boundaries = full.endOffsets
        #expect(boundaries.last == bytes.count)
        var failures: [String] = []
        for cut in 1..<bytes.count where !boundaries.contains(cut) {
            let outcome = StreamRead.read(Array(bytes[0..<cut]))
            let complete = boundaries.filter { $0 < cut }
            let expectedOffset = complete.last ?? 0
            let expectedEvents = Array(full.events.prefix(complete.count))
            let error = outcome.error
            if error?.code != .truncated || error?.offset != expectedOffset || outcome.events != expectedEvents {
                failures.append("cut at \(cut): \(error.map(String.init(describing:)) ?? "no error"), \(outcome.events.count) events")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("a cut at a packet boundary is a clean end after the packets before it", arguments: truncationFixtures)
    func truncationAtBoundaries(_ name: String) throws {
        let bytes = try Fixtures.bytes(Fixtures.das2C + name)
        let full = StreamRead.read(bytes)
        try #require(full.error == nil)
        for (index, cut) in full.endOffsets.enumerated() {
            let outcome = StreamRead.read(Array(bytes[0..<cut]))
            #expect(outcome.error == nil, "cut at \(cut)")
            #expect(outcome.isAtEnd, "cut at \(cut)")
            #expect(outcome.events == Array(full.events.prefix(index + 1)), "cut at \(cut)")
        }
        let empty = StreamRead.read([])
        #expect(empty.error?.code == .emptyStream)
        #expect(empty.error?.offset == 0)
        #expect(empty.events.isEmpty)
    }

    @Test("a deflate stream cut anywhere in its compressed part is truncated at the packet the cut falls in")
    func truncationInsideStoredDeflate() throws {
        // Stored blocks: a cut after `n` compressed bytes leaves exactly n - 7 decompressed bytes.
        var head = StreamBytes()
        head.packet("[00]", StreamBytes.deflateStreamXML)
        let start = head.count
        let packets = Array(StreamBytes.basic(records: 4).bytes.dropFirst(10 + StreamBytes.streamXML.utf8.count))
        let compressed = ZlibStored.compress(packets)
        let full = StreamRead.read(head.bytes + compressed)
        try #require(full.error == nil)
        var failures: [String] = []
        for cut in 0..<compressed.count {
            let outcome = StreamRead.read(head.bytes + compressed.prefix(cut))
            let available = start + max(0, min(packets.count, cut - 7))
            let complete = full.endOffsets.filter { $0 <= available }
            let error = outcome.error
            if error?.code != .truncated || error?.offset != complete.last || outcome.events != Array(full.events.prefix(complete.count)) {
                failures.append("cut at \(cut): \(error.map(String.init(describing:)) ?? "no error"), \(outcome.events.count) events")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("a compressed deflate stream cut anywhere is truncated, after the packets before the cut")
    func truncationInsideDeflate() throws {
        var stream = try TestStreamBuilder(compression: .deflate)
        try stream.define(1, [.time(), .volts("a")])
        for index in 0..<40 { try stream.record(1, [us2000(Double(index)), Double(index % 3)]) }
        let bytes = stream.bytes()
        let full = StreamRead.read(bytes)
        try #require(full.error == nil)
        let start = full.endOffsets[0]
        var failures: [String] = []
        for cut in start..<bytes.count {
            let outcome = StreamRead.read(Array(bytes.prefix(cut)))
            let error = outcome.error
            if error?.code != .truncated || outcome.events != Array(full.events.prefix(outcome.events.count))
                || error?.offset != (outcome.events.isEmpty ? 0 : outcome.endOffsets.last)
            {
                failures.append("cut at \(cut): \(error.map(String.init(describing:)) ?? "no error"), \(outcome.events.count) events")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("a truncated stream delivers every packet before the cut")
    func truncatedStreamDeliversEarlierPackets() throws {
        var stream = StreamBytes.basic(records: 3)
        let offset = stream.count
        stream.record(1, Array(StreamBytes.basicRecord(3).prefix(11)))
        let outcome = StreamRead.read(stream.bytes)
        #expect(outcome.events.map(\.kind) == ["stream", "packet", "record", "record", "record"])
        #expect(outcome.error?.code == .truncated)
        #expect(outcome.error?.offset == offset)
        #expect(outcome.values.count == 6)
    }

    // MARK: - Limits

    @Test("a header longer than the configured limit is refused before its body arrives")
    func headerLengthLimit() throws {
        let length = StreamBytes.packetXML.utf8.count
        let stream = StreamBytes.basic(records: 1)
        let offset = 10 + StreamBytes.streamXML.utf8.count
        let refused = StreamRead.read(stream.bytes, limits: .init(maximumHeaderLength: length - 1))
        #expect(refused.error?.code == .limitExceeded)
        #expect(refused.error?.offset == offset)
        #expect(refused.events.map(\.kind) == ["stream"])

        // The declared length alone decides: a body that never comes is still over the limit.
        var huge = StreamBytes()
        huge.packet("[00]", StreamBytes.streamXML)
        huge.packet("[01]", length: "999999", body: Array(StreamBytes.packetXML.utf8))
        let hugeRefused = StreamRead.read(huge.bytes, limits: .init(maximumHeaderLength: 262_144))
        #expect(hugeRefused.error?.code == .limitExceeded)
        #expect(hugeRefused.error?.offset == offset)

        let accepted = StreamRead.read(stream.bytes, limits: .init(maximumHeaderLength: length))
        #expect(accepted.error == nil)
    }

    @Test("a record larger than the configured limit is refused at its packet header")
    func recordSizeLimit() throws {
        let stream = StreamBytes.basic(records: 1)
        let offset = 10 + StreamBytes.streamXML.utf8.count
        let refused = StreamRead.read(stream.bytes, limits: .init(maximumRecordSize: 11))
        #expect(refused.error?.code == .limitExceeded)
        #expect(refused.error?.offset == offset)
        let accepted = StreamRead.read(stream.bytes, limits: .init(maximumRecordSize: 12))
        #expect(accepted.error == nil)
    }

    @Test("limits above 999 999 are clamped to what six digits can say")
    func limitsAreClamped() {
        #expect(Das2StreamReader.Limits(maximumHeaderLength: 5_000_000).maximumHeaderLength == 999_999)
    }

    // MARK: - Accepted oddities

    @Test("an odd but valid stream reads without error", arguments: AcceptedStreams.all)
    func acceptedStreamReads(_ entry: AcceptedStream) {
        let outcome = StreamRead.read(entry.bytes)
        #expect(outcome.error == nil, "\(outcome.error.map(String.init(describing:)) ?? "")")
        #expect(outcome.isAtEnd)
        #expect(outcome.events.map(\.kind) == entry.events)
        if let values = entry.values {
            #expect(sameValues(outcome.values, values), "\(outcome.values)")
        }
    }

    @Test("oddities deliver their content")
    func oddityContent() throws {
        let byName = Dictionary(uniqueKeysWithValues: AcceptedStreams.all.map { ($0.name, $0) })

        let upper = StreamRead.read(try #require(byName["out-of-band tag [XX]"]).bytes)
        #expect(upper.events.contains(.comment(Das2Comment(type: "log:info", value: "hello", source: "test"))))

        let pyserver = StreamRead.read(try #require(byName["[00] with root <exception> (das2-pyserver)"]).bytes)
        #expect(pyserver.events == [.exception(Das2Exception(type: "IllegalArgument", message: "bad time range"))])

        let utf8 = StreamRead.read(try #require(byName["UTF-8 text in headers"]).bytes)
        guard case .streamHeader(let header) = utf8.events.first else {
            Issue.record("no stream header")
            return
        }
        #expect(header.properties["title"]?.value == "Électric field μV/m ✓")

        let ignored = StreamRead.read(try #require(byName["unknown out-of-band root is ignored"]).bytes)
        #expect(ignored.warnings.contains { $0.contains("note") })

        let planes = StreamRead.read(try #require(byName["properties under a packet, twice under a plane"]).bytes)
        guard case .packetHeader(let packet) = planes.events.dropFirst().first else {
            Issue.record("no packet header")
            return
        }
        #expect(packet.properties["title"]?.value == "packet")
        #expect(packet.planes[0].properties["a"]?.value == "2")
    }

    // MARK: - Chunked feeding

    static let chunkFixtures = [
        "generated/redefinition.d2s", "generated/time_rounding_exponents.d2s", "das2_ascii_input1.d2s",
        "galileo_pws_sample.d2t", "cassini_rpws_wfrm_sample.d2s",
    ]

    @Test("feeding 1 to 17 bytes at a time gives the events of feeding the whole file", arguments: chunkFixtures)
    func chunkedFeedingOfFixtures(_ name: String) throws {
        try expectChunkingInvariance(try Fixtures.bytes(Fixtures.das2C + name))
    }

    @Test("feeding a deflate stream in small chunks gives the events of feeding it whole")
    func chunkedFeedingOfDeflateStreams() throws {
        var stream = try TestStreamBuilder(compression: .deflate)
        try stream.define(1, [.time(), .volts("a")])
        for index in 0..<200 {
            try stream.record(1, [us2000(Double(index)), Double(index % 7)])
            if index % 50 == 0 { stream.comment("taskProgress", "\(index)") }
        }
        try stream.define(2, [.time(), .volts("b", encoding: .ascii(12))])
        try stream.record(2, [us2000(300), 2.5])
        let compressed = stream.bytes()
        try expectChunkingInvariance(compressed)

        var stored = StreamBytes()
        stored.packet("[00]", StreamBytes.deflateStreamXML)
        let packets = StreamBytes.basic(records: 20).bytes.dropFirst(10 + StreamBytes.streamXML.utf8.count)
        stored.append(ZlibStored.compress(Array(packets), blockSize: 37))
        try expectChunkingInvariance(stored.bytes)
    }

    private func expectChunkingInvariance(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let whole = StreamRead.read(bytes)
        try #require(whole.error == nil, "\(whole.error.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
        #expect(whole.events.count > 2, sourceLocation: sourceLocation)
        for size in 1...17 {
            let chunked = StreamRead.read(bytes, chunkSize: size)
            #expect(chunked.error == nil, "chunk size \(size)", sourceLocation: sourceLocation)
            #expect(chunked.events == whole.events, "chunk size \(size)", sourceLocation: sourceLocation)
            #expect(sameValues(chunked.values, whole.values), "chunk size \(size)", sourceLocation: sourceLocation)
            #expect(chunked.isAtEnd, "chunk size \(size)", sourceLocation: sourceLocation)
        }
    }

    @Test("a reader that has not been told the input ended waits instead of failing")
    func unfinishedInputWaits() throws {
        let bytes = StreamBytes.basic(records: 2).bytes
        var reader = Das2StreamReader()
        reader.append(Array(bytes.dropLast(5)))
        var events = 0
        while try reader.next() != nil { events += 1 }
        #expect(events == 3)
        let waiting = reader.isAtEnd
        #expect(!waiting)
        reader.append(Array(bytes.suffix(5)))
        while try reader.next() != nil { events += 1 }
        #expect(events == 4)
        reader.finish()
        let last = try reader.next()
        #expect(last == nil)
        let ended = reader.isAtEnd
        #expect(ended)
    }
}
