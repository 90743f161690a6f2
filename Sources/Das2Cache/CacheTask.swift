/// One `TASK_CACHE` job: build the blocks of one source between two times at one or all levels
/// (fields 7–10 of the task string, cache-and-queue.md §5.3).
public struct CacheTask: Sendable, Hashable {
    /// The source name, e.g. `Examples/Spectra`.
    public var dataset: String
    /// The begin time as written in the task.
    public var begin: String
    /// The end time as written in the task.
    public var end: String
    /// `ALL` (any letter case) or a level number (leading zeros allowed).
    public var level: String

    /// Creates a task from its job fields.
    /// - Parameters:
    ///   - dataset: The source name.
    ///   - begin: The begin time.
    ///   - end: The end time.
    ///   - level: `ALL` or a level number.
    public init(dataset: String, begin: String, end: String, level: String) {
        self.dataset = dataset
        self.begin = begin
        self.end = end
        self.level = level
    }
}

/// How far a cache build has come, for the in-process form of its task (cache-and-queue.md §5.3).
public struct CacheProgress: Sendable {
    /// The fraction of the task's blocks done so far, 0...1.
    public var fraction: Double
    /// What is being done, e.g. `Writing: 1979-03-01T12_bin-250ms.d2s`.
    public var status: String

    /// Creates a progress report.
    /// - Parameters:
    ///   - fraction: The fraction done.
    ///   - status: The status text.
    public init(fraction: Double, status: String) {
        self.fraction = fraction
        self.status = status
    }
}

/// How a cache build ended: the status and return code of its finished task.
public struct CacheTaskOutcome: Sendable, Hashable {
    /// `Successfully processed <k> of <m> cache blocks`, or the validation message.
    public var status: String
    /// 0 when at least one block was built, else 13.
    public var returnCode: Int32
    /// Whether the build stopped because its task was cancelled; the task should be queued
    /// again (DC-10).
    public var cancelled: Bool

    /// Creates an outcome.
    /// - Parameters:
    ///   - status: The status text.
    ///   - returnCode: The return code.
    ///   - cancelled: Whether the build was cancelled.
    public init(status: String, returnCode: Int32, cancelled: Bool = false) {
        self.status = status
        self.returnCode = returnCode
        self.cancelled = cancelled
    }
}

/// A lock on one block that other machines honour, such as Redis
/// `SET das2_lock:<path> <host>:<pid> NX PX 60000` (cache-and-queue.md §7.4).
///
/// The builder takes it after the local file lock and releases it when the block is done; an
/// implementation renews it while it is held.
public protocol CacheBlockLock: Sendable {
    /// Takes the lock of a block unless someone else holds it.
    /// - Parameter relativePath: The block file path relative to `CACHE_ROOT` (`data/…`).
    /// - Returns: Whether this worker now holds it.
    func acquire(_ relativePath: String) async -> Bool

    /// Gives back a lock taken with ``acquire(_:)``.
    /// - Parameter relativePath: The same path.
    func release(_ relativePath: String) async
}
