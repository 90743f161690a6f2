import Foundation
import Logging
import Testing

@testable import Das2Pipeline

/// What a test run produced.
struct CollectedRun {
    var result: PipelineResult
    var bytes: [UInt8]
    var chunkSizes: [Int]

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var standardErrorText: String { String(decoding: result.standardError, as: UTF8.self) }
}

/// The error a test consumer throws to hang up.
struct ConsumerHungUp: Error {}

let quietPipelineLogger = Logger(label: "das2.pipeline.test") { _ in SwiftLogNoOpLogHandler() }

/// Runs a pipeline and keeps everything it delivers.
func collectRun(_ pipeline: Pipeline, logger: Logger = quietPipelineLogger) async -> CollectedRun {
    var bytes: [UInt8] = []
    var chunkSizes: [Int] = []
    let result = await pipeline.run(logger: logger) { chunk in
        bytes += chunk
        chunkSizes.append(chunk.count)
    }
    return CollectedRun(result: result, bytes: bytes, chunkSizes: chunkSizes)
}

/// `seq 1 n` as the bytes it prints.
func seqOutput(_ count: Int) -> [UInt8] {
    Array((1...count).map { "\($0)\n" }.joined().utf8)
}

/// A fresh directory under the temporary directory.
func makePipelineTestDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("das2-pipeline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The process ids written one per line to a file.
func processIDs(writtenTo file: URL) -> [Int32] {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { Int32($0) }
}

/// Whether a process exists and is not a zombie (orphans may wait for a reaper that never comes).
func isProcessRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let nameEnd = stat.lastIndex(of: ")"),
        let state = stat[nameEnd...].dropFirst(2).first
    else {
        return false
    }
    return state != "Z" && state != "X"
}

/// Waits until none of the processes runs any more.
///
/// - Returns: Whether they were all gone within the time.
func waitUntilProcessesGone(_ pids: [Int32], within limit: Duration = .seconds(1)) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while pids.contains(where: isProcessRunning) {
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}

// MARK: - Transformers

/// Maps the digits 0-9 to the letters a-j, as a stand-in for a reducer.
final class DigitsToLetters: PipelineTransformer {
    func process(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (0x30...0x39).contains($0) ? $0 + 0x31 : $0 }
    }

    func finish() -> [UInt8] { [] }

    func takeDiagnostics() -> [String] { [] }
}

/// Holds all input back until the end and reports how much it held.
final class HoldingTransformer: PipelineTransformer {
    private var held: [UInt8] = []
    private var diagnostics: [String] = []

    func process(_ bytes: [UInt8]) -> [UInt8] {
        held += bytes
        return []
    }

    func finish() -> [UInt8] {
        diagnostics.append("held \(held.count) bytes")
        return held
    }

    func takeDiagnostics() -> [String] {
        defer { diagnostics = [] }
        return diagnostics
    }
}

/// Produces fixed bytes from empty input, like a cache reader that runs in-process.
final class FixedSource: PipelineTransformer {
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func process(_ bytes: [UInt8]) -> [UInt8] { [] }

    func finish() -> [UInt8] { bytes }

    func takeDiagnostics() -> [String] { [] }
}

/// Passes bytes on until more than a limit has arrived, then fails with a status.
final class FailingTransformer: PipelineTransformer {
    private let limit: Int
    private let status: Int32
    private var seen = 0

    init(after limit: Int, status: Int32) {
        self.limit = limit
        self.status = status
    }

    func process(_ bytes: [UInt8]) throws(PipelineStageFailure) -> [UInt8] {
        seen += bytes.count
        guard seen <= limit else {
            throw PipelineStageFailure(message: "malformed packet after \(limit) bytes", exitStatus: status)
        }
        return bytes
    }

    func finish() -> [UInt8] { [] }

    func takeDiagnostics() -> [String] { [] }
}

/// Passes bytes on and fails at the end of the input, like a reader of a truncated stream.
final class FailingAtEnd: PipelineTransformer {
    private var diagnostics: [String] = []

    func process(_ bytes: [UInt8]) -> [UInt8] { bytes }

    func finish() throws(PipelineStageFailure) -> [UInt8] {
        diagnostics.append("last packet incomplete")
        throw PipelineStageFailure(message: "stream ends inside a packet", exitStatus: 3)
    }

    func takeDiagnostics() -> [String] {
        defer { diagnostics = [] }
        return diagnostics
    }
}
