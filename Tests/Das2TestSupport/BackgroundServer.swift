/// A `das2-server` that keeps running while a test sends it requests, stopped with
/// ``shutdown()``.
public final class BackgroundServer: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    /// Its process id.
    public let processID: Int32
    private let stopSignal: AsyncStream<Void>.Continuation
    private let run: Task<String, any Error>

    private init(port: Int, processID: Int32, stopSignal: AsyncStream<Void>.Continuation, run: Task<String, any Error>) {
        self.port = port
        self.processID = processID
        self.stopSignal = stopSignal
        self.run = run
    }

    /// Starts `das2-server <arguments>` and returns once it listens.
    /// - Returns: nil when the server ended before listening.
    public static func start(_ arguments: [String], environment: [String: String?] = [:]) async throws -> BackgroundServer? {
        let (ready, readyContinuation) = AsyncThrowingStream<(port: Int, processID: Int32), any Error>.makeStream()
        let (stopped, stopContinuation) = AsyncStream<Void>.makeStream()
        let run = Task<String, any Error> {
            do {
                let outcome = try await ServerProcess.run(arguments, environment: environment) { server in
                    readyContinuation.yield((server.port, server.processID))
                    for await _ in stopped {}
                }
                readyContinuation.finish()
                return outcome.log
            } catch {
                readyContinuation.finish(throwing: error)
                throw error
            }
        }
        var iterator = ready.makeAsyncIterator()
        guard let started = try await iterator.next() else { return nil }
        return BackgroundServer(port: started.port, processID: started.processID, stopSignal: stopContinuation, run: run)
    }

    /// Stops the server and returns what it logged.
    @discardableResult
    public func shutdown() async -> String {
        stopSignal.finish()
        return (try? await run.value) ?? ""
    }
}
