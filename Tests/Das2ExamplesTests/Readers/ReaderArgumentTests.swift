import Das2Examples
import Das2Stream
import Testing

/// Bad command lines: status 13, one message line, and an `IllegalArgument` exception where
/// a das2 client reads the stream.
@Suite struct ReaderArgumentTests {
    static let badDas2Requests: [(String, [String])] = [
        ("random", []),
        ("random", ["2017-01-01"]),
        ("random", ["2017-01-01", "2017-01-02", "extra"]),
        ("random", ["yesterday", "2017-01-02"]),
        ("random", ["2017-01-01", "2017-13-45"]),
        ("random", ["2017-01-02", "2017-01-01"]),
        ("random", ["2017-01-01", "2017-01-01"]),
        ("waveform", ["2017-01-01"]),
        ("spectrogram", ["2017-01-01", "2017-01-02", "high"]),
        ("survey", ["2017-01-01"]),
        ("survey", ["2017-01-01", "2017-01-02", "X"]),
        ("survey", ["2017-01-01", "2017-01-02", "E", "b"]),
        ("ephemeris", ["2017-01-01", "2017-01-02"]),
        ("ephemeris", ["0", "2017-01-01", "2017-01-02"]),
        ("ephemeris", ["-60", "2017-01-01", "2017-01-02"]),
        ("ephemeris", ["abc", "2017-01-01", "2017-01-02"]),
        ("ephemeris", ["nan", "2017-01-01", "2017-01-02"]),
        ("ephemeris", ["inf", "2017-01-01", "2017-01-02"]),
        ("ephemeris", ["1e-9", "2000-01-01", "2030-01-01"]),
        ("ephemeris", ["60", "2017-01-01", "2017-01-02", "extra"]),
    ]

    @Test(arguments: badDas2Requests)
    func badArgumentsGiveStatusMessageAndException(name: String, arguments: [String]) throws {
        let run = ReaderRun(name, arguments)
        #expect(run.status == 13)
        #expect(run.messages.count == 1)
        let message = try #require(run.messages.first)
        #expect(message.hasPrefix("\(name): "))
        #expect(!message.contains("\n"))
        let stream = try Das2StreamContents(chunks: run.chunks)
        #expect(stream.header == nil)
        #expect(stream.records.isEmpty)
        #expect(stream.exceptions.map(\.type) == ["IllegalArgument"])
        #expect(stream.exceptions.first?.message == message)
    }

    @Test(arguments: [[], ["2017-01-01", "x"], ["2017-01-01", "2017-01-02", "E"]])
    func badQStreamArgumentsGiveQStreamException(arguments: [String]) throws {
        let run = ReaderRun("qstream", arguments)
        #expect(run.status == 13)
        #expect(run.messages.count == 1)
        let stream = try QStreamContents(chunks: run.chunks)
        #expect(stream.exceptions.map(\.type) == ["IllegalArgument"])
    }

    @Test func unknownReaderGivesUsageStatusAndNoStream() {
        let run = ReaderRun("nope", ["2017-01-01", "2017-01-02"])
        #expect(run.status == 13)
        #expect(run.chunks.isEmpty)
        #expect(run.messages.count == 1)
        #expect(run.messages.first?.contains("random") == true)
    }

    @Test func messagesNameTheBadText() {
        #expect(ReaderRun("random", ["yesterday", "2017-01-02"]).messages.first?.contains("'yesterday'") == true)
        #expect(ReaderRun("survey", ["2017-01-01", "2017-01-02", "X"]).messages.first?.contains("'X'") == true)
        #expect(ReaderRun("ephemeris", ["abc", "2017-01-01", "2017-01-02"]).messages.first?.contains("'abc'") == true)
    }
}
