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

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "-h" || arguments.first == "--help" {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        StreamPump.main(.binAvgSec, arguments: arguments)
    }
}
