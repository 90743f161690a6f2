import Logging

/// Receives a run's output chunk by chunk; awaiting it is the back-pressure on every stage.
typealias PipelineConsumer = (_ chunk: [UInt8]) async throws -> Void

/// Runs the units of one pipeline run: command stages, the data the server moves between them,
/// their standard error, the stop procedure and the time limits.
struct PipelineRunner: Sendable {
    /// Standard error lines longer than this are cut for the log.
    static let maximumLogLineLength = 4096

    let pipeline: Pipeline
    let state: PipelineRunState
    let logger: Logger

    /// The consumer handed to units that deliver to a command rather than to the consumer.
    static func noConsumer(_ chunk: [UInt8]) async throws {
        preconditionFailure("only the consumer unit delivers to the consumer")
    }

    /// Runs one unit until its stages have ended.
    ///
    /// - Parameters:
    ///   - unit: The unit.
    ///   - consumer: The run's consumer when the unit's sink is the consumer, else ``noConsumer(_:)``.
    func run(_ unit: PipelinePlan.Unit, consumer: PipelineConsumer) async {
        switch unit {
        case .source(let transformers, let sink):
            await pump(from: nil, through: transformers, to: sink, consumer: consumer)
        case .pulled(let index, let transformers, let sink):
            guard case .source(let makeSource) = pipeline.stages[index].kind else {
                preconditionFailure("stage \(index) is not a source stage")
            }
            let source = PumpSource(stageIndex: index, source: makeSource())
            await pump(from: source, through: transformers, to: sink, consumer: consumer)
        case .command(let index, let input, let output):
            await runCommand(index, input: input, output: output, consumer: consumer)
        }
    }

    // MARK: - Stopping and time limits

    /// Waits until the run ends; when it ends early, sends `SIGKILL` to the process groups still
    /// registered once the grace period after the stop's `SIGTERM` is over (at once when the run is
    /// cancelled or all its units have ended).
    func supervise() async {
        guard await state.ending.value() != .completed else { return }
        try? await Task.sleep(for: pipeline.terminationGracePeriod)
        state.killProcessGroups()
    }

    /// Stops the run when the idle or the total limit is exceeded; returns when the task is cancelled.
    func enforceTimeLimits() async {
        let clock = ContinuousClock()
        while !state.isStopping, let check = state.nextTimeLimitCheck(now: clock.now) {
            do {
                try await clock.sleep(until: check)
            } catch {
                return
            }
            guard let (limit, duration) = state.exceededTimeLimit(at: clock.now) else { continue }
            let stage = state.firstUnfinishedStage
            if state.stop(.timeLimit(limit, duration, stageIndex: stage)) {
                logger.warning(
                    "Reader timed out after \(PipelineFailure.seconds(duration)) s",
                    metadata: ["stage": "\(pipeline.stages[stage].name)", "limit": "\(limit)"]
                )
            }
            return
        }
    }
}
