import Das2Pipeline
import Logging
import Synchronization

/// A pipeline started in its own task, its output handed over chunk by chunk.
///
/// The task is cancelled (children killed and reaped) when the response is dropped without
/// being streamed — a HEAD request, or a front end that gave up — and when the client leaves
/// while the pipeline runs, even while its reader is silent.
final class PipelineRun: Sendable {
    /// The pipeline's output, chunk by chunk.
    let handoff = ChunkHandoff<[UInt8]>()
    private let task: Task<PipelineResult, Never>
    private let departed = Flag()

    /// Starts the pipeline.
    /// - Parameter clientDeparture: tells when the client has gone (``Das2Request/clientDeparture``);
    ///   the pipeline is then stopped, and ``clientDeparted`` is true.
    init(pipeline: Pipeline, logger: Logger, clientDeparture: (any ClientDeparture)? = nil) {
        let handoff = self.handoff
        let task = Task {
            let result = await pipeline.run(logger: logger) { chunk in
                try await handoff.send(chunk)
            }
            handoff.finish()
            return result
        }
        self.task = task
        guard let clientDeparture else { return }
        let departed = self.departed
        // Watches until the client leaves or the pipeline ends, whichever comes first; it holds
        // no reference to the run, so a dropped run still stops through `deinit`.
        Task {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await clientDeparture.wait()
                    return !Task.isCancelled
                }
                group.addTask {
                    _ = await task.value
                    return false
                }
                if await group.next() == true {
                    departed.value.store(true, ordering: .releasing)
                    handoff.close()
                    task.cancel()
                }
                group.cancelAll()
            }
        }
    }

    /// Whether the pipeline was stopped because the client left.
    var clientDeparted: Bool {
        departed.value.load(ordering: .acquiring)
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

    /// A flag the watching task can share without keeping the run alive.
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }
}
