import Subprocess

/// Where the server reads the data it moves: a command stage's standard output, or an in-process
/// source stage.
struct PumpSource {
    /// The stage that produces the data.
    let stageIndex: Int
    private var iterator: SubprocessOutputSequence.Iterator?
    private let source: (any PipelineSource)?

    /// Starts reading a stage's standard output.
    ///
    /// - Parameters:
    ///   - stageIndex: The stage.
    ///   - output: Its standard output.
    init(stageIndex: Int, output: SubprocessOutputSequence) {
        self.stageIndex = stageIndex
        iterator = output.makeAsyncIterator()
        source = nil
    }

    /// Starts pulling an in-process source.
    ///
    /// - Parameters:
    ///   - stageIndex: The source stage.
    ///   - source: The source made for this run.
    init(stageIndex: Int, source: any PipelineSource) {
        self.stageIndex = stageIndex
        iterator = nil
        self.source = source
    }

    /// Whether the data comes from an in-process source rather than a child.
    var isInProcess: Bool { source != nil }

    /// Reads the next chunk.
    ///
    /// - Returns: The chunk (possibly empty for a source), or nil at the end of the output.
    /// - Throws: ``PumpInterruption/sourceUnreadable(index:message:)`` when reading a child fails,
    ///   ``PumpInterruption/stageFailed(index:_:)`` when a source fails.
    mutating func next() async throws(PumpInterruption) -> [UInt8]? {
        if let source {
            do {
                return try source.next()
            } catch {
                throw .stageFailed(index: stageIndex, error)
            }
        }
        do {
            return try await iterator?.next()?.withUnsafeBytes { Array($0) }
        } catch {
            throw .sourceUnreadable(index: stageIndex, message: String(describing: error))
        }
    }

    /// Returns and forgets a source's diagnostics; a child's standard error is logged elsewhere.
    func takeDiagnostics() -> [String] {
        source?.takeDiagnostics() ?? []
    }

    /// Reads and drops the rest of a child's output; a source is simply no longer pulled.
    mutating func discardRest() async {
        while (try? await iterator?.next()) != nil {}
    }
}
