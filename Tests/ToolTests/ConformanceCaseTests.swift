import Das2TestSupport
import Testing

/// Every case of the das2C conformance list (`Tests/Fixtures/das2C/cases.tsv`): the pipeline of
/// real tools, fed the input on stdin, must write the expected bytes and exit as expected.
@Suite("das2C conformance cases")
struct ConformanceCaseTests {
    @Test("pipeline output is byte-identical to the reference", arguments: Fixtures.conformanceCases())
    func pipelineMatchesReference(_ testCase: Fixtures.ConformanceCase) async throws {
        let input = try Fixtures.bytes(Fixtures.das2C + testCase.input)
        let expected = try Fixtures.bytes(Fixtures.das2C + testCase.expected)
        let result = try await ToolRunner.run(testCase.pipeline, input: input)
        #expect(result.status == testCase.status, "stderr: \(result.error)")
        #expect(result.output.count == expected.count)
        if let mismatch = zip(result.output, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            let context = String(decoding: result.output[mismatch..<min(mismatch + 80, result.output.count)], as: UTF8.self)
            Issue.record("first difference at byte \(mismatch): \(context)")
        }
    }

    @Test func everyCaseIsListed() {
        #expect(Fixtures.conformanceCases().count == 27)
    }
}
