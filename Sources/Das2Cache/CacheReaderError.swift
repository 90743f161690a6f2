/// Why the cache reader cannot start or go on, with the message and exit status of
/// `das2_cache_rdr` (cache-and-queue.md §4.2 step 1, tools.md §6 and §10 rows 15, 22, 23).
public struct CacheReaderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the offending value.
    public var message: String
    /// The tool's exit status: 13 for a bad command line, 23 for an unreadable DSDF, 92 for
    /// the other cache errors, a stream error's own status for a malformed block file.
    public var exitStatus: Int32

    /// Creates an error.
    /// - Parameters:
    ///   - message: The message.
    ///   - exitStatus: The exit status.
    public init(_ message: String, exitStatus: Int32) {
        self.message = message
        self.exitStatus = exitStatus
    }

    /// Whether the error is about the command line (printed without the `ERROR: ` prefix).
    public var isCommandLineError: Bool { exitStatus == 13 }

    public var description: String { message }

    /// A cache error of the reference program (`P_ERR`).
    static func cache(_ message: String) -> CacheReaderError {
        CacheReaderError(message, exitStatus: 92)
    }
}
