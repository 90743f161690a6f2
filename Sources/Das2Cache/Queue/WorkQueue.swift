/// The lists of a work queue (cache-and-queue.md §5.2).
public enum WorkQueueList: Sendable, Hashable, CaseIterable {
    /// Tasks waiting for a worker (`das2_todo`).
    case todo
    /// Tasks being worked on, of every worker (`das2_working_*`).
    case working
    /// Finished tasks (`das2_finished`), kept until an operator clears them.
    case finished

    /// The Redis name of the list, also used in messages for the spool queue.
    public var name: String {
        switch self {
        case .todo: "das2_todo"
        case .working: "das2_working_*"
        case .finished: "das2_finished"
        }
    }
}

/// A task a worker took from the queue.
public struct ClaimedTask: Sendable, Hashable {
    /// The task string as it was queued.
    public var task: TaskString
    /// Where the backend keeps it while it is worked on: the worker's list or file.
    let location: String

    init(task: TaskString, location: String) {
        self.task = task
        self.location = location
    }
}

/// A background work queue (cache-and-queue.md §5): producers add task strings, workers
/// claim them one at a time, report progress in place and move them to the finished list.
///
/// Two backends share the task strings and the worker behaviour (§5.0, DC-9): ``SpoolQueue``,
/// a directory below `CACHE_ROOT`, and ``RedisQueue``, the Redis lists of the reference. Use
/// ``WorkQueueFactory`` to get the one `das2server.conf` selects. A queue object is one
/// worker: it works on at most one claimed task at a time.
///
/// Every call may block on the broker or the file system; implementations do that work on
/// a thread of their own, never on the cooperative thread pool.
public protocol WorkQueue: Sendable {
    /// A description for log lines, e.g. `redis localhost:6379 db 0`.
    var displayName: String { get }

    /// The cross-machine block lock of this backend (Redis `SET NX PX`), nil when the file
    /// locks of the cache builder suffice (spool). Each access makes a new lock object, which
    /// renews the locks it took; take one per task and release through it.
    var blockLock: (any CacheBlockLock)? { get }

    /// Connects to the broker (Redis: connect, select the database, probe with
    /// `KEYS das2_*`) or creates the spool directories, unless already done.
    /// - Throws: ``WorkQueueError`` of kind `unavailable` when the queue cannot be used.
    func connect() async throws(WorkQueueError)

    /// Adds a task at the end of `das2_todo` (`LPUSH`).
    /// - Throws: ``WorkQueueError`` when the task cannot be stored.
    func enqueue(_ task: TaskString) async throws(WorkQueueError)

    /// Adds the tasks whose ``TaskString/jobKey`` is neither pending in `das2_todo` nor
    /// earlier in `tasks` (§5.4 with DC-4 and DC-5), as one step with respect to other
    /// producers of this process.
    /// - Returns: The tasks added.
    /// - Throws: ``WorkQueueError`` when the queue cannot be read or written.
    func enqueueUnlessPending(_ tasks: [TaskString]) async throws(WorkQueueError) -> [TaskString]

    /// The task strings of a list, newest first (the order of `LRANGE`).
    /// - Throws: ``WorkQueueError`` when the list cannot be read.
    func entries(of list: WorkQueueList) async throws(WorkQueueError) -> [String]

    /// Returns to `das2_todo`, in their queued form, the tasks claimed by workers of this
    /// host that no longer run (spool), or left in this process's own working list by an
    /// earlier process with the same id (Redis).
    /// - Returns: The tasks returned.
    /// - Throws: ``WorkQueueError`` when the queue cannot be read or written.
    func recoverAbandonedTasks() async throws(WorkQueueError) -> [TaskString]

    /// Takes the oldest waiting task (`BRPOPLPUSH das2_todo das2_working_<pid>`), waiting up
    /// to about a second for one.
    /// - Returns: The task, or nil when none arrived or the calling task was cancelled.
    /// - Throws: ``WorkQueueError`` when the queue cannot be used.
    func claim() async throws(WorkQueueError) -> ClaimedTask?

    /// Replaces the claimed task's entry with `text` (`LSET das2_working_<pid> 0`), for the
    /// in-process form and progress updates.
    func update(_ claimed: ClaimedTask, to text: TaskString) async throws(WorkQueueError)

    /// Replaces the claimed task's entry with its finished form and moves it to
    /// `das2_finished`.
    func finish(_ claimed: ClaimedTask, as text: TaskString) async throws(WorkQueueError)

    /// Removes a claimed task without recording it (malformed tasks, §7.2).
    func discard(_ claimed: ClaimedTask) async throws(WorkQueueError)

    /// Puts a claimed task back at the front of `das2_todo` in its queued form, so that it
    /// is taken next (`RPUSH`; DC-10), and removes it from the working list.
    func requeue(_ claimed: ClaimedTask) async throws(WorkQueueError)

    /// Ends the worker: deletes its working list (Redis `DEL das2_working_<pid>`).
    func close() async
}
