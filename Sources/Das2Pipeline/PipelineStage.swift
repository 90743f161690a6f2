/// One stage of a ``Pipeline``: a child process, an in-process transformer, or an in-process
/// source in first position.
///
/// Every kind carries the configured command text and the arguments the server appends (times,
/// resolution, parameters). A command stage runs as
/// `/bin/sh -c '<commandText> "$@"' <name> ARG1 ARG2 …`, so the text may hold pipes and fixed
/// options while every appended argument reaches the program as one argv entry that the shell
/// never parses (server-protocol.md §4.7, DEV-22). A text that is only words the shell would
/// split and look up in `PATH` (`das2-server example random`) runs that program directly, with the
/// same argv, which saves starting the shell. In-process stages are described by the same
/// text in logs, but run the transformer or source their factory makes.
///
/// ```swift
/// let reader = PipelineStage.command("probe_rdr", arguments: ["2017-01-01", "2017-01-02"])
/// let reducer = PipelineStage.inProcess("das2_bin_avgsec", arguments: ["30"]) { BinAverager(seconds: 30) }
/// let cache = PipelineStage.source("das2_cache_rdr", arguments: arguments) { CacheReaderSource(request) }
/// ```
package struct PipelineStage: Sendable {
    /// How a stage runs.
    package enum Kind: Sendable {
        /// A child process in its own process group, started through `/bin/sh` when its text needs it.
        case command
        /// A transformer made by the factory for each run, fed through the server.
        case inProcess(@Sendable () -> any PipelineTransformer)
        /// A source made by the factory for each run, pulled by the server; only the first stage.
        case source(@Sendable () -> any PipelineSource)
    }

    /// The name used for `$0` of the shell and in log lines.
    package var name: String
    /// The command text from the DSDF or configuration, used as shell text by command stages.
    package var commandText: String
    /// The arguments appended by the server, each passed as one argv entry.
    package var arguments: [String]
    /// Whether the stage is a child process or an in-process transformer.
    package var kind: Kind

    /// Creates a command stage.
    ///
    /// - Parameters:
    ///   - shellText: Shell text from the DSDF or configuration; it may contain pipes and options.
    ///   - arguments: Values appended as separate argv entries, never parsed by the shell.
    ///   - name: The stage name; defaults to the base name of the first word of `shellText`.
    /// - Returns: The stage.
    package static func command(_ shellText: String, arguments: [String] = [], name: String? = nil) -> PipelineStage {
        PipelineStage(
            name: name ?? defaultName(for: shellText),
            commandText: shellText,
            arguments: arguments,
            kind: .command
        )
    }

    /// Creates an in-process stage.
    ///
    /// - Parameters:
    ///   - commandText: The command words the stage replaces, shown in logs and messages.
    ///   - arguments: The appended arguments, shown in logs and messages.
    ///   - name: The stage name; defaults to the base name of the first word of `commandText`.
    ///   - makeTransformer: Makes a fresh transformer for each run.
    /// - Returns: The stage.
    package static func inProcess(
        _ commandText: String,
        arguments: [String] = [],
        name: String? = nil,
        makeTransformer: @escaping @Sendable () -> any PipelineTransformer
    ) -> PipelineStage {
        PipelineStage(
            name: name ?? defaultName(for: commandText),
            commandText: commandText,
            arguments: arguments,
            kind: .inProcess(makeTransformer)
        )
    }

    /// Creates an in-process source stage, which may only be the first stage of a pipeline.
    ///
    /// - Parameters:
    ///   - commandText: The command words the stage replaces, shown in logs and messages.
    ///   - arguments: The appended arguments, shown in logs and messages.
    ///   - name: The stage name; defaults to the base name of the first word of `commandText`.
    ///   - makeSource: Makes a fresh source for each run.
    /// - Returns: The stage.
    package static func source(
        _ commandText: String,
        arguments: [String] = [],
        name: String? = nil,
        makeSource: @escaping @Sendable () -> any PipelineSource
    ) -> PipelineStage {
        PipelineStage(
            name: name ?? defaultName(for: commandText),
            commandText: commandText,
            arguments: arguments,
            kind: .source(makeSource)
        )
    }

    /// The equivalent shell text: the command text followed by each argument single-quoted.
    package var shellDescription: String {
        var text = commandText
        for argument in arguments {
            text += " " + Self.shellQuoted(argument)
        }
        return text
    }

    /// `word` single-quoted for `sh`.
    package static func shellQuoted(_ word: String) -> String {
        // Byte by byte: `sh` sees bytes, so a quote followed by a combining mark (one
        // Character to `String`) is still a quote to close and escape.
        guard word.utf8.contains(UInt8(ascii: "'")) else { return "'" + word + "'" }
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        for byte in word.utf8 {
            if byte == UInt8(ascii: "'") {
                quoted += "'\\''".utf8
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "'"))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Whether the stage runs as a child process.
    var isCommand: Bool {
        if case .command = kind { return true }
        return false
    }

    /// Whether the stage is an in-process source.
    var isSource: Bool {
        if case .source = kind { return true }
        return false
    }

    /// The base name of the first word of a command text (`/usr/bin/das2_ascii -r 3` → `das2_ascii`).
    static func defaultName(for commandText: String) -> String {
        guard let firstWord = commandText.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first else {
            return commandText
        }
        return String(firstWord.split(separator: "/").last ?? firstWord)
    }
}
