import Subprocess

/// What one run of the built `das2-cgi` wrote.
public struct CGIResult: Sendable {
    /// The exit status, nil when it died from a signal.
    public var exitStatus: Int32?
    /// Everything written to standard output.
    public var output: [UInt8]
    /// The code of the `Status:` line (200 when there is none).
    public var status: Int
    /// The reason phrase of the `Status:` line.
    public var reason: String
    /// The header lines other than `Status:`, in order.
    public var headers: [(name: String, value: String)]
    /// The bytes after the blank line.
    public var body: [UInt8]
    /// Everything written to standard error (the log).
    public var log: String

    /// The first value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Runs the built `das2-cgi` as a web server would: one request, described by CGI
/// meta-variables.
public enum CGIProcess {
    /// Runs `das2-cgi` with exactly `environment` (plus PATH with the built products first,
    /// unless given) and parses its output.
    ///
    /// - Parameters:
    ///   - environment: the CGI meta-variables and anything else the program should see.
    ///   - readLimit: when set, stop reading standard output after this many bytes and close
    ///     the pipe, as a web server does when its client has gone.
    /// - Returns: the parsed output; `headers` and `body` are empty when no blank line ends
    ///   the head.
    /// - Throws: when the program cannot be started.
    public static func run(_ environment: [String: String], readLimit: Int? = nil) async throws -> CGIResult {
        var variables: [Environment.Key: String] = ["PATH": ServerProcess.searchPath]
        for (name, value) in environment {
            variables[Environment.Key(stringLiteral: name)] = value
        }
        let limit = readLimit ?? Int.max
        let result = try await Subprocess.run(
            .name("das2-cgi"),
            environment: .custom(variables),
            input: .none,
            output: .sequence,
            error: .string(limit: 16 << 20)
        ) { execution in
            var bytes: [UInt8] = []
            for try await chunk in execution.standardOutput {
                bytes += chunk.withUnsafeBytes { Array($0.prefix(limit - bytes.count)) }
                if bytes.count >= limit { break }
            }
            return bytes
        }
        var parsed = CGIResult(
            exitStatus: nil, output: result.closureResult, status: 200, reason: "OK", headers: [], body: [],
            log: result.standardError
        )
        if case .exited(let code) = result.terminationStatus { parsed.exitStatus = code }
        parse(&parsed)
        return parsed
    }

    private static func parse(_ result: inout CGIResult) {
        let output = result.output
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = output.indices.first(where: { output[$0...].starts(with: separator) }) else { return }
        result.body = Array(output[(end + 4)...])
        for line in String(decoding: output[..<end], as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop { $0 == " " })
            if name.lowercased() == "status" {
                let parts = value.split(separator: " ", maxSplits: 1)
                result.status = parts.first.flatMap { Int($0) } ?? 0
                result.reason = parts.count > 1 ? String(parts[1]) : ""
            } else {
                result.headers.append((name, value))
            }
        }
    }
}
