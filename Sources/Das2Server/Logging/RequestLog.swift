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
    /// `[<asctime> <pid> `, the start of every line.
    private let prefix: [UInt8]
    private let filePath: String?
    private let files: LogFiles
    let logger: Logger

    /// - Parameter logDirectory: an existing directory, or nil to log through `logger`.
    init(logDirectory: String?, remoteAddress: String, files: LogFiles, logger: Logger) {
        self.files = files
        let now = time(nil)
        prefix = Self.prefix(at: now)
        self.logger = logger
        if let logDirectory, Self.isSafeFileComponent(remoteAddress) {
            let slot = (Int(now) / 86400) % 3
            filePath = logDirectory + "/das2.\(remoteAddress)_\(slot).log"
        } else {
            filePath = nil
        }
    }

    private static let prefixCache = Mutex<(second: Int, prefix: [UInt8])>((-1, []))

    /// `[<asctime> <pid> ` for a time, in local time as the original server wrote it; the text
    /// is made once per second.
    private static func prefix(at now: time_t) -> [UInt8] {
        if let cached = prefixCache.withLock({ $0.second == Int(now) ? $0.prefix : nil }) { return cached }
        var now = now
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        asctime_r(&parts, &buffer)
        let stamp = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let prefix = Array("[\(stamp) \(getpid()) ".utf8)
        prefixCache.withLock { $0 = (Int(now), prefix) }
        return prefix
    }

    /// Adds a message; each non-blank line becomes one log line.
    func log(_ text: String) {
        logger.debug("\(text)")
        var text = text
        text.withUTF8 { bytes in
            state.withLock { state in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                        state.pending += prefix
                        Self.appendCounter(state.counter, to: &state.pending)
                        state.pending.append(0x5D)
                        state.pending.append(0x20)
                        state.pending += line
                        state.pending.append(0x0A)
                        state.counter += 1
                    }
                    start = end + 1
                }
            }
        }
    }

    /// The line counter right-aligned in four columns (`%4d`), without making a string per line.
    private static func appendCounter(_ value: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        HAPINumberFormat.append(integer: value, to: &bytes)
        let digits = bytes.count - start
        if digits < 4 { bytes.insert(contentsOf: repeatElement(0x20, count: 4 - digits), at: start) }
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
        if !files.append(bytes, to: filePath) {
            logger.error("Cannot write the log file \(filePath): \(String(cString: strerror(errno)))")
            logger.info("\(String(decoding: bytes.dropLast(), as: UTF8.self))")
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

    /// An address is used in a file name only if it cannot escape the directory.
    private static func isSafeFileComponent(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "/"), !(byte == 0x2E && previous == 0x2E) else { return false }
            previous = byte
        }
        return previous != 0
    }
}
