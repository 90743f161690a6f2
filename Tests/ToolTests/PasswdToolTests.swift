import Das2Core
import Das2TestSupport
import Foundation
import Testing

/// `das2_srv_passwd` run as a user would (auth.md §7, config.md §1.1): the resulting files
/// are checked with `PasswordFile` and `PasswordHash`.
@Suite("das2_srv_passwd")
struct PasswdToolTests {
    /// A temporary site: `conf` names `passwd` in the same directory.
    struct Site {
        let directory: URL
        var conf: String { directory.appendingPathComponent("das2server.conf").path }
        var passwd: String { directory.appendingPathComponent("passwd").path }

        init(userPasswd: Bool = true) throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("das2kit-passwd-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let text = userPasswd ? "SITE_NAME = Test\nUSER_PASSWD = \"\(passwd)\"\n" : "SITE_NAME = Test\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: conf))
        }

        /// Runs the tool with `--config` and the given arguments.
        func run(_ arguments: String, input: String = "") async throws -> ToolResult {
            try await ToolRunner.run("das2_srv_passwd --config '\(conf)' \(arguments)", input: Array(input.utf8))
        }

        func write(_ text: String, mode: Int = 0o644) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: passwd))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: passwd)
        }

        func file() throws -> PasswordFile {
            PasswordFile(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: passwd))))
        }

        func text() throws -> String {
            try String(contentsOfFile: passwd, encoding: .utf8)
        }

        func mode() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: passwd)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }

        /// Files in the site directory other than the configuration and the password file.
        func strayFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0 != "das2server.conf" && $0 != "passwd" }
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("-c -b creates the file with one yescrypt entry that verifies")
    func createBatch() async throws {
        let site = try Site()
        defer { site.remove() }
        let result = try await site.run("-c -b testuser test")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.isEmpty && result.error.isEmpty)
        let file = try site.file()
        #expect(file.entries.map(\.login) == ["testuser"])
        #expect(file.entries[0].hash.hasPrefix("$y$") || file.entries[0].hash.hasPrefix("$6$"))
        #expect(file.verify(password: "test", for: "testuser"))
        #expect(try site.text().hasSuffix("\n"))
        #expect(try site.strayFiles().isEmpty)
    }

    @Test("Adding a user keeps the other lines, old DES entries included, in order")
    func addUser() async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("testuser:lLp764MZK2EPo\nbob:abNANd1rDfiNc\n")
        let result = try await site.run("-b alice 'pa:ss word'")
        #expect(result.status == 0, "\(result.error)")
        let file = try site.file()
        #expect(file.entries.map(\.login) == ["testuser", "bob", "alice"])
        #expect(file.entries[0].hash == "lLp764MZK2EPo")
        #expect(file.entries[1].hash == "abNANd1rDfiNc")
        #expect(file.verify(password: "test", for: "testuser"))
        #expect(file.verify(password: "pa:ss word", for: "alice"))
    }

    @Test("Replacing a password changes only the first line for the login")
    func replacePassword() async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("bob:abNANd1rDfiNc\ntestuser:lLp764MZK2EPo\nbob:lLp764MZK2EPo\n")
        let result = try await site.run("-b bob n3w")
        #expect(result.status == 0, "\(result.error)")
        let file = try site.file()
        #expect(file.entries.map(\.login) == ["bob", "testuser", "bob"])
        #expect(PasswordHash.verify(password: "n3w", hash: file.entries[0].hash))
        #expect(!PasswordHash.verify(password: "secret", hash: file.entries[0].hash))
        #expect(file.entries[2].hash == "lLp764MZK2EPo")
    }

    @Test("-D removes every line for the login")
    func deleteUser() async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("bob:abNANd1rDfiNc\ntestuser:lLp764MZK2EPo\nbob:x\n")
        let result = try await site.run("-D bob")
        #expect(result.status == 0, "\(result.error)")
        #expect(try site.text() == "testuser:lLp764MZK2EPo\n")
        let again = try await site.run("-D nobody")
        #expect(again.status == 0)
        #expect(try site.text() == "testuser:lLp764MZK2EPo\n")
    }

    @Test("-c starts from an empty file, overwriting an existing one")
    func createOverwrites() async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("testuser:lLp764MZK2EPo\nbob:abNANd1rDfiNc\n", mode: 0o640)
        let result = try await site.run("-c -b carol pw")
        #expect(result.status == 0, "\(result.error)")
        #expect(try site.file().entries.map(\.login) == ["carol"])
        #expect(try site.mode() == 0o640)
    }

    @Test("The file keeps its permissions and is replaced, not edited in place", arguments: [0o600, 0o640, 0o604])
    func permissionsKept(mode: Int) async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("testuser:lLp764MZK2EPo\n", mode: mode)
        let before = try FileManager.default.attributesOfItem(atPath: site.passwd)[.systemFileNumber] as? NSNumber
        let result = try await site.run("-b bob secret")
        #expect(result.status == 0, "\(result.error)")
        #expect(try site.mode() == mode)
        let after = try FileManager.default.attributesOfItem(atPath: site.passwd)[.systemFileNumber] as? NSNumber
        #expect(before != after)
        #expect(try site.strayFiles().isEmpty)
        #expect(try site.file().verify(password: "secret", for: "bob"))
    }

    @Test("A symbolic link to the password file stays a link; its target is replaced")
    func symbolicLink() async throws {
        let site = try Site()
        defer { site.remove() }
        let target = site.directory.appendingPathComponent("real-passwd").path
        try Data("testuser:lLp764MZK2EPo\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: site.passwd, withDestinationPath: target)
        let result = try await site.run("-b bob secret")
        #expect(result.status == 0, "\(result.error)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.passwd) == target)
        #expect(try site.file().entries.map(\.login) == ["testuser", "bob"])
    }

    @Test("The configuration comes from DAS2_SERVER_CONF when --config is absent")
    func environmentConfiguration() async throws {
        let site = try Site()
        defer { site.remove() }
        let result = try await ToolRunner.run("DAS2_SERVER_CONF='\(site.conf)' das2_srv_passwd -c -b eve pw")
        #expect(result.status == 0, "\(result.error)")
        #expect(try site.file().verify(password: "pw", for: "eve"))
        let other = try Site()
        defer { other.remove() }
        let preferOption = try await ToolRunner.run(
            "DAS2_SERVER_CONF='\(site.conf)' das2_srv_passwd --config '\(other.conf)' -c -b mallory pw")
        #expect(preferOption.status == 0, "\(preferOption.error)")
        #expect(try other.file().entries.map(\.login) == ["mallory"])
        #expect(try site.file().entries.map(\.login) == ["eve"])
    }

    @Test("Without --config or DAS2_SERVER_CONF the file is <dir of the program>/../etc/das2server.conf")
    func installedDefault() async throws {
        let site = try Site()
        defer { site.remove() }
        let bin = site.directory.appendingPathComponent("bin")
        let etc = site.directory.appendingPathComponent("etc")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        // A hard link, not a copy: a child another test spawns while the copy is open for
        // writing inherits that descriptor, and executing the copy then fails (ETXTBSY, 126).
        let program = ToolRunner.productsDirectory + "/das2_srv_passwd"
        let installed = bin.appendingPathComponent("das2_srv_passwd").path
        if (try? FileManager.default.linkItem(atPath: program, toPath: installed)) == nil {
            try FileManager.default.copyItem(atPath: program, toPath: installed)
        }
        try FileManager.default.copyItem(atPath: site.conf, toPath: etc.appendingPathComponent("das2server.conf").path)
        let result = try await ToolRunner.run("unset DAS2_SERVER_CONF; '\(bin.path)/das2_srv_passwd' -c -b dora pw")
        #expect(result.status == 0, "\(result.error)")
        #expect(try site.file().verify(password: "pw", for: "dora"))
        try FileManager.default.removeItem(at: etc.appendingPathComponent("das2server.conf"))
        let missing = try await ToolRunner.run("unset DAS2_SERVER_CONF; '\(bin.path)/das2_srv_passwd' -c -b dora pw")
        #expect(missing.status == 17)
        #expect(missing.errorLines == ["\(etc.path)/das2server.conf is missing"])
    }

    /// A command line that must fail, its status and its one line on stderr.
    struct Failure: Sendable, CustomStringConvertible {
        let arguments: String
        let status: Int32
        let message: String
        var description: String { arguments }
    }

    static let failures: [Failure] = [
        Failure(arguments: "-b bob", status: 23, message: "In batch mode but password not supplied"),
        Failure(arguments: "-b", status: 23, message: "In batch mode but password not supplied"),
        Failure(arguments: "-D -b bob", status: 23, message: "In batch mode but password not supplied"),
        Failure(arguments: "", status: 24, message: "Username not provided"),
        Failure(arguments: "-D", status: 24, message: "Username not provided"),
        Failure(arguments: "-D bob extra", status: 25, message: "Extraneous parameters after the username"),
        Failure(arguments: "-b bob pw extra", status: 25, message: "Extraneous parameters after the password"),
        Failure(
            arguments: "bob pw", status: 25,
            message: "Extraneous parameters after the username (use -b to give the password on the command line)"),
        Failure(
            arguments: "-b 'a:b' pw", status: 1,
            message: "Invalid login 'a:b': it must not be empty, contain ':' or control characters, or start or end with white space"
        ),
        Failure(
            arguments: "-b ' bob' pw", status: 1,
            message: "Invalid login ' bob': it must not be empty, contain ':' or control characters, or start or end with white space"
        ),
    ]

    @Test("Bad command lines fail with the reference status and one line on stderr", arguments: failures)
    func badCommandLines(_ failure: Failure) async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("testuser:lLp764MZK2EPo\n")
        let result = try await site.run(failure.arguments)
        #expect(result.status == failure.status)
        #expect(result.errorLines == [Substring(failure.message)])
        #expect(result.output.isEmpty)
        #expect(try site.text() == "testuser:lLp764MZK2EPo\n")
    }

    @Test("A missing password file without -c exits 22")
    func missingFile() async throws {
        let site = try Site()
        defer { site.remove() }
        let result = try await site.run("-b bob pw")
        #expect(result.status == 22)
        #expect(result.errorLines == ["Password file \(site.passwd) dosen't exist, re-run with -c to create it"])
        #expect(!FileManager.default.fileExists(atPath: site.passwd))
    }

    @Test("A configuration without USER_PASSWD exits 21")
    func noUserPasswd() async throws {
        let site = try Site(userPasswd: false)
        defer { site.remove() }
        let result = try await site.run("-c -b bob pw")
        #expect(result.status == 21)
        #expect(result.errorLines == ["Indicate location of the das2 password file via USER_PASSWD = in \(site.conf)"])
    }

    @Test("A missing or broken configuration exits 17")
    func badConfiguration() async throws {
        let site = try Site()
        defer { site.remove() }
        try FileManager.default.moveItem(atPath: site.conf, toPath: site.conf + ".example")
        let example = try await site.run("-c -b bob pw")
        #expect(example.status == 17)
        #expect(example.errorLines == ["Move \(site.conf).example to \(site.conf) to enable your site"])
        try FileManager.default.removeItem(atPath: site.conf + ".example")
        let missing = try await site.run("-c -b bob pw")
        #expect(missing.status == 17)
        #expect(missing.errorLines == ["\(site.conf) is missing"])
        try Data("SITE_NAME Test\n".utf8).write(to: URL(fileURLWithPath: site.conf))
        let broken = try await site.run("-c -b bob pw")
        #expect(broken.status == 17)
        #expect(broken.errorLines == ["Error in \(site.conf) line 1"])
    }

    @Test("A password file the tool does not understand is left alone")
    func malformedFile() async throws {
        let site = try Site()
        defer { site.remove() }
        try site.write("testuser:lLp764MZK2EPo\ngarbage\n")
        let result = try await site.run("-b bob pw")
        #expect(result.status == 1)
        #expect(result.errorLines == ["Error in \(site.passwd) line 2: expected login:hash"])
        #expect(try site.text() == "testuser:lLp764MZK2EPo\ngarbage\n")
    }

    @Test("Unknown options are refused with one line")
    func unknownOption() async throws {
        let site = try Site()
        defer { site.remove() }
        let result = try await site.run("-x bob")
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1)
    }

    @Test("Without a terminal the password is read twice from stdin")
    func promptFromStdin() async throws {
        let site = try Site()
        defer { site.remove() }
        // setsid detaches from any controlling terminal, so /dev/tty cannot be opened.
        let result = try await ToolRunner.run(
            "setsid -w das2_srv_passwd --config '\(site.conf)' -c frank", input: Array("s3cret\ns3cret\n".utf8))
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error == "das2 password> das2 password (again)> ")
        #expect(try site.file().verify(password: "s3cret", for: "frank"))

        let mismatch = try await ToolRunner.run(
            "setsid -w das2_srv_passwd --config '\(site.conf)' frank", input: Array("one\ntwo\n".utf8))
        #expect(mismatch.status == 1)
        #expect(mismatch.errorLines.last?.hasSuffix("The passwords do not match") == true)
        #expect(try site.file().verify(password: "s3cret", for: "frank"))
    }

    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test(
        "On a terminal the prompt appears and the password is not echoed",
        .enabled(if: hasPython, "python3 (for its pty module) is not installed"))
    func promptOnTerminal() async throws {
        let site = try Site()
        defer { site.remove() }
        let script = site.directory.appendingPathComponent("terminal_driver.py").path
        try Data(Self.ptyDriver.utf8).write(to: URL(fileURLWithPath: script))
        let result = try await ToolRunner.run(
            "/usr/bin/python3 '\(script)' \"$(command -v das2_srv_passwd)\" --config '\(site.conf)' -c grace")
        let transcript = String(decoding: result.output, as: UTF8.self)
        #expect(result.status == 0, "\(transcript) \(result.error)")
        #expect(transcript.contains("das2 password> "))
        #expect(transcript.contains("das2 password (again)> "))
        #expect(!transcript.contains("Tr0ub4dor"))
        #expect(try site.file().verify(password: "Tr0ub4dor", for: "grace"))
    }

    @Test(
        "Ctrl-C at the prompt ends the program with echo restored",
        .enabled(if: hasPython, "python3 (for its pty module) is not installed"))
    func interruptRestoresEcho() async throws {
        let site = try Site()
        defer { site.remove() }
        let script = site.directory.appendingPathComponent("interrupt_driver.py").path
        try Data(Self.interruptDriver.utf8).write(to: URL(fileURLWithPath: script))
        let result = try await ToolRunner.run(
            "/usr/bin/python3 '\(script)' \"$(command -v das2_srv_passwd)\" --config '\(site.conf)' -c heidi")
        let report = String(decoding: result.output, as: UTF8.self)
        #expect(result.status == 0, "\(report) \(result.error)")
        #expect(report == "interrupted\necho on\n")
        #expect(!FileManager.default.fileExists(atPath: site.passwd))
    }

    /// Starts a program on a pseudo-terminal it controls, presses Ctrl-C at the prompt and
    /// reports how it ended and whether the terminal echoes again.
    static let interruptDriver = """
        import fcntl, os, signal, sys, termios
        signal.alarm(30)
        master, slave = os.openpty()
        pid = os.fork()
        if pid == 0:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for target in (0, 1, 2):
                os.dup2(slave, target)
            os.close(master)
            os.execv(sys.argv[1], sys.argv[1:])
        seen = b""
        while b"das2 password> " not in seen:
            seen += os.read(master, 1024)
        os.write(master, b"\\x03")
        _, status = os.waitpid(pid, 0)
        interrupted = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT
        print("interrupted" if interrupted else "status %d" % status)
        print("echo on" if termios.tcgetattr(slave)[3] & termios.ECHO else "echo off")
        """

    /// Runs a program on a new pseudo-terminal, answers both prompts once they appear and
    /// prints everything the terminal showed.
    static let ptyDriver = """
        import os, pty, signal, sys
        signal.alarm(30)
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(sys.argv[1], sys.argv[1:])
        seen = b""
        def wait_for(token):
            global seen
            while token not in seen:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:
                    return
                if not chunk:
                    return
                seen += chunk
        wait_for(b"das2 password> ")
        os.write(fd, b"Tr0ub4dor\\n")
        wait_for(b"(again)> ")
        os.write(fd, b"Tr0ub4dor\\n")
        wait_for(b"\\xff")
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(seen.decode("utf-8", "replace"))
        sys.exit(os.waitstatus_to_exitcode(status))
        """
}
