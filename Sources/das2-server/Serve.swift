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
import Das2Server
import Das2ServerHummingbird
import Hummingbird
import Logging
import NIOCore

/// `das2-server [--config FILE] [--host ADDR] [--port N] [--mount PATH]`: serves das2 over
/// HTTP until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve das2 over HTTP (the default command).",
        discussion: """
            Once listening, prints the server URL (with the actual port) as one line on \
            standard output; requests are logged to standard error. SIGINT and SIGTERM shut \
            the server down gracefully.
            """
    )

    @Option(help: ArgumentHelp("The das2server.conf to use (default: $DAS2_SERVER_CONF, else the bundled examples).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 lets the system pick one.")
    var port = 8080

    @Option(help: ArgumentHelp("The URL path the server answers under (default: the root).", valueName: "path"))
    var mount = ""

    @Option(help: "The lowest level logged: trace, debug, info (default), notice, warning, error or critical.", transform: Self.logLevel)
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535, not \(port)") }
        // Router-based embedding would read these as patterns; the standalone server serves
        // literal paths only, so the two never disagree.
        if mount.contains(where: { "*:{}".contains($0) }) {
            throw ValidationError("--mount must be a literal path, without '*', ':', '{' or '}': \(mount)")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let level = logLevel
        LoggingSystem.bootstrap { label in StandardErrorLogHandler(label: label, level: level) }
        let logger = Logger(label: "das2-server")

        let environment = ProcessEnvironment.current
        let configurationPath: String
        if let config {
            configurationPath = config
        } else if let path = environment["DAS2_SERVER_CONF"], !path.isEmpty {
            configurationPath = path
        } else {
            configurationPath = try Self.installBundledSite(environment: environment)
            logger.info("serving the bundled example site", metadata: ["config": "\(configurationPath)"])
        }
        let server = Das2Server(
            configurationPath: configurationPath, environment: environment, logger: logger, batchesLogWrites: true
        )

        let mountPath = Self.normalizedMountPath(mount)
        // The das2 server is the whole application: its responder without a router, each
        // request logged to standard error at info level as a router's middleware would, and
        // the catalog queries answered on the event loops, logged the same way.
        let das2 = Das2MountResponder<Das2RequestContext>(server: server, mountPath: mountPath)
        let requestLog = LogRequestsMiddleware<Das2RequestContext>(.info)
        let responder = CallbackResponder<Das2RequestContext> { request, context in
            try await requestLog.handle(request, context: context) { request, context in
                try await das2.respond(to: request, context: context)
            }
        }
        let urlHost = host.contains(":") ? "[\(host)]" : host
        let requestedPort = port
        let app = Application(
            responder: responder,
            server: .das2HTTP1(
                immediateAnswers: Das2ImmediateAnswers(server: server, mountPath: mountPath, requestLogLevel: .info)
            ),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? requestedPort
                _ = FileSystem.writeAll(Array("http://\(urlHost):\(port)\(mountPath)/\n".utf8), to: STDOUT_FILENO)
            },
            logger: logger
        )
        defer { server.flushLogs() }
        try await app.runService()
    }

    private static func logLevel(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("unknown log level '\(text)'")
        }
        return level
    }

    /// `das`, `/das/` and `/das` all become `/das`; the root is the empty string.
    static func normalizedMountPath(_ path: String) -> String {
        path.split(separator: "/").map { "/" + $0 }.joined()
    }

    /// Installs (or refreshes) the bundled example site in the state directory with this
    /// executable's directory as `BIN_PATH`, so the site's `das2-server example …` readers run
    /// this very binary, also when `das2_srv_arbiter` builds the site's cache blocks.
    /// - Returns: the site's configuration path.
    static func installBundledSite(environment: [String: String]) throws -> String {
        let stateHome: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            stateHome = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            stateHome = home + "/.local/state"
        } else {
            throw StartupError(message: "neither XDG_STATE_HOME nor HOME is set: pass --config or set DAS2_SERVER_CONF")
        }
        let root = stateHome + "/das2kit/examples"
        if let reason = FileSystem.makeDirectories(root, mode: 0o755) { throw StartupError(message: reason) }
        return try BundledSite.install(at: root, readerCommand: "das2-server example", binPath: ProcessEnvironment.executableDirectory)
    }
}
