import Testing

@testable import Das2Pipeline

@Suite("Pipeline time limits")
struct PipelineTimeLimitTests {
    @Test("the idle timeout stops a reader that writes nothing")
    func idleTimeoutStopsSilentReader() async {
        let clock = ContinuousClock()
        let start = clock.now
        let run = await collectRun(
            Pipeline(stages: [.command("sleep 30", name: "probe_rdr")], idleTimeout: .milliseconds(300))
        )

        // Far below the reader's 30 s, with room for a loaded machine.
        #expect(clock.now - start < .seconds(10))
        #expect(
            run.result.failure
                == PipelineFailure(
                    stageIndex: 0,
                    stageName: "probe_rdr",
                    exitValue: 124,
                    kind: .timeout(.idle, limit: .milliseconds(300))
                )
        )
        #expect(run.result.failure?.description == "Reader timed out after 0.3 s")
        #expect(!run.result.stoppedByConsumer)
    }

    @Test("the idle timeout counts from the last delivered byte")
    func idleTimeoutAfterOutput() async {
        // 4 s: on a machine busy with the other suites the shells may take a second to start.
        let run = await collectRun(
            Pipeline(stages: [.command("echo first; sleep 30; :"), .command("cat")], idleTimeout: .seconds(4))
        )

        #expect(run.text == "first\n")
        #expect(run.result.failure?.kind == .timeout(.idle, limit: .seconds(4)))
        #expect(run.result.failure?.stageIndex == 0)
    }

    @Test("the maximum duration stops a reader that keeps writing")
    func maximumDurationStopsBusyReader() async {
        let clock = ContinuousClock()
        let start = clock.now
        // 4 s leaves a loaded machine time to start both shells and print a tick.
        let run = await collectRun(
            Pipeline(
                stages: [.command("while :; do echo tick; sleep 0.05; done; :"), .command("cat")],
                idleTimeout: .seconds(20),
                maximumDuration: .seconds(4)
            )
        )

        #expect(clock.now - start < .seconds(15), "stopped well before the 20 s idle limit")
        #expect(run.text.hasPrefix("tick\n"))
        #expect(run.result.failure?.kind == .timeout(.total, limit: .seconds(4)))
        #expect(run.result.failure?.exitValue == 124)
    }

    @Test("time spent in a slow consumer is not idle time")
    func slowConsumerIsNotIdle() async {
        var chunks = 0
        let result = await Pipeline(stages: [.command("echo one")], idleTimeout: .seconds(1))
            .run(logger: quietPipelineLogger) { _ in
                chunks += 1
                try await Task.sleep(for: .milliseconds(1500))
            }

        #expect(result.succeeded)
        #expect(chunks == 1)
    }
}
