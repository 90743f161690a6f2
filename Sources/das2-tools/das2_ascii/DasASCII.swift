import ArgumentParser
import Das2Stream
import Das2ToolSupport

/// `das2_ascii [-r N] [-s N] [-c]`: converts a das2.2 stream on stdin to text on stdout.
@main
struct DasASCII: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_ascii",
        abstract: "Convert the binary values of a das2.2 stream on standard input to text.",
        discussion: """
            Binary times (units us2000, mj1958, t2000, t1970) become time24 text, other 8-byte \
            reals ascii17 (10 significant digits) and 4-byte reals ascii14 (7 digits). Text \
            values are re-formatted in das2's default pattern for their width. Comments and \
            exceptions are passed through unless -c is given. Exit status 0 on success, 13 for a \
            bad command line, das2C's codes (14-38) for a malformed stream.
            """,
        version: "das2_ascii (das2kit) 1.0"
    )

    @Option(name: .customShort("r"), parsing: .unconditional, help: "Significant digits for non-time reals (2 to 17).")
    var resolution: String?

    @Option(name: .customShort("s"), parsing: .unconditional, help: "Digits after the seconds' point for binary times (0 to 9).")
    var subseconds: String?

    @Flag(name: .customShort("c"), help: "Drop comments and exceptions.")
    var dropsOutOfBand = false

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "-v" || arguments.first == "--version" {
            print(configuration.version)
            terminate(0)
        }
        // das2C scans options left to right; help wins wherever it appears. Help goes to stderr.
        if arguments.contains("-h") || arguments.contains("--help") {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        StreamPump.main(.ascii, arguments: arguments)
    }
}
