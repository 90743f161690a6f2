import Das2Stream
import Das2TestSupport
import Testing

/// The built-in tools as library stages: the server and the cache builder run them on bytes that
/// arrive in chunks of any size, so chained processors must give the reference tools' output.
@Suite("Stream tools in-process")
struct StreamToolTests {
    @Test(
        "chained processors reproduce every das2C conformance case, whatever the chunk size",
        arguments: Fixtures.conformanceCases()
    )
    func chainedProcessorsMatchReference(_ testCase: Fixtures.ConformanceCase) throws {
        let input = try Fixtures.bytes(Fixtures.das2C + testCase.input)
        let expected = try Fixtures.bytes(Fixtures.das2C + testCase.expected)
        let tools = try testCase.pipeline.split(separator: "|").map { stage in
            try #require(try StreamTool(commandWords: stage.split(separator: " ").map(String.init)))
        }
        // Single bytes exercise every boundary; on large inputs a prime size does it fast enough.
        for chunkSize in [input.count <= 16384 ? 1 : 7, 4093, input.count] {
            let output = try run(tools, on: input, chunkSize: chunkSize)
            #expect(output == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("a tool is recognised by the last component of its path; other programs are not")
    func recognisesToolsByBasename() throws {
        let tool = try #require(try StreamTool(commandWords: ["/usr/local/bin/das2_bin_avgsec", "-r", "60"]))
        #expect(tool.name == .binAvgSec)
        #expect(tool.arguments == ["-r", "60"])
        #expect(try StreamTool(commandWords: ["das2_bin_avgsec_x", "60"]) == nil)
        #expect(try StreamTool(commandWords: ["probe_red"]) == nil)
        #expect(try StreamTool(commandWords: []) == nil)
    }

    @Test(
        "bad command lines give the reference message and exit status",
        arguments: [
            (StreamTool.Name.binAvgSec, [String](), Int32(4), "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"),
            (.binAvgSec, ["0"], 100, "ERROR: Output bin size must be bigger than 0 seconds!"),
            (.binAvgSec, ["abc"], 100, "ERROR: Couldn't convert 'abc' to a bin size in seconds"),
            (.binAvgSec, ["-b"], 100, "ERROR: Begin bin position missing after -b"),
            (.binAvgSec, ["-x", "60"], 100, "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"),
            (.binPeakAvgSec, ["-r", "60"], 13, "Usage: das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS"),
            (.binPeakAvgSec, ["-b", "never", "60"], 100, "ERROR: Couldn't convert never to a date-time"),
            (.binAvg, ["-5"], 13, "ERROR: Couldn't convert '-5' to a positive bin width"),
            (.binAvg, [], 13, "Usage: das2_bin_avg BIN_WIDTH"),
            (.ascii, ["-r"], 13, "ERROR: Resolution parameter missing after -r"),
            (.ascii, ["-s", "12"], 13,
             "ERROR: Only 0 to 9 sub-seconds digits supported don't know how to handle 12 sub-second digits."),
            (.ascii, ["-q"], 13, "ERROR: unknown parameter '-q'"),
        ]
    )
    func rejectsBadCommandLines(name: StreamTool.Name, arguments: [String], status: Int32, message: String) {
        #expect {
            try StreamTool(name: name, arguments: arguments)
        } throws: { error in
            guard let error = error as? Das2StreamError else { return false }
            return error.code == .invalidArgument && error.exitStatus == status && error.message == message
        }
    }

    @Test("a malformed stream ends in an error carrying the tool's exit status, after the output made so far")
    func malformedInputKeepsPartialOutput() throws {
        let input = try Fixtures.bytes(Fixtures.das2C + "das2_ascii_input1.d2s")
        var processor = try StreamTool(name: .ascii, arguments: []).makeProcessor()
        var output = try processor.process(Array(input.prefix(input.count - 3)))
        #expect(throws: Das2StreamError.self) { output += try processor.finish() }
        output += processor.takeOutput()
        #expect(!output.isEmpty)
        do {
            var again = try StreamTool(name: .ascii, arguments: []).makeProcessor()
            _ = try again.process(Array(input.prefix(input.count - 3)))
            _ = try again.finish()
            Issue.record("a truncated stream was accepted")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.exitStatus == 22)
        }
    }

    private func run(_ tools: [StreamTool], on input: [UInt8], chunkSize: Int) throws -> [UInt8] {
        var bytes = input
        for tool in tools {
            var processor = tool.makeProcessor()
            var output: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let end = min(start + chunkSize, bytes.count)
                output += try processor.process(Array(bytes[start..<end]))
                start = end
            }
            output += try processor.finish()
            bytes = output
        }
        return bytes
    }
}
