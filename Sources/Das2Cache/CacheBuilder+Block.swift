#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
import Das2Pipeline
import Das2Stream
import Logging

extension CacheBuilder {
    /// How the work on one block ended.
    enum BlockResult {
        /// The block file was written.
        case built
        /// Another builder holds the block, or wrote it since this task started.
        case leftToOther
        /// The block could not be built; nothing was left behind.
        case failed
        /// The task was cancelled while the block was being built; nothing was left behind.
        case cancelled
    }

    /// Why writing the pipeline's output to the temporary file stopped.
    private struct TemporaryFileError: Error {
        var reason: String
    }

    /// Builds one block under its locks (cache-and-queue.md §7.4 step 3).
    func build(
        _ block: CoverageBlock,
        of level: CacheJob.Level,
        in job: CacheJob,
        lock: (any CacheBlockLock)?,
        startedAt: Int64
    ) async -> BlockResult {
        let relativePath = job.layout.relativeBlockPath(
            dataset: job.dataset, level: level.level, block: block, format: job.format)
        let path = job.layout.root + "/" + relativePath
        let metadata: Logger.Metadata = ["block": "\(relativePath)"]
        if let problem = FileSystem.makeDirectories(String(path[..<path.lastIndex(of: "/")!])) {
            logger.error("Cannot build the cache block: \(problem)", metadata: metadata)
            return .failed
        }
        let fileLock: BlockFileLock
        switch BlockFileLock.acquire(path + ".lock") {
        case .acquired(let acquired):
            fileLock = acquired
        case .heldElsewhere:
            logger.info("Cache block is being built by another worker", metadata: metadata)
            return .leftToOther
        case .failed(let reason):
            logger.error("Cannot lock the cache block: \(reason)", metadata: metadata)
            return .failed
        }
        if let lock, !(await lock.acquire(relativePath)) {
            fileLock.release()
            logger.info("Cache block is being built on another machine", metadata: metadata)
            return .leftToOther
        }
        removeAbandonedTemporaries(of: path)
        let result = await buildLocked(block, of: level, in: job, path: path, startedAt: startedAt, metadata: metadata)
        if let lock { await lock.release(relativePath) }
        fileLock.release()
        return result
    }

    /// Deletes the temporary files of a worker killed while it built this block: whoever holds
    /// the block's locks is the only one writing it, so any temporary file there is abandoned.
    private func removeAbandonedTemporaries(of path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let directory = String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        FileSystem.removeFiles(in: directory, prefixedBy: name + ".tmp.")
    }

    /// Runs the block's pipeline into a temporary file and renames it into place.
    private func buildLocked(
        _ block: CoverageBlock,
        of level: CacheJob.Level,
        in job: CacheJob,
        path: String,
        startedAt: Int64,
        metadata: Logger.Metadata
    ) async -> BlockResult {
        if let status = FileSystem.status(path), status.isRegularFile, status.modified >= startedAt {
            logger.info("Cache block was written by another worker during this task", metadata: metadata)
            return .leftToOther
        }
        let stages: [PipelineStage]
        do {
            stages = try makeStages(block, of: level, in: job)
        } catch {
            logger.error("Misconfigured reducer '\(level.reducer ?? "")': \(error.message)", metadata: metadata)
            return .failed
        }
        let temporary = "\(path).tmp.\(SystemIdentity.hostName).\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            logger.error("Cannot create \(temporary): \(FileSystem.lastError())", metadata: metadata)
            return .failed
        }
        let pipeline = Pipeline(
            stages: stages,
            environment: .exactly(processEnvironment),
            idleTimeout: job.idleTimeout > 0 ? .milliseconds(Int64(job.idleTimeout * 1000)) : nil,
            maximumDuration: job.maximumSeconds > 0 ? .milliseconds(Int64(job.maximumSeconds * 1000)) : nil
        )
        logger.info("Exec: \(pipeline.commandDescription) > '\(temporary)'", metadata: metadata)
        var writeFailure: String?
        let result = await pipeline.run(logger: logger) { chunk in
            if let reason = FileSystem.writeAll(chunk, to: descriptor) {
                writeFailure = reason
                throw TemporaryFileError(reason: reason)
            }
        }
        close(descriptor)

        if result.stoppedByConsumer && writeFailure == nil {
            // Only cancelling the task stops a run without a write failure.
            FileSystem.remove(temporary)
            return .cancelled
        }
        let problem: String? =
            if let failure = result.failure {
                "\(failure.description), exit value \(failure.exitValue)"
            } else if let writeFailure {
                "cannot write \(temporary): \(writeFailure)"
            } else if !FileSystem.isRegularFile(temporary) {
                "expected output file \(temporary) missing, exit value 5"
            } else {
                FileSystem.move(temporary, to: path).map { "cannot rename \(temporary): \($0)" }
            }
        if let problem {
            FileSystem.remove(temporary)
            logger.error("Cache block not built: \(problem)", metadata: metadata)
            return .failed
        }
        return .built
    }

    /// `READER 'B' 'E' 'P1' …` and, for a binned level, `| REDUCER '-b' 'B' '<res %f>'`.
    private func makeStages(
        _ block: CoverageBlock, of level: CacheJob.Level, in job: CacheJob
    ) throws(Das2StreamError) -> [PipelineStage] {
        let begin = block.startText
        var stages: [PipelineStage] = [
            .command(
                job.reader, arguments: [begin, block.endText] + ReaderParameters(level.level.parameters).arguments,
                name: "reader")
        ]
        if let reducer = level.reducer {
            let arguments = ["-b", begin, FloatFormat(.fixed).string(level.level.resolutionSeconds)]
            let words = reducer.split(whereSeparator: \.isWhitespace).map(String.init)
            if configuration.builtinReducers, let tool = try StreamTool(commandWords: words + arguments) {
                stages.append(.inProcess(reducer, arguments: arguments, name: "reducer") { StreamToolTransformer(tool) })
            } else {
                stages.append(.command(reducer, arguments: arguments, name: "reducer"))
            }
        }
        return stages
    }

    /// The builder's environment with `BIN_PATH` in front of `PATH` and `LIB_PATH` in front of
    /// `LD_LIBRARY_PATH` (config.md §2.2).
    private var processEnvironment: [String: String] {
        var variables = environment
        variables["PATH"] = ServerConfiguration.prependingPaths(configuration.binPath, to: variables["PATH"])
        if !configuration.libPath.isEmpty {
            variables["LD_LIBRARY_PATH"] = ServerConfiguration.prependingPaths(
                configuration.libPath, to: variables["LD_LIBRARY_PATH"])
        }
        return variables
    }
}
