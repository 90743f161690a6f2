public import Logging

/// The Redis work queue of the reference server (cache-and-queue.md §5.1–§5.3), shared by
/// workers on several machines and by the original Python tools.
///
/// Lists: `das2_todo` (producers `LPUSH`, workers `BRPOPLPUSH` into their own list),
/// `das2_working_<pid>` (the task at index 0, updated with `LSET`) and `das2_finished`.
/// One hiredis connection is opened on first use and re-opened after a failure; every
/// command runs on the queue's own thread, because hiredis blocks.
public actor RedisQueue: WorkQueue {
    /// The broker.
    public nonisolated let endpoint: RedisEndpoint
    /// This worker's list, `das2_working_<pid>`.
    public nonisolated let workingList: String
    /// The value of the block locks this worker takes, `<host>:<pid>`.
    nonisolated let lockOwner: String
    private nonisolated let connectTimeout: Double
    private nonisolated let commandTimeout: Double
    private nonisolated let retryDelay: Duration
    private nonisolated let logger: Logger
    private nonisolated let executor = ThreadExecutor()
    private var connection: RedisConnection?
    private var failedAt: ContinuousClock.Instant?
    private var lastFailure: WorkQueueError?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public nonisolated var displayName: String { "redis \(endpoint)" }

    public nonisolated var blockLock: (any CacheBlockLock)? { RedisBlockLock(queue: self, logger: logger) }

    /// Creates the queue; it connects on first use.
    /// - Parameters:
    ///   - endpoint: The broker (`WORK_QUEUE_CONN`).
    ///   - connectTimeout: Seconds to wait for a connection: 300 for workers and tools
    ///     (§5.1), at most 2 for the web server, so that a dead broker does not hold requests.
    ///   - commandTimeout: Seconds to wait for a reply; more than the one second a claim
    ///     blocks.
    ///   - retryDelay: After a failed connection, calls fail at once for this long instead of
    ///     connecting again (producers; workers retry on their own schedule).
    ///   - processID: The worker's process id, for `das2_working_<pid>` and lock values.
    ///   - hostName: The host name for lock values.
    ///   - logger: Where lock problems are reported.
    public init(
        endpoint: RedisEndpoint, connectTimeout: Double = 300, commandTimeout: Double = 30,
        retryDelay: Duration = .zero, processID: Int32 = SystemIdentity.processID,
        hostName: String = SystemIdentity.hostName, logger: Logger
    ) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.commandTimeout = max(commandTimeout, 2)
        self.retryDelay = retryDelay
        self.logger = logger
        workingList = "das2_working_\(processID)"
        lockOwner = "\(hostName):\(processID)"
    }

    public func connect() throws(WorkQueueError) {
        _ = try connected()
    }

    public func enqueue(_ task: TaskString) throws(WorkQueueError) {
        _ = try command("LPUSH", "das2_todo", task.text)
    }

    public func enqueueUnlessPending(_ tasks: [TaskString]) throws(WorkQueueError) -> [TaskString] {
        var pending = Set(try command("LRANGE", "das2_todo", "0", "-1").strings.compactMap { TaskString($0).jobKey })
        var added: [TaskString] = []
        for task in tasks {
            guard let key = task.jobKey, pending.insert(key).inserted else { continue }
            _ = try command("LPUSH", "das2_todo", task.text)
            added.append(task)
        }
        return added
    }

    public func entries(of list: WorkQueueList) throws(WorkQueueError) -> [String] {
        switch list {
        case .todo, .finished:
            return try command("LRANGE", list.name, "0", "-1").strings
        case .working:
            var entries: [String] = []
            for key in try command("KEYS", "das2_working_*").strings.sorted() {
                entries += try command("LRANGE", key, "0", "-1").strings
            }
            return entries
        }
    }

    public func recoverAbandonedTasks() throws(WorkQueueError) -> [TaskString] {
        let left = try command("LRANGE", workingList, "0", "-1").strings.map(TaskString.init)
        var recovered: [TaskString] = []
        // Newest first; RPUSH oldest last so that it is taken first. A task whose worker died
        // after writing its finished form is only moved on.
        for task in left {
            if task.form == .finished {
                _ = try command("LPUSH", "das2_finished", task.text)
            } else {
                _ = try command("RPUSH", "das2_todo", task.queuedTask.text)
                recovered.append(task.queuedTask)
            }
        }
        if !left.isEmpty { _ = try command("DEL", workingList) }
        return recovered
    }

    public func claim() throws(WorkQueueError) -> ClaimedTask? {
        guard case .string(let text) = try command("BRPOPLPUSH", "das2_todo", workingList, "1") else { return nil }
        return ClaimedTask(task: TaskString(text), location: workingList)
    }

    public func update(_ claimed: ClaimedTask, to text: TaskString) throws(WorkQueueError) {
        _ = try command("LSET", claimed.location, "0", text.text)
    }

    public func finish(_ claimed: ClaimedTask, as text: TaskString) throws(WorkQueueError) {
        _ = try command("LSET", claimed.location, "0", text.text)
        _ = try command("BRPOPLPUSH", claimed.location, "das2_finished", "1")
    }

    public func discard(_ claimed: ClaimedTask) throws(WorkQueueError) {
        _ = try command("LPOP", claimed.location)
    }

    public func requeue(_ claimed: ClaimedTask) throws(WorkQueueError) {
        _ = try command("RPUSH", "das2_todo", claimed.task.queuedTask.text)
        _ = try command("DEL", claimed.location)
    }

    public func close() {
        do {
            _ = try command("DEL", workingList)
        } catch {
            logger.warning("Could not delete \(workingList): \(error.message)")
        }
        connection = nil
    }

    // MARK: Block locks (§7.4, DC-11)

    /// `SET das2_lock:<path> <host>:<pid> NX PX 60000`.
    /// - Returns: Whether this worker now holds the lock.
    func acquireLock(_ path: String) throws(WorkQueueError) -> Bool {
        try command("SET", "das2_lock:" + path, lockOwner, "NX", "PX", "60000") != .null
    }

    /// Extends a lock this worker holds to 60 s again.
    func renewLock(_ path: String) throws(WorkQueueError) {
        _ = try command("EVAL", Self.renewScript, "1", "das2_lock:" + path, lockOwner, "60000")
    }

    /// Deletes a lock if this worker holds it.
    func releaseLock(_ path: String) throws(WorkQueueError) {
        _ = try command("EVAL", Self.releaseScript, "1", "das2_lock:" + path, lockOwner)
    }

    // Compare and act in one step, so that a lock that expired and was taken by another
    // worker is never extended or deleted by this one.
    private static let renewScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
    private static let releaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

    // MARK: Connection

    private func command(_ arguments: String...) throws(WorkQueueError) -> RedisReply {
        let connection = try connected()
        do {
            return try connection.send(arguments)
        } catch {
            if error.kind == .unavailable { self.connection = nil }
            throw error
        }
    }

    /// The open connection, else a new one probed with `KEYS das2_*` (§5.1).
    private func connected() throws(WorkQueueError) -> RedisConnection {
        if let connection { return connection }
        if let failedAt, let lastFailure, failedAt.duration(to: .now) < retryDelay {
            throw lastFailure
        }
        do {
            let connection = try RedisConnection(
                endpoint: endpoint, connectTimeout: connectTimeout, commandTimeout: commandTimeout)
            _ = try connection.send(["KEYS", "das2_*"])
            self.connection = connection
            failedAt = nil
            return connection
        } catch {
            let failure = WorkQueueError(.unavailable, error.message)
            failedAt = .now
            lastFailure = failure
            throw failure
        }
    }
}
