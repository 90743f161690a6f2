import ArgumentParser
import Das2Stream
import Das2ToolSupport

/// `das2_bin_avg BIN_WIDTH`: averages a das2.2 stream over bins in the x plane's own units.
@main
struct DasBinAvg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_bin_avg",
        abstract: "Reduce a das2.2 stream on standard input by averaging over bins of x.",
        usage: "das2_bin_avg BIN_WIDTH",
        discussion: """
            BIN_WIDTH is in the raw units of the <x> plane (for us2000 data, 60000000 is a \
            minute). Headers pass through unchanged; comments are dropped, exceptions \
            forwarded. See das2_bin_avgsec for a reducer that understands time units.
            """
    )

    @Argument(help: "Bin width in the units of the <x> plane.")
    var binWidth: String

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["-h"] || arguments == ["--help"] {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        StreamPump.main(.binAvg, arguments: arguments)
    }
}
