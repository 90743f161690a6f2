import Foundation
import Subprocess

/// What a tool run produced.
public struct ToolResult: Sendable {
    /// The exit status, or nil when the process was killed by a signal.
    public var status: Int32?
    public var output: [UInt8]
    public var error: String

    /// The lines written to stderr.
    public var errorLines: [Substring] {
        error.split(separator: "\n", omittingEmptySubsequences: true)
    }
}

/// Runs the built tools, as a user would at a shell.
public enum ToolRunner {
    /// The directory holding the built executables (next to the test bundle).
    public static let productsDirectory: String = {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the test runner is `<products>/<package>PackageTests.xctest`.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("das2_ascii").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.path
    }()

    /// Runs a shell pipeline (`das2_bin_avgsec 60 | das2_ascii`) with the built tools first on
    /// PATH, feeding `input` on stdin.
    ///
    /// The input comes from a temporary file rather than a pipe: a tool that refuses its
    /// command line exits without reading stdin, and writing to that pipe would race with the
    /// exit.
    public static func run(_ pipeline: String, input: [UInt8] = []) async throws -> ToolResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("das2kit-input-\(UUID().uuidString)")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let path = productsDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await Subprocess.run(
            .name("bash"),
            arguments: ["-c", "set -o pipefail; { \(pipeline); } < '\(file.path)'"],
            environment: .inherit.updating(["PATH": path]),
            output: .bytes(limit: 256 << 20),
            error: .string(limit: 1 << 20)
        )
        let status: Int32?
        switch result.terminationStatus {
        case .exited(let code): status = code
        default: status = nil
        }
        return ToolResult(status: status, output: result.standardOutput, error: result.standardError)
    }
}
