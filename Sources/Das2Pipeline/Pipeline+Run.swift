package import Logging

extension Pipeline {
    /// Runs every stage and streams the last stage's output to `output`.
    ///
    /// Adjacent command stages are joined by kernel pipes; data into and out of in-process stages
    /// passes through the server. The last stage's output reaches `output` in chunks of at most
    /// ``chunkLimit`` bytes, and the next chunk is read only after `output` returns, so a slow
    /// consumer stalls the children instead of growing memory. Every child's standard error is
    /// read concurrently, logged line by line with the stage name, and its first
    /// ``standardErrorCaptureLimit`` bytes are kept in the result.
    ///
    /// The run ends early, killing and reaping every stage's process group (including whatever the
    /// shells started in it), when `output` throws, when the calling task is cancelled, when a time
    /// limit fires, or when a stage cannot start, cannot be read or fails in-process. Stopped stages
    /// get `SIGTERM`, then `SIGKILL` after ``terminationGracePeriod``. Process groups are killed again
    /// after their shells have been reaped, so nothing a stage started outlives the run.
    ///
    /// The result's failure is the first failed stage in pipeline order: a child that exits non-zero
    /// or dies of a signal the runner did not send (128 + signal), except a writer that dies of
    /// `SIGPIPE` (or whose shell exits 141) before a later stage; an in-process stage that throws;
    /// a stage that cannot start (127); or, when a time limit fired, the first stage still running
    /// (124). Whatever stages do after the runner stopped them is not a failure of their own.
    ///
    /// The first call ignores `SIGPIPE` in the server process, so that writing to a stage that has
    /// exited fails instead of killing the server; children get default signal handling back.
    ///
    /// - Parameters:
    ///   - logger: Receives the stages' standard error, in-process diagnostics and time-limit notices.
    ///   - output: Receives the output; throwing from it stops the run (the client went away).
    /// - Returns: Bytes delivered, the first failure in pipeline order, and the captured standard error.
    package func run(logger: Logger, output: (_ chunk: [UInt8]) async throws -> Void) async -> PipelineResult {
        _ = ProcessGroup.ignoreBrokenPipeInServer
        let state = PipelineRunState(pipeline: self)
        let plan: PipelinePlan
        switch PipelinePlan.make(for: stages) {
        case .success(let made):
            plan = made
        case .failure(let failure):
            state.record(.failed(.spawn(message: failure.message), exitValue: 127), forStage: failure.stageIndex)
            state.stop(.stageFailed)
            return state.result
        }

        let runner = PipelineRunner(pipeline: self, state: state, logger: logger)
        let hasTimeLimit = idleTimeout != nil || maximumDuration != nil
        logger.debug("Pipeline started", metadata: ["command": "\(commandDescription)"])
        await withTaskCancellationHandler {
            await withTaskGroup(of: ChildTask.self) { group in
                group.addTask {
                    await runner.supervise()
                    return .supervisor
                }
                if hasTimeLimit {
                    group.addTask {
                        await runner.enforceTimeLimits()
                        return .timeLimits
                    }
                }
                for unit in plan.otherUnits {
                    group.addTask {
                        await runner.run(unit, consumer: PipelineRunner.noConsumer)
                        return .unit
                    }
                }
                // The consumer may not leave this task, so its unit runs here.
                await runner.run(plan.consumerUnit, consumer: output)
                var pendingUnits = plan.otherUnits.count
                while pendingUnits > 0, let finished = await group.next() {
                    if finished == .unit {
                        pendingUnits -= 1
                    }
                }
                state.complete()
                group.cancelAll()
            }
        } onCancel: {
            state.stop(.cancelled)
        }

        let result = state.result
        logger.debug(
            "Pipeline ended",
            metadata: [
                "command": "\(commandDescription)",
                "bytes": "\(result.bytesDelivered)",
                "failure": "\(result.failure.map(\.description) ?? "none")",
                "stoppedByConsumer": "\(result.stoppedByConsumer)",
            ]
        )
        return result
    }
}

/// The kinds of child task of a run.
private enum ChildTask: Sendable {
    case unit
    case supervisor
    case timeLimits
}
