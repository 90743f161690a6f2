import ArgumentParser
import Das2Stream
import Das2ToolSupport

/// `das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS`: averages a das2.2 stream over time.
@main
struct DasBinAvgSec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_bin_avgsec",
        abstract: "Reduce a das2.2 stream on standard input by averaging over time bins.",
        usage: "das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS",
        discussion: """
            Averages <y> and <yscan> values of each packet id over BIN_SECONDS-wide bins, \
            labelled by their centres. <x> values must be times (us2000, t2000, mj1958, t1970, \
            or text times). Fill values are skipped. Waveform yscans (renderer="waveform") \
            whose offsets span no more than a bin become a single <y>. Sets xTagWidth, \
            xCacheResolution and xCacheResInfo. Options must come before BIN_SECONDS.
            """
    )

    @Flag(name: .customShort("r"), help: "Add .min and .max planes for every data plane.")
    var range = false

    @Flag(name: .customShort("s"), help: "Add a .stddev plane (sample standard deviation) for every data plane.")
    var standardDeviation = false

    @Flag(name: .customShort("p"), help: "Drop taskProgress and taskSize comments.")
    var dropsProgress = false

    @Option(name: .customShort("b"), help: "Start bin 0 at this time instead of at the first record.")
    var begin: String?

    @Argument(help: "Bin width in seconds.")
    var binSeconds: String

    static let usageLine = "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first else {
            ToolOutput.printError(usageLine)
            terminate(4)
        }
        if first == "-h" || first == "--help" {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        do throws(ReducerArguments.Failure) {
            // das2C: options are recognised anywhere, but the size is the word after them.
            var sizeIndex = 0
            var begin: Double?
            var range = false
            var deviation = false
            var dropsProgress = false
            var index = 0
            while index < arguments.count {
                switch arguments[index] {
                case "-b":
                    guard index + 1 < arguments.count else {
                        throw .init(message: "ERROR: Begin bin position missing after -b", status: 100)
                    }
                    begin = try ReducerArguments.begin(arguments[index + 1])
                    sizeIndex += 2
                    index += 1
                case "-r": range = true; sizeIndex += 1
                case "-s": deviation = true; sizeIndex += 1
                case "-p": dropsProgress = true; sizeIndex += 1
                default: break
                }
                index += 1
            }
            guard arguments.count == sizeIndex + 1 else {
                throw .init(message: usageLine, status: 100)
            }
            let seconds = try ReducerArguments.binSeconds(arguments[sizeIndex])
            var reducer: BinAverager
            do {
                reducer = try .timeAverage(
                    binSeconds: seconds, begin: begin, minMax: range,
                    standardDeviation: deviation, dropsProgress: dropsProgress
                )
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
