import Synchronization

/// The embedded work queue (cache-and-queue.md §5.0, DC-9): a directory, normally
/// `CACHE_ROOT/.queue`, shared by the producers and workers of one machine.
///
/// ```
/// .queue/tmp/        files being written
/// .queue/todo/       waiting tasks, one file each, named <ns since 1970>.<pid>.<n>
/// .queue/working/    claimed tasks, <worker-id>-<name>, worker-id = <host>.<pid>
/// .queue/finished/   finished tasks, <ns at finish>.<name>
/// .queue/submit.lock  locked (flock) while a producer checks for duplicates and adds
/// ```
/// Every file holds one task string and is written in `tmp/` and renamed into place, so
/// readers never see partial contents. A worker claims a task by renaming it into
/// `working/`; the rename succeeds for exactly one worker. A claimed task whose worker no
/// longer runs is returned to `todo/` by ``recoverAbandonedTasks()``.
public actor SpoolQueue: WorkQueue {
    /// The queue directory.
    public nonisolated let directory: String
    /// `<host>.<pid>` of this worker (`-` in the host name written `_`).
    nonisolated let workerID: String
    private nonisolated let hostPart: String
    private nonisolated let executor = ThreadExecutor()
    private var prepared = false
    private static let sequence = Atomic<Int>(0)

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public nonisolated var displayName: String { "spool \(directory)" }

    public nonisolated var blockLock: (any CacheBlockLock)? { nil }

    /// Creates the queue; its directories are created on first use.
    /// - Parameters:
    ///   - directory: The queue directory, `CACHE_ROOT/.queue`.
    ///   - processID: The worker's process id, part of its worker id.
    ///   - hostName: The worker's host; only tasks of workers on the same host are recovered.
    public init(directory: String, processID: Int32 = SystemIdentity.processID, hostName: String = SystemIdentity.hostName) {
        self.directory = directory
        hostPart = String(hostName.map { $0 == "-" ? "_" : $0 })
        workerID = hostPart + "." + String(processID)
    }

    public func connect() throws(WorkQueueError) {
        try prepare()
    }

    public func enqueue(_ task: TaskString) throws(WorkQueueError) {
        try prepare()
        try store(task.text, at: path(.todo, Self.newName()))
    }

    public func enqueueUnlessPending(_ tasks: [TaskString]) throws(WorkQueueError) -> [TaskString] {
        try prepare()
        // The lock makes check and add one step for every producer on this machine.
        return try SpoolFiles.withLock(directory + "/submit.lock") { () throws(WorkQueueError) -> [TaskString] in
            var pending = Set(try texts(in: .todo).compactMap { TaskString($0).jobKey })
            var added: [TaskString] = []
            for task in tasks {
                guard let key = task.jobKey, pending.insert(key).inserted else { continue }
                try store(task.text, at: path(.todo, Self.newName()))
                added.append(task)
            }
            return added
        }
    }

    public func entries(of list: WorkQueueList) throws(WorkQueueError) -> [String] {
        try prepare()
        return try texts(in: list)
    }

    public func recoverAbandonedTasks() throws(WorkQueueError) -> [TaskString] {
        try prepare()
        var recovered: [TaskString] = []
        for file in try SpoolFiles.names(in: path(.working)).sorted() where !file.hasPrefix(".") {
            guard let (worker, name) = Self.split(file), let dot = worker.lastIndex(of: "."),
                worker[..<dot] == hostPart, let id = Int32(worker[worker.index(after: dot)...]),
                !SystemIdentity.processExists(id)
            else { continue }
            let location = path(.working, file)
            guard let text = try SpoolFiles.contents(of: location) else { continue }
            let task = TaskString(text)
            if task.form == .finished {
                try store(text, at: path(.finished, Self.finishedName(name)))
            } else {
                try store(task.queuedTask.text, at: path(.todo, name))
                recovered.append(task.queuedTask)
            }
            try SpoolFiles.remove(location)
        }
        return recovered
    }

    public func claim() async throws(WorkQueueError) -> ClaimedTask? {
        try prepare()
        for attempt in 0..<5 {
            if attempt > 0 {
                do {
                    try await Task.sleep(for: .milliseconds(200))
                } catch {
                    return nil
                }
            }
            if let claimed = try claimOldest() { return claimed }
        }
        return nil
    }

    public func update(_ claimed: ClaimedTask, to text: TaskString) throws(WorkQueueError) {
        try store(text.text, at: claimed.location)
    }

    public func finish(_ claimed: ClaimedTask, as text: TaskString) throws(WorkQueueError) {
        try store(text.text, at: path(.finished, Self.finishedName(Self.name(of: claimed))))
        try SpoolFiles.remove(claimed.location)
    }

    public func discard(_ claimed: ClaimedTask) throws(WorkQueueError) {
        try SpoolFiles.remove(claimed.location)
    }

    public func requeue(_ claimed: ClaimedTask) throws(WorkQueueError) {
        // The original name is the oldest in todo/, so the task is taken next.
        try store(claimed.task.queuedTask.text, at: path(.todo, Self.name(of: claimed)))
        try SpoolFiles.remove(claimed.location)
    }

    public func close() {}

    // MARK: Files

    private func claimOldest() throws(WorkQueueError) -> ClaimedTask? {
        for name in try SpoolFiles.names(in: path(.todo)).sorted() where !name.hasPrefix(".") {
            let location = path(.working, workerID + "-" + name)
            guard try SpoolFiles.move(path(.todo, name), to: location) else { continue }
            guard let text = try SpoolFiles.contents(of: location) else { continue }
            return ClaimedTask(task: TaskString(text), location: location)
        }
        return nil
    }

    /// The task strings of a list: waiting and finished newest first, working by worker.
    private func texts(in list: WorkQueueList) throws(WorkQueueError) -> [String] {
        var names = try SpoolFiles.names(in: path(list)).filter { !$0.hasPrefix(".") }.sorted()
        if list != .working { names.reverse() }
        var texts: [String] = []
        for name in names {
            if let text = try SpoolFiles.contents(of: path(list, name)) { texts.append(text) }
        }
        return texts
    }

    /// Writes `text` to a new file in `tmp/` and renames it to `destination`.
    private func store(_ text: String, at destination: String) throws(WorkQueueError) {
        let temporary = path(nil, Self.newName())
        try SpoolFiles.create(temporary, text: text)
        do {
            _ = try SpoolFiles.move(temporary, to: destination)
        } catch {
            try? SpoolFiles.remove(temporary)
            throw error
        }
    }

    private func prepare() throws(WorkQueueError) {
        if prepared { return }
        for list in [nil] + WorkQueueList.allCases {
            try SpoolFiles.makeDirectories(path(list))
        }
        prepared = true
    }

    /// The directory of a list (`tmp/` for nil), or a file in it.
    private nonisolated func path(_ list: WorkQueueList?, _ name: String? = nil) -> String {
        let folder =
            switch list {
            case nil: "tmp"
            case .todo: "todo"
            case .working: "working"
            case .finished: "finished"
            }
        return directory + "/" + folder + (name.map { "/" + $0 } ?? "")
    }

    /// A new file name that sorts after every earlier one of this host:
    /// `<20-digit ns since 1970>.<pid>.<n>`.
    private static func newName() -> String {
        let time = String(FileSystem.now())
        let number = sequence.add(1, ordering: .relaxed).newValue
        return String(repeating: "0", count: max(0, 20 - time.count)) + time + ".\(SystemIdentity.processID).\(number)"
    }

    private static func finishedName(_ name: String) -> String {
        let time = String(FileSystem.now())
        return String(repeating: "0", count: max(0, 20 - time.count)) + time + "." + name
    }

    /// Worker id and task name of a file in `working/`: worker ids contain no `-`.
    private static func split(_ file: String) -> (worker: Substring, name: String)? {
        guard let dash = file.firstIndex(of: "-") else { return nil }
        return (file[..<dash], String(file[file.index(after: dash)...]))
    }

    private static func name(of claimed: ClaimedTask) -> String {
        let file = claimed.location.split(separator: "/").last.map(String.init) ?? claimed.location
        return split(file)?.name ?? file
    }
}
