#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache

/// Daemon mode of the arbiter (`-D PID_FILE`, cache-and-queue.md §7.1). Runs before any
/// thread exists, because `fork` keeps only the calling thread.
enum Daemon {
    /// A failure to become a daemon; the arbiter exits with 13.
    struct Failure: Error {
        var message: String
    }

    /// Detaches from the terminal: double fork, new session, working directory `/`,
    /// standard input and output from/to `/dev/null`, standard error to `logFile` (kept when
    /// nil), the PID written to `pidFile`.
    /// - Parameters:
    ///   - pidFile: The PID file; its directory is created with mode 0750 when missing, and
    ///     it must not exist yet.
    ///   - logFile: The log file for standard error, nil to keep standard error.
    /// - Returns: The absolute path of the PID file, to remove at exit.
    /// - Throws: ``Failure`` when the PID file exists or cannot be written, or a fork fails.
    static func detach(pidFile: String, logFile: String?) throws(Failure) -> String {
        let pidFile = absolute(pidFile)
        let directory = pidFile[..<pidFile.lastIndex(of: "/")!]
        if !directory.isEmpty, FileSystem.makeDirectories(String(directory), mode: 0o750) != nil {
            throw Failure(message: "Can't make dir \(directory)")
        }
        if access(pidFile, F_OK) == 0 {
            throw Failure(message: "PID file \(pidFile) already exists, remove file before starting in daemon mode.")
        }
        try forkAndLeaveParent()
        setsid()
        chdir("/")
        try forkAndLeaveParent()

        let null = open("/dev/null", O_RDWR)
        if null >= 0 {
            dup2(null, STDIN_FILENO)
            dup2(null, STDOUT_FILENO)
            if null > STDERR_FILENO { close(null) }
        }
        if let logFile {
            let log = open(logFile, O_WRONLY | O_APPEND | O_CREAT, 0o664)
            if log >= 0 {
                dup2(log, STDERR_FILENO)
                if log > STDERR_FILENO { close(log) }
            }
        }
        let descriptor = open(pidFile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(message: "Can't write PID file \(pidFile): \(String(cString: strerror(errno)))")
        }
        _ = FileSystem.writeAll(Array("\(getpid())\n".utf8), to: descriptor)
        close(descriptor)
        return pidFile
    }

    private static func forkAndLeaveParent() throws(Failure) {
        let child = fork()
        guard child >= 0 else { throw Failure(message: "fork failed: \(String(cString: strerror(errno)))") }
        if child > 0 { _exit(0) }
    }

    private static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (directory == "/" ? "" : directory) + "/" + path
    }
}
