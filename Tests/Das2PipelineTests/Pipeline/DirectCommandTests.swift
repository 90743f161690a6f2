import Foundation
import Testing

@testable import Das2Pipeline

@Suite("Plain command texts run without the shell")
struct DirectCommandTests {
    /// A directory holding `#!` scripts, a text file without `#!`, and a file that is not executable.
    private static func makeProgramDirectory() throws -> URL {
        let directory = try makePipelineTestDirectory()
        let files: [(name: String, text: String, mode: Int)] = [
            ("probe_rdr", "#!/bin/sh\nprintf '%s\\n' \"$PPID\" \"$0\" \"$@\"\n", 0o755),
            ("no_magic", "printf 'run by sh\\n'\n", 0o755),
            ("not_executable", "#!/bin/sh\nexit 0\n", 0o644),
        ]
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            try Data(file.text.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: file.mode], ofItemAtPath: url.path)
        }
        return directory
    }

    @Test("a text of plain words is looked up in PATH and keeps its words as argv")
    func plainWordsResolve() throws {
        let directory = try Self.makeProgramDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let resolved = DirectCommand.resolve("probe_rdr -v --level=2 a,b:c", pathValue: "/nonexistent:" + directory.path)

        #expect(resolved?.executablePath == directory.path + "/probe_rdr")
        #expect(resolved?.argumentWords == ["probe_rdr", "-v", "--level=2", "a,b:c"])
        #expect(DirectCommand.resolve("  \(directory.path)/probe_rdr\tx ", pathValue: nil)?.argumentWords == [directory.path + "/probe_rdr", "x"])
    }

    @Test(
        "text the shell could read differently keeps the shell",
        arguments: [
            "probe_rdr 'quoted'", "probe_rdr \"x\"", "probe_rdr $HOME", "probe_rdr ~", "probe_rdr *", "probe_rdr a?",
            "probe_rdr | cat", "probe_rdr; true", "probe_rdr && true", "probe_rdr > out", "probe_rdr < in",
            "probe_rdr `id`", "probe_rdr \\x", "probe_rdr #comment", "probe_rdr\ntrue", "probe_rdr (x)",
            "LEVEL=2 probe_rdr", "exec probe_rdr", "echo x", "cd /", "", "   ",
        ]
    )
    func shellSyntaxKeepsShell(text: String) throws {
        let directory = try Self.makeProgramDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        #expect(DirectCommand.resolve(text, pathValue: directory.path) == nil)
    }

    @Test("programs the shell would find otherwise, or run as scripts, keep the shell")
    func lookupMatchesTheShell() throws {
        let directory = try Self.makeProgramDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path

        // A relative or empty entry before the match depends on the working directory.
        #expect(DirectCommand.resolve("probe_rdr", pathValue: "bin:" + path) == nil)
        #expect(DirectCommand.resolve("probe_rdr", pathValue: ":" + path) == nil)
        #expect(DirectCommand.resolve("probe_rdr", pathValue: path + ":bin")?.executablePath == path + "/probe_rdr")
        // No PATH: sh uses its own default.
        #expect(DirectCommand.resolve("probe_rdr", pathValue: nil) == nil)
        // sh runs a text file without `#!` itself; a file without execute permission is skipped.
        #expect(DirectCommand.resolve("no_magic", pathValue: path) == nil)
        #expect(DirectCommand.resolve("not_executable", pathValue: path) == nil)
        #expect(DirectCommand.resolve("absent", pathValue: path) == nil)
        // A relative path is the working directory's business.
        #expect(DirectCommand.resolve("./probe_rdr", pathValue: path) == nil)
        // An ELF program is executed directly.
        #expect(DirectCommand.resolve("cat -u", pathValue: "/usr/bin:/bin")?.executablePath == "/usr/bin/cat")
    }

    @Test("a plain reader is the server's own child and gets its argv unchanged")
    func plainReaderIsDirectChild() async throws {
        let directory = try Self.makeProgramDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = ["; rm -rf /", "$(id)", "*", "with space", "new\nline", ""]
        let environment = PipelineEnvironment.inherited(updating: ["PATH": directory.path + ":/usr/bin:/bin"])

        let direct = await collectRun(
            Pipeline(stages: [.command("probe_rdr fixed", arguments: hostile)], environment: environment)
        )
        let throughShell = await collectRun(
            Pipeline(stages: [.command("probe_rdr 'fixed'", arguments: hostile)], environment: environment)
        )

        let expectedArguments = [directory.path + "/probe_rdr", "fixed"] + hostile
        #expect(direct.result.succeeded)
        #expect(direct.text == "\(getpid())\n" + expectedArguments.joined(separator: "\n") + "\n")
        #expect(throughShell.result.succeeded)
        let shellLines = throughShell.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(shellLines.first != "\(getpid())")
        #expect(throughShell.text.hasSuffix(expectedArguments.joined(separator: "\n") + "\n"))
    }

    @Test("a plain reader killed by a signal fails with 128 + signal, as through the shell")
    func plainReaderKilledBySignal() async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("crash_rdr")
        try Data("#!/bin/sh\nprintf 'partial'\nkill -SEGV $$\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

        let run = await collectRun(Pipeline(stages: [.command(script.path)]))

        #expect(run.text == "partial")
        #expect(run.result.failure?.exitValue == 128 + SIGSEGV)
        #expect(run.result.failure?.kind == .signal(SIGSEGV))
    }
}
