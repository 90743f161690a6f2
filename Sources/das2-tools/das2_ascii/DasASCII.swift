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
            return
        }
        // das2C scans options left to right; help wins wherever it appears. Help goes to stderr.
        if arguments.contains("-h") || arguments.contains("--help") {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        do {
            guard let command = try parseAsRoot(arguments) as? DasASCII else {
                ToolOutput.printMultiline(helpMessage())
                terminate(0)
            }
            command.execute()
        } catch {
            ToolOutput.printError(usageError(arguments: arguments))
            terminate(13)
        }
    }

    /// One line describing why ArgumentParser refused the command line, in das2C's words.
    private static func usageError(arguments: [String]) -> String {
        let known: Set = ["-r", "-s", "-c", "-h", "--help", "-v", "--version"]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "-r" || argument == "-s" {
                if index + 1 >= arguments.count {
                    return argument == "-r"
                        ? "ERROR: Resolution parameter missing after -r"
                        : "ERROR: Sub-seconds resolution parameter missing after -s"
                }
                index += 2
                continue
            }
            if !known.contains(argument) { return "ERROR: unknown parameter '\(argument)'" }
            index += 1
        }
        return "ERROR: invalid command line; try das2_ascii --help"
    }

    private func execute() {
        var options = ASCIIConverter.Options(dropsOutOfBand: dropsOutOfBand)
        if let resolution {
            let digits = CLINumbers.atoi(resolution)
            guard (2...17).contains(digits) else {
                ToolOutput.printError(
                    "ERROR: Can't format to \(digits) significant digits, Supported range is only 2 to 17 significant digits."
                )
                terminate(13)
            }
            options.significantDigits = digits
        }
        if let subseconds {
            let digits = CLINumbers.atoi(subseconds)
            guard (0...9).contains(digits) else {
                ToolOutput.printError(
                    "ERROR: Only 0 to 9 sub-seconds digits supported don't know how to handle \(digits) sub-second digits."
                )
                terminate(13)
            }
            options.fractionDigits = digits
        }
        var converter = ASCIIConverter(options: options)
        var writer = Das2StreamWriter(programName: "das2_ascii", tagStyle: .das2C)
        if let error = StreamPump.run(&converter, writer: &writer) {
            ToolOutput.exit(with: error)
        }
    }
}
