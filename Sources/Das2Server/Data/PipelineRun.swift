import Das2Pipeline
import Logging

/// A pipeline started in its own task, its output handed over chunk by chunk.
///
/// The task is cancelled (children killed and reaped) when the response is dropped without
/// being streamed — a HEAD request, or a front end that gave up.
final class PipelineRun: Sendable {
    /// The pipeline's output, chunk by chunk.
    let handoff = ChunkHandoff<[UInt8]>()
    private let task: Task<PipelineResult, Never>

    /// Starts the pipeline.
    init(pipeline: Pipeline, logger: Logger) {
        let handoff = self.handoff
        task = Task {
            let result = await pipeline.run(logger: logger) { chunk in
                try await handoff.send(chunk)
            }
            handoff.finish()
            return result
        }
    }

    /// Stops the pipeline at once, even while a reader is silent: its process groups are killed.
    func stop() {
        handoff.close()
        task.cancel()
    }

    /// How the pipeline ended (after the end of its output, or after ``stop()``).
    func result() async -> PipelineResult {
        await task.value
    }

    deinit {
        stop()
    }
}
