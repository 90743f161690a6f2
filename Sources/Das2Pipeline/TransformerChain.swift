/// The in-process stages between two points where data enters and leaves the server.
///
/// Made inside the task that feeds it and used only there, as ``PipelineTransformer`` requires.
struct TransformerChain {
    private let transformers: [(index: Int, transformer: any PipelineTransformer)]

    /// Makes a fresh transformer for each in-process stage in the range.
    ///
    /// - Parameters:
    ///   - range: Consecutive in-process stages.
    ///   - stages: All stages of the pipeline.
    init(_ range: Range<Int>, of stages: [PipelineStage]) {
        transformers = range.map { index in
            guard case .inProcess(let makeTransformer) = stages[index].kind else {
                preconditionFailure("stage \(index) is not an in-process stage")
            }
            return (index, makeTransformer())
        }
    }

    /// Passes a chunk through every transformer.
    ///
    /// - Parameters:
    ///   - chunk: Input of the first transformer.
    ///   - report: Receives each stage's diagnostics.
    /// - Returns: Output of the last transformer (the chunk itself when the chain is empty).
    /// - Throws: ``PumpInterruption/stageFailed(index:_:)`` for the first transformer that fails.
    func process(_ chunk: [UInt8], report: (Int, [String]) -> Void) throws(PumpInterruption) -> [UInt8] {
        var bytes = chunk
        for (index, transformer) in transformers where !bytes.isEmpty {
            do {
                bytes = try transformer.process(bytes)
            } catch {
                report(index, transformer.takeDiagnostics())
                throw .stageFailed(index: index, error)
            }
            report(index, transformer.takeDiagnostics())
        }
        return bytes
    }

    /// Ends the input of every transformer in order, passing each one's remaining output on.
    ///
    /// - Parameters:
    ///   - report: Receives each stage's diagnostics.
    ///   - finished: Called with the index of each transformer that finished.
    /// - Returns: The remaining output of the last transformer.
    /// - Throws: ``PumpInterruption/stageFailed(index:_:)`` for the first transformer that fails.
    func finish(report: (Int, [String]) -> Void, finished: (Int) -> Void) throws(PumpInterruption) -> [UInt8] {
        var carried: [UInt8] = []
        for (index, transformer) in transformers {
            do {
                var output = carried.isEmpty ? [] : try transformer.process(carried)
                output += try transformer.finish()
                carried = output
            } catch {
                report(index, transformer.takeDiagnostics())
                throw .stageFailed(index: index, error)
            }
            report(index, transformer.takeDiagnostics())
            finished(index)
        }
        return carried
    }
}
