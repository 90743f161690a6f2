/// A work-queue failure: a configuration that selects no usable queue, a broker that cannot
/// be reached, or an operation the broker or file system refused.
public struct WorkQueueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Hashable, Sendable {
        /// `WORK_QUEUE_BROKER`, `WORK_QUEUE_CONN` or `CACHE_ROOT` do not give a usable queue.
        case configuration
        /// The broker cannot be reached (connection refused, timed out or lost) or the spool
        /// directory cannot be created.
        case unavailable
        /// The broker answered with an error, or a spool file operation failed.
        case failed
        /// A task string that cannot be queued: a job field contains `|`, or the number of
        /// job fields does not suit the category.
        case invalidTask
    }

    /// What went wrong.
    public var kind: Kind
    /// A message naming the setting, broker or file involved.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
