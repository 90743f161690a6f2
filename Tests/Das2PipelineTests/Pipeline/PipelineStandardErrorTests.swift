import InMemoryLogging
import Logging
import Testing

@testable import Das2Pipeline

@Suite("Pipeline standard error")
struct PipelineStandardErrorTests {
    @Test(
        "a megabyte of standard error before the output does not block the stage",
        arguments: [
            "head -c 1048576 /dev/zero | tr '\\0' e >&2; echo done; :",
            "yes 'warning: no calibration for this interval' | head -c 1048576 >&2; echo done; :",
        ]
    )
    func largeStandardErrorDoesNotDeadlock(text: String) async {
        let run = await collectRun(Pipeline(stages: [.command(text), .command("cat")]))

        #expect(run.result.succeeded)
        #expect(run.text == "done\n")
        #expect(run.result.standardError.count == Pipeline.standardErrorCaptureLimit)
        #expect(run.result.standardErrorTruncated)
    }

    @Test("standard error lines are logged with the stage name and kept in the result")
    func standardErrorIsLoggedAndCaptured() async {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "das2.pipeline.test") { _ in handler }
        let run = await collectRun(
            Pipeline(stages: [
                .command(
                    "echo 'reading 2 files' >&2; echo data; printf 'last without newline' >&2; :",
                    name: "probe_rdr"
                ),
                .command("cat; echo 'reducer note' >&2; :", name: "reducer"),
            ]),
            logger: logger
        )

        #expect(run.result.succeeded)
        #expect(!run.result.standardErrorTruncated)
        let lines = run.standardErrorText.split(separator: "\n").map(String.init)
        #expect(Set(lines) == ["reading 2 files", "last without newline", "reducer note"])
        let logged = handler.entries.filter { $0.level == .warning }
        #expect(logged.contains { $0.message.description == "reading 2 files" && $0.metadata["stage"] == "probe_rdr" })
        #expect(
            logged.contains { $0.message.description == "last without newline" && $0.metadata["stage"] == "probe_rdr" }
        )
        #expect(logged.contains { $0.message.description == "reducer note" && $0.metadata["stage"] == "reducer" })
    }

    @Test("in-process diagnostics are logged with the stage name and kept in the result")
    func diagnosticsAreLoggedAndCaptured() async {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "das2.pipeline.test") { _ in handler }
        let run = await collectRun(
            Pipeline(stages: [
                .command("echo data"), .inProcess("das2_bin_avgsec", arguments: ["30"]) { HoldingTransformer() },
            ]),
            logger: logger
        )

        #expect(run.text == "data\n")
        #expect(run.standardErrorText == "held 5 bytes\n")
        #expect(
            handler.entries.contains {
                $0.message.description == "held 5 bytes" && $0.metadata["stage"] == "das2_bin_avgsec"
            }
        )
    }
}
