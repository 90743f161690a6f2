#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password from the terminal without echo, as `getpass` does.
///
/// The prompt and the answer use the controlling terminal (`/dev/tty`); without one the
/// prompt goes to stderr and the password is read from stdin, so that scripts can pipe it in.
/// Echo is switched off while reading and restored afterwards, also when a signal such as
/// Ctrl-C ends the program.
enum PasswordPrompt {
    /// Prompts and reads one line.
    /// - Parameter prompt: The text shown before the answer, e.g. `das2 password> `.
    /// - Returns: The line without its terminator.
    static func answer(to prompt: String) throws(ToolFailure) -> String {
        let terminal = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        let input = terminal >= 0 ? terminal : STDIN_FILENO
        let output = terminal >= 0 ? terminal : STDERR_FILENO
        defer {
            if terminal >= 0 { close(terminal) }
        }
        // Echo goes off before the prompt appears, so that nothing typed after it is shown.
        let silenced = EchoSuppression.begin(on: input)
        show(prompt, on: output)
        let line = line(from: input)
        if silenced {
            EchoSuppression.end()
            // The user's Enter was not echoed.
            show("\n", on: output)
        }
        guard let line else { throw ToolFailure(ToolFailure.other, "No password given") }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw ToolFailure(ToolFailure.other, "The password is not valid UTF-8")
        }
        return text
    }

    /// The bytes up to LF (a CR before it dropped), or `nil` at end of input before any byte.
    private static func line(from descriptor: Int32) -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return line.isEmpty ? nil : line }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    private static func show(_ text: String, on descriptor: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

/// The terminal settings to restore, global because a signal handler cannot capture context.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var savedDescriptor: Int32 = -1

/// Echo switched off on a terminal; a fatal signal restores it before the program ends.
private enum EchoSuppression {
    private static let fatalSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Switches echo off; `false` when the descriptor is not a terminal.
    static func begin(on descriptor: Int32) -> Bool {
        var settings = termios()
        guard isatty(descriptor) == 1, tcgetattr(descriptor, &settings) == 0 else { return false }
        savedSettings = settings
        savedDescriptor = descriptor
        for number in fatalSignals {
            signal(number) { number in
                tcsetattr(savedDescriptor, TCSAFLUSH, &savedSettings)
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        settings.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(descriptor, TCSAFLUSH, &settings)
        return true
    }

    /// Restores the terminal and the default signal handling.
    static func end() {
        tcsetattr(savedDescriptor, TCSAFLUSH, &savedSettings)
        for number in fatalSignals {
            signal(number, SIG_DFL)
        }
        savedDescriptor = -1
    }
}
