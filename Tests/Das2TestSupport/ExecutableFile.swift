#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Puts executable files in place for tests that then run them.
///
/// A file this process opens for writing can be inherited, still open, by a child that
/// another test forks at that moment; executing the file while that child lives fails with
/// ETXTBSY ("Text file busy"). So executables are written by a separate `install` process:
/// this process never holds the final file open for writing.
public enum ExecutableFile {
    /// Writes `text` (a script) to `path`, mode 0755.
    public static func write(_ text: String, to path: String) throws {
        let source = path + ".source"
        try text.write(toFile: source, atomically: false, encoding: .utf8)
        defer { unlink(source) }
        try install(source, to: path)
    }

    /// Copies the executable at `source` to `path`, mode 0755.
    public static func copy(_ source: String, to path: String) throws {
        try install(source, to: path)
    }

    private static func install(_ source: String, to path: String) throws {
        let arguments = ["/usr/bin/install", "-m", "755", source, path]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var processID: pid_t = 0
        let spawned = posix_spawn(&processID, arguments[0], nil, nil, argv, environ)
        guard spawned == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "cannot run install: error \(spawned)"])
        }
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "install \(source) \(path) failed: status \(status)"])
        }
    }
}
