import Foundation

/// A probe log (`PROBE_LOG`): lines `NAME <JSON array of argv[1...]>` appended by the probe
/// programs.
public struct ProbeLog: Sendable {
    /// The log file.
    public let path: String

    /// Creates a reader of the log at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Every line, parsed: program name and arguments, oldest first. Lines whose JSON does not
    /// parse keep their raw text as the single argument.
    public func entries() -> [(name: String, arguments: [String])] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { line in
            guard let space = line.firstIndex(of: " ") else { return (String(line), []) }
            let json = line[line.index(after: space)...]
            let arguments = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String]
            return (String(line[..<space]), arguments ?? [String(json)])
        }
    }

    /// argv(X) of the conformance cases: the arguments of the last line logged by `name`,
    /// nil when `name` logged nothing ("not run").
    public func argv(of name: String) -> [String]? {
        entries().last { $0.name == name }?.arguments
    }

    /// Whether `name` logged anything.
    public func ran(_ name: String) -> Bool {
        argv(of: name) != nil
    }

    /// Empties the log (for a server whose probes share one log between requests).
    public func clear() {
        _ = FileManager.default.createFile(atPath: path, contents: Data())
    }

    /// The process id `big_rdr` recorded in `<log>.big_rdr.pid`, nil before it started.
    public func bigReaderProcessID() -> Int32? {
        guard let text = try? String(contentsOfFile: path + ".big_rdr.pid", encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
