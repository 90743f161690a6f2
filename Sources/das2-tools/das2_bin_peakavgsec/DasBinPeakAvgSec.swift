import ArgumentParser
import Das2Stream
import Das2ToolSupport

/// `das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS`: time averages plus peak values.
@main
struct DasBinPeakAvgSec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_bin_peakavgsec",
        abstract: "Reduce a das2.2 stream on standard input to time-bin averages and peaks.",
        usage: "das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS",
        discussion: """
            Like das2_bin_avgsec, and adds a P.max plane holding the largest non-fill value of \
            every data plane P in each bin. Only the 1st, 2nd and every 50th taskProgress \
            comment is passed on. Options must come before BIN_SECONDS.
            """,
        version: "das2_bin_peakavgsec (das2kit) 1.0"
    )

    @Option(name: .customShort("b"), help: "Start bin 0 at this time instead of at the first record.")
    var begin: String?

    @Argument(help: "Bin width in seconds.")
    var binSeconds: String

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "-h" || arguments.first == "--help" {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        if arguments.first == "-v" || arguments.first == "--version" {
            print(configuration.version)
            terminate(0)
        }
        StreamPump.main(.binPeakAvgSec, arguments: arguments)
    }
}
