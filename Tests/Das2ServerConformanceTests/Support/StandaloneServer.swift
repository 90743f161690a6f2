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

    private let stop: AsyncStream<Void>.Continuation
    private let run: Task<String, any Error>

    private init(port: Int, processID: Int32, fixture: ServerFixture, probeLog: ProbeLog, stop: AsyncStream<Void>.Continuation, run: Task<String, any Error>) {
        self.port = port
        self.processID = processID
        self.fixture = fixture
        self.probeLog = probeLog
        self.stop = stop
        self.run = run
    }

    /// Starts a server on `fixture` and returns once it listens.
    /// - Throws: when it does not start (the error holds its log).
    static func start(on fixture: ServerFixture) async throws -> StandaloneServer {
        let log = fixture.probeLog("server")
        let (ready, readyContinuation) = AsyncThrowingStream<(port: Int, processID: Int32), any Error>.makeStream()
        let (stopSignal, stopContinuation) = AsyncStream<Void>.makeStream()
        let arguments = ["--config", fixture.configurationPath, "--mount", "/das/server", "--host", "127.0.0.1", "--port", "0"]
        let run = Task<String, any Error> {
            do {
                let outcome = try await ServerProcess.run(arguments, environment: ["PROBE_LOG": log.path]) { server in
                    readyContinuation.yield((server.port, server.processID))
                    for await _ in stopSignal {}
                }
                readyContinuation.finish()
                return outcome.log
            } catch {
                readyContinuation.finish(throwing: error)
                throw error
            }
        }
        var iterator = ready.makeAsyncIterator()
        guard let started = try await iterator.next() else {
            throw StartFailure(root: fixture.root)
        }
        return StandaloneServer(
            port: started.port, processID: started.processID, fixture: fixture, probeLog: log, stop: stopContinuation, run: run
        )
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
        stop.finish()
        return (try? await run.value) ?? ""
    }
}
