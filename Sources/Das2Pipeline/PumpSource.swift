import Subprocess

/// A command stage's standard output as the server reads it.
struct PumpSource {
    /// The stage that writes the output.
    let stageIndex: Int
    private var iterator: SubprocessOutputSequence.Iterator

    /// Starts reading a stage's standard output.
    ///
    /// - Parameters:
    ///   - stageIndex: The stage.
    ///   - output: Its standard output.
    init(stageIndex: Int, output: SubprocessOutputSequence) {
        self.stageIndex = stageIndex
        iterator = output.makeAsyncIterator()
    }

    /// Reads the next chunk.
    ///
    /// - Returns: The chunk, or nil at the end of the output.
    /// - Throws: ``PumpInterruption/sourceUnreadable(index:message:)`` when reading fails.
    mutating func next() async throws(PumpInterruption) -> [UInt8]? {
        do {
            return try await iterator.next()?.withUnsafeBytes { Array($0) }
        } catch {
            throw .sourceUnreadable(index: stageIndex, message: String(describing: error))
        }
    }

    /// Reads and drops the rest of the output.
    mutating func discardRest() async {
        while (try? await iterator.next()) != nil {}
    }
}
