#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Das2Core
import Logging
import Synchronization

/// What a server keeps between requests: the configuration (re-read when the file changes)
/// and the parsed DSDF files.
final class ServerState: Sendable {
    let configurationPath: String
    /// The environment children inherit (before `BIN_PATH`/`LIB_PATH` are prepended).
    let environment: [String: String]
    let logger: Logger
    let sources = SourceStore()
    let logFiles: LogFiles

    private struct LoadedConfiguration: Sendable {
        var status: FileSystem.Status
        var configuration: Result<ServerConfiguration, Das2ServerError>
        /// When the file was last compared with the disk (monotonic nanoseconds).
        var checkedAt: Int64
    }

    /// How long a configuration is used before the file is looked at again, in nanoseconds:
    /// edits show within a second while a busy server does not stat the file per request.
    static let recheckInterval: Int64 = 1_000_000_000

    private let loaded = Mutex<LoadedConfiguration?>(nil)

    init(configurationPath: String, environment: [String: String], logger: Logger, batchesLogWrites: Bool) {
        self.logFiles = LogFiles(batches: batchesLogWrites)
        self.configurationPath = configurationPath
        self.environment = environment
        self.logger = logger
    }

    /// The configuration, read again whenever the file changed (config.md §1.1 errors as 500).
    func configuration() throws(Das2ServerError) -> ServerConfiguration {
        let path = configurationPath
        let now = Self.monotonicNanoseconds()
        if let current = loaded.withLock({ $0 }), now - current.checkedAt < Self.recheckInterval {
            return try current.configuration.get()
        }
        guard let status = FileSystem.status(path), status.isRegularFile else {
            if FileSystem.isRegularFile(path + ".example") {
                throw Das2ServerError(.serverError, "Move \(path).example to \(path) to enable your site")
            }
            throw Das2ServerError(.serverError, "\(path) is missing")
        }
        if let current = loaded.withLock({ $0 }), current.status == status {
            loaded.withLock { $0?.checkedAt = now }
            return try current.configuration.get()
        }
        let result: Result<ServerConfiguration, Das2ServerError>
        if let bytes = FileSystem.readFile(path) {
            do {
                result = .success(try ServerConfiguration(parsing: bytes, path: path))
            } catch {
                result = .failure(Das2ServerError(.serverError, error.message))
            }
        } else {
            result = .failure(Das2ServerError(.serverError, "Cannot read \(path)"))
        }
        loaded.withLock { $0 = LoadedConfiguration(status: status, configuration: result, checkedAt: now) }
        return try result.get()
    }

    private let submitter = Mutex<(key: String, submitter: TaskSubmitter)?>(nil)

    /// The queue for cache builds of a configuration: made once and kept while the queue
    /// settings stay the same (the Redis connection or spool directory is reused).
    func taskSubmitter(for configuration: ServerConfiguration) -> TaskSubmitter {
        let key = [configuration.cacheRoot ?? "", configuration["WORK_QUEUE_BROKER"] ?? "", configuration.workQueueConnection]
            .joined(separator: "\u{0}")
        if let current = submitter.withLock({ $0?.key == key ? $0?.submitter : nil }) { return current }
        let made = TaskSubmitter(configuration: configuration, logger: logger)
        submitter.withLock { $0 = (key, made) }
        return made
    }

    private let directoryChecks = Mutex<[String: (isDirectory: Bool, checkedAt: Int64)]>([:])

    /// Whether `path` is a directory, looked at again at most once per ``recheckInterval``
    /// (the resource and log directories are checked on every request).
    func isDirectory(_ path: String) -> Bool {
        let now = Self.monotonicNanoseconds()
        if let known = directoryChecks.withLock({ $0[path] }), now - known.checkedAt < Self.recheckInterval {
            return known.isDirectory
        }
        let isDirectory = FileSystem.isDirectory(path)
        directoryChecks.withLock { $0[path] = (isDirectory, now) }
        return isDirectory
    }

    /// Monotonic nanoseconds, for cache lifetimes and durations.
    static func monotonicNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// The current UTC time.
    static func now() -> DasTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return TimeScale.t1970.time(from: Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9)
    }
}
