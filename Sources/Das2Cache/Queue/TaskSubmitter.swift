public import Das2Core
public import Logging

/// Queues cache builds for the web server (cache-and-queue.md §5.4, server-protocol.md §4.10).
///
/// For every missing block of a cache miss one 11-field `TASK_CACHE` task is built (requester
/// `SERVER_NAME` + `SCRIPT_NAME`, `REMOTE_ADDR`, the server process's login name) and added
/// unless the same job is already waiting anywhere in `das2_todo` (DC-4) — a duplicate skips
/// only itself (DC-5). Queue problems are logged, never thrown: a cache miss is answered from
/// the reader either way. The broker is used from the queue's own thread, so awaiting a
/// submission never blocks the cooperative thread pool; with Redis a submission waits at most
/// about 2 s for a dead broker, and for 10 s after a failure it does not try again.
public struct TaskSubmitter: Sendable {
    private let queue: (any WorkQueue)?
    private let user: String
    private let logger: Logger

    /// A submitter for the queue a configuration selects; when it selects none the error is
    /// logged once here and every submission is dropped.
    /// - Parameters:
    ///   - configuration: The server configuration.
    ///   - logger: Where queue problems go.
    public init(configuration: ServerConfiguration, logger: Logger) {
        var queue: (any WorkQueue)?
        do {
            queue = try WorkQueueFactory.make(for: configuration, role: .producer, logger: logger)
        } catch {
            logger.error("\(error.message)")
        }
        self.init(queue: queue, user: SystemIdentity.loginName, logger: logger)
    }

    /// A submitter for a given queue.
    /// - Parameters:
    ///   - queue: The queue, nil to drop every submission.
    ///   - user: Field 5 of the tasks, normally ``SystemIdentity/loginName``.
    ///   - logger: Where queue problems go.
    public init(queue: (any WorkQueue)?, user: String, logger: Logger) {
        self.queue = queue
        self.user = user
        self.logger = logger
    }

    /// Queues one `TASK_CACHE` task per missing block.
    /// - Parameters:
    ///   - blocks: The missing blocks: dataset, block begin and end (the time strings of
    ///     §2) and level number.
    ///   - serverName: `SERVER_NAME` of the request.
    ///   - scriptName: `SCRIPT_NAME` of the request.
    ///   - remoteAddress: `REMOTE_ADDR` of the client.
    /// - Returns: The tasks queued (duplicates and failures excluded).
    @discardableResult
    public func submitCacheBuilds(
        _ blocks: [CacheTask], serverName: String, scriptName: String, remoteAddress: String
    ) async -> [TaskString] {
        guard let queue, !blocks.isEmpty else { return [] }
        let origin = TaskOrigin.webServer(
            serverName: serverName, scriptName: scriptName, remoteAddress: remoteAddress, user: user)
        let requestTime = TaskTime.now()
        var tasks: [TaskString] = []
        for block in blocks {
            do {
                tasks.append(try TaskString(cache: block, requestTime: requestTime, origin: origin))
            } catch {
                logger.error("Cache task not queued: \(error.message)")
            }
        }
        do {
            return try await queue.enqueueUnlessPending(tasks)
        } catch {
            logger.error("Work queue unreachable, dropping cache request (\(error.message))")
            return []
        }
    }
}
