import Das2Cache
import Logging
import Synchronization

/// The arbiter's work loop (cache-and-queue.md §7.2): one task at a time from the work queue,
/// run, recorded in the finished list.
final class Arbiter: Sendable {
    private let queue: any WorkQueue
    private let builder: CacheBuilder
    private let hapiInfo: HAPIInfoTask
    private let log: ArbiterLog
    private let logger: Logger
    private let reconnectDelay: Duration
    private let work = Mutex<(stopping: Bool, task: Task<Void, Never>?)>((false, nil))

    /// - Parameters:
    ///   - queue: The work queue.
    ///   - builder: Runs `TASK_CACHE` tasks.
    ///   - hapiInfo: Runs `HAPI_INFO_CACHE` tasks.
    ///   - log: The log, for its per-task prefix.
    ///   - logger: A logger writing to `log`.
    ///   - reconnectDelay: The wait before connecting again to a broker that is down.
    init(
        queue: any WorkQueue, builder: CacheBuilder, hapiInfo: HAPIInfoTask, log: ArbiterLog, logger: Logger,
        reconnectDelay: Duration = .seconds(300)
    ) {
        self.queue = queue
        self.builder = builder
        self.hapiInfo = hapiInfo
        self.log = log
        self.logger = logger
        self.reconnectDelay = reconnectDelay
    }

    /// Works until ``stop(signal:)``, then deletes its working list.
    /// - Returns: The exit status, 0.
    func run() async -> Int32 {
        let loop = Task { await self.loop() }
        let stopping = work.withLock { work in
            work.task = loop
            return work.stopping
        }
        if stopping { loop.cancel() }
        await loop.value
        await queue.close()
        log.record("das2_srv_arbiter normal shut down")
        return 0
    }

    /// Ends the loop: the running build is cancelled (the builder stops its processes and
    /// deletes its temporary file) and its task put back on the queue (DC-10).
    func stop(signal: Int32) {
        log.record("Received signal \(signal), shutting down")
        let task = work.withLock { work in
            work.stopping = true
            return work.task
        }
        task?.cancel()
    }

    private func loop() async {
        var connected = false
        while !Task.isCancelled {
            if !connected {
                do {
                    try await queue.connect()
                    connected = true
                    log.record("Connection to job broker established (\(queue.displayName))")
                    for task in try await queue.recoverAbandonedTasks() {
                        log.record("Returned an abandoned task to das2_todo: '\(task.text)'")
                    }
                } catch {
                    connected = false
                    log.record("Job broker not available, \(error.message)  Will try again in \(reconnectDelay.components.seconds / 60) minutes")
                    try? await Task.sleep(for: reconnectDelay)
                    continue
                }
            }
            do {
                guard let claimed = try await queue.claim() else { continue }
                if Task.isCancelled {
                    try await queue.requeue(claimed)
                    break
                }
                log.newPrefix()
                log.record("Starting Task - '\(claimed.task.text)'")
                try await process(claimed)
            } catch {
                log.record("Exception caught while reading/writing the work queue (\(queue.displayName)): \(error.message)")
                connected = false
            }
        }
    }

    /// Runs one task (§7.3): malformed tasks are dropped, unimplemented categories and
    /// invalid cache tasks finish with return code 13.
    private func process(_ claimed: ClaimedTask) async throws(WorkQueueError) {
        let task = claimed.task
        guard task.fields.count >= 7 else {
            log.record("ERROR: Bad Task Entry, Task has too few fields to be valid: '\(task.text)'")
            try await queue.discard(claimed)
            return
        }
        guard let category = task.category else {
            log.record("ERROR: Bad Task Entry, No task handler is defined for items of type \(task.categoryName ?? "")")
            try await queue.discard(claimed)
            return
        }
        let begin = TaskTime.now()
        try await queue.update(claimed, to: task.inProcess(beginTime: begin))

        let status: String
        let returnCode: Int32
        switch category {
        case .cache:
            guard let job = task.cacheTask else {
                (status, returnCode) = ("Expected 11 fields for caching tasks, entry has \(task.fields.count)", 13)
                break
            }
            let outcome = await builder.run(job, lock: queue.blockLock) { [queue, logger] progress in
                let text = task.inProcess(
                    beginTime: begin, status: progress.status, progress: TaskString.progressText(progress.fraction))
                do throws(WorkQueueError) {
                    try await queue.update(claimed, to: text)
                } catch {
                    logger.warning("Cannot record the progress of the task: \(error.message)")
                }
            }
            if outcome.cancelled {
                try await queue.requeue(claimed)
                log.record("Task cancelled and returned to das2_todo: '\(task.text)'")
                return
            }
            (status, returnCode) = (outcome.status, outcome.returnCode)
        case .usage:
            (status, returnCode) = ("Updating usage statistics is not yet implemented", 13)
        case .coverage:
            (status, returnCode) = ("Updating Coverage Plots is not yet implemented", 13)
        case .list:
            (status, returnCode) = ("Updating a cached list of dataset files is not yet implemented", 13)
        case .hapiInfoCache:
            guard task.fields.count >= 9 else {
                (status, returnCode) = ("Expected at least 9 fields for HAPI info tasks, entry has \(task.fields.count)", 13)
                break
            }
            (status, returnCode) = await hapiInfo.run(dataset: task.fields[7])
        }
        log.record("   Status: \(status)")
        let end = TaskTime.now()
        try await queue.finish(claimed, as: task.finished(beginTime: begin, status: status, endTime: end, returnCode: returnCode))
        log.record("Task type '\(category.rawValue.lowercased())' finished at \(end), with return code \(returnCode)")
    }
}
