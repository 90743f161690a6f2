#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A command stage whose text the shell would only split into words and look up in `PATH`,
/// resolved here so the program is executed without starting `/bin/sh` first.
///
/// `/bin/sh -c 'das2-server example random "$@"' name ARG…` and executing the program found
/// in `PATH` with `das2-server example random ARG…` give the program the same argv, environment,
/// working directory and process group; skipping the shell saves a process start (about 1 ms
/// here) on every data request. Any text the shell could read differently (quotes, `$`, `~`,
/// globs, operators, redirections, assignments, builtins, more than one line) keeps the shell, as
/// does a program the lookup cannot find the way `sh` would: the shell then produces the usual
/// error and exit status.
struct DirectCommand: Equatable {
    /// The program to execute.
    var executablePath: String
    /// argv: the words of the command text (the first as written), then the appended arguments.
    var argumentWords: [String]

    /// Resolves a command text; nil when it must run through the shell.
    ///
    /// - Parameters:
    ///   - commandText: The configured text.
    ///   - pathValue: The `PATH` the child would see; nil when it has none.
    static func resolve(_ commandText: String, pathValue: String?) -> DirectCommand? {
        let words = commandText.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        guard let first = words.first, words.allSatisfy({ $0.allSatisfy(isPlain) }) else { return nil }
        let program = String(decoding: first, as: UTF8.self)
        guard !first.contains(UInt8(ascii: "=")), !shellWords.contains(program) else { return nil }
        let path: String
        if first.contains(UInt8(ascii: "/")) {
            // A relative path would be resolved against the child's working directory.
            guard first.first == UInt8(ascii: "/"), isExecutableProgram(program) else { return nil }
            path = program
        } else {
            guard let found = search(program, in: pathValue) else { return nil }
            path = found
        }
        return DirectCommand(executablePath: path, argumentWords: words.map { String(decoding: $0, as: UTF8.self) })
    }

    /// The first executable program named `name` in the directories of `pathValue`, searched
    /// in order as `sh` does; nil when not found, or when the search would reach an entry whose
    /// meaning depends on the working directory or on the shell (empty, relative, `%`).
    private static func search(_ name: String, in pathValue: String?) -> String? {
        guard let pathValue else { return nil }
        // Byte-wise and lazily: `PATH` is long and the program is usually in its first entry.
        for directory in pathValue.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
            guard directory.first == UInt8(ascii: "/"), !directory.contains(UInt8(ascii: "%")) else { return nil }
            var candidate = String(decoding: directory, as: UTF8.self)
            if directory.last != UInt8(ascii: "/") { candidate += "/" }
            candidate += name
            if isExecutableProgram(candidate) { return candidate }
        }
        return nil
    }

    /// A regular file the process may execute that `execve` runs itself: an ELF binary or a
    /// `#!` script (the shell would run a text file without `#!` as a shell script).
    private static func isExecutableProgram(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, access(path, X_OK) == 0 else {
            return false
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var magic: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &magic) { read(descriptor, $0.baseAddress, 4) }
        if count >= 2, magic.0 == UInt8(ascii: "#"), magic.1 == UInt8(ascii: "!") { return true }
        return count == 4 && magic == (0x7F, UInt8(ascii: "E"), UInt8(ascii: "L"), UInt8(ascii: "F"))
    }

    /// Bytes that mean nothing to the shell inside a word.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// Reserved words and builtins of `sh`: a command starting with one is the shell's business.
    private static let shellWords: Set<String> = [
        "!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in", "then", "until", "while",
        ".", ":", "alias", "bg", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit", "export", "false",
        "fc", "fg", "getopts", "hash", "jobs", "kill", "local", "printf", "pwd", "read", "readonly", "return", "set",
        "shift", "test", "times", "trap", "true", "type", "ulimit", "umask", "unalias", "unset", "wait",
    ]
}
