/// An ordered chain of command and in-process stages whose last output streams to a consumer.
///
/// The server builds one per data request (server-protocol.md §4.7) and streams it with
/// ``run(logger:output:)``, which starts every stage, connects them, enforces the time limits,
/// and reports the first failure in pipeline order (§4.8).
///
/// ```swift
/// var pipeline = Pipeline(stages: [
///     .command("probe_rdr", arguments: ["2017-01-01", "2017-01-02"]),
///     .inProcess("das2_bin_avgsec", arguments: ["30"]) { BinAverager(seconds: 30) },
/// ])
/// pipeline.idleTimeout = .seconds(300)
/// let result = await pipeline.run(logger: logger) { chunk in try await writer.write(chunk) }
/// ```
package struct Pipeline: Sendable {
    /// The largest chunk handed to the consumer at once.
    package static let chunkLimit = 64 * 1024
    /// How much standard error ``PipelineResult/standardError`` keeps.
    package static let standardErrorCaptureLimit = 64 * 1024

    /// The stages in data order; the first one's input is empty.
    package var stages: [PipelineStage]
    /// The environment of the child processes.
    package var environment: PipelineEnvironment
    /// The working directory of the child processes; nil keeps the server's.
    package var workingDirectory: String?
    /// Stop everything when the consumer has received no byte for this long; nil for no limit.
    ///
    /// Time spent inside the consumer does not count: a slow client is not an idle reader.
    package var idleTimeout: Duration?
    /// Stop everything when the run has lasted this long; nil for no limit.
    package var maximumDuration: Duration?
    /// How long stopped stages get between `SIGTERM` and `SIGKILL` to their process groups.
    package var terminationGracePeriod: Duration

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - stages: The stages in data order; at least one.
    ///   - environment: The environment of the child processes.
    ///   - workingDirectory: The working directory of the child processes; nil keeps the server's.
    ///   - idleTimeout: The idle limit; nil for none.
    ///   - maximumDuration: The total limit; nil for none.
    ///   - terminationGracePeriod: The delay between `SIGTERM` and `SIGKILL` when stopping.
    package init(
        stages: [PipelineStage],
        environment: PipelineEnvironment = .inherited,
        workingDirectory: String? = nil,
        idleTimeout: Duration? = nil,
        maximumDuration: Duration? = nil,
        terminationGracePeriod: Duration = .milliseconds(200)
    ) {
        self.stages = stages
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.idleTimeout = idleTimeout
        self.maximumDuration = maximumDuration
        self.terminationGracePeriod = terminationGracePeriod
    }

    /// The equivalent shell text for logs and error messages (server-protocol.md §4.7).
    ///
    /// Stages are joined by ` | ` and every appended argument is single-quoted, e.g.
    /// `probe_rdr '2017-01-01' '2017-01-02' | das2_bin_avgsec '30'`.
    package var commandDescription: String {
        stages.map(\.shellDescription).joined(separator: " | ")
    }
}
