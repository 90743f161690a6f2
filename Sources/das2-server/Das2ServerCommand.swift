#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// The `das2-server` command: a standalone das2 server, and the readers of its bundled
/// example site.
@main
struct Das2ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "das2-server",
        abstract: "A standalone das2 server.",
        usage: """
            das2-server [--config <file>] [--host <address>] [--port <port>] [--mount <path>] [--log-level <level>]
            das2-server example <reader> [<arguments> ...]
            """,
        discussion: """
            Without --config (and without DAS2_SERVER_CONF in the environment) it serves the \
            bundled example site, installed under $XDG_STATE_HOME/das2kit/examples \
            (default ~/.local/state/das2kit/examples).
            """,
        subcommands: [Serve.self, Example.self],
        defaultSubcommand: Serve.self
    )

    /// Runs `example READER ARGS…` without ArgumentParser (the server starts it for every
    /// data request of the bundled site, so each millisecond counts); anything else goes
    /// through the parser.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count >= 2, arguments[0] == "example", !arguments[1].hasPrefix("-") {
            exitProcess(Example.run(reader: arguments[1], arguments: Array(arguments.dropFirst(2))))
        }
        await main(arguments)
    }
}

/// `exit(3)` (inside the command type, `exit` names ArgumentParser's method).
private func exitProcess(_ status: Int32) -> Never {
    exit(status)
}
