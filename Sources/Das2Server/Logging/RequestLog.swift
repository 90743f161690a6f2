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
        /// A request writes about a dozen lines; room for them avoids regrowing the buffer.
        var pending: [UInt8] = {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1024)
            return bytes
        }()
        var counter = 0

        /// Where a line being written starts, and whether it has more than blanks yet.
        struct Line {
            var start: Int
            var hasText = false
        }

        /// Writes `<prefix><counter>] `; ``end(_:)`` drops the line again if it stays blank.
        mutating func beginLine(_ prefix: [UInt8]) -> Line {
            let line = Line(start: pending.count)
            pending += prefix
            // The counter right-aligned in four columns (`%4d`).
            let digits = counter < 10 ? 1 : counter < 100 ? 2 : counter < 1000 ? 3 : 4
            pending.append(contentsOf: repeatElement(0x20, count: 4 - digits))
            HAPINumberFormat.append(integer: counter, to: &pending)
            pending.append(0x5D)
            pending.append(0x20)
            return line
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to line: inout Line) {
            pending.append(contentsOf: bytes)
            if !line.hasText { line.hasText = bytes.contains { $0 != 0x20 && $0 != 0x09 } }
        }

        mutating func end(_ line: Line) {
            if line.hasText {
                pending.append(0x0A)
                counter += 1
            } else {
                pending.removeSubrange(line.start...)
            }
        }
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

    /// Adds a message made of `parts` (joined without separators, so callers need not build
    /// the string first); each non-blank line of it becomes one log line.
    func log(_ parts: String...) {
        logger.debug("\(parts.joined())")
        state.withLock { state in
            var line = state.beginLine(prefix)
            for var part in parts {
                part.withUTF8 { bytes in
                    var start = 0
                    while start < bytes.count {
                        var end = start
                        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                        state.append(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &line)
                        if end < bytes.count {
                            state.end(line)
                            line = state.beginLine(prefix)
                        }
                        start = end + 1
                    }
                }
            }
            state.end(line)
        }
    }

    /// Appends the buffered lines to the log file (or, without one, to the logger).
    func flush() {
        let bytes = state.withLock { state in
            var taken: [UInt8] = []
            swap(&taken, &state.pending)
            return taken
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

    /// `value` with `digits` decimals (`%.1f` or `%.2f` for the non-negative durations logged).
    private static func formatted(_ value: Double, digits: Int = 1) -> String {
        let scale = digits == 1 ? 10 : 100
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return String(scaled / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
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
