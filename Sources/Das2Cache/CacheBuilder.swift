#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Das2Core
public import Logging

/// Builds the cache blocks of one `TASK_CACHE` job (cache-and-queue.md §7.4).
///
/// For every selected level, in ascending level number, and every block covering the task's
/// range, the builder runs the source's reader over the whole block period — followed, for a
/// binned level, by the reducer with `-b <block start> <resolution>` — and writes the output to
/// `<file>.tmp.<host>.<pid>`, renamed into place when the pipeline succeeds (even when it wrote
/// nothing: an empty block records that the reader had no data). A failed block leaves no file.
///
/// Only one builder works on a block at a time: an `fcntl` lock on `<file>.lock` (released by
/// the kernel if the process dies) and, when given, a ``CacheBlockLock`` that other machines
/// honour. A block held by another builder, or written by one since this task started, is
/// left to it and counted as processed.
///
/// Cancelling the calling task stops the running block at once: its stages' process groups are
/// killed, its temporary file removed, and the outcome says `cancelled` so that the task can be
/// queued again (DC-10).
///
/// ```swift
/// let builder = CacheBuilder(configuration: configuration, environment: environment, logger: logger)
/// let outcome = await builder.run(task, lock: nil) { progress in report(progress) }
/// // outcome.status == "Successfully processed 4 of 4 cache blocks", outcome.returnCode == 0
/// ```
public struct CacheBuilder: Sendable {
    let configuration: ServerConfiguration
    let environment: [String: String]
    let logger: Logger

    /// Creates a builder.
    /// - Parameters:
    ///   - configuration: The server configuration: `CACHE_ROOT`, `DSDF_ROOT`, `BIN_PATH`,
    ///     `LIB_PATH`, the default reducers, `BUILTIN_REDUCERS` and the reader time limits.
    ///   - environment: The environment of the reader processes, before `BIN_PATH` is put in
    ///     front of `PATH` and `LIB_PATH` in front of `LD_LIBRARY_PATH`.
    ///   - logger: Receives the commands, the readers' standard error and block failures.
    public init(configuration: ServerConfiguration, environment: [String: String], logger: Logger) {
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
    }

    /// Runs one task.
    ///
    /// A task that fails validation (§7.4 step 1) ends with its message and return code 13;
    /// otherwise the status is `Successfully processed <k> of <m> cache blocks`, with return
    /// code 0 when k > 0 and 13 otherwise.
    /// - Parameters:
    ///   - task: The task.
    ///   - lock: The cross-machine block lock, or nil.
    ///   - progress: Called before each block with the fraction of blocks done and
    ///     `Writing: <file name>`.
    /// - Returns: The outcome.
    public func run(
        _ task: CacheTask,
        lock: (any CacheBlockLock)?,
        progress: @Sendable (CacheProgress) async -> Void
    ) async -> CacheTaskOutcome {
        let job: CacheJob
        switch CacheJob.make(task, configuration: configuration) {
        case .success(let made):
            job = made
        case .failure(let failure):
            logger.error("Cache task rejected: \(failure.message)", metadata: ["dataset": "\(task.dataset)"])
            return CacheTaskOutcome(status: failure.message, returnCode: 13)
        }
        let startedAt = FileSystem.now()
        let total = job.levels.reduce(0) {
            $0 + CoverageBlock.blocks(from: job.begin, to: job.end, scheme: $1.level.block).count
        }
        var done = 0
        var processed = 0
        for level in job.levels {
            for block in CoverageBlock.blocks(from: job.begin, to: job.end, scheme: level.level.block) {
                if Task.isCancelled { return cancelled(processed: processed, total: total) }
                let name = block.fileName(
                    resolutionDirectory: level.level.resolutionDirectory, fileExtension: job.format.fileExtension)
                await progress(CacheProgress(fraction: Double(done) / Double(total), status: "Writing: \(name)"))
                switch await build(block, of: level, in: job, lock: lock, startedAt: startedAt) {
                case .built, .leftToOther:
                    processed += 1
                case .failed:
                    break
                case .cancelled:
                    return cancelled(processed: processed, total: total)
                }
                done += 1
            }
        }
        return CacheTaskOutcome(
            status: "Successfully processed \(processed) of \(total) cache blocks", returnCode: processed > 0 ? 0 : 13)
    }

    private func cancelled(processed: Int, total: Int) -> CacheTaskOutcome {
        logger.notice("Cache task cancelled after \(processed) of \(total) cache blocks")
        return CacheTaskOutcome(
            status: "Cancelled after processing \(processed) of \(total) cache blocks", returnCode: 13, cancelled: true)
    }
}
