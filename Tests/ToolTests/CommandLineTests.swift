import Das2TestSupport
import Testing

/// Command lines of the four stream tools (tools.md §2, §3.1, §4, §5 and §10 rows 3, 12, 23):
/// a bad command line gives one line on stderr, nothing on stdout and the das2C status, before
/// any input is read; help is not an error.
@Suite("Tool command lines")
struct CommandLineTests {
    /// A bad command line and the status it must exit with; nil when the spec names none.
    struct BadCommand: Sendable, CustomStringConvertible {
        let command: String
        let status: Int32?
        let message: String?

        init(_ command: String, _ status: Int32?, _ message: String? = nil) {
            self.command = command
            self.status = status
            self.message = message
        }

        var description: String { command }
    }

    static let badCommands: [BadCommand] = [
        BadCommand("das2_ascii -r", 13, "ERROR: Resolution parameter missing after -r"),
        BadCommand(
            "das2_ascii -r 18", 13,
            "ERROR: Can't format to 18 significant digits, Supported range is only 2 to 17 significant digits."
        ),
        BadCommand("das2_ascii -r 1", 13, "ERROR: Can't format to 1 significant digits"),
        BadCommand("das2_ascii -r abc", 13, "ERROR: Can't format to 0 significant digits"),
        BadCommand("das2_ascii -s", 13, "ERROR: Sub-seconds resolution parameter missing after -s"),
        BadCommand("das2_ascii -s 10", 13, "ERROR: Only 0 to 9 sub-seconds digits supported"),
        BadCommand("das2_ascii -s -1", 13, "ERROR: Only 0 to 9 sub-seconds digits supported"),
        BadCommand("das2_ascii -x", 13, "ERROR: unknown parameter '-x'"),
        BadCommand("das2_ascii -c extra", 13),
        BadCommand("das2_bin_avgsec", 4, "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"),
        BadCommand("das2_bin_avgsec abc", 100, "ERROR: Couldn't convert 'abc' to a bin size in seconds"),
        BadCommand("das2_bin_avgsec 0", 100, "Output bin size must be bigger than 0 seconds!"),
        BadCommand("das2_bin_avgsec -5", 100, "Output bin size must be bigger than 0 seconds!"),
        BadCommand("das2_bin_avgsec nan", 100, "ERROR: Couldn't convert 'nan' to a bin size in seconds"),
        BadCommand("das2_bin_avgsec inf", 100, "ERROR: Couldn't convert 'inf' to a bin size in seconds"),
        BadCommand("das2_bin_avgsec 60 -r", 100),
        BadCommand("das2_bin_avgsec -x 60", 100, "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"),
        BadCommand("das2_bin_avgsec -- 60", 100),
        BadCommand("das2_bin_avgsec 60 70", 100),
        BadCommand("das2_bin_avgsec -b", 100, "Begin bin position missing after -b"),
        BadCommand("das2_bin_avgsec -b notatime 60", 100, "Couldn't convert notatime to a date-time"),
        BadCommand("das2_bin_peakavgsec", 100),
        BadCommand("das2_bin_peakavgsec -r 60", 13, "Usage: das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS"),
        BadCommand("das2_bin_peakavgsec 0", 100, "Output bin size must be bigger than 0 seconds!"),
        BadCommand("das2_bin_peakavgsec abc", 100, "ERROR: Couldn't convert 'abc' to a bin size in seconds"),
        BadCommand("das2_bin_peakavgsec 60 -b", nil),
        BadCommand("das2_bin_peakavgsec 60 70", 13),
        BadCommand("das2_bin_peakavgsec -s 60", 13),
        BadCommand("das2_bin_peakavgsec -p 60", 13),
        BadCommand("das2_bin_peakavgsec -b 2020-01-01 -b 2020-01-02 60", 13),
        BadCommand("das2_bin_peakavgsec -b notatime 60", 100, "Couldn't convert notatime to a date-time"),
        BadCommand("das2_bin_avg", 13),
        BadCommand("das2_bin_avg 10 20", 13),
        BadCommand("das2_bin_avg 0", nil),
        BadCommand("das2_bin_avg abc", nil),
        BadCommand("das2_bin_avg -10", nil),
    ]

    @Test("a bad command line gives one line on stderr, nothing on stdout and the das2C status", arguments: badCommands)
    func badCommandLine(_ bad: BadCommand) async throws {
        // A valid stream on stdin: the tool must refuse the command line without using it.
        let result = try await ToolRunner.run(bad.command, input: StreamBytes.basic(records: 2).bytes)
        #expect(result.status != nil && result.status! < 128, "killed by a signal")
        #expect(result.status != 0)
        if let status = bad.status {
            #expect(result.status == status, "stderr: \(result.error)")
        }
        #expect(result.output.isEmpty, "stdout: \(String(decoding: result.output, as: UTF8.self))")
        let lines = result.error.utf8.filter { $0 == 0x0A }.count
        #expect(lines == 1 && result.error.hasSuffix("\n"), "stderr: \(result.error)")
        if let message = bad.message {
            #expect(result.error.contains(message), "stderr: \(result.error)")
        }
    }

    static let helpCommands = [
        "das2_ascii -h", "das2_ascii --help", "das2_bin_avgsec -h", "das2_bin_avgsec --help",
        "das2_bin_peakavgsec -h", "das2_bin_peakavgsec --help", "das2_bin_avg -h", "das2_bin_avg --help",
    ]

    @Test("help goes to stderr and exits 0", arguments: helpCommands)
    func help(_ command: String) async throws {
        let result = try await ToolRunner.run(command)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.output.isEmpty)
        let tool = String(command.prefix { $0 != " " })
        #expect(result.error.contains(tool))
        #expect(result.errorLines.count > 1)
    }

    @Test("das2_ascii -r 17 writes 4-byte reals as ascii24 with 17 significant digits")
    func seventeenDigits() async throws {
        let result = try await ToolRunner.run("das2_ascii -r 17", input: StreamBytes.basic(records: 2).bytes)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.error.isEmpty)
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.contains("type=\"ascii24\""))
        #expect(text.contains("type=\"time24\""))
        // The second record holds y = 1: 17 significant digits in a 23-character field.
        #expect(text.contains(" 1.0000000000000000e+00\n"))
    }

    @Test("das2_ascii -r 2 and -s 9 are the ends of the accepted ranges")
    func rangeEnds() async throws {
        let input = StreamBytes.basic(records: 1).bytes
        let two = try await ToolRunner.run("das2_ascii -r 2", input: input)
        #expect(two.status == 0, "stderr: \(two.error)")
        #expect(String(decoding: two.output, as: UTF8.self).contains("type=\"ascii9\""))
        let nine = try await ToolRunner.run("das2_ascii -s 9", input: input)
        #expect(nine.status == 0, "stderr: \(nine.error)")
        #expect(String(decoding: nine.output, as: UTF8.self).contains("type=\"time30\""))
    }

    @Test("options before the bin size are honoured", arguments: ["das2_bin_avgsec -r -s -p 60", "das2_bin_avgsec -b 2020-01-01 60", "das2_bin_peakavgsec -b 2020-01-01 60", "das2_bin_avgsec 60s"])
    func goodReducerCommandLine(_ command: String) async throws {
        let result = try await ToolRunner.run(command, input: StreamBytes.basic(records: 3).bytes)
        #expect(result.status == 0, "stderr: \(result.error)")
        #expect(result.error.isEmpty)
        #expect(String(decoding: result.output, as: UTF8.self).contains(":01:"))
    }
}
