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
/// therefore batches: lines are kept in memory and written at most every 200 ms (or once 64 KiB
/// are pending), and ``flush()`` writes the rest at shutdown. A CGI process, which serves one
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

    private struct State {
        var files: [String: Entry] = [:]
        var pending: [String: [UInt8]] = [:]
        var pendingBytes = 0
        var flushScheduled = false
    }

    private let state = Mutex(State())
    private let batches: Bool
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
            return state.withLock { state in append(bytes, toFile: path, files: &state.files) }
        }
        let scheduleFlush = state.withLock { state -> Bool in
            state.pending[path, default: []] += bytes
            state.pendingBytes += bytes.count
            if state.pendingBytes >= Self.batchLimit {
                writePending(&state)
                return false
            }
            defer { state.flushScheduled = true }
            return !state.flushScheduled
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
        state.withLock { state in
            writePending(&state)
            state.flushScheduled = false
        }
    }

    private func writePending(_ state: inout State) {
        for (path, bytes) in state.pending { _ = append(bytes, toFile: path, files: &state.files) }
        state.pending.removeAll(keepingCapacity: true)
        state.pendingBytes = 0
    }

    private func append(_ bytes: [UInt8], toFile path: String, files: inout [String: Entry]) -> Bool {
        let now = ServerState.monotonicNanoseconds()
        closeIdle(&files, now: now)
        if let entry = files[path], now - entry.checkedAt >= Self.recheck {
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
        return Self.writeAll(bytes, to: files[path]!.descriptor)
    }

    private func closeIdle(_ files: inout [String: Entry], now: Int64) {
        for (path, entry) in files where now - entry.usedAt > Self.idle {
            close(entry.descriptor)
            files[path] = nil
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    deinit {
        state.withLock { state in
            writePending(&state)
            for entry in state.files.values { close(entry.descriptor) }
        }
    }
}
