import Foundation
import Testing

@testable import Das2Pipeline

@Suite("Pipeline arguments and command text")
struct PipelineArgumentTests {
    static let hostileArguments = [
        "; rm -rf /", "a | b", "x & y", "$(echo injected)", "`id`", "back\\slash", "> out", "< in",
        "*", "?", "~", "~root", "'single'", "\"double\"", "with space", "tab\there", "new\nline",
        "", "-n", "$HOME", "${PATH}", "!", "#comment", "2017-01-01T00:00:00.000Z",
    ]

    static func splitAtNul(_ bytes: [UInt8]) -> [String] {
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(fields.last == "")
        fields.removeLast()
        return fields
    }

    @Test("appended arguments reach the program literally as single argv entries")
    func argumentsArriveLiterally() async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A file in the working directory would show up if the shell expanded `*` or `?`.
        try Data().write(to: directory.appendingPathComponent("x"))
        let echo = PipelineStage.command("printf '%s\\0'", arguments: Self.hostileArguments)
        let run = await collectRun(Pipeline(stages: [echo], workingDirectory: directory.path))

        #expect(run.result.succeeded)
        #expect(Self.splitAtNul(run.bytes) == Self.hostileArguments)
    }

    @Test("arguments of a later stage arrive literally through a nested shell")
    func argumentsOfLaterStage() async {
        let echo = PipelineStage.command(
            "sh -c 'for a; do printf \"%s\\0\" \"$a\"; done' echo_args",
            arguments: Self.hostileArguments
        )
        let run = await collectRun(
            Pipeline(stages: [.command("true"), .inProcess("das2_hold") { HoldingTransformer() }, echo])
        )

        #expect(run.result.succeeded)
        #expect(Self.splitAtNul(run.bytes) == Self.hostileArguments)
    }

    @Test("shell text may hold fixed options, lists and pipes; arguments go to its last command")
    func shellTextIsShellText() async {
        let run = await collectRun(
            Pipeline(stages: [
                .command("echo fixed; printf '%s\\n' c a b"),
                .command("sort | head -n", arguments: ["2"]),
            ])
        )

        #expect(run.result.succeeded)
        #expect(run.text == "a\nb\n")
    }

    @Test("the stage name is $0 of the shell")
    func stageNameIsDollarZero() async {
        let run = await collectRun(Pipeline(stages: [.command("echo \"$0\"; :", name: "probe_rdr")]))

        #expect(run.text == "probe_rdr\n")
    }

    @Test(
        "the command description quotes every appended argument",
        arguments: [
            (
                [PipelineStage.command("probe_rdr", arguments: ["2017-01-01", "2017-01-02"])],
                "probe_rdr '2017-01-01' '2017-01-02'"
            ),
            (
                [
                    PipelineStage.command("probe_rdr", arguments: ["2017-01-01", "2017-01-02", "b", "a"]),
                    PipelineStage.inProcess("das2_bin_avgsec", arguments: ["30"]) { DigitsToLetters() },
                ],
                "probe_rdr '2017-01-01' '2017-01-02' 'b' 'a' | das2_bin_avgsec '30'"
            ),
            (
                [PipelineStage.command("rdr -x", arguments: ["it's", ""]), PipelineStage.command("das2_ascii")],
                "rdr -x 'it'\\''s' '' | das2_ascii"
            ),
            (
                // A quote followed by a combining mark is one Character, but still a quote to sh.
                [PipelineStage.command("rdr", arguments: ["a'\u{301}b"])],
                "rdr 'a'\\''\u{301}b'"
            ),
        ]
    )
    func commandDescription(stages: [PipelineStage], expected: String) {
        #expect(Pipeline(stages: stages).commandDescription == expected)
    }

    @Test(
        "a stage is named after the base name of its first word",
        arguments: [
            ("/usr/local/bin/das2_bin_avgsec -b 2", "das2_bin_avgsec"),
            ("probe_rdr", "probe_rdr"),
            ("  juno/wav_rdr  x", "wav_rdr"),
        ]
    )
    func defaultStageName(text: String, name: String) {
        #expect(PipelineStage.command(text).name == name)
    }
}
