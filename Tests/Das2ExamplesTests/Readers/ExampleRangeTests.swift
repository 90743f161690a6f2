import Das2Core
import Das2Examples
import Das2Stream
import Testing

/// Every example range of every bundled DSDF, run through the reader the DSDF names.
@Suite struct ExampleRangeTests {
    static let sources = ["Random", "Waveform", "Spectrogram", "Survey", "Ephemeris", "QStream"]

    /// The reader arguments of one example, as the server builds them (server-protocol.md
    /// §4.7): `[INTERVAL] BEGIN END [PARAMS…]`.
    static func arguments(_ example: ExampleRange) -> [String] {
        var arguments: [String] = []
        if let interval = example.interval { arguments.append(interval) }
        arguments += [example.begin, example.end]
        if let params = example.parameters { arguments += params.split(separator: " ").map(String.init) }
        return arguments
    }

    /// Example `index` of a source, read with the server's DSDF parser.
    static func example(_ index: Int, of source: String, in site: SiteFixture) throws -> ExampleRange {
        let name = "Examples/\(source)"
        return try DSDF(parsing: site.bytes("datasets/\(name).dsdf"), name: name).exampleRanges()[index]
    }

    @Test(arguments: sources, [0, 1])
    func exampleRangeGivesCleanStreamInsideTheRange(source: String, index: Int) throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try site.dsdf("Examples/\(source)")
        let example = try Self.example(index, of: source, in: site)
        let reader = try #require(dsdf.readerName)
        let run = ReaderRun(reader, Self.arguments(example))
        #expect(run.status == 0)
        #expect(run.messages.isEmpty)

        let begin = try us2000(example.begin)
        let end = try us2000(example.end)
        let times: [Double]
        let names: [String]
        if dsdf["qstream"] == "1" {
            let stream = try QStreamContents(chunks: run.chunks)
            #expect(stream.warnings.isEmpty)
            #expect(stream.exceptions.isEmpty)
            names = stream.packets.flatMap { $0.datasets.map(\.id) }.filter { $0 != "time" }
            times = stream.records.map { $0[0] }
        } else {
            let stream = try Das2StreamContents(chunks: run.chunks)
            #expect(stream.warnings.isEmpty)
            #expect(stream.exceptions.isEmpty)
            names = stream.planeNames
            times = stream.records.map { $0.values[0] }
        }
        #expect(!times.isEmpty)
        #expect(times.count <= 1000)
        #expect(times.allSatisfy { begin <= $0 && $0 < end })
        // Every plane the stream holds is an item of the DSDF.
        #expect(Set(names).isSubset(of: Set(dsdf.itemIDs)))
        #expect(!names.isEmpty)
    }

    @Test(arguments: sources)
    func sameRequestGivesSameBytes(source: String) throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try site.dsdf("Examples/\(source)")
        let example = try Self.example(1, of: source, in: site)
        let reader = try #require(dsdf.readerName)
        let first = ReaderRun(reader, Self.arguments(example))
        let second = ReaderRun(reader, Self.arguments(example))
        #expect(first.status == 0)
        #expect(first.bytes == second.bytes)
    }

    @Test(arguments: sources)
    func everyItemIsAPlaneOfTheDefaultRequest(source: String) throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let dsdf = try site.dsdf("Examples/\(source)")
        // The last example is what the HAPI probe reads; without exampleParams it must show
        // every item.
        var example = try Self.example(1, of: source, in: site)
        example.parameters = nil
        let run = ReaderRun(try #require(dsdf.readerName), Self.arguments(example))
        let names: [String]
        if dsdf["qstream"] == "1" {
            names = try QStreamContents(chunks: run.chunks).packets.flatMap { $0.datasets.map(\.id) }.filter { $0 != "time" }
        } else {
            names = try Das2StreamContents(chunks: run.chunks).planeNames
        }
        #expect(names == dsdf.itemIDs)
    }

    @Test func readerNamesAreThoseTheSiteUses() throws {
        let site = try SiteFixture()
        defer { site.remove() }
        let used = try Self.sources.map { try #require(try site.dsdf("Examples/\($0)").readerName) }
        #expect(Set(used) == Set(ExampleReader.names))
        #expect(ExampleReader.names.count == 6)
    }
}
