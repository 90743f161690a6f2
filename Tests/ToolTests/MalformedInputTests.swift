import Das2TestSupport
import Testing

/// The real tools on malformed input (tools.md §1.1, §8): each stops with a non-zero status,
/// exactly one `ERROR:` line on stderr naming the offset, the das2C exit status for the kind of
/// error, and is never killed by a signal.
@Suite("Tools on malformed input")
struct MalformedInputTests {
    @Test("das2_ascii refuses a malformed stream", arguments: MalformedStreams.all)
    func asciiRefusesMalformedStream(_ entry: MalformedStream) async throws {
        let result = try await ToolRunner.run("das2_ascii", input: entry.bytes)
        expectOneError(result, status: entry.error.exitStatus, offset: entry.offset)
    }

    @Test(
        "the reducers refuse a malformed stream",
        arguments: MalformedStreams.sample, ["das2_bin_avgsec 60", "das2_bin_avg 10", "das2_bin_peakavgsec 60"]
    )
    func reducerRefusesMalformedStream(_ entry: MalformedStream, command: String) async throws {
        let result = try await ToolRunner.run(command, input: entry.bytes)
        expectOneError(result, status: entry.error.exitStatus, offset: entry.offset)
    }

    @Test("das2_ascii reads an odd but valid stream", arguments: AcceptedStreams.all)
    func asciiAcceptsOddStream(_ entry: AcceptedStream) async throws {
        let result = try await ToolRunner.run("das2_ascii", input: entry.bytes)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(!result.error.contains("ERROR"))
        #expect(!result.output.isEmpty)
    }

    @Test("a tolerated oddity is reported on stderr and the stream still converts (stream-das2.md §10 row 25)")
    func oddityIsReported() async throws {
        var stream = StreamBytes()
        stream.packet("[00]", "<stream version=\"2.2\" flavour=\"odd\">\n  <properties title=\"t\"/>\n</stream>\n")
        stream.packet("[01]", StreamBytes.packetXML)
        stream.record(1, StreamBytes.basicRecord(0))
        let result = try await ToolRunner.run("das2_ascii", input: stream.bytes)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(occurrences(of: ":01:", in: result.output) == 1)
        #expect(!result.error.contains("ERROR"))
        // das2C prints "ignoring attribute of stream tag: NAME" and goes on.
        #expect(result.error.contains("flavour"), "stderr: \(result.error)")
    }

    @Test("a truncated stream keeps the output written before the cut")
    func truncatedStreamKeepsEarlierOutput() async throws {
        var stream = StreamBytes.basic(records: 3)
        let offset = stream.count
        stream.append(Array(StreamBytes.basicRecord(3).prefix(6)))
        let result = try await ToolRunner.run("das2_ascii", input: stream.bytes)
        expectOneError(result, status: 22, offset: offset)
        #expect(occurrences(of: ":01:", in: result.output) == 3)
    }

    // MARK: - Reducer failures (tools.md §3.3, §10 row 18)

    /// A packet of `planes` planes: one us2000 `<x>` and float `<y>` planes.
    private static func wide(planes: Int) -> StreamBytes {
        var stream = StreamBytes()
        stream.packet("[00]", StreamBytes.streamXML)
        let ys = (1..<planes).map { "  <y type=\"sun_real4\" units=\"V\" name=\"y\($0)\"/>" }.joined(separator: "\n")
        stream.packet("[01]", "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n\(ys)\n</packet>\n")
        stream.record(1, StreamBytes.bigEndian(StreamBytes.year2020) + (1..<planes).flatMap { StreamBytes.bigEndian(Float($0)) })
        return stream
    }

    @Test(
        "too many planes for the extra statistics: a ServerError exception, then exit 100",
        arguments: [("das2_bin_avgsec -r 60", 33), ("das2_bin_avgsec -s 60", 49), ("das2_bin_avgsec -r -s 60", 24),
                    ("das2_bin_avgsec 60", 99), ("das2_bin_peakavgsec 60", 48)]
    )
    func planeLimit(_ command: String, planes: Int) async throws {
        let refused = try await ToolRunner.run(command, input: Self.wide(planes: planes).bytes)
        expectOneError(refused, status: 100, offset: nil)
        let text = String(decoding: refused.output, as: UTF8.self)
        #expect(text.hasPrefix("[00]"))
        #expect(text.contains("[xx]") && text.contains("ServerError"))
        #expect(!text.contains("[01]") && !text.contains(":01:"))

        let accepted = try await ToolRunner.run(command, input: Self.wide(planes: planes - 1).bytes)
        #expect(accepted.status == 0, "stderr: \(accepted.error)")
        #expect(!String(decoding: accepted.output, as: UTF8.self).contains("ServerError"))
    }

    @Test("two <x> planes stop the time reducers with exit 100", arguments: ["das2_bin_avgsec 60", "das2_bin_peakavgsec 60"])
    func twoXPlanes(_ command: String) async throws {
        var stream = StreamBytes()
        stream.packet("[00]", StreamBytes.streamXML)
        stream.packet(
            "[01]",
            "<packet>\n  <x type=\"sun_real8\" units=\"us2000\"/>\n  <x type=\"sun_real8\" units=\"us2000\" name=\"x2\"/>\n  <y type=\"sun_real4\" units=\"V\"/>\n</packet>\n"
        )
        stream.record(1, StreamBytes.bigEndian(StreamBytes.year2020) + StreamBytes.basicRecord(0))
        let result = try await ToolRunner.run(command, input: stream.bytes)
        expectOneError(result, status: 100, offset: nil)
        #expect(result.error.contains("more than one X plane"))
    }

    @Test("a non-time <x> stops the time reducers with the units status 15")
    func nonTimeX() async throws {
        var stream = StreamBytes()
        stream.packet("[00]", StreamBytes.streamXML)
        stream.packet("[01]", "<packet>\n  <x type=\"sun_real8\" units=\"Hz\"/>\n  <y type=\"sun_real4\" units=\"V\"/>\n</packet>\n")
        stream.record(1, StreamBytes.basicRecord(0))
        let result = try await ToolRunner.run("das2_bin_avgsec 60", input: stream.bytes)
        expectOneError(result, status: 15, offset: nil)
    }

    @Test("a unit-less xTagWidth that is not a number stops the time reducers with exit 16")
    func badXTagWidth() async throws {
        var stream = StreamBytes()
        stream.packet("[00]", "<stream version=\"2.2\">\n  <properties xTagWidth=\"wide\"/>\n</stream>\n")
        stream.packet("[01]", StreamBytes.packetXML)
        stream.record(1, StreamBytes.basicRecord(0))
        let result = try await ToolRunner.run("das2_bin_avgsec 60", input: stream.bytes)
        expectOneError(result, status: 16, offset: nil)
    }
}

/// Checks a failed tool run: the status, no signal, exactly one LF-terminated line on stderr
/// starting with `ERROR:`, naming the input offset when one is given.
func expectOneError(
    _ result: ToolResult,
    status: Int32,
    offset: Int?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status != nil && result.status! < 128, "killed by a signal", sourceLocation: sourceLocation)
    #expect(result.status == status, "stderr: \(result.error)", sourceLocation: sourceLocation)
    let lines = result.error.utf8.filter { $0 == 0x0A }.count
    #expect(lines == 1 && result.error.hasSuffix("\n"), "stderr: \(result.error)", sourceLocation: sourceLocation)
    #expect(result.error.hasPrefix("ERROR:"), "stderr: \(result.error)", sourceLocation: sourceLocation)
    if let offset {
        #expect(result.error.contains("offset \(offset))"), "stderr: \(result.error)", sourceLocation: sourceLocation)
    }
}

/// How many times `text` occurs in `bytes`.
func occurrences(of text: String, in bytes: [UInt8]) -> Int {
    let pattern = Array(text.utf8)
    guard bytes.count >= pattern.count else { return 0 }
    return (0...(bytes.count - pattern.count)).filter { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }.count
}
