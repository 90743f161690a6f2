#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// The log of one request in the format of the original server (config.md §4): lines
/// `[<asctime> <pid> <counter>] text` appended to `LOG_PATH/das2.<REMOTE_ADDR>_<n>.log`, where
/// `n` = day number mod 3, or to the swift-log logger when there is no log directory.
///
/// Lines are buffered and appended with one write at ``flush()``, so a busy server does not pay
/// a system call per line. Every line also goes to the logger at debug level.
final class RequestLog: Sendable {
    private struct State {
        var pending: [UInt8] = []
        var counter = 0
    }

    private let state = Mutex(State())
    private let prefix: String
    private let filePath: String?
    let logger: Logger

    init(logDirectory: String?, remoteAddress: String, logger: Logger) {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        asctime_r(&parts, &buffer)
        let stamp = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        prefix = "[\(stamp) \(getpid())"
        self.logger = logger
        if let logDirectory, Self.isDirectory(logDirectory), Self.isSafeFileComponent(remoteAddress) {
            let slot = (Int(now) / 86400) % 3
            filePath = logDirectory + "/das2.\(remoteAddress)_\(slot).log"
        } else {
            filePath = nil
        }
    }

    /// Adds a message; each non-blank line becomes one log line.
    func log(_ text: String) {
        logger.debug("\(text)")
        state.withLock { state in
            for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
                let counter = String(state.counter)
                state.pending += Array("\(prefix) \(String(repeating: " ", count: max(0, 4 - counter.count)))\(counter)] ".utf8)
                state.pending += Array(line.utf8)
                state.pending.append(10)
                state.counter += 1
            }
        }
    }

    /// Appends the buffered lines to the log file (or, without one, to the logger).
    func flush() {
        let bytes = state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        guard !bytes.isEmpty else { return }
        guard let filePath else {
            logger.info("\(String(decoding: bytes.dropLast(), as: UTF8.self))")
            return
        }
        let descriptor = open(filePath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            logger.error("Cannot write the log file \(filePath): \(String(cString: strerror(errno)))")
            logger.info("\(String(decoding: bytes.dropLast(), as: UTF8.self))")
            return
        }
        defer { close(descriptor) }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// `< 0.001 s` as (mis-named) nanoseconds, `< 1 s` milliseconds, `< 120 s` seconds, else
    /// minutes: the reference wording.
    static func durationText(seconds: Double) -> String {
        if seconds < 0.001 { return formatted(seconds * 1e6) + " nanoseconds" }
        if seconds < 1 { return formatted(seconds * 1e3) + " milliseconds" }
        if seconds < 120 { return formatted(seconds) + " seconds" }
        return formatted(seconds / 60, digits: 2) + " minutes"
    }

    private static func formatted(_ value: Double, digits: Int = 1) -> String {
        let scale = digits == 1 ? 10.0 : 100.0
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// An address is used in a file name only if it cannot escape the directory.
    private static func isSafeFileComponent(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("/") && !text.contains("..") && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
