/// A command line of one of the das2 stream tools that run in-process: `das2_ascii`,
/// `das2_bin_avg`, `das2_bin_avgsec` and `das2_bin_peakavgsec`.
///
/// The tools' executables and the server share it: the server recognises a DSDF `reducer`
/// such as `/usr/local/bin/das2_bin_avgsec -r` as a built-in stage, parses its words with the
/// same rules (tools.md §2-§5, including the messages and exit statuses) and runs
/// ``makeProcessor()`` on the reader's bytes instead of starting a process.
///
/// ```swift
/// let tool = try StreamTool(name: .binAvgSec, arguments: ["-r", "60"])
/// var processor = tool.makeProcessor()
/// let output = try processor.process(chunk)   // for every chunk of input
/// let tail = try processor.finish()
/// ```
public struct StreamTool: Hashable, Sendable {
    /// The built-in tools.
    public enum Name: String, CaseIterable, Hashable, Sendable {
        /// `das2_ascii [-r N] [-s N] [-c]`
        case ascii = "das2_ascii"
        /// `das2_bin_avg BIN_WIDTH`
        case binAvg = "das2_bin_avg"
        /// `das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS`
        case binAvgSec = "das2_bin_avgsec"
        /// `das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS`
        case binPeakAvgSec = "das2_bin_peakavgsec"
    }

    enum Action: Hashable, Sendable {
        case ascii(ASCIIConverter.Options)
        case reduce(BinAverager.Configuration)
    }

    /// Which tool.
    public let name: Name
    /// The words after the program name, as given.
    public let arguments: [String]
    let action: Action

    /// Parses a tool's arguments with the reference tool's rules.
    ///
    /// Help and version options are not handled here (they print and exit in the executables).
    /// - Throws: ``Das2StreamError`` with code `invalidArgument` or `reduction`, the reference
    ///   message and its exit status.
    public init(name: Name, arguments: [String]) throws(Das2StreamError) {
        self.name = name
        self.arguments = arguments
        switch name {
        case .ascii: action = .ascii(try Self.asciiOptions(arguments))
        case .binAvg: action = .reduce(try Self.binAvgConfiguration(arguments))
        case .binAvgSec: action = .reduce(try Self.binAvgSecConfiguration(arguments))
        case .binPeakAvgSec: action = .reduce(try Self.binPeakAvgSecConfiguration(arguments))
        }
    }

    /// Recognises a command given as words (a DSDF `reducer` value split on blanks).
    ///
    /// The tool is recognised by the last path component of the first word, so
    /// `/usr/local/bin/das2_bin_avgsec` is built in too.
    /// - Returns: nil when the program is not a built-in tool.
    /// - Throws: ``Das2StreamError`` when it is one but its arguments are invalid.
    public init?(commandWords: [String]) throws(Das2StreamError) {
        guard let program = commandWords.first,
            let name = Name(rawValue: String(program.split(separator: "/", omittingEmptySubsequences: false).last ?? ""))
        else { return nil }
        try self.init(name: name, arguments: Array(commandWords.dropFirst()))
    }

    /// A fresh processor running this tool over a stream.
    public func makeProcessor() -> StreamToolProcessor {
        StreamToolProcessor(self)
    }
}
