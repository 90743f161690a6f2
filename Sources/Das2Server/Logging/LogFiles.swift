#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Cache
import Synchronization

/// Open request-log files, kept open between requests.
///
/// Appending a request's lines to a file on disk costs about 25 µs per request on a journaling
/// file system, a third of a small request (measured with `server=id`). A long-running server
/// therefore batches: lines are kept in memory and written by a task at most every 200 ms (or
/// as soon as 64 KiB are pending), never on the thread that logs, which may be an event loop;
/// ``flush()`` writes the rest at shutdown. A CGI process, which serves one
/// request and exits, writes each request at once.
///
/// A file deleted or replaced by an operator (or by the log reader's "delete all") is noticed
/// within a second and opened again; files unused for a minute are closed.
final class LogFiles: Sendable {
    private struct Entry {
        var descriptor: Int32
        var inode: UInt64
        var checkedAt: Int64
        var usedAt: Int64
    }

    /// Lines waiting for the next batch; request threads only ever hold this lock briefly.
    private struct Pending {
        var bytes: [String: [UInt8]] = [:]
        var count = 0
        var flushScheduled = false
        /// A batch over ``LogFiles/batchLimit`` is about to be written.
        var writeScheduled = false
    }

    private let pending = Mutex(Pending())
    /// The open files, held while writing: a batch is written outside `pending`'s lock, so
    /// requests keep appending while the disk is busy, and batches reach a file in order.
    private let files = Mutex([String: Entry]())
    /// Whether lines wait for a batch (a long-running server) or are written at once.
    let batches: Bool
    private static let recheck: Int64 = 1_000_000_000
    private static let idle: Int64 = 60_000_000_000
    private static let batchInterval = Duration.milliseconds(200)
    private static let batchLimit = 65536

    init(batches: Bool) {
        self.batches = batches
    }

    /// Appends bytes to the file at `path`, creating it (now, or with the next batch).
    /// - Returns: false when the file cannot be opened or written now.
    func append(_ bytes: [UInt8], to path: String) -> Bool {
        guard batches else {
            return files.withLock { files in Self.append(bytes, toFile: path, files: &files) }
        }
        let (writeNow, scheduleFlush) = pending.withLock { pending -> (Bool, Bool) in
            pending.bytes[path, default: []] += bytes
            pending.count += bytes.count
            let scheduleFlush = !pending.flushScheduled
            pending.flushScheduled = true
            let writeNow = pending.count >= Self.batchLimit && !pending.writeScheduled
            if writeNow { pending.writeScheduled = true }
            return (writeNow, scheduleFlush)
        }
        // Written by a task, never on the caller's thread: that may be an event loop.
        if writeNow {
            Task { [self] in
                pending.withLock { $0.writeScheduled = false }
                writePending()
            }
        }
        if scheduleFlush {
            Task { [self] in
                try? await Task.sleep(for: Self.batchInterval)
                flush()
            }
        }
        return true
    }

    /// Writes every pending line.
    func flush() {
        pending.withLock { $0.flushScheduled = false }
        writePending()
    }

    private func writePending() {
        files.withLock { files in
            let batch = pending.withLock { pending in
                defer {
                    pending.bytes = [:]
                    pending.count = 0
                }
                return pending.bytes
            }
            for (path, bytes) in batch { _ = Self.append(bytes, toFile: path, files: &files) }
        }
    }

    private static func append(_ bytes: [UInt8], toFile path: String, files: inout [String: Entry]) -> Bool {
        let now = ServerState.monotonicNanoseconds()
        closeIdle(&files, now: now)
        if let entry = files[path], now - entry.checkedAt >= recheck {
            if FileSystem.status(path)?.inode != entry.inode {
                close(entry.descriptor)
                files[path] = nil
            } else {
                files[path]?.checkedAt = now
            }
        }
        if files[path] == nil {
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return false }
            files[path] = Entry(descriptor: descriptor, inode: FileSystem.status(path)?.inode ?? 0, checkedAt: now, usedAt: now)
        }
        files[path]?.usedAt = now
        return FileSystem.writeAll(bytes, to: files[path]!.descriptor) == nil
    }

    private static func closeIdle(_ files: inout [String: Entry], now: Int64) {
        for (path, entry) in files where now - entry.usedAt > idle {
            close(entry.descriptor)
            files[path] = nil
        }
    }

    deinit {
        writePending()
        files.withLock { files in
            for entry in files.values { close(entry.descriptor) }
        }
    }
}
