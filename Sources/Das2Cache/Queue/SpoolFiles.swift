#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations of ``SpoolQueue``, as thin wrappers over the system calls.
enum SpoolFiles {
    /// Creates a directory and its missing parents (group-writable before the umask, so that
    /// the web server and the arbiter can share the queue when they share a group).
    static func makeDirectories(_ path: String) throws(WorkQueueError) {
        if let reason = FileSystem.makeDirectories(path, mode: 0o2775) {
            throw WorkQueueError(.unavailable, "Cannot create the queue directory: \(reason)")
        }
    }

    /// The names in a directory, without `.` and `..`.
    static func names(in directory: String) throws(WorkQueueError) -> [String] {
        guard let names = FileSystem.contents(ofDirectory: directory) else {
            throw WorkQueueError(.failed, "Cannot read the queue directory \(directory): \(FileSystem.lastError())")
        }
        return names
    }

    /// The contents of a file, nil when it does not exist.
    static func contents(of path: String) throws(WorkQueueError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw WorkQueueError(.failed, "Cannot read \(path): \(FileSystem.lastError())")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw WorkQueueError(.failed, "Cannot read \(path): \(FileSystem.lastError())") }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a new file (which must not exist) and flushes it to disk, so that the rename
    /// that follows publishes complete contents.
    static func create(_ path: String, text: String) throws(WorkQueueError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else { throw WorkQueueError(.failed, "Cannot create \(path): \(FileSystem.lastError())") }
        defer { close(descriptor) }
        let failure = FileSystem.writeAll(Array(text.utf8), to: descriptor)
        guard failure == nil, fsync(descriptor) == 0 else {
            let message = failure ?? FileSystem.lastError()
            unlink(path)
            throw WorkQueueError(.failed, "Cannot write \(path): \(message)")
        }
    }

    /// Renames a file.
    /// - Returns: false when the source no longer exists (another worker took it).
    static func move(_ source: String, to destination: String) throws(WorkQueueError) -> Bool {
        if rename(source, destination) == 0 { return true }
        if errno == ENOENT { return false }
        throw WorkQueueError(.failed, "Cannot rename \(source) to \(destination): \(FileSystem.lastError())")
    }

    /// Deletes a file; a missing file is not an error.
    static func remove(_ path: String) throws(WorkQueueError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw WorkQueueError(.failed, "Cannot delete \(path): \(FileSystem.lastError())")
        }
    }

    /// Runs `body` holding an exclusive `flock` on `path` (created when missing).
    static func withLock<T>(_ path: String, _ body: () throws(WorkQueueError) -> T) throws(WorkQueueError) -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else { throw WorkQueueError(.failed, "Cannot open \(path): \(FileSystem.lastError())") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WorkQueueError(.failed, "Cannot lock \(path): \(FileSystem.lastError())") }
        }
        return try body()
    }
}
