import Testing

@testable import Das2Pipeline

/// The failure rules, checked on the run state without processes so that no timing is involved.
@Suite("Pipeline failure bookkeeping")
struct PipelineRunStateTests {
    static let pipeline = Pipeline(stages: [.command("reader"), .command("reducer"), .command("das2_ascii")])

    @Test("a failure recorded before a time limit fired wins when it comes first in pipeline order")
    func earlierFailureWinsOverTimeout() {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.record(.exited(2), forStage: 0)
        state.stop(.timeLimit(.idle, .seconds(300), stageIndex: 1))
        state.record(.signaled(15), forStage: 1)
        state.record(.signaled(15), forStage: 2)

        #expect(state.result.failure == PipelineFailure(stageIndex: 0, stageName: "reader", exitValue: 2, kind: .exit))
    }

    @Test("a time limit is reported at the first stage still running; what the stop did is not")
    func timeoutAtFirstRunningStage() {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.record(.exited(0), forStage: 0)
        state.stop(.timeLimit(.total, .seconds(60), stageIndex: state.firstUnfinishedStage))
        state.record(.signaled(15), forStage: 1)
        state.record(.exited(1), forStage: 2)

        #expect(
            state.result.failure
                == PipelineFailure(
                    stageIndex: 1,
                    stageName: "reducer",
                    exitValue: 124,
                    kind: .timeout(.total, limit: .seconds(60))
                )
        )
        #expect(!state.result.stoppedByConsumer)
    }

    @Test(
        "a broken pipe is excused for every stage but the last",
        arguments: [PipelineRunState.Outcome.signaled(13), .exited(141)]
    )
    func brokenPipeRule(outcome: PipelineRunState.Outcome) {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.record(outcome, forStage: 0)
        state.record(outcome, forStage: 1)
        state.record(outcome, forStage: 2)

        #expect(state.result.failure?.stageIndex == 2)
    }

    @Test("a stage that cannot start fails the run even after another stage's stop")
    func spawnFailureAfterStop() {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.record(.failed(.spawn(message: "no such directory"), exitValue: 127), forStage: 2)
        state.stop(.stageFailed)
        state.record(.failed(.spawn(message: "no such directory"), exitValue: 127), forStage: 0)

        #expect(state.result.failure?.stageIndex == 0)
    }

    @Test("after the consumer left, only failures recorded before count")
    func consumerStop() {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.record(.exited(0), forStage: 0)
        state.stop(.consumerStopped)
        state.record(.exited(3), forStage: 1)
        state.record(.failed(.spawn(message: "interrupted"), exitValue: 127), forStage: 2)

        #expect(state.result.failure == nil)
        #expect(state.result.stoppedByConsumer)
    }

    @Test("the standard error capture keeps whole lines up to its limit")
    func standardErrorCapture() {
        let state = PipelineRunState(pipeline: Self.pipeline)
        state.captureStandardError(Array("first".utf8))
        state.captureStandardError([UInt8](repeating: 0x78, count: Pipeline.standardErrorCaptureLimit))
        state.captureStandardError(Array("late".utf8))

        #expect(state.result.standardError.count == Pipeline.standardErrorCaptureLimit)
        #expect(state.result.standardError.starts(with: Array("first\nxxx".utf8)))
        #expect(state.result.standardErrorTruncated)
    }
}
