import Foundation
import Logging
import Testing

@testable import Das2Server

@Suite("Request log lines (config.md §4.2)")
struct RequestLogTests {
    /// A log writing at once into a new temporary directory (removed by the caller).
    private static func makeLog(address: String) throws -> (RequestLog, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("das2-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = RequestLog(
            logDirectory: directory.path, remoteAddress: address, files: LogFiles(batches: false),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        return (log, directory)
    }

    @Test("each line is [<asctime> <pid> <counter>] text, the counter right-aligned in four columns")
    func lineFormat() throws {
        let (log, directory) = try Self.makeLog(address: "192.0.2.7")
        defer { try? FileManager.default.removeItem(at: directory) }

        log.log("Input\n   Request URL: http://example.org/\n\n  \nRouting")
        for index in 3..<10_002 { log.log("line \(index)") }
        log.flush()

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file.hasPrefix("das2.192.0.2.7_") && file.hasSuffix(".log"))
        let lines = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 10_003)
        #expect(lines.last == "")
        let stamp = try #require(lines.first?.prefix(while: { $0 != "]" }))
        let fields = stamp.dropFirst().split(separator: " ")
        // Www Mmm dd hh:mm:ss yyyy pid counter
        #expect(fields.count == 7)
        #expect(fields.dropLast().last == "\(getpid())")
        let expected: [(index: Int, counter: String, text: String)] = [
            (0, "   0", "Input"), (1, "   1", "   Request URL: http://example.org/"), (2, "   2", "Routing"),
            (9, "   9", "line 9"), (10, "  10", "line 10"), (999, " 999", "line 999"), (1000, "1000", "line 1000"),
            (9999, "9999", "line 9999"), (10_000, "10000", "line 10000"), (10_001, "10001", "line 10001"),
        ]
        for line in expected {
            let text = lines[line.index]
            let prefix = text.prefix(while: { $0 != "]" })
            #expect(prefix.hasSuffix(" \(getpid()) \(line.counter)"), "line \(line.index): \(text)")
            #expect(text.dropFirst(prefix.count) == "] " + line.text, "line \(line.index): \(text)")
        }
    }

    @Test("a message given in parts is one text: line breaks inside a part start new lines, blank lines are dropped")
    func partsFormLines() throws {
        let (log, directory) = try Self.makeLog(address: "192.0.2.8")
        defer { try? FileManager.default.removeItem(at: directory) }

        log.log("   For Path: ", "/a\r\nb", "c")
        log.log(" ", "", "\t")
        log.log("   Parameters: ", "")
        log.log("x\n", "\n", "  \ny")
        log.flush()

        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first)
        // The counter counts written lines only: dropped blank lines take no number.
        let lines = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").map { line in line.dropFirst(26).drop(while: { $0 != " " }) }  // after "[<asctime> <pid>"
        #expect(lines == ["    0]    For Path: /a", "    1] bc", "    2]    Parameters: ", "    3] x", "    4] y"])
    }

    @Test("durations are worded as the reference server words them", arguments: [
        (0.000_5, "500.0 nanoseconds"), (0.000_012_34, "12.3 nanoseconds"), (0.012_34, "12.3 milliseconds"),
        (0.999_96, "1000.0 milliseconds"), (1, "1.0 seconds"), (59.96, "60.0 seconds"), (150, "2.50 minutes"),
        (7201.2, "120.02 minutes"),
    ])
    func durationWording(seconds: Double, text: String) {
        #expect(RequestLog.durationText(seconds: seconds) == text)
    }

    @Test("batched appends from concurrent requests reach the file whole, each request's lines in order")
    func batchedAppendsKeepOrder() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("das2-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/das2.192.0.2.9_0.log"
        let files = LogFiles(batches: true)
        // 4 × 5000 lines of about 12 bytes: the 64 KiB batch limit is crossed while others append.
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for line in 0..<5000 { _ = files.append(Array("w\(writer) \(line)\n".utf8), to: path) }
                }
            }
        }
        files.flush()

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 20_000)
        for writer in 0..<4 {
            let numbers = lines.filter { $0.hasPrefix("w\(writer) ") }.map { Int($0.split(separator: " ")[1])! }
            #expect(numbers == Array(0..<5000), "writer \(writer)")
        }
    }
}
