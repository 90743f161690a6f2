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
        for index in 0..<10_002 {
            let text = lines[index]
            let counter = String(index)
            let prefix = text.prefix(while: { $0 != "]" })
            let body = index == 0 ? "Input" : index == 1 ? "   Request URL: http://example.org/" : index == 2 ? "Routing" : "line \(index)"
            #expect(prefix.hasSuffix(" \(getpid()) " + String(repeating: " ", count: max(0, 4 - counter.count)) + counter), "line \(index): \(text)")
            #expect(text.dropFirst(prefix.count) == "] " + body, "line \(index): \(text)")
        }
    }

    @Test("a message that crosses the sixteenth line keeps counting, blank lines still dropped")
    func messageAcrossTheNumberedStarts() throws {
        let (log, directory) = try Self.makeLog(address: "192.0.2.10")
        defer { try? FileManager.default.removeItem(at: directory) }

        for index in 0..<14 { log.log("line ", String(index)) }
        log.log("a\nb", "\n \nc\r", "d\ne")
        log.log("f")
        log.flush()

        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first)
        let lines = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").map { line in line.dropFirst(26).drop(while: { $0 != " " }) }
        #expect(lines.suffix(6) == ["   14] a", "   15] b", "   16] c", "   17] d", "   18] e", "   19] f"])
    }

    @Test("requests of alternating clients each go to their own file")
    func alternatingClients() throws {
        let (first, directory) = try Self.makeLog(address: "192.0.2.11")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = LogFiles(batches: false)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        first.log("one")
        first.flush()
        for address in ["192.0.2.12", "192.0.2.11", "192.0.2.12"] {
            let log = RequestLog(logDirectory: directory.path, remoteAddress: address, files: files, logger: logger)
            log.log(address)
            log.flush()
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.count == 2)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let address = name.dropFirst("das2.".count).prefix(while: { $0 != "_" })
            #expect(text.split(separator: "\n").allSatisfy { $0.hasSuffix("] \(address)") || $0.hasSuffix("] one") })
            #expect(text.split(separator: "\n").count == 2)
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
        // `%.1f` of the binary value: 0.00115 s is 1.1499… ms, and 0.25 rounds to even.
        (0.001_15, "1.1 milliseconds"), (0.25, "250.0 milliseconds"), (0.000_000_25, "0.2 nanoseconds"),
    ])
    func durationWording(seconds: Double, text: String) {
        #expect(RequestLog.durationText(seconds: seconds) == text)
    }

    @Test("durations give C's digits for every value, ties of the binary value included")
    func durationDigitsMatchC() {
        // Values on and next to the ties of each range, and a spread between them.
        var values: [Double] = []
        for step in 0..<20_000 {
            values += [Double(step) * 0.000_000_05, Double(step) * 0.000_05, Double(step) * 0.005, 120 + Double(step) * 0.03]
            values.append(Double(step) / 7_777.0)
        }
        for seconds in values {
            let (value, format): (Double, String) =
                seconds < 0.001 ? (seconds * 1e6, "%.1f nanoseconds") : seconds < 1 ? (seconds * 1e3, "%.1f milliseconds")
                : seconds < 120 ? (seconds, "%.1f seconds") : (seconds / 60, "%.2f minutes")
            let expected = String(format: format, value)
            #expect(RequestLog.durationText(seconds: seconds) == expected, "\(seconds) s")
        }
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
