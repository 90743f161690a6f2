import Logging
import Subprocess

extension PipelineRunner {
    /// Logs every line of a command stage's standard error until it ends.
    func logStandardError(_ standardError: SubprocessOutputSequence, stage index: Int) async {
        var lines = LineAssembler(maximumLineLength: Self.maximumLogLineLength)
        var iterator = standardError.makeAsyncIterator()
        while let buffer = try? await iterator.next() {
            buffer.withUnsafeBytes { bytes in
                lines.append(bytes) { report($0, stage: index) }
            }
        }
        lines.finish { report($0, stage: index) }
    }

    /// Logs one line of a stage's standard error or diagnostics and keeps it for the result.
    func report(_ line: [UInt8], stage index: Int) {
        state.captureStandardError(line)
        logger.warning(
            "\(String(decoding: line, as: UTF8.self))",
            metadata: ["stage": "\(pipeline.stages[index].name)"]
        )
    }
}
