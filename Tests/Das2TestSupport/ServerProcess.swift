#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess

/// A running `das2-server` built by this package.
///
/// ```swift
/// let run = try await ServerProcess.run(["--config", conf, "--port", "0"]) { server in
///     try server.client.request("/?server=id")
/// }
/// #expect(run.value.status == 200)
/// #expect(run.exitStatus == 0)
/// ```
public struct ServerProcess: Sendable {
    /// The URL line the server printed, without the line end.
    public let url: String
    /// The port it listens on (from ``url``).
    public let port: Int
    /// Its process id.
    public let processID: Int32

    /// A client for this server.
    public var client: HTTPClient { HTTPClient(port: port) }

    /// What a server run produced.
    public struct Outcome<Value: Sendable>: Sendable {
        /// The value the body returned.
        public var value: Value
        /// The exit status, nil when the server died from a signal.
        public var exitStatus: Int32?
        /// Everything the server wrote to standard error (its log).
        public var log: String
    }

    /// The directory holding the built executables: the first directory above the test
    /// runner that holds `das2-server`, else the runner's own directory (on Linux the runner
    /// sits in the products directory).
    public static let productsDirectory: String = {
        let runnerDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var directory = runnerDirectory
        while directory.path != "/" {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("das2-server").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return runnerDirectory.path
    }()

    /// PATH with ``productsDirectory`` first.
    public static var searchPath: String {
        productsDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    /// Starts the built `das2-server` with `arguments`, waits for its URL line, runs `body`,
    /// then stops the server with SIGTERM and reaps it.
    ///
    /// - Parameters:
    ///   - arguments: the command line after `das2-server`.
    ///   - environment: changes to the inherited environment (nil removes a variable);
    ///     PATH gets ``productsDirectory`` in front unless given here.
    ///   - startTimeout: seconds to wait for the URL line before killing the server.
    ///   - body: the test, run while the server listens.
    /// - Returns: the body's value, the server's exit status and its log.
    /// - Throws: when the server cannot start or ends before printing its URL (the message
    ///   holds its log), or what `body` throws.
    public static func run<Value: Sendable>(
        _ arguments: [String],
        environment: [String: String?] = [:],
        startTimeout: Int = 30,
        body: (ServerProcess) async throws -> Value
    ) async throws -> Outcome<Value> {
        var changes: [Environment.Key: String?] = ["PATH": searchPath]
        for (name, value) in environment {
            changes[Environment.Key(stringLiteral: name)] = value
        }
        let result = try await Subprocess.run(
            .name("das2-server"),
            arguments: Arguments(arguments),
            environment: .inherit.updating(changes),
            input: .none,
            output: .sequence,
            error: .string(limit: 16 << 20)
        ) { execution -> Value? in
            let pid = execution.processIdentifier.value
            let line = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    for try await chunk in execution.standardOutput {
                        bytes += chunk.withUnsafeBytes { Array($0) }
                        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                            return String(decoding: bytes[..<newline], as: UTF8.self)
                        }
                    }
                    return nil
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(startTimeout))
                    kill(pid, SIGKILL)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let line, let server = ServerProcess(url: line, processID: pid) else {
                kill(pid, SIGKILL)
                return nil
            }
            do {
                let value = try await body(server)
                kill(pid, SIGTERM)
                return value
            } catch {
                kill(pid, SIGTERM)
                throw error
            }
        }
        let log = result.standardError
        guard let value = result.closureResult else {
            throw HTTPClientError(description: "das2-server did not print its URL; its log:\n\(log)")
        }
        let status: Int32?
        switch result.terminationStatus {
        case .exited(let code): status = code
        default: status = nil
        }
        return Outcome(value: value, exitStatus: status, log: log)
    }

    private init?(url: String, processID: Int32) {
        guard url.hasPrefix("http://"), let authority = url.dropFirst(7).split(separator: "/", omittingEmptySubsequences: false).first,
            let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...])
        else { return nil }
        self.url = url
        self.port = port
        self.processID = processID
    }
}
