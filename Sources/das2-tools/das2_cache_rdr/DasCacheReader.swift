import ArgumentParser
import Das2Cache
import Das2ToolSupport

/// `das2_cache_rdr [-p PAD] DSDF CACHE_DIR PARAMSET BEG END RES`: writes one das2 stream made
/// of the pre-reduced cache blocks of a source (cache-and-queue.md §4, tools.md §6).
@main
struct DasCacheReader: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2_cache_rdr",
        abstract: "Read a das2 stream from a cache of pre-reduced blocks.",
        usage: "das2_cache_rdr [options] DSDF CACHE_DIR PARAMSET BEG END RES",
        discussion: """
            Chooses, among the cacheLevel keys of DSDF whose normalized parameters equal \
            PARAMSET, the level with the largest resolution not above RES, and writes the \
            records of its block files under CACHE_DIR/PARAMSET/<resolution dir> whose time \
            lies in [BEG, END) as one das2 stream. Missing and empty block files are skipped; \
            without data the stream holds a NoDataInInterval exception. The stream header \
            carries xCacheRange and, for binned levels, xCacheResolution. Each block file read \
            is announced on standard error.
            """
    )

    @Option(name: [.customShort("p"), .customLong("pad")], help: "Widen the range by this many seconds on each side.")
    var pad: String?

    @Argument(help: "The source's DSDF file; only its cacheLevel keys are used.")
    var dsdf: String

    @Argument(help: "The source's cache directory, CACHE_ROOT/data/<source name>.")
    var cacheDirectory: String

    @Argument(help: "The normalized reader parameters, _noparam for none.")
    var parameterSet: String

    @Argument(help: "The begin time.")
    var begin: String

    @Argument(help: "The end time.")
    var end: String

    @Argument(help: "The requested resolution in seconds; 0 for the intrinsic level.")
    var resolution: String

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.contains("-h") || arguments.contains("--help") {
            ToolOutput.printMultiline(helpMessage())
            terminate(0)
        }
        let reader: CacheReader
        do {
            reader = try CacheReader(try CacheReadRequest(arguments: arguments))
        } catch {
            fail(error)
        }
        do {
            while let chunk = try reader.next() {
                printDiagnostics(reader)
                ToolOutput.writeStandardOutput(chunk)
            }
        } catch {
            printDiagnostics(reader)
            fail(error)
        }
        printDiagnostics(reader)
        terminate(0)
    }

    private static func fail(_ error: CacheReaderError) -> Never {
        ToolOutput.printError(error.isCommandLineError ? error.message : "ERROR: \(error.message)")
        terminate(error.exitStatus)
    }

    private static func printDiagnostics(_ reader: CacheReader) {
        for line in reader.takeDiagnostics() {
            ToolOutput.printError("   " + line)
        }
    }
}
