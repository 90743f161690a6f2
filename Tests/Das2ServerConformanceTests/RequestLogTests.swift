import Foundation
import Logging
import Testing

@testable import Das2Server

@Suite("Request log lines (config.md §4.2)")
struct RequestLogTests {
    @Test("each line is [<asctime> <pid> <counter>] text, the counter right-aligned in four columns")
    func lineFormat() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("das2-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = RequestLog(
            logDirectory: directory.path, remoteAddress: "192.0.2.7", files: LogFiles(batches: false),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )

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
}
