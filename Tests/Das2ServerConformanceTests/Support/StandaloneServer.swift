import Das2TestSupport

/// A `das2-server` running on one fixture for the whole suite, started as §0.1 says
/// (`--config <F>/etc/das2server.conf --mount /das/server --host 127.0.0.1 --port 0`) with
/// `PROBE_LOG` in its environment.
///
/// Its probes share one log, so requests that look at the log take ``gate`` first.
final class StandaloneServer: Sendable {
    /// The port it listens on.
    let port: Int
    /// Its process id.
    let processID: Int32
    /// The fixture it serves.
    let fixture: ServerFixture
    /// The probe log its readers append to (`<F>/probe/server.log`).
    let probeLog: ProbeLog
    /// Serializes requests that read the shared probe log.
    let gate = AsyncLimiter(limit: 1)

    private let server: BackgroundServer

    private init(server: BackgroundServer, fixture: ServerFixture, probeLog: ProbeLog) {
        self.server = server
        self.port = server.port
        self.processID = server.processID
        self.fixture = fixture
        self.probeLog = probeLog
    }

    /// Starts a server on `fixture` and returns once it listens.
    /// - Throws: when it does not start (the error holds its log).
    static func start(on fixture: ServerFixture) async throws -> StandaloneServer {
        let log = fixture.probeLog("server")
        let arguments = ["--config", fixture.configurationPath, "--mount", "/das/server", "--host", "127.0.0.1", "--port", "0"]
        guard let server = try await BackgroundServer.start(arguments, environment: ["PROBE_LOG": log.path]) else {
            throw StartFailure(root: fixture.root)
        }
        return StandaloneServer(server: server, fixture: fixture, probeLog: log)
    }

    /// `das2-server` ended before it listened.
    struct StartFailure: Error, CustomStringConvertible {
        var root: String
        var description: String { "das2-server on the fixture \(root) ended before listening" }
    }

    /// A client for this server.
    var client: HTTPClient { HTTPClient(port: port) }

    /// Stops the server (SIGTERM) and waits for it.
    /// - Returns: what it wrote to standard error.
    @discardableResult
    func shutdown() async -> String {
        await server.shutdown()
    }
}
