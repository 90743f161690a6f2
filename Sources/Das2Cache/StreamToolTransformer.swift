package import Das2Pipeline
package import Das2Stream

/// A built-in das2 stream tool (`das2_bin_avgsec …`, `das2_ascii`) as an in-process pipeline
/// stage: the cache builder's reducers and the server's reducers and converters.
package final class StreamToolTransformer: PipelineTransformer {
    private var processor: StreamToolProcessor

    package init(_ tool: StreamTool) {
        processor = tool.makeProcessor()
    }

    package func process(_ bytes: [UInt8]) throws(PipelineStageFailure) -> [UInt8] {
        do {
            return try processor.process(bytes)
        } catch {
            throw PipelineStageFailure(message: error.description, exitStatus: error.exitStatus)
        }
    }

    package func finish() throws(PipelineStageFailure) -> [UInt8] {
        do {
            return try processor.finish()
        } catch {
            throw PipelineStageFailure(message: error.description, exitStatus: error.exitStatus)
        }
    }

    package func takeDiagnostics() -> [String] {
        processor.takeWarnings()
    }
}
