#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The exclusive lock of one block's builder: an `fcntl` write lock on `<block file>.lock`,
/// which the kernel drops when the process dies (cache-and-queue.md §7.4, DC-11).
///
/// `fcntl` locks belong to a process, so builders within one process are kept apart by a
/// registry of the paths this process holds. The lock file is removed on release; an acquirer
/// that locked a file removed meanwhile notices it (another inode at the path) and retries, so
/// two workers never both hold a lock.
final class BlockFileLock {
    /// What an attempt to lock a block gave.
    enum Acquisition {
        /// The lock is held; release it when done.
        case acquired(BlockFileLock)
        /// Another builder, in this or another process, holds it.
        case heldElsewhere
        /// The lock file could not be used.
        case failed(String)
    }

    private static let heldPaths = Mutex<Set<String>>([])

    private let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Tries once to take the lock, without waiting.
    /// - Parameter path: The lock file, `<block file>.lock`.
    /// - Returns: The outcome.
    static func acquire(_ path: String) -> Acquisition {
        guard heldPaths.withLock({ $0.insert(path).inserted }) else { return .heldElsewhere }
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                let reason = FileSystem.lastError()
                forget(path)
                return .failed("cannot open \(path): \(reason)")
            }
            var request = flock()
            request.l_type = Int16(F_WRLCK)
            request.l_whence = Int16(SEEK_SET)
            request.l_start = 0
            request.l_len = 0
            if fcntl(descriptor, F_SETLK, &request) != 0 {
                let code = errno
                close(descriptor)
                forget(path)
                return code == EACCES || code == EAGAIN
                    ? .heldElsewhere : .failed("cannot lock \(path): \(String(cString: strerror(code)))")
            }
            guard let locked = FileSystem.status(descriptor: descriptor), let current = FileSystem.status(path),
                locked.device == current.device, locked.inode == current.inode
            else {
                // The previous holder removed this file after it was opened: lock the new one.
                close(descriptor)
                continue
            }
            return .acquired(BlockFileLock(path: path, descriptor: descriptor))
        }
    }

    /// Removes the lock file and gives the lock back.
    func release() {
        unlink(path)
        close(descriptor)
        Self.forget(path)
    }

    private static func forget(_ path: String) {
        _ = heldPaths.withLock { $0.remove(path) }
    }
}
