#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2ToolSupport
import Logging
import Synchronization

/// The arbiter's log (config.md §4): lines `[<asctime> <pid> <counter>] text`, where the time
/// is when the current task started (local time, C `asctime` style) and the counter numbers
/// the lines of that task from 0. In daemon mode the lines are appended to
/// `LOG_PATH/das2.arbiter_<hostname>_<n>.log`, `n` = day number mod 3; otherwise they go to
/// standard error.
final class ArbiterLog: Sendable {
    private struct State {
        var prefix: String
        var counter = 0
    }

    private let state: Mutex<State>
    private let directory: String?
    private let hostName: String

    /// - Parameters:
    ///   - directory: The log directory, nil for standard error.
    ///   - hostName: The host name in the file name.
    init(directory: String?, hostName: String) {
        self.directory = directory
        self.hostName = hostName
        state = Mutex(State(prefix: Self.prefix()))
    }

    /// The file lines go to now, nil for standard error.
    var filePath: String? {
        directory.map { "\($0)/das2.arbiter_\(hostName)_\((Int(time(nil)) / 86400) % 3).log" }
    }

    /// Starts a new prefix: the current time, counter 0 (one per task).
    func newPrefix() {
        state.withLock { $0 = State(prefix: Self.prefix()) }
    }

    /// Writes each non-blank line of `text` as one log line.
    func record(_ text: String) {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .filter { $0.contains { $0 != " " && $0 != "\t" } }
        guard !lines.isEmpty else { return }
        let output = state.withLock { state -> String in
            var output = ""
            for line in lines {
                let counter = String(state.counter)
                output += state.prefix + String(repeating: " ", count: max(0, 4 - counter.count)) + counter + "] " + line + "\n"
                state.counter += 1
            }
            return output
        }
        append(output)
    }

    private func append(_ text: String) {
        var descriptor = STDERR_FILENO
        if let path = filePath {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o664)
            if descriptor < 0 { descriptor = STDERR_FILENO }
        }
        defer { if descriptor != STDERR_FILENO { close(descriptor) } }
        DescriptorOutput.write(text, to: descriptor)
    }

    /// `[<asctime> <pid> ` for the current time.
    private static func prefix() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        asctime_r(&parts, &buffer)
        let stamp = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "[\(stamp) \(getpid()) "
    }
}

/// A swift-log handler writing to an ``ArbiterLog``, so that the cache builder's messages
/// (including its readers' standard error) land in the arbiter's log.
struct ArbiterLogHandler: LogHandler {
    let log: ArbiterLog
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let suffix = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let level = event.level >= .warning ? event.level.rawValue.uppercased() + ": " : ""
        log.record(level + event.message.description + suffix)
    }
}
