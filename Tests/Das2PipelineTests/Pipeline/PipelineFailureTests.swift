import Testing

@testable import Das2Pipeline

@Suite("Pipeline failure rules")
struct PipelineFailureTests {
    @Test("a failed reader in front of a working stage fails the pipeline: false | cat")
    func failedReaderFailsPipeline() async {
        let run = await collectRun(Pipeline(stages: [.command("false"), .command("cat")]))

        #expect(run.result.failure == PipelineFailure(stageIndex: 0, stageName: "false", exitValue: 1, kind: .exit))
        #expect(!run.result.stoppedByConsumer)
    }

    @Test("a writer killed by SIGPIPE after a later stage ended is no failure: yes | head -c 10")
    func brokenPipeAfterLaterStageEndedIsNoFailure() async {
        let run = await collectRun(Pipeline(stages: [.command("yes"), .command("head -c 10")]))

        #expect(run.result.succeeded)
        #expect(run.text == "y\ny\ny\ny\ny\n")
    }

    @Test("a writer into an in-process stage and a command that stops reading is no failure")
    func brokenPipeThroughServer() async {
        let letters = PipelineStage.inProcess("das2_letters") { DigitsToLetters() }
        let run = await collectRun(Pipeline(stages: [.command("yes 1"), letters, .command("head -c 6")]))

        #expect(run.result.succeeded)
        #expect(run.text == "b\nb\nb\n")
    }

    @Test(
        "a signal death counts as 128 + the signal number",
        arguments: ["sh -c 'ulimit -c 0; kill -SEGV $$'", "ulimit -c 0; kill -SEGV $$; :"]
    )
    func signalDeathExitValue(text: String) async {
        let run = await collectRun(Pipeline(stages: [.command(text, name: "probe_rdr")]))

        #expect(run.result.failure?.exitValue == 139)
        #expect(run.result.failure?.stageName == "probe_rdr")
    }

    @Test("a shell killed by a signal reports the signal")
    func signalKind() async {
        let run = await collectRun(Pipeline(stages: [.command("kill -USR1 $$; :")]))

        #expect(run.result.failure?.kind == .signal(10))
        #expect(run.result.failure?.exitValue == 138)
    }

    @Test("the first failed stage in pipeline order is reported")
    func firstFailedStageInOrder() async {
        let run = await collectRun(
            Pipeline(stages: [
                .command("echo data"),
                .command("cat; sleep 0.2; exit 4; :", name: "middle"),
                .command("cat; exit 5; :", name: "last"),
            ])
        )

        #expect(run.result.failure == PipelineFailure(stageIndex: 1, stageName: "middle", exitValue: 4, kind: .exit))
        #expect(run.text == "data\n")
    }

    @Test("an earlier failure wins over a later one even when it happens later")
    func earlierStageWinsOverEarlierEvent() async {
        let run = await collectRun(
            Pipeline(stages: [.command("sleep 0.3; exit 3; :", name: "reader"), .command("exit 5; :", name: "reducer")])
        )

        #expect(run.result.failure?.stageName == "reader")
        #expect(run.result.failure?.exitValue == 3)
    }

    @Test("an in-process stage that throws fails the pipeline with its status and stops the reader")
    func inProcessFailureStopsUpstream() async {
        let reducer = PipelineStage.inProcess("das2_bin_avgsec", arguments: ["30"]) {
            FailingTransformer(after: 200_000, status: 100)
        }
        // `yes` never ends by itself: the run returning at all shows that it was stopped (a
        // time bound here only measured how busy the machine was).
        let run = await collectRun(Pipeline(stages: [.command("yes"), reducer]))

        #expect(run.result.failure?.stageIndex == 1)
        #expect(run.result.failure?.exitValue == 100)
        #expect(run.result.failure?.kind == .inProcess(message: "malformed packet after 200000 bytes"))
        #expect(run.bytes.count > 0 && run.bytes.count <= 200_000)
        #expect(!run.result.stoppedByConsumer)
    }

    @Test("an in-process failure in the middle stops the stages on both sides")
    func inProcessFailureInTheMiddle() async {
        let reducer = PipelineStage.inProcess("das2_bin_avgsec") { FailingTransformer(after: 100_000, status: 100) }
        let run = await collectRun(Pipeline(stages: [.command("yes"), reducer, .command("cat")]))

        #expect(run.result.failure?.stageIndex == 1)
        #expect(run.result.failure?.exitValue == 100)
    }

    @Test("an in-process failure at the end of the input is reported with its diagnostics")
    func inProcessFailureAtEnd() async {
        let run = await collectRun(
            Pipeline(stages: [.command("echo data"), .inProcess("das2_ascii") { FailingAtEnd() }])
        )

        #expect(
            run.result.failure
                == PipelineFailure(
                    stageIndex: 1,
                    stageName: "das2_ascii",
                    exitValue: 3,
                    kind: .inProcess(message: "stream ends inside a packet")
                )
        )
        #expect(run.text == "data\n")
        #expect(run.standardErrorText == "last packet incomplete\n")
    }

    @Test("a missing program fails with the shell's status 127 and its message")
    func missingProgram() async {
        let run = await collectRun(Pipeline(stages: [.command("no_such_das2_reader", arguments: ["2017-01-01"])]))

        #expect(run.result.failure?.exitValue == 127)
        #expect(run.result.failure?.kind == .exit)
        #expect(run.standardErrorText.contains("not found"))
    }

    @Test("a stage that cannot be started at all is a spawn failure")
    func spawnFailure() async {
        let run = await collectRun(
            Pipeline(stages: [.command("echo data"), .command("cat")], workingDirectory: "/nonexistent/das2/dir")
        )

        #expect(run.result.failure?.stageIndex == 0)
        #expect(run.result.failure?.exitValue == 127)
        guard case .spawn(let message)? = run.result.failure?.kind else {
            Issue.record("expected a spawn failure, got \(String(describing: run.result.failure))")
            return
        }
        #expect(!message.isEmpty)
        #expect(run.bytes.isEmpty)
    }

    @Test("the failure description names the stage and what happened")
    func failureDescriptions() {
        #expect(
            PipelineFailure(stageIndex: 0, stageName: "probe_rdr", exitValue: 3, kind: .exit).description
                == "probe_rdr exited with status 3"
        )
        #expect(
            PipelineFailure(
                stageIndex: 0,
                stageName: "probe_rdr",
                exitValue: 124,
                kind: .timeout(.idle, limit: .seconds(300))
            )
            .description == "Reader timed out after 300 s"
        )
        #expect(
            PipelineFailure(
                stageIndex: 0,
                stageName: "r",
                exitValue: 124,
                kind: .timeout(.total, limit: .milliseconds(2500))
            )
            .description == "Reader timed out after 2.5 s"
        )
    }
}
