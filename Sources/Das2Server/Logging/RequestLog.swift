#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Core
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
        private mutating func beginLine(_ prefixes: LinePrefixes) -> Line {
            let line = Line(start: pending.count)
            if counter < LinePrefixes.numberedCount {
                prefixes.withNumbered(counter) { pending.append(contentsOf: $0) }
            } else {
                pending += prefixes.base
                LinePrefixes.appendCounter(counter, to: &pending)
            }
            return line
        }

        /// Appends a message given in three parts: one line, or several when the parts hold
        /// CR or LF (blank lines are dropped).
        mutating func append(
            _ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, _ third: UnsafeBufferPointer<UInt8>,
            prefixes: LinePrefixes
        ) {
            // The common case, one numbered line, is assembled and appended in one piece:
            // appending to the array part by part was most of the cost of a log line.
            if counter < LinePrefixes.numberedCount,
                !Self.hasLineBreak(first), !Self.hasLineBreak(second), !Self.hasLineBreak(third),
                Self.hasText(first) || Self.hasText(second) || Self.hasText(third)
            {
                let count = prefixes.numberedStride + first.count + second.count + third.count + 1
                prefixes.withNumbered(counter) { start in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { line in
                        var offset = 0
                        func copy(_ part: UnsafeBufferPointer<UInt8>) {
                            offset += UnsafeMutableBufferPointer(rebasing: line[offset...]).initialize(fromContentsOf: part)
                        }
                        copy(start)
                        copy(first)
                        copy(second)
                        copy(third)
                        line[offset] = 0x0A
                        pending.append(contentsOf: UnsafeBufferPointer(line))
                    }
                }
                counter += 1
                return
            }
            var line = beginLine(prefixes)
            append(part: first, to: &line, prefix: prefixes)
            append(part: second, to: &line, prefix: prefixes)
            append(part: third, to: &line, prefix: prefixes)
            end(line)
        }

        /// Appends one part of a message, starting a new line at each CR or LF in it.
        private mutating func append(part: UnsafeBufferPointer<UInt8>, to line: inout Line, prefix: LinePrefixes) {
            guard !part.isEmpty else { return }
            var start = 0
            while let lineBreak = Self.firstLineBreak(in: part, from: start) {
                append(UnsafeBufferPointer(rebasing: part[start..<lineBreak]), to: &line)
                end(line)
                line = beginLine(prefix)
                start = lineBreak + 1
            }
            append(UnsafeBufferPointer(rebasing: part[start...]), to: &line)
        }

        private static func hasLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            firstLineBreak(in: bytes, from: 0) != nil
        }

        /// Whether the bytes have more than blanks and tabs.
        private static func hasText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.contains { $0 != 0x20 && $0 != 0x09 }
        }

        private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to line: inout Line) {
            pending.append(contentsOf: bytes)
            if !line.hasText { line.hasText = Self.hasText(bytes) }
        }

        private mutating func end(_ line: Line) {
            if line.hasText {
                pending.append(0x0A)
                counter += 1
            } else {
                pending.removeSubrange(line.start...)
            }
        }

        /// The offset of the first CR or LF at or after `start`. `memchr`, because most parts
        /// have neither and a byte loop was a tenth of a request's time.
        private static func firstLineBreak(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            guard let base = bytes.baseAddress, start < bytes.count else { return nil }
            let from = UnsafeRawPointer(base + start)
            let lineFeed = memchr(from, 0x0A, bytes.count - start)
            let carriageReturn = memchr(from, 0x0D, lineFeed.map { UnsafeRawPointer($0) - from } ?? bytes.count - start)
            guard let found = carriageReturn ?? lineFeed else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// The starts of lines, `[<asctime> <pid> <counter>] `.
    struct LinePrefixes {
        /// `[<asctime> <pid> `.
        var base: [UInt8]
        /// The whole starts for the first ``numberedCount`` counters, one after the other: a
        /// request's lines then begin with one copy each.
        var numbered: [UInt8]
        /// The length of each start in ``numbered``: the base and `%4d] `.
        var numberedStride: Int { base.count + 6 }
        static let numberedCount = 16

        init(base: [UInt8]) {
            self.base = base
            numbered = []
            numbered.reserveCapacity((base.count + 6) * Self.numberedCount)
            for counter in 0..<Self.numberedCount {
                numbered += base
                Self.appendCounter(counter, to: &numbered)
            }
        }

        /// Calls `body` with the start of the line numbered `counter` (< ``numberedCount``).
        func withNumbered<Result>(_ counter: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            numbered.withUnsafeBufferPointer { numbered in
                body(UnsafeBufferPointer(rebasing: numbered[(counter * numberedStride)..<((counter + 1) * numberedStride)]))
            }
        }

        /// `%4d] `: the counter right-aligned in four columns, then the bracket.
        static func appendCounter(_ counter: Int, to bytes: inout [UInt8]) {
            var digits = 1
            var rest = counter
            while rest >= 10 {
                rest /= 10
                digits += 1
            }
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, 4 - digits)))
            HAPINumberFormat.append(integer: counter, to: &bytes)
            bytes.append(UInt8(ascii: "]"))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private let state = Mutex(State())
    private let prefix: LinePrefixes
    private let filePath: String?
    /// Whether the lines go to a file under `LOG_PATH` (else to the logger).
    var writesToDisk: Bool { filePath != nil }
    private let files: LogFiles
    /// Whether lines also go to `logger` (at debug level), decided once per request.
    private let logsDebug: Bool
    let logger: Logger

    /// - Parameter logDirectory: an existing directory, or nil to log through `logger`.
    init(logDirectory: String?, remoteAddress: String, files: LogFiles, logger: Logger) {
        self.files = files
        let now = time(nil)
        prefix = Self.prefix(at: now)
        self.logger = logger
        logsDebug = logger.logLevel <= .debug
        if let logDirectory, Self.isSafeFileComponent(remoteAddress) {
            filePath = Self.filePath(directory: logDirectory, address: remoteAddress, slot: (Int(now) / 86400) % 3)
        } else {
            filePath = nil
        }
    }

    private static let lastFilePath = Mutex<(directory: String, address: String, slot: Int, path: String)?>(nil)

    /// `<directory>/das2.<address>_<slot>.log`; the last one is kept, as a busy client's
    /// requests follow each other.
    private static func filePath(directory: String, address: String, slot: Int) -> String {
        // Bytes, not `==`: canonically equal directory names can be different directories.
        if let last = lastFilePath.withLock({ $0 }), last.slot == slot, last.address.equalsBytes(address),
            last.directory.equalsBytes(directory)
        {
            return last.path
        }
        let path = "\(directory)/das2.\(address)_\(slot).log"
        lastFilePath.withLock { $0 = (directory, address, slot, path) }
        return path
    }

    private static let prefixCache = Mutex<(second: Int, prefix: LinePrefixes)>((-1, LinePrefixes(base: [])))

    /// `[<asctime> <pid> ` for a time, in local time as the original server wrote it; the text
    /// is made once per second.
    private static func prefix(at now: time_t) -> LinePrefixes {
        if let cached = prefixCache.withLock({ $0.second == Int(now) ? $0.prefix : nil }) { return cached }
        var now = now
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        asctime_r(&parts, &buffer)
        let stamp = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let prefix = LinePrefixes(base: Array("[\(stamp) \(getpid()) ".utf8))
        prefixCache.withLock { $0 = (Int(now), prefix) }
        return prefix
    }

    /// Adds a message given in up to three parts (joined without separators, so callers need
    /// not build the string first); each non-blank line of it becomes one log line.
    func log(_ first: String, _ second: String = "", _ third: String = "") {
        if logsDebug { logger.debug("\(first)\(second)\(third)") }
        var first = first
        var second = second
        var third = third
        first.withUTF8 { first in
            second.withUTF8 { second in
                third.withUTF8 { third in
                    state.withLock { $0.append(first, second, third, prefixes: prefix) }
                }
            }
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
        let (value, digits, unit): (Double, Int, String) =
            seconds < 0.001 ? (seconds * 1e6, 1, "nanoseconds")
            : seconds < 1 ? (seconds * 1e3, 1, "milliseconds")
            : seconds < 120 ? (seconds, 1, "seconds")
            : (seconds / 60, 2, "minutes")
        let scale = digits == 1 ? 10 : 100
        let scaled = value * Double(scale)
        // `%.1f` (`%.2f`) rounds the exact binary value: 1.15 is 1.1499…, so "1.1". Rounding the
        // scaled Double gives the same digits unless it lies next to a tie, where the scaling's
        // own rounding can tip it; only then is C asked (formatting costs several thousand
        // instructions, a fifth of a small request's own work).
        guard scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else {
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
                let count = withVaList([Int32(digits), value]) { vsnprintf(buffer.baseAddress, buffer.count, "%.*f \(unit)", $0) }
                let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: max(0, min(Int(count), buffer.count - 1)))
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        let rounded = Int(scaled.rounded())
        // Small integers are small strings; the result is allocated once.
        let whole = String(rounded / scale)
        let fraction = String(rounded % scale)
        var text = ""
        text.reserveCapacity(whole.utf8.count + 1 + digits + 1 + unit.utf8.count)
        text += whole
        text += "."
        if fraction.utf8.count < digits { text += "0" }
        text += fraction
        text += " "
        text += unit
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
