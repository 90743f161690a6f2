import Foundation
import Testing

@testable import Das2Pipeline

/// Stages whose process groups each hold a shell, a background `sleep 1000` and `yes`, all
/// recording their process ids in the file given as argument.
struct TerminationCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var stages: @Sendable (_ pidFile: String) -> [PipelineStage]

    static func noisy(_ pidFile: String) -> PipelineStage {
        .command(
            "echo $$ >> \"$1\"; sleep 1000 & echo $! >> \"$1\"; yes & echo $! >> \"$1\"; wait; :",
            arguments: [pidFile]
        )
    }

    static let all: [TerminationCase] = [
        TerminationCase(testDescription: "one command") { [noisy($0)] },
        TerminationCase(testDescription: "command | command") { [noisy($0), noisy($0)] },
        TerminationCase(testDescription: "command | in-process | command") {
            [noisy($0), .inProcess("das2_letters") { DigitsToLetters() }, noisy($0)]
        },
    ]

    /// The process ids of the case, once all of its shells have written theirs.
    static func recordedProcessIDs(in file: URL, count: Int) async -> [Int32] {
        let deadline = ContinuousClock.now + .seconds(5)
        while processIDs(writtenTo: file).count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return processIDs(writtenTo: file)
    }
}

@Suite("Pipeline termination", .serialized)
struct PipelineTerminationTests {
    @Test("a consumer that hangs up stops and reaps every process group", arguments: TerminationCase.all)
    func consumerHangsUp(_ termination: TerminationCase) async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pids")
        let stages = termination.stages(pidFile.path)
        let commandCount = stages.filter(\.isCommand).count
        let clock = ContinuousClock()
        var hungUpAt: ContinuousClock.Instant?

        let result = await Pipeline(stages: stages).run(logger: quietPipelineLogger) { _ in
            // Wait until every shell is running, so that there is something to kill.
            _ = await TerminationCase.recordedProcessIDs(in: pidFile, count: 3 * commandCount)
            hungUpAt = clock.now
            throw ConsumerHungUp()
        }
        let returnedAt = clock.now

        let pids = processIDs(writtenTo: pidFile)
        #expect(pids.count == 3 * commandCount)
        #expect(result.stoppedByConsumer)
        #expect(result.failure == nil)
        // The stages never end by themselves (`sleep 1000`, `yes`), so returning shows the stop;
        // the bound catches a stop that waits for something, with room for a busy machine (the
        // stop takes a few tenths of a second; 2 s was exceeded while the suites ran in parallel
        // with a build).
        #expect(returnedAt - (hungUpAt ?? returnedAt) < .seconds(10))
        #expect(await waitUntilProcessesGone(pids), "still running: \(pids.filter(isProcessRunning))")
    }

    @Test("cancelling the calling task stops and reaps every process group", arguments: TerminationCase.all)
    func cancellation(_ termination: TerminationCase) async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pids")
        let stages = termination.stages(pidFile.path)
        let commandCount = stages.filter(\.isCommand).count
        let (firstChunk, firstChunkArrived) = AsyncStream.makeStream(of: Void.self)

        let run = Task {
            await Pipeline(stages: stages).run(logger: quietPipelineLogger) { _ in
                firstChunkArrived.yield()
            }
        }
        var chunks = firstChunk.makeAsyncIterator()
        _ = await chunks.next()
        let pids = await TerminationCase.recordedProcessIDs(in: pidFile, count: 3 * commandCount)
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        run.cancel()
        let result = await run.value

        #expect(clock.now - cancelledAt < .seconds(10))
        #expect(pids.count == 3 * commandCount)
        #expect(result.stoppedByConsumer)
        #expect(result.failure == nil)
        #expect(await waitUntilProcessesGone(pids), "still running: \(pids.filter(isProcessRunning))")
    }

    @Test("processes that ignore SIGTERM are killed after the grace period")
    func stubbornProcessesAreKilled() async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pids")
        let stubborn = PipelineStage.command(
            "trap '' TERM; echo $$ >> \"$1\"; "
                + "sh -c 'trap \"\" TERM; echo $$ >> \"$0\"; exec sleep 1000' \"$1\" & yes; wait; :",
            arguments: [pidFile.path]
        )
        let result = await Pipeline(stages: [stubborn], terminationGracePeriod: .milliseconds(100))
            .run(logger: quietPipelineLogger) { _ in
                _ = await TerminationCase.recordedProcessIDs(in: pidFile, count: 2)
                throw ConsumerHungUp()
            }

        let pids = processIDs(writtenTo: pidFile)
        #expect(pids.count == 2)
        #expect(result.stoppedByConsumer)
        #expect(await waitUntilProcessesGone(pids), "still running: \(pids.filter(isProcessRunning))")
    }

    @Test("what a shell leaves behind in its group does not outlive a successful run")
    func leftoversOfSuccessfulStageAreKilled() async throws {
        let directory = try makePipelineTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pids")
        let run = await collectRun(
            Pipeline(stages: [
                .command("sleep 1000 & echo $! >> \"$1\"; echo data; :", arguments: [pidFile.path]),
                .command("cat"),
            ])
        )

        #expect(run.result.succeeded)
        #expect(run.text == "data\n")
        let pids = processIDs(writtenTo: pidFile)
        #expect(pids.count == 1)
        #expect(await waitUntilProcessesGone(pids))
    }
}
