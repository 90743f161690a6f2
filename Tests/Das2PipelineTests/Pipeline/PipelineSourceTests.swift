import Foundation
import Logging
import Synchronization
import Testing

@testable import Das2Pipeline

/// A counter shared between a test and the source it creates.
final class PullCounter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }
}

/// Hands out fixed bytes in chunks, counting the pulls, as the in-process cache reader does.
final class ChunkedSource: PipelineSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0
    private let pulls: PullCounter?
    private let failure: (after: Int, status: Int32)?
    private var diagnostics: [String] = []
    private let released: OneShot<Void>?

    init(
        _ bytes: [UInt8], chunkSize: Int = 4096, pulls: PullCounter? = nil, failAfter failure: (Int, Int32)? = nil,
        released: OneShot<Void>? = nil
    ) {
        self.bytes = bytes
        self.chunkSize = chunkSize
        self.pulls = pulls
        self.failure = failure
        self.released = released
    }

    deinit { released?.fulfil(()) }

    func next() throws(PipelineStageFailure) -> [UInt8]? {
        pulls?.increment()
        if let failure, offset >= failure.after {
            diagnostics.append("block 3 is malformed")
            throw PipelineStageFailure(message: "malformed cache block", exitStatus: failure.status)
        }
        guard offset < bytes.count else { return nil }
        let end = min(offset + chunkSize, bytes.count)
        defer { offset = end }
        if offset == 0 { diagnostics.append("Reading: first block") }
        return Array(bytes[offset..<end])
    }

    func takeDiagnostics() -> [String] {
        defer { diagnostics = [] }
        return diagnostics
    }
}

/// Sources pulled in first position (the cache reader in front of a converter).
@Suite("Pipeline source stages")
struct PipelineSourceTests {
    static let lines = 20_000

    static func source(_ pulls: PullCounter? = nil) -> PipelineStage {
        .source("das2_cache_rdr", arguments: ["a.dsdf", "_noparam"]) {
            ChunkedSource(seqOutput(lines), pulls: pulls)
        }
    }

    @Test(
        "a source feeds the consumer, commands and in-process stages",
        arguments: [
            ("source", 0), ("source | command", 1), ("source | in-process", 2), ("source | in-process | command", 3),
            ("source | command | in-process", 4),
        ]
    )
    func sourceFeedsEveryShape(label: String, shape: Int) async {
        let letters = PipelineStage.inProcess("das2_letters") { DigitsToLetters() }
        let stages: [PipelineStage] =
            switch shape {
            case 0: [Self.source()]
            case 1: [Self.source(), .command("cat")]
            case 2: [Self.source(), letters]
            case 3: [Self.source(), letters, .command("tr a-j A-J")]
            default: [Self.source(), .command("cat"), letters]
            }
        let run = await collectRun(Pipeline(stages: stages))
        let expected = seqOutput(Self.lines).map { byte -> UInt8 in
            guard (0x30...0x39).contains(byte) else { return byte }
            return switch shape {
            case 2, 4: byte + 0x31
            case 3: byte + 0x11
            default: byte
            }
        }
        #expect(run.result.succeeded, "\(label): \(run.result.failure?.description ?? "stopped")")
        #expect(run.bytes.count == expected.count, "\(label)")
        #expect(run.bytes.elementsEqual(expected), "\(label)")
        #expect(run.chunkSizes.allSatisfy { $0 > 0 && $0 <= Pipeline.chunkLimit })
    }

    @Test("the plan pulls a source stage in front of the following in-process stages")
    func planPullsTheSource() throws {
        let plan = try PipelinePlan.make(for: [Self.source(), PipelinePlanTests.identity, .command("cat")]).get()
        guard case .pulled(let index, let transformers, .link) = plan.otherUnits.first, index == 0,
            transformers == 1..<2, plan.otherUnits.count == 1
        else {
            Issue.record("expected a pulled unit feeding stage 2: \(plan.otherUnits)")
            return
        }
        let alone = try PipelinePlan.make(for: [Self.source()]).get()
        guard case .pulled(let index, let transformers, .consumer) = alone.consumerUnit, index == 0,
            transformers.isEmpty
        else {
            Issue.record("a lone source should deliver to the consumer: \(alone.consumerUnit)")
            return
        }
    }

    @Test("the command description shows the source's command text and arguments")
    func descriptionShowsTheSource() {
        let pipeline = Pipeline(stages: [Self.source(), .command("probe_ascii")])
        #expect(pipeline.commandDescription == "das2_cache_rdr 'a.dsdf' '_noparam' | probe_ascii")
        #expect(pipeline.stages[0].name == "das2_cache_rdr")
    }

    @Test("a slow consumer stops the pulls")
    func slowConsumerStopsPulls() async {
        let pulls = PullCounter()
        var delivered = 0
        var pullsWhileStalled: [Int] = []
        let stages: [PipelineStage] = [
            .source("das2_cache_rdr") {
                ChunkedSource([UInt8](repeating: 0x41, count: 64 << 20), chunkSize: 65536, pulls: pulls)
            },
            .command("cat"),
        ]
        let result = await Pipeline(stages: stages).run(logger: quietPipelineLogger) { chunk in
            delivered += chunk.count
            guard delivered >= 256 * 1024 else { return }
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(150))
                pullsWhileStalled.append(pulls.value)
            }
            throw ConsumerHungUp()
        }
        #expect(result.stoppedByConsumer)
        // The pipes and the hand-over hold a few chunks; a source pulled without limit would be
        // a thousand chunks ahead.
        #expect(pullsWhileStalled.allSatisfy { $0 <= delivered / 65536 + 12 }, "\(pullsWhileStalled)")
        // Once the pipes are full (quickly, unless the machine is very busy) no pull happens.
        #expect(pullsWhileStalled[3] == pullsWhileStalled[4], "\(pullsWhileStalled)")
    }

    @Test("a failing source fails the pipeline with its status and stops the other stages")
    func failingSourceFailsThePipeline() async {
        let stages: [PipelineStage] = [
            .source("das2_cache_rdr") { ChunkedSource(seqOutput(Self.lines), failAfter: (8192, 92)) },
            .command("cat"),
        ]
        let run = await collectRun(Pipeline(stages: stages))
        #expect(run.result.failure?.stageIndex == 0)
        #expect(run.result.failure?.exitValue == 92)
        #expect(run.result.failure?.kind == .inProcess(message: "malformed cache block"))
        // The stop kills `cat`, so at most what the source produced before failing arrives.
        #expect(seqOutput(Self.lines).starts(with: run.bytes))
        #expect(run.bytes.count <= 8192)
        #expect(run.standardErrorText.contains("block 3 is malformed"))
    }

    @Test("the source's diagnostics are logged with its stage name")
    func diagnosticsAreLogged() async {
        let run = await collectRun(Pipeline(stages: [Self.source()]))
        #expect(run.standardErrorText == "Reading: first block\n")
    }

    @Test("a downstream command that stops reading early is not a failure of the source")
    func earlyDownstreamExitIsNotAFailure() async {
        let stages: [PipelineStage] = [
            .source("das2_cache_rdr") { ChunkedSource([UInt8](repeating: 0x42, count: 16 << 20), chunkSize: 65536) },
            .command("head -c 10"),
        ]
        let run = await collectRun(Pipeline(stages: stages))
        #expect(run.result.succeeded, "\(run.result.failure?.description ?? "stopped")")
        #expect(run.bytes == [UInt8](repeating: 0x42, count: 10))
    }

    @Test("the source is released when the consumer hangs up")
    func sourceIsReleasedOnHangUp() async {
        let released = OneShot<Void>()
        let stages: [PipelineStage] = [
            .source("das2_cache_rdr") {
                ChunkedSource([UInt8](repeating: 0x43, count: 8 << 20), chunkSize: 65536, released: released)
            }
        ]
        let result = await Pipeline(stages: stages).run(logger: quietPipelineLogger) { _ in throw ConsumerHungUp() }
        #expect(result.stoppedByConsumer)
        #expect(released.current != nil)
    }
}
