import Das2TestSupport
import Subprocess
import Testing

/// `das2-server example READER ARGS…`, the entry point of the bundled readers.
struct ExampleCommandTests {
    private func runExample(_ arguments: [String]) async throws -> (status: Int32?, output: [UInt8]) {
        let result = try await Subprocess.run(
            .name("das2-server"),
            arguments: Arguments(["example"] + arguments),
            environment: .inherit.updating(["PATH": ServerProcess.searchPath]),
            output: .bytes(limit: 64 << 20),
            error: .discarded
        )
        if case .exited(let code) = result.terminationStatus { return (code, result.standardOutput) }
        return (nil, result.standardOutput)
    }

    @Test func writesTheReaderStreamAndExitsZero() async throws {
        let (status, output) = try await runExample(["random", "2017-01-01T00:00", "2017-01-01T00:01"])
        #expect(status == 0)
        #expect(output.starts(with: Array("[00]".utf8)))
    }

    @Test func exitsWithTheReaderStatusForAnUnknownReader() async throws {
        let (status, _) = try await runExample(["no-such-reader", "2017-01-01", "2017-01-02"])
        #expect(status == 13)
    }
}
