#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Das2Cache
import Das2Examples

/// `das2-server example READER ARGS…`: runs a reader of the bundled example site.
///
/// The bundled site's DSDFs name their readers `das2-server example <reader>`, so every
/// bundled source works with nothing but the `das2-server` binary. It must start fast (the
/// server runs it per data request): `Das2ServerCommand.main()` calls ``run(reader:arguments:)``
/// directly, without ArgumentParser, HTTP machinery or logging; this command type gives
/// `--help` and the error messages for malformed command lines.
struct Example: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reader of the bundled example site, writing its stream to standard output.",
        discussion: "Exits with the reader's status: 0 on success, 13 for an unknown reader or bad arguments."
    )

    @Argument(help: "The reader name.")
    var reader: String

    @Argument(parsing: .captureForPassthrough, help: "The reader's arguments (begin and end times, …).")
    var arguments: [String] = []

    func run() throws {
        let status = Self.run(reader: reader, arguments: arguments)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs `reader` with `arguments`, its stream going to standard output.
    /// - Returns: the reader's exit status, or 1 when standard output failed.
    static func run(reader: String, arguments: [String]) -> Int32 {
        var writeFailed = false
        let status = ExampleReader.run(name: reader, arguments: arguments) { chunk in
            if !writeFailed { writeFailed = FileSystem.writeAll(chunk, to: STDOUT_FILENO) != nil }
        }
        return writeFailed ? 1 : status
    }
}
