import Das2Pipeline
import Das2Stream

/// A built-in das2 stream tool (`das2_bin_avgsec …`) as an in-process pipeline stage.
final class ReducerTransformer: PipelineTransformer {
    private var processor: StreamToolProcessor

    init(_ tool: StreamTool) {
        processor = tool.makeProcessor()
    }

    func process(_ bytes: [UInt8]) throws(PipelineStageFailure) -> [UInt8] {
        do {
            return try processor.process(bytes)
        } catch {
            throw PipelineStageFailure(message: error.description, exitStatus: error.exitStatus)
        }
    }

    func finish() throws(PipelineStageFailure) -> [UInt8] {
        do {
            return try processor.finish()
        } catch {
            throw PipelineStageFailure(message: error.description, exitStatus: error.exitStatus)
        }
    }

    func takeDiagnostics() -> [String] {
        processor.takeWarnings()
    }
}
