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

    static let usageLine = "Usage: das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS"

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first else {
            ToolOutput.printError(usageLine)
            terminate(100)
        }
        if first == "-h" || first == "--help" {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        if first == "-v" || first == "--version" {
            print(configuration.version)
            terminate(0)
        }
        do throws(ReducerArguments.Failure) {
            // das2C honours only the first -b; anything else unexpected breaks the count.
            var sizeIndex = 0
            var begin: Double?
            if let flag = arguments.firstIndex(of: "-b") {
                guard flag + 1 < arguments.count else {
                    throw .init(message: "ERROR: Begin bin position missing after -b", status: 100)
                }
                begin = try ReducerArguments.begin(arguments[flag + 1])
                sizeIndex = 2
            }
            guard arguments.count == sizeIndex + 1 else {
                throw .init(message: usageLine, status: 13)
            }
            let seconds = try ReducerArguments.binSeconds(arguments[sizeIndex])
            var reducer: BinAverager
            do {
                reducer = try .peakAverage(binSeconds: seconds, begin: begin)
            } catch {
                throw .init(message: "ERROR: \(error.message)", status: 100)
            }
            ReducerRun.run(&reducer)
        } catch {
            ToolOutput.printError(error.message)
            terminate(error.status)
        }
    }
}
