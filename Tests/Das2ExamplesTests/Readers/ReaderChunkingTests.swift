import Das2Examples
import Das2Stream
import Testing

/// Output is handed over in bounded chunks as it is produced, so a long request runs in
/// constant memory (a year of `random` is 1 GB; these ranges keep the debug build fast).
@Suite struct ReaderChunkingTests {
    static let limit = 64 * 1024

    @Test(arguments: [
        ("random", ["2017-01-01T00:00", "2017-01-01T12:00"]),
        ("waveform", ["2017-01-01T00:00", "2017-01-01T00:01"]),
        ("spectrogram", ["2017-01-01T00:00", "2017-01-01T02:00"]),
        ("survey", ["2017-01-01T00:00", "2017-01-01T06:00"]),
        ("ephemeris", ["2", "2017-01-01T00:00", "2017-01-02T00:00"]),
        ("qstream", ["2017-01-01T00:00", "2017-01-04T00:00"]),
    ])
    func longRequestIsStreamedInBoundedChunks(name: String, arguments: [String]) {
        var count = 0
        var total = 0
        var largest = 0
        var smallestBeforeLast = Int.max
        var previous: Int?
        let status = ExampleReader.run(name: name, arguments: arguments) { chunk in
            if let previous { smallestBeforeLast = min(smallestBeforeLast, previous) }
            previous = chunk.count
            count += 1
            total += chunk.count
            largest = max(largest, chunk.count)
        } message: { _ in }
        #expect(status == 0)
        #expect(total > 8 * Self.limit)
        #expect(largest <= Self.limit)
        // Every chunk but the last is nearly full: bytes leave as soon as a chunk fills.
        #expect(smallestBeforeLast > Self.limit - 4100)
        #expect(count <= total / (Self.limit - 4100) + 1)
    }

    @Test func chunkBoundariesDoNotChangeTheStream() throws {
        let run = ReaderRun("random", ["2017-01-01T00:00", "2017-01-01T01:00"])
        #expect(run.chunks.count > 1)
        let whole = try Das2StreamContents(chunks: [run.bytes])
        let chunked = try Das2StreamContents(chunks: run.chunks)
        #expect(whole.records.count == 3600)
        #expect(whole.records.map(\.values) == chunked.records.map(\.values))
    }
}
