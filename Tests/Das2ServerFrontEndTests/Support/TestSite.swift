#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A throw-away das2 server site in a temporary directory.
///
/// `das2server.conf` sets SITE_NAME, DSDF_ROOT, RESOURCE_PATH, LOG_PATH, TEST_FROM and
/// USER_PASSWD. The sources:
/// * `Big`: a das2 stream of ``bigRecords`` records (about 9.6 MB) for 2017-01-01 to
///   2017-01-02, and a practically endless one for any other end time; its reader writes its
///   process id to ``readerPIDFile`` first and ``readerDoneFile`` after the last record;
/// * `Small`: a stream of three records;
/// * `Moved`: `rename = 'Big'` (a redirect to Big);
/// * `Silent`: a reader that writes its process id to ``silentPIDFile`` and then nothing for two
///   minutes, as a reader computing before its first byte; with the end time 2017-01-03 it
///   writes the stream's headers first.
final class TestSite: Sendable {
    let root: String
    let configurationPath: String

    static let siteName = "Front End Test Site"
    static let bigRecords = 400_000
    static let record = ":01:1.0000000 2.0000000\n"
    static let streamHeader = "<stream version=\"2.2\">\n  <properties title=\"front-end test\"/>\n</stream>\n"
    static let packetHeader = "<packet>\n  <x type=\"ascii10\" units=\"t2000\"/>\n  <y type=\"ascii10\" units=\"\" name=\"a\"/>\n</packet>\n"

    var readerPIDFile: String { root + "/reader.pid" }
    var readerDoneFile: String { root + "/reader.done" }
    var silentPIDFile: String { root + "/silent.pid" }

    /// Creates the site; `testFrom` is the TEST_FROM value.
    init(testFrom: String = "127.0.0.1") throws {
        root = NSTemporaryDirectory() + "das2-frontend-" + UUID().uuidString
        configurationPath = root + "/etc/das2server.conf"
        let fileManager = FileManager.default
        for directory in ["etc", "datasets", "static", "log", "bin"] {
            try fileManager.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try write(
            """
            SITE_NAME = "\(Self.siteName)"
            DSDF_ROOT = \(root)/datasets
            RESOURCE_PATH = \(root)/static
            LOG_PATH = \(root)/log
            TEST_FROM = \(testFrom)
            USER_PASSWD = \(root)/etc/passwd

            """, to: configurationPath
        )
        try write("testuser:lLp764MZK2EPo\n", to: root + "/etc/passwd")
        let header = Self.packet("[00]", Self.streamHeader) + Self.packet("[01]", Self.packetHeader)
        try write(
            """
            echo $$ > '\(readerPIDFile)'
            case "$2" in
              2017-01-02) count=\(Self.bigRecords) ;;
              *) count=1000000000 ;;
            esac
            printf '%s' '\(header)'
            yes '\(Self.record.dropLast())' | head -n $count
            echo done > '\(readerDoneFile)'

            """, to: root + "/bin/big.sh"
        )
        try write("printf '%s' '\(header)\(String(repeating: Self.record, count: 3))'\n", to: root + "/bin/small.sh")
        try write("description = 'big'\ndas2Stream = 1\nreader = 'sh \(root)/bin/big.sh'\n", to: root + "/datasets/Big.dsdf")
        try write("description = 'small'\ndas2Stream = 1\nreader = 'sh \(root)/bin/small.sh'\n", to: root + "/datasets/Small.dsdf")
        try write("description = 'moved'\ndas2Stream = 1\nrename = 'Big'\n", to: root + "/datasets/Moved.dsdf")
        try write(
            """
            echo $$ > '\(silentPIDFile)'
            [ "$2" = 2017-01-03 ] && printf '%s' '\(header)'
            sleep 120
            printf '%s' '\(header)'

            """, to: root + "/bin/silent.sh"
        )
        try write("description = 'silent'\ndas2Stream = 1\nreader = 'sh \(root)/bin/silent.sh'\n", to: root + "/datasets/Silent.dsdf")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The stream Big's reader writes for 2017-01-01 to 2017-01-02.
    static let bigStream: [UInt8] = streamStart + Array(String(repeating: record, count: bigRecords).utf8)

    /// The stream Small's reader writes.
    static let smallStream: [UInt8] = streamStart + Array(String(repeating: record, count: 3).utf8)

    private static var streamStart: [UInt8] {
        Array((packet("[00]", streamHeader) + packet("[01]", packetHeader)).utf8)
    }

    private static func packet(_ tag: String, _ body: String) -> String {
        let length = String(body.utf8.count)
        return tag + String(repeating: "0", count: 6 - length.count) + length + body
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Waits until Big's reader (or the one writing `pidFile`) has written its process id and
    /// that process is gone (killed and reaped), for at most `seconds`.
    /// - Parameter mayNotStart: also true when the reader never started (no process id).
    /// - Returns: whether it was gone in time.
    func readerEnds(within seconds: Double, mayNotStart: Bool = false, pidFile: String? = nil) async throws -> Bool {
        let readerPIDFile = pidFile ?? self.readerPIDFile
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard let text = try? String(contentsOfFile: readerPIDFile, encoding: .utf8) else {
                if mayNotStart { return true }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) != 0, errno == ESRCH {
                return true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Whether `path` is an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether Big's reader got to the end of its stream.
    var readerFinished: Bool { FileManager.default.fileExists(atPath: readerDoneFile) }
}
