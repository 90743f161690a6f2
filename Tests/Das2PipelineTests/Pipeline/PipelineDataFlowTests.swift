import Testing

@testable import Das2Pipeline

/// One wiring of stages and the output it must produce from `seq 1 100000`.
struct DataFlowCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var stages: [PipelineStage]
    var expected: @Sendable ([UInt8]) -> [UInt8]

    static let lines = 100_000
    static let seq = PipelineStage.command("seq 1", arguments: ["\(lines)"])
    static let letters = PipelineStage.inProcess("das2_letters") { DigitsToLetters() }
    static let holding = PipelineStage.inProcess("das2_hold") { HoldingTransformer() }
    static let lettersToCapitals = PipelineStage.command("tr a-j A-J")

    static func toLetters(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (0x30...0x39).contains($0) ? $0 + 0x31 : $0 }
    }

    static func toCapitals(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (0x30...0x39).contains($0) ? $0 + 0x11 : $0 }
    }

    static let all: [DataFlowCase] = [
        DataFlowCase(testDescription: "command", stages: [seq]) { $0 },
        DataFlowCase(testDescription: "command | command", stages: [seq, .command("cat")]) { $0 },
        DataFlowCase(testDescription: "command | in-process", stages: [seq, letters], expected: toLetters),
        DataFlowCase(
            testDescription: "command | in-process | command",
            stages: [seq, letters, lettersToCapitals],
            expected: toCapitals
        ),
        DataFlowCase(
            testDescription: "command | command | in-process",
            stages: [seq, .command("cat"), letters],
            expected: toLetters
        ),
        DataFlowCase(
            testDescription: "command | in-process | in-process",
            stages: [seq, letters, holding],
            expected: toLetters
        ),
        DataFlowCase(
            testDescription: "command | in-process | command | command",
            stages: [seq, holding, lettersToCapitals, .command("tr 0-9 A-J")],
            expected: toCapitals
        ),
        DataFlowCase(
            testDescription: "in-process source | command",
            stages: [.inProcess("das2_cache_rdr") { FixedSource(seqOutput(lines)) }, .command("cat")]
        ) { $0 },
        DataFlowCase(
            testDescription: "in-process source | in-process",
            stages: [.inProcess("das2_cache_rdr") { FixedSource(seqOutput(lines)) }, letters],
            expected: toLetters
        ),
    ]
}

@Suite("Pipeline data flow")
struct PipelineDataFlowTests {
    @Test("bytes arrive complete and in order", arguments: DataFlowCase.all)
    func bytesArriveCompleteAndInOrder(_ flow: DataFlowCase) async {
        let run = await collectRun(Pipeline(stages: flow.stages))

        #expect(run.result.succeeded, "\(run.result.failure?.description ?? "stopped") \(run.standardErrorText)")
        #expect(run.result.bytesDelivered == run.bytes.count)
        #expect(run.bytes == flow.expected(seqOutput(DataFlowCase.lines)))
    }

    @Test("chunks handed to the consumer are never empty and at most 64 KiB", arguments: DataFlowCase.all)
    func chunksAreBounded(_ flow: DataFlowCase) async {
        let run = await collectRun(Pipeline(stages: flow.stages))

        #expect(!run.chunkSizes.isEmpty)
        #expect(run.chunkSizes.allSatisfy { $0 > 0 && $0 <= 64 * 1024 })
    }

    @Test("a pipeline without output succeeds with no bytes")
    func emptyOutput() async {
        let run = await collectRun(Pipeline(stages: [.command("true"), .command("cat")]))

        #expect(run.result.succeeded)
        #expect(run.bytes.isEmpty)
        #expect(run.chunkSizes.isEmpty)
    }

    @Test("every command stage leads its own process group")
    func commandStagesLeadTheirProcessGroups() async {
        let report = PipelineStage.command("echo $$ $(cut -d' ' -f5 /proc/$$/stat); cat; :")
        let run = await collectRun(Pipeline(stages: [report, report]))

        let lines = run.text.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.count == 2)
        for fields in lines {
            #expect(fields.count == 2 && fields[0] == fields[1])
        }
        #expect(lines.first?.first != lines.last?.first)
    }
}
