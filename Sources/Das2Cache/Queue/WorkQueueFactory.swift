public import Das2Core
public import Logging

/// Who uses a work queue; it sets the Redis timeouts.
public enum WorkQueueRole: Sendable, Hashable {
    /// The web server: connect within 2 s and, after a failure, drop tasks at once for 10 s,
    /// so that a dead broker never holds requests.
    case producer
    /// The arbiter and `das2_srv_todo`: the reference's 300 s connect timeout (§5.1).
    case worker
}

/// Makes the work queue `das2server.conf` selects (cache-and-queue.md §5.0, config.md §2.5).
public enum WorkQueueFactory {
    /// The queue of a configuration.
    ///
    /// `WORK_QUEUE_BROKER` absent: the spool queue in `CACHE_ROOT/.queue` (DG-8); `redis` (any
    /// case): Redis at `WORK_QUEUE_CONN`; anything else disables queueing.
    /// - Parameters:
    ///   - configuration: The server configuration.
    ///   - role: Producer or worker.
    ///   - logger: Where the queue reports problems it does not throw.
    /// - Returns: The queue; it connects on first use.
    /// - Throws: ``WorkQueueError`` of kind `configuration` when queueing is disabled: an
    ///   unsupported broker, a bad `WORK_QUEUE_CONN`, or no `CACHE_ROOT` for the spool queue.
    public static func make(
        for configuration: ServerConfiguration, role: WorkQueueRole, logger: Logger
    ) throws(WorkQueueError) -> any WorkQueue {
        switch configuration.workQueueBroker {
        case .spool:
            guard let root = configuration.cacheRoot else {
                throw WorkQueueError(.configuration, "CACHE_ROOT is not set in \(configuration.path), so there is no work queue")
            }
            return SpoolQueue(directory: root + "/.queue")
        case .redis:
            let endpoint = try RedisEndpoint(parsing: configuration.workQueueConnection)
            switch role {
            case .producer:
                return RedisQueue(
                    endpoint: endpoint, connectTimeout: 2, commandTimeout: 2, retryDelay: .seconds(10), logger: logger)
            case .worker:
                return RedisQueue(endpoint: endpoint, logger: logger)
            }
        case .unsupported(let broker):
            throw WorkQueueError(
                .configuration,
                "Configuration Error, WORK_QUEUE_BROKER = \(broker) is not supported (use redis, or remove the key for the built-in spool queue); background tasks are disabled"
            )
        }
    }
}
